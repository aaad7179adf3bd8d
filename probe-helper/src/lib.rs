//! The library half of `rdp-probe`: every module of the helper, so the binary (`main.rs`) stays
//! a thin command-line front end and the I/O-free parsers of server replies can be called
//! directly by fuzz targets and tests:
//! - [`x224::decode_confirm`] — X.224 Connection Confirm (RDP_NEG_RSP / RDP_NEG_FAILURE);
//! - [`tls::parse_reply`] — the records a server sends after a hand-built ClientHello
//!   (ServerHello, alert, and the TLS ≤ 1.2 Certificate message whose chain is captured);
//! - [`ntlm::parse_challenge`] — the NTLM CHALLENGE inside a CredSSP TSRequest;
//! - [`mcs::decode_connect_response`] — the MCS Connect Response of Standard RDP Security.
//!
//! [`replies`] wraps each of them in the checks the fuzz targets and the replay test share.
//! The modules that do I/O (`scan`, `serve`, `fleet`, `tcp`, `dns`) call these same functions.

pub mod diag;
pub mod dns;
pub mod fleet;
pub mod mcs;
pub mod ntlm;
pub mod open;
pub mod output;
pub mod replies;
pub mod scan;
pub mod serve;
pub mod tcp;
pub mod tls;
pub mod x224;

use std::time::Duration;

/// Where `--open` and `serve` send the user when no --app is given.
pub const DEFAULT_APP_URL: &str = "http://127.0.0.1:8080/";

/// Parses `5s`, `500ms`, `2m` or a bare number of seconds (50 ms to 10 min).
pub fn parse_duration(s: &str) -> Result<Duration, String> {
    parse_duration_max(s, 600.0)
}

/// Like [`parse_duration`] with an upper bound of a day (for idle limits).
pub fn parse_long_duration(s: &str) -> Result<Duration, String> {
    parse_duration_max(s, 86400.0)
}

fn parse_duration_max(s: &str, max: f64) -> Result<Duration, String> {
    let s = s.trim();
    let (num, mul) = if let Some(n) = s.strip_suffix("ms") {
        (n, 0.001)
    } else if let Some(n) = s.strip_suffix('s') {
        (n, 1.0)
    } else if let Some(n) = s.strip_suffix('m') {
        (n, 60.0)
    } else {
        (s, 1.0)
    };
    let v: f64 = num
        .trim()
        .parse()
        .map_err(|_| format!("\"{s}\" is not a duration; use e.g. 5s or 800ms"))?;
    let secs = v * mul;
    if !(0.05..=max).contains(&secs) {
        return Err(format!("\"{s}\" is out of range (50ms to {max} s)"));
    }
    Ok(Duration::from_secs_f64(secs))
}
