//! A pasted item rendered as text nodes with `<mark>` around what the engine recognised.
//! Never HTML: every segment is a text node. Large items show windows around the marks.
use crate::highlight::{segments, Segment};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub text: Rc<str>,
    pub spans: Vec<(usize, usize, String)>,
}

#[function_component(HighlightedText)]
pub fn highlighted_text(props: &Props) -> Html {
    let segs = use_memo((props.text.clone(), props.spans.clone()), |(t, s)| {
        segments(t, s)
    });
    html! {
        <pre class="item-text" tabindex="0" aria-label="Pasted text with recognised parts highlighted">
            { for segs.iter().map(|s| match s {
                Segment::Plain(t) => html! { { t.clone() } },
                Segment::Mark { text, title } => html! { <mark title={title.clone()}>{ text.clone() }</mark> },
                Segment::Gap(n) => html! { <span class="gap">{ format!("\n… {} bytes not shown …\n", n) }</span> },
            }) }
        </pre>
    }
}
