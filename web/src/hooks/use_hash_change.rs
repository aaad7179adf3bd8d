//! `use_hash_change`: notices a share link (`#r=…`) opened in a tab where the app is already
//! running (same-document navigation, so no reload), hands the payload over and removes it
//! from the address bar.
use super::use_url::parse;
use gloo::events::EventListener;
use yew::prelude::*;

#[hook]
pub fn use_hash_change(on_share: Callback<String>) {
    use_effect_with((), move |_| {
        let win = gloo::utils::window();
        let listener = EventListener::new(&win, "hashchange", move |_| {
            let win = gloo::utils::window();
            let loc = win.location();
            let hash = loc.hash().unwrap_or_default();
            if let Some(p) = parse("", hash.trim_start_matches('#')).share {
                let clean = format!(
                    "{}{}",
                    loc.pathname().unwrap_or_default(),
                    loc.search().unwrap_or_default()
                );
                gloo::history::History::replace(&gloo::history::BrowserHistory::new(), clean);
                on_share.emit(p);
            }
        });
        move || drop(listener)
    });
}
