//! Checks every signature file (`engine/knowledge/signatures/*.json`) with the same serde
//! types `engine/build.rs` compiles them with (`src/text/sigfile.rs`): the file parses, every
//! signature has a product, locale, source and example, every key it yields is known to the
//! engine, a text appears once per locale and yield, a text of the user's words yields a hint or a context
//! key but not both (one fact, one piece of evidence) and is not also a product message's text
//! (the parser reads those words as the message), and can start a match; and runs every example through
//! `engine::analyze_text`, asserting that it yields the signature's evidence (a label's example
//! must yield a code read after the label). Prints counts per file, kind and locale.

#[path = "../src/text/fold.rs"]
mod fold;
#[path = "../src/text/sigfile.rs"]
#[allow(dead_code)]
mod sigfile;

use sigfile::{parse_yield, pattern_text, retyped_variants, SignatureFile, Yield};
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

fn files() -> Vec<(String, SignatureFile)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("knowledge/signatures");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .expect("signatures dir")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            let text = std::fs::read_to_string(&p).unwrap();
            let f: SignatureFile =
                serde_json::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
            (name, f)
        })
        .collect()
}

/// A signature text (already folded and ASCII-lower-cased by `pattern_text`) lower-cased and
/// without the closing punctuation a message literal may carry ("Account is locked out."
/// matches "account is locked out"): the words two signatures are compared by.
fn bare(t: &str) -> String {
    t.to_lowercase()
        .trim_end_matches(['.', '!', ':', ' '])
        .to_string()
}

fn kebab(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

#[test]
fn every_signature_file_is_well_formed() {
    let mut seen: HashMap<(String, String, String), String> = HashMap::new();
    // (words, locale) of the user's-words signatures, by kind (`hint` or `ctx`).
    let mut soft_seen: HashMap<((String, String), &str), String> = HashMap::new();
    // Texts of product messages: a hint with the same words never counts (the text parser
    // reads words inside a message as the message), so it is dead weight.
    let mut hard_texts: HashMap<(String, String), String> = HashMap::new();
    let mut problems = Vec::new();
    let mut total = 0;
    for (name, f) in files() {
        assert!(!f.about.trim().is_empty(), "{name}: `about` is empty");
        assert!(
            kebab(&f.product),
            "{name}: product `{}` is not kebab-case",
            f.product
        );
        for (i, s) in f.signatures.iter().enumerate() {
            total += 1;
            let at = format!("{name}[{i}] {:?}", s.text);
            if let Some(p) = &s.product {
                if !kebab(p) {
                    problems.push(format!("{at}: product `{p}` is not kebab-case"));
                }
            }
            if s.source.trim().len() < 8 {
                problems.push(format!("{at}: no source"));
            }
            if s.locale.is_empty()
                || !s
                    .locale
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-')
            {
                problems.push(format!("{at}: bad locale `{}`", s.locale));
            }
            let t = pattern_text(&s.text);
            if t.len() < 2 {
                problems.push(format!("{at}: text too short"));
            }
            let b0 = t.as_bytes().first().copied().unwrap_or(0);
            if !(b0.is_ascii_alphanumeric() || b0 == b'_' || b0 == b'<' || b0 >= 0xC0) {
                problems.push(format!("{at}: cannot start a match (first byte {b0:#x})"));
            }
            match parse_yield(&s.yields) {
                Err(e) => problems.push(format!("{at}: {e}")),
                Ok(Yield::Key(k)) if !engine::evidence::is_known(&k) => {
                    problems.push(format!("{at}: unknown key {k}"))
                }
                Ok(Yield::Code(..)) | Ok(Yield::FreerdpName(_))
                    if !engine::evidence::is_known(&s.yields) =>
                {
                    problems.push(format!("{at}: {} is not in the catalog", s.yields))
                }
                _ => {}
            }
            if let Some(other) =
                seen.insert((t.clone(), s.locale.clone(), s.yields.clone()), at.clone())
            {
                problems.push(format!("{at}: same text, locale and yield as {other}"));
            }
            // The same words yielding a hint and a context key would count one fact twice
            // (both keys raise the same causes): e.g. "RD Gateway" as hint:gateway and
            // ctx:gateway:rd-gateway multiplied gateway-broker by 4 x 3.
            let words = (bare(&t), s.locale.clone());
            match s.yields.split_once(':').map(|(kind, _)| kind) {
                Some(kind @ ("hint" | "ctx")) => {
                    let (kind, other_kind) = if kind == "hint" {
                        ("hint", "ctx")
                    } else {
                        ("ctx", "hint")
                    };
                    if let Some(other) = soft_seen.get(&(words.clone(), other_kind)) {
                        problems.push(format!(
                            "{at}: the same words already yield a {other_kind} key in {other}: keep one"
                        ));
                    }
                    soft_seen.insert((words, kind), at.clone());
                }
                Some("label") => {}
                _ => {
                    hard_texts.insert(words, at.clone());
                }
            }
        }
    }
    for ((words, kind), at) in &soft_seen {
        if *kind == "hint" {
            if let Some(msg) = hard_texts.get(words) {
                problems.push(format!(
                    "{at}: the same words are the product message {msg}: drop the hint"
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(total >= 600, "only {total} signatures");
}

#[test]
fn every_example_yields_its_evidence() {
    let mut failures = Vec::new();
    let mut per_kind: BTreeMap<String, usize> = BTreeMap::new();
    let mut per_locale: BTreeMap<String, usize> = BTreeMap::new();
    let mut per_file: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for (name, f) in files() {
        for (i, s) in f.signatures.iter().enumerate() {
            let kind = s.yields.split(':').next().unwrap_or("").to_string();
            *per_kind.entry(kind).or_default() += 1;
            *per_locale.entry(s.locale.clone()).or_default() += 1;
            let e = per_file.entry(name.clone()).or_default();
            e.0 += 1;
            if s.source.starts_with("unverified") {
                e.1 += 1;
            }
            if !pattern_text(&s.example).contains(&pattern_text(&s.text)) {
                failures.push(format!(
                    "{name}[{i}]: the example does not contain the text {:?}",
                    s.text
                ));
                continue;
            }
            let a = engine::analyze_text(&s.example, 0);
            let ok = yields_found(&a, &s.yields);
            if !ok {
                let got: Vec<_> = a.findings.iter().map(|f| f.evidence.as_str()).collect();
                failures.push(format!(
                    "{name}[{i}] {:?} -> {} not found in {:?} (got {got:?})",
                    s.text, s.yields, s.example
                ));
            }
            // The retyped spellings compiled beside an English signature read the same.
            if s.locale.starts_with("en") && !retyped_variants(&pattern_text(&s.text)).is_empty() {
                let mut example = s.example.clone();
                for (right, retyped) in sigfile::RETYPED {
                    let cap = |w: &str| w[..1].to_uppercase() + &w[1..];
                    example = example
                        .replace(right, retyped)
                        .replace(&cap(right), &cap(retyped));
                }
                if !yields_found(&engine::analyze_text(&example, 0), &s.yields) {
                    failures.push(format!(
                        "{name}[{i}] retyped {example:?} does not yield {}",
                        s.yields
                    ));
                }
            }
        }
    }
    println!("signatures per file (total, unverified source): {per_file:?}");
    println!("per kind: {per_kind:?}");
    println!("per locale: {per_locale:?}");
    assert!(
        failures.is_empty(),
        "{} examples failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// True when the analysis holds the evidence a signature's `yields` names (for a dialog label,
/// a code of the label's kind).
fn yields_found(a: &engine::TextAnalysis, yields: &str) -> bool {
    match parse_yield(yields) {
        Ok(Yield::Label(l)) => {
            let prefix = match l.as_str() {
                "disconnect" => &["disc:"][..],
                "extended" => &["ext:"][..],
                "suffixed" => &["disc:", "ext:"][..],
                "neg-failure" => &["neg:"][..],
                "freerdp-error" => &["freerdp:", "ext:"][..],
                _ => &["proto:"][..],
            };
            a.findings
                .iter()
                .any(|f| prefix.iter().any(|p| f.evidence.starts_with(p)))
        }
        _ => a.findings.iter().any(|f| f.evidence == yields),
    }
}
