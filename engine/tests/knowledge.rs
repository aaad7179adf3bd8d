//! Consistency of the knowledge base: every reference resolves, IDs are unique kebab-case and
//! equal their file names, nothing is orphaned, every cause is reachable, and every cause and
//! every fix has an example request (stored in its own file) that ranks it in the top 3.

use engine::catalog::{self, CodeSpace};
use engine::kb::{self, KnowledgeBase};
use engine::rank::diagnose;
use std::collections::{BTreeMap, BTreeSet};

const PUBLIC_CAUSES: &[&str] = &[
    "cert-expired",
    "cert-store-broken",
    "cert-untrusted",
    "tls-mismatch",
    "nla-required",
    "credssp-oracle",
    "security-layer-mismatch",
    "firewall-blocked",
    "rdp-disabled",
    "host-unreachable",
    "dns-resolution",
    "network-unstable",
    "vpn-subnet-conflict",
    "server-resource-limit",
    "middlebox-interference",
    "client-bug",
    "client-cache-credentials",
    "gateway-broker",
    "licensing",
    "account-permissions",
    "network-stack",
];

fn kb() -> &'static KnowledgeBase {
    let errs = kb::builtin_errors();
    assert!(
        errs.is_empty(),
        "knowledge base errors:\n{}",
        errs.join("\n")
    );
    kb::builtin()
}

fn space_of(key: &str) -> Option<CodeSpace> {
    Some(match key.split_once(':')?.0 {
        "disc" => CodeSpace::Disconnect,
        "ext" => CodeSpace::Extended,
        "neg" => CodeSpace::NegFailure,
        "hresult" => CodeSpace::Hresult,
        "alert" => CodeSpace::TlsAlert,
        "event" => CodeSpace::Event,
        "freerdp" => CodeSpace::Freerdp,
        _ => return None,
    })
}

#[test]
fn loads_without_errors_and_has_every_public_cause() {
    let kb = kb();
    for id in PUBLIC_CAUSES {
        assert!(kb.cause(id).is_some(), "missing public cause `{id}`");
    }
    assert!(kb.fixes.len() >= 25, "only {} fixes", kb.fixes.len());
    assert!(
        kb.questions.len() >= 12,
        "only {} questions",
        kb.questions.len()
    );
    let priors: f64 = kb.priors().iter().sum();
    assert!((priors - 1.0).abs() < 1e-9);
}

#[test]
fn every_file_is_named_after_its_id() {
    for (kind, stem, text) in kb::raw_files() {
        let v: serde_json::Value =
            serde_json::from_str(text).unwrap_or_else(|e| panic!("{kind}/{stem}.json: {e}"));
        assert_eq!(v["id"].as_str(), Some(stem), "{kind}/{stem}.json");
        assert!(kb::is_kebab(stem), "{kind}/{stem}.json: not kebab-case");
    }
}

#[test]
fn every_evidence_key_resolves() {
    let kb = kb();
    let answer_keys = kb.answer_keys();
    let mut unchecked: BTreeSet<String> = BTreeSet::new();
    for c in &kb.causes {
        for l in &c.likelihoods {
            for u in &l.unless {
                assert!(
                    engine::evidence::is_known(u) && !answer_keys.contains(u),
                    "cause `{}`: `unless` key `{u}` on `{}` is not a key read from pastes",
                    c.id,
                    l.evidence
                );
            }
            let key = l.evidence.as_str();
            if key.starts_with("ans:") {
                assert!(
                    answer_keys.contains(key),
                    "cause `{}`: answer key `{key}` is declared by no question",
                    c.id
                );
            } else if let Some(space) = space_of(key) {
                assert!(
                    kb::is_code_key_syntax(key),
                    "cause `{}`: malformed code key `{key}`",
                    c.id
                );
                // Strict once the catalog covers the code space (more than a seed entry or two);
                // until then the syntax check is all that can be done.
                if catalog::all().iter().filter(|e| e.space == space).count() >= 5 {
                    assert!(
                        engine::evidence::is_known(key),
                        "cause `{}`: code key `{key}` is not in the catalog",
                        c.id
                    );
                } else {
                    unchecked.insert(key.to_string());
                }
            } else {
                assert!(
                    engine::evidence::is_known(key),
                    "cause `{}`: unknown static key `{key}`",
                    c.id
                );
            }
        }
    }
    for q in &kb.questions {
        for k in &q.skip_if {
            assert!(
                engine::evidence::is_known(k) || kb::is_code_key_syntax(k),
                "question `{}`: skip_if key `{k}` unknown",
                q.id
            );
        }
    }
    if !unchecked.is_empty() {
        println!(
            "code keys in spaces the catalog does not cover yet ({}): {:?}",
            unchecked.len(),
            unchecked
        );
    }
}

#[test]
fn nothing_is_orphaned() {
    let kb = kb();
    for c in &kb.causes {
        assert!(
            kb.fixes
                .iter()
                .any(|f| f.causes.iter().any(|fc| fc.cause == c.id)),
            "cause `{}` has no fix",
            c.id
        );
    }
    for f in &kb.fixes {
        assert!(!f.causes.is_empty(), "fix `{}` addresses no cause", f.id);
    }
    let used: BTreeSet<&str> = kb
        .causes
        .iter()
        .flat_map(|c| c.likelihoods.iter().map(|l| l.evidence.as_str()))
        .collect();
    for q in &kb.questions {
        for o in &q.options {
            for k in &o.evidence {
                assert!(
                    used.contains(k.as_str()),
                    "question `{}` option `{}`: key `{k}` is used by no cause",
                    q.id,
                    o.id
                );
            }
        }
        assert!(
            q.options.iter().any(|o| o.id == kb::DONT_KNOW),
            "question `{}` lacks dont-know",
            q.id
        );
    }
}

/// A code the catalog reads as a dialog's message key (`reads_as`) is weighed only through that
/// key, so the key must be one the knowledge base weighs.
#[test]
fn every_code_read_as_a_message_is_weighed() {
    let kb = kb();
    let mut n = 0;
    for e in catalog::all() {
        if let Some(key) = &e.reads_as {
            n += 1;
            assert!(
                engine::evidence::is_known(key) && kb.uses_evidence(key),
                "{} {}: reads as `{key}`, which no cause weighs",
                e.space.label(),
                e.code
            );
        }
    }
    assert!(n > 0, "no catalog entry reads as a message key");
}

#[test]
fn risky_fixes_say_so() {
    let kb = kb();
    let nla = &kb.fixes[kb.fix("disable-nla-temporarily").expect("fix")];
    let note = nla.risk_note.as_deref().unwrap_or("").to_lowercase();
    assert!(
        nla.risk == "high" && note.contains("temporary") && note.contains("security"),
        "{note}"
    );
    assert!(nla.rollback.is_some());
    let mk = &kb.fixes[kb.fix("rebuild-machinekeys-folder").expect("fix")];
    assert!(mk.risk_note.as_deref().unwrap_or("").contains("backup"));
    assert!(mk.rollback.as_deref().unwrap_or("").contains("MachineKeys"));
    for f in &kb.fixes {
        if f.risk != "low" {
            assert!(
                f.risk_note.is_some(),
                "fix `{}` is {} risk but has no risk_note",
                f.id,
                f.risk
            );
        }
        assert!(!f.verify.is_empty(), "fix `{}` has no verify", f.id);
    }
}

/// Runs every example stored in an entry's file (`kind` is `causes` or `fixes`), checking that
/// it uses only known IDs; returns each example's index and report, and records which cause
/// each example ranks first in `firsts`.
fn run_examples(
    kind: &str,
    id: &str,
    firsts: &mut BTreeMap<String, Vec<String>>,
) -> Vec<(usize, engine::Report, bool)> {
    let examples = kb::examples_of(kind, id);
    assert!(!examples.is_empty(), "{kind} `{id}` has no example");
    examples
        .iter()
        .enumerate()
        .map(|(i, ex)| {
            let r = diagnose(&ex.request);
            assert!(
                r.diagnostics.iter().all(|d| d.code != "unknown-question"
                    && d.code != "unknown-option"
                    && d.code != "unknown-fix"),
                "{kind} `{id}` example {i}: {:?}",
                r.diagnostics
            );
            firsts
                .entry(r.causes[0].id.to_string())
                .or_default()
                .push(format!("{kind}:{id}#{i}"));
            (i, r, ex.expect_top3)
        })
        .collect()
}

#[test]
fn every_cause_and_fix_has_an_example_in_its_top_3_and_every_cause_is_reachable() {
    let kb = kb();
    let mut firsts: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut failures = Vec::new();
    for c in &kb.causes {
        for (i, r, expect_top3) in run_examples("causes", &c.id, &mut firsts) {
            let top: Vec<&str> = r.causes.iter().take(3).map(|x| x.id.as_str()).collect();
            if expect_top3 && !top.contains(&c.id.as_str()) {
                failures.push(format!("cause `{}` example {i}: top 3 = {top:?}", c.id));
            }
        }
    }
    for f in &kb.fixes {
        for (i, r, expect_top3) in run_examples("fixes", &f.id, &mut firsts) {
            let top: Vec<&str> = r
                .fixes
                .iter()
                .filter(|x| x.feedback.is_none())
                .take(3)
                .map(|x| x.id.as_str())
                .collect();
            if expect_top3 && !top.contains(&f.id.as_str()) {
                failures.push(format!("fix `{}` example {i}: top 3 = {top:?}", f.id));
            }
        }
    }
    for c in &kb.causes {
        if !firsts.contains_key(&*c.id) {
            failures.push(format!(
                "cause `{}` is not reachable: no example ranks it first",
                c.id
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The ratio a cause gives an evidence key (1 when it does not mention it).
fn ratio(kb: &KnowledgeBase, cause: &str, key: &str) -> f64 {
    let c = &kb.causes[kb.cause(cause).unwrap_or_else(|| panic!("cause `{cause}`"))];
    c.likelihoods
        .iter()
        .find(|l| l.evidence == key)
        .map_or(1.0, |l| l.ratio)
}

#[test]
fn context_keys_move_the_causes_they_should() {
    let kb = kb();
    // (key, raised, lowered): what the setup around a failure says about its cause.
    let cases: &[(&str, &[&str], &[&str])] = &[
        (
            "ctx:server:xrdp",
            &["xrdp-session-failed"],
            &[
                "licensing",
                "cert-store-broken",
                "credssp-oracle",
                "entra-id-signin",
            ],
        ),
        (
            "ctx:server:old-windows",
            &["tls-mismatch", "security-layer-mismatch"],
            &[],
        ),
        (
            "ctx:server:windows-client-os",
            &["rdp-disabled"],
            &["licensing", "gateway-broker"],
        ),
        (
            "ctx:server:entra-joined",
            &["entra-id-signin"],
            &["credential-guard-policy"],
        ),
        (
            "ctx:server:avd",
            &["cloud-control-plane", "gateway-broker"],
            &["licensing"],
        ),
        ("ctx:cloud:azure", &["cloud-control-plane"], &["licensing"]),
        ("ctx:cloud:aws", &["cloud-control-plane"], &[]),
        (
            "ctx:gateway:guacamole",
            &["gateway-security-mode", "gateway-host-misconfig"],
            &[],
        ),
        (
            "ctx:gateway:rd-gateway",
            &["gateway-broker"],
            &["gateway-security-mode"],
        ),
        (
            "ctx:vpn:overlay",
            &["session-bound-vpn", "network-unstable"],
            &[],
        ),
        ("ctx:change:update", &["credssp-oracle", "client-bug"], &[]),
        (
            "ctx:change:hardening",
            &["tls-mismatch", "ntlm-restricted", "credential-guard-policy"],
            &[],
        ),
        (
            "ctx:change:password",
            &["account-state", "client-cache-credentials"],
            &[],
        ),
        (
            "ctx:where:vpn-only",
            &["vpn-subnet-conflict"],
            &["cert-expired"],
        ),
    ];
    for (key, up, down) in cases {
        assert!(
            engine::evidence::is_known(key),
            "`{key}` is not a declared key"
        );
        for c in *up {
            assert!(ratio(kb, c, key) > 1.0, "`{key}` should raise `{c}`");
        }
        for c in *down {
            assert!(ratio(kb, c, key) < 1.0, "`{key}` should lower `{c}`");
        }
    }
}
