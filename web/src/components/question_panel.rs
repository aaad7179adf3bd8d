//! One question at a time (the engine's `next_question`) with "don't know" and "skip", plus the
//! questions already answered, each changeable in place.
use crate::components::parts::static_html;
use crate::state::{Action, AppState};
use engine::schema::QuestionView;
use yew::prelude::*;

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
                let id = format!("{prefix}-{}-{}", q.id, o.id);
                let onclick = Callback::from(move |_| d.dispatch(Action::Answer { question: qid.clone(), option: oid.clone() }));
                let label = html! { { &o.label } };
                // Literal class lists (a computed one goes through Yew's run-time `Classes`).
                match (chosen, is_dont_know(&o.id, &o.label)) {
                    (false, false) => html! { <button type="button" {id} class="btn option" aria-pressed="false" {onclick}>{ label }</button> },
                    (true, false) => html! { <button type="button" {id} class="btn option chosen" aria-pressed="true" {onclick}>{ label }</button> },
                    (false, true) => html! { <button type="button" {id} class="btn option dont-know" aria-pressed="false" {onclick}>{ label }</button> },
                    (true, true) => html! { <button type="button" {id} class="btn option chosen dont-know" aria-pressed="true" {onclick}>{ label }</button> },
                }
            }) }
        </div>
    }
}

/// The question panel: a plain view function of the app state.
pub fn question_panel(state: &UseReducerHandle<AppState>) -> Html {
    let s = &**state;
    let r = &*s.report;
    // The engine never offers a skipped question (they travel in the request).
    // "Don't know" (when the options have none) and "Skip" both skip the question.
    let next = r.next_question.as_ref().map(|q| {
        let (d, id) = (state.dispatcher(), q.id.clone());
        let skip = Callback::from(move |_: MouseEvent| d.dispatch(Action::Skip(id.clone())));
        (q, skip)
    });
    // Every `static_html` string below is a static literal of this file (no user data).
    html! {
        <section id="question" class="panel" aria-labelledby="question-h">
            { static_html(r#"<h2 id="question-h">Next question</h2>"#) }
            if let Some((q, skip)) = next {
                <div class="question" aria-live="polite">
                    <p class="q-text" id="q-text">{ &q.text }</p>
                    if let Some(h) = &q.help { <p class="help">{ h }</p> }
                    { options(q, state, "ans") }
                    <div class="row">
                        if !q.options.iter().any(|o| is_dont_know(&o.id, &o.label)) {
                            <button type="button" class="btn" id="dont-know" onclick={skip.clone()}>{"Don't know"}</button>
                        }
                        <button type="button" class="btn" id="skip" onclick={skip}>{"Skip"}</button>
                    </div>
                </div>
            } else if s.items.is_empty() {
                { static_html(r#"<p class="empty">Questions appear here once there is something to go on.</p>"#) }
            } else {
                { static_html(r#"<p class="empty">No question would change the plan right now: follow the fixes in order.</p>"#) }
            }
            if !r.skipped.is_empty() {
                <ul class="skipped">
                    { for r.skipped.iter().map(|q| {
                        let d = state.dispatcher(); let qid = q.id.clone();
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
                { static_html(r#"<h3>Your answers</h3>"#) }
                <ul class="answered">
                    { for r.answered.iter().map(|q| {
                        let d = state.dispatcher(); let id = q.id.clone();
                        html! {
                            <li>
                                <p>{ &q.text }</p>
                                { options(q, state, "chg") }
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
