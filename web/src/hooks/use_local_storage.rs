//! `use_local_storage`: read, write and remove one key of `window.localStorage`, with quota
//! and "storage disabled" errors returned as messages instead of thrown.
use yew::prelude::*;

/// Access to one local-storage key.
#[derive(Clone, PartialEq)]
pub struct LocalStorage {
    key: &'static str,
}

impl LocalStorage {
    fn storage() -> Result<web_sys::Storage, String> {
        web_sys::window()
            .and_then(|w| w.local_storage().ok().flatten())
            .ok_or_else(|| "This browser does not allow local storage here (private mode or a policy), so nothing survives a reload.".to_string())
    }

    pub fn load(&self) -> Option<String> {
        Self::storage().ok()?.get_item(self.key).ok().flatten()
    }

    /// Saves `value`; on failure (quota exceeded, storage disabled) returns a message.
    pub fn save(&self, value: &str) -> Result<(), String> {
        let s = Self::storage()?;
        s.set_item(self.key, value).map_err(|e| {
            let name = js_sys::Reflect::get(&e, &"name".into())
                .ok()
                .and_then(|n| n.as_string())
                .unwrap_or_default();
            if name == "QuotaExceededError" {
                "The browser's storage is full".to_string()
            } else {
                format!("The browser refused to save ({name})")
            }
        })
    }

    pub fn remove(&self) {
        if let Ok(s) = Self::storage() {
            let _ = s.remove_item(self.key);
        }
    }
}

#[hook]
pub fn use_local_storage(key: &'static str) -> LocalStorage {
    LocalStorage { key }
}
