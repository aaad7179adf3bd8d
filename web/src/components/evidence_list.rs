//! The list of evidence items the user added, each removable, with its findings highlighted.
//! A plain view function of the app state.
use crate::components::evidence_item::evidence_item;
use crate::components::parts::static_html;
use crate::state::AppState;
use yew::prelude::*;

pub fn evidence_list(state: &UseReducerHandle<AppState>) -> Html {
    if state.items.is_empty() {
        // A static literal (no user data).
        return static_html(
            r#"<p id="evidence" class="empty">No evidence yet. Paste the error message above and press Add.</p>"#,
        );
    }
    html! {
        <ul id="evidence" class="evidence" aria-label="Evidence added">
            { for state.items.iter().map(|it| evidence_item(state, it)) }
        </ul>
    }
}
