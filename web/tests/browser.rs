//! Yew component tests in headless Chromium (wasm-bindgen-test + chromedriver).
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn mount() -> web_sys::Element {
    let doc = gloo::utils::document();
    let root = doc.create_element("div").unwrap();
    doc.body().unwrap().append_child(&root).unwrap();
    yew::Renderer::<web::App>::with_root(root.clone()).render();
    root
}

#[wasm_bindgen_test]
async fn pasting_0x904_0x7_shows_both_meanings() {
    let root = mount();
    yew::scheduler::flush().await;
    let doc = gloo::utils::document();
    let ta: web_sys::HtmlTextAreaElement = doc.get_element_by_id("paste").unwrap().dyn_into().unwrap();
    ta.set_value("Error code: 0x904\nExtended error code: 0x7");
    let ev = web_sys::InputEvent::new("input").unwrap();
    ta.dispatch_event(&ev).unwrap();
    yew::scheduler::flush().await;
    let text = root.text_content().unwrap();
    assert!(text.contains("disconnectReasonAtClientWinsockFDCLOSE"), "{text}");
    assert!(text.contains("ERRINFO_SERVER_DENIED_CONNECTION"), "{text}");
}
