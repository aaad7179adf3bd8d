//! One component per file.
pub mod app;
pub mod decoded_list;
