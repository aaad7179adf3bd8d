//! `use_now`: the current time as RFC 3339, read once when the app mounts (the engine has no
//! clock, so the app supplies it for certificate expiry).
use yew::prelude::*;

#[hook]
pub fn use_now() -> String {
    let now = use_state(|| String::from(js_sys::Date::new_0().to_iso_string()));
    (*now).clone()
}
