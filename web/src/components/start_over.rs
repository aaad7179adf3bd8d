//! "Start over": clears the session after an explicit confirmation.
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub on_reset: Callback<()>,
    pub disabled: bool,
}

#[function_component(StartOver)]
pub fn start_over(props: &Props) -> Html {
    let asking = use_state(|| false);
    if *asking {
        let a1 = asking.clone();
        let a2 = asking.clone();
        let reset = props.on_reset.clone();
        return html! {
            <div class="start-over confirm" role="alertdialog" aria-labelledby="start-over-q">
                <span id="start-over-q">{"Clear all evidence, answers and results from this page and this browser?"}</span>
                <button type="button" class="btn danger" id="start-over-yes" onclick={Callback::from(move |_| { a1.set(false); reset.emit(()); })}>{"Yes, clear everything"}</button>
                <button type="button" class="btn" id="start-over-no" onclick={Callback::from(move |_| a2.set(false))}>{"Cancel"}</button>
            </div>
        };
    }
    let a = asking.clone();
    html! {
        <button type="button" class="btn start-over" id="start-over" disabled={props.disabled} onclick={Callback::from(move |_| a.set(true))}>{"Start over"}</button>
    }
}
