//! Small non-generic view helpers for markup that repeats across components (badges,
//! definition-list rows): one copy of the element-building code in the wasm instead of one per
//! use. Not a component: plain functions returning `Html`.
use engine::finding::Severity;
use yew::prelude::*;

/// A badge: `<span class="badge sev-…">` coloured by severity.
/// Every class list is a literal: a computed `class={…}` makes Yew build a `Classes` set at run
/// time, and that code would be in the wasm for a few class names.
#[inline(never)]
pub fn badge(sev: Severity, children: Html) -> Html {
    match sev {
        Severity::Error => html! { <span class="badge sev-error">{ children }</span> },
        Severity::Warning => html! { <span class="badge sev-warning">{ children }</span> },
        Severity::Info => html! { <span class="badge sev-info">{ children }</span> },
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

/// A severity badge whose word is fixed (`<span class="badge sev-…">word</span>`), given as
/// the three static literal markups for error, warning and info (no user data): static HTML
/// costs less than building the badge.
pub fn severity_badge(sev: Severity, markup: [&'static str; 3]) -> Html {
    static_html(match sev {
        Severity::Error => markup[0],
        Severity::Warning => markup[1],
        Severity::Info => markup[2],
    })
}
