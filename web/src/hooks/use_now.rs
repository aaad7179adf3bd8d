//! The current time as RFC 3339, for the app's state (the engine has no clock, so the app
//! supplies it for certificate expiry). A plain function, not a hook: the app reads it once,
//! in its reducer's initialiser, when it mounts.

pub fn now() -> String {
    String::from(js_sys::Date::new_0().to_iso_string())
}
