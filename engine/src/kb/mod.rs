//! The knowledge base: causes, questions and fixes as data (one JSON file per entry under
//! `engine/knowledge/`), embedded at build time, validated, and optionally merged with an
//! organisation's overlay.
