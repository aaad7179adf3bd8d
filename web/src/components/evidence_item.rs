//! One evidence item: its kind, label and size, a Remove button, what was recognised in it and
//! the text with the recognised parts highlighted. A plain view function (no state of its
//! own); the highlighted text is a component so its segments are memoised.
use crate::components::highlighted_text::HighlightedText;
use crate::components::parts::static_html;
use crate::detect::Kind;
use crate::state::{human_size, Action, AppState, Item};
use yew::prelude::*;

pub fn evidence_item(state: &UseReducerHandle<AppState>, it: &Item) -> Html {
    let findings = state.findings_for(it.id);
    // Literal class lists (a computed one goes through Yew's run-time `Classes`).
    // Static literal markup (no user data; the words are `Kind::label`'s).
    let kind_badge = static_html(match it.kind {
        Kind::Text => r#"<span class="badge kind-text">Text</span>"#,
        Kind::Certificate => r#"<span class="badge kind-cert">Certificate</span>"#,
        Kind::Probe => r#"<span class="badge kind-probe">Probe report</span>"#,
    });
    let summary = match (it.kind, findings.len()) {
        (Kind::Text, 0) => "nothing recognised".to_string(),
        (_, 0) => String::new(),
        (_, n) => format!("{n} recognised"),
    };
    let on_remove = {
        let (d, id) = (state.dispatcher(), it.id);
        Callback::from(move |_| d.dispatch(Action::Remove(id)))
    };
    // The `static_html` string below is a static literal of this file (no user data).
    html! {
        <li class="item" key={it.id}>
            <div class="item-head">
                { kind_badge }
                <span class="item-label">{ it.label.clone() }</span>
                <span class="muted">{ human_size(it.content.len()) }{ if summary.is_empty() { String::new() } else { format!(" · {summary}") } }</span>
                <button type="button" class="btn small remove" id={format!("remove-{}", it.id)} aria-label={format!("Remove {}", it.label)}
                    onclick={on_remove}>{"Remove"}</button>
            </div>
            if !findings.is_empty() {
                <ul class="item-findings">
                    { for findings.iter().take(50).map(|f| html! {
                        <li><strong>{ &f.title }</strong>
                            if !f.detail.is_empty() && f.detail != f.title { {": "}{ &f.detail } }
                        </li>
                    }) }
                </ul>
            }
            if it.kind == Kind::Text {
                <details open={it.content.len() < 4096}>
                    { static_html("<summary>Show the text</summary>") }
                    <HighlightedText text={it.content.clone()} spans={state.spans_for(it.id)} />
                </details>
            }
        </li>
    }
}
