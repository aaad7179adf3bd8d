//! One question at a time (the engine's `next_question`) with "don't know" and "skip", plus the
//! questions already answered, one line each (question, the chosen answer, and "Change", which
//! opens the options in place).
use crate::components::parts::static_html;
use crate::components::rich_text::rich_text;
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
        <div class="options" role="group" aria-label={format!("Answers to: {}", q.text.replace('`', ""))}>
            { for q.options.iter().map(|o| {
                let d = state.dispatcher();
                let (qid, oid) = (q.id.clone(), o.id.clone());
                let chosen = q.answer.as_deref() == Some(&*o.id);
                let id = format!("{prefix}-{}-{}", q.id, o.id);
                let onclick = Callback::from(move |_| d.dispatch(Action::Answer { question: qid.to_string(), option: oid.to_string() }));
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
    let advice = s.has_evidence();
    // The engine never offers a skipped question (they travel in the request).
    // "Don't know" (when the options have none) and "Skip" both skip the question.
    let next = r.next_question.as_ref().filter(|_| advice).map(|q| {
        let (d, id) = (state.dispatcher(), q.id.clone());
        let skip = Callback::from(move |_: MouseEvent| d.dispatch(Action::Skip(id.to_string())));
        (q, skip)
    });
    // Every `static_html` string below is a static literal of this file (no user data).
    html! {
        <section id="question" class="panel" aria-labelledby="question-h">
            { static_html(r#"<h2 id="question-h" tabindex="-1">Next question</h2>"#) }
            if let Some((q, skip)) = next {
                <div class="question" aria-live="polite">
                    // Focus moves here after an answer (`AppState::focus`), so the next key
                    // press never answers a question that was not read.
                    <h3 class="q-text" id="q-text" tabindex="-1">{ rich_text(&q.text) }</h3>
                    if let Some(h) = &q.help { <p class="help">{ rich_text(h) }</p> }
                    { options(q, state, "ans") }
                    <div class="row">
                        if !q.options.iter().any(|o| is_dont_know(&o.id, &o.label)) {
                            <button type="button" class="btn" id="dont-know" onclick={skip.clone()}>{"Don't know"}</button>
                        }
                        <button type="button" class="btn" id="skip" onclick={skip}>{"Skip"}</button>
                    </div>
                </div>
            } else if !advice && s.items.is_empty() {
                { static_html(r#"<div id="need-evidence" class="need-evidence"><p><strong>Nothing to go on yet.</strong> No question, cause or fix is suggested until something is recognised. What helps most:</p><ul><li>the error dialog's text, with its codes (<em>Error code: 0x…</em>, <em>Extended error code: 0x…</em>);</li><li>an event from Event Viewer (the TerminalServices or RemoteDesktopServices logs), copied or exported as text;</li><li>the client's log (mstsc or FreeRDP), Test-NetConnection output, the server certificate or a probe report.</li></ul></div>"#) }
            } else if !advice {
                { static_html(r#"<div id="need-evidence" class="need-evidence"><p><strong>Nothing recognised in what was added</strong>, so no question, cause or fix is suggested yet. What helps most:</p><ul><li>the error dialog's text, with its codes (<em>Error code: 0x…</em>, <em>Extended error code: 0x…</em>);</li><li>an event from Event Viewer (the TerminalServices or RemoteDesktopServices logs), copied or exported as text;</li><li>the client's log (mstsc or FreeRDP), Test-NetConnection output, the server certificate or a probe report.</li></ul></div>"#) }
            } else {
                { static_html(r#"<p class="empty">No question would change the plan right now: follow the fixes in order.</p>"#) }
            }
            if !r.skipped.is_empty() {
                <ul class="skipped">
                    { for r.skipped.iter().map(|q| {
                        let d = state.dispatcher(); let qid = q.id.clone();
                        html! {
                            <li>{"You skipped: "}<em>{ rich_text(&q.text) }</em>{" "}
                                <button type="button" class="btn small" aria-label={format!("Ask again: {}", q.text.replace('`', ""))}
                                    onclick={Callback::from(move |_| d.dispatch(Action::Unskip(qid.to_string())))}>{"Ask again"}</button>
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
                        let chosen = q.options.iter().find(|o| q.answer.as_deref() == Some(&*o.id)).map_or("", |o| &*o.label);
                        html! {
                            <li class="answer-line">
                                <span class="a-q">{ rich_text(&q.text) }</span>{" "}
                                <strong class="a-a">{ chosen }</strong>
                                <details class="a-change">
                                    <summary aria-label={format!("Change the answer to: {}", q.text.replace('`', ""))}>{"Change"}</summary>
                                    { options(q, state, "chg") }
                                    <button type="button" class="btn small" aria-label={format!("Clear the answer to: {}", q.text.replace('`', ""))}
                                        onclick={Callback::from(move |_| d.dispatch(Action::Unanswer(id.to_string())))}>{"Clear answer"}</button>
                                </details>
                            </li>
                        }
                    }) }
                </ul>
            }
        </section>
    }
}
