//! Yew component tests in headless Chromium (wasm-bindgen-test + chromedriver): the whole app
//! for the paste flow, and single components fed hand-made reports (fixes, causes, certificate
//! cards) so their rendering and callbacks are checked before the knowledge base lands.
#![cfg(target_arch = "wasm32")]

use engine::cert::{CertReport, CertVerdict};
use engine::finding::Severity;
use engine::schema::FixOutcome;
use engine::schema::{Command, RankedCause, RankedFix, Step, Why};
use engine::Report;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web::components::{cause_list::CauseList, decoded_list::DecodedList, fix_card::FixCard};
use yew::prelude::*;

wasm_bindgen_test_configure!(run_in_browser);

/// A fresh root; earlier roots and the saved session are removed so tests do not see each other.
fn root() -> web_sys::Element {
    let doc = gloo::utils::document();
    if let Ok(Some(s)) = gloo::utils::window().local_storage() {
        let _ = s.clear();
    }
    let old = doc.get_elements_by_class_name("test-root");
    while let Some(e) = old.item(0) {
        e.remove();
    }
    let root = doc.create_element("div").unwrap();
    root.set_class_name("test-root");
    doc.body().unwrap().append_child(&root).unwrap();
    root
}

fn click(root: &web_sys::Element, selector: &str) {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("{selector} missing"))
        .dyn_into::<web_sys::HtmlElement>()
        .unwrap()
        .click();
}

async fn add_paste(root: &web_sys::Element, text: &str) {
    let ta: web_sys::HtmlTextAreaElement = root
        .query_selector("#paste")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    ta.set_value(text);
    click(root, "#add");
    yew::scheduler::flush().await;
}

#[wasm_bindgen_test]
async fn pasting_0x904_0x7_shows_both_meanings() {
    let root = root();
    yew::Renderer::<web::App>::with_root(root.clone()).render();
    yew::scheduler::flush().await;
    add_paste(&root, "Error code: 0x904\nExtended error code: 0x7").await;
    let meaning = root
        .query_selector("#meaning")
        .unwrap()
        .unwrap()
        .text_content()
        .unwrap();
    assert!(
        meaning.contains("disconnectReasonAtClientWinsockFDCLOSE"),
        "{meaning}"
    );
    assert!(
        meaning.contains("ERRINFO_SERVER_DENIED_CONNECTION"),
        "{meaning}"
    );
    // The recognised text is highlighted with <mark>, and the item can be removed.
    assert!(root.query_selector("#evidence mark").unwrap().is_some());
    click(&root, "#evidence .remove");
    yew::scheduler::flush().await;
    assert!(root.query_selector("#evidence mark").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn pasted_html_is_shown_as_text_never_as_markup() {
    let root = root();
    yew::Renderer::<web::App>::with_root(root.clone()).render();
    yew::scheduler::flush().await;
    add_paste(&root, "<img src=x onerror=\"window.__xss=1\"><script>window.__xss=2</script><b>bold</b> Error code: 0x904").await;
    assert!(root
        .query_selector("#evidence img, #evidence script, #evidence b")
        .unwrap()
        .is_none());
    assert!(root
        .query_selector("#evidence .item-text")
        .unwrap()
        .unwrap()
        .text_content()
        .unwrap()
        .contains("<img src=x"));
}

#[wasm_bindgen_test]
async fn session_survives_a_remount() {
    let root1 = root();
    let h = yew::Renderer::<web::App>::with_root(root1.clone()).render();
    yew::scheduler::flush().await;
    add_paste(&root1, "Error code: 0x904").await;
    h.destroy();
    root1.remove();
    let root2 = gloo::utils::document().create_element("div").unwrap();
    root2.set_class_name("test-root");
    gloo::utils::document()
        .body()
        .unwrap()
        .append_child(&root2)
        .unwrap();
    yew::Renderer::<web::App>::with_root(root2.clone()).render();
    yew::scheduler::flush().await;
    assert!(root2
        .query_selector("#evidence")
        .unwrap()
        .unwrap()
        .text_content()
        .unwrap()
        .contains("Error code: 0x904"));
}

fn fix() -> RankedFix {
    RankedFix {
        id: "renew-cert".into(),
        title: "Renew the RDP certificate".into(),
        causes: vec!["cert-expired".into()],
        who: "admin".into(),
        minutes: 10,
        risk: "low".into(),
        privileges: "local admin".into(),
        steps: vec![
            Step {
                text: "Delete the expired certificate".into(),
                command: Some(Command {
                    shell: "powershell".into(),
                    text: "Restart-Service SessionEnv -Force".into(),
                }),
            },
            Step {
                text: "Reconnect".into(),
                command: None,
            },
        ],
        verify: "The client connects without a certificate warning".into(),
        probability: 0.8,
        why: "Most likely cause and quick".into(),
        ..RankedFix::default()
    }
}

#[wasm_bindgen_test]
async fn fix_card_shows_steps_copy_buttons_and_reports_feedback() {
    let root = root();
    let got: Rc<RefCell<Vec<Option<FixOutcome>>>> = Rc::default();
    let sink = got.clone();
    let props = web::components::fix_card::Props {
        rank: 1,
        fix: fix(),
        outcome: None,
        on_feedback: Callback::from(move |o| sink.borrow_mut().push(o)),
        expanded: true,
    };
    yew::Renderer::<FixCard>::with_root_and_props(root.clone(), props).render();
    yew::scheduler::flush().await;
    let text = root.text_content().unwrap();
    for want in [
        "Renew the RDP certificate",
        "a server admin",
        "~10 min",
        "Risk: low",
        "Restart-Service SessionEnv -Force",
        "Check it worked",
        "Most likely cause",
    ] {
        assert!(text.contains(want), "missing {want}: {text}");
    }
    assert_eq!(root.query_selector_all(".cmd button").unwrap().length(), 1);
    click(&root, "button[data-outcome=failed]");
    click(&root, "button[data-outcome=worked]");
    assert_eq!(
        *got.borrow(),
        vec![Some(FixOutcome::Failed), Some(FixOutcome::Worked)]
    );
}

#[wasm_bindgen_test]
async fn causes_render_meters_and_why() {
    let root = root();
    let causes = vec![
        RankedCause {
            id: "cert-expired".into(),
            title: "Certificate expired".into(),
            probability: 0.72,
            description: "d".into(),
            confirm: "c".into(),
            why: vec![Why {
                evidence: "ext:0x7".into(),
                label: "Extended error code 0x7".into(),
                ratio: 3.0,
            }],
        },
        RankedCause {
            id: "firewall-blocked".into(),
            title: "Firewall".into(),
            probability: 0.05,
            ..RankedCause::default()
        },
    ];
    yew::Renderer::<CauseList>::with_root_and_props(
        root.clone(),
        web::components::cause_list::Props {
            causes: Rc::new(causes),
        },
    )
    .render();
    yew::scheduler::flush().await;
    let meters = root.query_selector_all("meter").unwrap();
    assert_eq!(meters.length(), 2);
    let first: web_sys::Element = meters.item(0).unwrap().dyn_into().unwrap();
    assert_eq!(first.get_attribute("value").as_deref(), Some("72"));
    // One neutral scale: no low/high/optimum that would paint a likely cause "good".
    assert_eq!(first.get_attribute("optimum"), None);
    assert_eq!(first.get_attribute("low"), None);
    let text = root.text_content().unwrap();
    assert!(
        text.contains("72 %")
            && text.contains("Extended error code 0x7")
            && text.contains("points to it"),
        "{text}"
    );
    // Plain words: the cause ID and the factor stay in the JSON.
    assert!(
        !text.contains("cert-expired") && !text.contains('×'),
        "{text}"
    );
}

#[wasm_bindgen_test]
async fn certificate_card_shows_verdicts_with_severity() {
    let root = root();
    let report = Report {
        certificates: vec![CertReport {
            subject: "CN=srv01.corp.example".into(),
            not_after: "2025-01-01T00:00:00Z".into(),
            days_left: -690,
            sans: vec!["srv01.corp.example".into()],
            thumbprint_sha1: "AB12".into(),
            verdicts: vec![CertVerdict {
                id: "expired".into(),
                severity: Severity::Error,
                title: "Expired".into(),
                explanation: "The certificate expired".into(),
            }],
            ..CertReport::default()
        }],
        ..Report::default()
    };
    yew::Renderer::<DecodedList>::with_root_and_props(
        root.clone(),
        web::components::decoded_list::Props {
            report: Rc::new(report),
            pending: false,
        },
    )
    .render();
    yew::scheduler::flush().await;
    let v = root
        .query_selector("[data-verdict=expired]")
        .unwrap()
        .unwrap()
        .text_content()
        .unwrap();
    assert!(v.contains("Problem") && v.contains("Expired"), "{v}");
    let text = root.text_content().unwrap();
    assert!(
        text.contains("expired 690 days ago") && text.contains("AB12"),
        "{text}"
    );
}

#[wasm_bindgen_test]
async fn question_answer_and_fix_feedback_go_through_the_real_engine() {
    let root = root();
    yew::Renderer::<web::App>::with_root(root.clone()).render();
    yew::scheduler::flush().await;
    add_paste(&root, "Error code: 0x904\nExtended error code: 0x7").await;
    let q = root
        .query_selector("#question .q-text")
        .unwrap()
        .expect("a question is asked")
        .text_content()
        .unwrap();
    click(&root, "#question .options button");
    yew::scheduler::flush().await;
    let answered = root
        .query_selector("#question .answered")
        .unwrap()
        .expect("answered list")
        .text_content()
        .unwrap();
    assert!(answered.contains(&q), "{answered}");
    let top = root
        .query_selector("#fixes li.fix")
        .unwrap()
        .expect("fixes")
        .get_attribute("data-fix")
        .unwrap();
    click(&root, "#fixes li.fix button[data-outcome=failed]");
    yew::scheduler::flush().await;
    let failed = root
        .query_selector(&format!(
            "#fixes li.fix[data-fix='{top}'] button[data-outcome=failed]"
        ))
        .unwrap()
        .unwrap();
    assert_eq!(
        failed.get_attribute("aria-pressed").as_deref(),
        Some("true")
    );
    let new_top = root
        .query_selector("#fixes li.fix")
        .unwrap()
        .unwrap()
        .get_attribute("data-fix")
        .unwrap();
    assert_ne!(new_top, top, "a fix that did not help is no longer first");
}
