//! The host name field: the name or address the user typed in the Remote Desktop client
//! (used for certificate name checks and for the probe). A plain view function; what is being
//! typed is kept by the caller in a [`Draft`] (`use_host_draft`).
use crate::components::parts::static_html;
use std::cell::RefCell;
use std::rc::Rc;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// What the user is typing, kept until the field is left (change event): a report arriving from
/// the engine in between re-renders the page and must not wipe the typing. `.0` is the app's
/// host the text was last reset to, `.1` the text in the field. A mutable cell, not state:
/// typing needs no re-render (the field already shows it).
pub type Draft = Rc<RefCell<(String, String)>>;

#[hook]
pub fn use_host_draft() -> Draft {
    use_mut_ref(|| (String::new(), String::new()))
}

/// The field for the app's `host`; when `host` changes (the field was left, a shared session
/// was opened, the session was reset…) the field shows it.
pub fn host_field(draft: &Draft, host: &str, on_change: Callback<String>) -> Html {
    let value = {
        let mut d = draft.borrow_mut();
        if d.0 != host {
            *d = (host.to_string(), host.to_string());
        }
        d.1.clone()
    };
    let oninput = {
        let draft = draft.clone();
        Callback::from(move |e: InputEvent| {
            let i: HtmlInputElement = e.target_unchecked_into();
            draft.borrow_mut().1 = i.value();
        })
    };
    let onchange = Callback::from(move |e: Event| {
        let i: HtmlInputElement = e.target_unchecked_into();
        on_change.emit(i.value());
    });
    html! {
        <div class="field">
            // A static literal (no user data).
            { static_html(r#"<label for="host">Computer name you connect to (as typed in the Remote Desktop client)</label>"#) }
            <input id="host" type="text" inputmode="url" autocomplete="off" spellcheck="false"
                placeholder="srv01.corp.example or 10.0.0.5" {value} {oninput} {onchange} />
        </div>
    }
}
