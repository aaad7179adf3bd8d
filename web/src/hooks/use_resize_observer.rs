//! `use_resize_observer`: watches the height of the element `selector` names (a
//! `ResizeObserver`) and calls back with its bottom edge in CSS pixels whenever that changes
//! (embedded mode tells the portal, `use_embed`). Observes only while a callback is given;
//! restarted when `deps` change.
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::prelude::Closure;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// The element's bottom edge in the document: where the page's content ends.
fn bottom(selector: &str) -> Option<i32> {
    let el = gloo::utils::document().query_selector(selector).ok()??;
    let el: web_sys::HtmlElement = el.dyn_into().ok()?;
    Some(el.offset_top() + el.offset_height())
}

#[hook]
pub fn use_resize_observer<D: PartialEq + 'static>(
    selector: &'static str,
    deps: D,
    on_height: Option<Callback<i32>>,
) {
    use_effect_with(deps, move |_| {
        let observer = on_height.and_then(|cb| {
            let last = Rc::new(Cell::new(-1));
            let report = move || {
                if let Some(h) = bottom(selector) {
                    if h != last.get() {
                        last.set(h);
                        cb.emit(h);
                    }
                }
            };
            let closure = Closure::<dyn FnMut(js_sys::Array)>::new(move |_| report());
            let ro = web_sys::ResizeObserver::new(closure.as_ref().unchecked_ref()).ok()?;
            let el = gloo::utils::document().query_selector(selector).ok()??;
            ro.observe(&el);
            Some((ro, closure))
        });
        move || {
            if let Some((ro, _closure)) = observer {
                ro.disconnect();
            }
        }
    });
}
