//! One fix: who can do it, minutes, risk, why it is ranked here, steps with a copy button for
//! every command, how to verify, and the feedback buttons.
use crate::components::copy_button::CopyButton;
use crate::components::parts::{badge, static_html};
use crate::components::rich_text::rich_text;
use engine::finding::Severity;
use engine::schema::FixOutcome;
use engine::schema::RankedFix;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub rank: usize,
    pub fix: RankedFix,
    pub outcome: Option<FixOutcome>,
    pub on_feedback: Callback<Option<FixOutcome>>,
    /// Top fixes show their steps; later ones keep them folded.
    #[prop_or(true)]
    pub expanded: bool,
}

/// Kept as a component for embedding and the component tests; the fix list calls
/// [`fix_card_view`] directly.
#[function_component(FixCard)]
pub fn fix_card(props: &Props) -> Html {
    fix_card_view(
        props.rank,
        &props.fix,
        props.outcome,
        &props.on_feedback,
        props.expanded,
    )
}

/// One fix card (`<li>`, keyed by the fix id).
pub fn fix_card_view(
    rank: usize,
    f: &RankedFix,
    outcome: Option<FixOutcome>,
    on_feedback: &Callback<Option<FixOutcome>>,
    expanded: bool,
) -> Html {
    let button = |o: FixOutcome, text: &'static str, id: &'static str| {
        let cb = on_feedback.clone();
        let pressed = outcome == Some(o);
        let onclick = Callback::from(move |_| cb.emit(if pressed { None } else { Some(o) }));
        if pressed {
            html! { <button type="button" class="btn feedback chosen" data-outcome={id} aria-pressed="true" {onclick}>{ text }</button> }
        } else {
            html! { <button type="button" class="btn feedback" data-outcome={id} aria-pressed="false" {onclick}>{ text }</button> }
        }
    };
    // Static literal markup (no user data).
    let state = match outcome {
        Some(FixOutcome::Worked) => Some(r#"<span class="badge sev-info">fixed it</span>"#),
        Some(FixOutcome::Failed) => Some(r#"<span class="badge sev-error">did not help</span>"#),
        Some(FixOutcome::Skipped) => Some(r#"<span class="badge sev-warning">can't do</span>"#),
        None => None,
    };
    let risk = match &*f.risk {
        "high" => Severity::Error,
        "medium" => Severity::Warning,
        _ => Severity::Info,
    };
    // Every `static_html` string below is a static literal of this file (no user data).
    let body = html! { <>
            // Focus returns here after feedback moves the card (`AppState::focus`).
            <h3 class="fix-title" id={format!("fix-{}", f.id)} tabindex="-1"><span class="rank">{ rank }{". "}</span>{ rich_text(&f.title) }
                if let Some(markup) = state { {" "}{ static_html(markup) } }
            </h3>
            <p class="meta">
                <span class="badge">{"Who: "}{ engine::kb::who_words(&f.who) }</span>
                <span class="badge">{ format!("~{} min", f.minutes) }</span>
                { badge(risk, html! { <>{"Risk: "}{ &f.risk }</> }) }
                if !f.privileges.is_empty() { <span class="badge">{ &*f.privileges }</span> }
            </p>
            if !f.why.is_empty() { <p class="why-here">{ static_html("<strong>Why here: </strong>") }{ &f.why }</p> }
            if let Some(n) = &f.risk_note { <p class="risk-note">{ static_html("<strong>Risk: </strong>") }{ rich_text(n) }</p> }
            <details class="fix-body" open={expanded}>
                <summary>{ format!("Steps ({})", f.steps.len()) }</summary>
                <ol class="steps">
                    { for f.steps.iter().map(|st| html! {
                        <li>
                            <p>{ rich_text(&st.text) }</p>
                            if let Some(c) = &st.command {
                                <div class="cmd">
                                    <pre><code data-shell={c.shell.to_string()}>{ &*c.text }</code></pre>
                                    <CopyButton text={c.text.to_string()} label={format!("Copy {} command", c.shell)} />
                                </div>
                            }
                        </li>
                    }) }
                </ol>
                if !f.verify.is_empty() { <p>{ static_html("<strong>Check it worked: </strong>") }{ rich_text(&f.verify) }</p> }
                if let Some(r) = &f.rollback { <p>{ static_html("<strong>Undo: </strong>") }{ rich_text(r) }</p> }
                <div class="row feedback-row" role="group" aria-label={format!("Result of: {}", f.title)}>
                    { button(FixOutcome::Worked, "This fixed it", "worked") }
                    { button(FixOutcome::Failed, "Didn't help", "failed") }
                    { button(FixOutcome::Skipped, "Can't do this", "skipped") }
                </div>
            </details>
    </> };
    if outcome.is_some() {
        html! { <li key={&*f.id} class="fix tried" data-fix={f.id.to_string()} data-causes={f.causes.join(" ")}>{ body }</li> }
    } else {
        html! { <li key={&*f.id} class="fix" data-fix={f.id.to_string()} data-causes={f.causes.join(" ")}>{ body }</li> }
    }
}
