//! Knowledge texts with `code` in backticks, shown with the code as `<code>` and the backticks
//! gone (the knowledge and the Markdown keep them). A plain view function; everything is
//! rendered as text nodes, never as markup.
use yew::prelude::*;

/// The parts of `s`: `(is_code, text)`. An unmatched backtick is kept as a character.
pub fn code_spans(s: &str) -> Vec<(bool, &str)> {
    let mut out = Vec::new();
    let mut rest = s;
    while let Some(open) = rest.find('`') {
        let Some(len) = rest[open + 1..].find('`') else {
            break;
        };
        if open > 0 {
            out.push((false, &rest[..open]));
        }
        let code = &rest[open + 1..open + 1 + len];
        if !code.is_empty() {
            out.push((true, code));
        }
        rest = &rest[open + 2 + len..];
    }
    if !rest.is_empty() {
        out.push((false, rest));
    }
    out
}

/// `s` with its `code` spans as `<code>` elements.
#[inline(never)]
pub fn rich_text(s: &str) -> Html {
    if !s.contains('`') {
        return html! { { s.to_string() } };
    }
    html! { <>{ for code_spans(s).into_iter().map(|(code, t)| if code {
        html! { <code>{ t.to_string() }</code> }
    } else {
        html! { { t.to_string() } }
    }) }</> }
}
