//! Every schema type survives serde's writer and the engine's JSON reader unchanged: for each
//! request of the scenario suite, each text and certificate fixture, the probe seeds, the
//! knowledge files and the code catalog, the value is written with `serde_json::to_string`,
//! read back with `engine::json::from_str` and written again, and the two texts must be
//! byte-identical (and the values equal).

use engine::json::FromJson;
use serde::Serialize;
use std::fmt::Debug;
use std::path::{Path, PathBuf};

fn round_trip<T: Serialize + FromJson + PartialEq + Debug>(what: &str, v: &T) {
    let a = serde_json::to_string(v).expect("serialises");
    let back: T = engine::json::from_str(&a).unwrap_or_else(|e| panic!("{what}: {e}\n{a:.300}"));
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
        let v = engine::json::parse(&std::fs::read_to_string(&p).expect("read")).expect("json");
        for case in v.get("cases").and_then(|c| c.as_array()).expect("cases") {
            let req = engine::Request::from_json(case.get("request").expect("request"))
                .unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            round_trip("request", &req);
            let rep = engine::diagnose(&req);
            round_trip("report", &rep);
            round_trip(
                "redacted request",
                &engine::redact::redact_request(&req, &Default::default()),
            );
            if let Some(probe) = &req.probe {
                if let Ok(r) = engine::probe::ProbeReport::from_json(probe) {
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
        if let Ok(r) = engine::json::from_str::<engine::probe::ProbeReport>(&text) {
            round_trip(&p.display().to_string(), &r);
            typed += 1;
        }
        if let Ok(v) = engine::json::parse(&text) {
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
