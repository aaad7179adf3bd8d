//! Golden dump of every engine output: each group below runs the engine over the inputs we keep
//! in the repository (scenarios, text and certificate fixtures, knowledge examples, the fuzz
//! seed corpora of the JSON readers) and writes what it returned, one line per input, to a text
//! file; the test fails when that text differs from `engine/tests/golden/GROUP.txt`.
//!
//! Why: refactors of plumbing (JSON reading, maps, sorting, number printing) must not change
//! what the engine answers. `GOLDEN_BLESS=1 cargo test -p engine --test golden` rewrites the
//! files; review the diff before committing it.
#![cfg(not(target_arch = "wasm32"))]

use engine::redact::{self, RedactOptions};
use engine::render::{self, RenderOptions};
use engine::schema::{Report, Request};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// The reference "now" for certificate verdicts (the one `cert_fixtures.rs` uses).
const NOW: &str = "2026-06-01T00:00:00Z";

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

/// Sorted files of `dir` (relative to the engine crate) with one of `exts` (all when empty).
fn files(dir: &str, exts: &[&str]) -> Vec<PathBuf> {
    let Ok(rd) = std::fs::read_dir(root().join(dir)) else {
        return Vec::new();
    };
    let mut v: Vec<PathBuf> = rd
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .filter(|p| {
            exts.is_empty()
                || p.extension()
                    .and_then(|x| x.to_str())
                    .is_some_and(|x| exts.contains(&x))
        })
        .collect();
    v.sort();
    v
}

fn name(p: &Path) -> String {
    p.file_name()
        .unwrap_or_default()
        .to_string_lossy()
        .into_owned()
}

/// Reads a request the way the engine's own readers do (the public typed entry point).
fn request(text: &str) -> Request {
    engine::schema::from_json::<Request>(text).expect("request parses")
}

fn json<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_string(v).expect("serialises")
}

/// Compares `got` with the committed file of `group`, or rewrites it under `GOLDEN_BLESS=1`.
fn check(group: &str, got: &str) {
    let path = root().join("tests/golden").join(format!("{group}.txt"));
    if std::env::var("GOLDEN_BLESS").is_ok_and(|v| v == "1") {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, got).unwrap();
        return;
    }
    let want = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e} (run with GOLDEN_BLESS=1)", path.display()));
    if want != got {
        let (w, g): (Vec<_>, Vec<_>) = (want.lines().collect(), got.lines().collect());
        let mut shown = 0;
        let mut msg = String::new();
        for i in 0..w.len().max(g.len()) {
            let (a, b) = (w.get(i), g.get(i));
            if a != b && shown < 5 {
                shown += 1;
                let _ = writeln!(
                    msg,
                    "line {}:\n  want {:.400}\n  got  {:.400}",
                    i + 1,
                    a.unwrap_or(&"<none>"),
                    b.unwrap_or(&"<none>")
                );
            }
        }
        panic!(
            "golden {group} differs ({} vs {} lines):\n{msg}",
            w.len(),
            g.len()
        );
    }
}

/// The scenario cases: `(file stem, case name, request JSON text)`.
fn scenario_requests() -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    for p in files("tests/scenarios", &["json"]) {
        let v: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&p).unwrap()).unwrap();
        for c in v["cases"].as_array().unwrap() {
            out.push((
                name(&p),
                c["name"].as_str().unwrap_or_default().to_string(),
                c["request"].to_string(),
            ));
        }
    }
    out
}

/// The knowledge examples: `(kind/id#n, request)`.
fn knowledge_examples() -> Vec<(String, Request)> {
    let mut out = Vec::new();
    for (kind, id, _) in engine::kb::raw_files() {
        for (i, ex) in engine::kb::examples_of(kind, id).into_iter().enumerate() {
            out.push((format!("{kind}/{id}#{i}"), ex.request));
        }
    }
    out
}

#[test]
fn scenarios() {
    let mut out = String::new();
    for (file, case, text) in scenario_requests() {
        let report = engine::diagnose(&request(&text));
        let via_json = engine::rank::diagnose_json(&text);
        assert_eq!(json(&report), via_json, "{file} {case}");
        let _ = writeln!(out, "{file} {case}\t{via_json}");
    }
    check("scenarios", &out);
}

#[test]
fn knowledge() {
    let kb = engine::kb::builtin();
    let mut out = String::new();
    let _ = writeln!(out, "errors\t{}", json(&engine::kb::builtin_errors()));
    for c in &kb.causes {
        let _ = writeln!(out, "cause\t{}", json(c));
    }
    for q in &kb.questions {
        let _ = writeln!(out, "question\t{}", json(q));
    }
    for f in &kb.fixes {
        let _ = writeln!(out, "fix\t{}", json(f));
    }
    for (label, req) in knowledge_examples() {
        let _ = writeln!(out, "example {label}\t{}", json(&req));
        let _ = writeln!(out, "report {label}\t{}", json(&engine::diagnose(&req)));
    }
    check("knowledge", &out);
}

#[test]
fn text_fixtures() {
    let mut out = String::new();
    for p in files("tests/fixtures/text", &["txt"]) {
        let text = std::fs::read_to_string(&p).unwrap();
        let _ = writeln!(
            out,
            "{}\t{}",
            name(&p),
            json(&engine::analyze_text(&text, 0))
        );
    }
    check("text", &out);
}

#[test]
fn cert_fixtures() {
    let now = engine::time::parse_rfc3339(NOW).expect("reference time");
    let mut out = String::new();
    for p in files("tests/fixtures/certs", &[]) {
        let data = std::fs::read(&p).unwrap();
        for host in [None, Some("rdp.example.com")] {
            let a = match std::str::from_utf8(&data) {
                Ok(t) => engine::cert::analyze(t, host, now),
                Err(_) => engine::cert::analyze_bytes(&data, host, now),
            };
            let _ = writeln!(out, "{} {:?}\t{}", name(&p), host, json(&a));
        }
    }
    check("certs", &out);
}

/// Every report the repository's requests give, rendered as Markdown and for the terminal.
fn all_reports() -> Vec<(String, Report)> {
    let mut v: Vec<(String, Report)> = scenario_requests()
        .into_iter()
        .map(|(f, c, t)| (format!("{f} {c}"), engine::diagnose(&request(&t))))
        .collect();
    v.extend(
        knowledge_examples()
            .into_iter()
            .map(|(l, r)| (l, engine::diagnose(&r))),
    );
    v
}

#[test]
fn rendering() {
    let mut out = String::new();
    let redacting = RenderOptions {
        redact_ips: true,
        redact_terms: vec!["example".into(), "contoso".into()],
        max_causes: 2,
        max_fixes: 2,
        include_findings: false,
    };
    for (label, r) in all_reports() {
        let _ = writeln!(out, "## markdown {label}");
        out.push_str(&render::to_markdown(&r, &RenderOptions::default()));
        let _ = writeln!(out, "\n## markdown-redacting {label}");
        out.push_str(&render::to_markdown(&r, &redacting));
        let _ = writeln!(out, "\n## terminal {label}");
        out.push_str(&render::to_terminal(&r));
        out.push('\n');
    }
    check("render", &out);
}

#[test]
fn share_links() {
    let mut out = String::new();
    let mut reqs: Vec<(String, Request)> = scenario_requests()
        .into_iter()
        .map(|(f, c, t)| (format!("{f} {c}"), request(&t)))
        .collect();
    reqs.extend(knowledge_examples());
    for (label, req) in reqs {
        let link = engine::share::encode_request(&req);
        let back = engine::share::decode_request(&link).expect("own link decodes");
        assert_eq!(engine::share::encode_request(&back), link, "{label}");
        let _ = writeln!(out, "{label}\t{link}\t{}", json(&back));
    }
    for bad in ["", "!!!", "AAAA", "#r=", "r=eJw", "%%%%"] {
        let _ = writeln!(
            out,
            "bad {bad:?}\t{:?}",
            engine::share::decode_request(bad).map(|r| json(&r))
        );
    }
    check("share", &out);
}

#[test]
fn redaction() {
    let mut out = String::new();
    let mut texts: Vec<(String, String)> = files("tests/fixtures/text", &["txt"])
        .into_iter()
        .map(|p| (name(&p), std::fs::read_to_string(&p).unwrap()))
        .collect();
    for p in files("tests/fixtures/certs", &["pem", "txt"]) {
        texts.push((name(&p), std::fs::read_to_string(&p).unwrap_or_default()));
    }
    for (label, t) in &texts {
        let _ = writeln!(
            out,
            "secrets {label}\t{}",
            json(&redact::looks_like_secret(t))
        );
        let _ = writeln!(out, "spans {label}\t{:?}", redact::secret_spans(t, 3));
        for (o, opts) in [
            ("all", RedactOptions::default()),
            (
                "host",
                RedactOptions::all_except_host(Some("rdp01.contoso.com")),
            ),
            ("secrets", RedactOptions::secrets_only()),
        ] {
            let _ = writeln!(out, "{o} {label}\t{}", json(&redact::redact(t, &opts)));
        }
    }
    let opts = RedactOptions::all_except_host(Some("rdp01.contoso.com"));
    for (label, r) in all_reports().into_iter().take(scenario_requests().len()) {
        let _ = writeln!(
            out,
            "report {label}\t{}",
            json(&redact::redact_report(&r, &opts))
        );
    }
    for (f, c, t) in scenario_requests() {
        let req = request(&t);
        let _ = writeln!(
            out,
            "request {f} {c}\t{}",
            json(&redact::redact_request(&req, &opts))
        );
    }
    check("redact", &out);
}

/// The parts of a report JSON that the probe and overlay readers change: evidence keys, cause
/// IDs with probabilities, fix IDs and the diagnostics.
fn summary(report_json: &str) -> String {
    let v: serde_json::Value = serde_json::from_str(report_json).expect("report JSON");
    let ids = |k: &str, with_p: bool| -> Vec<String> {
        v[k].as_array()
            .map(|a| {
                a.iter()
                    .map(|x| match with_p {
                        true => format!("{}={}", x["id"].as_str().unwrap_or(""), x["probability"]),
                        false => x["id"].as_str().unwrap_or("").to_string(),
                    })
                    .collect()
            })
            .unwrap_or_default()
    };
    let evidence: Vec<&str> = v["findings"]
        .as_array()
        .map(|a| a.iter().filter_map(|f| f["evidence"].as_str()).collect())
        .unwrap_or_default();
    format!(
        "findings {evidence:?} causes {:?} fixes {:?} next {} diagnostics {}",
        ids("causes", true),
        ids("fixes", false),
        v["next_question"]["id"],
        v["diagnostics"]
    )
}

/// The JSON readers on the seed corpora of their fuzz targets (valid and broken requests, probe
/// reports, overlays, raw JSON): the report, or the diagnostic that names what was wrong.
#[test]
fn json_readers() {
    let mut out = String::new();
    for dir in ["request_json", "probe_json", "json"] {
        for p in files(&format!("../fuzz/corpus/{dir}"), &[]) {
            let text = String::from_utf8_lossy(&std::fs::read(&p).unwrap()).into_owned();
            let _ = writeln!(
                out,
                "{dir}/{}\t{}",
                name(&p),
                engine::rank::diagnose_json(&text)
            );
            // The same text as a probe report and as an overlay inside a request.
            for field in ["probe", "overlay"] {
                let wrapped = format!("{{\"texts\":[\"0x904\"],\"{field}\":{text}}}");
                let _ = writeln!(
                    out,
                    "{dir}/{} as {field}\t{}",
                    name(&p),
                    summary(&engine::rank::diagnose_json(&wrapped))
                );
            }
        }
    }
    // Hand-made bad requests whose messages must keep naming what was wrong.
    for bad in [
        "",
        "[]",
        "{",
        "{\"texts\": [\"a\", \"b\", 3]}",
        "{\"texts\": \"one\"}",
        "{\"answers\": {\"q\": 1}}",
        "{\"feedback\": {\"f\": \"maybe\"}}",
        "{\"skipped\": [1]}",
        "{\"host\": 5}",
        "{\"texts\": [\"x\"], \"certificates\": [null]}",
        "{\"texts\": [\"x\"],}",
        "{\"texts\": [\"\\ud800\"]}",
        "nul",
        "{\"texts\": [\"x\"]} trailing",
        "{\"probe\": {\"schema\": \"rdp-triage.probe/1\", \"target\": 4}}",
        "{\"probe\": {\"schema\": \"rdp-triage.probe/9\"}}",
        "{\"overlay\": {\"schema\": \"rdp-triage.overlay/1\", \"causes\": [{\"id\": 3}]}}",
        "{\"overlay\": {\"schema\": \"rdp-triage.overlay/2\"}}",
        "{\"now\": \"yesterday\", \"texts\": [\"0x904\"]}",
    ] {
        let _ = writeln!(out, "bad {bad:?}\t{}", engine::rank::diagnose_json(bad));
    }
    check("json_readers", &out);
}
