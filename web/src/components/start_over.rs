//! "Start over": clears the session after an explicit confirmation. A plain view function;
//! `asking` (the confirmation is showing) is state kept by the caller.
use crate::components::parts::static_html;
use yew::prelude::*;

pub fn start_over(asking: &UseStateHandle<bool>, on_reset: Callback<()>, disabled: bool) -> Html {
    if **asking {
        let a1 = asking.clone();
        let a2 = asking.clone();
        return html! {
            <div class="start-over confirm" role="alertdialog" aria-labelledby="start-over-q">
                // A static literal (no user data).
                { static_html(r#"<span id="start-over-q">Clear all evidence, answers and results from this page and this browser?</span>"#) }
                <button type="button" class="btn danger" id="start-over-yes" onclick={Callback::from(move |_| { a1.set(false); on_reset.emit(()); })}>{"Yes, clear everything"}</button>
                <button type="button" class="btn" id="start-over-no" onclick={Callback::from(move |_| a2.set(false))}>{"Cancel"}</button>
            </div>
        };
    }
    let a = asking.clone();
    html! {
        <button type="button" class="btn start-over" id="start-over" {disabled} onclick={Callback::from(move |_| a.set(true))}>{"Start over"}</button>
    }
}
