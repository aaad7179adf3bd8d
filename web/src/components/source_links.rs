//! Where a decoded code or a clue comes from: each source as a link to the public page it came
//! from, titled in words (`engine::sources::resolve` turns `[AX-DISC]`, FreeRDP paths, GitHub
//! issues and signature sources into titles and addresses); a source with no public address is
//! named in words. A plain view function.
use yew::prelude::*;

/// `Source: <a>…</a>; <a>…</a>` for a source string of the knowledge.
pub fn source_links(source: &str) -> Html {
    let links = engine::sources::resolve(source);
    if links.is_empty() {
        return html! {};
    }
    let n = links.len();
    html! {
        <p class="source">{ if n == 1 { "Source: " } else { "Sources: " } }
            { for links.into_iter().enumerate().map(|(i, l)| {
                let sep = if i + 1 < n { "; " } else { "" };
                match l.url {
                    Some(url) => html! { <><a href={url} target="_blank" rel="noopener noreferrer">{ l.text }</a>{ sep }</> },
                    None => html! { <>{ l.text }{ sep }</> },
                }
            }) }
        </p>
    }
}
