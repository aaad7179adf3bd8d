//! One component per file.
pub mod app;
pub mod cause_list;
pub mod cert_card;
pub mod copy_button;
pub mod decoded_list;
pub mod evidence_item;
pub mod evidence_list;
pub mod export_panel;
pub mod fix_card;
pub mod fix_list;
pub mod highlighted_text;
pub mod host_field;
pub mod notice_bar;
pub mod paste_box;
pub mod probe_panel;
pub mod question_panel;
pub mod start_over;
