//! Snapshot check of the text parser on realistic pastes: every `fixtures/text/NAME.txt` is
//! analysed and its findings (one line each: `evidence<TAB>strength<TAB>span text`, then the
//! diagnostics as `!code`) must equal `NAME.expected`. `UPDATE_FIXTURES=1` rewrites the
//! expected files (review the diff by eye before committing).

use engine::finding::Strength;
use std::path::{Path, PathBuf};

fn fixtures() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/text");
    let mut v: Vec<_> = std::fs::read_dir(&dir)
        .expect("fixture dir")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    v.sort();
    v
}

fn escape(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('\n', "\\n")
        .replace('\r', "\\r")
        .replace('\t', "\\t")
}

fn render(text: &str) -> String {
    let a = engine::analyze_text(text, 0);
    let mut out = String::new();
    for f in &a.findings {
        let span = f.span.expect("every text finding has a span");
        assert!(span.start <= span.end && span.end <= text.len());
        assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
        let strength = match f.strength {
            Strength::Hard => "hard",
            Strength::Soft => "soft",
        };
        out.push_str(&format!(
            "{}\t{}\t{}\n",
            f.evidence,
            strength,
            escape(&text[span.start..span.end])
        ));
    }
    for d in &a.diagnostics {
        out.push_str(&format!("!{}\n", d.code));
    }
    out
}

#[test]
fn fixtures_match_expected_findings() {
    let files = fixtures();
    assert!(
        files.len() >= 20,
        "need at least 20 fixtures, have {}",
        files.len()
    );
    let update = std::env::var("UPDATE_FIXTURES").is_ok_and(|v| v == "1");
    let mut failures = Vec::new();
    for path in files {
        let text = std::fs::read_to_string(&path).expect("fixture is UTF-8");
        let got = render(&text);
        let exp_path = path.with_extension("expected");
        if update {
            std::fs::write(&exp_path, &got).expect("write expected");
            continue;
        }
        let want = std::fs::read_to_string(&exp_path).unwrap_or_default();
        if got != want {
            failures.push(format!("--- {}\nwant:\n{want}got:\n{got}", path.display()));
        }
    }
    assert!(
        failures.is_empty(),
        "{} fixture(s) differ (UPDATE_FIXTURES=1 rewrites):\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn every_produced_key_is_in_the_vocabulary_or_an_unrecognised_code() {
    for path in fixtures() {
        let text = std::fs::read_to_string(&path).expect("fixture");
        let a = engine::analyze_text(&text, 3);
        for f in &a.findings {
            assert_eq!(f.span.map(|s| s.item), Some(3));
            let known = engine::evidence::is_known(&f.evidence);
            let unrecognised = a
                .decoded
                .iter()
                .any(|d| d.evidence == f.evidence && d.name.is_none());
            assert!(
                known || unrecognised,
                "{}: unknown key {}",
                path.display(),
                f.evidence
            );
            if f.evidence.starts_with("hint:") || f.evidence.starts_with("ctx:") {
                assert_eq!(f.strength, Strength::Soft, "{}", f.evidence);
            } else {
                assert_eq!(f.strength, Strength::Hard, "{}", f.evidence);
            }
        }
    }
}

/// Windows pastes come with CRLF line ends: every fixture must give the same evidence keys.
#[test]
fn crlf_line_ends_give_the_same_evidence() {
    for path in fixtures() {
        let text = std::fs::read_to_string(&path).expect("fixture");
        let crlf = text.replace("\r\n", "\n").replace('\n', "\r\n");
        let keys = |t: &str| {
            engine::analyze_text(t, 0)
                .findings
                .into_iter()
                .map(|f| f.evidence)
                .collect::<Vec<_>>()
        };
        assert_eq!(keys(&text), keys(&crlf), "{}", path.display());
    }
}
