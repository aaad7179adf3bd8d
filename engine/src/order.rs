//! One sort for the whole engine (a smaller wasm: every `sort_by` closure is its own copy of
//! the standard sort, 2-4 KB each). Callers describe an item's place by a [`Key`] of integers
//! compared left to right and end it with the item's position, so equal items keep their order
//! (the result is what a stable sort gives) and every sort runs `[Key]::sort_unstable`. String
//! order enters a key as a rank ([`ranks`], which sorts `(String, usize)` pairs: the one other
//! sort, shared with the catalog's name index). New code should sort through here too.

/// A sort key: compared element by element; the last used element is the item's position.
pub type Key = [u64; 4];

/// Orders keys ascending (the one sort instance).
#[inline(never)]
pub fn sort(keys: &mut [Key]) {
    keys.sort_unstable();
}

/// The positions of the items in ascending key order; `slot` says which key element holds the
/// item's position.
pub fn positions(mut keys: Vec<Key>, slot: usize) -> Vec<usize> {
    sort(&mut keys);
    keys.iter().map(|k| k[slot] as usize).collect()
}

/// `items` rearranged into `order` (a permutation of their positions, from [`positions`]).
pub fn permute<T>(items: Vec<T>, order: &[usize]) -> Vec<T> {
    let mut slots: Vec<Option<T>> = items.into_iter().map(Some).collect();
    order
        .iter()
        .filter_map(|&i| slots.get_mut(i).and_then(Option::take))
        .collect()
}

/// A key for `x` ascending, in the order of [`f64::total_cmp`]; `!f64_key(x)` sorts descending.
pub fn f64_key(x: f64) -> u64 {
    let b = x.to_bits();
    if b >> 63 == 1 {
        !b
    } else {
        b | 1 << 63
    }
}

/// For each string, how many of the strings sort before it (equal strings get the same rank),
/// so string order can go into a [`Key`]. Sorts `(String, usize)` pairs: the same sort as the
/// catalog's name index, so no further copy of the sort in the wasm.
pub fn ranks<'a>(strings: impl Iterator<Item = &'a str>) -> Vec<u64> {
    let mut v: Vec<(String, usize)> = strings
        .enumerate()
        .map(|(i, s)| (s.to_string(), i))
        .collect();
    v.sort_unstable();
    let mut out = vec![0; v.len()];
    let mut rank = 0;
    for (k, (s, i)) in v.iter().enumerate() {
        if k > 0 && v[k - 1].0 != *s {
            rank = k as u64;
        }
        if let Some(r) = out.get_mut(*i) {
            *r = rank;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn f64_keys_order_like_total_cmp() {
        let xs = [
            f64::NEG_INFINITY,
            -1e300,
            -2.5,
            -0.0,
            0.0,
            1e-310,
            0.5,
            2.5,
            f64::INFINITY,
            f64::NAN,
            -f64::NAN,
        ];
        for a in xs {
            for b in xs {
                assert_eq!(f64_key(a).cmp(&f64_key(b)), a.total_cmp(&b), "{a} {b}");
            }
        }
    }

    #[test]
    fn sorting_by_keys_is_stable_and_permutes() {
        let items = vec!["b", "a", "b", "c", "a"];
        let r = ranks(items.iter().copied());
        assert_eq!(r, vec![2, 0, 2, 4, 0]);
        let keys = r
            .iter()
            .enumerate()
            .map(|(i, &k)| [k, i as u64, 0, 0])
            .collect();
        let order = positions(keys, 1);
        assert_eq!(order, vec![1, 4, 0, 2, 3]);
        let mut want = items.clone();
        want.sort();
        assert_eq!(permute(items, &order), want);
    }
}
