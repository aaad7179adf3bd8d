//! RDP Triage web app. `state` is the only module that calls the engine; components render
//! state and send actions (one component per file under `components/`); browser APIs live
//! behind `use_*` hooks (one per file under `hooks/`). `detect`, `highlight` and `pretty` are pure helpers.

pub mod components;
pub mod detect;
pub mod highlight;
pub mod hooks;
pub mod pretty;
pub mod state;

pub use components::app::App;
