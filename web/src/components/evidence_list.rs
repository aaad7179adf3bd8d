//! The list of evidence items the user added, each removable, with its findings highlighted.
use crate::components::evidence_item::EvidenceItem;
use crate::state::{Action, AppState};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub state: UseReducerHandle<AppState>,
}

#[function_component(EvidenceList)]
pub fn evidence_list(props: &Props) -> Html {
    let s = &*props.state;
    if s.items.is_empty() {
        return html! { <p id="evidence" class="empty">{"No evidence yet. Paste the error message above and press Add."}</p> };
    }
    html! {
        <ul id="evidence" class="evidence" aria-label="Evidence added">
            { for s.items.iter().map(|it| {
                let findings: Vec<(String, String)> = s.findings_for(it.id).iter().map(|f| (f.title.clone(), f.detail.clone())).collect();
                let spans = s.spans_for(it.id);
                let dispatcher = props.state.dispatcher();
                let id = it.id;
                html! {
                    <EvidenceItem key={it.id} item={it.clone()} {findings} {spans}
                        on_remove={Callback::from(move |_| dispatcher.dispatch(Action::Remove(id)))} />
                }
            }) }
        </ul>
    }
}
