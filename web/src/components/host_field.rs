//! The host name field: the name or address the user typed in the Remote Desktop client
//! (used for certificate name checks and for the probe).
use crate::components::parts::static_html;
use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub host: AttrValue,
    pub on_change: Callback<String>,
}

#[function_component(HostField)]
pub fn host_field(props: &Props) -> Html {
    // What the user is typing lives here until the field is left (change event): a report
    // arriving from the engine in between re-renders the page and must not wipe the typing.
    let draft = use_state(|| props.host.to_string());
    {
        let draft = draft.clone();
        use_effect_with(props.host.clone(), move |h| {
            draft.set(h.to_string());
            || ()
        });
    }
    let oninput = {
        let draft = draft.clone();
        Callback::from(move |e: InputEvent| {
            let i: HtmlInputElement = e.target_unchecked_into();
            draft.set(i.value());
        })
    };
    let onchange = {
        let cb = props.on_change.clone();
        Callback::from(move |e: Event| {
            let i: HtmlInputElement = e.target_unchecked_into();
            cb.emit(i.value());
        })
    };
    html! {
        <div class="field">
            // A static literal (no user data).
            { static_html(r#"<label for="host">Computer name you connect to (as typed in the Remote Desktop client)</label>"#) }
            <input id="host" type="text" inputmode="url" autocomplete="off" spellcheck="false"
                placeholder="srv01.corp.example or 10.0.0.5" value={(*draft).clone()} {oninput} {onchange} />
        </div>
    }
}
