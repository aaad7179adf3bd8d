//! Export: the Markdown summary for the ticket (copy), the report JSON (download), print, and a
//! share link that carries the whole session in the URL fragment (with a warning, since it
//! contains what was pasted).
use crate::components::copy_button::CopyButton;
use crate::components::parts::static_html;
use crate::hooks::use_download::use_download;
use crate::hooks::use_print::use_print;
use crate::hooks::use_url::app_base_url;
use crate::state::AppState;
use yew::prelude::*;

/// Sessions bigger than this are not put in a link (browsers cap URLs around 2 MB).
const MAX_LINK_CONTENT: usize = 1536 * 1024;

/// The panel's state, kept by the caller (`use_export`): the "hide personal data" switch, the
/// share link made for the current session, and the download and print actions.
#[derive(Clone)]
pub struct Export {
    redact: UseStateHandle<bool>,
    /// The share link made for the current session (empty: none).
    link: UseStateHandle<String>,
    /// Why no link could be made (empty: no problem).
    link_error: UseStateHandle<String>,
    download: Callback<(String, String, String)>,
    print: Callback<()>,
}

/// The caller calls [`Export::forget_link`] whenever the session changes (its effect on the
/// revision: one effect for both, as each effect is its own code in the wasm). `before_print`
/// runs before the page is printed (it renders every fix card).
#[hook]
pub fn use_export(before_print: Callback<()>) -> Export {
    Export {
        download: use_download(),
        print: use_print(before_print),
        link: use_state(String::new),
        link_error: use_state(String::new),
        redact: use_state(bool::default),
    }
}

impl Export {
    /// True when "Hide user names…" is on (the print view then prints the redacted summary).
    pub fn redacting(&self) -> bool {
        *self.redact
    }

    /// Drops the share link (or its error): a link made for an older state would be misleading.
    pub fn forget_link(&self) {
        // Only when there is one: setting state re-renders the whole page.
        if !self.link.is_empty() {
            self.link.set(String::new());
        }
        if !self.link_error.is_empty() {
            self.link_error.set(String::new());
        }
    }
}

/// The export panel (a plain view function of the app state and `use_export`'s state).
pub fn export_panel(state: &UseReducerHandle<AppState>, ex: &Export) -> Html {
    let s = &**state;
    let (redact, link, link_error) = (ex.redact.clone(), ex.link.clone(), ex.link_error.clone());
    let download = ex.download.clone();
    let markdown = s.markdown(*redact);
    let on_redact = {
        let redact = redact.clone();
        Callback::from(move |e: Event| {
            let i: web_sys::HtmlInputElement = e.target_unchecked_into();
            redact.set(i.checked());
        })
    };
    let on_download = {
        let state = state.clone();
        let redact = redact.clone();
        Callback::from(move |_| {
            download.emit((
                "rdp-triage-report.json".into(),
                state.report_json(*redact),
                "application/json".into(),
            ))
        })
    };
    let on_link = {
        let state = state.clone();
        let redact = redact.clone();
        let (link, link_error) = (link.clone(), link_error.clone());
        Callback::from(move |_| {
            let size: usize = state.items.iter().map(|i| i.content.len()).sum();
            if size > MAX_LINK_CONTENT {
                link.set(String::new());
                link_error.set(format!(
                    "This session holds {} KB of pasted data, too much for a link. Download the report JSON and attach it to the ticket instead.",
                    size / 1024
                ));
            } else {
                link_error.set(String::new());
                link.set(format!(
                    "{}#r={}",
                    app_base_url(),
                    state.share_payload(*redact)
                ));
            }
        })
    };
    // Every `static_html` string below is a static literal of this file (no user data).
    html! {
        <section id="export" class="panel" aria-labelledby="export-h">
            { static_html(r#"<h2 id="export-h">Summary for the ticket</h2>"#) }
            <details>
                { static_html(r#"<summary>Show the Markdown summary</summary>"#) }
                <pre id="markdown" class="markdown" tabindex="0">{ markdown.clone() }</pre>
            </details>
            <div class="row">
                <CopyButton text={markdown} label="Copy the Markdown summary" id="copy-md" />
                { static_html(r#"<span class="muted">Markdown summary</span>"#) }
                <label class="inline"><input type="checkbox" id="redact-ips" checked={*redact} onchange={on_redact} />{" Hide user names, IP addresses and other host names (in the summary, the report JSON, the link and the print)"}</label>
            </div>
            <div class="row">
                <button type="button" class="btn" id="download-json" onclick={on_download}>{"Download report JSON"}</button>
                <button type="button" class="btn" id="print" onclick={ex.print.reform(|_| ())}>{"Print"}</button>
                <button type="button" class="btn" id="make-link" onclick={on_link}>{"Create share link"}</button>
            </div>
            if !link.is_empty() {
                <div class="share">
                    { static_html(r#"<p class="warning" role="note"><strong>Careful: </strong>this link contains everything you pasted (logs, host names, certificates). Share it only with people who may see that. It lives in the part after # and is not sent to any server when opened.</p><label for="share-link">Share link</label>"#) }
                    <input id="share-link" type="text" readonly=true value={(*link).clone()} />
                    <CopyButton text={(*link).clone()} label="Copy the share link" id="copy-link" />
                </div>
            } else if !link_error.is_empty() {
                <p class="warning" role="alert">{ (*link_error).clone() }</p>
            }
        </section>
    }
}
