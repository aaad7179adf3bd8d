//! Reading the engine's unit-only enums (severity, origin, code space, …) from JSON: a variant
//! is its serialized name as a string. [`unit_enum!`] implements [`FromJson`](crate::json::FromJson)
//! through one shared, non-generic lookup ([`crate::json::unit_variant`]). `Serialize` stays
//! derived, so each enum's names are written once in its `#[serde(rename_all)]` and once in its
//! [`unit_enum!`] line; a test round-trips them.

/// A unit-only enum read by name: its Rust name, and its variants with their serialized names,
/// in declaration order.
pub trait UnitEnum: Sized + Copy + 'static {
    #[allow(dead_code)] // read by the tests
    const NAME: &'static str;
    const NAMES: &'static [&'static str];
    const ALL: &'static [Self];
}

/// Implements [`UnitEnum`] and `FromJson` for a unit-only enum:
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
        impl $crate::json::FromJson for $ty {
            fn from_json(v: &$crate::json::Json) -> Result<Self, $crate::json::Error> {
                let i = $crate::json::unit_variant(v, <$ty as $crate::serde_enum::UnitEnum>::NAMES)?;
                <$ty as $crate::serde_enum::UnitEnum>::ALL
                    .get(i)
                    .copied()
                    .ok_or_else(|| $crate::json::Error::new("variant index out of range"))
            }
        }
    };
}
pub(crate) use unit_enum;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::{from_str, FromJson};
    use serde::Serialize;
    use std::fmt;

    #[test]
    fn names_read_and_everything_else_is_refused_with_the_list() {
        use crate::probe::NegOutcome;
        assert_eq!(
            from_str::<NegOutcome>(r#""no-reply""#),
            Ok(NegOutcome::NoReply)
        );
        assert_eq!(
            from_str::<NegOutcome>(r#""sel\u0065cted""#),
            Ok(NegOutcome::Selected)
        );
        for bad in [r#""NoReply""#, r#""""#, r#""nope""#] {
            let e = from_str::<NegOutcome>(bad).unwrap_err().to_string();
            assert!(e.starts_with("unknown value"), "{bad}: {e}");
            assert!(e.contains("\"confirm-without-negotiation\""), "{bad}: {e}");
        }
        for bad in ["0", "1.5", "null", "true", "[]", r#"{"closed":null}"#] {
            let e = from_str::<NegOutcome>(bad).unwrap_err().to_string();
            assert!(
                e.starts_with("expected one of the names in quotes, found"),
                "{bad}: {e}"
            );
        }
        assert!(from_str::<NegOutcome>(r#""closed"#)
            .unwrap_err()
            .to_string()
            .contains("line 1 column 8"));
    }

    fn round_trip<T: UnitEnum + Serialize + FromJson + PartialEq + fmt::Debug>() {
        assert_eq!(T::NAMES.len(), T::ALL.len(), "{}", T::NAME);
        for (v, name) in T::ALL.iter().zip(T::NAMES) {
            assert_eq!(
                serde_json::to_value(v).expect("serializes"),
                serde_json::Value::from(*name),
                "{}",
                T::NAME
            );
            assert_eq!(
                from_str::<T>(&format!("\"{name}\"")).expect("reads back"),
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
