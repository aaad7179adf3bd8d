//! Small non-generic view helpers for markup that repeats across components (badges,
//! definition-list rows): one copy of the element-building code in the wasm instead of one per
//! use. Not a component: plain functions returning `Html`.
use yew::prelude::*;

/// `<span class="{class}">{text}</span>`, e.g. a badge (`class` is the whole class list).
#[inline(never)]
pub fn span(class: &'static str, text: AttrValue) -> Html {
    html! { <span class={class}>{ text }</span> }
}

/// `<dt>{key}</dt><dd>{value}</dd>`, or nothing when the value is empty.
#[inline(never)]
pub fn row(key: &'static str, value: String) -> Html {
    if value.is_empty() {
        html! {}
    } else {
        html! { <><dt>{ key }</dt><dd>{ value }</dd></> }
    }
}

/// The badge class list and word for a severity ("OK" / "Note"… as `words` says).
pub fn severity_badge(
    sev: engine::finding::Severity,
    words: [&'static str; 3],
) -> (&'static str, &'static str) {
    use engine::finding::Severity::*;
    match sev {
        Error => ("badge sev-error", words[0]),
        Warning => ("badge sev-warning", words[1]),
        Info => ("badge sev-info", words[2]),
    }
}
