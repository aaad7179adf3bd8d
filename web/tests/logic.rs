//! Tests of the web app's logic without rendering: kind detection, highlight windows, and the
//! reducer in `state.rs` driving the real engine (run in headless Chromium like the app).
#![cfg(target_arch = "wasm32")]

use engine::schema::FixOutcome;
use std::rc::Rc;
use wasm_bindgen_test::*;
use web::detect::{detect, from_file_bytes, prefix, Detected, Kind};
use web::highlight::{segments, Segment};
use web::state::{Action, AppState};
use yew::Reducible;

wasm_bindgen_test_configure!(run_in_browser);

const PEM: &str = include_str!("../../tests/e2e/fixtures/expired-rdp.pem");

fn run(actions: Vec<Action>) -> Rc<AppState> {
    let mut s = Rc::new(AppState::new("2026-11-21T06:00:00Z".into()));
    for a in actions {
        s = s.reduce(a);
    }
    s
}

fn paste(t: &str) -> Action {
    Action::Paste {
        text: t.to_string(),
        label: None,
    }
}

#[wasm_bindgen_test]
fn detects_each_kind_of_paste() {
    assert_eq!(detect("Error code: 0x904"), Detected::Item(Kind::Text));
    assert_eq!(detect(PEM), Detected::Item(Kind::Certificate));
    assert_eq!(
        detect(r#"{"schema":"rdp-triage.probe/1","target":"x"}"#),
        Detected::Item(Kind::Probe)
    );
    assert_eq!(
        detect(r#"{"schema":"something-else"}"#),
        Detected::Item(Kind::Text)
    );
    assert_eq!(
        detect("http://127.0.0.1:8080/#r=abc"),
        Detected::ShareLink("abc".into())
    );
    assert_eq!(
        detect("see http://x/#r=abc for details"),
        Detected::Item(Kind::Text)
    );
    assert_eq!(detect(""), Detected::Item(Kind::Text));
    let der_b64: String = PEM.lines().filter(|l| !l.starts_with("-----")).collect();
    assert_eq!(detect(&der_b64), Detected::Item(Kind::Certificate));
}

#[wasm_bindgen_test]
fn binary_files_become_base64_and_utf16_logs_become_text() {
    let (t, d) = from_file_bytes(&[0x30, 0x82, 0x01, 0x00, 0xff]);
    assert_eq!(
        (t.as_str(), d),
        ("MIIBAP8=", Detected::Item(Kind::Certificate))
    );
    let (t, d) = from_file_bytes(b"\xFF\xFEE\0r\0r\0");
    assert_eq!((t.as_str(), d), ("Err", Detected::Item(Kind::Text)));
    assert_eq!(prefix("ééé", 3), "é");
}

#[wasm_bindgen_test]
fn highlight_marks_spans_and_windows_huge_text() {
    let segs = segments(
        "Error code: 0x904 end",
        &[(12, 17, "Error code 0x904".into())],
    );
    assert_eq!(segs[0], Segment::Plain("Error code: ".into()));
    assert_eq!(
        segs[1],
        Segment::Mark {
            text: "0x904".into(),
            title: "Error code 0x904".into()
        }
    );
    assert_eq!(segs[2], Segment::Plain(" end".into()));
    // Out-of-range, reversed and mid-character spans are clamped or dropped, never a panic.
    let odd = segments(
        "ééé",
        &[(1, 2, "a".into()), (5, 2, "b".into()), (0, 99, "c".into())],
    );
    assert!(odd
        .iter()
        .any(|s| matches!(s, Segment::Mark { text, .. } if text == "ééé")));
    let big = format!(
        "{}Error code: 0x904{}",
        "x".repeat(1_000_000),
        "y".repeat(1_000_000)
    );
    let segs = segments(&big, &[(1_000_012, 1_000_017, "code".into())]);
    let shown: usize = segs
        .iter()
        .map(|s| match s {
            Segment::Plain(t) => t.len(),
            Segment::Mark { text, .. } => text.len(),
            Segment::Gap(_) => 0,
        })
        .sum();
    assert!(shown < 1000, "shown {shown}");
    assert!(matches!(segs.first(), Some(Segment::Gap(n)) if *n > 900_000));
}

#[wasm_bindgen_test]
fn reducer_routes_items_to_the_right_request_field() {
    let probe = r#"{"schema":"rdp-triage.probe/1","target":"srv01","port":3389}"#;
    let s = run(vec![
        paste("Error code: 0x904\nExtended error code: 0x7"),
        paste(PEM),
        paste(probe),
        Action::SetHost("srv01".into()),
    ]);
    let req = s.request();
    assert_eq!(req.texts.len(), 1);
    assert_eq!(req.certificates.len(), 1);
    assert_eq!(
        req.probe
            .as_ref()
            .and_then(|p| p.get("target"))
            .and_then(|t| t.as_str()),
        Some("srv01")
    );
    assert_eq!(req.host.as_deref(), Some("srv01"));
    assert_eq!(req.now.as_deref(), Some("2026-11-21T06:00:00Z"));
    assert!(s.report.decoded.iter().any(|d| d.display == "0x904"));
    let text_id = s.items[0].id;
    let spans = s.spans_for(text_id);
    let text = "Error code: 0x904\nExtended error code: 0x7";
    assert!(!spans.is_empty());
    assert!(
        spans
            .iter()
            .any(|(a, b, _)| text.get(*a..*b).is_some_and(|t| t.contains("0x904"))),
        "{spans:?}"
    );
}

#[wasm_bindgen_test]
fn empty_paste_duplicates_and_invalid_probe_get_messages() {
    let s = run(vec![paste("   ")]);
    assert!(s.items.is_empty());
    assert!(s.notice.as_ref().unwrap().text.contains("nothing to add"));
    let s = run(vec![paste("Error code: 0x904"), paste("Error code: 0x904")]);
    assert_eq!(s.items.len(), 1);
    assert!(s.notice.as_ref().unwrap().text.contains("already"));
    let s = run(vec![paste(r#"{"schema":"rdp-triage.probe/1","target":"#)]);
    assert_eq!(s.items[0].kind, Kind::Text);
    assert!(s.notice.as_ref().unwrap().error);
}

#[wasm_bindgen_test]
fn share_payload_round_trips_the_session() {
    let s = run(vec![
        paste("Error code: 0x904\nExtended error code: 0x7"),
        Action::SetHost("srv01.corp.example".into()),
        Action::Answer {
            question: "q1".into(),
            option: "yes".into(),
        },
        Action::Feedback {
            fix: "f1".into(),
            outcome: Some(FixOutcome::Failed),
        },
    ]);
    let payload = s.share_payload(false);
    let t = run(vec![Action::OpenShared(payload)]);
    assert_eq!(t.host, "srv01.corp.example");
    assert_eq!(t.items.len(), 1);
    assert_eq!(t.answers.get("q1").map(String::as_str), Some("yes"));
    assert_eq!(t.feedback.get("f1"), Some(&FixOutcome::Failed));
    assert_eq!(t.report.decoded.len(), s.report.decoded.len());
    let bad = run(vec![Action::OpenShared("!!!".into())]);
    assert!(bad
        .notice
        .as_ref()
        .unwrap()
        .text
        .contains("could not be opened"));
    // A pasted link (what `rdp-probe --open` prints) adds its contents to the session.
    let link = format!("http://127.0.0.1:8080/#r={}", s.share_payload(false));
    let u = run(vec![paste("Error code: 0x204"), paste(&link)]);
    assert_eq!(u.items.len(), 2);
    // A redacted link keeps the diagnosed host and the codes.
    let r = run(vec![Action::OpenShared(s.share_payload(true))]);
    assert_eq!(r.host, "srv01.corp.example");
    assert_eq!(r.report.decoded.len(), s.report.decoded.len());
}

#[wasm_bindgen_test]
fn saving_leaves_out_items_over_the_limit_and_restores_the_rest() {
    let big = "x".repeat(3_000_000);
    let s = run(vec![
        paste("Error code: 0x904"),
        paste(&big),
        Action::SetHost("h".into()),
    ]);
    let (saved, dropped) = s.to_saved(2 * 1024 * 1024);
    assert_eq!(saved.items.len(), 1);
    assert_eq!(dropped.len(), 1);
    let t = run(vec![Action::Restore(saved)]);
    assert_eq!(t.items.len(), 1);
    assert_eq!(t.host, "h");
    let r = run(vec![paste("Error code: 0x904"), Action::Reset]);
    assert!(r.is_empty());
}

#[wasm_bindgen_test]
fn prefill_adds_codes_once_and_sets_host() {
    let pre = || Action::Prefill {
        fresh: true,
        text: None,
        host: Some("srv9".into()),
        code: Some("0x904".into()),
        ext: Some("0x7".into()),
    };
    let s = run(vec![pre(), pre()]);
    assert_eq!(s.items.len(), 1);
    assert_eq!(s.host, "srv9");
    assert!(s.report.decoded.iter().any(|d| d.display == "0x7"));
}

#[wasm_bindgen_test]
fn markdown_summary_lists_evidence_codes_and_host() {
    let s = run(vec![
        paste("Error code: 0x904\nExtended error code: 0x7"),
        Action::SetHost("srv01".into()),
    ]);
    let md = s.markdown(false);
    assert!(md.contains("`srv01`"), "{md}");
    assert!(
        md.contains("0x904") && md.contains("disconnectReasonAtClientWinsockFDCLOSE"),
        "{md}"
    );
}

#[wasm_bindgen_test]
fn random_bytes_and_huge_pastes_never_panic() {
    let mut seed: u32 = 12345;
    let mut bytes = Vec::new();
    for _ in 0..50_000 {
        seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12345);
        bytes.push((seed >> 16) as u8);
    }
    let s = run(vec![Action::File {
        name: "random.bin".into(),
        bytes: bytes.clone(),
    }]);
    assert_eq!(s.items[0].kind, Kind::Certificate);
    let text = String::from_utf8_lossy(&bytes).to_string();
    let s = run(vec![paste(&text)]);
    assert_eq!(s.items.len(), 1);
}

const DIALOG: &str = "Error code: 0x904\nExtended error code: 0x7";

#[wasm_bindgen_test]
fn no_advice_until_something_is_recognised() {
    for s in [
        run(vec![paste("")]),
        run(vec![paste("hello world")]),
        run(vec![Action::SetHost("srv01".into())]),
        run(vec![paste(DIALOG), Action::Remove(1)]),
        run(vec![paste(DIALOG), Action::Reset]),
    ] {
        assert!(!s.has_evidence());
        let md = s.markdown(false);
        assert!(
            !md.contains("### Next steps") && !md.contains("### Likely causes"),
            "{md}"
        );
        assert!(md.contains("Nothing recognised yet"), "{md}");
    }
    let s = run(vec![paste(DIALOG)]);
    assert!(s.has_evidence());
    let md = s.markdown(false);
    assert!(
        md.contains("### Next steps") && !md.contains("Nothing recognised yet"),
        "{md}"
    );
}

#[wasm_bindgen_test]
fn a_binary_event_log_is_refused_with_how_to_export_it() {
    let mut bytes = b"ElfFile\0".to_vec();
    bytes.resize(4096, 0);
    assert!(matches!(from_file_bytes(&bytes).1, Detected::Unreadable(_)));
    let s = run(vec![Action::File {
        name: "System.evtx".into(),
        bytes,
    }]);
    assert!(s.items.is_empty());
    let n = s.notice.clone().expect("a notice");
    assert!(
        n.error && n.text.contains("System.evtx") && n.text.contains("/f:text"),
        "{n:?}"
    );
}

#[wasm_bindgen_test]
fn focus_follows_the_answer_the_feedback_and_start_over() {
    let s = run(vec![paste(DIALOG)]);
    let q = s.report.next_question.clone().expect("a question");
    let s = s.reduce(Action::Answer {
        question: q.id.clone(),
        option: q.options[0].id.clone(),
    });
    assert_eq!(s.focus.as_deref(), Some("q-text"));
    // Changing an earlier answer in place keeps focus where it is.
    let seq = s.focus_seq;
    let s = s.reduce(Action::Answer {
        question: q.id.clone(),
        option: q.options[1].id.clone(),
    });
    assert_eq!((s.focus.as_deref(), s.focus_seq), (None, seq));
    let fix = s.report.fixes[0].id.clone();
    let s = s.reduce(Action::Feedback {
        fix: fix.clone(),
        outcome: Some(FixOutcome::Failed),
    });
    assert_eq!(s.focus, Some(format!("fix-{fix}")));
    let s = s.reduce(Action::Reset);
    assert_eq!(s.focus.as_deref(), Some("paste"));
    assert!(s.focus_seq > seq);
}

#[wasm_bindgen_test]
fn the_verdict_says_what_moved_and_after_which_step() {
    use web::components::verdict::changes;
    let before = run(vec![paste(DIALOG)]);
    let top = before.report.fixes[0].id.clone();
    let after = before.clone().reduce(Action::Feedback {
        fix: top.clone(),
        outcome: Some(FixOutcome::Failed),
    });
    assert_eq!(after.last_step, "“Didn't help”");
    let prev = after
        .previous
        .clone()
        .expect("the report before the step is kept");
    assert_eq!(*prev, *before.report);
    let said = changes(&prev, &after.report, after.last_step).join(" ");
    assert!(said.contains("New first step: "), "{said}");
    assert!(!said.contains(&before.report.fixes[0].title), "{said}");
    // Same report twice: nothing moved.
    let same = changes(&before.report, &before.report, "your answer");
    assert_eq!(
        same,
        vec!["The ranking did not change after your answer.".to_string()]
    );
    // A different top cause is named as moved up to first.
    let mut swapped = (*before.report).clone();
    swapped.causes.swap(0, 1);
    let said = changes(&before.report, &swapped, "your answer").join(" ");
    assert!(
        said.starts_with(&format!(
            "“{}” moved up to first after your answer",
            swapped.causes[0].title
        )),
        "{said}"
    );
}

#[wasm_bindgen_test]
fn ticket_summary_opens_with_host_date_verdict_and_what_was_tried() {
    let s = run(vec![paste(DIALOG), Action::SetHost("srv01".into())]);
    let first = s.report.fixes[0].clone();
    let s = s.reduce(Action::Feedback {
        fix: first.id.clone(),
        outcome: Some(FixOutcome::Failed),
    });
    let md = s.markdown(false);
    let lines: Vec<&str> = md.lines().collect();
    assert_eq!(
        lines[2], "**Host:** `srv01` · **Date:** 2026-11-21 06:00 UTC",
        "{md}"
    );
    assert!(lines[4].starts_with("**Most likely:** "), "{md}");
    let (short, full) = md.split_once("\n---\n").expect("summary above the plan");
    assert!(
        short.contains(&format!("- {}: did not help", first.title)),
        "{short}"
    );
    assert!(
        full.contains("### Pasted items") && full.contains("### Next steps"),
        "{full}"
    );
}

#[wasm_bindgen_test]
fn a_shared_case_never_overwrites_the_case_on_screen() {
    let own = vec![
        paste("Error code: 0x904\nExtended error code: 0x7"),
        Action::SetHost("srv-own".into()),
    ];
    let shared = run(vec![
        paste("Error code: 0x204"),
        Action::SetHost("srv-shared".into()),
    ])
    .share_payload(false);
    let mut actions = own;
    actions.push(Action::OpenShared(shared.clone()));
    let s = run(actions);
    assert_eq!(s.host, "srv-shared");
    assert_eq!(s.kept.len(), 1);
    assert_eq!(s.kept[0].saved.host, "srv-own");
    assert_eq!(s.kept[0].what, "your own case");
    // Switching swaps: the own case is back, the shared one is kept aside.
    let t = s.reduce(Action::SwitchKept);
    assert_eq!(t.host, "srv-own");
    assert_eq!(t.items.len(), 1);
    assert!(t.items[0].content.contains("0x904"));
    assert_eq!(t.kept.len(), 1);
    assert_eq!(t.kept[0].saved.host, "srv-shared");
    // Nothing on screen: nothing to keep.
    let e = run(vec![Action::OpenShared(shared)]);
    assert!(e.kept.is_empty());
    // Discarding the kept case can be undone.
    let d = t.reduce(Action::DiscardKept);
    assert!(d.kept.is_empty());
    assert_eq!(d.reduce(Action::Undo).kept.len(), 1);
}

#[wasm_bindgen_test]
fn an_address_with_new_evidence_keeps_the_case_aside_but_a_reload_does_not() {
    let pre = |code: &str| Action::Prefill {
        fresh: true,
        text: None,
        host: None,
        code: Some(code.into()),
        ext: None,
    };
    let s = run(vec![paste("Error code: 0x904"), pre("0x204")]);
    assert_eq!(s.kept.len(), 1);
    assert_eq!(s.items.len(), 1);
    assert!(s.items[0].content.contains("0x204"));
    let again = s.reduce(pre("0x204"));
    assert_eq!(
        again.kept.len(),
        1,
        "the same address again keeps nothing more"
    );
    // A portal's prefill by message adds to the case in the frame.
    let msg = run(vec![
        paste("Error code: 0x904"),
        Action::Prefill {
            fresh: false,
            text: Some("Error code: 0x204".into()),
            host: None,
            code: None,
            ext: None,
        },
    ]);
    assert!(msg.kept.is_empty());
    assert_eq!(msg.items.len(), 2);
}

#[wasm_bindgen_test]
fn undo_puts_back_feedback_and_removed_items_until_the_next_action() {
    let s = run(vec![paste("Error code: 0x904\nExtended error code: 0x7")]);
    let id = s.items[0].id;
    let r = s.clone().reduce(Action::Remove(id));
    assert!(r.items.is_empty());
    assert_eq!(r.focus.as_deref(), Some("undo"));
    let u = r.reduce(Action::Undo);
    assert_eq!(u.items.len(), 1);
    assert_eq!(u.focus.as_deref(), Some(format!("remove-{id}").as_str()));
    assert!(u.undo.is_none());
    let f = s.clone().reduce(Action::Feedback {
        fix: "f1".into(),
        outcome: Some(FixOutcome::Failed),
    });
    assert!(f.undo.as_ref().unwrap().text.contains("didn't help"));
    assert!(f.clone().reduce(Action::Undo).feedback.is_empty());
    // The next action ends the offer; an expiry for another offer does not.
    let seq = f.undo_seq;
    assert!(f.clone().reduce(paste("Error code: 0x204")).undo.is_none());
    assert!(f
        .clone()
        .reduce(Action::ExpireUndo {
            seq: seq + 1,
            had_focus: false
        })
        .undo
        .is_some());
    assert!(f
        .reduce(Action::ExpireUndo {
            seq,
            had_focus: false
        })
        .undo
        .is_none());
}
