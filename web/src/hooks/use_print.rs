//! `use_print`: opens the browser's print dialog (the print stylesheet gives a clean layout).
use yew::prelude::*;

#[hook]
pub fn use_print() -> Callback<()> {
    Callback::from(|_| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    })
}
