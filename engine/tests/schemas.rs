//! The published JSON Schemas in `schemas/` (request, report, probe report, fleet line,
//! overlay): generated here from the engine's own types (`schemars` derives next to the serde
//! ones), checked to be current, and used to validate what the engine reads and writes — every
//! scenario request and its report, every knowledge example and its report, reports for the
//! text and certificate fixtures, the probe reports inside them, the fuzz seed corpora, the
//! built-in knowledge as an overlay — and to refuse deliberately wrong documents.
//!
//! Refresh after changing a type: `SCHEMAS_BLESS=1 cargo test -p engine --test schemas`, then
//! commit `schemas/`. (Fleet lines written by `rdp-probe` are validated in
//! `probe-helper/tests/schemas.rs`.)
#![cfg(not(target_arch = "wasm32"))]

mod schema_check;
use engine::fleet::{FleetLine, FLEET_LINE_SCHEMA};
use engine::kb::{Cause, Fix, Question, OVERLAY_SCHEMA};
use engine::probe::{ProbeReport, PROBE_SCHEMA};
use engine::schema::{Report, Request, REPORT_SCHEMA, REQUEST_SCHEMA};
use schemars::generate::SchemaSettings;
use schemars::JsonSchema;
use serde_json::{json, Map, Value};
use std::path::{Path, PathBuf};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// `$id` of a schema version (a URN: the schemas are files in the repository, not a web site).
fn id_of(version: &str) -> String {
    format!("urn:rdp-triage:schema:{version}")
}

/// Root schema of `T` with `$id`, `title` (the version string) and a description.
/// `serialize`: the shape the engine writes (every field it always writes is required);
/// otherwise the shape it reads (fields with a default may be left out).
fn root<T: JsonSchema>(version: &str, serialize: bool, description: &str) -> Value {
    let settings = SchemaSettings::draft2020_12();
    let settings = if serialize {
        settings.for_serialize()
    } else {
        settings.for_deserialize()
    };
    let schema = settings.into_generator().into_root_schema_for::<T>();
    let mut v = schema.to_value();
    finish(&mut v, version, description);
    v
}

fn finish(v: &mut Value, version: &str, description: &str) {
    let o = v.as_object_mut().expect("a root schema is an object");
    o.insert(
        "$schema".into(),
        json!("https://json-schema.org/draft/2020-12/schema"),
    );
    o.insert("$id".into(), json!(id_of(version)));
    o.insert("title".into(), json!(version));
    o.insert("description".into(), json!(description));
}

/// The overlay has no Rust type of its own (the engine reads it entry by entry, see
/// `kb::with_overlay`): its schema is built from the types of the entries. An entry with a
/// built-in ID may give only the fields it changes, so only `id` is required; the description
/// names the fields a new ID needs.
fn overlay_schema() -> Value {
    let mut gen = SchemaSettings::draft2020_12()
        .for_deserialize()
        .into_generator();
    let cause = gen.subschema_for::<Cause>();
    let fix = gen.subschema_for::<Fix>();
    let question = gen.subschema_for::<Question>();
    let mut defs: Map<String, Value> = gen
        .take_definitions(true)
        .into_iter()
        .collect::<Map<String, Value>>();
    for r in [&cause, &fix, &question] {
        let name = r
            .get("$ref")
            .and_then(Value::as_str)
            .and_then(|s| s.rsplit('/').next())
            .expect("entry types are referenced")
            .to_string();
        let def = defs
            .get_mut(&name)
            .and_then(Value::as_object_mut)
            .expect("definition of an entry type");
        let required: Vec<String> = def
            .get("required")
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(|s| s.as_str().map(|s| format!("`{s}`")))
                    .collect()
            })
            .unwrap_or_default();
        let text = def
            .get("description")
            .and_then(Value::as_str)
            .map(|d| format!("{d} "))
            .unwrap_or_default();
        def.insert(
            "description".into(),
            json!(format!(
                "{text}An overlay {} entry. With a built-in ID it overrides only the fields it gives; a new ID needs {}.",
                name.to_lowercase(),
                required.join(", ")
            )),
        );
        def.insert("required".into(), json!(["id"]));
        if let Some(id) = def
            .get_mut("properties")
            .and_then(|p| p.get_mut("id"))
            .and_then(Value::as_object_mut)
        {
            id.insert("pattern".into(), json!("^[a-z0-9]+(-[a-z0-9]+)*$"));
        }
    }
    let list = |r: &schemars::Schema| json!({ "type": "array", "items": r.clone().to_value() });
    let mut v = json!({
        "type": "object",
        "properties": {
            "schema": { "const": OVERLAY_SCHEMA },
            "causes": list(&cause),
            "questions": list(&question),
            "fixes": list(&fix),
        },
        "required": ["schema"],
        "$defs": defs,
    });
    finish(
        &mut v,
        OVERLAY_SCHEMA,
        "An organisation's knowledge overlay (`Request.overlay`): causes, questions and fixes in the format of the built-in files (engine/knowledge/README.md). Invalid entries are ignored by the engine with a diagnostic; a wrong `schema` ignores the whole overlay.",
    );
    v
}

/// (file name under `schemas/`, schema) for every published schema.
fn generate() -> Vec<(&'static str, Value)> {
    vec![
        (
            "request.schema.json",
            root::<Request>(
                REQUEST_SCHEMA,
                false,
                "What `diagnose` reads: pasted texts, certificates, a probe report, answers, fix feedback, the host and the time. `probe` and `overlay` are objects described by probe.schema.json and overlay.schema.json (kept raw so another version gives a diagnostic instead of refusing the request). Unknown keys are ignored.",
            ),
        ),
        (
            "report.schema.json",
            root::<Report>(
                REPORT_SCHEMA,
                true,
                "What `diagnose` writes (`rdp-probe diagnose --json`, the JS module, the web app's postMessage `report`): decoded codes, findings, certificates, ranked causes and fixes, the next question and diagnostics.",
            ),
        ),
        (
            "probe.schema.json",
            root::<ProbeReport>(
                PROBE_SCHEMA,
                false,
                "A probe report (`rdp-probe scan --json`, `Request.probe`). Every field may be left out (a scan cut short still reads); rdp-probe writes all of them.",
            ),
        ),
        (
            "fleet-line.schema.json",
            root::<FleetLine>(
                FLEET_LINE_SCHEMA,
                true,
                "One JSON line of a fleet scan (`rdp-probe scan --targets FILE`): a summary of one host, with its probe report.",
            ),
        ),
        ("overlay.schema.json", overlay_schema()),
    ]
}

fn text_of(schema: &Value) -> String {
    let mut s = serde_json::to_string_pretty(schema).expect("schema serialises");
    s.push('\n');
    s
}

#[test]
fn committed_schemas_are_current() {
    let dir = repo().join("schemas");
    let bless = std::env::var_os("SCHEMAS_BLESS").is_some_and(|v| v == "1");
    let mut stale = Vec::new();
    for (name, schema) in generate() {
        let path = dir.join(name);
        let want = text_of(&schema);
        let have = std::fs::read_to_string(&path).unwrap_or_default();
        if have != want {
            if bless {
                std::fs::create_dir_all(&dir).expect("create schemas/");
                // Through a temporary file: the other tests read these files meanwhile.
                let tmp = dir.join(format!(".{name}.tmp"));
                std::fs::write(&tmp, &want).expect("write schema");
                std::fs::rename(&tmp, &path).expect("replace schema");
            } else {
                stale.push(name);
            }
        }
    }
    assert!(
        stale.is_empty(),
        "schemas/{{{}}} differ from the engine's types. Refresh them with \
         `SCHEMAS_BLESS=1 cargo test -p engine --test schemas` and commit schemas/ \
         (a changed interface may need a version bump, see ARCHITECTURE.md).",
        stale.join(", ")
    );
}

/// The allowed `who`/`risk` values written into the schemas are the engine's own lists.
#[test]
fn fix_who_and_risk_lists_are_the_engines() {
    let schemas = generate();
    let get = |file: &str, def: &str, field: &str| -> Value {
        let (_, s) = schemas.iter().find(|(n, _)| *n == file).unwrap();
        s["$defs"][def]["properties"][field]["enum"].clone()
    };
    for (file, def) in [
        ("report.schema.json", "RankedFix"),
        ("overlay.schema.json", "Fix"),
    ] {
        assert_eq!(get(file, def, "who"), json!(engine::kb::WHO), "{file}");
        assert_eq!(get(file, def, "risk"), json!(engine::kb::RISKS), "{file}");
    }
}

#[test]
fn schemas_are_valid_draft_2020_12_and_name_their_version() {
    for (name, schema) in generate() {
        if let Err(e) = jsonschema::meta::validate(&schema) {
            panic!("{name} is not a valid JSON Schema: {e}");
        }
        let title = schema["title"].as_str().unwrap_or_default();
        assert!(
            title.starts_with("rdp-triage.") && title.ends_with("/1"),
            "{name}: {title}"
        );
        assert_eq!(schema["$id"], json!(id_of(title)), "{name}");
        assert_eq!(
            schema["properties"]["schema"]["const"]
                .as_str()
                .or(if name == "request.schema.json" {
                    Some(REQUEST_SCHEMA)
                } else {
                    None
                }),
            Some(title),
            "{name}: the `schema` field is pinned to the version"
        );
    }
}

/// Validators of the committed files (what users get), by short name.
struct Schemas {
    request: jsonschema::Validator,
    report: jsonschema::Validator,
    probe: jsonschema::Validator,
    fleet: jsonschema::Validator,
    overlay: jsonschema::Validator,
}

fn committed(name: &str) -> jsonschema::Validator {
    schema_check::committed(&repo(), name)
}

fn schemas() -> Schemas {
    Schemas {
        request: committed("request.schema.json"),
        report: committed("report.schema.json"),
        probe: committed("probe.schema.json"),
        fleet: committed("fleet-line.schema.json"),
        overlay: committed("overlay.schema.json"),
    }
}

use schema_check::check;

/// Validates a request, its probe and overlay, runs it and validates the report.
fn request_and_report(s: &Schemas, req: &Value, what: &str) -> Report {
    check(&s.request, req, what);
    if let Some(p) = req.get("probe").filter(|p| !p.is_null()) {
        check(&s.probe, p, &format!("{what} (probe)"));
    }
    if let Some(o) = req.get("overlay").filter(|o| !o.is_null()) {
        check(&s.overlay, o, &format!("{what} (overlay)"));
    }
    let parsed: Request = engine::schema::from_value(req)
        .unwrap_or_else(|e| panic!("{what}: valid by the schema but not read: {e}"));
    let report = engine::rank::diagnose(&parsed);
    let out = serde_json::to_value(&report).expect("report serialises");
    check(&s.report, &out, &format!("{what} (report)"));
    report
}

fn json_files(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    v.sort();
    v
}

fn read_json(p: &Path) -> Value {
    let text = std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

#[test]
fn scenario_requests_and_their_reports_match() {
    let s = schemas();
    let (mut cases, mut probes, mut causes) = (0, 0, 0);
    for p in json_files(&repo().join("engine/tests/scenarios")) {
        let file = read_json(&p);
        let list = file["cases"].as_array().expect("scenario file has cases");
        for (i, c) in list.iter().enumerate() {
            let what = format!("{} case {i}", p.display());
            let r = request_and_report(&s, &c["request"], &what);
            cases += 1;
            probes += usize::from(c["request"].get("probe").is_some_and(|p| p.is_object()));
            causes += r.causes.len();
        }
    }
    println!("{cases} scenario requests ({probes} with a probe report) and their reports valid");
    assert!(cases >= 21 && probes >= 6 && causes > 0, "{cases} {probes}");
    let bench = read_json(&repo().join("engine/benches/full-request.json"));
    request_and_report(&s, &bench, "engine/benches/full-request.json");
}

#[test]
fn knowledge_examples_and_their_reports_match_and_the_knowledge_is_an_overlay() {
    let s = schemas();
    let mut examples = 0;
    let mut overlay = json!({"schema": OVERLAY_SCHEMA, "causes": [], "questions": [], "fixes": []});
    for kind in ["causes", "questions", "fixes"] {
        let files = json_files(&repo().join("engine/knowledge").join(kind));
        assert!(!files.is_empty(), "{kind}");
        for p in files {
            let mut entry = read_json(&p);
            if let Some(list) = entry.as_object_mut().and_then(|o| o.remove("examples")) {
                for (i, e) in list.as_array().into_iter().flatten().enumerate() {
                    request_and_report(&s, e, &format!("{} example {i}", p.display()));
                    examples += 1;
                }
            }
            overlay[kind].as_array_mut().unwrap().push(entry);
        }
    }
    println!("{examples} knowledge examples and their reports valid");
    assert!(examples >= 21);
    // Every built-in entry, sent back whole, is a valid overlay entry.
    check(&s.overlay, &overlay, "the built-in knowledge as an overlay");
    let (_, diags) = engine::kb::with_overlay(&overlay);
    assert!(diags.is_empty(), "{diags:?}");
    // An override giving only a contact, on a fix that `requires` an answer key.
    let small = json!({"schema": OVERLAY_SCHEMA, "fixes": [{"id": "azure-reset-rdp-config", "contact": "Cloud team, ext. 4712"}]});
    check(&s.overlay, &small, "a contact-only override");
    let (kb, diags) = engine::kb::with_overlay(&small);
    assert!(diags.is_empty(), "{diags:?}");
    let fix = kb
        .fixes
        .iter()
        .find(|f| f.id == "azure-reset-rdp-config")
        .expect("built-in fix");
    assert_eq!(fix.contact.as_deref(), Some("Cloud team, ext. 4712"));
}

/// The overlay example of engine/knowledge/README.md (the first ```json block naming the
/// overlay schema) is valid, and the engine takes it without a diagnostic.
#[test]
fn documented_overlay_example_matches() {
    let s = schemas();
    let text = std::fs::read_to_string(repo().join("engine/knowledge/README.md")).unwrap();
    let block = text
        .split("```json")
        .skip(1)
        .filter_map(|b| b.split("```").next())
        .find(|b| b.contains(OVERLAY_SCHEMA))
        .expect("README has an overlay example");
    let overlay: Value = serde_json::from_str(block).expect("the README example is JSON");
    check(&s.overlay, &overlay, "README overlay example");
    let req = json!({"schema": REQUEST_SCHEMA, "texts": ["Error code: 0x904"], "overlay": overlay});
    let r = request_and_report(&s, &req, "request with the README overlay");
    assert!(
        r.diagnostics
            .iter()
            .all(|d| !d.code.starts_with("overlay-")),
        "{:?}",
        r.diagnostics
    );
}

/// Reports for every text and certificate fixture, the browser tests' certificates included
/// (a certificate file that is not text is given as hex).
#[test]
fn reports_for_text_and_certificate_fixtures_match() {
    let s = schemas();
    let mut n = 0;
    for (dir, field) in [
        ("engine/tests/fixtures/text", "texts"),
        ("engine/tests/fixtures/certs", "certificates"),
        ("tests/e2e/fixtures", "certificates"),
    ] {
        let mut files: Vec<PathBuf> = std::fs::read_dir(repo().join(dir))
            .unwrap()
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| {
                !p.extension()
                    .is_some_and(|x| x == "expected" || x == "fp" || x == "md")
            })
            .collect();
        files.sort();
        for p in files {
            let bytes = std::fs::read(&p).unwrap();
            let item = match String::from_utf8(bytes) {
                Ok(t) => t,
                Err(e) => e.into_bytes().iter().map(|b| format!("{b:02x}")).collect(),
            };
            let req = json!({
                "schema": REQUEST_SCHEMA,
                field: [item],
                "host": "rdp01.corp.example",
                "now": "2026-06-01T00:00:00Z",
            });
            request_and_report(&s, &req, &p.display().to_string());
            n += 1;
        }
    }
    println!("{n} fixture reports valid");
    assert!(n >= 80, "{n}");
}

/// The fuzz seed corpora: whatever the schema accepts, the engine reads (the schema never
/// promises more than the types take); the valid probe reports are counted, and each request
/// seed's report is valid however messy the request.
#[test]
fn fuzz_seeds_valid_by_the_schema_are_read_and_every_report_matches() {
    let s = schemas();
    let corpus = repo().join("fuzz/corpus");
    let mut valid_probes = 0;
    for dir in ["probe_json", "json"] {
        for p in json_files(&corpus.join(dir)) {
            let Ok(v) = serde_json::from_slice::<Value>(&std::fs::read(&p).unwrap()) else {
                continue;
            };
            let read = engine::schema::from_value::<ProbeReport>(&v);
            if s.probe.is_valid(&v) {
                valid_probes += usize::from(dir == "probe_json");
                if let Err(e) = read {
                    panic!(
                        "{}: valid by probe.schema.json but not read: {e}",
                        p.display()
                    );
                }
            } else if read.is_ok() && dir == "probe_json" {
                // Read leniently (e.g. another `schema` version, with a diagnostic).
                println!("read but not a valid probe report: {}", p.display());
            }
        }
    }
    println!("{valid_probes} probe seeds are valid probe reports");
    assert!(valid_probes >= 8, "{valid_probes}");
    let (mut valid, mut all) = (0, 0);
    for dir in ["request_json", "json"] {
        for p in json_files(&corpus.join(dir)) {
            let text = String::from_utf8_lossy(&std::fs::read(&p).unwrap()).into_owned();
            if let Ok(v) = serde_json::from_str::<Value>(&text) {
                if s.request.is_valid(&v) {
                    valid += 1;
                    if let Err(e) = engine::schema::from_value::<Request>(&v) {
                        panic!(
                            "{}: valid by request.schema.json but not read: {e}",
                            p.display()
                        );
                    }
                }
            }
            // diagnose_json answers everything, even a request it cannot read, with a report.
            let out: Value = serde_json::from_str(&engine::rank::diagnose_json(&text))
                .unwrap_or_else(|e| panic!("{}: report is not JSON: {e}", p.display()));
            check(&s.report, &out, &format!("{} (report)", p.display()));
            all += 1;
        }
    }
    println!("{valid} of {all} request seeds valid by the schema; all {all} reports valid");
    assert!(valid >= 10 && all > valid, "{valid} {all}");
}

#[test]
fn wrong_documents_are_refused() {
    let s = schemas();
    // A report without `causes`.
    let mut report = serde_json::to_value(engine::rank::diagnose(&Request {
        texts: vec!["Error code: 0x904\nExtended error code: 0x7".into()],
        ..Request::default()
    }))
    .unwrap();
    check(&s.report, &report, "the 0x904/0x7 report");
    report.as_object_mut().unwrap().remove("causes");
    assert!(!s.report.is_valid(&report), "a report without causes");
    let mut report2 = serde_json::to_value(Report {
        schema: REPORT_SCHEMA.into(),
        ..Report::default()
    })
    .unwrap();
    check(&s.report, &report2, "an empty report");
    report2["schema"] = json!("rdp-triage.report/2");
    assert!(!s.report.is_valid(&report2), "another report version");
    report2["schema"] = json!(REPORT_SCHEMA);
    report2["causes"] = json!([{"id": "cert-expired", "title": "t", "probability": "high", "description": "", "confirm": "", "why": []}]);
    assert!(
        !s.report.is_valid(&report2),
        "a probability that is not a number"
    );

    // Requests: `texts: 3`, a text that is not a string, an unknown feedback outcome, a probe
    // that is not an object. The engine refuses the first three too.
    for bad in [
        json!({"texts": 3}),
        json!({"texts": ["ok", 3]}),
        json!({"feedback": {"connect-by-ip": "maybe"}}),
        json!({"probe": "rdp-probe output"}),
        json!(["Error code: 0x904"]),
    ] {
        assert!(!s.request.is_valid(&bad), "request {bad}");
    }
    assert!(s.request.is_valid(&json!({})), "an empty request is valid");
    assert!(engine::schema::from_json::<Request>(r#"{"texts": 3}"#).is_err());

    // Probe reports: a port out of range, an unknown negotiation outcome, another version.
    for bad in [
        json!({"schema": PROBE_SCHEMA, "port": 70000}),
        json!({"schema": PROBE_SCHEMA, "negotiation": [{"outcome": "accepted"}]}),
        json!({"schema": "rdp-triage.probe/2"}),
        json!({"schema": PROBE_SCHEMA, "tls": {"versions": {"tls1_2": "yes"}}}),
    ] {
        assert!(!s.probe.is_valid(&bad), "probe {bad}");
    }
    check(
        &s.probe,
        &serde_json::to_value(ProbeReport::new("h", 3389)).unwrap(),
        "a new probe report",
    );

    // Fleet lines: an unknown urgency, no target.
    let line = json!({"schema": FLEET_LINE_SCHEMA, "target": "h", "port": 3389, "urgency": "ok",
        "status": "rdp", "cert_not_after": null, "cert_days_left": null, "selected_protocol": null,
        "nla_required": true, "tls_versions": [], "issues": [], "duration_ms": 5});
    check(&s.fleet, &line, "a hand-made fleet line");
    // The type itself, with and without its probe report.
    let typed = FleetLine {
        schema: FLEET_LINE_SCHEMA,
        target: "rdp01.corp.example".into(),
        port: 3389,
        urgency: engine::fleet::Urgency::CertExpiring,
        status: "rdp".into(),
        cert_not_after: Some("2026-06-20T00:00:00Z".into()),
        cert_days_left: Some(19),
        selected_protocol: Some("HYBRID".into()),
        nla_required: Some(true),
        tls_versions: vec!["TLS 1.2".into()],
        issues: vec!["probe:nla-required".into()],
        duration_ms: 120,
        probe: Some(ProbeReport::new("rdp01.corp.example", 3389)),
    };
    check(
        &s.fleet,
        &serde_json::to_value(&typed).unwrap(),
        "a FleetLine with its probe",
    );
    let mut bare = typed.clone();
    bare.probe = None;
    let bare = serde_json::to_value(&bare).unwrap();
    assert!(bare.get("probe").is_none());
    check(&s.fleet, &bare, "a FleetLine without its probe");
    let mut bad = line.clone();
    bad["urgency"] = json!("panic");
    assert!(!s.fleet.is_valid(&bad));
    let mut bad = line.clone();
    bad.as_object_mut().unwrap().remove("target");
    assert!(!s.fleet.is_valid(&bad));

    // Overlays: no schema, an entry without id, a non-kebab id, a list that is not a list.
    for bad in [
        json!({"fixes": []}),
        json!({"schema": OVERLAY_SCHEMA, "fixes": [{"title": "no id"}]}),
        json!({"schema": OVERLAY_SCHEMA, "fixes": [{"id": "Call_Desk"}]}),
        json!({"schema": OVERLAY_SCHEMA, "causes": 5}),
        json!({"schema": OVERLAY_SCHEMA, "fixes": [{"id": "connect-by-ip", "minutes": "five"}]}),
        json!({"schema": OVERLAY_SCHEMA, "fixes": [{"id": "connect-by-ip", "who": "the boss"}]}),
    ] {
        assert!(!s.overlay.is_valid(&bad), "overlay {bad}");
    }
}
