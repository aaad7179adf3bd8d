//! The likely causes with probability bars (one neutral colour: a likely cause is not "good")
//! and the evidence that moved each one ("why"), in words: no factors or IDs on screen.
use crate::components::parts::static_html;
use crate::components::rich_text::rich_text;
use engine::schema::RankedCause;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub causes: Rc<Vec<RankedCause>>,
}

fn pct(p: f64) -> u32 {
    if p.is_finite() {
        (p.clamp(0.0, 1.0) * 100.0).round() as u32
    } else {
        0
    }
}

/// Kept as a component for embedding and the component tests; the app calls [`cause_list_view`]
/// directly (re-rendering five causes costs less than a component's machinery in the wasm).
#[function_component(CauseList)]
pub fn cause_list(props: &Props) -> Html {
    cause_list_view(&props.causes)
}

pub fn cause_list_view(causes: &[RankedCause]) -> Html {
    // Every `static_html` string below is a static literal of this file (no user data).
    html! {
        <section id="causes" class="panel" aria-labelledby="causes-h">
            { static_html(r#"<h2 id="causes-h">Likely causes</h2>"#) }
            if causes.is_empty() {
                { static_html(r#"<p class="empty">Causes are ranked here once the knowledge base has evidence to weigh.</p>"#) }
            } else {
                <ol class="causes">
                { for causes.iter().take(5).map(|c| {
                    let p = pct(c.probability);
                    let label_id = format!("cause-{}", c.id);
                    html! {
                        <li class="cause" data-cause={c.id.to_string()}>
                            <div class="cause-head">
                                <span class="cause-title" id={label_id.clone()}>{ &*c.title }</span>
                                <span class="pct">{ format!("{p} %") }</span>
                            </div>
                            <meter class="bar" min="0" max="100" value={p.to_string()}
                                aria-labelledby={label_id} aria-valuetext={format!("{p} percent")}></meter>
                            <details>
                                { static_html("<summary>Why this cause</summary>") }
                                <p>{ rich_text(&c.description) }</p>
                                if !c.why.is_empty() {
                                    <ul class="why">
                                        { for c.why.iter().map(|w| {
                                            if w.ratio >= 1.0 {
                                                html! { <li class="up">{"▲ "}{ rich_text(&w.label) }<span class="muted">{" — points to it"}</span></li> }
                                            } else {
                                                html! { <li class="down">{"▼ "}{ rich_text(&w.label) }<span class="muted">{" — points away from it"}</span></li> }
                                            }
                                        }) }
                                    </ul>
                                }
                                if !c.confirm.is_empty() { <p>{ static_html("<strong>How to confirm: </strong>") }{ rich_text(&c.confirm) }</p> }
                            </details>
                        </li>
                    }
                }) }
                </ol>
            }
        </section>
    }
}
