//! The knowledge base: causes, questions and fixes as data (one JSON file per entry under
//! `engine/knowledge/`), embedded at build time by `engine/build.rs`, parsed once, validated,
//! and optionally merged with an organisation's overlay (`rdp-triage.overlay/1`).
//!
//! Model (used by [`crate::rank`]): each cause has a prior and likelihood ratios for evidence
//! keys; each question turns its options into `ans:*` keys and, per cause, into a proper
//! categorical distribution over its options (so the value of asking can be computed); each fix
//! says with which probability it resolves each cause it addresses.

use crate::finding::{Diagnostic, Severity};
use crate::schema::{Request, Shared, Step};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::sync::OnceLock;

/// Lookup tables keyed by IDs and evidence keys, hashed with a fixed seed.
type Map<K, V> = HashMap<K, V, foldhash::fast::FixedState>;

mod files {
    include!(concat!(env!("OUT_DIR"), "/knowledge_files.rs"));
}

/// Schema identifier of an organisation overlay file.
pub const OVERLAY_SCHEMA: &str = "rdp-triage.overlay/1";

/// The option ID every question must offer.
pub const DONT_KNOW: &str = "dont-know";

/// Who can carry out a fix.
pub const WHO: &[&str] = &["end-user", "admin", "console", "network-team"];

/// Who does a fix, in the words the report, the ticket and the page show.
pub fn who_words(who: &str) -> &str {
    match who {
        "end-user" => "the user",
        "admin" => "a server admin",
        "console" => "someone with console access",
        "network-team" => "the network team",
        other => other,
    }
}
/// Risk levels of a fix.
pub const RISKS: &[&str] = &["low", "medium", "high"];
/// Kinds of fix: a `change` assumes its cause, a `check` confirms or rules it out first.
pub const KINDS: &[&str] = &["change", "check"];

/// How an evidence key moves a cause: ratio > 1 raises it, < 1 lowers it. `unless` names keys
/// that take the ratio away when one of them is observed too: the evidence says nothing about
/// the cause then (a connection "closed by the server" says the server answered, unless a
/// container's port forwarder or a proxy took the connection in its place).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Likelihood {
    pub evidence: String,
    pub ratio: f64,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unless: Vec<String>,
}

/// A small request stored with an entry; it must rank that entry in the top 3 (run as a test).
/// Examples are read only by [`examples_of`] (tests), not at run time: `build.rs` keeps them
/// out of the embedded entry files ([`raw_files`]), in a table nothing else reads.
#[derive(Debug, Clone, PartialEq)]
pub struct Example {
    pub request: Request,
    pub expect_top3: bool,
}

/// The examples stored in the file of entry `id` of `kind` (`causes`, `fixes`, `questions`).
pub fn examples_of(kind: &str, id: &str) -> Vec<Example> {
    let table = match kind {
        "causes" => files::CAUSES_EXAMPLES,
        "questions" => files::QUESTIONS_EXAMPLES,
        "fixes" => files::FIXES_EXAMPLES,
        _ => return Vec::new(),
    };
    let Some((_, text)) = table.iter().find(|(i, _)| *i == id) else {
        return Vec::new();
    };
    let Ok(v) = serde_json::from_str::<Value>(text) else {
        return Vec::new();
    };
    let Some(list) = v.as_array() else {
        return Vec::new();
    };
    list.iter()
        .filter_map(|e| {
            let request = crate::schema::from_value::<Request>(e).ok()?;
            let expect_top3 = e
                .get("expect_top3")
                .and_then(|b| b.as_bool())
                .unwrap_or(true);
            Some(Example {
                request,
                expect_top3,
            })
        })
        .collect()
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Cause {
    pub id: Shared,
    pub title: Shared,
    pub description: Shared,
    pub prior: f64,
    /// How to confirm this is the cause.
    pub confirm: Shared,
    #[serde(default)]
    pub likelihoods: Vec<Likelihood>,
}

/// One cause a fix addresses and P(fix resolves the problem | that cause).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct FixCause {
    pub cause: Shared,
    pub p: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Fix {
    pub id: Shared,
    pub title: Shared,
    pub causes: Vec<FixCause>,
    /// `end-user`, `admin`, `console`, `network-team`.
    #[schemars(extend("enum" = WHO))]
    pub who: Shared,
    pub minutes: u32,
    /// `low`, `medium`, `high`.
    #[schemars(extend("enum" = RISKS))]
    pub risk: Shared,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub risk_note: Option<Shared>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub rollback: Option<Shared>,
    pub privileges: Shared,
    pub steps: Vec<Step>,
    pub verify: Shared,
    /// Context the fix needs: when non-empty, the fix is offered only if one of these evidence
    /// keys was observed (e.g. `ans:azure` for an Azure-only procedure).
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub requires: Vec<String>,
    /// Organisation contact for this fix (overlays set it).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub contact: Option<String>,
    /// The title shown while the cause this fix is for is not confirmed by evidence: it starts
    /// with the check ("Check whether the RDP certificate has expired; if it has, …"), so the
    /// plan never claims what is not known. `title` is shown once the cause is confirmed.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub check_title: Option<Shared>,
    /// `change` (default: it changes something on the assumption that its cause is the one) or
    /// `check` (a look that confirms or rules out its cause and fixes only what it finds); a
    /// check goes before the changes that assume the same unconfirmed cause.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    #[schemars(extend("enum" = KINDS))]
    pub kind: Option<String>,
}

impl Fix {
    /// True for a `check` fix (see [`Fix::kind`]).
    pub fn is_check(&self) -> bool {
        self.kind.as_deref() == Some("check")
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct QuestionOption {
    pub id: Shared,
    pub label: Shared,
    /// `ans:*` evidence keys this answer yields (none for `dont-know`).
    #[serde(default)]
    pub evidence: Vec<String>,
    /// P(this option | a cause that does not care about the question), before normalising.
    #[serde(default = "one")]
    pub base: f64,
}

fn one() -> f64 {
    1.0
}

fn default_dont_know() -> f64 {
    0.15
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Question {
    pub id: Shared,
    pub text: Shared,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub help: Option<Shared>,
    /// Cost of asking, in minutes of the user's time.
    pub cost: f64,
    pub options: Vec<QuestionOption>,
    /// Probability that a user answers "don't know" (carries no evidence).
    #[serde(default = "default_dont_know")]
    pub dont_know: f64,
    /// Evidence keys that already answer this question (e.g. the user wrote it in the paste).
    #[serde(default)]
    pub skip_if: Vec<String>,
}

/// Evidence key -> (cause index, ratio) pairs; the ratios that hold only while none of their
/// `unless` keys is observed are kept apart, grouped by key as (cause index, ratio, unless
/// keys). They are few, so a list searched in order does (a second map type would add its
/// code to the wasm).
#[derive(Debug, Clone, Default)]
struct Effects {
    rows: Map<String, Vec<(usize, f64)>>,
    conditional: Vec<(String, Vec<Conditional>)>,
}

/// A likelihood ratio with `unless` keys: (cause index, ratio, the keys that take it away).
pub type Conditional = (usize, f64, Vec<String>);

impl Effects {
    fn get(&self, key: &str) -> &[(usize, f64)] {
        self.rows.get(key).map(Vec::as_slice).unwrap_or(&[])
    }
    fn conditional(&self, key: &str) -> &[Conditional] {
        self.conditional
            .iter()
            .find(|(k, _)| k == key)
            .map_or(&[], |(_, row)| row.as_slice())
    }
}

/// Each ID numbered by its position (a repeated ID keeps its last position).
fn index_of<'a>(ids: impl Iterator<Item = &'a str>) -> Map<String, usize> {
    ids.enumerate().map(|(i, id)| (id.to_string(), i)).collect()
}

/// The whole knowledge base with lookup tables precomputed for ranking.
#[derive(Debug, Clone, Default)]
pub struct KnowledgeBase {
    pub causes: Vec<Cause>,
    pub fixes: Vec<Fix>,
    pub questions: Vec<Question>,
    cause_index: Map<String, usize>,
    fix_index: Map<String, usize>,
    question_index: Map<String, usize>,
    /// Non-answer evidence key -> (cause index, ratio).
    evidence: Effects,
    /// `[fix][cause]` = P(fix resolves | cause).
    fix_p: Vec<Vec<f64>>,
    /// `[fix]` = the (cause, P(fix resolves | cause)) pairs with P > 0 (sparse form for speed).
    fix_sparse: Vec<Vec<(usize, f64)>>,
    /// `[question][option][cause]` = P(option | cause) (dont-know included).
    option_p: Vec<Vec<Vec<f64>>>,
    /// `[question][option]` = P(option | a cause that does not care).
    option_base: Vec<Vec<f64>>,
    /// Normalised priors.
    priors: Vec<f64>,
}

impl KnowledgeBase {
    pub fn cause(&self, id: &str) -> Option<usize> {
        self.cause_index.get(id).copied()
    }
    pub fn fix(&self, id: &str) -> Option<usize> {
        self.fix_index.get(id).copied()
    }
    pub fn question(&self, id: &str) -> Option<usize> {
        self.question_index.get(id).copied()
    }
    /// Causes moved by a (non-answer) evidence key, with ratios.
    pub fn evidence_effects(&self, key: &str) -> &[(usize, f64)] {
        self.evidence.get(key)
    }
    /// Causes moved by a (non-answer) evidence key only while none of the entry's `unless`
    /// keys is observed.
    pub fn conditional_effects(&self, key: &str) -> &[Conditional] {
        self.evidence.conditional(key)
    }
    /// True when some cause has a likelihood for this key.
    pub fn uses_evidence(&self, key: &str) -> bool {
        self.evidence.rows.contains_key(key)
            || !self.evidence.conditional(key).is_empty()
            || self
                .causes
                .iter()
                .any(|c| c.likelihoods.iter().any(|l| l.evidence == key))
    }
    pub fn priors(&self) -> &[f64] {
        &self.priors
    }
    pub fn fix_p(&self, fix: usize) -> &[f64] {
        &self.fix_p[fix]
    }
    /// The causes a fix addresses with P(fix resolves | cause) > 0.
    pub fn fix_sparse(&self, fix: usize) -> &[(usize, f64)] {
        &self.fix_sparse[fix]
    }
    /// P(option | cause) for every cause.
    pub fn option_p(&self, question: usize, option: usize) -> &[f64] {
        &self.option_p[question][option]
    }
    /// P(option | a cause that does not care about the question).
    pub fn option_base(&self, question: usize, option: usize) -> f64 {
        self.option_base[question][option]
    }
    /// Every `ans:*` key declared by a question.
    pub fn answer_keys(&self) -> BTreeSet<String> {
        self.declared_answer_keys().map(str::to_string).collect()
    }
    /// The `ans:*` keys of every question's options, in question order (repeats included).
    fn declared_answer_keys(&self) -> impl Iterator<Item = &str> {
        self.questions
            .iter()
            .flat_map(|q| q.options.iter())
            .flat_map(|o| o.evidence.iter().map(String::as_str))
    }

    /// Builds the lookup tables; returns the validation errors (the caller decides what to drop).
    fn index(mut self) -> Self {
        self.cause_index = index_of(self.causes.iter().map(|c| &*c.id));
        self.fix_index = index_of(self.fixes.iter().map(|f| &*f.id));
        self.question_index = index_of(self.questions.iter().map(|q| &*q.id));
        let n = self.causes.len();
        // Every likelihood grouped by key, in the order of causes and of their likelihoods,
        // each entry's key hashed once (a sort by key compared the strings some 30 000 times
        // and was a fifth of the load): answer keys (declared by questions) for the
        // per-question tables below, every other key for the evidence rows. A cause naming
        // the same evidence key twice has the ratios multiplied.
        let answer_keys: HashSet<&str, foldhash::fast::FixedState> =
            self.declared_answer_keys().collect();
        let mut answer_effects: Map<&str, Vec<(usize, f64)>> = Map::default();
        let mut evidence = Effects::default();
        for (ci, c) in self.causes.iter().enumerate() {
            for l in &c.likelihoods {
                let key = l.evidence.as_str();
                if answer_keys.contains(key) {
                    answer_effects.entry(key).or_default().push((ci, l.ratio));
                } else if !l.unless.is_empty() {
                    let entry = (ci, l.ratio, l.unless.clone());
                    match evidence.conditional.iter_mut().find(|(k, _)| k == key) {
                        Some((_, row)) => row.push(entry),
                        None => evidence.conditional.push((key.to_string(), vec![entry])),
                    }
                } else if let Some(row) = evidence.rows.get_mut(key) {
                    match row.iter_mut().find(|(i, _)| *i == ci) {
                        Some(e) => e.1 *= l.ratio,
                        None => row.push((ci, l.ratio)),
                    }
                } else {
                    evidence.rows.insert(key.to_string(), vec![(ci, l.ratio)]);
                }
            }
        }
        self.evidence = evidence;
        self.fix_p = self
            .fixes
            .iter()
            .map(|f| {
                let mut row = vec![0.0; n];
                for fc in &f.causes {
                    if let Some(ci) = self.cause_index.get(&*fc.cause).copied() {
                        row[ci] = fc.p.clamp(0.0, 1.0);
                    }
                }
                row
            })
            .collect();
        self.fix_sparse = self
            .fix_p
            .iter()
            .map(|row| {
                row.iter()
                    .enumerate()
                    .filter(|(_, p)| **p > 0.0)
                    .map(|(c, p)| (c, *p))
                    .collect()
            })
            .collect();
        let effects_of = |key: &str| -> &[(usize, f64)] {
            answer_effects.get(key).map_or(&[][..], Vec::as_slice)
        };
        self.option_p.clear();
        self.option_base.clear();
        for q in &self.questions {
            let dk = q.dont_know.clamp(0.0, 0.9);
            let informative: Vec<usize> = (0..q.options.len())
                .filter(|&o| q.options[o].id != DONT_KNOW)
                .collect();
            let base_sum: f64 = informative
                .iter()
                .map(|&o| q.options[o].base.max(1e-6))
                .sum::<f64>()
                .max(1e-9);
            let mut per_option = vec![vec![0.0; n]; q.options.len()];
            let mut base = vec![0.0; q.options.len()];
            for &o in &informative {
                base[o] = (1.0 - dk) * q.options[o].base.max(1e-6) / base_sum;
            }
            // w[o][c] = base_o × Π ratios of the cause for the option's keys.
            let mut w: Vec<Vec<f64>> = informative
                .iter()
                .map(|&o| vec![q.options[o].base.max(1e-6); n])
                .collect();
            for (j, &o) in informative.iter().enumerate() {
                for k in &q.options[o].evidence {
                    for &(ci, r) in effects_of(k) {
                        w[j][ci] *= r;
                    }
                }
            }
            for ci in 0..n {
                let sum: f64 = w.iter().map(|row| row[ci]).sum::<f64>().max(1e-12);
                for (j, &o) in informative.iter().enumerate() {
                    per_option[o][ci] = (1.0 - dk) * w[j][ci] / sum;
                }
            }
            for (o, opt) in q.options.iter().enumerate() {
                if opt.id == DONT_KNOW {
                    base[o] = dk;
                    per_option[o].iter_mut().for_each(|x| *x = dk);
                }
            }
            self.option_p.push(per_option);
            self.option_base.push(base);
        }
        let total: f64 = self
            .causes
            .iter()
            .map(|c| c.prior.max(0.0))
            .sum::<f64>()
            .max(1e-12);
        self.priors = self
            .causes
            .iter()
            .map(|c| c.prior.max(0.0) / total)
            .collect();
        self
    }
}

/// True for `lower-case-kebab-case` IDs.
pub fn is_kebab(id: &str) -> bool {
    !id.is_empty()
        && !id.starts_with('-')
        && !id.ends_with('-')
        && !id.contains("--")
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// True when `key` is a well-formed code key (`disc:0x904`, `event:1058`, `freerdp:ERRCONNECT_X`).
pub fn is_code_key_syntax(key: &str) -> bool {
    let Some((prefix, rest)) = key.split_once(':') else {
        return false;
    };
    let hex = |s: &str| {
        s.strip_prefix("0x").is_some_and(|h| {
            !h.is_empty()
                && h.len() <= 8
                && h.bytes()
                    .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
        })
    };
    match prefix {
        "disc" | "ext" | "neg" | "hresult" => hex(rest),
        "alert" | "event" => {
            !rest.is_empty() && rest.len() <= 6 && rest.bytes().all(|b| b.is_ascii_digit())
        }
        "freerdp" => {
            !rest.is_empty()
                && rest
                    .bytes()
                    .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_')
        }
        _ => false,
    }
}

/// True when an evidence key used in a likelihood can be produced by someone: a static or
/// catalog key, a declared answer key, or a well-formed code key (the catalog may not cover
/// every code a knowledge author cites; [`crate::evidence::is_known`] is the strict check).
pub fn key_resolves(key: &str, answer_keys: &BTreeSet<String>) -> bool {
    // Cheapest checks first: a catalog lookup builds a key per entry.
    answer_keys.contains(key) || is_code_key_syntax(key) || crate::evidence::is_known(key)
}

/// The errors of a likelihood's `unless` keys: each must be a key read from pastes (answers are
/// not among the keys it is checked against), and an answer key's ratio takes none.
fn unless_errors(cause: &str, l: &Likelihood, answer_keys: &BTreeSet<String>) -> Vec<String> {
    let mut errs = Vec::new();
    if answer_keys.contains(&l.evidence) && !l.unless.is_empty() {
        errs.push(format!(
            "cause `{cause}`: `unless` on the answer key `{}` (it applies to evidence read from pastes only)",
            l.evidence
        ));
    }
    for u in &l.unless {
        if answer_keys.contains(u) || !key_resolves(u, &BTreeSet::new()) {
            errs.push(format!(
                "cause `{cause}`: unknown `unless` key `{u}` on `{}` (use a key read from pastes)",
                l.evidence
            ));
        }
    }
    errs
}

/// Validation errors of a knowledge base (empty when consistent). Each message names the entry.
pub fn validate(kb: &KnowledgeBase) -> Vec<String> {
    let cause_ids = kb.causes.iter().map(|c| c.id.to_string()).collect();
    validate_in(kb, &kb.answer_keys(), &cause_ids)
}

/// [`validate`] with the answer keys and cause IDs that references resolve against given: an
/// overlay entry is checked alone against the knowledge it is merged into.
fn validate_in(
    kb: &KnowledgeBase,
    answer_keys: &BTreeSet<String>,
    cause_ids: &BTreeSet<String>,
) -> Vec<String> {
    let mut errs = Vec::new();
    // "kind:id" strings (a set type the engine already has; kinds differ in their first letter).
    let mut seen = BTreeSet::new();
    for c in &kb.causes {
        if !is_kebab(&c.id) {
            errs.push(format!("cause `{}`: ID must be kebab-case", c.id));
        }
        if !seen.insert(format!("cause:{}", c.id)) {
            errs.push(format!("cause `{}`: duplicate ID", c.id));
        }
        if !(c.prior > 0.0 && c.prior <= 1.0) {
            errs.push(format!("cause `{}`: prior must be in (0, 1]", c.id));
        }
        for l in &c.likelihoods {
            if !(l.ratio.is_finite() && l.ratio > 0.0) {
                errs.push(format!(
                    "cause `{}`: ratio for `{}` must be a positive number",
                    c.id, l.evidence
                ));
            }
            if !key_resolves(&l.evidence, answer_keys) {
                errs.push(format!(
                    "cause `{}`: unknown evidence key `{}`",
                    c.id, l.evidence
                ));
            }
            errs.extend(unless_errors(&c.id, l, answer_keys));
        }
    }
    for f in &kb.fixes {
        if !is_kebab(&f.id) {
            errs.push(format!("fix `{}`: ID must be kebab-case", f.id));
        }
        if !seen.insert(format!("fix:{}", f.id)) {
            errs.push(format!("fix `{}`: duplicate ID", f.id));
        }
        if f.causes.is_empty() {
            errs.push(format!("fix `{}`: addresses no cause", f.id));
        }
        for fc in &f.causes {
            if !cause_ids.contains(&*fc.cause) {
                errs.push(format!("fix `{}`: unknown cause `{}`", f.id, fc.cause));
            }
            if !(0.0..=1.0).contains(&fc.p) {
                errs.push(format!(
                    "fix `{}`: p for `{}` must be in [0, 1]",
                    f.id, fc.cause
                ));
            }
        }
        if !WHO.contains(&f.who.as_str()) {
            errs.push(format!(
                "fix `{}`: who must be one of {}",
                f.id,
                WHO.join(", ")
            ));
        }
        if !RISKS.contains(&f.risk.as_str()) {
            errs.push(format!(
                "fix `{}`: risk must be one of {}",
                f.id,
                RISKS.join(", ")
            ));
        }
        if let Some(k) = &f.kind {
            if !KINDS.contains(&k.as_str()) {
                errs.push(format!(
                    "fix `{}`: kind must be one of {}",
                    f.id,
                    KINDS.join(", ")
                ));
            }
        }
        if f.check_title
            .as_deref()
            .is_some_and(|t| t.trim().is_empty())
        {
            errs.push(format!("fix `{}`: check_title must not be empty", f.id));
        }
        if f.minutes == 0 {
            errs.push(format!("fix `{}`: minutes must be at least 1", f.id));
        }
        if f.steps.is_empty() {
            errs.push(format!("fix `{}`: needs at least one step", f.id));
        }
        for k in &f.requires {
            if !key_resolves(k, answer_keys) {
                errs.push(format!(
                    "fix `{}`: requires unknown evidence key `{k}`",
                    f.id
                ));
            }
        }
    }
    for q in &kb.questions {
        if !is_kebab(&q.id) {
            errs.push(format!("question `{}`: ID must be kebab-case", q.id));
        }
        if !seen.insert(format!("question:{}", q.id)) {
            errs.push(format!("question `{}`: duplicate ID", q.id));
        }
        if !q.options.iter().any(|o| o.id == DONT_KNOW) {
            errs.push(format!("question `{}`: must offer `{DONT_KNOW}`", q.id));
        }
        if q.options.iter().filter(|o| o.id != DONT_KNOW).count() < 2 {
            errs.push(format!(
                "question `{}`: needs at least two informative options",
                q.id
            ));
        }
        if !(q.cost.is_finite() && q.cost >= 0.0) {
            errs.push(format!(
                "question `{}`: cost must be a non-negative number",
                q.id
            ));
        }
        let mut opt_seen = BTreeSet::new();
        for o in &q.options {
            if !opt_seen.insert(o.id.clone()) {
                errs.push(format!("question `{}`: duplicate option `{}`", q.id, o.id));
            }
            if !(o.base.is_finite() && o.base > 0.0) {
                errs.push(format!(
                    "question `{}`: option `{}` base must be positive",
                    q.id, o.id
                ));
            }
            for k in &o.evidence {
                if !k.starts_with("ans:") {
                    errs.push(format!(
                        "question `{}`: option `{}` yields `{k}`, answer keys start with `ans:`",
                        q.id, o.id
                    ));
                }
            }
        }
    }
    errs
}

fn parse_entries<T: DeserializeOwned>(
    kind: &str,
    files: &[(&str, &str)],
    out: &mut Vec<T>,
    errs: &mut Vec<String>,
    id_of: fn(&T) -> &str,
) {
    for (stem, text) in files {
        // The plain read first (this is the knowledge load every engine start pays for; path
        // tracking makes it several times slower in wasm); a failure is read again by
        // `schema::from_json` for a message that names the field.
        let read = serde_json::from_str::<T>(text).or_else(|_| crate::schema::from_json::<T>(text));
        match read {
            Ok(v) => {
                if id_of(&v) != *stem {
                    errs.push(format!(
                        "{kind} file `{stem}.json`: id `{}` must equal the file name",
                        id_of(&v)
                    ));
                }
                out.push(v)
            }
            Err(e) => errs.push(format!("{kind} file `{stem}.json`: {e}")),
        }
    }
}

struct Builtin {
    kb: KnowledgeBase,
    /// Files that could not be read (the entry is left out).
    unread: Vec<String>,
}

fn load_builtin() -> &'static Builtin {
    static KB: OnceLock<Builtin> = OnceLock::new();
    KB.get_or_init(|| {
        let (kb, unread) = load_uncached();
        Builtin { kb, unread }
    })
}

/// The built-in knowledge base, parsed and indexed once.
pub fn builtin() -> &'static KnowledgeBase {
    &load_builtin().kb
}

/// Problems found in the built-in files: those that could not be read, then [`validate`]'s
/// findings (the consistency test asserts there are none). Validation runs here, on the first
/// call, not when the engine starts: the built-in files are fixed at build time and checked by
/// the tests (and by the `knowledgeCheck` health check of the JS module), so every engine start
/// (each page load, worker, edge isolate) pays only for reading and indexing them.
pub fn builtin_errors() -> &'static [String] {
    static ERRORS: OnceLock<Vec<String>> = OnceLock::new();
    ERRORS.get_or_init(|| {
        let b = load_builtin();
        let mut errors = b.unread.clone();
        errors.extend(validate(&b.kb));
        errors
    })
}

/// Reads and indexes the built-in knowledge afresh (no cache): what an engine start costs, timed
/// by the load benchmarks. Returns the files that could not be read; [`validate`] checks the
/// rest.
pub fn load_uncached() -> (KnowledgeBase, Vec<String>) {
    let mut errors = Vec::new();
    let mut kb = KnowledgeBase::default();
    parse_entries(
        "cause",
        files::CAUSES_FILES,
        &mut kb.causes,
        &mut errors,
        |c: &Cause| &c.id,
    );
    parse_entries(
        "question",
        files::QUESTIONS_FILES,
        &mut kb.questions,
        &mut errors,
        |q: &Question| &q.id,
    );
    parse_entries(
        "fix",
        files::FIXES_FILES,
        &mut kb.fixes,
        &mut errors,
        |f: &Fix| &f.id,
    );
    (kb.index(), errors)
}

/// The raw embedded files `(kind, id, json)`, minified and without `examples` (for tests and
/// tooling).
pub fn raw_files() -> impl Iterator<Item = (&'static str, &'static str, &'static str)> {
    let tag = |kind: &'static str, files: &'static [(&'static str, &'static str)]| {
        files.iter().map(move |(id, t)| (kind, *id, *t))
    };
    tag("causes", files::CAUSES_FILES)
        .chain(tag("questions", files::QUESTIONS_FILES))
        .chain(tag("fixes", files::FIXES_FILES))
}

fn overlay_diag(code: &str, msg: String) -> Diagnostic {
    Diagnostic::new(Severity::Warning, code, msg)
}

/// Merges one overlay entry with the built-in entry of the same ID (overlay fields replace
/// built-in fields; `null` is ignored), or takes it whole when the ID is new.
fn merge_entry<T>(
    kind: &str,
    base: &[T],
    entry: &Value,
    id_of: fn(&T) -> &str,
    diags: &mut Vec<Diagnostic>,
) -> Option<(Option<usize>, T)>
where
    T: Serialize + DeserializeOwned,
{
    let Some(obj) = entry.as_object() else {
        diags.push(overlay_diag(
            "overlay-invalid-entry",
            format!("Overlay {kind} entry is not a JSON object; it was ignored."),
        ));
        return None;
    };
    let Some(id) = obj.get("id").and_then(|v| v.as_str()) else {
        diags.push(overlay_diag(
            "overlay-invalid-entry",
            format!("Overlay {kind} entry has no string `id`; it was ignored."),
        ));
        return None;
    };
    if !is_kebab(id) {
        diags.push(overlay_diag("overlay-invalid-entry", format!("Overlay {kind} `{id}`: IDs are kebab-case (e.g. `call-network-desk`); it was ignored.")));
        return None;
    }
    let existing = base.iter().position(|b| id_of(b) == id);
    let mut value = match existing.and_then(|i| serde_json::to_value(&base[i]).ok()) {
        Some(v) => v,
        None => Value::Object(Default::default()),
    };
    if let Some(target) = value.as_object_mut() {
        for (k, v) in obj.iter() {
            if !v.is_null() {
                target.insert(k.clone(), v.clone());
            }
        }
    }
    match crate::schema::from_value::<T>(&value) {
        Ok(t) => Some((existing, t)),
        Err(e) => {
            diags.push(overlay_diag("overlay-invalid-entry", format!("Overlay {kind} `{id}` is not valid ({e}); it was ignored. A new {kind} needs every required field; an override may give only the fields it changes.")));
            None
        }
    }
}

/// Validates and merges an organisation overlay onto the built-in knowledge. Invalid entries
/// (or the whole overlay, when its schema is wrong) are ignored with diagnostics.
pub fn with_overlay(overlay: &Value) -> (KnowledgeBase, Vec<Diagnostic>) {
    let base = builtin();
    let mut diags = Vec::new();
    let schema = overlay.get("schema").and_then(|v| v.as_str()).unwrap_or("");
    if schema != OVERLAY_SCHEMA {
        diags.push(overlay_diag(
            "overlay-wrong-schema",
            format!("The overlay was ignored: its `schema` is `{schema}`, expected `{OVERLAY_SCHEMA}`. Send {{\"schema\": \"{OVERLAY_SCHEMA}\", \"causes\": [], \"fixes\": [], \"questions\": []}}."),
        ));
        return (base.clone(), diags);
    }
    let mut kb = KnowledgeBase {
        causes: base.causes.clone(),
        fixes: base.fixes.clone(),
        questions: base.questions.clone(),
        ..KnowledgeBase::default()
    };
    let list = |name: &str, diags: &mut Vec<Diagnostic>| -> Vec<Value> {
        match overlay.get(name) {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::Array(a)) => a.clone(),
            Some(_) => {
                diags.push(overlay_diag(
                    "overlay-invalid-entry",
                    format!("Overlay `{name}` must be a list; it was ignored."),
                ));
                Vec::new()
            }
        }
    };
    // Questions first (causes may use their answer keys), then causes, then fixes.
    for e in list("questions", &mut diags) {
        if let Some((at, q)) = merge_entry(
            "question",
            &kb.questions,
            &e,
            |q: &Question| &q.id,
            &mut diags,
        ) {
            let trial = KnowledgeBase {
                questions: vec![q.clone()],
                ..KnowledgeBase::default()
            };
            let errs = validate(&trial);
            if errs.is_empty() {
                match at {
                    Some(i) => kb.questions[i] = q,
                    None => kb.questions.push(q),
                }
            } else {
                diags.push(overlay_diag(
                    "overlay-invalid-entry",
                    format!("Overlay question ignored: {}", errs.join("; ")),
                ));
            }
        }
    }
    let answer_keys = kb.answer_keys();
    for e in list("causes", &mut diags) {
        if let Some((at, c)) = merge_entry("cause", &kb.causes, &e, |c: &Cause| &c.id, &mut diags) {
            let trial = KnowledgeBase {
                causes: vec![c.clone()],
                ..KnowledgeBase::default()
            };
            // References resolve against the merged knowledge (the trial knows no answer key).
            let errs = validate_in(&trial, &answer_keys, &BTreeSet::new());
            if errs.is_empty() {
                match at {
                    Some(i) => kb.causes[i] = c,
                    None => kb.causes.push(c),
                }
            } else {
                diags.push(overlay_diag(
                    "overlay-invalid-entry",
                    format!("Overlay cause ignored: {}", errs.join("; ")),
                ));
            }
        }
    }
    let cause_ids: BTreeSet<String> = kb.causes.iter().map(|c| c.id.to_string()).collect();
    for e in list("fixes", &mut diags) {
        if let Some((at, mut f)) = merge_entry("fix", &kb.fixes, &e, |f: &Fix| &f.id, &mut diags) {
            // An organisation's own title replaces the built-in check title too, unless the
            // overlay gives its own `check_title`.
            if e.get("title").is_some() && e.get("check_title").is_none() {
                f.check_title = None;
            }
            let trial = KnowledgeBase {
                fixes: vec![f.clone()],
                ..KnowledgeBase::default()
            };
            // Causes and `requires` keys resolve against the merged knowledge (the trial holds
            // only this fix, so it knows no cause and no question's answer keys).
            let errs = validate_in(&trial, &answer_keys, &cause_ids);
            if errs.is_empty() {
                match at {
                    Some(i) => kb.fixes[i] = f,
                    None => kb.fixes.push(f),
                }
            } else {
                diags.push(overlay_diag(
                    "overlay-invalid-entry",
                    format!("Overlay fix ignored: {}", errs.join("; ")),
                ));
            }
        }
    }
    (kb.index(), diags)
}
