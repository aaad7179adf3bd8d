//! One evidence item: its kind, label and size, a Remove button, what was recognised in it and
//! the text with the recognised parts highlighted.
use crate::components::highlighted_text::HighlightedText;
use crate::detect::Kind;
use crate::state::Item;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub item: Rc<Item>,
    /// (title, detail) of each finding from this item.
    pub findings: Vec<(String, String)>,
    pub spans: Vec<(usize, usize, String)>,
    pub on_remove: Callback<()>,
}

fn size(n: usize) -> String {
    match n {
        n if n >= 1 << 20 => format!("{:.1} MB", n as f64 / (1 << 20) as f64),
        n if n >= 1 << 10 => format!("{:.1} KB", n as f64 / 1024.0),
        n => format!("{n} bytes"),
    }
}

#[function_component(EvidenceItem)]
pub fn evidence_item(props: &Props) -> Html {
    let it = &props.item;
    let on_remove = props.on_remove.clone();
    let kind_class = match it.kind {
        Kind::Text => "kind-text",
        Kind::Certificate => "kind-cert",
        Kind::Probe => "kind-probe",
    };
    let summary = match (it.kind, props.findings.len()) {
        (Kind::Text, 0) => "nothing recognised".to_string(),
        (_, 0) => String::new(),
        (_, n) => format!("{n} recognised"),
    };
    html! {
        <li class="item">
            <div class="item-head">
                <span class={classes!("badge", kind_class)}>{ it.kind.label() }</span>
                <span class="item-label">{ it.label.clone() }</span>
                <span class="muted">{ size(it.content.len()) }{ if summary.is_empty() { String::new() } else { format!(" · {summary}") } }</span>
                <button type="button" class="btn small remove" aria-label={format!("Remove {}", it.label)}
                    onclick={Callback::from(move |_| on_remove.emit(()))}>{"Remove"}</button>
            </div>
            if !props.findings.is_empty() {
                <ul class="item-findings">
                    { for props.findings.iter().take(50).map(|(t, d)| html! {
                        <li><strong>{ t.clone() }</strong>
                            if !d.is_empty() && d != t { {": "}{ d.clone() } }
                        </li>
                    }) }
                </ul>
            }
            if it.kind == Kind::Text {
                <details open={it.content.len() < 4096}>
                    <summary>{"Show the text"}</summary>
                    <HighlightedText text={it.content.clone()} spans={props.spans.clone()} />
                </details>
            }
        </li>
    }
}
