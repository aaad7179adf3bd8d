//! One question at a time (the engine's `next_question`) with "don't know" and "skip", plus the
//! questions already answered, each changeable in place.
use crate::state::{Action, AppState};
use engine::rank::QuestionView;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub state: UseReducerHandle<AppState>,
}

/// Options the knowledge base uses for "don't know".
pub fn is_dont_know(id: &str, label: &str) -> bool {
    let l = label.to_ascii_lowercase();
    matches!(id, "unknown" | "dont-know" | "dk" | "not-sure")
        || l.contains("don't know")
        || l.contains("not sure")
        || l.contains("dont know")
}

fn options(q: &QuestionView, state: &UseReducerHandle<AppState>, prefix: &str) -> Html {
    html! {
        <div class="options" role="group" aria-label={format!("Answers to: {}", q.text)}>
            { for q.options.iter().map(|o| {
                let d = state.dispatcher();
                let (qid, oid) = (q.id.clone(), o.id.clone());
                let chosen = q.answer.as_deref() == Some(o.id.as_str());
                html! {
                    <button type="button" id={format!("{prefix}-{}-{}", q.id, o.id)}
                        class={classes!("btn", "option", chosen.then_some("chosen"), is_dont_know(&o.id, &o.label).then_some("dont-know"))}
                        aria-pressed={if chosen { "true" } else { "false" }}
                        onclick={Callback::from(move |_| d.dispatch(Action::Answer { question: qid.clone(), option: oid.clone() }))}>
                        { &o.label }
                    </button>
                }
            }) }
        </div>
    }
}

#[function_component(QuestionPanel)]
pub fn question_panel(props: &Props) -> Html {
    let s = &*props.state;
    let r = &*s.report;
    // The engine never offers a skipped question (they travel in the request).
    let next = r.next_question.as_ref();
    html! {
        <section id="question" class="panel" aria-labelledby="question-h">
            <h2 id="question-h">{"Next question"}</h2>
            if let Some(q) = next {
                <div class="question" aria-live="polite">
                    <p class="q-text" id="q-text">{ &q.text }</p>
                    if let Some(h) = &q.help { <p class="help">{ h }</p> }
                    { options(q, &props.state, "ans") }
                    <div class="row">
                        if !q.options.iter().any(|o| is_dont_know(&o.id, &o.label)) {
                            <button type="button" class="btn" id="dont-know" onclick={
                                let d = props.state.dispatcher(); let id = q.id.clone();
                                Callback::from(move |_| d.dispatch(Action::Skip(id.clone())))
                            }>{"Don't know"}</button>
                        }
                        <button type="button" class="btn" id="skip" onclick={
                            let d = props.state.dispatcher(); let id = q.id.clone();
                            Callback::from(move |_| d.dispatch(Action::Skip(id.clone())))
                        }>{"Skip"}</button>
                    </div>
                </div>
            } else if s.items.is_empty() {
                <p class="empty">{"Questions appear here once there is something to go on."}</p>
            } else {
                <p class="empty">{"No question would change the plan right now: follow the fixes in order."}</p>
            }
            if !r.skipped.is_empty() {
                <ul class="skipped">
                    { for r.skipped.iter().map(|q| {
                        let d = props.state.dispatcher(); let qid = q.id.clone();
                        html! {
                            <li>{"You skipped: "}<em>{ &q.text }</em>{" "}
                                <button type="button" class="btn small" aria-label={format!("Ask again: {}", q.text)}
                                    onclick={Callback::from(move |_| d.dispatch(Action::Unskip(qid.clone())))}>{"Ask again"}</button>
                            </li>
                        }
                    }) }
                </ul>
            }
            if !r.answered.is_empty() {
                <h3>{"Your answers"}</h3>
                <ul class="answered">
                    { for r.answered.iter().map(|q| {
                        let d = props.state.dispatcher(); let id = q.id.clone();
                        html! {
                            <li>
                                <p>{ &q.text }</p>
                                { options(q, &props.state, "chg") }
                                <button type="button" class="btn small" aria-label={format!("Clear the answer to: {}", q.text)}
                                    onclick={Callback::from(move |_| d.dispatch(Action::Unanswer(id.clone())))}>{"Clear answer"}</button>
                            </li>
                        }
                    }) }
                </ul>
            }
        </section>
    }
}
