//! Where to get rdp-probe: the binaries served next to the app (`probe/manifest.json`, written
//! by `scripts/stage-probe`) with their size and SHA-256, or, when none was built, one line on
//! how to build it. A plain view function used by the probe panel.
use crate::components::parts::static_html;
use crate::hooks::use_probe_manifest::ProbeManifest;
use crate::state::human_size;
use yew::prelude::*;

pub fn probe_download(manifest: Option<&ProbeManifest>) -> Html {
    let Some(m) = manifest else {
        return html! {};
    };
    if m.files.is_empty() {
        // A static literal (no user data).
        return static_html(
            r#"<p class="help" id="probe-build">No rdp-probe build is served here: build it with <code>cargo build --release -p probe-helper</code> (Windows: add <code>--target x86_64-pc-windows-gnu</code>), then run <code>scripts/build-web</code>.</p>"#,
        );
    }
    html! {
        <div class="probe-downloads" id="probe-downloads">
            { static_html(r#"<h3>Get rdp-probe</h3>"#) }
            <ul>
                { for m.files.iter().map(|f| html! {
                    <li>
                        <a class="probe-file" href={format!("probe/{}", f.file)} download={f.file.clone()}
                            data-sha256={f.sha256.clone()}>
                            { format!("{} ({}, {})", f.file, f.platform, human_size(f.bytes as usize)) }
                        </a>
                        <br />{"SHA-256: "}<code class="sha256">{ &f.sha256 }</code>
                    </li>
                }) }
            </ul>
            { static_html(r#"<p class="help">Check the download before running it: <code>Get-FileHash .\rdp-probe.exe</code> on Windows, <code>sha256sum rdp-probe</code> on Linux, and compare with the SHA-256 above.</p>"#) }
        </div>
    }
}
