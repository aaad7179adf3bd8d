//! `use_probe_manifest`: reads `probe/manifest.json`, which `scripts/stage-probe` (run by
//! `scripts/build-web`) writes next to the app when rdp-probe binaries were built: for each file
//! its name, platform, size and SHA-256, so the probe panel can link them with their checksum.
//! `None` until read; `Some(empty)` when no binary is served (the panel then says how to build).
//! It is read [`DELAY_MS`] after the app mounts, not at once: the links are not needed for the
//! first report, and their fetch and the re-render they cause would compete with it.
use super::fetch;
use serde::Deserialize;
use std::rc::Rc;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

/// Where the manifest is, relative to the app.
pub const MANIFEST_URL: &str = "probe/manifest.json";

/// How long after the app mounts the manifest is read (milliseconds).
pub const DELAY_MS: u32 = 2_000;

/// One downloadable binary (`rdp-triage.probe-downloads/1`).
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct ProbeFile {
    /// File name inside `probe/` (`rdp-probe`, `rdp-probe.exe`).
    pub file: String,
    /// In words: "Windows x86-64", "Linux x86-64".
    pub platform: String,
    pub bytes: u64,
    /// Lower-case hex SHA-256 of the file.
    pub sha256: String,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub struct ProbeManifest {
    #[serde(default)]
    pub version: String,
    #[serde(default)]
    pub files: Vec<ProbeFile>,
}

/// Keeps only entries that are safe to link: a plain file name and a 64-digit hex checksum.
pub fn parse(json: &str) -> ProbeManifest {
    let mut m: ProbeManifest = serde_json::from_str(json).unwrap_or_default();
    m.files.retain(|f| {
        !f.file.is_empty()
            && f.file
                .bytes()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'.' | b'-' | b'_'))
            && !f.file.starts_with('.')
            && f.sha256.len() == 64
            && f.sha256.bytes().all(|c| c.is_ascii_hexdigit())
    });
    m
}

#[hook]
pub fn use_probe_manifest() -> Option<Rc<ProbeManifest>> {
    let manifest = use_state(|| None::<Rc<ProbeManifest>>);
    {
        let manifest = manifest.clone();
        use_effect_with((), move |_| {
            let later = gloo::timers::callback::Timeout::new(DELAY_MS, move || {
                spawn_local(async move {
                    // No manifest (nothing built, or served without it) is the same as no files.
                    let m = fetch::get_text(MANIFEST_URL, 64 * 1024)
                        .await
                        .map(|t| parse(&t))
                        .unwrap_or_default();
                    manifest.set(Some(Rc::new(m)));
                });
            });
            move || drop(later)
        });
    }
    (*manifest).clone()
}
