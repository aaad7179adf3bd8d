//! Small non-generic view helpers for markup that repeats across components (badges,
//! definition-list rows): one copy of the element-building code in the wasm instead of one per
//! use. Not a component: plain functions returning `Html`.
use engine::finding::Severity;
use yew::prelude::*;

/// A badge: `<span class="badge sev-…">` coloured by severity (`None`: a plain badge).
/// Every class list is a literal: a computed `class={…}` makes Yew build a `Classes` set at run
/// time, and that code would be in the wasm for a few class names.
#[inline(never)]
pub fn badge(sev: Option<Severity>, children: Html) -> Html {
    match sev {
        Some(Severity::Error) => html! { <span class="badge sev-error">{ children }</span> },
        Some(Severity::Warning) => html! { <span class="badge sev-warning">{ children }</span> },
        Some(Severity::Info) => html! { <span class="badge sev-info">{ children }</span> },
        None => html! { <span class="badge">{ children }</span> },
    }
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

/// Markup that never changes (headings, labels, help texts), handed to the browser's HTML
/// parser as one string instead of being built element by element: a few bytes of string data
/// replace the element-building code each `html!` element costs in the wasm. The DOM is the same.
/// Only ever called with a string literal of this crate (the `&'static str` type keeps it so):
/// never with anything pasted, loaded, shared or read from the address, which is always
/// rendered as text nodes by `html!`.
#[inline(never)]
pub fn static_html(markup: &'static str) -> Html {
    Html::from_html_unchecked(AttrValue::Static(markup))
}

/// The word for a severity badge, from `words` (error, warning, info).
pub fn severity_word(sev: Severity, words: [&'static str; 3]) -> &'static str {
    match sev {
        Severity::Error => words[0],
        Severity::Warning => words[1],
        Severity::Info => words[2],
    }
}
