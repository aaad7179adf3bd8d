//! The fixes in recommended order, each with feedback buttons that re-rank immediately.
//! A plain view function of the app state. The first [`FIRST_FIXES`] cards and every card
//! with feedback are rendered with the report; the others after "Show the other fixes" (or
//! when the page is printed: `AppState::all_fixes`).
use crate::components::fix_card::fix_card_view;
use crate::components::parts::static_html;
use crate::state::{Action, AppState, FIRST_FIXES};
use engine::schema::FixOutcome;
use yew::prelude::*;

pub fn fix_list(state: &UseReducerHandle<AppState>) -> Html {
    let s = &**state;
    // No advice without evidence (`AppState::has_evidence`).
    let fixes: &[engine::rank::RankedFix] = if s.has_evidence() {
        &s.report.fixes
    } else {
        &[]
    };
    let worked = fixes
        .iter()
        .find(|f| s.feedback.get(&*f.id) == Some(&FixOutcome::Worked));
    // A card's result: what the user said here, else what the report carries.
    let outcome = |f: &engine::rank::RankedFix| s.feedback.get(&*f.id).copied().or(f.feedback);
    // Cards that wait for "Show the other fixes": after the first few, without a result.
    let waits = |i: usize, f: &engine::rank::RankedFix| {
        !s.all_fixes && i >= FIRST_FIXES && outcome(f).is_none()
    };
    let hidden: Vec<_> = fixes
        .iter()
        .enumerate()
        .filter(|&(i, f)| waits(i, f))
        .map(|(_, f)| f)
        .collect();
    // Every `static_html` string below is a static literal of this file (no user data).
    html! {
        <section id="fixes" class="panel" aria-labelledby="fixes-h">
            { static_html(r#"<h2 id="fixes-h">What to do, in order</h2>"#) }
            if let Some(f) = worked {
                <p class="success" role="status">{"Solved by “"}{ &f.title }{"”. Copy the summary below into the ticket."}</p>
            }
            if fixes.is_empty() {
                { static_html(r#"<p class="empty">Fixes are listed here, cheapest likely one first, as soon as there is evidence.</p>"#) }
            } else {
                <ol class="fixes">
                    { for fixes.iter().enumerate().filter(|&(i, f)| !waits(i, f)).map(|(i, f)| {
                        let d = state.dispatcher();
                        let id = f.id.clone();
                        fix_card_view(i + 1, f, outcome(f), &Callback::from(move |o: Option<FixOutcome>| d.dispatch(Action::Feedback { fix: id.to_string(), outcome: o })), i < 3)
                    }) }
                </ol>
                if !hidden.is_empty() {
                    <button type="button" id="more-fixes" class="btn" onclick={
                        let d = state.dispatcher();
                        let first = format!("fix-{}", hidden[0].id);
                        Callback::from(move |_| d.dispatch(Action::AllFixes { focus: Some(first.clone()) }))
                    }>{ if hidden.len() == 1 { "Show the other fix".to_string() } else { format!("Show the other {} fixes", hidden.len()) } }</button>
                }
            }
        </section>
    }
}
