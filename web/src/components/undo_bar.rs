//! The undo status line: what the last *This fixed it* / *Didn't help* / *Can't do this* /
//! *Remove* / *Discard* did, with an *Undo* button (also Ctrl+Z outside text fields). It stays
//! until the next action or a few seconds (`app.rs`, `UNDO_MS`). A plain view function.
use crate::state::Undo;
use yew::prelude::*;

pub fn undo_bar(undo: Option<&Undo>, on_undo: Callback<MouseEvent>) -> Html {
    html! {
        <div class="undo-bar" role="status" aria-live="polite">
            if let Some(u) = undo {
                <p class="undo-line">
                    <span id="undo-text">{ &u.text }</span>{" "}
                    <button type="button" class="btn small" id="undo" onclick={on_undo}>{"Undo"}</button>
                </p>
            }
        </div>
    }
}
