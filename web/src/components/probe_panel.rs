//! The probe panel: how to run `rdp-probe` on Windows and Linux and bring its result in (drop
//! the JSON, paste it, or open the link it prints), and, when the page was opened from
//! `rdp-probe serve`, a confirmed "Run probe from this computer". A plain view function.
use crate::components::copy_button::CopyButton;
use crate::components::parts::static_html;
use crate::components::probe_download::probe_download;
use crate::hooks::use_bridge::{Bridge, BridgeStatus};
use crate::hooks::use_probe_manifest::ProbeManifest;
use yew::prelude::*;

/// The probe panel for the host typed so far; `confirming` (the "Go ahead?" question is
/// showing) is state kept by the caller.
pub fn probe_panel(
    host: &str,
    bridge: &Bridge,
    confirming: &UseStateHandle<bool>,
    downloads: Option<&std::rc::Rc<ProbeManifest>>,
) -> Html {
    let host = host.trim().to_string();
    let shown = if host.is_empty() {
        "HOST".to_string()
    } else {
        host.clone()
    };
    let win = format!(".\\rdp-probe.exe scan {shown} --open");
    let win_json = format!(".\\rdp-probe.exe scan {shown} --json > probe.json");
    let linux = format!("./rdp-probe scan {shown} --json > probe.json");
    let running = matches!(bridge.status, BridgeStatus::Running(_));
    // Every `static_html` string below is a static literal of this file (no user data).
    html! {
        <section id="probe" class="panel" aria-labelledby="probe-h">
            { static_html(r#"<h2 id="probe-h">Probe the server (optional)</h2><p>rdp-probe checks from your computer whether the server answers, which security it asks for, and its certificate, in about a second. It changes nothing.</p>"#) }
            { probe_download(downloads.map(|m| &**m)) }
            { static_html(r#"<h3>Windows (PowerShell)</h3>"#) }
            <div class="cmd"><pre><code>{ &win }</code></pre><CopyButton text={win.clone()} label="Copy the Windows command that opens the result here" /></div>
            { static_html(r#"<p class="help">--open opens this page with the result. Or save the JSON and drop the file on the paste area:</p>"#) }
            <div class="cmd"><pre><code>{ &win_json }</code></pre><CopyButton text={win_json.clone()} label="Copy the Windows command that writes JSON" /></div>
            { static_html(r#"<h3>Linux or macOS</h3>"#) }
            <div class="cmd"><pre><code>{ &linux }</code></pre><CopyButton text={linux.clone()} label="Copy the Linux command" /></div>
            { static_html(r#"<p class="help">Then paste or drop probe.json above, or paste the link it prints.</p>"#) }
            if let Some(port) = bridge.port {
                <div class="bridge">
                    { static_html(r#"<h3>Run the probe from this computer</h3>"#) }
                    <p>{ format!("This page was opened by rdp-probe on this computer (127.0.0.1:{port}).") }</p>
                    if host.is_empty() {
                        { static_html(r#"<p class="warning">Type the computer name above first.</p>"#) }
                    } else if **confirming {
                        <p role="alert">{ format!("rdp-probe will connect from this computer to {host} (port 3389 unless you typed another) and read what the server offers. Go ahead?") }</p>
                        <div class="row">
                            <button type="button" class="btn primary" id="bridge-confirm" onclick={
                                let c = confirming.clone(); let cb = bridge.scan.clone(); let h = host.clone();
                                Callback::from(move |_| { c.set(false); cb.emit(h.clone()); })
                            }>{ format!("Yes, probe {host}") }</button>
                            <button type="button" class="btn" onclick={ let c = confirming.clone(); Callback::from(move |_| c.set(false)) }>{"Cancel"}</button>
                        </div>
                    } else {
                        <button type="button" class="btn primary" id="bridge-run" disabled={running}
                            onclick={ let c = confirming.clone(); Callback::from(move |_| c.set(true)) }>{"Run probe from this computer"}</button>
                    }
                    { match &bridge.status {
                        BridgeStatus::Idle => html! {},
                        BridgeStatus::Running(m) => html! { <p role="status">{ m }</p> },
                        BridgeStatus::Done(m) => html! { <p role="status" class="success">{ m }</p> },
                        BridgeStatus::Failed(m) => html! { <p role="alert" class="warning">{ m }</p> },
                    } }
                </div>
            }
        </section>
    }
}
