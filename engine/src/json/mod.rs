//! The engine's JSON input layer: every JSON the engine, the web app and the probe helper read
//! goes through here instead of serde's derived `Deserialize`, which cost about 140 KB of wasm
//! (one monomorphised visitor per type and deserializer). One non-generic parser
//! ([`parse`]) builds an owned tree ([`Json`]); small per-type conversions ([`FromJson`],
//! written by the [`json_struct!`](crate::json_struct) macro from a field list) read typed
//! values out of it. Writing stays on serde (`Serialize`, `serde_json::to_string`).
//!
//! Invariants:
//! - The tree means exactly what `serde_json::Value` (default features) means for the same
//!   text: numbers keep serde_json's kind (`u64`, `i64`, else `f64`), objects are sorted by key
//!   and a repeated key keeps its **last** value (as `serde_json::Value` and JavaScript's
//!   `JSON.parse` do). So [`Json`]'s `Serialize` writes byte-for-byte what `Value` wrote.
//! - Strict RFC 8259 (what serde_json accepts, and nothing more); nesting is capped at
//!   [`MAX_DEPTH`] (serde_json's own limit); never panics, never recurses past the cap.
//! - Errors say what was wrong, where (line and column of the text, or the path of the field
//!   such as `texts[2]`), in words a helpdesk reader can act on.

mod from;
mod parse;
mod ser;

pub use from::{field, field_opt, field_or, object_of, unit_variant, FromJson};
pub use parse::{parse, MAX_DEPTH};

use std::fmt;

/// A JSON number as serde_json keeps it: a non-negative integer, a negative integer, or a float.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Number {
    U64(u64),
    I64(i64),
    F64(f64),
}

impl Number {
    pub fn as_f64(self) -> f64 {
        match self {
            Number::U64(n) => n as f64,
            Number::I64(n) => n as f64,
            Number::F64(n) => n,
        }
    }
}

/// An owned JSON value. Objects are [`Map`]s: sorted by key, keys unique.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Json {
    #[default]
    Null,
    Bool(bool),
    Number(Number),
    String(String),
    Array(Vec<Json>),
    Object(Map),
}

/// A JSON object: `(key, value)` pairs sorted by key, each key once (the engine's one
/// sorted string map).
pub type Map = crate::strmap::StrMap<Json>;

impl Json {
    /// The member `key` of an object (`None` for anything else).
    pub fn get(&self, key: &str) -> Option<&Json> {
        match self {
            Json::Object(m) => m.get(key),
            _ => None,
        }
    }
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Json::String(s) => Some(s),
            _ => None,
        }
    }
    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Json::Bool(b) => Some(*b),
            _ => None,
        }
    }
    pub fn as_array(&self) -> Option<&Vec<Json>> {
        match self {
            Json::Array(a) => Some(a),
            _ => None,
        }
    }
    pub fn as_object(&self) -> Option<&Map> {
        match self {
            Json::Object(m) => Some(m),
            _ => None,
        }
    }
    pub fn as_object_mut(&mut self) -> Option<&mut Map> {
        match self {
            Json::Object(m) => Some(m),
            _ => None,
        }
    }
    pub fn as_u64(&self) -> Option<u64> {
        match self {
            Json::Number(Number::U64(n)) => Some(*n),
            _ => None,
        }
    }
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Json::Number(n) => Some(n.as_f64()),
            _ => None,
        }
    }
    pub fn is_null(&self) -> bool {
        matches!(self, Json::Null)
    }
    pub fn is_object(&self) -> bool {
        matches!(self, Json::Object(_))
    }
    /// What kind of value this is, in words ("a string", "an object"), for error messages.
    pub fn kind(&self) -> &'static str {
        match self {
            Json::Null => "null",
            Json::Bool(_) => "true/false",
            Json::Number(Number::F64(_)) => "a decimal number",
            Json::Number(_) => "a whole number",
            Json::String(_) => "a string",
            Json::Array(_) => "a list",
            Json::Object(_) => "an object",
        }
    }
    /// Compact JSON text, byte-for-byte what `serde_json::Value::to_string` wrote.
    pub fn to_json_string(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

/// Compact JSON text (as [`Json::to_json_string`]).
impl fmt::Display for Json {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_json_string())
    }
}

/// A parse or conversion error: what was wrong, the path of the value it concerns (`texts[2]`,
/// empty for the top), and for syntax errors the line and column (1-based, in characters).
/// Boxed: every `Result` a conversion returns stays one pointer wider than its value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error(Box<ErrorInner>);

#[derive(Debug, Clone, PartialEq, Eq)]
struct ErrorInner {
    message: String,
    path: String,
    pos: Option<(usize, usize)>,
}

impl Error {
    /// A conversion error about the value at the current path.
    pub fn new(message: impl Into<String>) -> Error {
        Error(Box::new(ErrorInner {
            message: message.into(),
            path: String::new(),
            pos: None,
        }))
    }
    /// "expected X, found Y" for value `v`.
    pub fn expected(what: &str, v: &Json) -> Error {
        Error::new(format!("expected {what}, found {}", v.kind()))
    }
    pub(crate) fn syntax(message: impl Into<String>, line: usize, column: usize) -> Error {
        Error(Box::new(ErrorInner {
            message: message.into(),
            path: String::new(),
            pos: Some((line, column)),
        }))
    }
    /// The same error one level up, inside member `key`.
    pub fn at_key(self, key: &str) -> Error {
        self.under(key)
    }
    /// The same error one level up, inside list element `i`.
    pub fn at_index(self, i: usize) -> Error {
        self.under(&format!("[{i}]"))
    }
    fn under(mut self, seg: &str) -> Error {
        let path = &mut self.0.path;
        let sep = if path.is_empty() || path.starts_with('[') {
            ""
        } else {
            "."
        };
        *path = format!("{seg}{sep}{path}");
        self
    }
    /// What was wrong, without path or position.
    pub fn message(&self) -> &str {
        &self.0.message
    }
    /// The path of the value concerned (`texts[2]`), empty for the whole document.
    pub fn path(&self) -> &str {
        &self.0.path
    }
    /// Line and column (1-based) of a syntax error; `None` for a conversion error.
    pub fn position(&self) -> Option<(usize, usize)> {
        self.0.pos
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if !self.0.path.is_empty() {
            write!(f, "{}: ", self.0.path)?;
        }
        f.write_str(&self.0.message)?;
        if let Some((l, c)) = self.0.pos {
            write!(f, " at line {l} column {c}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Error {}

/// Parses `text` and converts it to `T`: the one way every JSON input is read.
pub fn from_str<T: FromJson>(text: &str) -> Result<T, Error> {
    T::from_json(&parse(text)?)
}

#[cfg(test)]
mod tests;
