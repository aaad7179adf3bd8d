//! `Deserialize` for the engine's unit-only enums (severity, origin, code space, …) through one
//! shared visitor: a derived impl is about 1.3 KB of wasm per enum and deserializer, this is a
//! few dozen bytes per enum. Behaviour and error messages are those of `#[derive(Deserialize)]`
//! (a variant name as a string, or `{"name": null}`; a variant index from a deserializer that
//! gives one; `unknown variant`, `invalid type … expected enum X` otherwise), checked against a
//! derived enum in the tests. `Serialize` stays derived, so each enum's names are written once
//! in its `#[serde(rename_all)]` and once in its [`unit_enum!`] line; a test round-trips them.

use serde::de::{
    self, DeserializeSeed, Deserializer, EnumAccess, Expected, Unexpected, VariantAccess, Visitor,
};
use std::fmt;

/// A unit-only enum deserialized by [`variant`]: its Rust name, and its variants with their
/// serialized names, in declaration order.
pub trait UnitEnum: Sized + Copy + 'static {
    const NAME: &'static str;
    const NAMES: &'static [&'static str];
    const ALL: &'static [Self];
}

/// Reads a variant of `T` as its derived `Deserialize` would.
pub fn variant<'de, T: UnitEnum, D: Deserializer<'de>>(d: D) -> Result<T, D::Error> {
    let i = d.deserialize_enum(
        T::NAME,
        T::NAMES,
        EnumVisitor {
            name: T::NAME,
            names: T::NAMES,
        },
    )?;
    T::ALL
        .get(i)
        .copied()
        .ok_or_else(|| de::Error::custom("variant index out of range"))
}

/// Implements [`UnitEnum`] and `Deserialize` (through [`variant`]) for a unit-only enum:
/// `unit_enum!(Severity { Info = "info", Warning = "warning", Error = "error" });`
macro_rules! unit_enum {
    ($ty:ident { $($variant:ident = $text:literal),+ $(,)? }) => {
        impl $crate::serde_enum::UnitEnum for $ty {
            const NAME: &'static str = stringify!($ty);
            const NAMES: &'static [&'static str] = &[$($text),+];
            const ALL: &'static [Self] = &[$($ty::$variant),+];
        }
        // Fails to compile when a variant is missing above.
        const _: fn($ty) = |v| match v {
            $($ty::$variant => ()),+
        };
        impl<'de> serde::Deserialize<'de> for $ty {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                $crate::serde_enum::variant(d)
            }
        }
    };
}
pub(crate) use unit_enum;

struct EnumVisitor {
    name: &'static str,
    names: &'static [&'static str],
}

impl<'de> Visitor<'de> for EnumVisitor {
    type Value = usize;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "enum {}", self.name)
    }

    fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<usize, A::Error> {
        let (i, v) = data.variant_seed(Field(self.names))?;
        v.unit_variant()?;
        Ok(i)
    }
}

/// The variant identifier: a name or an index.
struct Field(&'static [&'static str]);

impl<'de> DeserializeSeed<'de> for Field {
    type Value = usize;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<usize, D::Error> {
        d.deserialize_identifier(self)
    }
}

impl<'de> Visitor<'de> for Field {
    type Value = usize;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("variant identifier")
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<usize, E> {
        match usize::try_from(v) {
            Ok(i) if i < self.0.len() => Ok(i),
            _ => Err(E::invalid_value(
                Unexpected::Unsigned(v),
                &IndexRange(self.0.len()),
            )),
        }
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<usize, E> {
        self.0
            .iter()
            .position(|n| *n == v)
            .ok_or_else(|| E::unknown_variant(v, self.0))
    }

    fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<usize, E> {
        match self.0.iter().position(|n| n.as_bytes() == v) {
            Some(i) => Ok(i),
            None => Err(E::unknown_variant(&String::from_utf8_lossy(v), self.0)),
        }
    }
}

struct IndexRange(usize);

impl Expected for IndexRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "variant index 0 <= i < {}", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::{de::DeserializeOwned, Serialize};

    mod derived {
        /// The same enum with the derived impl, to compare against.
        #[derive(Debug, serde::Deserialize)]
        #[serde(rename_all = "kebab-case")]
        pub enum NegOutcome {
            Selected,
            Failure,
            Closed,
            NoReply,
            Malformed,
            ConfirmWithoutNegotiation,
            ConnectFailed,
        }
    }

    #[test]
    fn same_results_and_messages_as_derive() {
        use crate::probe::NegOutcome;
        let inputs = [
            r#""selected""#,
            r#""no-reply""#,
            r#""confirm-without-negotiation""#,
            r#""NoReply""#,
            r#""""#,
            r#""sel\u0065cted""#,
            r#""nope""#,
            "0",
            "5",
            "6",
            "7",
            "-1",
            "1.5",
            "null",
            "true",
            "[]",
            "[0]",
            "{}",
            r#"{"closed":null}"#,
            r#"{"closed":1}"#,
            r#"{"closed":[]}"#,
            r#"{"nope":null}"#,
            r#"{"closed":null,"x":1}"#,
            r#"{"closed""#,
            r#""closed"#,
            "",
        ];
        for input in inputs {
            let ours = serde_json::from_str::<NegOutcome>(input).map_err(|e| e.to_string());
            let theirs =
                serde_json::from_str::<derived::NegOutcome>(input).map_err(|e| e.to_string());
            assert_eq!(
                format!("{ours:?}"),
                format!("{theirs:?}"),
                "from_str {input}"
            );
            if let Ok(v) = serde_json::from_str::<serde_json::Value>(input) {
                let ours =
                    serde_json::from_value::<NegOutcome>(v.clone()).map_err(|e| e.to_string());
                let theirs =
                    serde_json::from_value::<derived::NegOutcome>(v).map_err(|e| e.to_string());
                assert_eq!(
                    format!("{ours:?}"),
                    format!("{theirs:?}"),
                    "from_value {input}"
                );
            }
        }
    }

    fn round_trip<T: UnitEnum + Serialize + DeserializeOwned + PartialEq + fmt::Debug>() {
        assert_eq!(T::NAMES.len(), T::ALL.len(), "{}", T::NAME);
        for (v, name) in T::ALL.iter().zip(T::NAMES) {
            assert_eq!(
                serde_json::to_value(v).expect("serializes"),
                serde_json::Value::from(*name),
                "{}",
                T::NAME
            );
            assert_eq!(
                serde_json::from_str::<T>(&format!("\"{name}\"")).expect("reads back"),
                *v
            );
        }
    }

    #[test]
    fn every_enum_reads_back_what_it_writes() {
        round_trip::<crate::finding::Strength>();
        round_trip::<crate::finding::Origin>();
        round_trip::<crate::finding::Severity>();
        round_trip::<crate::schema::FixOutcome>();
        round_trip::<crate::catalog::CodeSpace>();
        round_trip::<crate::catalog::Side>();
        round_trip::<crate::catalog::Status>();
        round_trip::<crate::probe::TcpErrorKind>();
        round_trip::<crate::probe::NegOutcome>();
        round_trip::<crate::probe::VersionState>();
    }
}
