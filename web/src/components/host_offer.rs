//! "Use host X found in the event?": the host names the engine read in the pasted texts
//! (`Report.hosts`, `engine::hosts`) offered for the host field, which then goes into every
//! command and question. Only a name that differs from the one typed is offered. A plain view
//! function.
use crate::state::{Action, AppState};
use engine::hosts::HostCandidate;
use yew::prelude::*;

pub fn host_offer(
    hosts: &[HostCandidate],
    typed: &str,
    d: &UseReducerDispatcher<AppState>,
) -> Html {
    let typed_host = engine::hosts::split_host_port(typed).map(|(h, _)| h);
    let Some(c) = hosts.iter().find(|c| {
        typed_host
            .as_deref()
            .is_none_or(|t| !t.eq_ignore_ascii_case(&c.host))
    }) else {
        return html! {};
    };
    let value = match c.port {
        Some(p) if c.host.contains(':') => format!("[{}]:{p}", c.host),
        Some(p) => format!("{}:{p}", c.host),
        None => c.host.clone(),
    };
    let d = d.clone();
    let v = value.clone();
    let onclick = Callback::from(move |_| d.dispatch(Action::SetHost(v.clone())));
    html! {
        <p class="host-offer" id="host-offer">
            { "Found " }<code>{ &value }</code>{ format!(" in {}.", c.label) }{" "}
            <button type="button" class="btn small" id="use-host" {onclick}>{ format!("Use {value}") }</button>
        </p>
    }
}
