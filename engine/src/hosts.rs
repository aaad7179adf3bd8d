//! Host names found in what was pasted, and the `SERVER` placeholder of commands and questions.
//!
//! The text parser (`text/handlers.rs`) reports a [`HostCandidate`] wherever a paste names the
//! computer being connected to: the `/v:` of an mstsc or FreeRDP command line, an event's
//! `Computer` field, `ComputerName :` of Test-NetConnection, FreeRDP's log lines that carry the
//! host, and an `.rdp` file's `full address:s:`. The report lists each host once (first place
//! it was seen); the web app offers it for the host field. [`fill_report`] puts the host the
//! user confirmed into the knowledge's commands and questions, which write `SERVER` for it.

use crate::finding::Span;
use crate::schema::Report;
use serde::{Deserialize, Serialize};

/// Where in a paste a host name was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum HostSource {
    /// `/v:host[:port]` of an mstsc or xfreerdp command line.
    CommandLine,
    /// The `Computer:` line of an event copied from Event Viewer, or its `<Computer>` element.
    EventComputer,
    /// `ComputerName : host` of PowerShell's Test-NetConnection.
    TestNetConnection,
    /// A FreeRDP log line that names the host (certificate details, host key, name mismatch,
    /// name resolution, TCP connect).
    FreerdpLog,
    /// `full address:s:host[:port]` of an `.rdp` file.
    RdpFile,
}

impl HostSource {
    /// Where it was found, in words ("Use host X found in the event?").
    pub fn label(self) -> &'static str {
        match self {
            HostSource::CommandLine => "the command line (/v:)",
            HostSource::EventComputer => "the event (Computer)",
            HostSource::TestNetConnection => "the Test-NetConnection output (ComputerName)",
            HostSource::FreerdpLog => "the FreeRDP log",
            HostSource::RdpFile => "the .rdp file (full address)",
        }
    }
}

/// A host name or address a paste names, with where it was found.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct HostCandidate {
    /// The name or address, without the port (`srv01.corp.example`, `10.0.0.5`, `fe80::1`).
    pub host: String,
    /// The port, when one was written with it.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub port: Option<u16>,
    pub source: HostSource,
    /// Where it was found, in words (see [`HostSource::label`]).
    pub label: String,
    /// The text it was read from.
    pub span: Span,
}

/// At most this many host candidates per report.
pub const MAX_HOSTS: usize = 16;

/// Words that stand for a host in documentation and in our own commands, never a real one.
const PLACEHOLDERS: &[&str] = &[
    "server",
    "host",
    "hostname",
    "computer",
    "computername",
    "%s",
    "<server>",
    "localhost",
];

/// Reads a host token at `i`: a name or address (`[A-Za-z0-9._-]`, an IPv6 address in
/// brackets, or a bare IPv6 address), optionally followed by `:port`. Returns
/// `(host, port, end)`; `None` for anything that is not a plausible host name.
pub(crate) fn read_host(b: &[u8], i: usize) -> Option<(String, Option<u16>, usize)> {
    let name_byte = |c: u8| c.is_ascii_alphanumeric() || matches!(c, b'.' | b'-' | b'_');
    let (host, mut e) = if b.get(i) == Some(&b'[') {
        let close = b[i + 1..].iter().take(48).position(|c| *c == b']')? + i + 1;
        let inner = std::str::from_utf8(&b[i + 1..close]).ok()?;
        if inner.is_empty()
            || !inner
                .bytes()
                .all(|c| c.is_ascii_hexdigit() || c == b':' || c == b'.')
        {
            return None;
        }
        (inner.to_string(), close + 1)
    } else {
        let mut e = i;
        while e < b.len() && e - i < 253 && (name_byte(b[e]) || b[e] == b':') {
            e += 1;
        }
        let tok = std::str::from_utf8(&b[i..e]).ok()?;
        if tok.bytes().filter(|c| *c == b':').count() >= 2 {
            // A bare IPv6 address (no port can follow without brackets).
            if !tok
                .bytes()
                .all(|c| c.is_ascii_hexdigit() || c == b':' || c == b'.')
            {
                return None;
            }
            (tok.to_string(), e)
        } else {
            let name = tok.split(':').next().unwrap_or("");
            (name.to_string(), i + name.len())
        }
    };
    let host = host.trim_end_matches('.').to_string();
    if host.is_empty()
        || !host.bytes().any(|c| c.is_ascii_alphanumeric())
        || host.starts_with(['-', '.'])
        || PLACEHOLDERS.iter().any(|p| host.eq_ignore_ascii_case(p))
    {
        return None;
    }
    // The name must not run into more text ("/v:srv01,extra" is fine; "/v:srv01€" is not).
    let mut port = None;
    if b.get(e) == Some(&b':') {
        let mut j = e + 1;
        while j < b.len() && j - e <= 6 && b[j].is_ascii_digit() {
            j += 1;
        }
        if j > e + 1 {
            port = std::str::from_utf8(&b[e + 1..j])
                .ok()
                .and_then(|p| p.parse::<u16>().ok())
                .filter(|p| *p > 0);
            if port.is_some() {
                e = j;
            }
        }
    }
    if b.get(e).is_some_and(|c| *c >= 0x80) {
        return None;
    }
    Some((host, port, e))
}

/// Adds `c` to `list` unless the same host (ignoring case) is already there.
pub(crate) fn push_unique(list: &mut Vec<HostCandidate>, c: HostCandidate) {
    if list.len() < MAX_HOSTS && !list.iter().any(|h| h.host.eq_ignore_ascii_case(&c.host)) {
        list.push(c);
    }
}

/// Splits what the user typed into the host and its port (`srv01:3390`, `[fe80::1]:3390`,
/// `10.0.0.5`). `None` when it is not a plain host name or address, so nothing is filled in.
pub fn split_host_port(typed: &str) -> Option<(String, Option<u16>)> {
    let t = typed.trim();
    if t.is_empty() || t.len() > 260 {
        return None;
    }
    let (host, port, end) = read_host(t.as_bytes(), 0).or_else(|| read_host_unfiltered(t))?;
    (end == t.len()).then_some((host, port))
}

/// [`read_host`] without the placeholder filter: a user may really call a server "host".
fn read_host_unfiltered(t: &str) -> Option<(String, Option<u16>, usize)> {
    let b = t.as_bytes();
    let n = b
        .iter()
        .position(|c| !(c.is_ascii_alphanumeric() || matches!(c, b'.' | b'-' | b'_')))
        .unwrap_or(b.len());
    if n == 0 || b[0] == b'-' {
        return None;
    }
    let mut port = None;
    let mut e = n;
    if b.get(n) == Some(&b':') {
        port = t[n + 1..].parse::<u16>().ok().filter(|p| *p > 0);
        if port.is_some() {
            e = t.len();
        }
    }
    Some((t[..n].to_string(), port, e))
}

/// Replaces each whole word `SERVER` (upper case, not part of a longer identifier such as
/// `ERRINFO_SERVER_DENIED`) in `text` with the host; after `/v:` the port goes with it.
pub fn fill_placeholder(text: &str, host: &str, port: Option<u16>) -> String {
    const P: &str = "SERVER";
    if !text.contains(P) {
        return text.to_string();
    }
    let word = |c: Option<&u8>| c.is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'_');
    let b = text.as_bytes();
    let mut out = String::with_capacity(text.len() + 32);
    let mut last = 0;
    for (i, _) in text.match_indices(P) {
        let before = i.checked_sub(1).and_then(|j| b.get(j));
        if word(before) || word(b.get(i + P.len())) {
            continue;
        }
        out.push_str(&text[last..i]);
        let bracketed = host.contains(':');
        let after_v = text[..i].ends_with("/v:") || text[..i].ends_with("/V:");
        match (port, after_v) {
            (Some(p), true) if bracketed => out.push_str(&format!("[{host}]:{p}")),
            (Some(p), true) => out.push_str(&format!("{host}:{p}")),
            _ => out.push_str(host),
        }
        last = i + P.len();
    }
    out.push_str(&text[last..]);
    out
}

/// Puts the host the user gave (`Request.host`) into the report's commands, steps and
/// questions in place of `SERVER`. Nothing changes when the host is not a plain name or
/// address (it is never pasted into a command as typed).
pub fn fill_report(report: &mut Report, typed_host: &str) {
    let Some((host, port)) = split_host_port(typed_host) else {
        return;
    };
    let f = |t: &mut crate::schema::Shared| {
        if t.contains("SERVER") {
            *t = fill_placeholder(t, &host, port).into();
        }
    };
    for fix in &mut report.fixes {
        f(&mut fix.title);
        f(&mut fix.verify);
        if let Some(r) = fix.rollback.as_mut() {
            f(r);
        }
        for st in &mut fix.steps {
            f(&mut st.text);
            if let Some(c) = st.command.as_mut() {
                f(&mut c.text);
            }
        }
    }
    for c in &mut report.causes {
        f(&mut c.confirm);
    }
    let questions = report
        .next_question
        .iter_mut()
        .chain(report.answered.iter_mut())
        .chain(report.skipped.iter_mut());
    for q in questions {
        f(&mut q.text);
        if let Some(h) = q.help.as_mut() {
            f(h);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn read_host_forms() {
        let r = |s: &str| read_host(s.as_bytes(), 0).map(|(h, p, _)| (h, p));
        assert_eq!(
            r("srv01.corp.example"),
            Some(("srv01.corp.example".into(), None))
        );
        assert_eq!(r("srv01:3390 /f"), Some(("srv01".into(), Some(3390))));
        assert_eq!(r("10.0.0.5:3389"), Some(("10.0.0.5".into(), Some(3389))));
        assert_eq!(r("[fe80::1]:3390"), Some(("fe80::1".into(), Some(3390))));
        assert_eq!(r("fe80::1"), Some(("fe80::1".into(), None)));
        assert_eq!(r("SERVER"), None, "our own placeholder is not a host");
        assert_eq!(r("%s:%u"), None);
        assert_eq!(r("-x"), None);
        assert_eq!(r(""), None);
        assert_eq!(
            r("srv01:99999"),
            Some(("srv01".into(), None)),
            "an impossible port is not read"
        );
    }

    #[test]
    fn split_typed_host() {
        assert_eq!(
            split_host_port(" srv01:3390 "),
            Some(("srv01".into(), Some(3390)))
        );
        assert_eq!(split_host_port("server"), Some(("server".into(), None)));
        assert_eq!(
            split_host_port("srv01; rm -rf /"),
            None,
            "never filled into a command"
        );
        assert_eq!(split_host_port("a b"), None);
        assert_eq!(split_host_port(""), None);
    }

    #[test]
    fn fill_only_whole_words() {
        assert_eq!(
            fill_placeholder("mstsc /admin /v:SERVER", "srv01", Some(3390)),
            "mstsc /admin /v:srv01:3390"
        );
        assert_eq!(
            fill_placeholder("Test-NetConnection SERVER -Port 3389", "srv01", Some(3390)),
            "Test-NetConnection srv01 -Port 3389"
        );
        assert_eq!(
            fill_placeholder("cmdkey /delete:TERMSRV/SERVER", "h", None),
            "cmdkey /delete:TERMSRV/h"
        );
        assert_eq!(
            fill_placeholder("ERRINFO_SERVER_DENIED_CONNECTION and SERVERS", "h", None),
            "ERRINFO_SERVER_DENIED_CONNECTION and SERVERS"
        );
        assert_eq!(
            fill_placeholder("/v:SERVER", "fe80::1", Some(3390)),
            "/v:[fe80::1]:3390"
        );
    }

    fn found(text: &str) -> Vec<(String, Option<u16>, HostSource)> {
        crate::analyze_text(text, 0)
            .hosts
            .into_iter()
            .map(|h| (h.host, h.port, h.source))
            .collect()
    }

    #[test]
    fn host_from_each_source() {
        use HostSource::*;
        assert_eq!(
            found("mstsc.exe /v:srv01.corp.example:3390 /admin"),
            [("srv01.corp.example".into(), Some(3390), CommandLine)]
        );
        assert_eq!(
            found("xfreerdp /u:jdoe /v:10.0.0.5 /cert:ignore"),
            [("10.0.0.5".into(), None, CommandLine)]
        );
        // Event Viewer's copied text and the event XML.
        let ev = "Log Name:      Microsoft-Windows-TerminalServices-RemoteConnectionManager/Operational\nSource:        Microsoft-Windows-TerminalServices-RemoteConnectionManager\nEvent ID:      1149\nComputer:      RDS01.contoso.local\n";
        assert_eq!(
            found(ev),
            [("RDS01.contoso.local".into(), None, EventComputer)]
        );
        assert_eq!(
            found(
                "<System><EventID>1058</EventID><Computer>srv02.corp.example</Computer></System>"
            ),
            [("srv02.corp.example".into(), None, EventComputer)]
        );
        let tnc = "WARNING: TCP connect to (10.1.2.3 : 3389) failed\nComputerName           : srv03\nRemoteAddress          : 10.1.2.3\nTcpTestSucceeded       : False\n";
        assert_eq!(found(tnc), [("srv03".into(), None, TestNetConnection)]);
        assert_eq!(
            found("screen mode id:i:2\nfull address:s:srv04.corp.example:3391\n"),
            [("srv04.corp.example".into(), Some(3391), RdpFile)]
        );
        // FreeRDP's own log lines (strings from its source, see text/patterns.rs).
        for (line, host, port) in [
            ("Certificate details for srv05.corp.example:3389 (RDP-Server):", "srv05.corp.example", Some(3389)),
            ("[ERROR][com.freerdp.crypto] - The host key for srv06:3389 has changed", "srv06", Some(3389)),
            ("[ERROR][com.freerdp.crypto] - The hostname used for this connection (srv07:3389) ", "srv07", Some(3389)),
            ("[WARN][com.freerdp.core] - getaddrinfo(srv08.corp.example) failed with Name or service not known", "srv08.corp.example", None),
            ("[WARN][com.freerdp.core.tcp] - connect to 10.0.0.9:3389 failed with error: Connection refused [111]", "10.0.0.9", Some(3389)),
        ] {
            assert_eq!(found(line), [(host.to_string(), port, FreerdpLog)], "{line}");
        }
    }

    #[test]
    fn no_host_from_prose_or_placeholders() {
        assert!(found("I cannot connect to my server since Monday").is_empty());
        assert!(found("Run mstsc /v:SERVER and Test-NetConnection SERVER").is_empty());
        assert!(found("My computer: it is slow").is_empty());
        assert!(found("The computer: \u{fffd}").is_empty());
        // Each host once, with the first place it was seen; the span points at it.
        let t = "mstsc /v:srv01\nComputer: SRV01\n";
        let a = crate::analyze_text(t, 3);
        assert_eq!(a.hosts.len(), 1);
        let sp = a.hosts[0].span;
        assert_eq!((sp.item, &t[sp.start..sp.end]), (3, "v:srv01"));
    }

    #[test]
    fn report_lists_hosts_of_all_texts() {
        let req = crate::Request {
            texts: vec![
                "mstsc /v:srv01".into(),
                "Computer: srv02\nmstsc /v:SRV01".into(),
            ],
            ..Default::default()
        };
        let r = crate::diagnose(&req);
        let hosts: Vec<&str> = r.hosts.iter().map(|h| h.host.as_str()).collect();
        assert_eq!(hosts, ["srv01", "srv02"]);
        assert_eq!(r.hosts[1].span.item, 1);
    }

    #[test]
    fn report_commands_and_questions_filled() {
        let req = crate::Request {
            texts: vec!["Error code: 0x204\nExtended error code: 0x0".into()],
            host: Some("srv01.corp.example".into()),
            ..Default::default()
        };
        let r = crate::diagnose(&req);
        let all = serde_json::to_string(&r).unwrap();
        assert!(
            !all.contains("Test-NetConnection SERVER"),
            "placeholder left in the report"
        );
        assert!(all.contains("srv01.corp.example"));
        let bare = crate::diagnose(&crate::Request { host: None, ..req });
        assert!(serde_json::to_string(&bare).unwrap().contains(" SERVER"));
    }
}
