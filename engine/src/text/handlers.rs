//! What happens when a pattern matches: each handler reads the few bytes after (or just
//! before) the pattern and reports codes or static keys through the [`Ctx`] helpers. Handlers
//! only look at the current line or a small bounded window, so the whole parse stays linear.

use super::matcher::Sink;
use super::patterns::{Kind, Pat, Sp};
use super::scan::*;
use super::{Csv, Ctx};
use crate::catalog::{self, CodeSpace};
use crate::finding::Strength;

/// Codes written with 5+ hex digits carry their own space: HRESULT (0x8…), NTSTATUS (0xC…),
/// FreeRDP class 1 (ERRINFO, 0x0001xxxx) and class 2 (ERRCONNECT, 0x0002xxxx).
fn classify_wide(v: u32) -> Option<(CodeSpace, u32)> {
    match v >> 28 {
        0x8 => Some((CodeSpace::Hresult, v)),
        0xC => Some((CodeSpace::Ntstatus, v)),
        _ => match v >> 16 {
            1 => Some((CodeSpace::Extended, v & 0xFFFF)),
            2 => Some((CodeSpace::Freerdp, v)),
            _ => None,
        },
    }
}

/// Words after a dialog label that mark it as the extended code (fr/es/pt/it put it last).
const EXT_SUFFIXES: &[&[u8]] = &[
    "étendu".as_bytes(),
    b"etendu",
    b"extendido",
    b"estendido",
    b"esteso",
];

/// Words that make a bare short hex number look like an error code.
const CODE_CONTEXT: &[&[u8]] = &[
    b"code",
    b"error",
    b"fehler",
    b"erreur",
    b"c\xc3\xb3digo",
    b"codigo",
    "エラー".as_bytes(),
    "错误".as_bytes(),
    "錯誤".as_bytes(),
    "오류".as_bytes(),
];

/// Verbs of the complaint itself: a negation before one of them ("can't connect", "not able
/// to log in") negates the connection, not a hint later in the sentence.
const COMPLAINT_VERBS: &[&[u8]] = &[
    b"connect", b"log", b"login", b"logon", b"sign", b"rdp", b"access", b"reach", b"remote",
];

/// Hints that say the connection works another way (another PC, the IP address, another
/// client): dropped when their clause says it failed (`Ctx::fails_in_clause`).
const WORKS_ELSEWHERE: &[&str] = &[
    "hint:works-by-ip",
    "hint:works-other-pcs",
    "hint:other-client-works",
];

/// FreeRDP's server-side logger names (`com.freerdp.core.peer`, `…core.listener`,
/// `…server.*`; FreeRDP@9626564421df include/freerdp/log.h SERVER_TAG, libfreerdp/core/peer.c
/// and listener.c TAG): a log line under them comes from a server built on libfreerdp (GNOME
/// Remote Desktop, FreeRDP's shadow server), so it does not name FreeRDP as the client
/// (`Ctx::freerdp_server_logger`).
const FREERDP_SERVER_TAGS: &[&[u8]] = &[
    b"freerdp.core.peer",
    b"freerdp.core.listener",
    b"freerdp.server.",
];

/// The server's Windows edition, as context ("Windows 10 Pro", "Windows Server 2019",
/// "Windows 7"): not when a "Client:" label names it (`Ctx::labelled_client`).
const SERVER_OS: &[&str] = &[
    "ctx:server:windows-client-os",
    "ctx:server:windows-server",
    "ctx:server:old-windows",
];

/// Words that say an attempt failed (whole words), and phrases that say it went the same
/// way as the failure reported.
const FAIL_WORDS: &[&[u8]] = &[
    b"fail", b"fails", b"failed", b"failing", b"failure", b"error", b"errors", b"neither",
    b"either",
];
const FAIL_PHRASES: &[&[u8]] = &[
    b"same error",
    b"same problem",
    b"same issue",
    b"same result",
    b"same message",
    b"same way",
    b"same behavio",
];

/// Words and phrases that make the rest of a sentence advice rather than a report of what was
/// done (for `ctx:tried:*` keys).
const ADVICE_WORDS: &[&[u8]] = &[b"verify", b"ensure", b"should", b"please"];
const ADVICE_PHRASES: &[&[u8]] = &[b"make sure", b"check that", b"check if", b"check whether"];

/// A byte that ends a sentence (for the negation window).
fn ends_sentence(c: &u8) -> bool {
    matches!(c, b'.' | b'!' | b'?' | b';' | b'\n')
}

/// A byte that ends a clause: a sentence's end or a comma (for `Ctx::fails_in_clause`).
fn ends_clause(c: &u8) -> bool {
    ends_sentence(c) || *c == b','
}

/// Negation words that cancel a hint when they appear shortly before it in the same sentence.
const NEGATIONS: &[&[u8]] = &[
    b"not", b"no", b"never", b"without", b"nicht", b"kein", b"keine", b"pas", b"sin", b"nor",
];

impl Sink for Ctx<'_> {
    fn line(&mut self, pos: usize) {
        self.line_start = pos;
        self.line_no += 1;
        // A blank (or all-space) line ends an event record.
        let b = self.b;
        let first = b[pos..]
            .iter()
            .position(|c| !matches!(c, b' ' | b'\t' | b'\r'))
            .map_or(b.len(), |k| pos + k);
        if first >= b.len() || b[first] == b'\n' {
            self.record_start = pos + 1;
        }
        if let Some(col) = self.winevent_id_end {
            let end = line_end(self.b, pos);
            if end == pos {
                self.winevent_id_end = None; // a blank line ends the table
            } else {
                self.winevent_row(pos, end, col);
            }
        }
        if let Some(csv) = self.csv {
            let end = line_end(self.b, pos);
            if end == pos {
                self.csv = None; // a blank line ends the CSV block
            } else {
                self.csv_row(pos, end, csv);
            }
        }
    }

    fn hit(&mut self, p: &'static Pat, s: usize, e: usize) {
        // Only a paste the near pass reads keeps the spans (a log holds thousands of hits).
        if matches!(p.kind, Kind::Fact(_) | Kind::Code(..)) && self.b.len() <= super::near::NEAR_MAX
        {
            self.sentences.push((s, e));
        }
        match p.kind {
            Kind::Label(space) => self.label(space, s, e),
            Kind::LabelSuffixed => {
                let j = skip_spaces(self.b, e);
                match EXT_SUFFIXES.iter().find(|w| starts_with_ci(self.b, j, w)) {
                    Some(w) => self.label(CodeSpace::Extended, s, j + w.len()),
                    None => self.label(CodeSpace::Disconnect, s, e),
                }
            }
            Kind::Fact(key) => {
                let (fs, fe) = self.fact_span;
                if s > fs && s < fe {
                    return;
                }
                self.fact_span = (s, if s == fs { fe.max(e) } else { e });
                let before = self.out.findings.len();
                self.fact(key, Strength::Hard, s, e);
                if self.out.findings.len() > before && self.in_freerdp_log_line(s) {
                    self.as_log_line();
                }
            }
            Kind::Hint(key) => self.hint(key, s, e),
            Kind::Context(key) => self.context(key, s, e),
            Kind::Code(space, n) => self.code(space, n, s, e, false),
            Kind::NegName(n) => {
                let end = self.bracketed_number(e).map(|(_, end)| end).unwrap_or(e);
                self.consumed_until = self.consumed_until.max(end);
                self.code(CodeSpace::NegFailure, n, s, e, false);
            }
            Kind::Special(sp) => self.special(sp, s, e),
        }
    }
}

/// FreeRDP's `ERRCONNECT_CONNECT_CANCELLED` (include/freerdp/error.h: `0x2000B`).
const CONNECT_CANCELLED: u32 = 0x2000B;

impl Ctx<'_> {
    /// True when the line holding byte `s` is a FreeRDP log line (`[WARN][com.freerdp.crypto] - …`).
    fn in_freerdp_log_line(&self, s: usize) -> bool {
        let b = self.b;
        let ls = self.line_start.min(s);
        let le = b[s..]
            .iter()
            .take(LINE_WINDOW)
            .position(|c| *c == b'\n')
            .map_or((s + LINE_WINDOW).min(b.len()), |p| s + p);
        let line = &b[ls..le];
        let has = |pat: &[u8]| line.windows(pat.len()).any(|w| w == pat);
        has(b"[com.freerdp") || has(b"[WARN][") || has(b"[ERROR][")
    }

    /// The last finding was read from a FreeRDP log line, not from a dialog: its words say so
    /// (FreeRDP's self-signed certificate warning is logged, never shown as a dialog).
    fn as_log_line(&mut self) {
        if let Some(f) = self.out.findings.last_mut() {
            for t in [&mut f.title, &mut f.detail] {
                if let Some(rest) = t.strip_prefix("Dialog: ") {
                    *t = format!("FreeRDP log: {rest}");
                }
            }
        }
    }

    /// `ERRCONNECT_CONNECT_CANCELLED` read after a connection reset is the abort FreeRDP
    /// reports because of that reset, not a refused certificate prompt: the finding counts as
    /// the reset (the same evidence key, so it is weighed once) and says so.
    fn cancelled_after_reset(&mut self) {
        let n = self.out.findings.len();
        let Some(reset) = self.out.findings[..n - 1]
            .iter()
            .rev()
            .find(|f| {
                f.evidence == "msg:connection-reset"
                    || f.evidence.ends_with("ERRCONNECT_CONNECT_TRANSPORT_FAILED")
            })
            .map(|f| f.evidence.clone())
        else {
            return;
        };
        let note = " Here it follows the connection reset above: it is the abort that follows the reset, not a refused certificate prompt.";
        if let Some(f) = self.out.findings.last_mut() {
            f.evidence = reset;
            f.title =
                "FreeRDP ERRCONNECT_CONNECT_CANCELLED: the abort after the connection reset".into();
            f.detail.push_str(note);
        }
        if let Some(d) = self.out.decoded.last_mut() {
            d.meaning.push_str(note);
        }
    }

    /// `[0x…]` or `(0x…)` after a name: the number and the end of the bracket.
    fn bracketed_number(&self, e: usize) -> Option<(Num, usize)> {
        let j = skip_spaces(self.b, e);
        if !matches!(self.b.get(j), Some(b'[') | Some(b'(')) {
            return None;
        }
        let n = read_number(self.b, j + 1)?;
        let end = if matches!(self.b.get(n.end), Some(b']') | Some(b')')) {
            n.end + 1
        } else {
            n.end
        };
        Some((n, end))
    }

    /// mRemoteNG 1.76 writes "RDP disconnected!", a line break, then the decimal reason
    /// (`Language.strRdpDisconnected + Environment.NewLine + desc`): a label ending in `!`
    /// may have its number at the start of the next line.
    fn number_on_next_line(&self, e: usize, j: usize) -> Option<Num> {
        if e == 0 || self.b.get(e - 1) != Some(&b'!') {
            return None;
        }
        let mut k = j;
        let mut breaks = 0;
        while k < self.b.len() && k < j + 8 {
            match self.b[k] {
                b'\n' => breaks += 1,
                b'\r' | b' ' | b'\t' => {}
                _ => break,
            }
            k += 1;
        }
        if breaks != 1 {
            return None;
        }
        read_decimal(self.b, k).filter(|n| n.digits <= 5)
    }

    fn label(&mut self, space: CodeSpace, s: usize, e: usize) {
        if s < self.consumed_until {
            return; // inside a longer label that was already read ("Extended error code")
        }
        let j = skip_sep(self.b, e);
        // A FreeRDP last-error code as eight hex digits, `0x` or not (Remmina's "libfreerdp
        // returned code is 0002000D"): its class says its space (ERRCONNECT, ERRINFO, …).
        if space == CodeSpace::Freerdp {
            let b = self.b;
            let at = if starts_with_ci(b, j, b"0x") {
                j + 2
            } else {
                j
            };
            if let Some(n) = read_hex(b, at).filter(|n| n.digits == 8) {
                if let Some((space, v)) = classify_wide(n.value) {
                    self.code(space, v, s, n.end, false);
                }
            }
            return;
        }
        let Some(n) = read_number(self.b, j).or_else(|| self.number_on_next_line(e, j)) else {
            if self.label_without_number.is_none()
                && matches!(space, CodeSpace::Disconnect | CodeSpace::Extended)
            {
                self.label_without_number = Some((s, e));
            }
            return;
        };
        self.consumed_until = n.end;
        // A Kerberos event's "Error Code: 0x25 KRB_AP_ERR_SKEW" names a Kerberos error (RFC 4120
        // section 7.5.9), not a disconnect reason; the name after it is read on its own.
        if starts_with_ci(self.b, skip_spaces(self.b, n.end), b"krb") {
            return;
        }
        // Network Policy Server's audit events (6273/6274, behind an RD Gateway) carry a
        // "Reason Code: 65" with its "Reason:" on the next line: NPS's reason, not an RDP
        // extended code.
        if space == CodeSpace::Extended {
            let b = self.b;
            let mut next = line_end(b, n.end);
            if b.get(next) == Some(&b'\r') {
                next += 1;
            }
            if b.get(next) == Some(&b'\n')
                && starts_with_ci(b, skip_spaces(b, next + 1), b"reason:")
            {
                return;
            }
        }
        let (mut space, value) = match classify_wide(n.value) {
            Some(c) if n.hex && n.digits >= 5 => c,
            _ => (space, n.value),
        };
        // A "reason code" whose number no extended (ERRINFO) code has but a disconnect reason
        // does ("disconnected reason code 2308", the client's event 1026 Reason= value) is
        // the disconnect reason.
        if space == CodeSpace::Extended {
            space = space_that_knows(CodeSpace::Extended, CodeSpace::Disconnect, value);
        }
        self.code(space, value, s, n.end, !n.hex);
    }

    fn special(&mut self, sp: Sp, s: usize, e: usize) {
        let b = self.b;
        match sp {
            Sp::Hex => self.bare_hex(s),
            Sp::EventId => self.event_id(s, e),
            Sp::EventWord => {
                let j = skip_spaces(b, e);
                if let Some(n) = read_decimal(b, j) {
                    // In prose ("event 1058") only IDs the catalog knows; labelled IDs may be unknown.
                    if n.digits >= 2 && catalog::lookup(CodeSpace::Event, n.value).is_some() {
                        self.code(CodeSpace::Event, n.value, s, n.end, false);
                    }
                }
            }
            Sp::ProviderLine => self.note_provider(s),
            Sp::IdLine => {
                if !self.at_line_start(s) {
                    return;
                }
                let j = skip_spaces(b, e);
                if b.get(j) != Some(&b':') {
                    return;
                }
                if let Some(n) = read_decimal(b, skip_spaces(b, j + 1)) {
                    if n.value > 0 && n.value <= 65535 {
                        self.code(CodeSpace::Event, n.value, s, n.end, false);
                    }
                }
            }
            Sp::Named(space) => self.named(space, s),
            Sp::WinEventTable => {
                if !self.at_line_start(s) {
                    return;
                }
                // The Id column is right-aligned: remember where its header ends.
                let le = line_end(b, e);
                let line = &b[e..le];
                if let Some(k) = (0..line.len().saturating_sub(3)).find(|&k| {
                    line[k] == b' ' && starts_with_ci(line, k + 1, b"id") && line[k + 3] == b' '
                }) {
                    self.winevent_id_end = Some(e + k + 3 - self.line_start);
                }
            }
            Sp::AlertNumber => {
                if let Some(n) = read_decimal(b, skip_sep(b, e)) {
                    if n.value <= 255 {
                        self.code(CodeSpace::TlsAlert, n.value, s, n.end, false);
                    }
                }
            }
            Sp::ReasonEq => {
                let j = skip_spaces(b, e);
                if b.get(j) == Some(&b'=') {
                    if let Some(n) = read_number(b, skip_sep(b, j)) {
                        self.consumed_until = self.consumed_until.max(n.end);
                        self.code(CodeSpace::Disconnect, n.value, s, n.end, !n.hex);
                    }
                }
            }
            Sp::ExitCode => {
                if let Some(n) = read_decimal(b, skip_sep(b, e)) {
                    if n.value <= 255 {
                        self.code(CodeSpace::FreerdpExit, n.value, s, n.end, false);
                    }
                }
            }
            Sp::TncTcp | Sp::TncPing => {
                let j = skip_sep(b, e);
                let (ok, bad) = if sp == Sp::TncTcp {
                    ("net:tcp-ok", "net:tcp-failed")
                } else {
                    ("net:ping-ok", "net:ping-failed")
                };
                if starts_with_ci(b, j, b"true") {
                    self.fact(ok, Strength::Hard, s, j + 4);
                } else if starts_with_ci(b, j, b"false") {
                    self.fact(bad, Strength::Hard, s, j + 5);
                }
            }
            Sp::Resolved => {
                // Format-List style only ("RemoteAddress : 10.0.0.5"), not XML fields.
                if b.get(skip_spaces(b, e)) != Some(&b':') {
                    return;
                }
                if let Some((ip, end)) = read_ip(b, skip_sep(b, e)) {
                    self.push_resolved(ip, s, end);
                }
            }
            Sp::OwnAddress => {
                let mut j = e;
                while j < b.len() && j - e < 48 && matches!(b[j], b' ' | b'.' | b':' | b'\t') {
                    j += 1;
                }
                if let Some((ip, _)) = read_ip(b, j) {
                    if self.own.len() < 64 {
                        self.own.push(ip.to_string());
                    }
                }
            }
            Sp::NsName => {
                if self.at_line_start(s) && b.get(skip_spaces(b, e)) == Some(&b':') {
                    self.ns_name_seen = true;
                }
            }
            Sp::NsAddress => {
                if self.ns_name_seen && self.at_line_start(s) {
                    let j = skip_spaces(b, e);
                    if b.get(j) == Some(&b':') {
                        if let Some((ip, end)) = read_ip(b, skip_spaces(b, j + 1)) {
                            self.push_resolved(ip, s, end);
                        }
                    }
                }
            }
            Sp::Answer => {
                let j = skip_spaces(b, e);
                if j > e {
                    if let Some((ip, end)) = read_ip(b, j) {
                        self.push_resolved(ip, s, end);
                    }
                }
            }
            Sp::PingTarget => {
                if !self.at_line_start(s) {
                    return;
                }
                let le = line_end(b, e).min(e + 160);
                if let Some(k) = b[e..le].iter().position(|c| *c == b'[' || *c == b'(') {
                    if let Some((ip, end)) = read_ip(b, e + k + 1) {
                        self.push_resolved(ip, s, end);
                    }
                }
            }
            Sp::IfLineFailed(key) => {
                let le = line_end(b, e);
                if contains_ci(&b[e..le.min(e + 200)], b"failed") {
                    self.fact(key, Strength::Hard, s, le.min(e + 200));
                }
            }
            Sp::Loss => self.loss(s, e),
            Sp::Average => {
                let j = skip_sep(b, e);
                if let Some((v, end)) = read_float_int(b, j) {
                    let k = skip_spaces(b, end);
                    if starts_with_ci(b, k, b"ms") && v >= 150 {
                        self.fact("net:latency-high", Strength::Hard, s, k + 2);
                    }
                }
            }
            Sp::MinAvgMax => {
                let le = line_end(b, e).min(e + 40);
                if let Some(k) = b[e..le].iter().position(|c| *c == b'=') {
                    let j = skip_spaces(b, e + k + 1);
                    if let Some((_, a_end)) = read_float_int(b, j) {
                        if b.get(a_end) == Some(&b'/') {
                            if let Some((avg, end)) = read_float_int(b, a_end + 1) {
                                if avg >= 150 {
                                    self.fact("net:latency-high", Strength::Hard, s, end);
                                }
                            }
                        }
                    }
                }
            }
            Sp::Listening => {
                if self.seen_keys.contains("net:listening") {
                    return;
                }
                // netstat / ss lines are short: look 160 bytes either way at most.
                let ls = self.line_start.max(s.saturating_sub(160)).min(s);
                let le = line_end(b, e).min(e + 160);
                let line = &b[ls..le];
                let rdp = line
                    .windows(6)
                    .any(|w| &w[..5] == b":3389" && !w[5].is_ascii_digit())
                    || line.ends_with(b":3389");
                if rdp {
                    self.fact(
                        "net:listening",
                        Strength::Hard,
                        ls + (line.len() - trim_start_len(line)),
                        le,
                    );
                } else if starts_with_ci(b, ls + (line.len() - trim_start_len(line)), b"tcp")
                    && self.netstat_other.is_none()
                {
                    self.netstat_other = Some((ls, le));
                }
            }
            Sp::RdpTcp => {
                let le = line_end(b, e);
                if contains_ci(&b[e..le], b"listen") {
                    self.fact("net:listening", Strength::Hard, s, le);
                }
            }
            Sp::SessionName => {
                let le = line_end(b, e);
                let line = &b[e..le];
                for w in [
                    &b"username"[..],
                    b"benutzername",
                    b"utilisateur",
                    b"usuario",
                ] {
                    if let Some(k) = (0..line.len()).find(|i| starts_with_ci(line, *i, w)) {
                        let col = e + k - self.line_start;
                        self.qwinsta_user_col = (col <= 256).then_some(col);
                        break;
                    }
                }
            }
            Sp::Host(at) => self.host_at(at, s, e),
            Sp::SessionState => {
                if let Some(col) = self.qwinsta_user_col {
                    let p = self.line_start.saturating_add(col);
                    if p < s
                        && b.get(p).is_some_and(|c| c.is_ascii_graphic())
                        && !b[self.line_start..p].contains(&b'\n')
                    {
                        self.fact("net:session-active", Strength::Hard, self.line_start, e);
                    }
                }
            }
            Sp::KernelSegfault => self.kernel_segfault(s, e),
        }
    }

    /// The kernel's `comm[pid]: segfault at …` line names the process that crashed. A server-side
    /// RDP process (xrdp and its sesman/chansrv, the session's Xorg or Xvnc, GNOME Remote
    /// Desktop, KDE's krdpserver, FreeRDP's shadow server) is `hint:server-crash`, read over the
    /// whole `comm[pid]: segfault at` so the bare word's `hint:client-crash` inside it is dropped;
    /// any other process is left to that word (clients crash far more often in these pastes).
    /// `comm` is the kernel's 15-byte task name, so longer names arrive cut short.
    fn kernel_segfault(&mut self, s: usize, e: usize) {
        const SERVERS: [&[u8]; 6] = [
            b"xrdp",
            b"xorg",
            b"xvnc",
            b"gnome-remote-de",
            b"krdpserver",
            b"freerdp-shadow",
        ];
        let b = self.b;
        if s < 4 || &b[s - 3..s] != b"]: " {
            return;
        }
        let digits = b[..s - 3]
            .iter()
            .rev()
            .take_while(|c| c.is_ascii_digit())
            .count();
        let open = s - 3 - digits;
        if digits == 0 || open == 0 || b[open - 1] != b'[' {
            return;
        }
        let end = open - 1;
        let name_len = b[..end]
            .iter()
            .rev()
            .take_while(|c| !c.is_ascii_whitespace() && !matches!(c, b']' | b':' | b'"'))
            .count();
        if name_len == 0 || name_len > 15 {
            return;
        }
        let start = end - name_len;
        if SERVERS.iter().any(|n| starts_with_ci(b, start, n)) {
            self.fact("hint:server-crash", Strength::Soft, start, e);
        }
    }

    /// A host name after a [`Sp::Host`] pattern (see `crate::hosts`).
    fn host_at(&mut self, at: super::patterns::HostAt, s: usize, e: usize) {
        use super::patterns::HostAt;
        use crate::hosts::HostSource;
        let b = self.b;
        let (source, start) = match at {
            HostAt::SlashV => {
                if s == 0 || b[s - 1] != b'/' {
                    return;
                }
                (HostSource::CommandLine, e)
            }
            HostAt::Colon(src) => {
                let j = skip_spaces(b, e);
                if !self.at_line_start(s) || b.get(j) != Some(&b':') {
                    return;
                }
                (src, skip_spaces(b, j + 1))
            }
            HostAt::XmlComputer => (HostSource::EventComputer, e),
            HostAt::RdpFile => {
                if !starts_with_ci(b, e, b":s:") {
                    return;
                }
                (HostSource::RdpFile, e + 3)
            }
            HostAt::Freerdp => {
                let j = skip_spaces(b, e);
                (
                    HostSource::FreerdpLog,
                    if b.get(j) == Some(&b'(') { j + 1 } else { j },
                )
            }
            HostAt::ConnectTo => {
                let le = line_end(b, e);
                if !contains_ci(&b[e..le], b"failed with error") {
                    return;
                }
                (HostSource::FreerdpLog, skip_spaces(b, e))
            }
        };
        if let Some((host, port, end)) = crate::hosts::read_host(b, start) {
            let span = self.span(s, end);
            crate::hosts::push_unique(
                &mut self.out.hosts,
                crate::hosts::HostCandidate {
                    host,
                    port,
                    source,
                    label: source.label().to_string(),
                    span,
                },
            );
        }
    }

    fn at_line_start(&self, s: usize) -> bool {
        s - self.line_start.min(s) <= 64
            && self.b[self.line_start.min(s)..s]
                .iter()
                .all(|c| *c == b' ' || *c == b'\t' || *c == b'>' || *c == b'\r')
    }

    fn push_resolved(&mut self, ip: &str, s: usize, e: usize) {
        if self.resolved.len() < 64 {
            self.resolved.push((ip.to_string(), s, e));
        }
    }

    /// A bare `0x…` that no label claimed.
    fn bare_hex(&mut self, s: usize) {
        if s < self.consumed_until {
            return;
        }
        let Some(n) = read_number(self.b, s) else {
            return;
        };
        if n.digits >= 5 {
            if let Some((space, v)) = classify_wide(n.value) {
                self.code(space, v, s, n.end, false);
            } else if matches!(n.value >> 24, 0x2 | 0x3)
                && catalog::lookup(CodeSpace::Disconnect, n.value).is_some()
            {
                // The RD Gateway / Azure Virtual Desktop range (0x3000001…) and RemoteApp's
                // (0x2000001…) have no class of their own: a bare one is read only when the
                // catalog knows it, so a memory address such as 0x3001898 stays unread (and a
                // zero-padded small number such as FreeRDP's "[0x00000003]" is not one of them).
                self.code(CodeSpace::Disconnect, n.value, s, n.end, false);
            }
            return;
        }
        let v = n.value;
        // "0x904/0x7", "0x904 and 0x7": the second code of a pair is the extended one.
        if let Some(de) = self.last_disc_end {
            if s >= de
                && s - de <= 8
                && !self.b[de..s]
                    .iter()
                    .any(|c| *c == b'\n' || c.is_ascii_digit())
            {
                self.code(CodeSpace::Extended, v, s, n.end, false);
                return;
            }
        }
        if v >= 0x100 && catalog::lookup(CodeSpace::Disconnect, v).is_some() {
            self.code(CodeSpace::Disconnect, v, s, n.end, false);
            return;
        }
        if self.seen_code(CodeSpace::Disconnect, v) || self.seen_code(CodeSpace::Extended, v) {
            return;
        }
        let from = s.saturating_sub(40).max(self.line_start);
        let window = &self.b[from..s];
        // The word may also follow the number: "0x4 error", and in Chinese, Japanese and
        // Korean the usual order, "0x4错误", "0x204エラー".
        let mut after = n.end;
        while after < self.b.len() && after - n.end < 2 && self.b[after] == b' ' {
            after += 1;
        }
        let word_follows = CODE_CONTEXT
            .iter()
            .any(|w| starts_with_ci(self.b, after, w));
        // A context word counts where a word starts ("Fehlercode", "ErrorCode", "错误"), not
        // inside one: FreeRDP's "NtError=0x15" is a status, not an error code.
        let b = self.b;
        let word_before = contains_any_ci_where(window, CODE_CONTEXT, |k| {
            from + k == 0 || !is_word(b[from + k - 1])
        });
        if word_follows || word_before {
            let space = space_that_knows(CodeSpace::Disconnect, CodeSpace::Extended, v);
            self.code(space, v, s, n.end, false);
        }
    }

    fn event_id(&mut self, s: usize, e: usize) {
        let b = self.b;
        let mut j = e;
        if b[s] == b'<' {
            let lim = (e + 64).min(b.len());
            match b[e..lim].iter().position(|c| *c == b'>') {
                Some(k) => j = e + k + 1,
                None => return,
            }
        }
        let k = skip_sep(b, j);
        if let Some(n) = read_decimal(b, k) {
            if n.value > 0 && n.value <= 65535 {
                self.code(CodeSpace::Event, n.value, s, n.end, false);
            }
            return;
        }
        // CSV header: "Level,Date and Time,Source,Event ID,Task Category".
        let mut a = e;
        while a < b.len() && (b[a] == b'"' || b[a] == b' ') {
            a += 1;
        }
        let mut before = s;
        while before > self.line_start && b[before - 1] == b'"' {
            before -= 1;
        }
        let delim = match (b.get(a), before.checked_sub(1).and_then(|i| b.get(i))) {
            (Some(d @ (b',' | b';' | b'\t')), _) => *d,
            (_, Some(d @ (b',' | b';' | b'\t'))) if before > self.line_start => *d,
            _ => return,
        };
        if s - self.line_start.min(s) > LINE_WINDOW {
            return; // not a CSV header line
        }
        let ls = self.line_start.min(s);
        // The ID's column: the fields before the label's.
        let id_col = csv_fields(&b[ls..s], delim).count() - 1;
        // The source column, so each row's event ID is checked against its own source.
        let header = &b[ls..line_end(b, ls)];
        let source_col = csv_fields(header, delim)
            .position(|(a, z)| header[a..z].eq_ignore_ascii_case(b"source"));
        self.csv = Some(Csv {
            id_col,
            source_col,
            delim,
        });
    }

    /// One Get-WinEvent table row: a number ending exactly at column `col` is the event ID.
    fn winevent_row(&mut self, ls: usize, le: usize, col: usize) {
        let b = self.b;
        let end = ls + col;
        if end > le
            || b.get(end).is_some_and(|c| *c != b' ')
            || end == ls
            || !b[end - 1].is_ascii_digit()
        {
            return;
        }
        let mut st = end;
        while st > ls && b[st - 1].is_ascii_digit() && end - st < 6 {
            st -= 1;
        }
        if st > ls && b[st - 1] != b' ' {
            return;
        }
        if let Some(n) = read_decimal(b, st) {
            if n.value > 0 && n.value <= 65535 {
                self.code(CodeSpace::Event, n.value, st, n.end, false);
            }
        }
    }

    /// One CSV row: the field in the ID column is the event ID, and the one in the source
    /// column (when the header has one) names this row's source.
    fn csv_row(&mut self, ls: usize, le: usize, csv: Csv) {
        let b = self.b;
        let row = &b[ls..le];
        let Some((a, z)) = csv_field(row, csv.id_col, csv.delim) else {
            return;
        };
        let Some(n) = read_decimal(row, a).filter(|n| n.end == z) else {
            return;
        };
        if n.value == 0 || n.value > 65535 {
            return;
        }
        // This row's source is the record's source (an empty or missing one names none).
        if let Some(col) = csv.source_col {
            self.provider = csv_field(row, col, csv.delim)
                .filter(|(a, z)| z > a)
                .map(|(a, z)| (self.line_no, ls, &b[ls + a..ls + z]));
        }
        self.code(CodeSpace::Event, n.value, ls + a, ls + n.end, false);
    }

    /// `ERRCONNECT_…`, `ERRINFO_…`, `SEC_E_…`, `STATUS_…` names (with an optional `[0x…]`).
    fn named(&mut self, space: CodeSpace, s: usize) {
        let e = ident_end(self.b, s);
        let Some(name) = self.text.get(s..e) else {
            return;
        };
        let num = self.bracketed_number(e);
        let end = num.map(|(_, end)| end).unwrap_or(e);
        self.consumed_until = self.consumed_until.max(end);
        if let Some(entry) = catalog::lookup_name_in(space, name) {
            let before = self.out.findings.len();
            self.code(entry.space, entry.code, s, end, false);
            if entry.space == CodeSpace::Freerdp
                && entry.code == CONNECT_CANCELLED
                && self.out.findings.len() > before
            {
                self.cancelled_after_reset();
            }
            return;
        }
        match (space, num) {
            (CodeSpace::Extended, Some((n, _))) => {
                self.code(CodeSpace::Extended, n.value & 0xFFFF, s, end, false)
            }
            (CodeSpace::Hresult | CodeSpace::Ntstatus, Some((n, _))) if n.digits >= 5 => {
                let (sp, v) = classify_wide(n.value).unwrap_or((space, n.value));
                self.code(sp, v, s, end, false)
            }
            (CodeSpace::Freerdp | CodeSpace::Extended, _) if name.len() > 11 => {
                self.unknown_name(name, s, e)
            }
            _ => {}
        }
    }

    fn loss(&mut self, s: usize, e: usize) {
        let b = self.b;
        // Before: "(25% loss)", "0% packet loss".
        let mut i = s;
        while i > self.line_start && b[i - 1] == b' ' {
            i -= 1;
        }
        let mut pct = None;
        let mut start = s;
        if i > self.line_start && b[i - 1] == b'%' {
            let mut d = i - 1;
            while d > self.line_start && b[d - 1].is_ascii_digit() && i - 1 - d < 3 {
                d -= 1;
            }
            if d < i - 1 {
                pct = read_decimal(b, d).map(|n| n.value);
                start = d;
            }
        }
        let mut end = e;
        if pct.is_none() {
            // After: "perte 0%".
            let j = skip_sep(b, e);
            if let Some(n) = read_decimal(b, j) {
                if b.get(n.end) == Some(&b'%') {
                    pct = Some(n.value);
                    end = n.end + 1;
                }
            }
        }
        let Some(p) = pct else { return };
        if p > 100 {
            return;
        }
        if p >= 100 {
            self.fact("net:ping-failed", Strength::Hard, start, end);
        } else {
            self.fact("net:ping-ok", Strength::Hard, start, end);
        }
        if p >= 5 {
            self.fact("net:loss-high", Strength::Hard, start, end);
        }
    }

    fn hint(&mut self, key: &'static str, s: usize, e: usize) {
        if self.seen_static(key) {
            return; // already reported (first span wins)
        }
        let b = self.b;
        if key == "hint:mac-client" {
            let j = skip_spaces(b, e);
            if starts_with_ci(b, j, b"address")
                || starts_with_ci(b, j, b"adresse")
                || b.get(e) == Some(&b'-')
                || b.get(e) == Some(&b':')
            {
                return; // "MAC address", "MAC-Adresse", "mac:aa:bb"
            }
        }
        // Part of a host name or path ("vpn-rdsh.example.org", "C:\\vpn\\"): not the user's words.
        // (An Azure host name, "myvm.westeurope.cloudapp.azure.com", does point to Azure.)
        let azure_host =
            key == "hint:azure" && s > 0 && b[s - 1] == b'.' && starts_with_ci(b, e, b".com");
        if !azure_host && s > 0 && matches!(b[s - 1], b'-' | b'.' | b'/' | b'\\' | b'@' | b'_') {
            return;
        }
        if !azure_host
            && (b.get(e) == Some(&b'-')
                || (b.get(e) == Some(&b'.')
                    && b.get(e + 1).is_some_and(|c| c.is_ascii_alphanumeric())))
        {
            return;
        }
        if key == "hint:rds-farm" && starts_with_ci(b, e, b" server") {
            return; // "RD Session Host Server" is how event texts name any RDP server
        }
        // Words of a product message already read ("credentials did not work" inside mstsc's
        // "Your credentials did not work"): the message again, not the reporter saying it, and
        // both keys raise the same causes. Not marked as seen: the reporter may still say it.
        if self.inside_sentence(s, e) {
            return;
        }
        if WORKS_ELSEWHERE.contains(&key) && self.fails_in_clause(s, e) {
            return;
        }
        if !self.negated(key, s) {
            self.fact(key, Strength::Soft, s, e);
        }
    }

    /// True when the clause around `s..e` says that something failed ("RDP from another
    /// machine fails", "fails both from another machine and from the host", "by IP I get
    /// the same error"): for the hints that say something else works, whose shorter phrases
    /// ("another machine", "by IP") name the other way without saying how it went. A clause
    /// ends at `.`, `!`, `?`, `;`, `,` or a line break ("I can't connect with Remmina, but
    /// mstsc works" keeps its hint), and reaches at most 80 bytes either way.
    fn fails_in_clause(&self, s: usize, e: usize) -> bool {
        let b = self.b;
        let from = self.stretch_start(s, 80, ends_clause);
        let cap = (e + 80).min(b.len());
        let to = b[e..cap]
            .iter()
            .position(ends_clause)
            .map_or(cap, |k| e + k);
        let clause = &b[from..to];
        FAIL_WORDS.iter().any(|w| has_word(clause, w)) || contains_any_ci(clause, FAIL_PHRASES)
    }

    /// Where the stretch before `s` that belongs with it starts: at most `reach` bytes back,
    /// not before the current line, and just after the last byte that `ends` a stretch.
    fn stretch_start(&self, s: usize, reach: usize, ends: fn(&u8) -> bool) -> usize {
        let from = s.saturating_sub(reach).max(self.line_start);
        self.b[from..s]
            .iter()
            .rposition(ends)
            .map_or(from, |k| from + k + 1)
    }

    /// A `ctx:*` key: soft and negation-aware like a hint, but a product name inside a host
    /// name, path or logger name still names the product ("/usr/bin/xfreerdp",
    /// "[com.freerdp.core]", "rdweb.wvd.microsoft.com").
    fn context(&mut self, key: &'static str, s: usize, e: usize) {
        if self.seen_static(key) {
            return;
        }
        if SERVER_OS.contains(&key) && self.labelled_client(s) {
            return;
        }
        if key == "ctx:client:freerdp" && self.freerdp_server_logger(s) {
            return;
        }
        if key.starts_with("ctx:tried:") && self.advised(s) {
            return;
        }
        if !self.negated(key, s) {
            self.fact(key, Strength::Soft, s, e);
        }
    }

    /// True when the FreeRDP name at `s` (matched as "com.freerdp." or as "freerdp") begins one
    /// of FreeRDP's server-side logger names (`FREERDP_SERVER_TAGS`).
    fn freerdp_server_logger(&self, s: usize) -> bool {
        let name = if starts_with_ci(self.b, s, b"com.") {
            s + 4
        } else {
            s
        };
        FREERDP_SERVER_TAGS
            .iter()
            .any(|t| starts_with_ci(self.b, name, t))
    }

    /// True when the sentence before `s` gives advice ("please verify Remote Desktop is
    /// enabled", "make sure the firewall is off"): a step someone suggests, not one the
    /// reporter says they took.
    fn advised(&self, s: usize) -> bool {
        let window = &self.b[self.stretch_start(s, 40, ends_sentence)..s];
        contains_any_ci(window, ADVICE_PHRASES) || ADVICE_WORDS.iter().any(|w| has_word(window, w))
    }

    /// True when the words at `s` are the value of a "Client:" label ("Client: Windows 10
    /// Home", "client = Windows 11 Pro"): a Windows edition named there is the client's, not
    /// the server's.
    fn labelled_client(&self, s: usize) -> bool {
        let from = s.saturating_sub(24).max(self.line_start);
        let before = self.b[from..s].trim_ascii_end();
        let Some(label) = before
            .strip_suffix(b":")
            .or_else(|| before.strip_suffix(b"="))
        else {
            return false;
        };
        let label = label.trim_ascii_end();
        let word = label
            .iter()
            .rposition(|c| !is_word(*c))
            .map_or(label, |k| &label[k + 1..]);
        word.eq_ignore_ascii_case(b"client")
    }

    /// True when at least half of `s..e` lies inside a product sentence read in this paste
    /// (`sentences`: pastes of up to `near::NEAR_MAX` bytes).
    pub(crate) fn inside_sentence(&self, s: usize, e: usize) -> bool {
        super::mostly_inside(s, e, &self.sentences)
    }

    /// True when a negation word comes shortly before `s`, within the same sentence.
    fn negated(&self, key: &str, s: usize) -> bool {
        let window = &self.b[self.stretch_start(s, 32, ends_sentence)..s];
        let negated = contains_any_ci(window, &[b"n't", "n\u{2019}t".as_bytes()])
            || NEGATIONS.iter().any(|w| {
                if key == "hint:never-worked" && *w == b"never" {
                    return false;
                }
                has_word(window, w)
            });
        // "I can't connect after the update", "cannot log in, it keeps asking for the
        // password": the negation is the complaint itself, not about the hint that follows.
        // Hints that say something else works ("by IP", "from other PCs", "mstsc works")
        // stay negated: "can't connect by IP either" is the opposite of works-by-ip.
        negated
            && (!COMPLAINT_VERBS.iter().any(|v| has_word(window, v))
                || WORKS_ELSEWHERE.contains(&key))
    }
}

/// `want`, unless the catalog knows `v` only in `other` (a number read as one kind of code
/// that only the other kind has is that other kind).
fn space_that_knows(want: CodeSpace, other: CodeSpace, v: u32) -> CodeSpace {
    if catalog::lookup(want, v).is_none() && catalog::lookup(other, v).is_some() {
        other
    } else {
        want
    }
}

/// The fields of a CSV line, each as `(start, end)` without its quotes (delimiters inside
/// quotes do not count).
fn csv_fields(line: &[u8], delim: u8) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut quoted = false;
    let delimiters = line.iter().enumerate().filter_map(move |(i, &c)| {
        if c == b'"' {
            quoted = !quoted;
        }
        (c == delim && !quoted).then_some(i)
    });
    let mut start = 0;
    delimiters
        .chain(std::iter::once(line.len()))
        .map(move |end| {
            let field = unquote(line, start, end);
            start = end + 1;
            field
        })
}

/// Where field `k` of a CSV line is, without its quotes.
fn csv_field(line: &[u8], k: usize, delim: u8) -> Option<(usize, usize)> {
    csv_fields(line, delim).nth(k)
}

/// `start..end` trimmed of spaces and one pair of surrounding quotes.
fn unquote(line: &[u8], mut start: usize, mut end: usize) -> (usize, usize) {
    while start < end && line[start] == b' ' {
        start += 1;
    }
    while end > start && matches!(line[end - 1], b' ' | b'\r') {
        end -= 1;
    }
    if end - start >= 2 && line[start] == b'"' && line[end - 1] == b'"' {
        (start + 1, end - 1)
    } else {
        (start, end)
    }
}

fn trim_start_len(line: &[u8]) -> usize {
    line.len()
        - line
            .iter()
            .take_while(|c| **c == b' ' || **c == b'\t')
            .count()
}

/// `w` appears in `hay` as a whole word (ASCII case-insensitive).
fn has_word(hay: &[u8], w: &[u8]) -> bool {
    if hay.len() < w.len() {
        return false;
    }
    (0..=hay.len() - w.len()).any(|i| {
        starts_with_ci(hay, i, w)
            && (i == 0 || !is_word(hay[i - 1]))
            && !hay.get(i + w.len()).is_some_and(|c| is_word(*c))
    })
}
