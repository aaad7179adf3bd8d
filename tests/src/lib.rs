//! Shared helpers for the end-to-end and real-peer tests.
