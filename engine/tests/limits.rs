//! The request caps of `engine::limits`: each cap cuts or drops exactly what is over it, says so
//! in a warning diagnostic with the numbers, and loses nothing else; text cuts land on char
//! boundaries; hostile nesting (100k `[`) gives a report, not a stack overflow.

use engine::limits::*;
use engine::rank::{diagnose, diagnose_json, diagnose_with};
use engine::schema::{FixOutcome, Request};
use engine::{Diagnostic, Report};
use serde_json::json;
use serde_json::Value;
use std::path::Path;

const D904: &str = "Error code: 0x904\nExtended error code: 0x7\n";

fn codes(d: &[Diagnostic]) -> Vec<&str> {
    d.iter().map(|x| x.code.as_str()).collect()
}

fn limit_diags(r: &Report) -> Vec<&Diagnostic> {
    r.diagnostics
        .iter()
        .filter(|d| d.code.starts_with("limit-"))
        .collect()
}

fn has_key(r: &Report, key: &str) -> bool {
    r.findings.iter().any(|f| f.evidence == key)
}

fn fixture(rel: &str) -> String {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join(rel);
    String::from_utf8_lossy(&std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display())))
        .into_owned()
}

fn probe_value() -> Value {
    serde_json::from_str::<Value>(&fixture("../fuzz/corpus/probe_json/nla-required-2.json"))
        .expect("probe seed is JSON")
}

fn nested(depth: usize) -> Value {
    let mut v = json!(1);
    for _ in 0..depth {
        v = Value::Array(vec![v]);
    }
    v
}

/// `v` with member `key` set to `x`.
fn with(mut v: Value, key: &str, x: Value) -> Value {
    v.as_object_mut().expect("an object").insert(key.into(), x);
    v
}

/// Drops a deep value without the recursive destructor (test helper).
fn drop_deep(v: Value) {
    let mut stack = vec![v];
    while let Some(v) = stack.pop() {
        if let Value::Array(a) = v {
            stack.extend(a);
        }
    }
}

#[test]
fn a_request_within_the_caps_is_untouched() {
    let mut req = Request {
        texts: vec![D904.into(), "after the update, on VPN".into()],
        certificates: vec![fixture("tests/fixtures/certs/chain-valid.pem")],
        probe: Some(probe_value()),
        host: Some("srv-app01".into()),
        now: Some("2026-11-21T09:00:00Z".into()),
        ..Request::default()
    };
    req.answers.insert("other-users".into(), "nobody".into());
    req.feedback
        .insert("connect-by-ip".into(), FixOutcome::Failed);
    assert!(!exceeds_limits(&req));
    let before = req.clone();
    assert!(apply_limits(&mut req).is_empty());
    assert_eq!(req, before);
    let limited = diagnose(&req);
    let raw = diagnose_with(&req, engine::kb::builtin());
    assert_eq!(
        serde_json::to_string(&limited).unwrap(),
        serde_json::to_string(&raw).unwrap()
    );
}

#[test]
fn an_oversized_text_is_cut_on_a_char_boundary_and_keeps_its_start() {
    // Multi-byte filler so the cap falls inside a character; no line breaks near the cap.
    let mut t = String::from(D904);
    while t.len() <= MAX_TEXT_BYTES + 4000 {
        t.push_str("é€😀ab");
    }
    t.push_str("\nERRCONNECT_TLS_CONNECT_FAILED\n");
    let full = t.len();
    let mut req = Request {
        texts: vec![t],
        ..Request::default()
    };
    assert!(exceeds_limits(&req));
    let d = apply_limits(&mut req);
    assert_eq!(codes(&d), ["limit-text-size"]);
    let kept = &req.texts[0];
    assert!(
        kept.len() <= MAX_TEXT_BYTES && kept.len() > MAX_TEXT_BYTES - 8,
        "kept {}",
        kept.len()
    );
    assert!(kept.starts_with(D904));
    assert!(
        d[0].message.contains("Pasted text 1") && d[0].message.contains("16.0 MB"),
        "{}",
        d[0].message
    );
    assert!(
        d[0].message
            .contains(&format!("{:.1} KB", (full - kept.len()) as f64 / 1024.0)),
        "{}",
        d[0].message
    );
}

#[test]
fn cut_prefix_never_splits_a_char() {
    let s = "ä😀€x\n".repeat(300);
    for max in 0..s.len() + 3 {
        let c = cut_prefix(&s, max);
        assert!(s.starts_with(c));
        assert!(c.len() <= max || (c.len() == s.len() && max >= s.len()));
        assert!(s.is_char_boundary(c.len()));
    }
}

#[test]
fn too_many_texts_keeps_the_first_ones_with_their_item_numbers() {
    let mut texts: Vec<String> = (0..MAX_TEXTS + 5).map(|i| format!("note {i}")).collect();
    texts[MAX_TEXTS - 1] = D904.into(); // the last one kept
    texts[MAX_TEXTS] = "ERRCONNECT_TLS_CONNECT_FAILED".into(); // the first one dropped
    let r = diagnose(&Request {
        texts,
        ..Request::default()
    });
    let lim = limit_diags(&r);
    assert_eq!(lim.len(), 1, "{lim:?}");
    assert_eq!(lim[0].code, "limit-texts");
    assert!(
        lim[0].message.contains("first 64") && lim[0].message.contains("5 more"),
        "{}",
        lim[0].message
    );
    assert_eq!(
        r.diagnostics[0].code, "limit-texts",
        "limit notes come first"
    );
    let f = r
        .findings
        .iter()
        .find(|f| f.evidence == "disc:0x904")
        .expect("text 64 was read");
    assert_eq!(f.span.map(|s| s.item), Some(MAX_TEXTS - 1));
    assert!(
        !has_key(&r, "freerdp:ERRCONNECT_TLS_CONNECT_FAILED"),
        "text 65 was dropped"
    );
}

#[test]
fn the_total_cap_cuts_the_text_that_crosses_it_and_drops_the_rest() {
    let big = "x".repeat(MAX_TOTAL_TEXT_BYTES / 2 + 1000);
    let mut req = Request {
        texts: vec![big.clone(), big, D904.into(), "more".into()],
        ..Request::default()
    };
    let d = apply_limits(&mut req);
    assert_eq!(codes(&d), ["limit-total-text", "limit-total-text"], "{d:?}");
    assert_eq!(req.texts.len(), 2, "items 3 and 4 dropped");
    assert_eq!(
        req.texts[0].len(),
        MAX_TOTAL_TEXT_BYTES / 2 + 1000,
        "the first is whole"
    );
    assert_eq!(
        req.texts[0].len() + req.texts[1].len(),
        MAX_TOTAL_TEXT_BYTES
    );
    assert!(d[1].message.contains("items 3 to 4"), "{}", d[1].message);
}

#[test]
fn certificate_inputs_are_capped_by_count_and_size() {
    let pem = fixture("tests/fixtures/certs/leaf-only.pem");
    // Count: the 17th input is dropped.
    let mut req = Request {
        certificates: vec![pem.clone(); MAX_CERT_INPUTS + 1],
        ..Request::default()
    };
    let d = apply_limits(&mut req);
    assert_eq!(codes(&d), ["limit-cert-inputs"]);
    assert_eq!(req.certificates.len(), MAX_CERT_INPUTS);
    // Size, PEM: whole blocks that fit are kept.
    let mut big = String::new();
    while big.len() <= MAX_CERT_INPUT_BYTES {
        big.push_str(&pem);
        big.push('\n');
    }
    let mut req = Request {
        certificates: vec![big.clone(), pem.clone()],
        now: Some("2026-11-21T09:00:00Z".into()),
        ..Request::default()
    };
    let d = apply_limits(&mut req);
    assert_eq!(codes(&d), ["limit-cert-size"]);
    assert!(
        req.certificates[0].ends_with("-----END CERTIFICATE-----")
            && req.certificates[0].len() <= MAX_CERT_INPUT_BYTES
    );
    assert_eq!(req.certificates[1], pem, "the next input is untouched");
    // Size, not PEM: dropped, the others kept.
    let blob = "A".repeat(MAX_CERT_INPUT_BYTES + 1);
    let r = diagnose(&Request {
        certificates: vec![blob, pem],
        now: Some("2026-11-21T09:00:00Z".into()),
        ..Request::default()
    });
    let lim = limit_diags(&r);
    assert_eq!(lim.len(), 1);
    assert!(
        lim[0].message.contains("Certificate input 1") && lim[0].message.contains("dropped"),
        "{}",
        lim[0].message
    );
    assert_eq!(r.certificates.len(), 1, "the PEM input was still read");
}

#[test]
fn certificates_per_input_and_per_request_are_capped() {
    let bundle = fixture("tests/fixtures/certs/huge-bundle.pem");
    assert!(bundle.matches("BEGIN CERTIFICATE").count() > MAX_CERTS_PER_INPUT);
    let one = diagnose(&Request {
        certificates: vec![bundle.clone()],
        ..Request::default()
    });
    assert_eq!(
        one.certificates.len(),
        MAX_CERTS_PER_INPUT,
        "the certificate reader caps one input"
    );
    let r = diagnose(&Request {
        certificates: vec![bundle; 3],
        ..Request::default()
    });
    assert_eq!(r.certificates.len(), MAX_CERTS_PER_REQUEST);
    let lim = limit_diags(&r);
    assert!(
        lim.iter().any(|d| d.code == "limit-certs"
            && d.message.contains(&format!(
                "{} more",
                3 * MAX_CERTS_PER_INPUT - MAX_CERTS_PER_REQUEST
            ))),
        "{lim:?}"
    );
}

#[test]
fn probe_json_over_the_depth_or_size_cap_is_not_used_and_nothing_else_is_lost() {
    let ok = probe_value();
    let base = diagnose(&Request {
        texts: vec![D904.into()],
        probe: Some(ok.clone()),
        ..Request::default()
    });
    let probe_keys: Vec<String> = base
        .findings
        .iter()
        .filter(|f| f.evidence.starts_with("probe:"))
        .map(|f| f.evidence.clone())
        .collect();
    assert!(
        !probe_keys.is_empty(),
        "the seed probe report yields findings"
    );

    // Unknown fields are ignored by the typed parse, so only the cap can refuse these.
    let shallow = with(ok.clone(), "extra", nested(MAX_JSON_DEPTH - 2));
    let r = diagnose(&Request {
        texts: vec![D904.into()],
        probe: Some(shallow),
        ..Request::default()
    });
    assert!(limit_diags(&r).is_empty() && has_key(&r, &probe_keys[0]));

    let deep = with(ok.clone(), "extra", nested(MAX_JSON_DEPTH + 5));
    let r = diagnose(&Request {
        texts: vec![D904.into()],
        probe: Some(deep),
        ..Request::default()
    });
    assert_eq!(
        limit_diags(&r)
            .iter()
            .map(|d| d.code.as_str())
            .collect::<Vec<_>>(),
        ["limit-probe-depth"]
    );
    assert!(!r.findings.iter().any(|f| f.evidence.starts_with("probe:")));
    assert!(has_key(&r, "disc:0x904"), "the text was still read");

    let big = with(ok, "extra", Value::String("x".repeat(MAX_PROBE_JSON_BYTES)));
    let r = diagnose(&Request {
        texts: vec![D904.into()],
        probe: Some(big),
        ..Request::default()
    });
    let lim = limit_diags(&r);
    assert_eq!(lim.len(), 1);
    assert_eq!(lim[0].code, "limit-probe-size");
    assert!(lim[0].message.contains("1.0 MB"), "{}", lim[0].message);
    assert!(has_key(&r, "disc:0x904"));
}

#[test]
fn overlay_over_the_caps_is_not_used() {
    let r = diagnose(&Request {
        texts: vec![D904.into()],
        overlay: Some(with(
            json!({"schema": "rdp-triage.overlay/1"}),
            "x",
            nested(MAX_JSON_DEPTH + 1),
        )),
        ..Request::default()
    });
    assert_eq!(limit_diags(&r)[0].code, "limit-overlay-depth");
    let r = diagnose(&Request {
        overlay: Some(
            json!({"schema": "rdp-triage.overlay/1", "x": "y".repeat(MAX_OVERLAY_JSON_BYTES)}),
        ),
        ..Request::default()
    });
    assert_eq!(limit_diags(&r)[0].code, "limit-overlay-size");
}

#[test]
fn a_programmatic_value_nested_100k_deep_is_refused_without_recursion() {
    let mut req = Request {
        texts: vec![D904.into()],
        probe: Some(nested(100_000)),
        overlay: Some(nested(100_000)),
        ..Request::default()
    };
    assert!(exceeds_limits(&req));
    let d = apply_limits(&mut req);
    assert_eq!(codes(&d), ["limit-probe-depth", "limit-overlay-depth"]);
    assert!(req.probe.is_none() && req.overlay.is_none());
    // And through diagnose, borrowing the request (the caller keeps and drops its own value).
    let req = Request {
        probe: Some(nested(100_000)),
        ..Request::default()
    };
    let r = diagnose(&req);
    assert_eq!(limit_diags(&r)[0].code, "limit-probe-depth");
    if let Some(v) = req.probe {
        drop_deep(v);
    }
}

#[test]
fn deeply_nested_request_json_gives_a_report_not_a_crash() {
    let top = diagnose_json(&"[".repeat(100_000));
    let r: Report = engine::schema::from_json(&top).expect("a report");
    assert_eq!(codes(&r.diagnostics), ["request-invalid-json"]);
    for json in [
        format!("{{\"probe\":{}", "[".repeat(100_000)),
        format!(
            "{{\"overlay\":{}1{}}}",
            "{\"a\":".repeat(100_000),
            "}".repeat(100_000)
        ),
        format!(
            "{{\"texts\":[\"x\"],\"probe\":{}{}}}",
            "[".repeat(200),
            "]".repeat(200)
        ),
    ] {
        let out = diagnose_json(&json);
        let r: Report = engine::schema::from_json(&out).expect("a report");
        assert_eq!(r.schema, "rdp-triage.report/1");
        assert_eq!(r.diagnostics.len(), 1, "{:?}", r.diagnostics);
        assert_eq!(r.diagnostics[0].code, "request-invalid-json");
        assert!(
            r.diagnostics[0]
                .message
                .contains("recursion limit exceeded"),
            "{}",
            r.diagnostics[0].message
        );
    }
    // Nesting the parser accepts but the probe cap refuses.
    let out = diagnose_json(&format!("{{\"texts\":[\"Error code: 0x904\"],\"probe\":{{\"schema\":\"rdp-triage.probe/1\",\"x\":{}1{}}}}}", "[".repeat(60), "]".repeat(60)));
    let r: Report = engine::schema::from_json(&out).expect("a report");
    assert_eq!(r.diagnostics[0].code, "limit-probe-depth");
    assert!(has_key(&r, "disc:0x904"));
}

#[test]
fn request_json_over_the_size_cap_is_refused_before_parsing() {
    let mut json = String::from("{\"texts\":[\"");
    json.push_str(&" ".repeat(MAX_REQUEST_JSON_BYTES));
    json.push_str("\"]}");
    let r: Report = engine::schema::from_json(&diagnose_json(&json)).expect("a report");
    assert_eq!(codes(&r.diagnostics), ["limit-request-size"]);
    assert!(
        r.diagnostics[0].message.contains("64.0 MB"),
        "{}",
        r.diagnostics[0].message
    );
}

#[test]
fn answers_feedback_and_ids_are_capped() {
    let mut req = Request::default();
    for i in 0..MAX_ANSWERS + 10 {
        req.answers.insert(format!("q{i:04}"), "x".into());
    }
    req.answers.insert("other-users".into(), "nobody".into());
    req.answers.insert("q".repeat(MAX_ID_BYTES + 1), "x".into());
    for i in 0..MAX_FEEDBACK + 3 {
        req.feedback.insert(format!("f{i:04}"), FixOutcome::Failed);
    }
    let d = apply_limits(&mut req);
    assert_eq!(
        codes(&d),
        ["limit-id-length", "limit-answers", "limit-feedback"],
        "{d:?}"
    );
    assert_eq!(req.answers.len(), MAX_ANSWERS);
    assert_eq!(req.feedback.len(), MAX_FEEDBACK);
    assert!(
        req.answers.contains_key("other-users"),
        "kept in ID order: 'o' sorts before 'q'"
    );
    assert!(d[1].message.contains("11 more"), "{}", d[1].message);
    assert!(d[2].message.contains("3 more"), "{}", d[2].message);
}

#[test]
fn overlong_host_and_now_are_ignored_with_a_note() {
    let mut req = Request {
        texts: vec![D904.into()],
        host: Some("a".repeat(MAX_HOST_BYTES + 1)),
        now: Some("2".repeat(MAX_NOW_BYTES + 1)),
        ..Request::default()
    };
    let d = apply_limits(&mut req);
    assert_eq!(codes(&d), ["limit-host-length", "limit-now-length"]);
    assert!(req.host.is_none() && req.now.is_none());
    assert_eq!(req.texts, vec![D904.to_string()]);
    let ok = Request {
        host: Some("a".repeat(MAX_HOST_BYTES)),
        now: Some("2026-11-21T09:00:00Z".into()),
        ..Request::default()
    };
    assert!(!exceeds_limits(&ok));
}

#[test]
fn report_lists_are_capped() {
    let finding = engine::Finding {
        evidence: "hint:vpn".into(),
        strength: engine::Strength::Soft,
        origin: engine::finding::Origin::Text,
        title: "t".into(),
        detail: "d".into(),
        source: None,
        span: None,
    };
    let mut r = Report {
        findings: vec![finding; MAX_FINDINGS + 7],
        diagnostics: vec![Diagnostic::new(engine::Severity::Info, "x", "y"); MAX_DIAGNOSTICS + 50],
        ..Report::default()
    };
    let d = limit_report(&mut r);
    assert_eq!(codes(&d), ["limit-findings", "limit-diagnostics"]);
    assert_eq!(r.findings.len(), MAX_FINDINGS);
    assert_eq!(r.diagnostics.len() + d.len(), MAX_DIAGNOSTICS);
    assert!(d[0].message.contains("7 more"));
}

/// `exceeds_limits` (the cheap check) agrees with `apply_limits` on requests near every cap.
#[test]
fn the_cheap_check_agrees_with_apply() {
    let pem = fixture("tests/fixtures/certs/leaf-only.pem");
    let cases: Vec<Request> = vec![
        Request::default(),
        Request {
            texts: vec!["a".repeat(MAX_TEXT_BYTES)],
            ..Request::default()
        },
        Request {
            texts: vec!["a".repeat(MAX_TEXT_BYTES + 1)],
            ..Request::default()
        },
        Request {
            texts: vec![String::new(); MAX_TEXTS],
            ..Request::default()
        },
        Request {
            texts: vec![String::new(); MAX_TEXTS + 1],
            ..Request::default()
        },
        Request {
            certificates: vec![pem.clone(); MAX_CERT_INPUTS],
            ..Request::default()
        },
        Request {
            certificates: vec![pem; MAX_CERT_INPUTS + 1],
            ..Request::default()
        },
        Request {
            probe: Some(nested(MAX_JSON_DEPTH)),
            ..Request::default()
        },
        Request {
            probe: Some(nested(MAX_JSON_DEPTH + 1)),
            ..Request::default()
        },
        Request {
            host: Some("h".repeat(MAX_HOST_BYTES + 1)),
            ..Request::default()
        },
    ];
    for (i, c) in cases.into_iter().enumerate() {
        let over = exceeds_limits(&c);
        let mut m = c.clone();
        let d = apply_limits(&mut m);
        assert_eq!(over, !d.is_empty(), "case {i}: {d:?}");
        assert_eq!(over, m != c, "case {i}");
    }
}
