//! The text parser: one pass over whatever the user pasted (error dialogs in several languages,
//! Event Viewer text/XML/CSV/Format-List, FreeRDP/Remmina/xrdp logs, Test-NetConnection,
//! nslookup, ping, netstat, qwinsta output, the user's own words) producing [`Finding`]s with
//! exact byte spans. It never fails as a whole: unknown codes become explicit "unrecognised"
//! findings and a paste with nothing recognisable yields a diagnostic saying what to paste.
//!
//! Design: a multi-pattern matcher (`matcher`) walks the bytes once and calls a handler for
//! every pattern occurrence (`handlers`); handlers read the few bytes after the pattern (a
//! number, an address, `True`/`False`). A few facts need the whole paste (a name that resolved
//! to the client's own address, netstat output without the RDP port) and are settled at the end.
//!
//! Deduplication: each evidence key is reported once, with the span of its FIRST occurrence
//! (a log that repeats `ERRCONNECT_TLS_CONNECT_FAILED` fifty times yields one finding).
//! Negated hints ("not using a VPN", "no VPN", "doesn't work by IP") are dropped.

pub mod keys;

mod fold;
mod handlers;
mod matcher;
mod near;
mod patterns;
mod scan;
#[cfg(test)]
mod tests;

use crate::catalog::{self, CodeSpace, DecodedCode, Status};
use crate::finding::{Diagnostic, Finding, Origin, Severity, Span, Strength};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// What the parser recognised in one pasted item.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TextAnalysis {
    pub decoded: Vec<DecodedCode>,
    pub findings: Vec<Finding>,
    pub diagnostics: Vec<Diagnostic>,
    /// Host names the paste names (`crate::hosts`), first occurrence of each.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub hosts: Vec<crate::hosts::HostCandidate>,
}

/// The non-English signatures as a JSON pack (`rdp-triage.signature-pack/1`): the web page's
/// build leaves them out of its wasm and fetches this after its first report. Written to
/// `dist/signatures-intl.json` by scripts/build-web (`cargo run -p engine --example signature-pack`).
pub fn signature_pack_json() -> &'static str {
    patterns::PACK_JSON
}

/// Adds the non-English signatures from a pack made by [`signature_pack_json`] of the same
/// build; returns how many patterns it holds. Builds without the `intl-pack` feature have them
/// compiled in and return 0. Texts analysed afterwards are read with them.
pub fn load_signature_pack(json: &str) -> Result<usize, String> {
    patterns::load_pack(json)
}

/// At most this many findings per paste; further distinct facts are counted in a diagnostic
/// (keeps reports small when someone pastes megabytes of distinct codes).
pub const MAX_FINDINGS: usize = 300;

/// Analyses one pasted text. `item` is its index among the request's texts (for spans).
/// Typographic apostrophes and no-break spaces are read as their ASCII forms (`fold`); spans
/// still point into `text` as given. After the word-for-word scan, a short paste in which it
/// read no message is read once more for messages written a little differently (`near`).
/// Natively, a paste of a megabyte or more is matched on two threads
/// (`matcher::scan_shared`); the result is the same as on one.
pub fn analyze_text(text: &str, item: usize) -> TextAnalysis {
    analyze(text, item, true)
}

/// [`analyze_text`] on the caller's thread alone, whatever the paste's size: for the benchmark
/// that prints both figures and for the tests that compare the two.
#[doc(hidden)]
pub fn analyze_text_on_one_thread(text: &str, item: usize) -> TextAnalysis {
    analyze(text, item, false)
}

fn analyze(text: &str, item: usize, shared: bool) -> TextAnalysis {
    let read = |text: &str, ctx: &mut Ctx| {
        if shared {
            matcher::scan_shared(text.as_bytes(), ctx);
        } else {
            matcher::scan(text.as_bytes(), ctx);
        }
        near::scan(text.as_bytes(), ctx);
    };
    match folded(text) {
        None => {
            let mut ctx = Ctx::new(text, item);
            read(text, &mut ctx);
            ctx.finish()
        }
        Some((folded, map)) => {
            let mut ctx = Ctx::new(&folded, item);
            ctx.to_given = map;
            read(&folded, &mut ctx);
            ctx.finish()
        }
    }
}

/// True when at least half of `s..e` lies inside one of `spans`.
pub(crate) fn mostly_inside(s: usize, e: usize, spans: &[(usize, usize)]) -> bool {
    spans
        .iter()
        .any(|&(a, b)| 2 * b.min(e).saturating_sub(a.max(s)) >= e - s)
}

/// `text` with [`fold::fold_char`] applied, and the offsets where the folded text's length
/// moved against the given one (an apostrophe or space of three bytes read as one): pairs of
/// (offset in the folded text, offset in `text`) just after each such character. `None` when
/// nothing folds (the common case: no copy). Every character that folds starts with a UTF-8
/// lead byte of C2 or more; stretches without one are skipped 32 bytes at a time and copied
/// whole, so a 10 MB paste with one such character costs one copy and no per-byte table.
fn folded(text: &str) -> Option<(String, Vec<(usize, usize)>)> {
    let b = text.as_bytes();
    let mut at = 0;
    let mut next = move || {
        while at < b.len() {
            let block = &b[at..(at + 32).min(b.len())];
            // Most blocks have no byte >= C2: one comparison the compiler vectorises.
            if block.iter().fold(false, |m, &c| m | (c >= 0xC2)) {
                if let Some(k) = block
                    .iter()
                    .position(|&c| matches!(c, 0xC2 | 0xC3 | 0xD0 | 0xE2))
                {
                    at += k + 1;
                    return Some(at - 1);
                }
            }
            at += block.len();
        }
        None
    };
    let mut out: Option<(String, Vec<(usize, usize)>)> = None;
    let mut last = 0;
    while let Some(i) = next() {
        let Some(c) = text.get(i..).and_then(|t| t.chars().next()) else {
            continue;
        };
        let Some(r) = fold::fold_char(c) else {
            continue;
        };
        let (s, shifts) =
            out.get_or_insert_with(|| (String::with_capacity(text.len()), Vec::new()));
        s.push_str(&text[last..i]);
        s.push(r);
        last = i + c.len_utf8();
        if r.len_utf8() != c.len_utf8() {
            shifts.push((s.len(), last));
        }
    }
    let (mut s, shifts) = out?;
    s.push_str(&text[last..]);
    Some((s, shifts))
}

/// Event source names older Windows shows for any Terminal Services provider.
const LEGACY_TS: &[&str] = &[
    "termservice",
    "termdd",
    "terminalservices",
    "terminalservice",
];

/// A provider name compared loosely: lower case, without `Microsoft-Windows-` and spaces.
fn provider_key(name: &[u8]) -> String {
    let s: String = String::from_utf8_lossy(name)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_lowercase();
    match s.strip_prefix("microsoft-windows-") {
        Some(rest) => rest.to_string(),
        None => s,
    }
}

/// A Terminal Services / Remote Desktop Services provider (not Schannel).
fn is_ts_family(key: &str) -> bool {
    key.starts_with("terminalservices") || key.starts_with("remotedesktopservices")
}

/// The provider a line of an event record names, if it names one: `Source: X` (Event Viewer's
/// text), `<Provider Name="X" …/>` (its XML), `ProviderName : X` (PowerShell's list view).
fn named_provider(line: &[u8]) -> Option<&[u8]> {
    fn value(rest: &[u8]) -> Option<&[u8]> {
        let rest = rest.trim_ascii_start().strip_prefix(b":")?.trim_ascii();
        (!rest.is_empty()).then_some(rest)
    }
    let trimmed = line.trim_ascii_start();
    for label in [&b"source"[..], b"providername"] {
        if scan::starts_with_ci(trimmed, 0, label) {
            return value(&trimmed[label.len()..]);
        }
    }
    let needle = b"provider name=";
    let at = scan::find_ci(line, needle)?;
    let rest = &line[at + needle.len()..];
    let quote = *rest.first()?;
    if quote != b'"' && quote != b'\'' {
        return None;
    }
    let body = &rest[1..];
    let close = body.iter().position(|&c| c == quote)?;
    (close > 0).then(|| &body[..close])
}

/// An Event Viewer CSV export being read ("Level,Date and Time,Source,Event ID,Task
/// Category"): the columns of the event ID and of the source, and the delimiter.
#[derive(Clone, Copy)]
pub(crate) struct Csv {
    pub id_col: usize,
    pub source_col: Option<usize>,
    pub delim: u8,
}

/// One number per (space, code) pair, for [`Ctx::seen_codes`].
fn code_key(space: CodeSpace, value: u32) -> u64 {
    (space as u64) << 32 | u64::from(value)
}

/// Parser state for one paste.
pub(crate) struct Ctx<'a> {
    pub(crate) text: &'a str,
    pub(crate) b: &'a [u8],
    item: usize,
    out: TextAnalysis,
    /// Codes already reported, as sorted [`code_key`]s (at most [`MAX_FINDINGS`]).
    seen_codes: Vec<u64>,
    seen_keys: BTreeSet<String>,
    /// Addresses of the static key strings already reported (sorted): a repeated hit of the
    /// same signature (a logger name on every log line) is settled by one integer search
    /// instead of string compares.
    seen_key_ptrs: Vec<usize>,
    seen_names: BTreeSet<String>,
    /// Start of the current line.
    pub(crate) line_start: usize,
    /// Lines started so far (the first line is 0).
    pub(crate) line_no: usize,
    /// Start of the first line after the last blank one: where the current record begins.
    pub(crate) record_start: usize,
    /// The last event source named above (see [`Ctx::record_source`]): its line number, its
    /// line's start and the name.
    pub(crate) provider: Option<(usize, usize, &'a [u8])>,
    /// Bytes before this position were already read by a label handler.
    pub(crate) consumed_until: usize,
    /// Start and end of the last product message (a `Fact` signature) read: a message that
    /// starts inside it (after its start) is part of it, not a message of its own ("…, or the
    /// certificate has expired" inside FreeRDP's untrusted-certificate prompt is not the
    /// expired-certificate dialog). Messages that start at the same place are all read.
    pub(crate) fact_span: (usize, usize),
    /// Spans of the sentences read (`Fact` and `Code` signatures) in a paste of up to
    /// `near::NEAR_MAX` bytes (longer ones are not read nearly): the near pass reads no
    /// message inside one of them.
    pub(crate) sentences: Vec<(usize, usize)>,
    /// End of the last disconnect-code finding ("0x904/0x7": the second one is extended).
    pub(crate) last_disc_end: Option<usize>,
    /// An Event Viewer CSV export's header was read: its rows follow.
    pub(crate) csv: Option<Csv>,
    /// Get-WinEvent table: byte column just after the right-aligned `Id` header.
    pub(crate) winevent_id_end: Option<usize>,
    /// nslookup: a `Name:` line was seen, so `Address:` lines are answers.
    pub(crate) ns_name_seen: bool,
    /// qwinsta: byte column of USERNAME.
    pub(crate) qwinsta_user_col: Option<usize>,
    /// Addresses a name resolved to (address, span).
    pub(crate) resolved: Vec<(String, usize, usize)>,
    /// The client's own addresses.
    pub(crate) own: Vec<String>,
    /// A netstat TCP LISTENING line that was not the RDP port.
    pub(crate) netstat_other: Option<(usize, usize)>,
    /// A label ("Error code") with no number after it.
    pub(crate) label_without_number: Option<(usize, usize)>,
    /// Distinct facts dropped because of [`MAX_FINDINGS`].
    dropped: usize,
    /// For a folded paste ([`folded`]): (offset in the text read, offset in the text as given)
    /// after each character whose length changed (empty when none did).
    to_given: Vec<(usize, usize)>,
}

impl<'a> Ctx<'a> {
    fn new(text: &'a str, item: usize) -> Self {
        Ctx {
            text,
            b: text.as_bytes(),
            item,
            out: TextAnalysis::default(),
            seen_codes: Vec::new(),
            seen_keys: BTreeSet::new(),
            seen_key_ptrs: Vec::new(),
            seen_names: BTreeSet::new(),
            line_start: 0,
            line_no: 0,
            record_start: 0,
            provider: None,
            consumed_until: 0,
            fact_span: (0, 0),
            sentences: Vec::new(),
            last_disc_end: None,
            csv: None,
            winevent_id_end: None,
            ns_name_seen: false,
            qwinsta_user_col: None,
            resolved: Vec::new(),
            own: Vec::new(),
            netstat_other: None,
            label_without_number: None,
            dropped: 0,
            to_given: Vec::new(),
        }
    }

    /// An offset in the parsed (folded) text as an offset in the text as given.
    fn given(&self, at: usize) -> usize {
        match self.to_given.partition_point(|&(folded, _)| folded <= at) {
            0 => at,
            k => {
                let (folded, given) = self.to_given[k - 1];
                given + (at - folded)
            }
        }
    }

    /// The event source named in the record that holds the event ID at `at` (Event Viewer's
    /// `Source:` line, `Provider Name="…"` in its XML, `ProviderName :` in PowerShell's list
    /// view, all above the ID in the same block of lines: [`Ctx::record_source`]) when it is
    /// not the provider the catalog gives for event `id`. A bare legacy name (`TermService`, `TermDD`,
    /// `TerminalServices`) is taken as any Terminal Services provider.
    fn other_provider(&self, id: u32) -> Option<String> {
        let entry = catalog::lookup(CodeSpace::Event, id)?;
        let named = self.record_source()?;
        let want = provider_key(entry.provider.as_deref()?.as_bytes());
        let got = provider_key(named);
        let same = got == want || (LEGACY_TS.contains(&got.as_str()) && is_ts_family(&want));
        (!same).then(|| String::from_utf8_lossy(named).into_owned())
    }

    /// The event source named in the record that holds the text on the current line: the
    /// last `Source:` / `ProviderName :` / `<Provider Name=…>` line read so far (on this line,
    /// before the ID, or above it), if no blank line came since and it is at most 39 lines up.
    /// Provider lines are noted as the scan passes them ([`Ctx::note_provider`]), so a
    /// log of thousands of events costs nothing per event.
    fn record_source(&self) -> Option<&'a [u8]> {
        let (line_no, start, named) = self.provider?;
        (start >= self.record_start && self.line_no - line_no < 40).then_some(named)
    }

    /// A `source` / `providername` / `provider name` word at `at`: remembers the source its
    /// line names, if it names one.
    pub(crate) fn note_provider(&mut self, at: usize) {
        let b = self.b;
        let ls = self.line_start.min(at);
        if let Some(named) = named_provider(&b[ls..scan::line_end(b, at)]) {
            self.provider = Some((self.line_no, ls, named));
        }
    }

    fn span(&self, start: usize, end: usize) -> Span {
        let start = scan::floor_boundary(self.text, start);
        let mut end = end.clamp(start, self.text.len());
        while end < self.text.len() && !self.text.is_char_boundary(end) {
            end += 1;
        }
        // A folded paste: back to the offsets of the text as given.
        let (start, end) = (self.given(start), self.given(end));
        Span {
            item: self.item,
            start,
            end,
        }
    }

    /// Reports a code (first occurrence of each (space, code) only).
    pub(crate) fn code(
        &mut self,
        space: CodeSpace,
        value: u32,
        start: usize,
        end: usize,
        written_decimal: bool,
    ) {
        // Whatever a code was read from is not read again by a shorter label inside it.
        self.consumed_until = self.consumed_until.max(end);
        // An event ID the catalog does not know is another component's event (7036, a service
        // changed state), not an RDP failure: it is left out quietly, not listed as unrecognised.
        if space == CodeSpace::Event && catalog::lookup(space, value).is_none() {
            return;
        }
        // The same number from another component (Group Policy's 1058, RemoteApp and Desktop
        // Connections' 1006) is not the Remote Desktop event the catalog knows: left out, with
        // a note that says so.
        if space == CodeSpace::Event {
            if let Some(named) = self.other_provider(value) {
                // One note per event number and source, however many records repeat it.
                let head = format!("Event {value} here comes from {named},");
                if self
                    .out
                    .diagnostics
                    .iter()
                    .any(|d| d.code == "text-event-other-source" && d.message.starts_with(&head))
                {
                    return;
                }
                let mut d = Diagnostic::new(
                    Severity::Info,
                    "text-event-other-source",
                    format!("Event {value} here comes from {named}, not from the Remote Desktop component that logs an event {value}, so it was not used. If the failure is in Remote Desktop, paste the event from its own log (TerminalServices, RemoteDesktopServices or Schannel)."),
                );
                d.span = Some(self.span(start, end));
                self.out.diagnostics.push(d);
                return;
            }
        }
        let at = match self.seen_codes.binary_search(&code_key(space, value)) {
            Ok(_) => return,
            Err(at) => at,
        };
        if self.full() {
            return;
        }
        self.seen_codes.insert(at, code_key(space, value));
        if space == CodeSpace::Disconnect {
            self.last_disc_end = Some(end);
        }
        let d = catalog::decode(space, value);
        let entry = catalog::lookup(space, value);
        let title = match (&d.name, entry) {
            (Some(_), Some(e)) if space == CodeSpace::Event => match &e.provider {
                Some(p) => format!(
                    "Event {} ({})",
                    d.display,
                    p.trim_start_matches("Microsoft-Windows-")
                ),
                None => format!("Event {}", d.display),
            },
            (Some(n), _) if *n == d.display => format!("{} {}", space.label(), n),
            (Some(n), _) => format!("{} {}: {}", space.label(), d.display, n),
            (None, _) => format!(
                "Unrecognised {} {}",
                space.label().to_ascii_lowercase(),
                d.display
            ),
        };
        let mut detail = d.meaning.clone();
        if written_decimal && !space.is_decimal() {
            detail.push_str(&format!(
                " (Written in decimal: {value} = {}.)",
                space.display(value)
            ));
        }
        if entry.is_some_and(|e| e.status == Status::Observed) {
            detail.push_str(" Observed in the wild; not officially documented.");
        }
        if entry.is_none() {
            detail.push_str(
                " Kept as evidence; search the exact code or paste more of the surrounding text.",
            );
        }
        let span = self.span(start, end);
        self.out.findings.push(Finding {
            evidence: d.evidence.clone(),
            strength: Strength::Hard,
            origin: Origin::Text,
            title,
            detail,
            source: d.source.clone(),
            span: Some(span),
        });
        self.out.decoded.push(d);
    }

    /// True when `(space, value)` was already reported.
    pub(crate) fn seen_code(&self, space: CodeSpace, value: u32) -> bool {
        self.seen_codes
            .binary_search(&code_key(space, value))
            .is_ok()
    }

    /// Reports a FreeRDP name that is not in the catalog and has no number (`freerdp:NAME`).
    pub(crate) fn unknown_name(&mut self, name: &str, start: usize, end: usize) {
        let name = name.to_ascii_uppercase();
        if self.seen_names.contains(&name) || self.full() {
            return;
        }
        self.seen_names.insert(name.clone());
        let key = format!("freerdp:{name}");
        let span = self.span(start, end);
        self.out.decoded.push(DecodedCode {
            space: CodeSpace::Freerdp,
            code: 0,
            display: name.clone(),
            name: None,
            meaning: format!("Unrecognised FreeRDP error name {name}: not in the catalog."),
            side: None,
            status: None,
            source: None,
            evidence: key.clone(),
        });
        self.out.findings.push(Finding {
            evidence: key,
            strength: Strength::Hard,
            origin: Origin::Text,
            title: format!("Unrecognised FreeRDP error {name}"),
            detail: format!(
                "Unrecognised FreeRDP error name {name}: not in the catalog. Kept as evidence."
            ),
            source: None,
            span: Some(span),
        });
    }

    /// Reports a static key (`msg:*`, `net:*`, `hint:*`), first occurrence only.
    pub(crate) fn fact(&mut self, key: &'static str, strength: Strength, start: usize, end: usize) {
        if self.seen_static(key) || self.full() {
            return;
        }
        self.seen_keys.insert(key.to_string());
        let p = key.as_ptr() as usize;
        if let Err(at) = self.seen_key_ptrs.binary_search(&p) {
            self.seen_key_ptrs.insert(at, p);
        }
        // The parser's own key table (signatures yield only `msg:`/`net:`/`hint:`/`ctx:` keys).
        let desc = keys::describe(key).unwrap_or(key);
        let (title, detail) = match strength {
            Strength::Hard => (desc.to_string(), desc.to_string()),
            Strength::Soft => (
                format!("Hint: {desc}"),
                format!("From the words in this text (a description, a dialog title or a log line): {desc}. Soft evidence: it shifts the odds but proves nothing on its own."),
            ),
        };
        let span = self.span(start, end);
        self.out.findings.push(Finding {
            evidence: key.to_string(),
            strength,
            origin: Origin::Text,
            title,
            detail,
            source: None,
            span: Some(span),
        });
    }

    /// True when the static key `key` was already reported.
    #[inline]
    pub(crate) fn seen_static(&self, key: &'static str) -> bool {
        self.seen_key_ptrs
            .binary_search(&(key.as_ptr() as usize))
            .is_ok()
            || self.seen_keys.contains(key)
    }

    /// True (and counts the drop) when no more findings fit.
    fn full(&mut self) -> bool {
        if self.out.findings.len() >= MAX_FINDINGS {
            self.dropped += 1;
            return true;
        }
        false
    }

    /// One mention, one piece of evidence: a hint read wholly within the words of a context
    /// finding ("azure" inside "Azure VM", "cloudapp.azure.com") says what the context key
    /// says, and both raise the same causes, so the hint is dropped; so is a hint read wholly
    /// within a longer hint's words ("renamed" inside "renamed the account": the longer phrase
    /// says what was renamed). A hint that only starts with a product's name says more
    /// ("rdesktop works": another client works) and stays.
    fn drop_hints_inside_wider_findings(&mut self) {
        let wider: Vec<(usize, usize, bool)> = self
            .out
            .findings
            .iter()
            .filter(|f| f.evidence.starts_with("ctx:") || f.evidence.starts_with("hint:"))
            .filter_map(|f| {
                let s = f.span.as_ref()?;
                Some((s.start, s.end, f.evidence.starts_with("ctx:")))
            })
            .collect();
        // A drop needs a hint and a wider finding: at least two spans.
        if wider.len() < 2 {
            return;
        }
        self.out.findings.retain(|f| {
            let Some(s) = f.span.as_ref().filter(|_| f.evidence.starts_with("hint:")) else {
                return true;
            };
            !wider
                .iter()
                .any(|&(a, b, ctx)| a <= s.start && s.end <= b && (ctx || b - a > s.end - s.start))
        });
    }

    fn finish(mut self) -> TextAnalysis {
        // Resolved addresses: loopback or one of the client's own addresses => resolves to self.
        let resolved = std::mem::take(&mut self.resolved);
        for (ip, s, e) in &resolved {
            if scan::is_loopback(ip) || self.own.iter().any(|o| o == ip) {
                self.fact("net:dns-self", Strength::Hard, *s, *e);
            }
        }
        if !self.seen_keys.contains("net:dns-self") && !self.seen_keys.contains("net:dns-failed") {
            if let Some((_, s, e)) = resolved.first() {
                self.fact("net:dns-ok", Strength::Hard, *s, *e);
            }
        }
        if let Some((s, e)) = self.netstat_other {
            if !self.seen_keys.contains("net:listening") {
                self.fact("net:not-listening", Strength::Hard, s, e);
            }
        }
        if self.dropped > 0 {
            self.out.diagnostics.push(Diagnostic::new(
                Severity::Warning,
                "text-too-many-findings",
                format!("This paste holds more distinct codes and facts than can be shown; the first {MAX_FINDINGS} are listed and {} more occurrences were skipped. Paste only the part around the failed connection.", self.dropped),
            ));
        }
        self.drop_hints_inside_wider_findings();
        let hard = self
            .out
            .findings
            .iter()
            .filter(|f| f.strength == Strength::Hard)
            .count();
        let soft = self.out.findings.len() - hard;
        if let Some((s, e)) = self.label_without_number {
            if hard == 0 {
                let mut d = Diagnostic::new(
                    Severity::Info,
                    "text-label-without-code",
                    "An error-code label was found but no number after it. Paste the whole line, e.g. \"Error code: 0x904\".",
                );
                d.span = Some(self.span(s, e));
                self.out.diagnostics.push(d);
            }
        }
        if self.out.findings.is_empty() {
            let msg = if self.text.trim().is_empty() {
                "The text is empty. Paste the whole error dialog (it shows \"Error code\" and \"Extended error code\"), an Event Viewer entry, a FreeRDP log or Test-NetConnection output."
            } else {
                "Nothing in this text was recognised. Paste the whole error dialog (it shows \"Error code\" and \"Extended error code\"), an Event Viewer entry (Schannel, RemoteConnectionManager, RdpCoreTS), a FreeRDP/Remmina log, or the output of Test-NetConnection HOST -Port 3389."
            };
            self.out.diagnostics.push(Diagnostic::new(
                Severity::Warning,
                "text-nothing-recognised",
                msg,
            ));
        } else if hard == 0 && soft > 0 {
            self.out.diagnostics.push(Diagnostic::new(
                Severity::Info,
                "text-only-hints",
                "Only your own description was recognised (soft hints). If you have the error dialog, an Event Viewer entry or a client log, paste it too for a firmer diagnosis.",
            ));
        }
        self.out
    }
}
