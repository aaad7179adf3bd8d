//! The root component: paste area and what it means.

use crate::components::decoded_list::DecodedList;
use crate::state::{Action, AppState};
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(AppState::default);
    let oninput = {
        let state = state.clone();
        Callback::from(move |e: InputEvent| {
            let ta: HtmlTextAreaElement = e.target_unchecked_into();
            state.dispatch(Action::SetText(ta.value()));
        })
    };
    html! {
        <main>
            <h1>{"RDP Triage"}</h1>
            <label for="paste">{"Paste the error dialog, an event log or a client log"}</label>
            <textarea id="paste" rows="8" value={state.text.clone()} {oninput} />
            if let Some(report) = &state.report {
                <DecodedList report={report.clone()} />
            }
        </main>
    }
}
