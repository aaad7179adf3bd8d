//! Text renderings of a [`Report`]: a Markdown summary for the helpdesk ticket (with redaction
//! switches for what was pasted) and a plain-text summary for the terminal (`rdp-probe diagnose`).

use crate::schema::{FixOutcome, Report};
use std::fmt::Write as _;

/// What the Markdown export leaves out or masks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderOptions {
    /// Replace IPv4 addresses with `[ip]`.
    pub redact_ips: bool,
    /// Replace each of these strings (user names, host names) with `[redacted]`.
    pub redact_terms: Vec<String>,
    /// How many causes and fixes to list.
    pub max_causes: usize,
    pub max_fixes: usize,
    /// Include the findings (the recognised evidence) section.
    pub include_findings: bool,
}

impl Default for RenderOptions {
    fn default() -> Self {
        RenderOptions {
            redact_ips: false,
            redact_terms: Vec::new(),
            max_causes: 5,
            max_fixes: 6,
            include_findings: true,
        }
    }
}

/// Masks IPv4 addresses (four dot-separated numbers 0–255) in `s`.
pub fn redact_ipv4(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    let mut copied = 0;
    while i < b.len() {
        let boundary = i == 0 || !(b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'.');
        if boundary && b[i].is_ascii_digit() {
            if let Some(end) = ipv4_end(b, i) {
                out.push_str(&s[copied..i]);
                out.push_str("[ip]");
                i = end;
                copied = end;
                continue;
            }
        }
        i += 1;
    }
    out.push_str(&s[copied..]);
    out
}

fn ipv4_end(b: &[u8], start: usize) -> Option<usize> {
    let mut i = start;
    for part in 0..4 {
        let s = i;
        while i < b.len() && b[i].is_ascii_digit() && i - s < 3 {
            i += 1;
        }
        if i == s {
            return None;
        }
        let n: u32 = b[s..i].iter().fold(0, |a, d| a * 10 + u32::from(d - b'0'));
        if n > 255 {
            return None;
        }
        if part < 3 {
            if i < b.len() && b[i] == b'.' {
                i += 1;
            } else {
                return None;
            }
        }
    }
    if i < b.len() && (b[i].is_ascii_alphanumeric()) {
        return None;
    }
    Some(i)
}

fn redact(s: &str, o: &RenderOptions) -> String {
    let mut out = if o.redact_ips {
        redact_ipv4(s)
    } else {
        s.to_string()
    };
    for t in &o.redact_terms {
        if !t.is_empty() {
            out = out.replace(t.as_str(), "[redacted]");
        }
    }
    out
}

fn pct(p: f64) -> String {
    format!("{:.0}%", p * 100.0)
}

/// Markdown summary for a ticket: the short summary a person reads first
/// ([`short_summary`]), then the full plan ([`plan_markdown`]).
pub fn to_markdown(r: &Report, o: &RenderOptions) -> String {
    let mut m = String::from("## RDP Triage summary\n\n");
    let short = short_summary(r, o);
    if !short.is_empty() {
        m.push_str(&short);
        m.push_str("\n---\n\n");
    }
    m.push_str(&plan_markdown(r, o));
    m
}

/// Outcome of a tried fix, in words.
fn outcome_words(o: Option<FixOutcome>) -> &'static str {
    match o {
        Some(FixOutcome::Worked) => "fixed it",
        Some(FixOutcome::Failed) => "did not help",
        Some(FixOutcome::Skipped) => "could not be done",
        None => "not tried",
    }
}

/// The lines a person reads first: the verdict (most likely cause, what to do first), the
/// evidence in a few lines, what was tried and how it went. Empty when the report ranks no
/// cause. No IDs, factors or commands: those are in the full plan and the JSON.
pub fn short_summary(r: &Report, o: &RenderOptions) -> String {
    let Some(top) = r.causes.first() else {
        return String::new();
    };
    let mut m = String::new();
    let worked = r
        .fixes
        .iter()
        .find(|f| f.feedback == Some(FixOutcome::Worked));
    if let Some(f) = worked {
        let _ = writeln!(m, "**Solved by:** {}", f.title);
        let _ = writeln!(m, "**Cause:** {} ({})", top.title, pct(top.probability));
    } else {
        let _ = writeln!(
            m,
            "**Most likely:** {} ({})",
            top.title,
            pct(top.probability)
        );
        if let Some(f) = r.fixes.iter().find(|f| f.feedback.is_none()) {
            let _ = writeln!(m, "**Do first:** {}", f.title);
        }
    }
    // Evidence: the decoded codes, then other hard findings, at most five lines.
    let mut lines: Vec<String> = Vec::new();
    for d in &r.decoded {
        let name = d.name.as_deref().unwrap_or("unrecognised code");
        lines.push(format!("{} ({name})", d.display));
    }
    for f in &r.findings {
        if f.strength == crate::finding::Strength::Hard
            && !r.decoded.iter().any(|d| d.evidence == f.evidence)
        {
            lines.push(redact(&f.title, o));
        }
    }
    for q in &r.answered {
        if let Some(label) = q
            .options
            .iter()
            .find(|x| Some(&*x.id) == q.answer.as_deref())
        {
            lines.push(format!("{} {}", q.text, label.label));
        }
    }
    lines.dedup();
    if !lines.is_empty() {
        m.push_str("**Evidence:**\n");
        let more = lines.len().saturating_sub(5);
        for l in lines.iter().take(5) {
            let _ = writeln!(m, "- {l}");
        }
        if more > 0 {
            let _ = writeln!(m, "- and {more} more (below)");
        }
    }
    let tried: Vec<_> = r.fixes.iter().filter(|f| f.feedback.is_some()).collect();
    if tried.is_empty() {
        m.push_str("**Tried:** nothing yet\n");
    } else {
        m.push_str("**Tried:**\n");
        for f in tried {
            let _ = writeln!(m, "- {}: {}", f.title, outcome_words(f.feedback));
        }
    }
    m
}

/// The full plan below the short summary: decoded codes, evidence, certificates, answers,
/// likely causes with what moved them, fixes tried, next steps with their commands.
pub fn plan_markdown(r: &Report, o: &RenderOptions) -> String {
    let mut m = String::new();
    if !r.decoded.is_empty() {
        m.push_str("### Decoded codes\n\n");
        for d in &r.decoded {
            let _ = writeln!(
                m,
                "- **{}** `{}`: {}",
                d.display,
                d.name.as_deref().unwrap_or("unrecognised"),
                d.meaning
            );
        }
        m.push('\n');
    }
    if o.include_findings && !r.findings.is_empty() {
        m.push_str("### Evidence\n\n");
        for f in &r.findings {
            let _ = writeln!(m, "- {}", redact(&f.title, o));
        }
        m.push('\n');
    }
    for c in &r.certificates {
        let _ = writeln!(
            m,
            "### Certificate\n\n- Subject: {}\n- Issuer: {}\n- Valid: {} to {}\n- SHA-1: {}",
            redact(&c.subject, o),
            redact(&c.issuer, o),
            c.not_before,
            c.not_after,
            c.thumbprint_sha1
        );
        for v in &c.verdicts {
            let _ = writeln!(m, "- {}: {}", v.title, v.explanation);
        }
        m.push('\n');
    }
    if !r.answered.is_empty() {
        m.push_str("### Answers\n\n");
        for q in &r.answered {
            let label = q
                .options
                .iter()
                .find(|x| Some(&*x.id) == q.answer.as_deref())
                .map(|x| x.label.as_str())
                .unwrap_or("?");
            let _ = writeln!(m, "- {} **{}**", q.text, label);
        }
        m.push('\n');
    }
    m.push_str("### Likely causes\n\n");
    for c in r.causes.iter().take(o.max_causes) {
        let _ = writeln!(m, "1. **{}** ({})", c.title, pct(c.probability));
        for w in c.why.iter().take(3) {
            let dir = if w.ratio >= 1.0 {
                "points to it"
            } else {
                "points away"
            };
            let _ = writeln!(m, "   - {} ({dir})", redact(&w.label, o));
        }
    }
    m.push('\n');
    let tried: Vec<_> = r.fixes.iter().filter(|f| f.feedback.is_some()).collect();
    if !tried.is_empty() {
        m.push_str("### Fixes tried\n\n");
        for f in tried {
            let outcome = match f.feedback {
                Some(FixOutcome::Worked) => "worked",
                Some(FixOutcome::Failed) => "did not help",
                _ => "skipped (could not do it)",
            };
            let _ = writeln!(m, "- {}: {}", f.title, outcome);
        }
        m.push('\n');
    }
    m.push_str("### Next steps\n\n");
    for f in r
        .fixes
        .iter()
        .filter(|f| f.feedback.is_none())
        .take(o.max_fixes)
    {
        let _ = writeln!(
            m,
            "1. **{}** — {}, about {} min, {} risk, solves it in about {} of cases",
            f.title,
            crate::kb::who_words(&f.who),
            f.minutes,
            f.risk,
            pct(f.probability)
        );
        if let Some(note) = &f.risk_note {
            let _ = writeln!(m, "   - Risk: {note}");
        }
        for s in &f.steps {
            let _ = writeln!(m, "   - {}", s.text);
            if let Some(c) = &s.command {
                let _ = writeln!(m, "\n     ```{}\n     {}\n     ```\n", c.shell, c.text);
            }
        }
        let _ = writeln!(m, "   - Verify: {}", f.verify);
    }
    if let Some(q) = &r.next_question {
        let _ = writeln!(m, "\n### Open question\n\n{}", q.text);
    }
    m
}

/// Plain-text summary for a terminal.
pub fn to_terminal(r: &Report) -> String {
    let mut t = String::new();
    if !r.decoded.is_empty() {
        t.push_str("Decoded:\n");
        for d in &r.decoded {
            let _ = writeln!(
                t,
                "  {:<10} {}: {}",
                d.display,
                d.name.as_deref().unwrap_or("(unrecognised)"),
                d.meaning
            );
        }
    }
    t.push_str("Likely causes:\n");
    for c in r.causes.iter().take(5) {
        let _ = writeln!(t, "  {:>4}  {} [{}]", pct(c.probability), c.title, c.id);
        for w in c.why.iter().take(2) {
            let _ = writeln!(t, "          {} (x{:.2})", w.label, w.ratio);
        }
    }
    t.push_str("Fixes, in order:\n");
    for (i, f) in r.fixes.iter().enumerate().take(8) {
        let state = match f.feedback {
            Some(FixOutcome::Worked) => " [worked]",
            Some(FixOutcome::Failed) => " [did not help]",
            Some(FixOutcome::Skipped) => " [skipped]",
            None => "",
        };
        let _ = writeln!(
            t,
            "  {}. {}{} [{}] ({}, {} min, {} risk, P {})",
            i + 1,
            f.title,
            state,
            f.id,
            f.who,
            f.minutes,
            f.risk,
            pct(f.probability)
        );
        if f.feedback.is_none() {
            if let Some(cmd) = f.steps.iter().find_map(|s| s.command.as_ref()) {
                let _ = writeln!(t, "       $ {}", cmd.text);
            }
        }
    }
    if let Some(q) = &r.next_question {
        let opts: Vec<&str> = q.options.iter().map(|o| o.id.as_str()).collect();
        let _ = writeln!(
            t,
            "Next question ({}): {}\n  answer with --answer {}={}",
            q.id,
            q.text,
            q.id,
            opts.join("|")
        );
    }
    for d in &r.diagnostics {
        let _ = writeln!(t, "note [{}]: {}", d.code, d.message);
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticket_opens_with_a_short_summary_then_the_full_plan() {
        let mut req = crate::schema::Request {
            texts: vec!["Error code: 0x904\nExtended error code: 0x7".into()],
            ..Default::default()
        };
        let r = crate::rank::diagnose(&req);
        let md = to_markdown(&r, &RenderOptions::default());
        let head: Vec<&str> = md.lines().take(4).collect();
        assert_eq!(head[0], "## RDP Triage summary");
        assert!(
            head[2].starts_with("**Most likely:** ") && head[2].contains(&*r.causes[0].title),
            "{head:?}"
        );
        assert!(
            head[3].starts_with("**Do first:** ") && head[3].contains(&*r.fixes[0].title),
            "{head:?}"
        );
        let (short, plan) = md.split_once("\n---\n").expect("summary, rule, plan");
        assert!(
            short.contains("0x904") && short.contains("**Tried:** nothing yet"),
            "{short}"
        );
        assert!(short.len() < 1200, "short: {} bytes", short.len());
        assert!(!short.contains("```") && !short.contains('×'), "{short}");
        assert!(
            plan.contains("### Next steps") && plan.contains("```"),
            "commands below"
        );
        // What was tried and how it went.
        req.feedback
            .insert(r.fixes[0].id.to_string(), FixOutcome::Failed);
        let r2 = crate::rank::diagnose(&req);
        let md = to_markdown(&r2, &RenderOptions::default());
        let short = md.split_once("\n---\n").unwrap().0;
        assert!(
            short.contains(&format!(
                "- {}: did not help",
                r2.fixes
                    .iter()
                    .find(|f| f.feedback.is_some())
                    .unwrap()
                    .title
            )),
            "{short}"
        );
    }

    #[test]
    fn no_summary_without_causes() {
        assert_eq!(
            short_summary(&Report::default(), &RenderOptions::default()),
            ""
        );
    }

    #[test]
    fn masks_ipv4_but_not_versions() {
        assert_eq!(redact_ipv4("host 10.0.0.5 port"), "host [ip] port");
        assert_eq!(redact_ipv4("192.168.1.254:3389"), "[ip]:3389");
        assert_eq!(redact_ipv4("v1.2.3 and 300.1.1.1"), "v1.2.3 and 300.1.1.1");
        assert_eq!(redact_ipv4("ünïcode 1.2.3.4"), "ünïcode [ip]");
    }
}
