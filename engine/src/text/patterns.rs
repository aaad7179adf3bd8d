//! What the text parser reacts to: each pattern (lower case; ASCII letters match any case) says
//! what kind of fact it starts. Two sources: the signatures (`engine/knowledge/signatures/*.json`:
//! product messages, dialog labels and sentences, the user's own words, context), compiled into
//! flat arrays by `engine/build.rs` ([`signatures`] rebuilds them); and here, in Rust, the
//! patterns that need a dedicated reader (`Special`: `0x…`, event-ID labels, network-tool
//! output, qwinsta…) and the negotiation failure names. The handlers in `handlers.rs` read whatever follows (a number, an address,
//! `True`/`False`).

use crate::catalog::CodeSpace;

/// What a matched pattern means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A label followed by a code number in this space ("Error code:", "Fehlercode").
    Label(CodeSpace),
    /// A label whose "extended" marker comes after it ("Code d'erreur étendu", "Código de error extendido").
    LabelSuffixed,
    /// A dialog or log sentence with a static `msg:*` / `net:*` key (hard evidence).
    Fact(&'static str),
    /// The user's own words: a soft `hint:*` key (negation-aware).
    Hint(&'static str),
    /// What the text or the reporter says about the setup (client, gateway, server, cloud,
    /// VPN, what changed): a soft `ctx:*` key (negation-aware).
    Context(&'static str),
    /// A sentence that names a catalog code: a Windows event's message text (`event:1058`),
    /// an alert name (`alert:80`), a FreeRDP message (`ext:0x…`, `freerdp:ERRCONNECT_…`).
    Code(CodeSpace, u32),
    /// A negotiation failure name ("HYBRID_REQUIRED_BY_SERVER").
    NegName(u32),
    /// Anything that needs a dedicated reader.
    Special(Sp),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Sp {
    /// `0x…` anywhere.
    Hex,
    /// "Event ID", "Ereignis-ID", "<EventID>", … followed by a decimal ID (also a CSV header).
    EventId,
    /// "event 1058" in prose.
    EventWord,
    /// `Id : 1058` at the start of a `Format-List` line.
    IdLine,
    /// A line that may name an event record's source: `Source:` (Event Viewer's text),
    /// `ProviderName :` (PowerShell's list view), `<Provider Name="…">` (its XML).
    ProviderLine,
    /// `TimeCreated   Id LevelDisplayName Message` header of Get-WinEvent's default table.
    WinEventTable,
    /// `ERRCONNECT_…`, `ERRINFO_…`, `SEC_E_…`, `STATUS_…` identifiers.
    Named(CodeSpace),
    /// "fatal alert code is 46", "fatal alert was generated: 40".
    AlertNumber,
    /// "Reason= 2308" (ClientActiveXCore 1026).
    ReasonEq,
    /// "exit code 131".
    ExitCode,
    TncTcp,
    TncPing,
    /// NameResolutionResults / RemoteAddress / IPAddress: an address the name resolved to.
    Resolved,
    /// SourceAddress / IPv4 Address: one of the client's own addresses.
    OwnAddress,
    /// `Name:` line of nslookup (the next Address lines are answers).
    NsName,
    /// `Address:` / `Addresses:` lines of nslookup.
    NsAddress,
    /// Resolve-DnsName table row: "... Answer 10.0.0.5".
    Answer,
    /// "Pinging host [1.2.3.4]", "PING host (1.2.3.4)", "Tracing route to host [1.2.3.4]".
    PingTarget,
    /// A `net:*` key that needs "failed" later on the same line.
    IfLineFailed(&'static str),
    /// "(25% loss)", "0% packet loss".
    Loss,
    /// "Average = 180ms", "PingReplyDetails (RTT) : 12 ms".
    Average,
    /// "rtt min/avg/max/mdev = 1/2/3/4 ms".
    MinAvgMax,
    /// netstat / ss "LISTENING" lines.
    Listening,
    /// qwinsta "rdp-tcp ... Listen".
    RdpTcp,
    /// qwinsta header.
    SessionName,
    /// qwinsta "Active" / "Disc" state.
    SessionState,
    /// The kernel's "name[pid]: segfault at …" line: which process crashed.
    KernelSegfault,
    /// A host name after a label or log phrase (`crate::hosts`).
    Host(HostAt),
}

/// How the host name follows a [`Sp::Host`] pattern.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum HostAt {
    /// `/v:host` of a command line (the pattern is `v:`; a `/` must come before it).
    SlashV,
    /// `Label : host` at the start of a line (Event Viewer's `Computer:`, Test-NetConnection's
    /// `ComputerName :`).
    Colon(crate::hosts::HostSource),
    /// `<Computer>host</Computer>` of an event's XML.
    XmlComputer,
    /// `full address:s:host` of an `.rdp` file.
    RdpFile,
    /// A FreeRDP log phrase followed by the host, maybe in parentheses.
    Freerdp,
    /// FreeRDP's `connect to host:port failed with error` (libfreerdp/core/tcp.c).
    ConnectTo,
}

pub(crate) struct Pat {
    pub text: &'static str,
    pub kind: Kind,
    /// The match must not run into a following letter, digit or `_`.
    pub word_end: bool,
}

const fn p(text: &'static str, kind: Kind) -> Pat {
    Pat {
        text,
        kind,
        word_end: true,
    }
}
/// A pattern that may be followed directly by more letters (prefixes, CJK).
const fn pp(text: &'static str, kind: Kind) -> Pat {
    Pat {
        text,
        kind,
        word_end: false,
    }
}

use CodeSpace::*;
use Kind::*;
use Sp::*;

// The product and phrase signatures (`SIG_TEXT`, `SIG_LEN`, `SIG_KIND`, `SIG_KINDS`), compiled
// by engine/build.rs from `engine/knowledge/signatures/*.json`.
include!(concat!(env!("OUT_DIR"), "/signatures.rs"));

/// The signatures as `Pat`s, rebuilt once from the flat arrays `engine/build.rs` writes: every
/// text is a slice of `SIG_TEXT`, every kind one of `SIG_KINDS` (top bit of `SIG_KIND`: ends at
/// a word bound).
pub(crate) fn signatures() -> &'static [Pat] {
    static PATS: std::sync::OnceLock<Vec<Pat>> = std::sync::OnceLock::new();
    PATS.get_or_init(|| {
        let mut at = 0;
        SIG_LEN
            .iter()
            .zip(SIG_KIND.iter())
            .map(|(&len, &k)| {
                let text = &SIG_TEXT[at..at + len as usize];
                at += len as usize;
                Pat {
                    text,
                    kind: SIG_KINDS[(k & 0x7FFF) as usize],
                    word_end: k & 0x8000 != 0,
                }
            })
            .collect()
    })
}

/// The non-English signatures, compiled by engine/build.rs (`signature-pack.json`): what the
/// web page fetches after its first report (its wasm is built with the `intl-pack` feature,
/// which leaves them out of [`signatures`]). Other builds have them compiled in.
pub(crate) static PACK_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/signature-pack.json"));

/// `signature-pack.json` as read back.
#[derive(serde::Deserialize)]
struct PackFile {
    schema: String,
    kinds: String,
    text: String,
    len: Vec<u8>,
    kind: Vec<u16>,
}

static PACK: std::sync::OnceLock<Vec<Pat>> = std::sync::OnceLock::new();

/// The loaded pack's patterns (none before [`load_pack`], and none in builds that compile them in).
pub(crate) fn pack() -> &'static [Pat] {
    PACK.get().map_or(&[], Vec::as_slice)
}

/// A table built over [`all`] (the matcher, the near pass's index): once without the pack and
/// once more when it has been loaded; `cells` are the two (without, with).
pub(crate) fn built_over_all<T>(
    cells: &'static [std::sync::OnceLock<T>; 2],
    build: fn() -> T,
) -> &'static T {
    cells[usize::from(!pack().is_empty())].get_or_init(build)
}

/// Adds the pack's patterns (see [`PACK_JSON`]); returns how many there are. Once per process;
/// a build without the `intl-pack` feature has them already and takes nothing (0). A pack made
/// for another build (another kind table) or damaged is refused with what was wrong.
pub(crate) fn load_pack(json: &str) -> Result<usize, String> {
    if !cfg!(feature = "intl-pack") {
        return Ok(0);
    }
    if let Some(p) = PACK.get() {
        return Ok(p.len());
    }
    let f: PackFile = serde_json::from_str(json)
        .map_err(|e| format!("the signature pack is not a signature pack: {e}"))?;
    if f.schema != "rdp-triage.signature-pack/1" {
        return Err(format!(
            "the signature pack has schema {:?}, not rdp-triage.signature-pack/1",
            f.schema
        ));
    }
    if f.kinds != SIG_KINDS_HASH {
        return Err(format!("the signature pack was built for another version (kind table {}, this engine has {SIG_KINDS_HASH}): reload the page", f.kinds));
    }
    let total: usize = f.len.iter().map(|&l| l as usize).sum();
    if f.len.len() != f.kind.len() || total != f.text.len() {
        return Err("the signature pack is damaged: its lengths do not add up".into());
    }
    let text: &'static str = Box::leak(f.text.into_boxed_str());
    let mut at = 0;
    let mut pats = Vec::with_capacity(f.len.len());
    for (&len, &k) in f.len.iter().zip(&f.kind) {
        let t = text
            .get(at..at + len as usize)
            .ok_or("the signature pack is damaged: a pattern splits a character")?;
        at += len as usize;
        let kind = *SIG_KINDS
            .get((k & 0x7FFF) as usize)
            .ok_or("the signature pack is damaged: a kind is out of range")?;
        pats.push(Pat {
            text: t,
            kind,
            word_end: k & 0x8000 != 0,
        });
    }
    let n = pats.len();
    let _ = PACK.set(pats);
    Ok(n)
}

/// The patterns read by dedicated code.
pub(crate) static READERS: &[Pat] = &[
    pp("0x", Special(Hex)),
    p("event id", Special(EventId)),
    p("eventid", Special(EventId)),
    pp("<eventid", Special(EventId)),
    p("event code", Special(EventId)),
    p("ereignis-id", Special(EventId)),
    p("ereigniskennung", Special(EventId)),
    p("id de l'événement", Special(EventId)),
    p("id de l\u{2019}événement", Special(EventId)),
    p("id de l'evenement", Special(EventId)),
    p("id. del evento", Special(EventId)),
    p("id del evento", Special(EventId)),
    pp("イベント id", Special(EventId)),
    pp("事件 id", Special(EventId)),
    p("event", Special(EventWord)),
    p("id", Special(IdLine)),
    p("source", Special(ProviderLine)),
    p("providername", Special(ProviderLine)),
    p("provider name", Special(ProviderLine)),
    p("timecreated", Special(WinEventTable)),
    p("fatal alert code is", Special(AlertNumber)),
    p("fatal error code is", Special(AlertNumber)),
    p("alertdesc", Special(AlertNumber)),
    p("fatal alert was generated", Special(AlertNumber)),
    p("fatal alert was received", Special(AlertNumber)),
    p("reason", Special(ReasonEq)),
    pp("errconnect_", Special(Named(Freerdp))),
    pp("errinfo_", Special(Named(Extended))),
    pp("sec_e_", Special(Named(Hresult))),
    pp("status_", Special(Named(Ntstatus))),
    p("ssl_required_by_server", NegName(1)),
    p("ssl_not_allowed_by_server", NegName(2)),
    p("ssl_cert_not_on_server", NegName(3)),
    p("inconsistent_flags", NegName(4)),
    p("hybrid_required_by_server", NegName(5)),
    p("ssl_with_user_auth_required_by_server", NegName(6)),
    p("exit code", Special(ExitCode)),
    p("exit status", Special(ExitCode)),
    p("exited with code", Special(ExitCode)),
    p("tcptestsucceeded", Special(TncTcp)),
    p("pingsucceeded", Special(TncPing)),
    p("nameresolutionresults", Special(Resolved)),
    p("remoteaddress", Special(Resolved)),
    p("ipaddress", Special(Resolved)),
    p("sourceaddress", Special(OwnAddress)),
    p("ipv4 address", Special(OwnAddress)),
    p("ipv4-adresse", Special(OwnAddress)),
    p("adresse ipv4", Special(OwnAddress)),
    p("name", Special(NsName)),
    p("address", Special(NsAddress)),
    p("addresses", Special(NsAddress)),
    p("answer", Special(Answer)),
    p("pinging", Special(PingTarget)),
    p("ping", Special(PingTarget)),
    p("tracing route to", Special(PingTarget)),
    p(
        "name resolution of",
        Special(IfLineFailed("net:dns-failed")),
    ),
    p("tcp connect to", Special(IfLineFailed("net:tcp-failed"))),
    p("ping to", Special(IfLineFailed("net:ping-failed"))),
    p("loss", Special(Loss)),
    p("packet loss", Special(Loss)),
    p("verlust", Special(Loss)),
    p("perte", Special(Loss)),
    p("perdidos", Special(Loss)),
    p("average", Special(Average)),
    p("mittelwert", Special(Average)),
    p("moyenne", Special(Average)),
    p("media", Special(Average)),
    p("pingreplydetails (rtt)", Special(Average)),
    pp("min/avg/max", Special(MinAvgMax)),
    p("listening", Special(Listening)),
    p("listen", Special(Listening)),
    p("abhören", Special(Listening)),
    p("rdp-tcp", Special(RdpTcp)),
    p("sessionname", Special(SessionName)),
    // The kernel's line for a process killed by SIGSEGV, `comm[pid]: segfault at ADDR ip …`:
    // torvalds/linux arch/x86/mm/fault.c, show_signal_msg (`printk("%s%s[%d]: segfault at %lx
    // ip %px sp %px error %lx", loglvl, tsk->comm, task_pid_nr(tsk), …)`).
    p("segfault at", Special(KernelSegfault)),
    p("active", Special(SessionState)),
    p("disc", Special(SessionState)),
    // Host names (`crate::hosts`). mstsc `/v:<server[:port]>`: Microsoft Learn, "mstsc"
    // (windows-server/administration/windows-commands/mstsc); xfreerdp `/v:<server>[:port]`:
    // FreeRDP client/common/cmdline.h. Test-NetConnection's `ComputerName` property: Microsoft
    // Learn, Test-NetConnection. An event's `Computer` (Event Viewer text and the event XML's
    // `<Computer>` element, Microsoft Learn "Computer (SystemPropertiesType) Element"). `.rdp`
    // files: Microsoft Learn, "Supported RDP properties" (`full address:s:value`).
    pp("v:", Special(Host(HostAt::SlashV))),
    p(
        "computer",
        Special(Host(HostAt::Colon(crate::hosts::HostSource::EventComputer))),
    ),
    p(
        "computername",
        Special(Host(HostAt::Colon(
            crate::hosts::HostSource::TestNetConnection,
        ))),
    ),
    pp("<computer>", Special(Host(HostAt::XmlComputer))),
    p("full address", Special(Host(HostAt::RdpFile))),
    // FreeRDP log lines with the host, FreeRDP/FreeRDP@9626564421df:
    // client/common/client.c:879 "Certificate details for %s:%" PRIu16 " (%s):",
    // libfreerdp/crypto/tls.c:2128 "The host key for %s:%" PRIu16 " has changed",
    // libfreerdp/crypto/tls.c:2151 "New host key for %s:%" PRIu16,
    // libfreerdp/crypto/tls.c:2171 "The hostname used for this connection (%s:%" PRIu16 ") ",
    // libfreerdp/core/tcp.c:790 "getaddrinfo(%s) failed with %s",
    // libfreerdp/core/tcp.c:891 "connect to %s:%s failed with error: %s [%" PRId32 "]".
    p("certificate details for", Special(Host(HostAt::Freerdp))),
    p("the host key for", Special(Host(HostAt::Freerdp))),
    p("new host key for", Special(Host(HostAt::Freerdp))),
    p(
        "the hostname used for this connection",
        Special(Host(HostAt::Freerdp)),
    ),
    p("getaddrinfo", Special(Host(HostAt::Freerdp))),
    p("connect to", Special(Host(HostAt::ConnectTo))),
];

/// Every pattern: the readers, then the signatures (index = position in this order).
pub(crate) fn all() -> impl Iterator<Item = &'static Pat> {
    READERS
        .iter()
        .chain(signatures().iter())
        .chain(pack().iter())
}
