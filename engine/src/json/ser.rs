//! `Serialize` for [`Json`], so types that carry raw JSON (`Request.probe`, `Request.overlay`)
//! are written by serde exactly as `serde_json::Value` was: same number forms, keys in sorted
//! order.

use super::{Json, Number};
use serde::ser::{Serialize, Serializer};

impl Serialize for Json {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Json::Null => s.serialize_unit(),
            Json::Bool(b) => s.serialize_bool(*b),
            Json::Number(Number::U64(n)) => s.serialize_u64(*n),
            Json::Number(Number::I64(n)) => s.serialize_i64(*n),
            Json::Number(Number::F64(n)) => s.serialize_f64(*n),
            Json::String(t) => s.serialize_str(t),
            Json::Array(a) => s.collect_seq(a),
            Json::Object(m) => m.serialize(s),
        }
    }
}

/// The same value as a [`Json`] (for tests and tools that build values with `serde_json::json!`;
/// objects become sorted maps, as they already are in a `Value`).
impl From<serde_json::Value> for Json {
    fn from(v: serde_json::Value) -> Json {
        use serde_json::Value;
        match v {
            Value::Null => Json::Null,
            Value::Bool(b) => Json::Bool(b),
            Value::Number(n) => Json::Number(match (n.as_u64(), n.as_i64()) {
                (Some(u), _) => Number::U64(u),
                (None, Some(i)) => Number::I64(i),
                _ => Number::F64(n.as_f64().unwrap_or(0.0)),
            }),
            Value::String(s) => Json::String(s),
            Value::Array(a) => Json::Array(a.into_iter().map(Json::from).collect()),
            Value::Object(o) => Json::Object(super::Map::from_pairs(
                o.into_iter().map(|(k, v)| (k, Json::from(v))).collect(),
            )),
        }
    }
}
