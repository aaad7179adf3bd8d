//! "What this means": decoded codes (official name, plain meaning, source), certificate cards,
//! probe facts, other recognised clues and the engine's diagnostics (what to paste instead).
use crate::components::cert_card::cert_card;
use crate::components::parts::{severity_badge, static_html};
use crate::components::rich_text::rich_text;
use crate::components::source_links::source_links;
use engine::finding::Origin;
use engine::Report;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub report: Rc<Report>,
    /// True while the engine is still analysing the latest change.
    #[prop_or_default]
    pub pending: bool,
}

/// The side badge of a decoded code: static literal markup (no user data).
fn side(s: Option<engine::catalog::Side>) -> Html {
    use engine::catalog::Side::*;
    static_html(match s {
        Some(Client) => r#"<span class="badge">client side</span>"#,
        Some(Server) => r#"<span class="badge">server side</span>"#,
        Some(Network) => r#"<span class="badge">network</span>"#,
        Some(Either) => r#"<span class="badge">either side</span>"#,
        None => "",
    })
}

/// Kept as a component for embedding and the component tests; the app calls
/// [`decoded_list_view`] directly.
#[function_component(DecodedList)]
pub fn decoded_list(props: &Props) -> Html {
    decoded_list_view(&props.report, props.pending)
}

pub fn decoded_list_view(r: &Report, pending: bool) -> Html {
    let probe: Vec<_> = r
        .findings
        .iter()
        .filter(|f| f.origin == Origin::Probe)
        .collect();
    let clues: Vec<_> = r
        .findings
        .iter()
        .filter(|f| f.origin == Origin::Text && !r.decoded.iter().any(|d| d.evidence == f.evidence))
        .collect();
    let empty =
        r.decoded.is_empty() && r.certificates.is_empty() && probe.is_empty() && clues.is_empty();
    // Every `static_html` string below is a static literal of this file (no user data).
    html! {
        <section id="meaning" class="panel" aria-labelledby="meaning-h">
            { static_html(r#"<h2 id="meaning-h">What this means</h2>"#) }
            <p class="status" role="status">{ if pending { "Analysing…" } else { "" } }</p>
            if empty && r.diagnostics.is_empty() {
                { static_html(r#"<p class="empty">Add the error message or a log and its codes are explained here.</p>"#) }
            }
            if !r.decoded.is_empty() {
                <ul class="decoded-list">
                { for r.decoded.iter().map(|d| html! {
                    <li class="decoded">
                        <div class="decoded-head">
                            <span class="code">{ &d.display }</span>
                            <code class="name">{ d.name.clone().unwrap_or_else(|| "unrecognised code".into()) }</code>
                            { side(d.side) }
                            if matches!(d.status, Some(engine::catalog::Status::Observed)) { { static_html(r#"<span class="badge sev-warning">observed, not documented</span>"#) } }
                        </div>
                        <p>{ rich_text(&d.meaning) }</p>
                        if let Some(s) = &d.source { { source_links(s) } }
                    </li>
                }) }
                </ul>
            }
            if !r.certificates.is_empty() {
                { static_html("<h3>Certificates</h3>") }
                <div class="cards">
                    { for r.certificates.iter().map(cert_card) }
                </div>
            }
            if !probe.is_empty() {
                { static_html("<h3>What the probe found</h3>") }
                <ul class="facts">
                    { for probe.iter().map(|f| {
                        let body = html! { <><strong>{ &f.title }</strong>if f.detail != f.title { {": "}{ &f.detail } }</> };
                        if f.strength == engine::Strength::Hard {
                            html! { <li class="fact hard">{ body }</li> }
                        } else {
                            html! { <li class="fact soft">{ body }</li> }
                        }
                    }) }
                </ul>
            }
            if !clues.is_empty() {
                { static_html("<h3>Other clues</h3>") }
                <ul class="facts">
                    { for clues.iter().take(40).map(|f| html! {
                        <li><strong>{ &f.title }</strong>if f.detail != f.title { {": "}{ rich_text(&f.detail) } }
                            if let Some(s) = &f.source { { source_links(s) } }
                        </li>
                    }) }
                </ul>
            }
            if !r.diagnostics.is_empty() {
                <ul class="diagnostics" aria-label="Notes about the input">
                    { for r.diagnostics.iter().map(|d| {
                        let sev = severity_badge(d.severity, [
                            r#"<span class="badge sev-error">Problem</span>"#,
                            r#"<span class="badge sev-warning">Note</span>"#,
                            r#"<span class="badge sev-info">Info</span>"#,
                        ]);
                        html! { <li class="diagnostic">{ sev }{" "}{ rich_text(&d.message) }</li> }
                    }) }
                </ul>
            }
        </section>
    }
}
