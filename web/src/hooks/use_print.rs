//! `use_print`: opens the browser's print dialog (the print stylesheet gives a clean layout).
//! `before` runs first, whichever way printing starts: the returned callback runs it and opens
//! the dialog a moment later (once the page has rendered what `before` changed), and the
//! window's `beforeprint` event runs it for the browser's own Print command (the event's
//! listener returns before the page is laid out for printing, so the render happens first).
use gloo::events::EventListener;
use gloo::timers::callback::Timeout;
use yew::prelude::*;

#[hook]
pub fn use_print(before: Callback<()>) -> Callback<()> {
    {
        let before = before.clone();
        use_effect_with((), move |_| {
            let listener = EventListener::new(&gloo::utils::window(), "beforeprint", move |_| {
                before.emit(())
            });
            move || drop(listener)
        });
    }
    Callback::from(move |_| {
        before.emit(());
        Timeout::new(0, || {
            let _ = gloo::utils::window().print();
        })
        .forget();
    })
}
