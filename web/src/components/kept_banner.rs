//! The banner for a case kept aside (a share link or an address with evidence was opened over
//! the agent's own case): whose it is, what it holds, and *Switch back* / *Discard it*. Nothing
//! is ever overwritten without it. A plain view function.
use crate::state::{Action, AppState, KeptCase};
use yew::prelude::*;

pub fn kept_banner(kept: Option<&KeptCase>, d: &UseReducerDispatcher<AppState>) -> Html {
    let Some(k) = kept else {
        return html! {};
    };
    let n = k.saved.items.len();
    let mut what = format!("{n} item{}", if n == 1 { "" } else { "s" });
    if !k.saved.host.trim().is_empty() {
        what.push_str(&format!(", host {}", k.saved.host.trim()));
    }
    let answers = k.saved.answers.len() + k.saved.feedback.len();
    if answers > 0 {
        what.push_str(&format!(
            ", {answers} answer{} or result{}",
            if answers == 1 { "" } else { "s" },
            if answers == 1 { "" } else { "s" }
        ));
    }
    let (d1, d2) = (d.clone(), d.clone());
    let whose = if k.what == "your own case" {
        "Your own case"
    } else {
        "The other case"
    };
    html! {
        <section class="kept-case" id="kept-case" tabindex="-1" aria-labelledby="kept-case-text">
            <p id="kept-case-text">{ format!("{whose} is kept in this browser ({what}).") }</p>
            <button type="button" class="btn primary small" id="switch-case"
                onclick={Callback::from(move |_| d1.dispatch(Action::SwitchKept))}>
                { if k.what == "your own case" { "Switch back to your case" } else { "Switch to the other case" } }
            </button>{" "}
            <button type="button" class="btn small" id="discard-kept"
                onclick={Callback::from(move |_| d2.dispatch(Action::DiscardKept))}>{"Discard it"}</button>
        </section>
    }
}
