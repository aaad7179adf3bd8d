//! Parser and conversion tests: RFC 8259 edge cases, error positions and wording, the depth
//! cap, the duplicate-key rule, and agreement with serde_json on values and on what is refused.

use super::*;
use std::collections::BTreeMap;

fn same_as_serde(text: &str) {
    let ours = parse(text);
    let theirs = serde_json::from_str::<serde_json::Value>(text);
    match (&ours, &theirs) {
        (Ok(a), Ok(b)) => assert_eq!(a.to_json_string(), b.to_string(), "{text:?}"),
        (Err(_), Err(_)) => {}
        _ => panic!("{text:?}: ours {ours:?}, serde_json {theirs:?}"),
    }
}

#[test]
fn accepts_what_rfc_8259_allows() {
    for t in [
        "null",
        "true",
        "false",
        "0",
        "-0",
        "1",
        "-1",
        "2.5",
        "-2.5e-3",
        "1E+2",
        "1e2",
        "0.0",
        "18446744073709551615",
        "18446744073709551616",
        "-9223372036854775808",
        "-9223372036854775809",
        "1e-400",
        "123456789012345678901234567890",
        r#""""#,
        r#""a\"b\\c\/d\b\f\n\r\t""#,
        r#""\u00e9\u20AC\ud83d\ude00""#,
        "\"é€😀\"",
        "[]",
        "[1,[2,[3]]]",
        "{}",
        r#"{"a":1,"b":[true,null]}"#,
        " \t\r\n[ 1 , 2 ] \n",
        "\"\u{7f}\"",
        r#"{"":0}"#,
    ] {
        assert!(parse(t).is_ok(), "{t:?}: {:?}", parse(t));
        same_as_serde(t);
    }
}

#[test]
fn refuses_what_rfc_8259_refuses() {
    for t in [
        "",
        " ",
        "nul",
        "True",
        "[1,]",
        "{\"a\":1,}",
        "[,1]",
        "{,}",
        "01",
        "-",
        "1.",
        ".5",
        "1e",
        "1e+",
        "+1",
        "0x10",
        "NaN",
        "Infinity",
        "1e400",
        "-1e400",
        "\"\u{1}\"",
        "\"a\nb\"",
        "\"\\x\"",
        "\"\\u12\"",
        "\"\\ud800\"",
        "\"\\udc00\"",
        "\"\\ud800\\u0041\"",
        "\"abc",
        "[1 2]",
        "{\"a\" 1}",
        "{a:1}",
        "{\"a\":1 \"b\":2}",
        "[1]]",
        "1 2",
        "'a'",
        "[",
        "{",
        "{\"a\":",
        "/* c */ 1",
        "\u{feff}1",
    ] {
        assert!(parse(t).is_err(), "{t:?} was accepted: {:?}", parse(t));
        same_as_serde(t);
    }
}

#[test]
fn numbers_keep_serde_json_kinds_and_text() {
    let n = |t: &str| match parse(t).unwrap() {
        Json::Number(n) => n,
        other => panic!("{other:?}"),
    };
    assert_eq!(n("1"), Number::U64(1));
    assert_eq!(n("-1"), Number::I64(-1));
    assert_eq!(n("2.5"), Number::F64(2.5));
    assert_eq!(n("18446744073709551615"), Number::U64(u64::MAX));
    assert_eq!(n("-9223372036854775808"), Number::I64(i64::MIN));
    assert!(matches!(n("-0"), Number::F64(f) if f == 0.0 && f.is_sign_negative()));
    assert!(matches!(n("18446744073709551616"), Number::F64(_)));
    for t in [
        "1",
        "2.5",
        "-0",
        "1e2",
        "1.0",
        "-3e300",
        "12345678901234567890",
        "0.1",
    ] {
        same_as_serde(t);
    }
}

#[test]
fn errors_say_what_and_where() {
    let e = parse("{\n  \"a\": [1, 2,]\n}").unwrap_err();
    assert_eq!(e.position(), Some((2, 14)), "{e}");
    assert!(e.to_string().starts_with("trailing comma"), "{e}");
    assert!(e.to_string().ends_with(" at line 2 column 14"), "{e}");
    let e = parse("[\"é\u{1}\"]").unwrap_err();
    assert_eq!(e.position(), Some((1, 4)), "columns count characters: {e}");
    assert!(e.message().contains("control character"), "{e}");
    let e = parse("").unwrap_err();
    assert!(e.message().contains("ended"), "{e}");
    let e = parse("[1] x").unwrap_err();
    assert_eq!(e.position(), Some((1, 5)));
    let e = parse("1e999").unwrap_err();
    assert!(e.message().contains("out of range"), "{e}");
}

#[test]
fn depth_is_capped_like_serde_json_without_overflowing() {
    let ok = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
    assert!(parse(&ok).is_ok());
    same_as_serde(&ok);
    let deep = format!("{}{}", "[".repeat(MAX_DEPTH + 1), "]".repeat(MAX_DEPTH + 1));
    assert!(parse(&deep)
        .unwrap_err()
        .message()
        .contains("nested too deeply"));
    same_as_serde(&deep);
    let hostile = "[{\"a\":".repeat(200_000);
    assert!(parse(&hostile).is_err());
}

#[test]
fn duplicate_keys_keep_the_last_value_and_objects_sort_by_key() {
    let v = parse(r#"{"b":1,"a":2,"b":3}"#).unwrap();
    assert_eq!(v.get("b"), Some(&Json::Number(Number::U64(3))));
    assert_eq!(v.to_json_string(), r#"{"a":2,"b":3}"#);
    same_as_serde(r#"{"b":1,"a":2,"b":3}"#);
    same_as_serde(r#"{"z":{"y":1,"x":[{"b":0,"a":1}]},"é":0,"E":1}"#);
}

#[test]
fn conversions_name_the_path_of_a_wrong_value() {
    let e = from_str::<crate::Request>(r#"{"texts": ["a", "b", 3]}"#).unwrap_err();
    assert_eq!(
        e.to_string(),
        "texts[2]: expected a string, found a whole number"
    );
    let e = from_str::<crate::probe::ProbeReport>(r#"{"tcp": [{"attempts": [{"ms": "x"}]}]}"#)
        .unwrap_err();
    assert_eq!(e.path(), "tcp[0].attempts[0].ms");
    // serde's derive also read a struct from a list (`[]` was an empty request); not any more.
    let e = from_str::<crate::Request>("[]").unwrap_err();
    assert_eq!(e.to_string(), "expected an object {…}, found a list");
    let e = from_str::<crate::finding::Span>(r#"{"start": 1}"#).unwrap_err();
    assert_eq!(e.to_string(), "the required field \"end\" is missing");
    let e = from_str::<crate::probe::ProbeReport>(r#"{"port": 70000}"#).unwrap_err();
    assert_eq!(
        e.to_string(),
        "port: expected a whole number from 0 to 65535, found 70000"
    );
    let e = from_str::<u32>("1.5").unwrap_err();
    assert!(e.message().contains("found a decimal number"), "{e}");
    let e = from_str::<BTreeMap<String, crate::schema::FixOutcome>>(r#"{"f": "ok"}"#).unwrap_err();
    assert!(e.to_string().starts_with("f: unknown value \"ok\""), "{e}");
}

#[test]
fn field_rules_match_the_serde_derive() {
    // Unknown keys ignored, defaults applied, missing Option is None, null only for Option.
    let r = from_str::<crate::Request>(r#"{"texts": ["x"], "extra": {"deep": [1]}}"#).unwrap();
    assert_eq!(r.texts, vec!["x".to_string()]);
    assert_eq!(r.host, None);
    let q = from_str::<crate::kb::QuestionOption>(r#"{"id": "a", "label": "A"}"#).unwrap();
    assert_eq!(q.base, 1.0);
    assert!(from_str::<crate::Request>(r#"{"texts": null}"#).is_err());
    assert_eq!(
        from_str::<crate::Request>(r#"{"host": null}"#)
            .unwrap()
            .host,
        None
    );
    // A struct default fills what is missing (container-level default).
    let t = from_str::<crate::probe::TlsVersions>(r#"{"tls1_2": "accepted"}"#).unwrap();
    assert_eq!(t.tls1_0, crate::probe::VersionState::NotTested);
    assert_eq!(t.tls1_2, crate::probe::VersionState::Accepted);
    let o = from_str::<crate::redact::RedactOptions>(r#"{"ips": false}"#).unwrap();
    assert!(o.users && !o.ips && o.hosts);
    // Tuples are lists of the exact length.
    assert_eq!(
        from_str::<(String, String, bool)>(r#"["1.2", "x", true]"#).unwrap(),
        ("1.2".to_string(), "x".to_string(), true)
    );
    assert!(from_str::<(String, String, bool)>(r#"["1.2", "x"]"#).is_err());
}
