//! RDP Triage web app. `state` is the only module that calls the engine; components render
//! state and send actions. One component per file under `components/`.

pub mod components;
pub mod state;

pub use components::app::App;
