//! The ranking computation behind [`diagnose`]: gather evidence from every input, compute the
//! posterior over causes, order the fixes by P/cost, and pick the question whose answer saves
//! the most expected cost of repair.

use crate::finding::{Diagnostic, Finding, Severity, Strength};
use crate::kb::{self, KnowledgeBase, DONT_KNOW};
use crate::schema::{FixOutcome, Report, Request, REPORT_SCHEMA};
use crate::schema::{OptionView, QuestionView, RankedCause, RankedFix, Shared, Why};

/// Cost (minutes) of the terminal "escalate to a specialist" step that always ends the plan.
pub const SERVICE_COST: f64 = 120.0;
/// Fixes below this probability are left out of the plan (unless fewer than three remain).
const MIN_FIX_P: f64 = 0.01;
/// Most fixes listed in the plan (tried ones are listed in addition).
const MAX_FIXES: usize = 12;
/// Smallest belief a cause keeps after feedback (keeps the distribution well defined).
const FLOOR: f64 = 1e-9;
/// Temperature scaling of the posterior (log weights divided by it before normalising): the
/// product of prior and likelihood ratios alone is underconfident on real tickets (on the dev
/// split of `tests/real-reports`, a stated top-1 of about 14 % was right 35 % of the time).
/// Fitted on the dev split by the Brier score (0.583 at 1.0; minimum about 0.52 at 0.5-0.6;
/// 0.55 chosen, which also gave the best dev figures after questions). A monotone change: it
/// never reorders the causes, but it sharpens what the fix plan and the question choice weigh.
/// Re-fit it when the knowledge's likelihoods change much.
pub const TEMPERATURE: f64 = 0.55;

/// One evidence key observed in the request, with the label shown in explanations (borrowed
/// from the finding it came from).
#[derive(Debug, Clone, Copy)]
struct Observed<'a> {
    hard: bool,
    label: &'a str,
}

/// Every attempt also costs a retry of the connection and a check of the result (minutes).
const ATTEMPT_OVERHEAD: f64 = 5.0;

/// Effective cost of a fix in minutes: time, plus a retry, plus who must do it relative to the
/// person at the keyboard (an end user), plus risk.
pub fn fix_cost(f: &kb::Fix) -> f64 {
    let who = match f.who.as_str() {
        "end-user" => 0.0,
        "admin" => 10.0,
        "console" => 15.0,
        _ => 30.0,
    };
    let risk = match f.risk.as_str() {
        "low" => 0.0,
        "medium" => 10.0,
        _ => 30.0,
    };
    f64::from(f.minutes.max(1)) + ATTEMPT_OVERHEAD + who + risk
}

/// `diagnose(request) -> report`: pure and deterministic. Uses the built-in knowledge merged
/// with the request's overlay, if any.
pub fn diagnose(req: &Request) -> Report {
    crate::limits::within_limits(req, |req| match &req.overlay {
        Some(ov) => {
            let (kb, diags) = kb::with_overlay(ov);
            let mut r = diagnose_with(req, &kb);
            r.diagnostics.splice(0..0, diags);
            r
        }
        None => diagnose_with(req, kb::builtin()),
    })
}

/// JSON in, JSON out; a request that is not valid JSON yields a report with a diagnostic.
pub fn diagnose_json(request_json: &str) -> String {
    if let Some(r) = crate::limits::oversize_request_json(request_json) {
        return r;
    }
    let report = match crate::schema::from_json::<Request>(request_json) {
        Ok(req) => diagnose(&req),
        Err(e) => {
            let mut r = Report {
                schema: REPORT_SCHEMA.to_string(),
                ..Report::default()
            };
            r.diagnostics.push(Diagnostic::new(
                Severity::Error,
                "request-invalid-json",
                format!("The request is not valid JSON for schema rdp-triage.request/1 ({e}). Send an object such as {{\"texts\": [\"Error code: 0x904\"]}}."),
            ));
            r
        }
    };
    serde_json::to_string(&report).unwrap_or_default()
}

fn diag(severity: Severity, code: &str, msg: String) -> Diagnostic {
    Diagnostic::new(severity, code, msg)
}

const DATE_KEYS: &[&str] = &[
    "cert:expired",
    "cert:not-yet-valid",
    "cert:expiring-soon",
    "cert:valid-dates",
];
const DATE_VERDICTS: &[&str] = &["expired", "not-yet-valid", "expiring-soon", "valid-dates"];

/// Runs the parsers on every input and collects findings, decoded codes and certificates.
fn gather(req: &Request, report: &mut Report) {
    for (i, t) in req.texts.iter().enumerate() {
        let a = crate::text::analyze_text(t, i);
        report.decoded.extend(a.decoded);
        report.findings.extend(a.findings);
        report.diagnostics.extend(a.diagnostics);
        for h in a.hosts {
            crate::hosts::push_unique(&mut report.hosts, h);
        }
    }
    let now = match req.now.as_deref() {
        Some(s) => {
            let t = crate::time::parse_rfc3339(s);
            if t.is_none() {
                report.diagnostics.push(diag(Severity::Warning, "now-invalid", format!("`now` is not an RFC 3339 time (`{s}`); certificate dates were not judged. Send e.g. \"2026-11-21T09:00:00Z\".")));
            }
            t
        }
        None => None,
    };
    if !req.certificates.is_empty() && req.now.is_none() {
        report.diagnostics.push(diag(Severity::Info, "now-missing", "No `now` was given, so certificate dates (expired, not yet valid) were not judged. Send the current time as `now` (RFC 3339).".to_string()));
    }
    for (i, input) in req.certificates.iter().enumerate() {
        add_certificates(
            crate::cert::analyze(input, req.host.as_deref(), now.unwrap_or(0)),
            i,
            now.is_some(),
            report,
        );
    }
    if let Some(v) = &req.probe {
        // The probe module reads the report (and says so when its schema is another version).
        let a = crate::probe::analyze_value(v);
        report.findings.extend(a.findings);
        report.diagnostics.extend(a.diagnostics);
        // The certificate the probe captured goes through the same certificate analysis,
        // unless the same certificate was also pasted.
        // A leaf that was also pasted (same thumbprint) would be dropped below: it is not
        // analysed a second time (no second parse, no second signature check).
        let leaf = a
            .report
            .as_ref()
            .and_then(|r| r.leaf_certificate_base64())
            .filter(|leaf| {
                crate::cert::base64_thumbprint_sha1(leaf)
                    .is_none_or(|t| !report.certificates.iter().any(|c| c.thumbprint_sha1 == t))
            });
        if let Some(leaf) = leaf {
            let host = req.host.as_deref().or(a
                .report
                .as_ref()
                .map(|r| r.target.as_str())
                .filter(|t| !t.is_empty()));
            let mut c = crate::cert::analyze(leaf, host, now.unwrap_or(0));
            let known: Vec<String> = report
                .certificates
                .iter()
                .map(|c| c.thumbprint_sha1.clone())
                .collect();
            c.certificates
                .retain(|x| x.thumbprint_sha1.is_empty() || !known.contains(&x.thumbprint_sha1));
            if !c.certificates.is_empty() {
                if req.now.is_none() && req.certificates.is_empty() {
                    report.diagnostics.push(diag(Severity::Info, "now-missing", "No `now` was given, so the dates of the certificate the probe captured were not judged. Send the current time as `now` (RFC 3339).".to_string()));
                }
                add_certificates(c, req.certificates.len(), now.is_some(), report);
            }
        }
    }
}

/// Adds one certificate analysis to the report; without a `now`, date verdicts are dropped.
fn add_certificates(
    mut a: crate::cert::CertAnalysis,
    item: usize,
    dated: bool,
    report: &mut Report,
) {
    if !dated {
        a.findings
            .retain(|f| !DATE_KEYS.contains(&f.evidence.as_str()));
        for c in &mut a.certificates {
            c.verdicts
                .retain(|v| !DATE_VERDICTS.contains(&v.id.as_str()));
            c.days_left = 0;
        }
    }
    for f in &mut a.findings {
        if let Some(sp) = &mut f.span {
            sp.item = item;
        }
    }
    for d in &mut a.diagnostics {
        if let Some(sp) = &mut d.span {
            sp.item = item;
        }
    }
    report.certificates.extend(a.certificates);
    report.findings.extend(a.findings);
    report.diagnostics.extend(a.diagnostics);
}

/// Each evidence key once, in key order, with the first hard finding's title, else the first
/// finding's.
fn observed_evidence(findings: &[Finding]) -> Vec<(&str, Observed<'_>)> {
    let mut out: Vec<(&str, Observed<'_>)> = Vec::new();
    for f in findings {
        let hard = f.strength == Strength::Hard;
        match out.binary_search_by(|(k, _)| (*k).cmp(f.evidence.as_str())) {
            Ok(i) => {
                let o = &mut out[i].1;
                if hard && !o.hard {
                    *o = Observed {
                        hard,
                        label: &f.title,
                    };
                }
            }
            Err(i) => out.insert(
                i,
                (
                    f.evidence.as_str(),
                    Observed {
                        hard,
                        label: &f.title,
                    },
                ),
            ),
        }
    }
    out
}

/// How many explanations each cause keeps (the strongest by |log ratio|).
const MAX_WHY: usize = 8;

/// One applied likelihood ratio: its strength |ln ratio| (the sort key, computed once when
/// applied), the ratio itself and the evidence item it came from (index into `sources`).
#[derive(Debug, Clone, Copy)]
struct Applied {
    strength: f64,
    ratio: f64,
    source: usize,
}

/// Log-space accumulation of beliefs with explanations. Explanation texts are stored once per
/// evidence item (`sources`) and referenced per cause, so nothing is copied per cause.
struct Beliefs {
    logw: Vec<f64>,
    why: Vec<Vec<Applied>>,
    sources: Vec<(Shared, Shared)>,
}

impl Beliefs {
    /// The priors of `kb`'s causes, in log space, with no explanation yet.
    fn from_priors(kb: &KnowledgeBase) -> Self {
        Beliefs {
            logw: kb.priors().iter().map(|p| p.max(1e-12).ln()).collect(),
            why: vec![Vec::new(); kb.causes.len()],
            sources: Vec::new(),
        }
    }
    /// Registers an evidence item (key, label) and returns its index for [`Beliefs::apply`].
    fn source(&mut self, key: impl Into<Shared>, label: impl Into<Shared>) -> usize {
        self.sources.push((key.into(), label.into()));
        self.sources.len() - 1
    }
    fn apply(&mut self, cause: usize, ratio: f64, source: usize) {
        if ratio <= 0.0 || !ratio.is_finite() || (ratio - 1.0).abs() < 1e-9 {
            return;
        }
        let ln = ratio.ln();
        self.logw[cause] += ln;
        self.why[cause].push(Applied {
            strength: ln.abs(),
            ratio,
            source,
        });
    }
    /// The strongest explanations of one cause, strongest first.
    fn why_of(&mut self, cause: usize) -> Vec<Why> {
        let mut v = std::mem::take(&mut self.why[cause]);
        // Largest |ln ratio| first, then by evidence key, then in the order applied (a stable
        // sort on keys computed once when each ratio was applied).
        let sources = &self.sources;
        v.sort_by(|a, b| {
            b.strength
                .total_cmp(&a.strength)
                .then_with(|| sources[a.source].0.cmp(&sources[b.source].0))
        });
        v.into_iter()
            .take(MAX_WHY)
            .map(|a| Why {
                evidence: sources[a.source].0.clone(),
                label: sources[a.source].1.clone(),
                ratio: a.ratio,
            })
            .collect()
    }
    /// The cause probabilities: the weights normalised after [`TEMPERATURE`] scaling.
    fn normalized(&self) -> Vec<f64> {
        let max = self.logw.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let w: Vec<f64> = self
            .logw
            .iter()
            .map(|l| ((l - max) / TEMPERATURE).exp())
            .collect();
        let s: f64 = w.iter().sum();
        if s > 0.0 && s.is_finite() {
            w.iter().map(|x| x / s).collect()
        } else {
            vec![1.0 / self.logw.len().max(1) as f64; self.logw.len()]
        }
    }
}

/// Posterior after answering question `q` with option `o`, written into `post` (reused across
/// calls); returns P(option).
fn condition_on_answer(
    kb: &KnowledgeBase,
    p: &[f64],
    q: usize,
    o: usize,
    post: &mut Vec<f64>,
) -> f64 {
    let po = kb.option_p(q, o);
    post.clear();
    post.extend(p.iter().zip(po).map(|(a, b)| a * b));
    let s: f64 = post.iter().sum();
    if s > 0.0 {
        post.iter_mut().for_each(|x| *x /= s);
    }
    s
}

/// Reusable state of [`ecr`] for one set of candidate fixes: the fixes in the order of the
/// last call (the next posterior is close to the last one, so re-sorting from that order moves
/// few entries) and the buffer of what is still broken.
struct EcrScratch {
    order: Vec<(f64, usize)>,
    r: Vec<f64>,
}

impl EcrScratch {
    fn new(active: &[usize]) -> Self {
        EcrScratch {
            order: active.iter().map(|&f| (0.0, f)).collect(),
            r: Vec::new(),
        }
    }
}

/// Expected cost of repair of the static P/C order over the scratch's fixes, ending with a
/// service call.
fn ecr(kb: &KnowledgeBase, p: &[f64], costs: &[f64], s: &mut EcrScratch) -> f64 {
    for e in &mut s.order {
        let f = e.1;
        let pf: f64 = kb.fix_sparse(f).iter().map(|&(c, pc)| p[c] * pc).sum();
        e.0 = pf / costs[f];
    }
    // Best chance per unit cost first, then by fix index. The index breaks every tie, so the
    // order is total and unique whatever order the entries start in; an insertion sort from
    // the last call's order does few moves.
    let before = |a: &(f64, usize), b: &(f64, usize)| {
        b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)) == std::cmp::Ordering::Less
    };
    for i in 1..s.order.len() {
        let mut j = i;
        while j > 0 && before(&s.order[j], &s.order[j - 1]) {
            s.order.swap(j, j - 1);
            j -= 1;
        }
    }
    let r = &mut s.r;
    r.clear();
    r.extend_from_slice(p);
    let mut broken: f64 = r.iter().sum();
    let mut total = 0.0;
    for f in s.order.iter().map(|k| k.1) {
        if broken < 1e-6 {
            break;
        }
        total += costs[f] * broken;
        for &(c, pc) in kb.fix_sparse(f) {
            let d = r[c] * pc;
            r[c] -= d;
            broken -= d;
        }
    }
    total + SERVICE_COST * broken.max(0.0)
}

/// Greedy sequential P/C plan: repeatedly take the fix with the best chance of resolving what
/// is still broken per unit cost, then condition on it not having helped. Returns each fix with
/// P(it resolves the problem | the fixes before it did not).
fn plan(kb: &KnowledgeBase, p: &[f64], active: &[usize], costs: &[f64]) -> Vec<(usize, f64)> {
    let mut r = p.to_vec();
    let mut left: Vec<usize> = active.to_vec();
    let mut out = Vec::with_capacity(left.len());
    while !left.is_empty() {
        let mut best = 0;
        let mut best_score = f64::NEG_INFINITY;
        for (i, &f) in left.iter().enumerate() {
            let pf: f64 = kb.fix_sparse(f).iter().map(|&(c, pc)| r[c] * pc).sum();
            let score = pf / costs[f];
            if score > best_score + 1e-15 {
                best = i;
                best_score = score;
            }
        }
        let f = left.remove(best);
        let broken: f64 = r.iter().sum();
        let resolves: f64 = kb.fix_sparse(f).iter().map(|&(c, pc)| r[c] * pc).sum();
        for &(c, pc) in kb.fix_sparse(f) {
            r[c] *= 1.0 - pc;
        }
        out.push((
            f,
            if broken > 1e-12 {
                resolves / broken
            } else {
                0.0
            },
        ));
    }
    out
}

fn question_view(kb: &KnowledgeBase, q: usize, answer: Option<&str>) -> QuestionView {
    let qq = &kb.questions[q];
    QuestionView {
        id: qq.id.clone(),
        text: qq.text.clone(),
        help: qq.help.clone(),
        options: qq
            .options
            .iter()
            .map(|o| OptionView {
                id: o.id.clone(),
                label: o.label.clone(),
            })
            .collect(),
        answer: answer.map(str::to_string),
    }
}

fn pct(x: f64) -> String {
    let v = x * 100.0;
    if v >= 1.0 || v == 0.0 {
        format!("{v:.0}%")
    } else {
        format!("{v:.1}%")
    }
}

/// The evidence keys seen so far (findings and answers), for `requires` and `skip_if` checks.
#[derive(Debug, Default)]
struct ObservedKeys {
    keys: std::collections::BTreeSet<String>,
}

impl ObservedKeys {
    fn contains(&self, key: &str) -> bool {
        self.keys.contains(key)
    }
}

/// What the answers stage leaves for later stages: which questions count as asked.
struct Answers {
    asked: Vec<bool>,
}

/// What the feedback stage leaves for later stages: the fix reported as working (the first
/// one, if several) and every fix with feedback, in request order.
struct Feedback {
    worked: Option<usize>,
    excluded: Vec<(usize, FixOutcome)>,
}

/// `diagnose` against a given knowledge base (the built-in one or one merged with an overlay).
/// The stages, in order: evidence (parsers, then likelihood ratios), answers, fix feedback,
/// causes, fix plan, next question.
pub fn diagnose_with(req: &Request, kb: &KnowledgeBase) -> Report {
    let mut report = Report {
        schema: REPORT_SCHEMA.to_string(),
        ..Report::default()
    };
    gather(req, &mut report);
    if kb.causes.is_empty() {
        report.diagnostics.push(diag(
            Severity::Error,
            "kb-empty",
            "The knowledge base has no causes.".to_string(),
        ));
        return report;
    }
    let mut b = Beliefs::from_priors(kb);
    let mut observed = apply_evidence(kb, &report.findings, &mut b);
    let answers = apply_answers(req, kb, &mut b, &mut observed, &mut report);
    let feedback = apply_feedback(req, kb, &mut b, &mut report);
    let p = b.normalized();
    rank_causes(kb, &p, &mut b, feedback.worked, &mut report);
    let costs: Vec<f64> = kb.fixes.iter().map(fix_cost).collect();
    let active = fix_plan(kb, &p, &costs, &observed, &feedback, &mut report);
    if feedback.worked.is_none() {
        report.next_question = next_question(kb, &p, &active, &costs, &answers, &observed);
    }
    // The commands and questions name the request's host where the knowledge writes `SERVER`.
    if let Some(h) = req.host.as_deref() {
        crate::hosts::fill_report(&mut report, h);
    }
    report
}

/// Evidence stage: each observed key once ([`observed_evidence`]) moves the causes by its
/// likelihood ratios. Returns the observed keys.
fn apply_evidence(kb: &KnowledgeBase, findings: &[Finding], b: &mut Beliefs) -> ObservedKeys {
    let evidence = observed_evidence(findings);
    let seen = |k: &str| evidence.binary_search_by(|(e, _)| (*e).cmp(k)).is_ok();
    for (key, obs) in &evidence {
        let effects = kb.evidence_effects(key);
        // The ratios whose `unless` keys were not observed (collecting none allocates nothing).
        let held: Vec<(usize, f64)> = kb
            .conditional_effects(key)
            .iter()
            .filter(|(_, _, unless)| !unless.iter().any(|u| seen(u)))
            .map(|(c, ratio, _)| (*c, *ratio))
            .collect();
        if effects.is_empty() && held.is_empty() {
            continue;
        }
        let src = b.source(&**key, obs.label);
        // Soft hints (the user's own words) count fully, like hard evidence: on real tickets
        // the words are often the only evidence (a tempered ratio, measured on the dev split,
        // ranked worse). Their softness shows in the report, not in the maths.
        for (c, ratio) in effects.iter().copied().chain(held) {
            b.apply(c, ratio, src);
        }
    }
    ObservedKeys {
        keys: evidence.into_iter().map(|(k, _)| k.to_string()).collect(),
    }
}

/// Answers stage: skipped questions count as asked (never offered again) but give no evidence;
/// each answer moves the causes by P(option | cause) / P(option), and its `ans:*` keys are
/// observed. Unknown questions and options yield diagnostics.
fn apply_answers(
    req: &Request,
    kb: &KnowledgeBase,
    b: &mut Beliefs,
    observed: &mut ObservedKeys,
    report: &mut Report,
) -> Answers {
    let mut asked = vec![false; kb.questions.len()];
    for qid in &req.skipped {
        match kb.question(qid) {
            Some(q) => {
                asked[q] = true;
                report.skipped.push(question_view(kb, q, None));
            }
            None => report.diagnostics.push(diag(Severity::Warning, "unknown-question", format!("Skipped question `{qid}` is unknown and was ignored. Use a question ID from `next_question`."))),
        }
    }
    for (qid, oid) in &req.answers {
        let Some(q) = kb.question(qid) else {
            report.diagnostics.push(diag(Severity::Warning, "unknown-question", format!("Answer to unknown question `{qid}` was ignored. Use a question ID from `next_question`.")));
            continue;
        };
        let qq = &kb.questions[q];
        let Some(o) = qq.options.iter().position(|x| x.id == *oid) else {
            let ids: Vec<&str> = qq.options.iter().map(|x| x.id.as_str()).collect();
            report.diagnostics.push(diag(
                Severity::Warning,
                "unknown-option",
                format!(
                    "Answer `{oid}` to question `{qid}` was ignored: the options are {}.",
                    ids.join(", ")
                ),
            ));
            continue;
        };
        asked[q] = true;
        report.answered.push(question_view(kb, q, Some(oid)));
        if qq.options[o].id == DONT_KNOW {
            continue;
        }
        observed.keys.extend(qq.options[o].evidence.iter().cloned());
        let base = kb.option_base(q, o).max(1e-12);
        let label = format!("Answer: {} — {}", qq.text, qq.options[o].label);
        let key = qq.options[o]
            .evidence
            .first()
            .cloned()
            .unwrap_or_else(|| format!("ans:{qid}={oid}"));
        let src = b.source(key, label);
        for (c, pc) in kb.option_p(q, o).iter().enumerate() {
            b.apply(c, pc / base, src);
        }
    }
    Answers { asked }
}

/// Fix feedback stage: "failed" multiplies each cause by 1 − P(fix resolves | cause); the
/// first "worked" confirms the causes it addresses; "skipped" changes no belief. Every fix with
/// feedback leaves the plan.
fn apply_feedback(
    req: &Request,
    kb: &KnowledgeBase,
    b: &mut Beliefs,
    report: &mut Report,
) -> Feedback {
    let mut worked: Option<usize> = None;
    let mut excluded: Vec<(usize, FixOutcome)> = Vec::new();
    for (fid, outcome) in &req.feedback {
        let Some(f) = kb.fix(fid) else {
            report.diagnostics.push(diag(Severity::Warning, "unknown-fix", format!("Feedback for unknown fix `{fid}` was ignored. Use a fix ID from the report's `fixes`.")));
            continue;
        };
        let title = &kb.fixes[f].title;
        match outcome {
            FixOutcome::Failed => {
                let src = b.source(
                    format!("fix:{fid}"),
                    format!("Tried and did not help: {title}"),
                );
                for &(c, pc) in kb.fix_sparse(f) {
                    b.apply(c, (1.0 - pc).max(FLOOR), src);
                }
            }
            FixOutcome::Worked => {
                if worked.is_none() {
                    worked = Some(f);
                }
            }
            FixOutcome::Skipped => {}
        }
        excluded.push((f, *outcome));
    }
    if let Some(f) = worked {
        let src = b.source(
            format!("fix:{}", kb.fixes[f].id),
            format!("This fix worked: {}", kb.fixes[f].title),
        );
        for (c, pc) in kb.fix_p(f).iter().enumerate() {
            b.apply(c, pc.max(FLOOR), src);
        }
    }
    Feedback { worked, excluded }
}

/// Causes stage: every cause, most likely first (ties by ID), with its strongest explanations;
/// a fix reported as working adds a diagnostic naming the causes it confirms.
fn rank_causes(
    kb: &KnowledgeBase,
    p: &[f64],
    b: &mut Beliefs,
    worked: Option<usize>,
    report: &mut Report,
) {
    let mut by_p: Vec<usize> = (0..kb.causes.len()).collect();
    by_p.sort_by(|&a, &b| {
        p[b].total_cmp(&p[a])
            .then_with(|| kb.causes[a].id.cmp(&kb.causes[b].id))
    });
    report.causes.reserve(by_p.len());
    for c in by_p {
        let cause = &kb.causes[c];
        let why = b.why_of(c);
        report.causes.push(RankedCause {
            id: cause.id.clone(),
            title: cause.title.clone(),
            probability: p[c],
            description: cause.description.clone(),
            confirm: cause.confirm.clone(),
            why,
        });
    }
    if let Some(f) = worked {
        let names: Vec<String> = kb.fixes[f]
            .causes
            .iter()
            .filter_map(|fc| kb.cause(&fc.cause))
            .map(|c| format!("“{}”", kb.causes[c].title))
            .collect();
        report.diagnostics.push(diag(Severity::Info, "fix-worked", format!("“{}” worked, which confirms the cause was among: {}. The causes above are conditioned on that.", kb.fixes[f].title, names.join(", "))));
    }
}

/// Fix plan stage: the fixes that apply (their `requires` observed, no feedback yet) in the
/// greedy P/C order, cut to what is worth showing; then the fix that worked and the fixes with
/// feedback. Returns the applicable fixes (the candidates of the next-question stage).
fn fix_plan(
    kb: &KnowledgeBase,
    p: &[f64],
    costs: &[f64],
    observed: &ObservedKeys,
    feedback: &Feedback,
    report: &mut Report,
) -> Vec<usize> {
    let Feedback { worked, excluded } = feedback;
    let worked = *worked;
    let applicable = |f: usize| {
        kb.fixes[f].requires.is_empty() || kb.fixes[f].requires.iter().any(|k| observed.contains(k))
    };
    let active: Vec<usize> = (0..kb.fixes.len())
        .filter(|&f| !excluded.iter().any(|(e, _)| *e == f) && applicable(f))
        .collect();
    let marginal = |f: usize| -> f64 { p.iter().zip(kb.fix_p(f)).map(|(a, b)| a * b).sum() };
    // The P/cost plan, then the honest order (`order.rs`): checks before the changes that
    // assume an unconfirmed cause, risky workarounds after the proper fix of their cause.
    let confirmed = confirmed_causes(kb, &report.causes);
    let by_pc: Vec<usize> = plan(kb, p, &active, costs)
        .into_iter()
        .map(|(f, _)| f)
        .collect();
    let honest = super::order::honest_order(kb, &by_pc, &confirmed);
    let final_order: Vec<usize> = honest.iter().map(|&(f, _)| f).collect();
    let conds = super::order::conditional_chances(kb, p, &final_order);
    let mut shown: Vec<(usize, f64, Option<super::order::Moved>)> = Vec::new();
    for (i, (&(f, moved), &cond)) in honest.iter().zip(&conds).enumerate() {
        // A check moved before a change that assumes its cause stays while that change is
        // shown, however unlikely the cause: the plan never asks for the change without it.
        let guards_shown_change = moved == Some(super::order::Moved::CheckFirst) && {
            let c = super::order::main_cause(kb, f);
            honest[i + 1..]
                .iter()
                .any(|&(g, _)| super::order::main_cause(kb, g) == c && marginal(g) >= MIN_FIX_P)
        };
        if shown.len() < MAX_FIXES
            && (marginal(f) >= MIN_FIX_P || shown.len() < 3 || guards_shown_change)
        {
            shown.push((f, cond, moved));
        }
    }
    let mut rank = 0;
    if let Some(f) = worked {
        report.fixes.push(ranked_fix(
            kb,
            f,
            p,
            costs[f],
            Some(FixOutcome::Worked),
            "You reported that this fixed it.".to_string(),
        ));
    }
    for &(f, cond, moved) in &shown {
        rank += 1;
        let pf = marginal(f);
        let main = kb.fixes[f]
            .causes
            .iter()
            .filter_map(|fc| kb.cause(&fc.cause).map(|c| (c, p[c] * fc.p)))
            .max_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(c, _)| {
                format!(
                    ", mostly if the cause is “{}”, now at {}",
                    kb.causes[c].title,
                    pct(p[c])
                )
            })
            .unwrap_or_default();
        let before = if rank == 1 {
            String::new()
        } else {
            " if the steps above did not help".to_string()
        };
        let place = match moved {
            Some(super::order::Moved::CheckFirst) => {
                " It is a quick check, so it comes before the changes that assume the same cause."
            }
            Some(super::order::Moved::AfterProperFix) => {
                " It is a risky workaround, so it comes after the proper fix of the same cause."
            }
            None => " Of what is left, it has the best chance for the time it takes.",
        };
        let why = format!(
            "Step {rank}: solves it in about {} of cases{before} ({} overall{main}). Takes about {} min for {}, {} risk.{place}",
            pct(cond),
            pct(pf),
            kb.fixes[f].minutes,
            crate::kb::who_words(&kb.fixes[f].who),
            kb.fixes[f].risk,
        );
        let mut rf = ranked_fix(kb, f, p, costs[f], None, why);
        rf.title = super::order::shown_title(kb, f, &confirmed);
        report.fixes.push(rf);
    }
    for (f, outcome) in excluded {
        if Some(*f) == worked && *outcome == FixOutcome::Worked {
            continue;
        }
        // A fix that did not help or could not be done keeps the title it was shown with.
        let why = match outcome {
            FixOutcome::Failed => {
                "You tried this and it did not help; the causes it addresses were made less likely."
                    .to_string()
            }
            FixOutcome::Skipped => {
                "You could not do this; it is left out of the plan, the beliefs are unchanged."
                    .to_string()
            }
            FixOutcome::Worked => "You reported that this fixed it too.".to_string(),
        };
        let mut rf = ranked_fix(kb, *f, p, costs[*f], Some(*outcome), why);
        if *outcome != FixOutcome::Worked {
            rf.title = super::order::shown_title(kb, *f, &confirmed);
        }
        report.fixes.push(rf);
    }
    active
}

/// Next-question stage: the question not yet asked (nor answered by the evidence, `skip_if`)
/// with the largest myopic value of information — the expected cost of repair it saves minus
/// the cost of asking — if that is positive.
fn next_question(
    kb: &KnowledgeBase,
    p: &[f64],
    active: &[usize],
    costs: &[f64],
    answers: &Answers,
    observed: &ObservedKeys,
) -> Option<QuestionView> {
    let mut scratch = EcrScratch::new(active);
    let mut post = Vec::with_capacity(p.len());
    let now_ecr = ecr(kb, p, costs, &mut scratch);
    let mut best: Option<(usize, f64)> = None;
    for (q, qq) in kb.questions.iter().enumerate() {
        if answers.asked[q] || qq.skip_if.iter().any(|k| observed.contains(k)) {
            continue;
        }
        // Every term added to `expected` is at least zero, so once the gain so far does not beat
        // the best question's (or the minimum gain), the full sum cannot either: its other
        // answers need not be costed. The choice is the same as costing them all.
        let beats = |gain: f64| gain > 1e-6 && best.is_none_or(|(_, g)| gain > g + 1e-12);
        let mut expected = qq.cost;
        for o in 0..qq.options.len() {
            if !beats(now_ecr - expected) {
                break;
            }
            if qq.options[o].id == DONT_KNOW {
                expected += kb.option_base(q, o) * now_ecr;
                continue;
            }
            let po = condition_on_answer(kb, p, q, o, &mut post);
            if po > 1e-12 {
                expected += po * ecr(kb, &post, costs, &mut scratch);
            }
        }
        let gain = now_ecr - expected;
        if beats(gain) {
            best = Some((q, gain));
        }
    }
    best.map(|(q, _)| question_view(kb, q, None))
}

/// Per cause (knowledge-base index): confirmed when one observed item of evidence raised it by
/// at least [`super::order::CONFIRM_RATIO`], or a fix for it worked.
fn confirmed_causes(kb: &KnowledgeBase, causes: &[RankedCause]) -> Vec<bool> {
    let mut out = vec![false; kb.causes.len()];
    for c in causes {
        if let Some(i) = kb.cause(&c.id) {
            out[i] = c
                .why
                .iter()
                .any(|w| w.ratio >= super::order::CONFIRM_RATIO && !w.evidence.starts_with("fix:"));
        }
    }
    out
}

fn ranked_fix(
    kb: &KnowledgeBase,
    f: usize,
    p: &[f64],
    _cost: f64,
    feedback: Option<FixOutcome>,
    why: String,
) -> RankedFix {
    let fix = &kb.fixes[f];
    let probability: f64 = p.iter().zip(kb.fix_p(f)).map(|(a, b)| a * b).sum();
    let mut steps = fix.steps.clone();
    if let Some(contact) = &fix.contact {
        steps.push(super::Step {
            text: format!("Contact: {contact}").into(),
            command: None,
        });
    }
    RankedFix {
        id: fix.id.clone(),
        title: fix.title.clone(),
        causes: fix.causes.iter().map(|c| c.cause.clone()).collect(),
        who: fix.who.clone(),
        minutes: fix.minutes,
        risk: fix.risk.clone(),
        risk_note: fix.risk_note.clone(),
        privileges: fix.privileges.clone(),
        steps,
        verify: fix.verify.clone(),
        rollback: fix.rollback.clone(),
        probability,
        why,
        feedback,
    }
}
