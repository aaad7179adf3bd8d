//! "What this means": decoded codes with official names and sources, plus diagnostics.

use engine::Report;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub report: Report,
}

#[function_component(DecodedList)]
pub fn decoded_list(props: &Props) -> Html {
    let r = &props.report;
    html! {
        <section id="meaning" aria-live="polite">
            <h2>{"What this means"}</h2>
            <ul>
            { for r.decoded.iter().map(|d| html! {
                <li class="decoded">
                    <strong>{ &d.display }</strong>{" "}
                    <code>{ d.name.clone().unwrap_or_else(|| "unrecognised".into()) }</code>
                    <p>{ &d.meaning }</p>
                    if let Some(s) = &d.source { <small>{ s }</small> }
                </li>
            }) }
            </ul>
            { for r.diagnostics.iter().map(|d| html! { <p class="diagnostic">{ &d.message }</p> }) }
        </section>
    }
}
