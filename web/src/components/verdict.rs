//! The verdict at the top of the results, refreshed after every step: the most likely cause in
//! plain words, the first thing to do, and what changed since the last step (a cause that moved
//! up or down, a new first step). A plain view function of the app state; [`changes`] is the
//! pure comparison of two reports behind "what changed".
use crate::components::parts::static_html;
use crate::components::rich_text::rich_text;
use crate::state::AppState;
use engine::schema::FixOutcome;
use engine::Report;
use yew::prelude::*;

fn ordinal(rank: usize) -> String {
    match rank {
        1 => "first".into(),
        2 => "second".into(),
        3 => "third".into(),
        4 => "fourth".into(),
        5 => "fifth".into(),
        n => format!("number {n}"),
    }
}

fn pct(p: f64) -> u32 {
    if p.is_finite() {
        (p.clamp(0.0, 1.0) * 100.0).round() as u32
    } else {
        0
    }
}

/// Causes listed on screen (the cause list shows five).
const SHOWN: usize = 5;

/// What changed from `prev` to `cur`, in sentences, after `step` ("your answer"): the cause
/// that moved (to first, or the largest move among the causes shown) and a new first step.
/// Empty when nothing on screen moved.
pub fn changes(prev: &Report, cur: &Report, step: &str) -> Vec<String> {
    let after = if step.is_empty() {
        String::new()
    } else {
        format!(" after {step}")
    };
    let mut out = Vec::new();
    let rank_in = |r: &Report, id: &str| r.causes.iter().position(|c| &*c.id == id);
    if let (Some(new_top), Some(old_top)) = (cur.causes.first(), prev.causes.first()) {
        if new_top.id != old_top.id {
            let was = rank_in(prev, &new_top.id).map_or(String::new(), |i| {
                format!(
                    " (from {}, {} % → {} %)",
                    ordinal(i + 1),
                    pct(prev.causes[i].probability),
                    pct(new_top.probability)
                )
            });
            out.push(format!(
                "“{}” moved up to first{after}{was}.",
                new_top.title
            ));
            if let Some(i) = rank_in(cur, &old_top.id) {
                if i < SHOWN {
                    out.push(format!(
                        "“{}” moved down to {}.",
                        old_top.title,
                        ordinal(i + 1)
                    ));
                }
            }
        } else {
            // The largest move among the causes shown (ties: the higher one on screen).
            let mut best: Option<(usize, usize, usize)> = None;
            for (i, c) in cur.causes.iter().enumerate().take(SHOWN) {
                if let Some(j) = rank_in(prev, &c.id) {
                    let d = i.abs_diff(j);
                    if d > 0 && best.is_none_or(|(_, _, bd)| d > bd) {
                        best = Some((i, j, d));
                    }
                }
            }
            match best {
                Some((i, j, _)) => {
                    let c = &cur.causes[i];
                    let dir = if i < j { "up" } else { "down" };
                    out.push(format!(
                        "“{}” moved {dir} to {}{after} ({} % → {} %).",
                        c.title,
                        ordinal(i + 1),
                        pct(prev.causes[j].probability),
                        pct(c.probability)
                    ));
                }
                None => {
                    let (a, b) = (pct(old_top.probability), pct(new_top.probability));
                    if a != b {
                        out.push(format!(
                            "“{}” is still first{after} ({a} % → {b} %).",
                            new_top.title
                        ));
                    } else {
                        out.push(format!("The ranking did not change{after}."));
                    }
                }
            }
        }
    }
    let first = |r: &Report| {
        r.fixes
            .iter()
            .find(|f| f.feedback.is_none())
            .map(|f| (f.id.clone(), f.title.clone()))
    };
    if let (Some((new_id, title)), Some((old_id, _))) = (first(cur), first(prev)) {
        if new_id != old_id {
            out.push(format!("New first step: {title}."));
        }
    }
    out
}

/// The verdict panel, or nothing while there is no evidence to judge.
pub fn verdict_panel(s: &AppState) -> Html {
    let r = &*s.report;
    if !s.has_evidence() {
        return html! {};
    }
    let Some(top) = r.causes.first() else {
        return html! {};
    };
    let worked = r
        .fixes
        .iter()
        .find(|f| s.feedback.get(&*f.id) == Some(&FixOutcome::Worked));
    let first = r
        .fixes
        .iter()
        .find(|f| f.feedback.is_none() && !s.feedback.contains_key(&*f.id));
    let changed = match (&s.previous, s.pending()) {
        (_, true) => vec!["Updating…".to_string()],
        (Some(prev), false) => changes(prev, r, s.last_step),
        (None, false) => Vec::new(),
    };
    let cause_line = html! {
        <p class="v-cause">{"Most likely: "}<strong>{ &*top.title }</strong>{" "}<span class="pct">{ format!("({} %)", pct(top.probability)) }</span></p>
    };
    // Every `static_html` string below is a static literal of this file (no user data).
    html! {
        <section id="verdict" class="panel verdict-panel" aria-labelledby="verdict-h">
            { static_html(r#"<h2 id="verdict-h">Verdict</h2>"#) }
            if let Some(f) = worked {
                <p class="v-solved">{"Solved: “"}{ rich_text(&f.title) }{"” fixed it."}</p>
                { cause_line }
            } else {
                { cause_line }
                if let Some(f) = first {
                    <p class="v-first">{"Do first: "}<a href={format!("#fix-{}", f.id)}>{ rich_text(&f.title) }</a>
                        <span class="muted">{ format!(" — {}, about {} min", engine::kb::who_words(&f.who), f.minutes) }</span></p>
                } else {
                    { static_html(r#"<p class="v-first">Every fix in the plan was tried: escalate to a specialist with the summary below.</p>"#) }
                }
            }
            <p class="v-change" aria-live="polite">
                if changed.is_empty() {
                    { "Based on everything added so far; this updates after each step." }
                } else {
                    { changed.join(" ") }
                }
            </p>
        </section>
    }
}
