//! The evidence vocabulary: the one contract between the parsers (text, certificate, probe)
//! and the knowledge base. Every finding carries one key; every likelihood in the knowledge
//! base names one key; a consistency test checks that both sides use only known keys.
//!
//! Families:
//! - code keys, derived from the code catalog: `disc:0x904`, `ext:0x7`, `neg:0x5`,
//!   `hresult:0x80090327`, `alert:48`, `event:1057`, `freerdp:ERRCONNECT_TLS_CONNECT_FAILED`
//!   (see [`crate::catalog::evidence_key_exists`]);
//! - static keys owned by each parser: `msg:*`, `hint:*`, `ctx:*`, `net:*` ([`crate::text::keys`]),
//!   `cert:*` ([`crate::cert::keys`]), `probe:*` ([`crate::probe::keys`]);
//! - answer keys `ans:*`, declared by the question files of the knowledge base.
//!
//! Keys are stable: never rename or reuse one; add new ones.

pub use crate::finding::KeyInfo;
use std::sync::OnceLock;

/// Every static key (all families except code keys and answer keys).
pub fn static_keys() -> impl Iterator<Item = &'static KeyInfo> {
    crate::text::keys::MESSAGE_KEYS
        .iter()
        .chain(crate::text::keys::HINT_KEYS)
        .chain(crate::text::keys::CONTEXT_KEYS)
        .chain(crate::text::keys::NET_KEYS)
        .chain(crate::cert::keys::CERT_KEYS)
        .chain(crate::probe::keys::PROBE_KEYS)
}

/// Every static key with its meaning, sorted by key (where a key were declared twice, the
/// first declaration is kept), built once: the knowledge load looks up every likelihood's key.
fn sorted_keys() -> &'static [(&'static str, &'static str)] {
    static SORTED: OnceLock<Vec<(&'static str, &'static str)>> = OnceLock::new();
    SORTED.get_or_init(|| {
        let mut v: Vec<_> = static_keys().map(|k| (k.key, k.description)).collect();
        // Stable: among equal keys the first declared comes first, and dedup keeps it.
        v.sort_by(|a, b| a.0.cmp(b.0));
        v.dedup_by(|later, earlier| later.0 == earlier.0);
        v
    })
}

/// Meaning of a static key, if it is one.
pub fn describe(key: &str) -> Option<&'static str> {
    let v = sorted_keys();
    v.binary_search_by(|(k, _)| (*k).cmp(key))
        .ok()
        .map(|i| v[i].1)
}

/// True when `key` is a static key or a code key known to the catalog.
/// (Answer keys are checked by the knowledge base, which declares them.)
pub fn is_known(key: &str) -> bool {
    describe(key).is_some() || crate::catalog::evidence_key_exists(key)
}
