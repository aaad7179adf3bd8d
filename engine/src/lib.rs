//! RDP Triage engine: turns what a user pastes (error dialogs, event logs, FreeRDP logs,
//! certificates, probe reports) into typed evidence, reasons over a knowledge base of causes,
//! questions and fixes, and returns a ranked, explained plan.
//!
//! The stages stay apart: [`text`], [`cert`] and [`probe`] parse input into [`finding::Finding`]s
//! that carry evidence keys ([`evidence`]); [`kb`] holds the knowledge as data; [`rank`] turns
//! findings, answers and feedback into a [`schema::Report`].
//!
//! Invariants: no I/O, no clock, no randomness. The current time is an argument
//! ([`schema::Request::now`]). Parsers never fail as a whole: they return what they recognised
//! plus diagnostics. Nothing here panics on any input. The one thread the engine may start
//! (natively, to share the matching of a paste of a megabyte or more) changes no result.

// `schema::Shared` is `Arc<str>` natively and `String` on wasm32, and the code converts into it
// with `.into()`: on wasm32 that conversion is the identity, which clippy would flag at each
// site.
#![cfg_attr(target_arch = "wasm32", allow(clippy::useless_conversion))]

pub mod catalog;
pub mod cert;
pub mod evidence;
pub mod finding;
pub mod fleet;
pub mod hosts;
pub mod kb;
pub mod limits;
pub mod probe;
pub mod rank;
pub mod redact;
pub mod render;
pub mod schema;
pub mod share;
pub mod sources;
#[cfg(test)]
mod test_rng;
pub mod text;
pub mod time;

#[cfg(feature = "js")]
pub mod js;

pub use finding::{Diagnostic, Finding, Severity, Span, Strength};
pub use rank::diagnose;
pub use schema::{Report, Request};
pub use text::{analyze_text, analyze_text_on_one_thread, TextAnalysis};
