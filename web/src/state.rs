//! The app state and its reducer: the one place that calls the engine. Every change (an item
//! added or removed, the host, an answer, fix feedback) rebuilds the engine request and re-runs
//! `engine::diagnose`, so the report on screen always matches what the user has told us.

use crate::detect::{self, Detected, Kind};
use engine::schema::FixOutcome;
use engine::{Report, Request};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;
use yew::Reducible;

/// Byte counts in words, as the engine's own texts write them.
pub use engine::limits::human_size;

/// Longest share link accepted from a paste or the address bar.
pub const MAX_SHARE_LINK: usize = engine::share::MAX_ENCODED_LEN;
/// Largest single item accepted (bigger pastes are refused with a message).
pub const MAX_ITEM_BYTES: usize = 24 * 1024 * 1024;

/// Requests whose added items hold at most this many bytes together are analysed on the page,
/// in the reducer: a few milliseconds of engine, where the engine worker costs a round trip and
/// a render of the waiting state before the report can be drawn. Bigger ones (a pasted log)
/// go to the worker, so a big paste never stalls the page. The figure is the one from which a
/// paste counts as big (`paste_box::LARGE_PASTE`, `boot.js`), but that one counts UTF-16 units
/// of a single paste and this one bytes of all items together: they are kept apart.
pub const INLINE_BYTES: usize = 64 * 1024;

thread_local! {
    /// Whether the page's own instance of the engine has run once (see [`AppState::warm_engine`]).
    static PAGE_ENGINE_WARM: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// One piece of evidence the user pasted or dropped.
#[derive(Debug, Clone)]
pub struct Item {
    pub id: u32,
    pub kind: Kind,
    pub label: String,
    pub content: Rc<str>,
    /// The same text as a JS string, when the page got it as one (a big paste): sent to the
    /// engine worker as it is, so it is never copied out of the wasm again for a job.
    pub js: Option<JsText>,
}

/// A JS string holding exactly an item's content (see [`Item::js`]). Compared as equal always:
/// it is a second copy of `content`, which the item's own comparison covers.
#[derive(Clone)]
pub struct JsText(pub wasm_bindgen::JsValue);

impl PartialEq for JsText {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl std::fmt::Debug for JsText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("JsText")
    }
}

/// A text of an engine job and its JS copy, if the item has one.
pub type JobText = (Rc<str>, Option<JsText>);

/// Items never change once made, so the content is compared by identity: comparing two
/// states (Yew does it on every change) must not read through a 10 MB paste.
impl PartialEq for Item {
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id
            && self.kind == other.kind
            && self.label == other.label
            && Rc::ptr_eq(&self.content, &other.content)
    }
}

/// A message for the user about something the app did or could not do.
#[derive(Debug, Clone, PartialEq)]
pub struct Notice {
    pub error: bool,
    pub text: String,
}

/// The persisted form (local storage); also what a restored session starts from.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Saved {
    #[serde(default)]
    pub items: Vec<SavedItem>,
    #[serde(default)]
    pub host: String,
    #[serde(default)]
    pub answers: BTreeMap<String, String>,
    #[serde(default)]
    pub feedback: BTreeMap<String, FixOutcome>,
    #[serde(default)]
    pub skipped: BTreeSet<String>,
}

/// A whole case put aside so that opening another one (a share link, an address with
/// evidence in it) never loses it; `what` says whose it is ("your own case").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KeptCase {
    pub what: String,
    pub saved: Saved,
}

/// Cases kept aside at most (opening a fifth drops the oldest; the banner offers the newest).
pub const MAX_KEPT: usize = 4;

/// What *Undo* puts back: the items, the fix feedback and the kept cases as they were before
/// the last *This fixed it* / *Didn't help* / *Can't do this* / *Remove* / *Discard*.
#[derive(Debug, Clone, PartialEq)]
pub struct Undo {
    /// What was done, in words ("Removed “dialog.txt”.").
    pub text: String,
    items: Vec<Rc<Item>>,
    feedback: BTreeMap<String, FixOutcome>,
    kept: Vec<Rc<KeptCase>>,
    /// Where focus goes once undone (the fix card, the item's Remove button).
    focus: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SavedItem {
    pub kind: Kind,
    pub label: String,
    pub content: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct AppState {
    pub items: Vec<Rc<Item>>,
    pub host: String,
    pub answers: BTreeMap<String, String>,
    pub feedback: BTreeMap<String, FixOutcome>,
    /// Questions the user chose to skip (the UI stops showing them until un-skipped).
    pub skipped: BTreeSet<String>,
    pub overlay: Option<Rc<serde_json::Value>>,
    /// The current time (RFC 3339), supplied by the caller: the engine has no clock.
    pub now: String,
    pub report: Rc<Report>,
    pub notice: Option<Notice>,
    /// Bumped on every change that should be saved (and re-analysed).
    pub revision: u64,
    /// The revision the current `report` was computed for (`revision` when up to date).
    pub analysed: u64,
    /// Where keyboard focus goes once the report for this change is on screen (an element
    /// id: the next question's heading, a fix card, the paste box), and a counter bumped each
    /// time it is set so the same target can be asked for twice (`app.rs` applies it once).
    pub focus: Option<String>,
    pub focus_seq: u64,
    /// The report that was on screen before the current one, while it gave advice: the verdict
    /// says what changed between the two (`components/verdict.rs`).
    pub previous: Option<Rc<Report>>,
    /// The user's last step in words ("your answer", "“Didn't help”"), for the verdict.
    pub last_step: &'static str,
    /// Cases put aside (most recent last); saved under their own storage key.
    pub kept: Vec<Rc<KeptCase>>,
    /// Bumped whenever `kept` changes (so it is saved only then).
    pub kept_seq: u64,
    /// The last undoable action, offered until the next action or until it expires.
    pub undo: Option<Rc<Undo>>,
    /// Bumped each time `undo` is set (the expiry timer names the one it was started for).
    pub undo_seq: u64,
    /// Every fix card is rendered, not only the first [`FIRST_FIXES`] and the tried ones
    /// (asked for with "Show the other fixes", and before printing).
    pub all_fixes: bool,
    next_id: u32,
}

/// Fix cards rendered with the report; the rest wait for "Show the other fixes". The cards
/// are most of the report's elements: rendering every one of them on each report made the
/// first report about twice as slow to lay out.
pub const FIRST_FIXES: usize = 3;

pub enum Action {
    /// Pasted text, optionally labelled (file name).
    Paste {
        text: String,
        label: Option<String>,
    },
    /// A big paste (over `paste_box::LARGE_PASTE`) in which the engine worker found no secret
    /// (one with a secret comes as `Paste` and is cut here): `text` is the paste, `js` the
    /// same text as the JS string the page got.
    BigPaste {
        text: String,
        js: JsText,
    },
    /// A dropped or picked file.
    File {
        name: String,
        bytes: Vec<u8>,
    },
    Remove(u32),
    SetHost(String),
    Answer {
        question: String,
        option: String,
    },
    Unanswer(String),
    Skip(String),
    Unskip(String),
    /// Fix feedback; `None` clears it.
    Feedback {
        fix: String,
        outcome: Option<FixOutcome>,
    },
    /// A report computed by the engine worker for revision `rev` (stale ones are dropped).
    Analysed {
        rev: u64,
        report: Box<Report>,
    },
    /// Session restored from local storage.
    Restore(Saved),
    /// A share-link payload (the part after `#r=`): replaces the session.
    OpenShared(String),
    /// Embedding prefill (URL parameters or an allowed postMessage); adds what is new. With
    /// `fresh` (the page address asked for it at load), a case that already holds other
    /// evidence is kept aside first and the prefill starts a case of its own.
    Prefill {
        fresh: bool,
        text: Option<String>,
        host: Option<String>,
        code: Option<String>,
        ext: Option<String>,
    },
    /// A probe report JSON (from the local bridge).
    Probe(String),
    Overlay(serde_json::Value),
    Notify {
        error: bool,
        text: String,
    },
    DismissNotice,
    /// The engine's signature pack was loaded (`AppState::load_signatures`): the case is
    /// analysed again, now with the non-English signatures.
    SignaturesLoaded,
    /// Render every fix card; focus goes to the first one that was not on screen (`focus`).
    AllFixes {
        focus: Option<String>,
    },
    Reset,
    /// Cases kept aside, read from storage at load.
    RestoreKept(Vec<KeptCase>),
    /// Swap the case on screen with the last case kept aside.
    SwitchKept,
    /// Drop the last case kept aside (undoable).
    DiscardKept,
    /// Put back what the last undoable action changed.
    Undo,
    /// The undo offer `seq` timed out; `had_focus`: its button had keyboard focus.
    ExpireUndo {
        seq: u64,
        had_focus: bool,
    },
}

impl AppState {
    pub fn new(now: String) -> Self {
        let mut s = AppState {
            items: Vec::new(),
            host: String::new(),
            answers: BTreeMap::new(),
            feedback: BTreeMap::new(),
            skipped: BTreeSet::new(),
            overlay: None,
            now,
            report: Rc::new(Report::default()),
            notice: None,
            revision: 0,
            analysed: 0,
            focus: None,
            focus_seq: 0,
            previous: None,
            last_step: "",
            kept: Vec::new(),
            kept_seq: 0,
            undo: None,
            undo_seq: 0,
            all_fixes: false,
            next_id: 1,
        };
        s.rediagnose();
        s
    }

    /// An empty session that keeps what is not the user's input: the clock, the organisation
    /// overlay and the revision counters (so replies to older requests are still dropped).
    fn cleared(&self) -> AppState {
        AppState {
            overlay: self.overlay.clone(),
            revision: self.revision,
            analysed: self.analysed,
            focus_seq: self.focus_seq,
            kept: self.kept.clone(),
            kept_seq: self.kept_seq,
            undo_seq: self.undo_seq,
            ..AppState::new(self.now.clone())
        }
    }

    /// The engine request for the current state.
    pub fn request(&self) -> Request {
        let (mut req, texts, certs) = self.request_split();
        req.texts = texts.iter().map(|t| t.to_string()).collect();
        req.certificates = certs.iter().map(|c| c.to_string()).collect();
        req
    }

    /// The request without `texts` and `certificates`, and those two lists.
    fn request_split(&self) -> (Request, Vec<Rc<str>>, Vec<Rc<str>>) {
        let mut req = Request {
            schema: engine::schema::REQUEST_SCHEMA.to_string(),
            answers: self.answers.clone(),
            feedback: self.feedback.clone(),
            skipped: self.skipped.clone(),
            host: Some(self.host.trim().to_string()).filter(|h| !h.is_empty()),
            now: Some(self.now.clone()).filter(|n| !n.is_empty()),
            overlay: self.overlay.as_deref().cloned(),
            ..Request::default()
        };
        let (mut texts, mut certs) = (Vec::new(), Vec::new());
        for it in &self.items {
            match it.kind {
                Kind::Text => texts.push(it.content.clone()),
                Kind::Certificate => certs.push(it.content.clone()),
                Kind::Probe => {
                    req.probe = serde_json::from_str::<serde_json::Value>(&it.content).ok()
                }
            }
        }
        (req, texts, certs)
    }

    /// The worker side of [`AppState::request_parts`]: puts the texts and certificates back
    /// into the request and runs the engine. Called by the `engineJob` export of the same wasm
    /// module instantiated in the engine worker (`web/src/main.rs`, `static/engine-worker.js`).
    #[cfg(not(feature = "inline-engine"))]
    pub fn analyse_parts(
        request_json: &str,
        texts: Vec<String>,
        certificates: Vec<String>,
    ) -> String {
        let mut req: Request = match engine::schema::from_json(request_json) {
            Ok(r) => r,
            // Not reachable from the app (it serialises the request itself); the engine's own
            // JSON entry point turns the error into a report with a diagnostic.
            Err(_) => return engine::rank::diagnose_json(request_json),
        };
        req.texts = texts;
        req.certificates = certificates;
        serde_json::to_string(&engine::diagnose(&req)).unwrap_or_default()
    }

    /// Reads a report the engine worker sent ([`AppState::analyse_parts`] wrote it).
    #[cfg(not(feature = "inline-engine"))]
    pub fn read_report(json: &str) -> Result<Report, String> {
        engine::schema::from_json::<Report>(json)
            .map_err(|e| format!("The engine's report could not be read ({e})."))
    }

    /// The engine worker's warm-up (`warmPage` in `web/src/main.rs`): goes once through what
    /// the page does with a first paste — the state takes `sample`, makes the job for the
    /// worker, the engine answers it, the page reads that report and takes it in — and says
    /// whether the report was read, taken in and decodes a code of the sample. The wasm module
    /// is shared with the page and the browser compiles each wasm function on its first call,
    /// so this compiles the page's state logic and report reader on the worker's core while the
    /// page mounts, instead of on the page's main thread at the agent's first *Add*.
    #[cfg(not(feature = "inline-engine"))]
    pub fn warm(sample: &str, now: &str) -> bool {
        let s = Rc::new(AppState::new(now.to_string())).reduce(Action::Paste {
            text: sample.to_string(),
            label: None,
        });
        let (request, texts, certificates) = s.request_parts();
        let json = AppState::analyse_parts(
            &request,
            texts.into_iter().map(|(t, _)| t.to_string()).collect(),
            certificates.iter().map(|c| c.to_string()).collect(),
        );
        let Ok(report) = AppState::read_report(&json) else {
            return false;
        };
        let rev = s.revision;
        let s = s.reduce(Action::Analysed {
            rev,
            report: Box::new(report),
        });
        s.analysed == rev && !s.report.decoded.is_empty()
    }

    /// True when there is something to base advice on: a finding or a certificate the engine
    /// recognised, an answer or fix feedback. Until then the page shows no question, causes,
    /// fixes or next steps (the ranking of an empty request is only the priors): it says that
    /// nothing was recognised and asks for what would help.
    pub fn has_evidence(&self) -> bool {
        !self.report.findings.is_empty()
            || !self.report.certificates.is_empty()
            || !self.answers.is_empty()
            || !self.feedback.is_empty()
    }

    /// Asks for keyboard focus on the element `id` once the next report is on screen.
    fn focus_on(&mut self, id: String) {
        self.focus = Some(id);
        self.focus_seq += 1;
    }

    /// True when nothing has been entered yet.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
            && self.host.trim().is_empty()
            && self.answers.is_empty()
            && self.feedback.is_empty()
    }

    /// Position of an item among the request's items of the same kind (span `item` index).
    pub fn kind_index(&self, id: u32) -> Option<usize> {
        let it = self.items.iter().find(|i| i.id == id)?;
        Some(
            self.items
                .iter()
                .filter(|i| i.kind == it.kind)
                .take_while(|i| i.id != id)
                .count(),
        )
    }

    /// Findings of one item (text findings by span; certificate findings by index).
    pub fn findings_for(&self, id: u32) -> Vec<&engine::Finding> {
        let Some(it) = self.items.iter().find(|i| i.id == id) else {
            return Vec::new();
        };
        let Some(idx) = self.kind_index(id) else {
            return Vec::new();
        };
        let origin = match it.kind {
            Kind::Text => engine::finding::Origin::Text,
            Kind::Certificate => engine::finding::Origin::Certificate,
            Kind::Probe => engine::finding::Origin::Probe,
        };
        self.report
            .findings
            .iter()
            .filter(|f| f.origin == origin)
            .filter(|f| {
                it.kind == Kind::Probe
                    || f.span.map(|s| s.item) == Some(idx)
                    || (f.span.is_none() && idx == 0 && it.kind == Kind::Certificate)
            })
            .collect()
    }

    /// True while the engine has not yet answered for the current state.
    pub fn pending(&self) -> bool {
        self.analysed != self.revision
    }

    /// The bytes of everything added together (texts, certificates, probe results).
    pub fn input_bytes(&self) -> usize {
        self.items.iter().map(|i| i.content.len()).sum()
    }

    /// A small request (at most [`INLINE_BYTES`]): the page may analyse it itself, and the
    /// worker's job for it is posted without a task of its own.
    pub fn is_small(&self) -> bool {
        self.input_bytes() <= INLINE_BYTES
    }

    /// The request for the engine worker, in parts: the JSON without `texts` and
    /// `certificates`, and those two lists (sent as separate strings so a 10 MB paste is not
    /// escaped into JSON on the main thread; the worker puts them back).
    /// Each text comes with its JS copy when the item has one (a big paste), so it is posted
    /// to the worker without being copied out of the wasm.
    pub fn request_parts(&self) -> (String, Vec<JobText>, Vec<Rc<str>>) {
        let (req, _, certs) = self.request_split();
        let texts = self
            .items
            .iter()
            .filter(|i| i.kind == Kind::Text)
            .map(|i| (i.content.clone(), i.js.clone()))
            .collect();
        (
            serde_json::to_string(&req).unwrap_or_default(),
            texts,
            certs,
        )
    }

    /// The worker side of a big paste's secret scan (`hasSecrets` in `main.rs`): true when
    /// the text holds a secret (the page then cuts it as for any paste).
    pub fn has_secrets(text: &str) -> bool {
        !engine::redact::looks_like_secret(text).is_empty()
    }
    /// `(start, end, title)` spans to highlight in a text item (none while the report is stale:
    /// its spans may refer to other items).
    pub fn spans_for(&self, id: u32) -> Vec<(usize, usize, String)> {
        if self.pending() {
            return Vec::new();
        }
        self.findings_for(id)
            .into_iter()
            .filter_map(|f| f.span.map(|s| (s.start, s.end, f.title.clone())))
            .collect()
    }

    /// What is saved in local storage. Items are kept while their total stays under
    /// `max_bytes`; the labels of the items left out are returned so the user can be told.
    pub fn to_saved(&self, max_bytes: usize) -> (Saved, Vec<String>) {
        let mut used = 0;
        let mut dropped = Vec::new();
        let mut items = Vec::new();
        for it in &self.items {
            if used + it.content.len() > max_bytes {
                dropped.push(it.label.clone());
                continue;
            }
            used += it.content.len();
            items.push(SavedItem {
                kind: it.kind,
                label: it.label.clone(),
                // Private keys and passwords pasted by mistake are never written to storage.
                content: engine::redact::redact(
                    &it.content,
                    &engine::redact::RedactOptions::secrets_only(),
                ),
            });
        }
        let saved = Saved {
            items,
            host: self.host.clone(),
            answers: self.answers.clone(),
            feedback: self.feedback.clone(),
            skipped: self.skipped.clone(),
        };
        (saved, dropped)
    }

    /// The share-link payload for the current state (the part after `#r=`). Private keys and
    /// passwords are always removed; with `redact`, also user names, IP addresses and host
    /// names other than the one being diagnosed.
    pub fn share_payload(&self, redact: bool) -> String {
        let mut req = self.request();
        req.now = None;
        req.overlay = None;
        let opts = self.redact_options(redact);
        // Texts and the probe report are redacted as text; a certificate input in which the
        // engine found a private key is left out (the page never parses certificates itself).
        let keyed: Vec<usize> = self
            .report
            .diagnostics
            .iter()
            .filter(|d| d.code == "cert-private-key")
            .filter_map(|d| d.span.map(|sp| sp.item))
            .collect();
        req.texts = req
            .texts
            .iter()
            .map(|t| engine::redact::redact(t, &opts))
            .collect();
        req.certificates = std::mem::take(&mut req.certificates)
            .into_iter()
            .enumerate()
            .filter(|(i, _)| !keyed.contains(i))
            .map(|(_, c)| {
                engine::redact::redact(&c, &engine::redact::RedactOptions::secrets_only())
            })
            .collect();
        req.probe = req.probe.take().and_then(|p| {
            serde_json::from_str::<serde_json::Value>(&engine::redact::redact(
                &p.to_string(),
                &opts,
            ))
            .ok()
        });
        engine::share::encode_request(&req)
    }

    /// Redaction for exports: secrets always; personal data and other hosts when `redact`.
    fn redact_options(&self, redact: bool) -> engine::redact::RedactOptions {
        let host = Some(self.host.trim()).filter(|h| !h.is_empty());
        if redact {
            engine::redact::RedactOptions::all_except_host(host)
        } else {
            engine::redact::RedactOptions::secrets_only()
        }
    }

    /// The report as indented JSON, for the download button (the embed postMessage sends it
    /// compact, `hooks/use_embed.rs`).
    /// With `redact`, the texts that came from the input are redacted exactly as in the
    /// Markdown summary and the share link.
    pub fn report_json(&self, redact: bool) -> String {
        let json = if redact {
            let r = engine::redact::redact_report(&self.report, &self.redact_options(true));
            serde_json::to_string(&r)
        } else {
            serde_json::to_string(&*self.report)
        };
        crate::pretty::pretty_json(&json.unwrap_or_default())
    }

    /// A Markdown summary for a helpdesk ticket. Secrets are always removed; with `redact`,
    /// also user names, IP addresses and host names other than the one being diagnosed.
    pub fn markdown(&self, redact: bool) -> String {
        markdown(self, &self.redact_options(redact), redact)
    }

    fn push_item(&mut self, kind: Kind, label: Option<String>, content: String) {
        self.push_scanned(kind, label, content, None);
    }

    /// [`AppState::push_item`] for an item the engine worker may already have scanned: with
    /// `js` (the text's JS copy) it found no secret; without it the text is scanned here.
    fn push_scanned(
        &mut self,
        kind: Kind,
        label: Option<String>,
        content: String,
        js: Option<JsText>,
    ) {
        if content.trim().is_empty() {
            self.notify(false, "There was nothing to add: the paste area is empty. Paste the error dialog text, an event log entry, a certificate or a probe report.");
            return;
        }
        if content.len() > MAX_ITEM_BYTES {
            self.notify(true, &format!(
                "This item is {} MB; RDP Triage accepts up to {} MB per item. Paste only the part of the log around the failed connection.",
                content.len() / (1024 * 1024),
                MAX_ITEM_BYTES / (1024 * 1024)
            ));
            return;
        }
        // A secret (private key, password, token) is cut out before the item exists, so no card,
        // highlight or "show the text" view can ever render it; a paste that was only a secret
        // is discarded.
        let found = if js.is_some() {
            None // scanned by the engine worker: no secret
        } else {
            strip_secrets(&content)
        };
        let content = match found {
            None => content,
            Some((_, message, true)) => {
                self.notify(
                    true,
                    &format!("{message} It was discarded: nothing was added, shown or saved."),
                );
                return;
            }
            Some((cleaned, message, false)) => {
                self.notify(true, &format!("{message} It was cut out of the text before it was added: it is not shown, saved or exported."));
                cleaned
            }
        };
        if self
            .items
            .iter()
            .any(|i| i.kind == kind && *i.content == *content)
        {
            self.notify(false, "That item is already in the list.");
            return;
        }
        let mut kind = kind;
        if kind == Kind::Probe {
            if serde_json::from_str::<serde_json::Value>(&content).is_err() {
                self.notify(true, "This looks like a probe report but is not valid JSON (it may be cut off). It was added as text; paste the whole output of `rdp-probe scan HOST --json`.");
                kind = Kind::Text;
            } else if let Some(pos) = self.items.iter().position(|i| i.kind == Kind::Probe) {
                self.items.remove(pos);
                self.notify(false, "The earlier probe report was replaced by the new one (one probe report is used at a time).");
            }
        }
        let label = label.unwrap_or_else(|| detect::default_label(kind, &content));
        let id = self.next_id;
        self.next_id += 1;
        self.items.push(Rc::new(Item {
            id,
            kind,
            label,
            content: Rc::from(content),
            js,
        }));
    }

    fn add_detected(&mut self, text: String, label: Option<String>, detected: Detected) {
        match detected {
            Detected::Item(kind) => self.push_item(kind, label, text),
            Detected::ShareLink(payload) => self.merge_shared(&payload),
            Detected::Unreadable(message) => {
                let name = label.unwrap_or_else(|| "This file".to_string());
                self.notify(true, &format!("{name}: {message}"));
            }
        }
    }

    /// Adds what a share link holds to the session (a pasted `rdp-probe --open` link).
    fn merge_shared(&mut self, payload: &str) {
        match engine::share::decode_request(payload) {
            Ok(req) => {
                self.merge_request(req);
                self.notify(false, "The link's contents were added.");
            }
            Err(e) => self.notify(true, &e),
        }
    }

    fn merge_request(&mut self, req: Request) {
        for t in req.texts {
            self.push_item(Kind::Text, None, t);
        }
        for c in req.certificates {
            self.push_item(Kind::Certificate, None, c);
        }
        if let Some(p) = req.probe {
            self.push_item(
                Kind::Probe,
                None,
                crate::pretty::pretty_json(&p.to_string()),
            );
        }
        if let Some(h) = req.host.filter(|h| !h.trim().is_empty()) {
            self.host = h;
        }
        self.answers.extend(req.answers);
        self.feedback.extend(req.feedback);
        self.skipped.extend(req.skipped);
    }

    /// Puts the case on screen aside (when it holds anything) before another one replaces
    /// it; returns whether something was kept.
    fn keep_aside(&mut self, what: &str) -> bool {
        if self.is_empty() {
            return false;
        }
        let (saved, _) = self.to_saved(crate::components::app::MAX_SAVED_BYTES);
        self.kept.push(Rc::new(KeptCase {
            what: what.to_string(),
            saved,
        }));
        if self.kept.len() > MAX_KEPT {
            self.kept.remove(0);
        }
        self.kept_seq += 1;
        true
    }

    /// Replaces the user's input with a saved case (keeps the clock, overlay, kept cases).
    fn load_saved(&mut self, saved: Saved) {
        *self = self.cleared();
        for it in saved.items {
            self.push_item(it.kind, Some(it.label), it.content);
        }
        self.host = saved.host;
        self.answers = saved.answers;
        self.feedback = saved.feedback;
        self.skipped = saved.skipped;
    }

    /// Offers *Undo* for the change about to be made.
    fn offer_undo(&mut self, text: String, focus: String) {
        self.undo_seq += 1;
        self.undo = Some(Rc::new(Undo {
            text,
            items: self.items.clone(),
            feedback: self.feedback.clone(),
            kept: self.kept.clone(),
            focus,
        }));
    }

    fn notify(&mut self, error: bool, text: &str) {
        self.notice = Some(Notice {
            error,
            text: text.to_string(),
        });
    }

    /// After a change, a request of at most [`INLINE_BYTES`] is analysed here, at once, once
    /// the page's engine is warm and unless an organisation's knowledge overlay is loaded (up to
    /// 4 MB of JSON the engine merges on every run); with the `inline-engine` feature, every
    /// request, and the empty one at start. Otherwise the app's engine worker computes it for
    /// `revision` and sends `Action::Analysed`.
    fn rediagnose(&mut self) {
        if cfg!(feature = "inline-engine")
            || (self.revision > 0
                && self.is_small()
                && self.overlay.is_none()
                && PAGE_ENGINE_WARM.with(|w| w.get()))
        {
            let r = engine::diagnose(&self.request());
            self.replace_report(r);
            self.analysed = self.revision;
        }
    }

    /// Runs the page's instance of the engine once on a small dialog text (the report is
    /// dropped) and from then on lets small requests be analysed on the page. The first run
    /// loads the knowledge, builds the parser's pattern index and has the browser compile the
    /// engine's code, which on a slow machine takes about a hundred milliseconds: the app does
    /// it a while after mounting, not in the task that should show the first report. The engine
    /// worker warms itself when the module is compiled, so the first reports go there.
    pub fn warm_engine() {
        if !PAGE_ENGINE_WARM.with(|w| w.get()) {
            let req = Request {
                texts: vec!["Error code: 0x904\nExtended error code: 0x7".to_string()],
                ..Request::default()
            };
            let _ = engine::diagnose(&req);
            PAGE_ENGINE_WARM.with(|w| w.set(true));
        }
    }

    /// Gives the page's engine the signature pack (`hooks/use_signature_pack.rs`); returns how
    /// many signatures it added, or what was wrong with it.
    pub fn load_signatures(pack: &str) -> Result<usize, String> {
        engine::text::load_signature_pack(pack)
    }

    /// Puts a new report on screen and keeps the one before it (while it gave advice) for the
    /// verdict's "what changed".
    fn replace_report(&mut self, report: Report) {
        let advised = self.has_evidence();
        let old = std::mem::replace(&mut self.report, Rc::new(report));
        self.previous = (advised && !old.causes.is_empty()).then_some(old);
    }
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        if matches!(action, Action::AllFixes { focus: None }) && self.all_fixes {
            return self; // printing again: nothing to render
        }
        let mut s = (*self).clone();
        if let Action::Analysed { rev, report } = action {
            // Not a user action: keeps the notice on screen.
            if rev == s.revision {
                s.replace_report(*report);
                s.analysed = rev;
            }
            return Rc::new(s);
        }
        if let Action::AllFixes { focus } = action {
            // Not a change of the case: nothing to save or analyse, the undo offer stays.
            s.all_fixes = true;
            if let Some(id) = focus {
                s.focus_on(id);
            }
            return Rc::new(s);
        }
        if let Action::SignaturesLoaded = action {
            // Not a step of the user's: the same case, read with more signatures.
            if !s.items.is_empty() {
                s.revision += 1;
                s.rediagnose();
            }
            return Rc::new(s);
        }
        if let Some(w) = step_words(&action) {
            s.last_step = w;
        }
        s.notice = None;
        s.focus = None;
        // Any action of the user ends the undo offer; messages and the timer's own expiry do not.
        let undo = match action {
            Action::Notify { .. } | Action::DismissNotice | Action::Overlay(_) => None,
            _ => s.undo.take(),
        };
        // The question on screen: answering or skipping it moves focus to the next one.
        let asked = s.report.next_question.as_ref().map(|q| q.id.clone());
        match action {
            Action::Paste { text, label } => {
                let d = detect::detect(&text);
                s.add_detected(text, label, d);
            }
            Action::BigPaste { text, js } => match detect::detect(&text) {
                Detected::Item(kind) => s.push_scanned(kind, None, text, Some(js)),
                d => s.add_detected(text, None, d),
            },
            Action::File { name, bytes } => {
                if bytes.len() > MAX_ITEM_BYTES {
                    s.notify(true, &format!("{name} is too large ({} MB). Open it and copy only the part around the failed connection.", bytes.len() / (1024 * 1024)));
                } else {
                    let (text, d) = detect::from_file_bytes(&bytes);
                    s.add_detected(text, Some(name), d);
                }
            }
            Action::Remove(id) => {
                if let Some(it) = s.items.iter().find(|i| i.id == id) {
                    let text = format!("Removed “{}”.", it.label);
                    s.offer_undo(text, format!("remove-{id}"));
                    // The item is gone: focus goes to the Undo button that brings it back.
                    s.focus_on("undo".into());
                }
                s.items.retain(|i| i.id != id);
            }
            Action::SetHost(h) => s.host = h,
            Action::Answer { question, option } => {
                if asked.as_deref() == Some(question.as_str()) {
                    s.focus_on("q-text".into());
                }
                s.skipped.remove(&question);
                s.answers.insert(question, option);
            }
            Action::Unanswer(q) => {
                s.answers.remove(&q);
            }
            Action::Skip(q) => {
                if asked.as_deref() == Some(q.as_str()) {
                    s.focus_on("q-text".into());
                }
                s.skipped.insert(q);
            }
            Action::Unskip(q) => {
                s.skipped.remove(&q);
            }
            Action::Feedback { fix, outcome } => {
                let title = s
                    .report
                    .fixes
                    .iter()
                    .find(|f| *f.id == *fix)
                    .map_or_else(|| fix.clone(), |f| f.title.to_string());
                let what = match outcome {
                    Some(FixOutcome::Worked) => format!("Marked “{title}” as fixed it."),
                    Some(FixOutcome::Failed) => format!("Marked “{title}” as didn't help."),
                    Some(FixOutcome::Skipped) => format!("Marked “{title}” as can't do."),
                    None => format!("Cleared the result of “{title}”."),
                };
                s.offer_undo(what, format!("fix-{fix}"));
                // The card moves to its new place: focus follows it.
                s.focus_on(format!("fix-{fix}"));
                match outcome {
                    Some(o) => {
                        s.feedback.insert(fix, o);
                    }
                    None => {
                        s.feedback.remove(&fix);
                    }
                }
            }
            Action::Restore(saved) => {
                s.load_saved(saved);
                s.notice = None;
            }
            Action::OpenShared(payload) => match engine::share::decode_request(&payload) {
                Ok(req) => {
                    // Never lose work: the case on screen is kept aside, not overwritten.
                    let kept = s.keep_aside("your own case");
                    s = s.cleared();
                    s.merge_request(req);
                    s.notify(false, if kept {
                        "You opened a shared case. Your own case is kept in this browser: switch back to it with the button above. The link itself was not sent anywhere."
                    } else {
                        "Opened the shared session. It is now saved in this browser; the link itself was not sent anywhere."
                    });
                }
                Err(e) => s.notify(true, &format!("The link could not be opened: {e}")),
            },
            Action::Prefill {
                fresh,
                text,
                host,
                code,
                ext,
            } => {
                if fresh && !s.is_empty() {
                    // Only when the address brings something this case does not hold already
                    // (a reload of the same address adds nothing and keeps nothing aside).
                    let mut probe = s.clone();
                    probe.prefill(text.clone(), host.clone(), code.clone(), ext.clone());
                    if probe.items.len() != s.items.len() || probe.host != s.host {
                        s.keep_aside("your own case");
                        s = s.cleared();
                    }
                }
                s.prefill(text, host, code, ext);
            }
            Action::RestoreKept(list) => {
                s.kept = list.into_iter().take(MAX_KEPT).map(Rc::new).collect();
                return Rc::new(s);
            }
            Action::SwitchKept => {
                if let Some(k) = s.kept.pop() {
                    let other = (*k).clone();
                    s.keep_aside(if other.what == "your own case" {
                        "the other case"
                    } else {
                        "your own case"
                    });
                    s.load_saved(other.saved);
                    s.kept_seq += 1;
                    s.notify(false, &format!("Switched to {}.", other.what));
                    s.focus_on("input-h".into());
                }
            }
            Action::DiscardKept => {
                if let Some(k) = s.kept.last() {
                    let text = format!("Discarded {} that was kept aside.", k.what);
                    s.offer_undo(text, "kept-case".into());
                    s.kept.pop();
                    s.kept_seq += 1;
                    s.focus_on("undo".into());
                }
            }
            Action::Undo => {
                if let Some(u) = undo {
                    s.items = u.items.clone();
                    s.feedback = u.feedback.clone();
                    if s.kept != u.kept {
                        s.kept = u.kept.clone();
                        s.kept_seq += 1;
                    }
                    s.notify(false, &format!("Undone: {}", u.text));
                    s.focus_on(u.focus.clone());
                } else {
                    return Rc::new(s);
                }
            }
            Action::ExpireUndo { seq, had_focus } => {
                if seq != s.undo_seq {
                    s.undo = undo;
                } else if had_focus {
                    s.focus_on("paste".into());
                }
                return Rc::new(s);
            }
            Action::Analysed { .. } => return Rc::new(s),
            Action::Probe(json) => s.push_item(Kind::Probe, None, json),
            Action::Overlay(v) => s.overlay = Some(Rc::new(v)),
            Action::Notify { error, text } => {
                s.notify(error, &text);
                return Rc::new(s);
            }
            Action::DismissNotice | Action::AllFixes { .. } | Action::SignaturesLoaded => {
                return Rc::new(s)
            }
            Action::Reset => {
                s = s.cleared();
                if s.kept.is_empty() {
                    s.notify(false, "Started over: everything was cleared from this page and from this browser's storage.");
                } else {
                    // Start over clears the case on screen; a case kept aside stays until discarded.
                    s.notify(false, "Started over: this case was cleared from this page and from this browser's storage. The case kept aside is still there (see above).");
                }
                s.focus_on("paste".into());
            }
        }
        s.revision += 1;
        s.rediagnose();
        Rc::new(s)
    }
}

/// The user's step in words for the verdict ("… moved up to first after your answer"), or
/// `None` for what is not a step of the diagnosis.
fn step_words(a: &Action) -> Option<&'static str> {
    Some(match a {
        Action::Paste { .. }
        | Action::BigPaste { .. }
        | Action::File { .. }
        | Action::Prefill { .. }
        | Action::Probe(_) => "the new evidence",
        Action::Remove(_) => "removing an item",
        Action::SetHost(_) => "you set the host name",
        Action::Answer { .. } => "your answer",
        Action::Unanswer(_) => "clearing an answer",
        Action::Skip(_) => "skipping a question",
        Action::Unskip(_) => "asking a question again",
        Action::Feedback {
            outcome: Some(FixOutcome::Failed),
            ..
        } => "“Didn't help”",
        Action::Feedback {
            outcome: Some(FixOutcome::Worked),
            ..
        } => "“This fixed it”",
        Action::Feedback {
            outcome: Some(FixOutcome::Skipped),
            ..
        } => "“Can't do this”",
        Action::Feedback { outcome: None, .. } => "clearing a fix's result",
        _ => return None,
    })
}

impl AppState {
    /// Adds the prefill's code lines, text and host (what is already there is not added twice).
    fn prefill(
        &mut self,
        text: Option<String>,
        host: Option<String>,
        code: Option<String>,
        ext: Option<String>,
    ) {
        let s = self;
        let mut lines = Vec::new();
        if let Some(c) = code.as_deref().map(str::trim).filter(|c| !c.is_empty()) {
            lines.push(format!("Error code: {}", detect::prefix(c, 32)));
        }
        if let Some(e) = ext.as_deref().map(str::trim).filter(|e| !e.is_empty()) {
            lines.push(format!("Extended error code: {}", detect::prefix(e, 32)));
        }
        for t in [Some(lines.join("\n")), text] {
            let Some(t) = t.filter(|t| !t.trim().is_empty()) else {
                continue;
            };
            if !s.items.iter().any(|i| *i.content == *t) {
                let d = detect::detect(&t);
                s.add_detected(t, None, d);
            }
        }
        if let Some(h) = host.filter(|h| !h.trim().is_empty()) {
            s.host = detect::prefix(h.trim(), 255).to_string();
        }
    }
}

/// What the summary says instead of causes and fixes while nothing was recognised.
pub const NOTHING_RECOGNISED_MD: &str = "**Nothing recognised yet**, so no cause or fix is suggested. What would help: the error dialog's text with its codes (Error code / Extended error code), an event from Event Viewer (TerminalServices or RemoteDesktopServices logs), or the client's log (mstsc or FreeRDP).\n";

/// The date of the session for the ticket and the print view: "2026-11-21 09:00 UTC" from the
/// RFC 3339 `now` the app was given (as it came when it is not in that form).
pub fn date_words(now: &str) -> String {
    match (now.get(..10), now.get(11..16)) {
        (Some(d), Some(t)) if now.ends_with('Z') && now.as_bytes().get(10) == Some(&b'T') => {
            format!("{d} {t} UTC")
        }
        _ => now.to_string(),
    }
}

/// The ticket summary. On top, what a person reads first: host and date, the verdict (most
/// likely cause, what to do first), the evidence in a few lines, what was tried and how it
/// went (`engine::render::short_summary`). Below a rule, the full plan: pasted items, then the
/// engine's full rendering (decoded codes, evidence, certificates, answers, causes, fixes
/// tried, next steps with their commands).
fn markdown(s: &AppState, opts: &engine::redact::RedactOptions, redact_ips: bool) -> String {
    use std::fmt::Write;
    let mut m = String::from("## RDP Triage summary\n\n");
    let render = engine::render::RenderOptions {
        redact_ips,
        ..engine::render::RenderOptions::default()
    };
    let mask = |t: &str| engine::redact::redact(t, opts);
    if !s.host.trim().is_empty() {
        let _ = write!(m, "**Host:** `{}` · ", mask(s.host.trim()));
    }
    let _ = writeln!(m, "**Date:** {}\n", date_words(&s.now));
    let mut report = engine::redact::redact_report(&s.report, opts);
    let advice = s.has_evidence();
    if !advice {
        // No advice without evidence: the ranking of an empty request is only the priors.
        report.causes.clear();
        report.fixes.clear();
        report.next_question = None;
    }
    let short = engine::render::short_summary(&report, &render);
    if advice && !short.is_empty() {
        m.push_str(&short);
        m.push_str("\n---\n\n");
    }
    m.push_str("### Pasted items\n\n");
    if s.items.is_empty() {
        m.push_str("- (nothing pasted)\n");
    }
    for it in &s.items {
        let _ = writeln!(
            m,
            "- {}: {} ({} bytes)",
            it.kind.label(),
            mask(&it.label),
            it.content.len()
        );
    }
    m.push('\n');
    let body = engine::render::plan_markdown(&report, &render);
    let mut body = body.as_str();
    if !advice {
        // The (now empty) causes and next-steps sections are left out.
        body = body.find("### Likely causes").map_or(body, |p| &body[..p]);
    }
    m.push_str(body);
    if !advice {
        m.push_str(NOTHING_RECOGNISED_MD);
    }
    m
}

/// Cuts every secret that `engine::redact::looks_like_secret` finds out of a paste, leaving a
/// short marker (`[private key removed]`). Returns `None` when there is none; otherwise the
/// cleaned text, the first secret's explanation, and whether nothing but secrets was pasted.
fn strip_secrets(content: &str) -> Option<(String, String, bool)> {
    let hints = engine::redact::looks_like_secret(content);
    let first = hints.first()?.message.clone();
    let mut spans: Vec<(usize, usize, &str)> = hints
        .iter()
        .map(|h| (h.start, h.end.min(content.len()), h.kind.as_str()))
        .filter(|(s, e, _)| s < e && content.is_char_boundary(*s) && content.is_char_boundary(*e))
        .collect();
    spans.sort_by_key(|s| std::cmp::Reverse(s.0));
    let mut cleaned = content.to_string();
    let mut rest = content.to_string();
    let mut next_start = usize::MAX;
    for (s, e, kind) in spans {
        if e > next_start {
            continue; // overlaps a span already cut (a password inside a key block, say)
        }
        let marker = if kind == "private-key" {
            "[private key removed]"
        } else {
            "[secret removed]"
        };
        cleaned.replace_range(s..e, marker);
        rest.replace_range(s..e, "");
        next_start = s;
    }
    Some((cleaned, first, rest.trim().is_empty()))
}
