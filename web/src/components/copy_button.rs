//! A "Copy" button for one command or text, announcing the result to screen readers.
use crate::hooks::use_clipboard::use_clipboard;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub text: AttrValue,
    /// Accessible name, e.g. "Copy command".
    #[prop_or(AttrValue::Static("Copy"))]
    pub label: AttrValue,
    #[prop_or_default]
    pub id: Option<AttrValue>,
}

#[function_component(CopyButton)]
pub fn copy_button(props: &Props) -> Html {
    let clip = use_clipboard();
    let onclick = {
        let copy = clip.copy.clone();
        let text = props.text.to_string();
        Callback::from(move |_| copy.emit(text.clone()))
    };
    html! {
        <span class="copy">
            <button type="button" class="btn small" id={props.id.clone()} aria-label={props.label.clone()} {onclick}>{"Copy"}</button>
            <span class="copy-status" role="status">{ clip.status }</span>
        </span>
    }
}
