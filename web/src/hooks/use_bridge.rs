//! `use_bridge`: the local probe bridge (protocol v1, `rdp-probe serve`). Pairs once with the
//! one-time token from `#bridge=PORT.TOKEN`, keeps the session token in memory only, and asks
//! the helper on this computer to scan a host; the probe report JSON goes to the caller.
use super::fetch;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

#[derive(Debug, Clone, PartialEq)]
pub enum BridgeStatus {
    Idle,
    Running(String),
    Done(String),
    Failed(String),
}

pub struct Bridge {
    /// The helper's port, when the page was opened from `rdp-probe serve`.
    pub port: Option<u16>,
    pub status: BridgeStatus,
    /// Scan this host (call only after the user confirmed).
    pub scan: Callback<String>,
}

struct Creds {
    port: u16,
    pairing: Option<String>,
    session: Option<String>,
}

/// Splits `host[:port]` (IPv6 literals in brackets keep their colons).
pub fn split_host_port(input: &str) -> (String, u16) {
    let t = input.trim();
    if let Some((h, p)) = t.rsplit_once(':') {
        if (!h.contains(':') || h.ends_with(']')) && !p.is_empty() {
            if let Ok(port) = p.parse::<u16>() {
                return (h.trim_matches(|c| c == '[' || c == ']').to_string(), port);
            }
        }
    }
    (t.trim_matches(|c| c == '[' || c == ']').to_string(), 3389)
}

/// The status is kept in a `String` state (a state of a type of its own costs its own code in
/// the wasm; the app's other `String` states share theirs): empty when idle, otherwise a kind
/// letter (`R` running, `D` done, `F` failed) followed by the message.
fn set(status: &UseStateHandle<String>, s: BridgeStatus) {
    status.set(match s {
        BridgeStatus::Idle => String::new(),
        BridgeStatus::Running(m) => format!("R{m}"),
        BridgeStatus::Done(m) => format!("D{m}"),
        BridgeStatus::Failed(m) => format!("F{m}"),
    });
}

/// The status a [`set`] string stands for.
fn get(s: &str) -> BridgeStatus {
    let m = s.get(1..).unwrap_or("").to_string();
    match s.as_bytes().first() {
        Some(b'R') => BridgeStatus::Running(m),
        Some(b'D') => BridgeStatus::Done(m),
        Some(b'F') => BridgeStatus::Failed(m),
        _ => BridgeStatus::Idle,
    }
}

#[hook]
pub fn use_bridge(pairing: Option<(u16, String)>, on_report: Callback<String>) -> Bridge {
    let status = use_state(String::new);
    let port = pairing.as_ref().map(|p| p.0);
    let creds = use_mut_ref(move || {
        pairing.map(|(port, token)| Creds {
            port,
            pairing: Some(token),
            session: None,
        })
    });
    let scan = {
        let status = status.clone();
        Callback::from(move |host: String| {
            let status = status.clone();
            let creds = creds.clone();
            let on_report = on_report.clone();
            let Some(port) = creds.borrow().as_ref().map(|c| c.port) else {
                set(&status, BridgeStatus::Failed("This page was not opened from `rdp-probe serve`, so there is no helper to ask.".into()));
                return;
            };
            spawn_local(async move {
                let existing = creds.borrow().as_ref().and_then(|c| c.session.clone());
                let session = match existing {
                    Some(s) => s,
                    None => {
                        let token = creds.borrow_mut().as_mut().and_then(|c| c.pairing.take());
                        let Some(token) = token else {
                            set(&status, BridgeStatus::Failed("The pairing token was already used. Start `rdp-probe serve` again and open the new link.".into()));
                            return;
                        };
                        set(
                            &status,
                            BridgeStatus::Running(format!(
                                "Pairing with the probe helper on 127.0.0.1:{port}…"
                            )),
                        );
                        let body = match fetch::post_bridge(port, "/v1/pair", &token, "{}").await {
                            Ok(b) => b,
                            Err(e) => return set(&status, BridgeStatus::Failed(e)),
                        };
                        let s = serde_json::from_str::<serde_json::Value>(&body)
                            .ok()
                            .and_then(|v| {
                                v.get("session")
                                    .and_then(|s| s.as_str())
                                    .map(str::to_string)
                            });
                        let Some(s) = s else {
                            return set(
                                &status,
                                BridgeStatus::Failed(
                                    "The probe helper's pairing answer had no session token."
                                        .into(),
                                ),
                            );
                        };
                        if let Some(c) = creds.borrow_mut().as_mut() {
                            c.session = Some(s.clone());
                        }
                        s
                    }
                };
                let (h, p) = split_host_port(&host);
                set(
                    &status,
                    BridgeStatus::Running(format!("Scanning {h} port {p} from this computer…")),
                );
                // Written by hand: a `serde_json::Value` here would bring its serializer into the wasm.
                let body = format!(
                    "{{\"host\":{},\"port\":{p}}}",
                    serde_json::to_string(&h).unwrap_or_default()
                );
                match fetch::post_bridge(port, "/v1/scan", &session, &body).await {
                    Ok(json) => {
                        on_report.emit(json);
                        set(
                            &status,
                            BridgeStatus::Done(format!(
                                "Probe of {h} finished; its report was added to the evidence."
                            )),
                        );
                    }
                    Err(e) => set(&status, BridgeStatus::Failed(e)),
                }
            });
        })
    };
    Bridge {
        port,
        status: get(&status),
        scan,
    }
}
