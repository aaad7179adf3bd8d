//! Messages for the user: what just happened (errors as alerts), and whether the session is
//! being kept in this browser.
use crate::state::Notice;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub notice: Option<Notice>,
    pub storage: Option<AttrValue>,
    pub on_dismiss: Callback<()>,
}

#[function_component(NoticeBar)]
pub fn notice_bar(props: &Props) -> Html {
    let on_dismiss = props.on_dismiss.clone();
    html! {
        <div class="notices">
            <div role="status" aria-live="polite">
                if let Some(n) = props.notice.as_ref().filter(|n| !n.error) {
                    <p class="notice" id="notice">{ &n.text }{" "}
                        <button type="button" class="btn small" onclick={Callback::from(move |_| on_dismiss.emit(()))}>{"Dismiss"}</button></p>
                }
            </div>
            <div role="alert">
                if let Some(n) = props.notice.as_ref().filter(|n| n.error) {
                    <p class="notice error" id="notice-error">{ &n.text }</p>
                }
                if let Some(s) = &props.storage {
                    <p class="notice error" id="storage-warning">{ s }</p>
                }
            </div>
        </div>
    }
}
