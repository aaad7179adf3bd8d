//! Redaction for exports and share links (`engine::redact`): each kind of personal data is
//! masked when asked, the diagnosed host is kept, private keys and passwords are removed
//! whatever the options, the diagnosis survives redaction, and the page's secret warnings fire.

use engine::redact::*;
use engine::schema::Request;
use std::path::Path;

fn all() -> RedactOptions {
    RedactOptions::default()
}

fn only(users: bool, ips: bool, hosts: bool) -> RedactOptions {
    RedactOptions {
        users,
        ips,
        hosts,
        keep_host: None,
    }
}

fn fixture(rel: &str) -> String {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(rel);
    String::from_utf8_lossy(&std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display())))
        .into_owned()
}

#[test]
fn user_names_in_every_form() {
    let o = only(true, false, false);
    let cases = [
        (
            "The user \"CORP\\alice\", on client",
            "The user \"[user-1]\", on client",
        ),
        (
            "logged on as alice@corp.example.com today",
            "logged on as [user-1] today",
        ),
        ("User:          CORP\\carol", "User:          [user-1]"),
        (
            "Account Name:\t\tbob.smith\n",
            "Account Name:\t\t[user-1]\n",
        ),
        (
            "C:\\Users\\dave\\AppData\\Local\\Temp",
            "C:\\Users\\[user-1]\\AppData\\Local\\Temp",
        ),
        (
            "/home/erin/.config/freerdp",
            "/home/[user-1]/.config/freerdp",
        ),
        (
            "<Data Name=\"TargetUserName\">frank</Data>",
            "<Data Name=\"TargetUserName\">[user-1]</Data>",
        ),
        (
            "<Security UserID=\"S-1-5-21-1004336348-1177238915-682003330-1001\"/>",
            "<Security UserID=\"[user-1]\"/>",
        ),
        ("Benutzername: günther\n", "Benutzername: [user-1]\n"),
    ];
    for (input, want) in cases {
        assert_eq!(redact(input, &o), want, "input {input:?}");
    }
}

#[test]
fn well_known_accounts_and_paths_that_name_no_one_are_kept() {
    let o = only(true, false, false);
    for t in [
        "User: N/A",
        "User: SYSTEM",
        "NT AUTHORITY\\SYSTEM",
        "NT AUTHORITY\\NETWORK SERVICE",
        "HKLM\\SYSTEM\\CurrentControlSet\\Control\\Terminal Server",
        "C:\\Windows\\System32\\mstsc.exe",
        "C:\\Users\\Public\\Desktop",
        "\\\\fileserver\\share\\folder",
        "PowerShell @{Name='x'}",
    ] {
        assert_eq!(redact(t, &o), t, "{t:?} changed");
    }
}

#[test]
fn qwinsta_username_column() {
    let t = " SESSIONNAME       USERNAME                 ID  STATE   TYPE        DEVICE\n>rdp-tcp#0         alice                     2  Active  rdpwd\n console                                   1  Conn    wdcon\n rdp-tcp                                65536  Listen  rdpwd\n";
    let r = redact(t, &only(true, false, false));
    assert!(!r.contains("alice") && r.contains("[user-1]"), "{r}");
    assert!(
        r.contains("65536  Listen"),
        "the listener row is untouched: {r}"
    );
}

#[test]
fn ip_addresses_v4_and_v6() {
    let o = only(false, true, false);
    assert_eq!(
        redact("Pinging host [10.0.0.5] with 32 bytes", &o),
        "Pinging host [[ip-1]] with 32 bytes"
    );
    assert_eq!(
        redact("10.0.0.5:3389 and 10.0.0.5 and 192.168.1.254", &o),
        "[ip-1]:3389 and [ip-1] and [ip-2]"
    );
    assert_eq!(redact("ip:198.51.100.23.", &o), "ip:[ip-1].");
    assert_eq!(
        redact("fe80::1c2d:3e4f:5a6b:7c8d%12 and 2001:db8::42", &o),
        "[ip-1] and [ip-2]"
    );
    assert_eq!(
        redact("mapped ::ffff:10.1.2.3 end", &o),
        "mapped [ip-1] end"
    );
    assert_eq!(
        redact("full 2001:0db8:0000:0000:0000:ff00:0042:8329.", &o),
        "full [ip-1]."
    );
    // Not addresses: versions, times, MACs, loopback, masks, code names.
    for t in [
        "Windows 10.0.19045.3803",
        "at 09:00:00.123 UTC",
        "MAC 00:1a:2b:3c:4d:5e",
        "127.0.0.1 and ::1",
        "mask 255.255.255.0",
        "std::string",
        "v1.2.3.4",
        "Error code: 0x904",
    ] {
        assert_eq!(redact(t, &o), t, "{t:?} changed");
    }
}

#[test]
fn host_names_except_the_diagnosed_one() {
    let mut o = only(false, false, true);
    let t = "Computer:      RDSH01.corp.example.com\nRemote computer: ts02\nnslookup srv-app01.corp.example.com\n<Computer>RDG01.corp.example.com</Computer>\nPinging winbox [10.0.0.9]\n<Computer>WS0231</Computer>";
    let r = redact(t, &o);
    for gone in ["RDSH01", "ts02", "srv-app01", "RDG01", "winbox", "WS0231"] {
        assert!(!r.contains(gone), "{gone} left in {r}");
    }
    assert!(r.contains("10.0.0.9"), "ips are a separate switch");
    o.keep_host = Some("srv-app01".into());
    let r = redact(t, &o);
    assert!(
        r.contains("srv-app01.corp.example.com"),
        "the diagnosed host is kept: {r}"
    );
    assert!(!r.contains("RDSH01"));
    // Not host names: files, code names, log tags, schema URLs, sentences.
    let o = only(false, false, true);
    for t in [
        "mstsc.exe /v:x",
        "certlm.msc",
        "System.Net.Sockets.SocketException",
        "[com.freerdp.core.nego] - failed",
        "xmlns=\"http://schemas.microsoft.com/win/2004/08/events/event\"",
        "e.g. the log",
        "schema rdp-triage.request/1",
        "version 10.0.1",
    ] {
        assert_eq!(redact(t, &o), t, "{t:?} changed");
    }
}

#[test]
fn keep_host_may_be_an_address() {
    let o = RedactOptions::all_except_host(Some("10.0.0.5"));
    assert_eq!(
        redact("10.0.0.5 refused, 10.0.0.6 too", &o),
        "10.0.0.5 refused, [ip-1] too"
    );
}

#[test]
fn private_keys_are_removed_whatever_the_options() {
    let key = fixture("certs/cert-and-key.pem");
    assert!(key.contains("PRIVATE KEY"));
    for o in [
        all(),
        RedactOptions::secrets_only(),
        only(false, false, false),
    ] {
        let r = redact(&key, &o);
        assert!(!r.contains("PRIVATE KEY") && r.contains(KEY_REMOVED), "{r}");
        assert!(
            r.contains("-----BEGIN CERTIFICATE-----"),
            "the certificate stays"
        );
        let body_line = key
            .lines()
            .skip_while(|l| !l.contains("PRIVATE KEY"))
            .nth(1)
            .expect("key body");
        assert!(!r.contains(body_line), "key material left");
    }
    // An unterminated block (cut-off paste) and other key formats.
    let cut = "before\n-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\nQyNTUxOQAAACDx\n\nafter the key";
    let r = redact(cut, &RedactOptions::secrets_only());
    assert!(!r.contains("b3Blbn") && !r.contains("QyNTUx"), "{r}");
    assert!(
        r.starts_with("before\n") && r.ends_with("after the key"),
        "{r}"
    );
    let putty = "PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nComment: me\nPublic-Lines: 2\nAAAAC3NzaC1lZDI1NTE5\nAAAAIK\nPrivate-Lines: 1\nAAAAIGsecretsecret\nPrivate-MAC: 0123abcd\nnext line";
    let r = redact(putty, &RedactOptions::secrets_only());
    assert!(
        !r.contains("AAAAIGsecretsecret") && r.ends_with("\nnext line"),
        "{r}"
    );
}

#[test]
fn passwords_and_tokens_are_removed_whatever_the_options() {
    let o = RedactOptions::secrets_only();
    let cases = [
        (
            "cmdkey /generic:TERMSRV/srv /user:CORP\\bob /pass:Hunter2!",
            "Hunter2!",
        ),
        (
            "xfreerdp /v:srv /u:bob /p:S3cret-pw /cert:ignore",
            "S3cret-pw",
        ),
        ("Server=db;User Id=sa;Password=Tr0ub4dor&3;", "Tr0ub4dor&3"),
        ("pwd: letmein", "letmein"),
        (
            "password 51:b:01000000D08C9DDF0115D1118C7A00C04FC297EB",
            "01000000D08C9DDF",
        ),
        (
            "Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.abc",
            "eyJhbGci",
        ),
        ("Authorization: Basic Ym9iOmh1bnRlcjI=", "Ym9iOmh1bnRlcjI="),
        (
            "$p = ConvertTo-SecureString 'P@ssw0rd' -AsPlainText -Force",
            "P@ssw0rd",
        ),
    ];
    for (t, secret) in cases {
        let r = redact(t, &o);
        assert!(
            !r.contains(secret) && r.contains(SECRET_REMOVED),
            "{t:?} -> {r:?}"
        );
        let hints = looks_like_secret(t);
        assert_eq!(hints.len(), 1, "{t:?}: {hints:?}");
        assert!(
            t[hints[0].start..hints[0].end].contains(secret)
                || secret.contains(&t[hints[0].start..hints[0].end]),
            "{t:?}: span {:?}",
            &t[hints[0].start..hints[0].end]
        );
    }
}

#[test]
fn secret_warnings_name_the_kind_and_ignore_harmless_words() {
    let kinds = |t: &str| {
        looks_like_secret(t)
            .into_iter()
            .map(|h| h.kind)
            .collect::<Vec<_>>()
    };
    assert_eq!(kinds(&fixture("certs/cert-and-key.pem")), ["private-key"]);
    assert_eq!(kinds("cmdkey /pass:x1"), ["cmdkey-password"]);
    assert_eq!(kinds("xfreerdp /p:abc"), ["freerdp-password"]);
    assert_eq!(kinds("password=abc"), ["password"]);
    assert_eq!(kinds("password 51:b:0100"), ["rdp-file-password"]);
    assert_eq!(
        kinds("Authorization: Bearer abcdefghijklmnopqrstuvwxyz"),
        ["bearer-token"]
    );
    assert_eq!(
        kinds("ConvertTo-SecureString \"x\" -AsPlainText"),
        ["plaintext-securestring"]
    );
    for t in [
        "Your password has expired.",
        "Password: ********",
        "password=<your password>",
        "PasswordLastSet : 1/1/2026",
        "The credentials that were used to connect did not work.",
        "bearer of bad news",
        "CredSSP encryption oracle remediation",
    ] {
        assert!(
            looks_like_secret(t).is_empty(),
            "{t:?}: {:?}",
            looks_like_secret(t)
        );
    }
    // Every text fixture: no secret in ordinary error pastes.
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/text");
    for e in std::fs::read_dir(dir)
        .expect("fixtures")
        .filter_map(|e| e.ok())
    {
        let t = String::from_utf8_lossy(&std::fs::read(e.path()).unwrap_or_default()).into_owned();
        assert!(
            looks_like_secret(&t).is_empty(),
            "{}: {:?}",
            e.path().display(),
            looks_like_secret(&t)
        );
    }
}

#[test]
fn same_value_same_number_across_a_redactor() {
    let mut r = Redactor::new(&all());
    let a = r.redact("alice@corp.example.com on 10.0.0.5");
    let b = r.redact("again ALICE@corp.example.com from 10.0.0.5, and 10.0.0.6");
    assert_eq!(a, "[user-1] on [ip-1]");
    assert_eq!(b, "again [user-1] from [ip-1], and [ip-2]");
}

/// Redaction must not destroy the diagnosis: every code-type evidence key a fixture yields is
/// still found in its redacted version.
#[test]
fn the_codes_survive_redaction_of_every_fixture() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/text");
    let mut n = 0;
    for e in std::fs::read_dir(dir)
        .expect("fixtures")
        .filter_map(|e| e.ok())
    {
        if e.path().extension().is_none_or(|x| x != "txt") {
            continue;
        }
        let t = String::from_utf8_lossy(&std::fs::read(e.path()).unwrap_or_default()).into_owned();
        let keys = |s: &str| -> std::collections::BTreeSet<String> {
            engine::analyze_text(s, 0)
                .findings
                .into_iter()
                .map(|f| f.evidence)
                .filter(|k| {
                    [
                        "disc:", "ext:", "event:", "hresult:", "freerdp:", "alert:", "neg:",
                    ]
                    .iter()
                    .any(|p| k.starts_with(p))
                })
                .collect()
        };
        let before = keys(&t);
        let after = keys(&redact(&t, &all()));
        assert_eq!(before, after, "{}", e.path().display());
        n += 1;
    }
    assert!(n >= 20);
}

#[test]
fn a_redacted_share_request_keeps_the_evidence_and_drops_keys() {
    let key_pem = fixture("certs/cert-and-key.pem");
    let mut req = Request {
        texts: vec!["User: CORP\\alice\nError code: 0x904\nExtended error code: 0x7\nnslookup srv-app01 -> 10.0.0.5, dc01.corp.example.com".into()],
        certificates: vec![key_pem, "MIIEvgIBADANBgkqhkiG9w0BAQEFAASCBKgwggSkAgEAAoIBAQC7".into()],
        host: Some("srv-app01".into()),
        ..Request::default()
    };
    req.answers.insert("other-users".into(), "nobody".into());
    let r = redact_request(&req, &RedactOptions::default());
    let t = &r.texts[0];
    assert!(
        !t.contains("alice") && !t.contains("10.0.0.5") && !t.contains("dc01"),
        "{t}"
    );
    assert!(
        t.contains("srv-app01"),
        "Request.host is kept by default: {t}"
    );
    assert!(r.certificates.iter().all(|c| !c.contains("PRIVATE KEY")));
    assert_eq!(r.answers, req.answers);
    assert_eq!(r.host, req.host);
    let a = engine::diagnose(&req);
    let b = engine::diagnose(&r);
    assert_eq!(
        a.causes.iter().map(|c| &c.id).take(3).collect::<Vec<_>>(),
        b.causes.iter().map(|c| &c.id).take(3).collect::<Vec<_>>()
    );
    // Round trip through the share link.
    let link = engine::share::encode_request(&r);
    let back = engine::share::decode_request(&link).expect("decodes");
    assert!(!serde_json::to_string(&back).unwrap().contains("alice"));
}

#[test]
fn probe_reports_in_share_links_are_redacted_but_stay_readable() {
    let probe = serde_json::from_str::<serde_json::Value>(
        &std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../fuzz/corpus/probe_json/nla-required-2.json"),
        )
        .expect("seed"),
    )
    .expect("json");
    let req = Request {
        probe: Some(probe.clone()),
        ..Request::default()
    };
    let r = redact_request(&req, &RedactOptions::default());
    let p = r.probe.expect("probe kept");
    assert_eq!(p.get("schema"), probe.get("schema"));
    let a = engine::diagnose(&req)
        .findings
        .into_iter()
        .map(|f| f.evidence)
        .collect::<Vec<_>>();
    let b = engine::diagnose(&Request {
        probe: Some(p),
        ..Request::default()
    })
    .findings
    .into_iter()
    .map(|f| f.evidence)
    .collect::<Vec<_>>();
    assert_eq!(a, b, "the probe's findings survive");
}

#[test]
fn a_redacted_report_masks_what_came_from_the_paste() {
    let req = Request {
        texts: vec!["Error code: 0x904\nExtended error code: 0x7\nPinging srv-app01.corp.example.com [10.0.0.5] with 32 bytes of data:".into()],
        certificates: vec![fixture("certs/leaf-only.pem")],
        ..Request::default()
    };
    let rep = engine::diagnose(&req);
    let red = redact_report(&rep, &RedactOptions::default());
    let json = serde_json::to_string(&red).unwrap();
    assert!(!json.contains("10.0.0.5"), "{json}");
    let md = engine::render::to_markdown(&red, &engine::render::RenderOptions::default());
    assert!(!md.contains("10.0.0.5"));
    assert_eq!(rep.causes.len(), red.causes.len());
    assert_eq!(
        rep.fixes, red.fixes,
        "the knowledge base's own text is left as written"
    );
}

#[test]
fn output_is_valid_and_bounded_on_random_input() {
    let mut x: u64 = 7;
    let alphabet: Vec<char> = "aZ09.:@\\/-_ \n\t=\"'<>[]%é😀S-1PasswordUser:BEGIN PRIVATE KEY-----"
        .chars()
        .collect();
    for _ in 0..300 {
        let mut t = String::new();
        for _ in 0..(x % 300) {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            t.push(alphabet[(x % alphabet.len() as u64) as usize]);
        }
        let r = redact(&t, &all());
        assert!(r.len() <= t.len() * 12 + 64);
        for h in looks_like_secret(&t) {
            assert!(
                h.start <= h.end
                    && h.end <= t.len()
                    && t.is_char_boundary(h.start)
                    && t.is_char_boundary(h.end)
            );
        }
    }
}

/// Repetitive hostile inputs go through in one pass (a quadratic scan would take minutes here).
#[test]
fn repetitive_hostile_inputs_finish() {
    for unit in [
        "::",
        "-----BEGIN PRIVATE KEY-----\n",
        "-----BEGIN ",
        "a\\",
        "@a",
        "Authorization: Basic ",
        "User: ",
        "PuTTY-User-Key-File-\n",
        "password=",
        "1.1.1.",
        "a.b",
        "ConvertTo-SecureString -AsPlainText ",
    ] {
        let t = unit.repeat(200_000 / unit.len());
        let r = redact(&t, &RedactOptions::default());
        assert!(r.len() <= t.len() * 12);
        let _ = looks_like_secret(&t);
    }
}
