//! Messages for the user: what just happened (errors as alerts), and whether the session is
//! being kept in this browser. A plain view function.
use crate::state::Notice;
use yew::prelude::*;

pub fn notice_bar(
    notice: Option<&Notice>,
    storage: &str,
    on_dismiss: Callback<MouseEvent>,
) -> Html {
    html! {
        <div class="notices">
            <div role="status" aria-live="polite">
                if let Some(n) = notice.filter(|n| !n.error) {
                    <p class="notice" id="notice">{ &n.text }{" "}
                        <button type="button" class="btn small" onclick={on_dismiss}>{"Dismiss"}</button></p>
                }
            </div>
            <div role="alert">
                if let Some(n) = notice.filter(|n| n.error) {
                    <p class="notice error" id="notice-error">{ &n.text }</p>
                }
                if !storage.is_empty() {
                    <p class="notice error" id="storage-warning">{ storage }</p>
                }
            </div>
        </div>
    }
}
