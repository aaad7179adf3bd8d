//! String-keyed maps without the standard library's generic hash and B-tree maps.
//!
//! `StrMap<V>`: a small map from `String` keys, kept as a sorted `Vec` of pairs.
//!
//! The request's answers, feedback and skipped questions hold a handful of entries. As
//! `BTreeMap`s they brought about 25 KB of B-tree code (insert, remove, rebalancing, cloning,
//! one copy per key/value type) into the wasm; a sorted vector with binary search does the same
//! job for small maps in a fraction of that. Iteration order is key order, like `BTreeMap`;
//! serde writes a `StrMap` as a JSON object and a [`StrSet`] as a list, byte for byte what the
//! `BTreeMap`/`BTreeSet` wrote.

use crate::json::{FromJson, Json};

/// Numbers for strings, for tables that are large or looked up often (the redactor's
/// placeholders over a 16 MB paste, the knowledge base's ID and evidence indexes): an
/// open-addressing table of indexes (FNV-1a, linear probing, at most half full) over the
/// entries in insertion order. One non-generic type instead of a `HashMap` instance.
#[derive(Debug, Clone, Default)]
pub struct StrNumbers {
    entries: Vec<(String, usize)>,
    /// 0 = empty, otherwise an index into `entries` plus one. Length 0 or a power of two.
    slots: Vec<u32>,
}

impl StrNumbers {
    fn hash(key: &str) -> u64 {
        key.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
        })
    }

    /// The slot holding `key`, or the empty slot where it would go (`slots` is never full).
    fn slot(&self, key: &str) -> usize {
        let mask = self.slots.len() - 1;
        let mut i = Self::hash(key) as usize & mask;
        loop {
            match self.slots[i] {
                0 => return i,
                n if self.entries[n as usize - 1].0 == key => return i,
                _ => i = (i + 1) & mask,
            }
        }
    }

    /// Each key numbered by its position (a repeated key keeps its last position, as when
    /// collecting `(key, position)` pairs into a map).
    pub fn of<'a>(keys: impl Iterator<Item = &'a String>) -> Self {
        let mut t = StrNumbers::default();
        for (i, k) in keys.enumerate() {
            t.insert(k.clone(), i);
        }
        t
    }

    pub fn get(&self, key: &str) -> Option<usize> {
        if self.slots.is_empty() {
            return None;
        }
        match self.slots[self.slot(key)] {
            0 => None,
            n => Some(self.entries[n as usize - 1].1),
        }
    }

    /// Sets the number of `key` (inserting it, or replacing its number).
    pub fn insert(&mut self, key: String, number: usize) {
        if (self.entries.len() + 1) * 2 > self.slots.len() {
            let size = (self.slots.len() * 2).max(16);
            self.slots = vec![0; size];
            for i in 0..self.entries.len() {
                let at = self.slot(&self.entries[i].0);
                self.slots[at] = i as u32 + 1;
            }
        }
        let at = self.slot(&key);
        match self.slots[at] {
            0 => {
                self.entries.push((key, number));
                self.slots[at] = self.entries.len() as u32;
            }
            n => self.entries[n as usize - 1].1 = number,
        }
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}
use serde::ser::{SerializeMap, SerializeSeq};

/// A map from strings to `V`, sorted by key, each key once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StrMap<V> {
    entries: Vec<(String, V)>,
}

/// A set of strings, sorted, each once (written to JSON as a list).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct StrSet(StrMap<()>);

impl<V> Default for StrMap<V> {
    fn default() -> Self {
        StrMap {
            entries: Vec::new(),
        }
    }
}

impl<V> StrMap<V> {
    pub fn new() -> Self {
        Self::default()
    }

    /// From pairs in any order (a JSON object's keys as written): sorted by key, a repeated
    /// key keeping its last value. Small inputs, every object of the engine's own files, are
    /// sorted in place by insertion (stable, so the last of equal keys ends up last); larger
    /// ones are placed through the engine's one string ranking (`order::ranks`: equal keys
    /// share a rank, so a later pair overwrites an earlier), so an object with very many keys
    /// stays O(n log n) and no other sort instance enters the wasm.
    pub fn from_pairs(mut pairs: Vec<(String, V)>) -> Self {
        if pairs.len() <= 32 {
            for i in 1..pairs.len() {
                let mut j = i;
                while j > 0 && pairs[j - 1].0 > pairs[j].0 {
                    pairs.swap(j - 1, j);
                    j -= 1;
                }
            }
            // Of equal neighbours keep the later value (in the earlier slot).
            pairs.dedup_by(|later, earlier| {
                let same = later.0 == earlier.0;
                if same {
                    std::mem::swap(later, earlier);
                }
                same
            });
            return StrMap { entries: pairs };
        }
        let ranks = crate::order::ranks(pairs.iter().map(|p| p.0.as_str()));
        let mut slots: Vec<Option<(String, V)>> = Vec::new();
        slots.resize_with(pairs.len(), || None);
        for (pair, r) in pairs.into_iter().zip(ranks) {
            if let Some(s) = slots.get_mut(r as usize) {
                *s = Some(pair);
            }
        }
        StrMap {
            entries: slots.into_iter().flatten().collect(),
        }
    }

    fn find(&self, key: &str) -> Result<usize, usize> {
        self.entries.binary_search_by(|(k, _)| k.as_str().cmp(key))
    }

    pub fn get(&self, key: &str) -> Option<&V> {
        self.find(key)
            .ok()
            .and_then(|i| self.entries.get(i))
            .map(|(_, v)| v)
    }

    pub fn contains_key(&self, key: &str) -> bool {
        self.find(key).is_ok()
    }

    /// Inserts or replaces; returns the value that was there.
    pub fn insert(&mut self, key: String, value: V) -> Option<V> {
        match self.find(&key) {
            Ok(i) => Some(std::mem::replace(&mut self.entries[i].1, value)),
            Err(i) => {
                self.entries.insert(i, (key, value));
                None
            }
        }
    }

    pub fn remove(&mut self, key: &str) -> Option<V> {
        self.find(key).ok().map(|i| self.entries.remove(i).1)
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Entries in key order.
    pub fn iter(&self) -> impl Iterator<Item = (&String, &V)> {
        self.into_iter()
    }

    pub fn keys(&self) -> impl Iterator<Item = &String> {
        self.entries.iter().map(|(k, _)| k)
    }

    pub fn values(&self) -> impl Iterator<Item = &V> {
        self.entries.iter().map(|(_, v)| v)
    }

    pub fn into_values(self) -> impl Iterator<Item = V> {
        self.entries.into_iter().map(|(_, v)| v)
    }
}

impl StrSet {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a key; false when it was already there (like `BTreeSet::insert`).
    pub fn insert(&mut self, key: String) -> bool {
        self.0.insert(key, ()).is_none()
    }

    pub fn remove(&mut self, key: &str) -> bool {
        self.0.remove(key).is_some()
    }

    pub fn contains(&self, key: &str) -> bool {
        self.0.contains_key(key)
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Keys in order.
    pub fn iter(&self) -> impl Iterator<Item = &String> {
        self.into_iter()
    }
}

impl<V> FromIterator<(String, V)> for StrMap<V> {
    fn from_iter<I: IntoIterator<Item = (String, V)>>(iter: I) -> Self {
        StrMap::from_pairs(iter.into_iter().collect())
    }
}

impl FromIterator<String> for StrSet {
    fn from_iter<I: IntoIterator<Item = String>>(iter: I) -> Self {
        StrSet(iter.into_iter().map(|k| (k, ())).collect())
    }
}

impl<'a, V> IntoIterator for &'a StrMap<V> {
    type Item = (&'a String, &'a V);
    type IntoIter = std::iter::Map<
        std::slice::Iter<'a, (String, V)>,
        fn(&'a (String, V)) -> (&'a String, &'a V),
    >;
    fn into_iter(self) -> Self::IntoIter {
        self.entries.iter().map(|(k, v)| (k, v))
    }
}

impl<V> IntoIterator for StrMap<V> {
    type Item = (String, V);
    type IntoIter = std::vec::IntoIter<(String, V)>;
    fn into_iter(self) -> Self::IntoIter {
        self.entries.into_iter()
    }
}

impl<V> Extend<(String, V)> for StrMap<V> {
    fn extend<I: IntoIterator<Item = (String, V)>>(&mut self, iter: I) {
        for (k, v) in iter {
            self.insert(k, v);
        }
    }
}

impl Extend<String> for StrSet {
    fn extend<I: IntoIterator<Item = String>>(&mut self, iter: I) {
        for k in iter {
            self.insert(k);
        }
    }
}

impl IntoIterator for StrSet {
    type Item = String;
    type IntoIter = std::iter::Map<std::vec::IntoIter<(String, ())>, fn((String, ())) -> String>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.entries.into_iter().map(|(k, _)| k)
    }
}

impl<'a> IntoIterator for &'a StrSet {
    type Item = &'a String;
    type IntoIter =
        std::iter::Map<std::slice::Iter<'a, (String, ())>, fn(&'a (String, ())) -> &'a String>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.entries.iter().map(|(k, _)| k)
    }
}

impl serde::Serialize for StrSet {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.len()))?;
        for k in self.iter() {
            seq.serialize_element(k)?;
        }
        seq.end()
    }
}

impl FromJson for StrSet {
    fn from_json(v: &Json) -> Result<Self, crate::json::Error> {
        Ok(Vec::<String>::from_json(v)?.into_iter().collect())
    }
}

impl<V: serde::Serialize> serde::Serialize for StrMap<V> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.entries.len()))?;
        for (k, v) in &self.entries {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

impl<V: FromJson> FromJson for StrMap<V> {
    fn from_json(v: &Json) -> Result<Self, crate::json::Error> {
        let mut out = StrMap::new();
        for (k, item) in crate::json::object_of(v)?.iter() {
            out.insert(k.clone(), V::from_json(item).map_err(|e| e.at_key(k))?);
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::{BTreeMap, BTreeSet};

    /// Against `BTreeMap`: the same contents, order and JSON after any sequence of edits.
    #[test]
    fn behaves_like_a_btree_map() {
        let mut rng = crate::test_rng::Lcg(0x243f_6a88_85a3_08d3);
        let mut ours: StrMap<u32> = StrMap::new();
        let mut theirs: BTreeMap<String, u32> = BTreeMap::new();
        for step in 0..5000u32 {
            let key = format!("k{}", rng.below(37));
            match rng.below(3) {
                0 => assert_eq!(ours.insert(key.clone(), step), theirs.insert(key, step)),
                1 => assert_eq!(ours.remove(&key), theirs.remove(&key)),
                _ => assert_eq!(ours.get(&key), theirs.get(&key)),
            }
            assert_eq!(ours.len(), theirs.len());
        }
        assert!(ours.iter().eq(theirs.iter()));
        assert_eq!(
            serde_json::to_string(&ours).unwrap(),
            serde_json::to_string(&theirs).unwrap()
        );
        let back: StrMap<u32> =
            crate::json::from_str(&serde_json::to_string(&theirs).unwrap()).unwrap();
        assert_eq!(back, ours);
    }

    #[test]
    fn a_set_is_written_as_a_sorted_list() {
        let mut ours: StrSet = ["b", "a", "c", "a"].iter().map(|s| s.to_string()).collect();
        let theirs: BTreeSet<String> = ["b", "a", "c", "a"].iter().map(|s| s.to_string()).collect();
        assert_eq!(ours.len(), 3);
        assert!(ours.contains("a") && !ours.contains("d"));
        assert!(!ours.insert("a".into()) && ours.insert("d".into()) && ours.remove("d"));
        let back: StrSet = crate::json::from_str(r#"["c","a","b"]"#).unwrap();
        assert_eq!(back, ours);
        assert_eq!(
            serde_json::to_string(&ours).unwrap(),
            serde_json::to_string(&theirs).unwrap()
        );
    }

    #[test]
    fn numbers_behave_like_a_hash_map() {
        let mut rng = crate::test_rng::Lcg(0x9e37_79b9_7f4a_7c15);
        let mut ours = StrNumbers::default();
        let mut theirs = std::collections::HashMap::new();
        assert_eq!(ours.get("a"), None);
        for step in 0..20_000usize {
            let key = format!("v{}", rng.below(3000));
            if rng.below(2) == 0 {
                ours.insert(key.clone(), step);
                theirs.insert(key, step);
            } else {
                assert_eq!(ours.get(&key), theirs.get(&key).copied());
            }
        }
        assert_eq!(ours.len(), theirs.len());
        for (k, v) in &theirs {
            assert_eq!(ours.get(k), Some(*v));
        }
    }

    /// Both ways of building from pairs (one by one below 33 pairs, through ranks above) sort
    /// and keep the last value of a repeated key, like inserting into a `BTreeMap` in order.
    #[test]
    fn from_pairs_sorts_and_keeps_the_last_value() {
        let mut rng = crate::test_rng::Lcg(5);
        for n in [0usize, 1, 2, 31, 32, 33, 34, 200] {
            let pairs: Vec<(String, u64)> = (0..n)
                .map(|_| (format!("k{}", rng.below(n as u64 / 2 + 1)), rng.next()))
                .collect();
            let ours = StrMap::from_pairs(pairs.clone());
            let theirs: BTreeMap<String, u64> = pairs.into_iter().collect();
            assert!(ours.iter().eq(theirs.iter()), "{n} pairs");
        }
    }
}
