//! The fixes in recommended order, each with feedback buttons that re-rank immediately.
//! A plain view function of the app state.
use crate::components::fix_card::fix_card_view;
use crate::components::parts::static_html;
use crate::state::{Action, AppState};
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
                    { for fixes.iter().enumerate().map(|(i, f)| {
                        let d = state.dispatcher();
                        let id = f.id.clone();
                        let outcome = s.feedback.get(&*f.id).copied().or(f.feedback);
                        fix_card_view(i + 1, f, outcome, &Callback::from(move |o: Option<FixOutcome>| d.dispatch(Action::Feedback { fix: id.to_string(), outcome: o })), i < 3)
                    }) }
                </ol>
            }
        </section>
    }
}
