//! Typed reads out of a [`Json`] tree: the [`FromJson`] trait, its impls for the primitives and
//! collections the schemas use, and the [`json_struct!`](crate::json_struct) macro that writes
//! a struct's impl from its field list (the Rust field name is the JSON key, as with serde's
//! derive). The shared work (type checks, range checks, error paths) lives in non-generic
//! functions so each type adds only a few field look-ups to the wasm.
//!
//! Field rules (those of serde's derive): unknown keys are ignored; a missing `Option` field is
//! `None`; a missing field marked `default` takes `Default::default()` (or the named function);
//! any other missing field is an error naming it. `null` is only accepted by `Option` (and
//! `Json`). Errors carry the path of the value (`texts[2]: expected a string, found a number`).

use super::{Error, Json, Map, Number};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// A type that can be read from a [`Json`] value.
pub trait FromJson: Sized {
    fn from_json(v: &Json) -> Result<Self, Error>;
    /// The value of a missing field, when the type has one (`None` for `Option`).
    fn missing() -> Option<Self> {
        None
    }
}

/// `v` as an object, or an error saying it is not one.
pub fn object_of(v: &Json) -> Result<&Map, Error> {
    v.as_object()
        .ok_or_else(|| Error::expected("an object {…}", v))
}

fn missing_field(key: &str) -> Error {
    Error::new(format!("the required field \"{key}\" is missing"))
}

/// A field that must be present unless its type has a missing value (`Option`).
pub fn field<T: FromJson>(o: &Map, key: &str) -> Result<T, Error> {
    match o.get(key) {
        Some(v) => T::from_json(v).map_err(|e| e.at_key(key)),
        None => T::missing().ok_or_else(|| missing_field(key)),
    }
}

/// A field that takes `dflt()` when missing.
pub fn field_or<T: FromJson>(o: &Map, key: &str, dflt: fn() -> T) -> Result<T, Error> {
    match o.get(key) {
        Some(v) => T::from_json(v).map_err(|e| e.at_key(key)),
        None => Ok(dflt()),
    }
}

/// A field's value when present (for structs whose every field defaults to `Self::default()`).
pub fn field_opt<T: FromJson>(o: &Map, key: &str) -> Result<Option<T>, Error> {
    match o.get(key) {
        Some(v) => T::from_json(v).map(Some).map_err(|e| e.at_key(key)),
        None => Ok(None),
    }
}

/// Implements [`FromJson`] for a struct from its field list. Forms per field: `name` (required;
/// an `Option` may be missing), `name: default` (`#[serde(default)]`), `name: default(path)`
/// (`#[serde(default = "path")]`). With `default` before the type name every missing field
/// comes from `Self::default()` (a container-level `#[serde(default)]`).
///
/// ```ignore
/// json_struct!(Span { item: default, start, end });
/// json_struct!(default TlsVersions { tls1_0, tls1_1, tls1_2, tls1_3 });
/// ```
#[macro_export]
macro_rules! json_struct {
    (default $ty:ident { $($f:ident),+ $(,)? }) => {
        impl $crate::json::FromJson for $ty {
            fn from_json(v: &$crate::json::Json) -> Result<Self, $crate::json::Error> {
                let o = $crate::json::object_of(v)?;
                let mut out = <$ty as Default>::default();
                $(
                    if let Some(x) = $crate::json::field_opt(o, stringify!($f))? {
                        out.$f = x;
                    }
                )+
                Ok(out)
            }
        }
    };
    ($ty:ident { $($f:ident $(: $kind:ident $(($fun:path))?)?),+ $(,)? }) => {
        impl $crate::json::FromJson for $ty {
            fn from_json(v: &$crate::json::Json) -> Result<Self, $crate::json::Error> {
                let o = $crate::json::object_of(v)?;
                Ok($ty {
                    $($f: $crate::json_struct!(@field o $f $($kind $(($fun))?)?)?,)+
                })
            }
        }
    };
    (@field $o:ident $f:ident) => {
        $crate::json::field($o, stringify!($f))
    };
    (@field $o:ident $f:ident default) => {
        $crate::json::field_or($o, stringify!($f), Default::default)
    };
    (@field $o:ident $f:ident default($fun:path)) => {
        $crate::json::field_or($o, stringify!($f), $fun)
    };
}

/// The index in `names` of a unit enum variant written as its name (for `unit_enum!` and the
/// web app's enums).
pub fn unit_variant(v: &Json, names: &[&str]) -> Result<usize, Error> {
    let s = v
        .as_str()
        .ok_or_else(|| Error::expected("one of the names in quotes", v))?;
    names.iter().position(|n| *n == s).ok_or_else(|| {
        Error::new(format!(
            "unknown value \"{s}\", expected one of \"{}\"",
            names.join("\", \"")
        ))
    })
}

impl FromJson for Json {
    fn from_json(v: &Json) -> Result<Self, Error> {
        Ok(v.clone())
    }
}

impl FromJson for String {
    fn from_json(v: &Json) -> Result<Self, Error> {
        match v {
            Json::String(s) => Ok(s.clone()),
            _ => Err(Error::expected("a string", v)),
        }
    }
}

impl FromJson for bool {
    fn from_json(v: &Json) -> Result<Self, Error> {
        v.as_bool()
            .ok_or_else(|| Error::expected("true or false", v))
    }
}

impl FromJson for f64 {
    fn from_json(v: &Json) -> Result<Self, Error> {
        v.as_f64().ok_or_else(|| Error::expected("a number", v))
    }
}

/// A whole number in `lo..=hi` (as an `i128`, which holds every `u64` and `i64`).
fn whole(v: &Json, lo: i64, hi: u64) -> Result<i128, Error> {
    let range = || format!("a whole number from {lo} to {hi}");
    let (n, shown) = match v {
        Json::Number(Number::U64(n)) => (i128::from(*n), n.to_string()),
        Json::Number(Number::I64(n)) => (i128::from(*n), n.to_string()),
        _ => return Err(Error::expected(&range(), v)),
    };
    if n < i128::from(lo) || n > i128::from(hi) {
        return Err(Error::new(format!("expected {}, found {shown}", range())));
    }
    Ok(n)
}

macro_rules! int_from_json {
    ($($t:ty),+) => {$(
        impl FromJson for $t {
            fn from_json(v: &Json) -> Result<Self, Error> {
                let n = whole(v, <$t>::MIN as i64, <$t>::MAX as u64)?;
                <$t>::try_from(n).map_err(|_| Error::new("number out of range"))
            }
        }
    )+};
}
int_from_json!(u8, u16, u32, u64, usize, i32, i64);

impl<T: FromJson> FromJson for Option<T> {
    fn from_json(v: &Json) -> Result<Self, Error> {
        match v {
            Json::Null => Ok(None),
            _ => T::from_json(v).map(Some),
        }
    }
    fn missing() -> Option<Self> {
        Some(None)
    }
}

impl<T: FromJson> FromJson for Box<T> {
    fn from_json(v: &Json) -> Result<Self, Error> {
        T::from_json(v).map(Box::new)
    }
}

fn array_of(v: &Json) -> Result<&[Json], Error> {
    match v {
        Json::Array(a) => Ok(a),
        _ => Err(Error::expected("a list […]", v)),
    }
}

// The collections are filled by plain loops: `collect()` into a `Result` would add an
// iterator adapter per element type, and into a B-tree a sort per element type (wasm size).

impl<T: FromJson> FromJson for Vec<T> {
    fn from_json(v: &Json) -> Result<Self, Error> {
        let a = array_of(v)?;
        let mut out = Vec::with_capacity(a.len());
        for (i, x) in a.iter().enumerate() {
            out.push(T::from_json(x).map_err(|e| e.at_index(i))?);
        }
        Ok(out)
    }
}

impl<T: FromJson + Ord> FromJson for BTreeSet<T> {
    fn from_json(v: &Json) -> Result<Self, Error> {
        let mut out = BTreeSet::new();
        for (i, x) in array_of(v)?.iter().enumerate() {
            out.insert(T::from_json(x).map_err(|e| e.at_index(i))?);
        }
        Ok(out)
    }
}

impl<T: FromJson> FromJson for BTreeMap<String, T> {
    fn from_json(v: &Json) -> Result<Self, Error> {
        let mut out = BTreeMap::new();
        for (k, x) in object_of(v)?.iter() {
            out.insert(k.clone(), T::from_json(x).map_err(|e| e.at_key(k))?);
        }
        Ok(out)
    }
}

impl<T: FromJson, S: std::hash::BuildHasher + Default> FromJson for HashMap<String, T, S> {
    fn from_json(v: &Json) -> Result<Self, Error> {
        let mut out = HashMap::default();
        for (k, x) in object_of(v)?.iter() {
            out.insert(k.clone(), T::from_json(x).map_err(|e| e.at_key(k))?);
        }
        Ok(out)
    }
}

/// A list of exactly `n` elements.
fn tuple_of(v: &Json, n: usize) -> Result<&[Json], Error> {
    let a = array_of(v)?;
    if a.len() != n {
        return Err(Error::new(format!(
            "expected a list of {n} elements, found {}",
            a.len()
        )));
    }
    Ok(a)
}

impl<A: FromJson, B: FromJson> FromJson for (A, B) {
    fn from_json(v: &Json) -> Result<Self, Error> {
        let a = tuple_of(v, 2)?;
        Ok((
            A::from_json(&a[0]).map_err(|e| e.at_index(0))?,
            B::from_json(&a[1]).map_err(|e| e.at_index(1))?,
        ))
    }
}

impl<A: FromJson, B: FromJson, C: FromJson> FromJson for (A, B, C) {
    fn from_json(v: &Json) -> Result<Self, Error> {
        let a = tuple_of(v, 3)?;
        Ok((
            A::from_json(&a[0]).map_err(|e| e.at_index(0))?,
            B::from_json(&a[1]).map_err(|e| e.at_index(1))?,
            C::from_json(&a[2]).map_err(|e| e.at_index(2))?,
        ))
    }
}
