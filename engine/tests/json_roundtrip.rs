//! Every schema type survives its own JSON writer and reader unchanged (the derived `Serialize`
//! and `Deserialize` agree on names, defaults and skipped fields): for each request of the
//! scenario suite, each text and certificate fixture, the probe seeds, the knowledge files and
//! the code catalog, the value is written with `serde_json::to_string`, read back with
//! `serde_json::from_str` and written again, and the two texts must be byte-identical (and
//! the values equal). Then: a request that cannot be read gets an error that names the field.

use serde::de::DeserializeOwned;
use serde::Serialize;
use std::fmt::Debug;
use std::path::{Path, PathBuf};

fn round_trip<T: Serialize + DeserializeOwned + PartialEq + Debug>(what: &str, v: &T) {
    let a = serde_json::to_string(v).expect("serialises");
    let back: T = serde_json::from_str(&a).unwrap_or_else(|e| panic!("{what}: {e}\n{a:.300}"));
    let b = serde_json::to_string(&back).expect("serialises");
    assert_eq!(a, b, "{what}");
    assert_eq!(&back, v, "{what}");
}

fn files(dir: &str) -> Vec<PathBuf> {
    let d = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let mut v: Vec<PathBuf> = std::fs::read_dir(&d)
        .unwrap_or_else(|e| panic!("{}: {e}", d.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .collect();
    v.sort();
    v
}

#[test]
fn scenario_requests_and_their_reports_round_trip() {
    let mut n = 0;
    for p in files("tests/scenarios") {
        if p.extension().is_none_or(|x| x != "json") {
            continue;
        }
        let v: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&p).expect("read")).expect("json");
        for case in v.get("cases").and_then(|c| c.as_array()).expect("cases") {
            let req: engine::Request =
                engine::schema::from_value(case.get("request").expect("request"))
                    .unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            round_trip("request", &req);
            let rep = engine::diagnose(&req);
            round_trip("report", &rep);
            round_trip(
                "redacted request",
                &engine::redact::redact_request(&req, &Default::default()),
            );
            if let Some(probe) = &req.probe {
                if let Ok(r) = engine::schema::from_value::<engine::probe::ProbeReport>(probe) {
                    round_trip("probe in a scenario", &r);
                }
            }
            n += 1;
        }
    }
    assert!(n >= 20, "only {n} scenario cases");
}

#[test]
fn fixture_analyses_round_trip() {
    for dir in ["tests/fixtures/text", "tests/fixtures/certs"] {
        for p in files(dir) {
            let bytes = std::fs::read(&p).expect("read");
            let text = String::from_utf8_lossy(&bytes);
            let what = p.display().to_string();
            round_trip(&what, &engine::analyze_text(&text, 3));
            round_trip(
                &what,
                &engine::cert::analyze_bytes(&bytes, Some("srv-app01.corp.example"), 1_795_000_000),
            );
            round_trip(&what, &engine::redact::secret_spans(&text, 0));
        }
    }
}

#[test]
fn probe_seeds_round_trip() {
    let mut typed = 0;
    for p in files("../fuzz/corpus/probe_json") {
        let text = String::from_utf8_lossy(&std::fs::read(&p).expect("read")).into_owned();
        if let Ok(r) = engine::schema::from_json::<engine::probe::ProbeReport>(&text) {
            round_trip(&p.display().to_string(), &r);
            typed += 1;
        }
        if let Ok(v) = serde_json::from_str::<serde_json::Value>(&text) {
            round_trip(&p.display().to_string(), &v);
        }
    }
    assert!(typed >= 5, "{typed}");
}

#[test]
fn knowledge_catalog_and_options_round_trip() {
    let kb = engine::kb::builtin();
    for c in &kb.causes {
        round_trip(&c.id, c);
    }
    for f in &kb.fixes {
        round_trip(&f.id, f);
    }
    for q in &kb.questions {
        round_trip(&q.id, q);
    }
    for e in engine::catalog::all() {
        round_trip(&e.name, e);
        round_trip(&e.name, &engine::catalog::decode(e.space, e.code));
    }
    round_trip(
        "unknown code",
        &engine::catalog::decode(engine::catalog::CodeSpace::Disconnect, 0xFFFF),
    );
    round_trip(
        "options",
        &engine::redact::RedactOptions::all_except_host(Some("srv")),
    );
    round_trip("options", &engine::redact::RedactOptions::secrets_only());
}

/// The request reader's errors say which field was wrong (a wrong type or value), or where in
/// the text (a syntax error).
#[test]
fn unreadable_requests_name_the_field() {
    let err = |text: &str| engine::schema::from_json::<engine::Request>(text).unwrap_err();
    let e = err(r#"{"texts": ["a", "b", 3]}"#);
    assert!(
        e.starts_with("texts[2]: invalid type: integer `3`, expected a string"),
        "{e}"
    );
    let e = err(r#"{"answers": {"q": 1}}"#);
    assert!(e.starts_with("answers.q: invalid type: integer `1`"), "{e}");
    let e = err(r#"{"feedback": {"fix-a": "maybe"}}"#);
    assert!(
        e.starts_with("feedback.fix-a: unknown variant `maybe`"),
        "{e}"
    );
    assert!(e.contains("`failed`, `worked`, `skipped`"), "{e}");
    let e = err(r#"{"texts": ["x"],}"#);
    assert!(e.contains("trailing comma at line 1 column 17"), "{e}");
    let e = err(r#"{"texts": ["x"]} more"#);
    assert!(e.contains("trailing characters at line 1 column 18"), "{e}");
    let e = err("[]");
    assert_eq!(e, "invalid type: sequence, expected an object {…}");
    let e = err(" [1");
    assert!(
        e.contains("EOF while parsing a list at line 1 column 3"),
        "{e}"
    );
    // Unknown fields are ignored (a newer client may send more), and every field may be missing.
    let r: engine::Request =
        engine::schema::from_json(r#"{"texts": ["x"], "future": {"a": 1}}"#).expect("reads");
    assert_eq!(r.texts, ["x"]);
    assert!(engine::schema::from_json::<engine::Request>("{}").is_ok());
    // The whole-request path turns the error into a diagnostic that keeps the path.
    let out = engine::rank::diagnose_json(r#"{"texts": ["a", "b", 3]}"#);
    assert!(out.contains("request-invalid-json"), "{out}");
    assert!(out.contains("texts[2]: invalid type"), "{out}");
    // Nesting beyond serde_json's limit is an error, not a stack overflow.
    let deep = format!(
        "{{\"probe\": {}{}}}",
        "[".repeat(200_000),
        "]".repeat(200_000)
    );
    let e = err(&deep);
    assert!(
        e.starts_with("recursion limit exceeded at line 1 column 137"),
        "{e:.200}"
    );
}
