//! Behaviour of `diagnose`: the code ground truth moves the right causes, the distribution is a
//! distribution, fix feedback conditions the beliefs as specified, questions are asked only when
//! they pay, bad input becomes diagnostics, overlays merge, and the ticket export renders.

use engine::rank::{diagnose, diagnose_json};
use engine::render::{to_markdown, to_terminal, RenderOptions};
use engine::schema::{FixOutcome, Request};
use engine::Report;

fn req(texts: &[&str]) -> Request {
    Request {
        texts: texts.iter().map(|s| s.to_string()).collect(),
        ..Request::default()
    }
}

fn p(r: &Report, id: &str) -> f64 {
    r.causes
        .iter()
        .find(|c| c.id == id)
        .map(|c| c.probability)
        .unwrap_or_else(|| panic!("no cause {id}"))
}

fn rank(r: &Report, id: &str) -> usize {
    r.causes.iter().position(|c| c.id == id).expect("cause") + 1
}

/// The IDs of the three most likely causes (for assertion messages).
fn top3(r: &Report) -> Vec<&str> {
    r.causes.iter().take(3).map(|c| &*c.id).collect()
}

/// Asserts that `id` is the first cause, naming the top three when it is not.
fn assert_first(r: &Report, id: &str) {
    let top = top3(r);
    assert_eq!(top.first().copied(), Some(id), "{top:?}");
}

/// True when the report holds a finding with evidence key `key`.
fn found(r: &Report, key: &str) -> bool {
    r.findings.iter().any(|f| f.evidence == key)
}

/// The ratios a cause's explanation cites for `key` (empty when it cites none).
fn cited(r: &Report, id: &str, key: &str) -> Vec<f64> {
    r.causes
        .iter()
        .find(|c| c.id == id)
        .expect("cause")
        .why
        .iter()
        .filter(|w| w.evidence == key)
        .map(|w| w.ratio)
        .collect()
}

/// Asserts that the odds of `cause` against `other` are more than `factor` times higher in `r`
/// than in `base`.
fn assert_odds_rise(r: &Report, base: &Report, (cause, other): (&str, &str), factor: f64) {
    let odds = |r: &Report| p(r, cause) / p(r, other);
    assert!(
        odds(r) > factor * odds(base),
        "{cause} against {other}: {} vs {}",
        odds(r),
        odds(base)
    );
}

const D904: &str = "Error code: 0x904\nExtended error code: 0x7";
const D204: &str = "Error code: 0x204\nExtended error code: 0x0";

#[test]
fn probabilities_form_a_sorted_distribution() {
    for r in [
        diagnose(&Request::default()),
        diagnose(&req(&[D904])),
        diagnose(&req(&[D204])),
    ] {
        let sum: f64 = r.causes.iter().map(|c| c.probability).sum();
        assert!((sum - 1.0).abs() < 1e-9, "sum {sum}");
        assert!(r
            .causes
            .windows(2)
            .all(|w| w[0].probability >= w[1].probability));
        assert_eq!(r.causes.len(), engine::kb::builtin().causes.len());
        assert_eq!(r.schema, "rdp-triage.report/1");
    }
}

#[test]
fn same_request_same_report() {
    let mut q = req(&[D904]);
    q.answers.insert("other-users".into(), "nobody".into());
    q.feedback
        .insert("connect-by-ip".into(), FixOutcome::Failed);
    let a = serde_json::to_string(&diagnose(&q)).unwrap();
    let b = serde_json::to_string(&diagnose(&q)).unwrap();
    assert_eq!(a, b);
}

#[test]
fn socket_closed_means_tcp_connected_so_reachability_causes_fall() {
    let prior = diagnose(&Request::default());
    let r = diagnose(&req(&[D904]));
    for id in ["firewall-blocked", "host-unreachable", "rdp-disabled"] {
        assert!(
            p(&r, id) < p(&prior, id) / 3.0,
            "{id}: {} vs prior {}",
            p(&r, id),
            p(&prior, id)
        );
    }
    for id in [
        "cert-store-broken",
        "cert-expired",
        "security-layer-mismatch",
        "middlebox-interference",
        "tls-mismatch",
    ] {
        assert!(p(&r, id) > p(&prior, id), "{id} should rise");
    }
    assert!(rank(&r, "cert-store-broken") <= 3);
    let why = &r
        .causes
        .iter()
        .find(|c| c.id == "cert-store-broken")
        .unwrap()
        .why;
    assert!(
        why.iter()
            .any(|w| w.evidence == "disc:0x904" && w.ratio > 1.0),
        "{why:?}"
    );
    let fw = &r
        .causes
        .iter()
        .find(|c| c.id == "firewall-blocked")
        .unwrap()
        .why;
    assert!(
        fw.iter()
            .any(|w| w.evidence == "disc:0x904" && w.ratio < 1.0),
        "{fw:?}"
    );
}

/// A port forwarder or proxy takes the TCP connection itself, so "the server closed it" says
/// nothing about whether the RDP server behind it can be reached: the reachability causes keep
/// what they had without 0x904, and their explanation no longer cites it.
#[test]
fn socket_closed_behind_a_forwarder_says_nothing_about_reachability() {
    let container = "The Windows VM runs in a docker container (dockur).";
    let direct = diagnose(&req(&[D904]));
    let forwarded = diagnose(&req(&[container, D904]));
    let only_container = diagnose(&req(&[container]));
    for id in ["firewall-blocked", "host-unreachable", "rdp-disabled"] {
        assert!(
            p(&forwarded, id) > 3.0 * p(&direct, id),
            "{id}: {} behind a forwarder vs {} direct",
            p(&forwarded, id),
            p(&direct, id)
        );
        let why = &forwarded.causes.iter().find(|c| c.id == id).unwrap().why;
        assert!(
            why.iter()
                .all(|w| !(w.evidence == "disc:0x904" || w.evidence == "ext:0x7") || w.ratio >= 1.0),
            "{id}: {why:?}"
        );
    }
    // The closed socket still raises what it says about the far end (its certificate, its
    // security layer), with or without a forwarder.
    assert!(p(&forwarded, "cert-store-broken") > p(&only_container, "cert-store-broken"));
}

/// On an RDP Wrapper host "it stopped after the update" is the wrapper's own failure (a new
/// termsrv.dll its ini does not list, the listener down), not the CredSSP update: the update
/// words stop counting for `credssp-oracle` and "worked before" stops counting against
/// `rdp-disabled`. Without the wrapper they count as before.
#[test]
fn after_an_update_an_rdp_wrapper_host_points_to_its_listener_not_credssp() {
    let wrapper = diagnose(&req(&[
        "RDP Wrapper stopped working after the Windows update; it worked before.",
    ]));
    assert!(
        rank(&wrapper, "rdp-disabled") < rank(&wrapper, "credssp-oracle"),
        "{:?}",
        top3(&wrapper)
    );
    assert!(cited(&wrapper, "credssp-oracle", "hint:after-update")
        .iter()
        .all(|&r| r <= 1.0));
    assert!(cited(&wrapper, "rdp-disabled", "hint:worked-before")
        .iter()
        .all(|&r| r >= 1.0));
    let plain = diagnose(&req(&[
        "It worked before, then stopped after the Windows update.",
    ]));
    assert!(cited(&plain, "credssp-oracle", "hint:after-update")
        .iter()
        .any(|&r| r > 1.0));
    assert!(rank(&plain, "credssp-oracle") < rank(&plain, "rdp-disabled"));
}

/// A Windows machine named beside xrdp (the Hyper-V host, the client PC) is not the server, so
/// it no longer counts against `xrdp-session-failed`; named alone it still does.
#[test]
fn a_windows_host_named_beside_xrdp_does_not_count_against_an_xrdp_session_failure() {
    let r = diagnose(&req(&[
        "xrdp on the Ubuntu guest of a Windows Server 2022 Hyper-V host: login failed for display 0",
    ]));
    assert_first(&r, "xrdp-session-failed");
    assert!(
        cited(&r, "xrdp-session-failed", "ctx:server:windows-server")
            .iter()
            .all(|&x| x >= 1.0)
    );
    let windows = diagnose(&req(&["Windows Server 2022: login failed for display 0"]));
    assert!(p(&windows, "xrdp-session-failed") < p(&r, "xrdp-session-failed") / 10.0);
}

/// Guacamole's "server unavailable" means guacd found nothing answering on the host: Remote
/// Desktop being off is one of the reasons, like a firewall or a host that is down.
#[test]
fn guacamoles_server_unavailable_raises_rdp_disabled() {
    let r = diagnose(&req(&[
        "Guacamole: The remote desktop server is currently unavailable.",
    ]));
    let context = diagnose(&req(&["Connecting through Guacamole."]));
    assert!(cited(&r, "rdp-disabled", "msg:guac-upstream-error")
        .iter()
        .any(|&x| x > 1.0));
    // Against a cause the message says nothing about, Remote Desktop being off gains.
    assert_odds_rise(&r, &context, ("rdp-disabled", "client-bug"), 1.5);
}

/// Azure Virtual Desktop's "no available resources" is said of session hosts that are all at
/// their max session limit as much as of drained or unassigned ones: it raises the session
/// limit, where the older reading of it as an unhealthy host did not.
#[test]
fn avds_no_available_resources_raises_the_session_limit() {
    let r = diagnose(&req(&[
        "We couldn't connect because there are currently no available resources. Try again later or contact tech support for help if this keeps happening.",
    ]));
    let unhealthy = diagnose(&req(&["ConnectionFailedNoHealthyRdshAvailable"]));
    assert!(found(&r, "msg:avd-no-resources"));
    assert!(
        rank(&r, "server-resource-limit") <= 3,
        "{}",
        rank(&r, "server-resource-limit")
    );
    assert_odds_rise(
        &r,
        &unhealthy,
        ("server-resource-limit", "cloud-control-plane"),
        5.0,
    );
}

/// A GNOME Remote Desktop log line under FreeRDP's server-side logger names the server, not the
/// client: the redirection it logs keeps its weight.
#[test]
fn a_freerdp_server_log_line_does_not_make_freerdp_the_client() {
    let r = diagnose(&req(&[
        "gnome-remote-desktop-daemon[58071]: [RDP] Sending server redirection\ngnome-remote-desktop-daemon[58071]: [ERROR][com.freerdp.core.peer] - [rdp_set_error_info]: ERRINFO_LOGOFF_BY_USER [0x0001000C]",
        "Client: Windows App on a Mac.",
    ]));
    assert!(!found(&r, "ctx:client:freerdp"));
    assert_first(&r, "server-redirection-handover");
}

/// A reporter who says the host's account signs in with a PIN or Windows Hello has named the
/// one cause that refuses a correct password over Remote Desktop: it comes before the cached and
/// mistyped credentials the same dialog also fits.
#[test]
fn a_pin_only_account_behind_a_refused_logon_points_to_passwordless_signin() {
    let r = diagnose(&req(&[
        "The logon attempt failed",
        "On that PC I sign in to my Microsoft account with a PIN (Windows Hello).",
    ]));
    assert!(found(&r, "hint:passwordless"));
    assert_first(&r, "passwordless-signin");
}

/// mstsc's "error in the licensing protocol" (0x808) alone is the client's own license store
/// (Microsoft KB 187614): the license cache comes first and its reset is the first step. The
/// words "licensing protocol" inside that sentence do not count server licensing a second time;
/// the server's licensing event (1069) still puts server licensing first.
#[test]
fn the_licensing_protocol_dialog_points_to_the_clients_license_cache() {
    const DIALOG: &str =
        "The remote computer disconnected the session because of an error in the licensing protocol.";
    let r = diagnose(&req(&[DIALOG]));
    assert_first(&r, "client-cache-credentials");
    assert_eq!(
        r.fixes.first().map(|f| &*f.id),
        Some("reset-client-license-cache")
    );
    let server = diagnose(&req(&[
        DIALOG,
        "Event ID 1069: The RD Session Host server cannot issue a client license.",
    ]));
    assert_first(&server, "licensing");
}

#[test]
fn an_unless_key_must_be_read_from_pastes() {
    let mut q = req(&[D904]);
    q.overlay = Some(serde_json::json!({
        "schema": "rdp-triage.overlay/1",
        "causes": [
            {"id": "firewall-blocked", "likelihoods": [{"evidence": "disc:0x904", "ratio": 0.2, "unless": ["hint:no-such-key"]}]},
            {"id": "host-unreachable", "likelihoods": [{"evidence": "disc:0x904", "ratio": 0.2, "unless": ["ans:tnc-ok"]}]}
        ]
    }));
    let r = diagnose(&q);
    let bad: Vec<&str> = r
        .diagnostics
        .iter()
        .filter(|d| d.code == "overlay-invalid-entry")
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(bad.len(), 2, "{bad:?}");
    assert!(
        bad[0].contains("`hint:no-such-key`") && bad[1].contains("`ans:tnc-ok`"),
        "{bad:?}"
    );
}

#[test]
fn connect_failed_raises_reachability_causes() {
    let r = diagnose(&req(&[D204]));
    let top: Vec<&str> = r.causes.iter().take(4).map(|c| c.id.as_str()).collect();
    assert!(
        top.contains(&"firewall-blocked")
            && top.contains(&"host-unreachable")
            && top.contains(&"rdp-disabled"),
        "{top:?}"
    );
    assert!(rank(&r, "cert-expired") > 8);
}

#[test]
fn server_logged_user_authentication_so_reachability_and_nla_causes_fall() {
    // Event 1149 on the host: the connection reached the RDP service and network-level
    // authentication went through, so the failure came after it.
    let ev = "Remote Desktop Services: User authentication succeeded:\n\nUser: jdoe\nDomain: CORP\nSource Network Address: 10.0.0.12";
    let before = diagnose(&req(&[D904]));
    let after = diagnose(&req(&[D904, ev]));
    for c in [
        "firewall-blocked",
        "host-unreachable",
        "rdp-disabled",
        "nla-required",
        "credssp-oracle",
    ] {
        assert!(
            p(&after, c) < p(&before, c) * 0.5,
            "{c}: {} -> {}",
            p(&before, c),
            p(&after, c)
        );
    }
    for c in ["account-permissions", "licensing", "server-resource-limit"] {
        assert!(
            p(&after, c) > p(&before, c),
            "{c}: {} -> {}",
            p(&before, c),
            p(&after, c)
        );
    }
}

#[test]
fn failed_fix_lowers_its_causes_and_never_comes_back_first() {
    let base = req(&[D904]);
    let before = diagnose(&base);
    let first = before.fixes[0].id.clone();
    let mut after_req = base.clone();
    after_req
        .feedback
        .insert(first.to_string(), FixOutcome::Failed);
    let after = diagnose(&after_req);
    assert_ne!(after.fixes[0].id, first);
    let tried = after
        .fixes
        .iter()
        .find(|f| f.id == first)
        .expect("failed fix still listed");
    assert_eq!(tried.feedback, Some(FixOutcome::Failed));
    assert!(after
        .fixes
        .iter()
        .filter(|f| f.feedback.is_none())
        .all(|f| f.id != first));
    let kb = engine::kb::builtin();
    let fix = &kb.fixes[kb.fix(&first).unwrap()];
    for fc in &fix.causes {
        // Each addressed cause is explained by the failure; those the fix almost surely
        // resolves must fall (others can rise after normalisation).
        assert!(after
            .causes
            .iter()
            .find(|x| x.id == fc.cause)
            .unwrap()
            .why
            .iter()
            .any(|w| w.evidence == format!("fix:{first}") && w.ratio < 1.0));
        if fc.p >= 0.5 {
            assert!(
                p(&after, &fc.cause) < p(&before, &fc.cause),
                "{} should fall after `{first}` failed",
                fc.cause
            );
        }
    }
}

#[test]
fn worked_fix_confirms_its_causes_and_stops_questions() {
    let mut q = req(&[D904]);
    q.feedback
        .insert("renew-rdp-self-signed-cert".into(), FixOutcome::Worked);
    let r = diagnose(&q);
    assert_eq!(r.fixes[0].id, "renew-rdp-self-signed-cert");
    assert_eq!(r.fixes[0].feedback, Some(FixOutcome::Worked));
    assert!(r.next_question.is_none());
    assert!(r.diagnostics.iter().any(|d| d.code == "fix-worked"));
    assert!(
        r.causes[0].id == "cert-expired" || r.causes[0].id == "cert-store-broken",
        "{}",
        r.causes[0].id
    );
    assert!(p(&r, "firewall-blocked") < 1e-3);
}

#[test]
fn skipped_fix_leaves_beliefs_alone_and_leaves_the_plan() {
    let base = req(&[D904]);
    let before = diagnose(&base);
    let first = before.fixes[0].id.clone();
    let mut q = base.clone();
    q.feedback.insert(first.to_string(), FixOutcome::Skipped);
    let after = diagnose(&q);
    for c in &before.causes {
        assert!((p(&after, &c.id) - c.probability).abs() < 1e-12);
    }
    assert_ne!(after.fixes[0].id, first);
    assert_eq!(
        after.fixes.iter().find(|f| f.id == first).unwrap().feedback,
        Some(FixOutcome::Skipped)
    );
}

#[test]
fn fixes_are_ordered_and_complete() {
    let r = diagnose(&req(&[D904]));
    assert!(r.fixes.len() >= 3);
    for f in &r.fixes {
        assert!(
            !f.steps.is_empty()
                && !f.verify.is_empty()
                && !f.causes.is_empty()
                && !f.why.is_empty(),
            "{}",
            f.id
        );
        assert!(f.causes.iter().any(|c| p(&r, c) > 0.0));
        assert!(["end-user", "admin", "console", "network-team"].contains(&f.who.as_str()));
    }
    let nla = diagnose(&req(&["The remote computer requires Network Level Authentication, which your computer does not support."]));
    if let Some(f) = nla.fixes.iter().find(|f| f.id == "disable-nla-temporarily") {
        assert!(f.risk_note.as_deref().unwrap_or("").contains("temporary"));
    }
}

#[test]
fn questions_are_asked_only_when_useful_and_never_twice() {
    let r = diagnose(&req(&[D904]));
    let q = r
        .next_question
        .clone()
        .expect("ambiguous 0x904/0x7 should ask something");
    assert!(q.options.iter().any(|o| o.id == "dont-know"));
    let mut answered = req(&[D904]);
    answered
        .answers
        .insert(q.id.to_string(), q.options[0].id.to_string());
    let r2 = diagnose(&answered);
    assert_ne!(
        r2.next_question.as_ref().map(|x| x.id.clone()),
        Some(q.id.clone())
    );
    assert_eq!(r2.answered.len(), 1);
    assert_eq!(
        r2.answered[0].answer.as_deref(),
        Some(q.options[0].id.as_str())
    );
    // Answer everything: nothing left to ask.
    let mut all = req(&[D904]);
    for q in &engine::kb::builtin().questions {
        all.answers.insert(q.id.to_string(), "dont-know".into());
    }
    assert!(diagnose(&all).next_question.is_none());
}

#[test]
fn answers_move_causes() {
    let mut q = req(&[D204]);
    q.answers.insert("console-check".into(), "down".into());
    let r = diagnose(&q);
    assert_eq!(r.causes[0].id, "host-unreachable");
    let why = &r.causes[0].why;
    assert!(
        why.iter().any(|w| w.evidence == "ans:console-down"
            && w.ratio > 2.0
            && w.label.contains("Answer")),
        "{why:?}"
    );
    let mut d = Request::default();
    d.answers.insert("by-ip".into(), "ip-works".into());
    d.answers.insert("tnc".into(), "name-fail".into());
    assert_eq!(diagnose(&d).causes[0].id, "dns-resolution");
}

#[test]
fn bad_input_gives_diagnostics_and_the_rest_is_used() {
    let mut q = req(&[D904]);
    q.answers.insert("no-such-question".into(), "yes".into());
    q.answers.insert("other-users".into(), "perhaps".into());
    q.answers.insert("vpn".into(), "vpn-no".into());
    q.feedback.insert("no-such-fix".into(), FixOutcome::Failed);
    q.probe = Some(serde_json::json!({"schema": "rdp-triage.probe/99", "target": "x"}));
    let r = diagnose(&q);
    let codes: Vec<&str> = r.diagnostics.iter().map(|d| d.code.as_str()).collect();
    for c in ["unknown-question", "unknown-option", "unknown-fix"] {
        assert!(codes.contains(&c), "{codes:?}");
    }
    assert!(codes.iter().any(|c| c.starts_with("probe-")), "{codes:?}");
    assert_eq!(r.answered.len(), 1, "the valid answer is still used");
    assert!(!r.decoded.is_empty(), "the text is still used");
    let junk = diagnose_json("{\"texts\": 5");
    assert!(junk.contains("request-invalid-json"));
    let v: serde_json::Value = serde_json::from_str(&diagnose_json("[]")).unwrap();
    assert_eq!(v["schema"], "rdp-triage.report/1");
}

#[test]
fn certificate_without_now_skips_date_verdicts() {
    let mut q = req(&[]);
    q.certificates
        .push("-----BEGIN CERTIFICATE-----\nnot really\n-----END CERTIFICATE-----".into());
    let r = diagnose(&q);
    assert!(r.diagnostics.iter().any(|d| d.code == "now-missing"));
    assert!(!r.findings.iter().any(|f| f.evidence == "cert:expired"));
    q.now = Some("yesterday".into());
    assert!(diagnose(&q)
        .diagnostics
        .iter()
        .any(|d| d.code == "now-invalid"));
}

#[test]
fn overlay_adds_and_overrides_and_bad_parts_are_ignored() {
    let mut q = req(&[D904]);
    q.overlay = Some(serde_json::json!({
        "schema": "rdp-triage.overlay/1",
        "fixes": [
            {"id": "call-contoso-server-team", "title": "Call the Contoso server team (ext. 4711)", "causes": [{"cause": "cert-store-broken", "p": 0.95}],
             "who": "end-user", "minutes": 1, "risk": "low", "privileges": "None", "steps": [{"text": "Call 4711 and quote this report."}], "verify": "The team confirms the fix.", "contact": "servers@contoso.example"},
            {"id": "renew-rdp-self-signed-cert", "title": "Renew the RDP certificate (Contoso runbook RB-17)"},
            {"id": "broken-fix", "title": "No causes", "causes": [{"cause": "no-such-cause", "p": 0.5}], "who": "admin", "minutes": 5, "risk": "low", "privileges": "x", "steps": [{"text": "x"}], "verify": "x"},
            {"id": "Bad_ID"}
        ],
        "causes": [{"id": "cert-expired", "prior": "high"}]
    }));
    let r = diagnose(&q);
    assert_eq!(
        r.fixes[0].id,
        "call-contoso-server-team",
        "{:?}",
        r.fixes.iter().map(|f| &f.id).collect::<Vec<_>>()
    );
    assert!(r.fixes[0]
        .steps
        .iter()
        .any(|s| s.text.contains("servers@contoso.example")));
    let renamed = r
        .fixes
        .iter()
        .find(|f| f.id == "renew-rdp-self-signed-cert")
        .expect("override kept the fix");
    assert!(renamed.title.contains("RB-17"));
    assert!(
        !renamed.steps.is_empty(),
        "override kept the built-in steps"
    );
    assert!(r.fixes.iter().all(|f| f.id != "broken-fix"));
    let bad = r
        .diagnostics
        .iter()
        .filter(|d| d.code == "overlay-invalid-entry")
        .count();
    assert_eq!(bad, 3, "{:?}", r.diagnostics);
    q.overlay = Some(serde_json::json!({"schema": "something/2", "fixes": []}));
    let r = diagnose(&q);
    assert!(r
        .diagnostics
        .iter()
        .any(|d| d.code == "overlay-wrong-schema"));
    assert!(!r.causes.is_empty() && !r.fixes.is_empty());
}

#[test]
fn markdown_and_terminal_summaries() {
    let mut q = req(&["Error code: 0x904 from 10.20.1.15 for user jdoe\nExtended error code: 0x7"]);
    q.feedback
        .insert("connect-by-ip".into(), FixOutcome::Failed);
    let r = diagnose(&q);
    let md = to_markdown(&r, &RenderOptions::default());
    assert!(
        md.contains("## RDP Triage summary")
            && md.contains("### Likely causes")
            && md.contains("### Next steps")
    );
    assert!(md.contains("did not help"));
    assert!(md.contains(&*r.causes[0].title));
    let red = to_markdown(
        &r,
        &RenderOptions {
            redact_ips: true,
            redact_terms: vec!["jdoe".into()],
            ..RenderOptions::default()
        },
    );
    assert!(!red.contains("10.20.1.15") && !red.contains("jdoe"));
    let t = to_terminal(&r);
    assert!(
        t.contains("Likely causes:")
            && t.contains("Fixes, in order:")
            && t.contains(&*r.fixes[0].id)
    );
}

#[test]
fn certificate_captured_by_the_probe_is_judged_like_a_pasted_one() {
    let pem = include_str!("fixtures/certs/expired-selfsigned.pem");
    let b64: String = pem.lines().filter(|l| !l.starts_with("-----")).collect();
    let probe = serde_json::json!({
        "schema": "rdp-triage.probe/1", "target": "SRV01.corp.example", "port": 3389,
        "tcp": [{"address": "10.0.0.5", "attempts": [{"ok": true, "ms": 1.0}]}],
        "tls": {"attempted": true, "method": "x224-upgrade", "ok": true, "version": "TLS 1.2", "chain_der_base64": [b64]}
    });
    let mut q = req(&[D904]);
    q.probe = Some(probe.clone());
    q.now = Some("2026-11-21T09:00:00Z".into());
    let r = diagnose(&q);
    assert_eq!(r.certificates.len(), 1, "{:?}", r.diagnostics);
    assert!(r.findings.iter().any(|f| f.evidence == "cert:expired"));
    assert_eq!(r.causes[0].id, "cert-expired");
    // The same certificate pasted as well is not counted twice: the report's certificates and
    // findings are those of the pasted copy alone (the probe's copy is not analysed again).
    q.certificates.push(pem.to_string());
    let both = diagnose(&q);
    assert_eq!(both.certificates.len(), 1);
    let mut pasted_only = q.clone();
    pasted_only.probe = Some({
        let mut p = probe.clone();
        p["tls"]["chain_der_base64"] = serde_json::json!([]);
        p
    });
    let alone = diagnose(&pasted_only);
    assert_eq!(both.certificates, alone.certificates);
    let cert_findings = |r: &Report| -> Vec<String> {
        r.findings
            .iter()
            .filter(|f| f.evidence.starts_with("cert:"))
            .map(|f| format!("{} {:?}", f.evidence, f.span))
            .collect()
    };
    assert_eq!(cert_findings(&both), cert_findings(&alone));
    // Without `now` the dates are not judged.
    let mut undated = req(&[D904]);
    undated.probe = Some(probe);
    let r = diagnose(&undated);
    assert!(!r.findings.iter().any(|f| f.evidence == "cert:expired"));
    assert!(r.diagnostics.iter().any(|d| d.code == "now-missing"));
}

#[test]
fn probe_certificate_thumbprint_is_the_one_the_analysis_reports() {
    let pem = include_str!("fixtures/certs/expired-selfsigned.pem");
    let b64: String = pem.lines().filter(|l| !l.starts_with("-----")).collect();
    let a = engine::cert::analyze(pem, None, 0);
    assert_eq!(
        engine::cert::base64_thumbprint_sha1(&b64).as_deref(),
        Some(a.certificates[0].thumbprint_sha1.as_str())
    );
    assert_eq!(engine::cert::base64_thumbprint_sha1("not base64!"), None);
}

/// Odd but well-formed requests never panic and always give a distribution.
#[test]
fn odd_requests_never_panic() {
    let odd = [
        r#"{"answers": {"": ""}, "feedback": {"": "worked"}}"#,
        r#"{"feedback": {"renew-rdp-self-signed-cert": "worked", "connect-by-ip": "worked", "reset-network-stack": "failed"}}"#,
        r#"{"overlay": {"schema": "rdp-triage.overlay/1", "causes": [{"id": "x-y", "title": "t", "description": "d", "prior": 1e-300, "confirm": "c", "likelihoods": [{"evidence": "disc:0x904", "ratio": 1e300}]}]}, "texts": ["Error code: 0x904"]}"#,
        r#"{"overlay": {"schema": "rdp-triage.overlay/1", "causes": 5, "fixes": [null, 1, "x", {"id": 7}], "questions": [{"id": "q-q", "text": "?", "cost": -1, "options": []}]}}"#,
        r#"{"overlay": {"schema": "rdp-triage.overlay/1", "fixes": [{"id": "connect-by-ip", "causes": [{"cause": "dns-resolution", "p": 7}]}]}}"#,
        r#"{"probe": [1, 2, 3], "now": "9999-99-99T99:99:99Z", "host": "\u0000"}"#,
        r#"{"probe": {"schema": "rdp-triage.probe/1", "tcp": "nope"}, "certificates": ["", "-----BEGIN CERTIFICATE-----"]}"#,
        r#"{"texts": ["", "\u00e9\u00e9\u00e9 Error code: 0x", "Extended error code: 0xFFFFFFFFFFFF"], "answers": {"vpn": "dont-know", "tnc": "tcp-ok"}}"#,
    ];
    for (i, j) in odd.iter().enumerate() {
        let out = diagnose_json(j);
        let v: serde_json::Value =
            serde_json::from_str(&out).unwrap_or_else(|e| panic!("case {i}: {e}"));
        assert_eq!(v["schema"], "rdp-triage.report/1", "case {i}");
        if let Some(causes) = v["causes"].as_array() {
            if !causes.is_empty() {
                let sum: f64 = causes
                    .iter()
                    .map(|c| c["probability"].as_f64().unwrap_or(f64::NAN))
                    .sum();
                assert!((sum - 1.0).abs() < 1e-6, "case {i}: sum {sum}");
            }
        }
    }
}

/// An organisation can add its own question, cause and fix; the answer key declared by the
/// overlay question moves the overlay cause, and its fix comes first.
#[test]
fn overlay_question_cause_and_fix_work_together() {
    let mut q = req(&[D904]);
    q.overlay = Some(serde_json::json!({
        "schema": "rdp-triage.overlay/1",
        "questions": [{"id": "citrix-gateway", "text": "Do you connect through the Contoso Citrix gateway?", "cost": 0.2,
            "options": [{"id": "yes", "label": "Yes", "evidence": ["ans:contoso-citrix"], "base": 0.2},
                        {"id": "no", "label": "No", "evidence": ["ans:contoso-direct"], "base": 0.8},
                        {"id": "dont-know", "label": "Don't know"}]}],
        "causes": [{"id": "contoso-citrix-outage", "title": "Contoso Citrix gateway outage", "description": "d", "prior": 0.1, "confirm": "status page",
            "likelihoods": [{"evidence": "ans:contoso-citrix", "ratio": 40}, {"evidence": "ans:contoso-direct", "ratio": 0.01}, {"evidence": "disc:0x904", "ratio": 3}]}],
        "fixes": [{"id": "check-contoso-status", "title": "Check status.contoso.example", "causes": [{"cause": "contoso-citrix-outage", "p": 0.9}],
            "who": "end-user", "minutes": 1, "risk": "low", "privileges": "None", "steps": [{"text": "Open status.contoso.example"}], "verify": "Status is green."}]
    }));
    let before = diagnose(&q);
    assert!(
        before
            .diagnostics
            .iter()
            .all(|d| !d.code.starts_with("overlay-")),
        "{:?}",
        before.diagnostics
    );
    assert!(before
        .causes
        .iter()
        .any(|c| c.id == "contoso-citrix-outage"));
    q.answers.insert("citrix-gateway".into(), "yes".into());
    let after = diagnose(&q);
    assert_eq!(after.causes[0].id, "contoso-citrix-outage");
    assert_eq!(after.fixes[0].id, "check-contoso-status");
    assert_eq!(after.answered[0].id, "citrix-gateway");
}

#[test]
fn a_skipped_question_is_not_asked_again_and_gives_no_evidence() {
    let base = req(&[D904]);
    let first = diagnose(&base);
    let q = first
        .next_question
        .clone()
        .expect("0x904/0x7 alone leaves a question worth asking");
    let mut skipping = base.clone();
    skipping.skipped.insert(q.id.to_string());
    let after = diagnose(&skipping);
    assert_ne!(
        after.next_question.as_ref().map(|n| &n.id),
        Some(&q.id),
        "the skipped question comes back"
    );
    assert!(
        after.answered.iter().all(|a| a.id != q.id),
        "a skip is not an answer"
    );
    assert_eq!(
        after.skipped.iter().map(|s| &s.text).collect::<Vec<_>>(),
        vec![&q.text],
        "the skip is listed with its text"
    );
    assert_eq!(after.causes, first.causes, "skipping moves no belief");
    let mut unknown = base.clone();
    unknown.skipped.insert("no-such-question".into());
    let r = diagnose(&unknown);
    assert!(r
        .diagnostics
        .iter()
        .any(|d| d.code == "unknown-question" && d.message.contains("no-such-question")));
    assert_eq!(
        r.next_question.map(|n| n.id),
        Some(q.id),
        "an unknown skip changes nothing else"
    );
}

/// A probe that saw Standard RDP Security accept 40-bit RC4 (a low MinEncryptionLevel) makes a
/// security-layer / encryption-level mismatch a little more likely than the same probe without it.
#[test]
fn weak_legacy_encryption_from_the_probe_raises_security_layer_mismatch() {
    let probe = |weak: bool| {
        serde_json::json!({
            "schema": "rdp-triage.probe/1",
            "target": "srv01",
            "port": 3389,
            "rdp_security": {
                "methods": [
                    {"method": "40-bit", "accepted": weak},
                    {"method": "128-bit", "accepted": true}
                ]
            }
        })
    };
    let run = |weak: bool| {
        let mut r = req(&[D904]);
        r.probe = Some(probe(weak));
        diagnose(&r)
    };
    let (with, without) = (run(true), run(false));
    assert!(with
        .findings
        .iter()
        .any(|f| f.evidence == "probe:rdp-weak-encryption"));
    assert!(!without
        .findings
        .iter()
        .any(|f| f.evidence == "probe:rdp-weak-encryption"));
    let (a, b) = (
        p(&with, "security-layer-mismatch"),
        p(&without, "security-layer-mismatch"),
    );
    assert!(
        a > b,
        "security-layer-mismatch {a} (weak RC4 accepted) vs {b} (not)"
    );
}

#[test]
fn a_check_stays_in_the_plan_while_the_change_it_guards_is_there() {
    // 0x204 from this PC only: a DNS fault is unlikely and unconfirmed, yet flushing the DNS
    // cache stays in the plan (it also helps a broken network stack), so connecting by IP, the
    // check for a DNS fault, must stay there too, before it.
    let mut r = req(&[
        "Remote Desktop can't connect to the remote computer for one of these reasons:\n\nError code: 0x204\nExtended error code: 0x0",
        "Other machines can connect; this PC cannot reach any server.",
    ]);
    r.answers
        .insert("client-elsewhere".into(), "fails-everywhere".into());
    let out = diagnose(&r);
    let ids: Vec<&str> = out.fixes.iter().map(|f| &*f.id).collect();
    let change = ids.iter().position(|&f| f == "flush-dns-cache");
    let check = ids.iter().position(|&f| f == "connect-by-ip");
    assert!(change.is_some(), "{ids:?}");
    assert!(check.is_some() && check < change, "{ids:?}");
}

#[test]
fn the_server_software_question_is_not_asked_when_the_paste_names_the_server() {
    // "Windows Server 2008 R2" reads as an old Windows server (ctx:server:old-windows): which
    // server software it runs is answered already, so another question comes first.
    let out = diagnose(&req(&[
        "Error code: 0x904. The server is Windows Server 2008 R2.",
    ]));
    assert!(out
        .findings
        .iter()
        .any(|f| f.evidence == "ctx:server:old-windows"));
    let next = out.next_question.as_ref().map(|q| &*q.id);
    assert!(
        next.is_some() && next != Some("server-software"),
        "{next:?}"
    );
}
