//! Browser APIs behind hooks, one hook per file, so components stay free of `web_sys` details.
pub mod use_bridge;
pub mod use_clipboard;
pub mod use_download;
pub mod use_embed;
pub mod use_engine_worker;
pub mod use_file_drop;
pub mod use_hash_change;
pub mod use_local_storage;
pub mod use_now;
pub mod use_overlay;
pub mod use_print;
pub mod use_probe_manifest;
pub mod use_resize_observer;
pub mod use_shell;
pub mod use_signature_pack;
pub mod use_url;

pub mod fetch;
