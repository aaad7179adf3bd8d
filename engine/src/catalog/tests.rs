//! Catalog checks: the data files parse completely, have no duplicates, every entry has a
//! meaning and a known source, and spot checks against the reference tables
//! (../shared/reference/rdp-codes.md) hold.

use super::*;
use std::collections::{BTreeMap, HashSet};

fn source_keys() -> BTreeMap<String, String> {
    let v: serde_json::Value = serde_json::from_str(SOURCES_JSON).expect("sources.json parses");
    v["sources"]
        .as_object()
        .expect("sources object")
        .iter()
        .map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_string()))
        .collect()
}

#[test]
fn every_data_file_parses_completely() {
    for (name, text) in FILES {
        let v: serde_json::Value =
            serde_json::from_str(text).unwrap_or_else(|e| panic!("{name}: {e}"));
        let space: CodeSpace = serde_json::from_value::<CodeSpace>(v["space"].clone())
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let raw = v["entries"].as_array().expect("entries");
        for r in raw {
            let code = r["code"].as_str().unwrap_or_default();
            assert!(
                parse_number(code).is_some(),
                "{name}: code {code:?} does not parse"
            );
            if space.is_decimal() {
                assert!(!code.starts_with("0x"), "{name}: {code} must be decimal");
            } else {
                assert!(code.starts_with("0x"), "{name}: {code} must be hex");
            }
        }
        let parsed = all().iter().filter(|e| e.space == space).count();
        assert_eq!(raw.len(), parsed, "{name}: every entry must parse");
    }
}

#[test]
fn compiled_entries_match_the_data_files_field_by_field() {
    let mut n = 0;
    for (name, text) in FILES {
        let v: serde_json::Value =
            serde_json::from_str(text).unwrap_or_else(|e| panic!("{name}: {e}"));
        let space: CodeSpace = serde_json::from_value::<CodeSpace>(v["space"].clone())
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        for r in v["entries"].as_array().expect("entries") {
            let code = parse_number(r["code"].as_str().unwrap_or_default()).expect("code");
            let e = all()
                .iter()
                .find(|e| e.space == space && e.code == code)
                .expect("entry compiled in");
            let mut want = r.clone();
            want["code"] = code.into();
            want["space"] = v["space"].clone();
            assert_eq!(serde_json::to_value(e).expect("serializes"), want, "{name}");
            n += 1;
        }
    }
    assert_eq!(n, all().len());
}

#[test]
fn no_duplicate_codes_or_names_within_a_space() {
    let mut seen = HashSet::new();
    let mut names = HashSet::new();
    for e in all() {
        assert!(
            seen.insert((e.space, e.code)),
            "duplicate {:?} {}",
            e.space,
            e.code
        );
        if !e.name.starts_with('(') {
            assert!(
                names.insert((e.space, e.name.clone())),
                "duplicate name {:?} {}",
                e.space,
                e.name
            );
        }
    }
}

#[test]
fn every_entry_has_meaning_side_and_a_defined_source() {
    let keys = source_keys();
    assert!(keys.values().all(|v| !v.is_empty()));
    for e in all() {
        assert!(!e.name.trim().is_empty(), "{e:?}");
        assert!(e.meaning.len() >= 10, "meaning too short: {e:?}");
        assert!(
            e.source.starts_with('['),
            "source must start with a [KEY]: {e:?}"
        );
        let mut rest = e.source.as_str();
        let mut n = 0;
        while let Some(open) = rest.find('[') {
            let close = rest[open..]
                .find(']')
                .map(|c| open + c)
                .unwrap_or_else(|| panic!("unclosed [ in {e:?}"));
            let key = &rest[open + 1..close];
            assert!(
                keys.contains_key(key),
                "source key [{key}] of {} {} is not in sources.json",
                e.space.prefix(),
                e.code
            );
            n += 1;
            rest = &rest[close + 1..];
        }
        assert!(n >= 1);
        if e.status == Status::Observed {
            // Observed rows must point to where they were observed or to an unverified doc.
            assert!(
                e.source.contains("[GH]") || e.source.contains("[TECHNET-"),
                "{e:?}"
            );
        }
    }
}

/// The RD Gateway / Azure Virtual Desktop range is decoded, and a code with `reads_as` feeds
/// its dialog's key, not a key of its own.
#[test]
fn gateway_codes_read_as_their_dialogs() {
    let d = decode(CodeSpace::Disconnect, 0x300_0046);
    assert_eq!(d.name.as_deref(), Some("(no resources available)"));
    assert_eq!(d.evidence, "msg:avd-host-unavailable");
    let e = lookup(CodeSpace::Disconnect, 50_331_675).expect("0x300001B is in the catalog");
    assert_eq!(e.evidence_key(), "msg:gateway");
    // A code without `reads_as` keeps its own key.
    assert_eq!(
        lookup(CodeSpace::Disconnect, 0x904).map(|e| e.evidence_key()),
        Some("disc:0x904".to_string())
    );
    // A smart-card code is decoded but weighs nothing: its own key, which no cause lists.
    assert_eq!(
        decode(CodeSpace::Disconnect, 0x300_0013).evidence,
        "disc:0x3000013"
    );
}

#[test]
fn every_space_has_entries_and_keys_round_trip() {
    for space in CodeSpace::ALL {
        assert!(all().iter().any(|e| e.space == space), "{space:?} is empty");
    }
    for e in all() {
        assert!(
            evidence_key_exists(&e.evidence_key()),
            "{}",
            e.evidence_key()
        );
        assert_eq!(lookup(e.space, e.code).map(|x| x.code), Some(e.code));
    }
    assert!(!evidence_key_exists("disc:0x3208"));
}

#[test]
fn spot_checks_against_reference_tables() {
    let d = |space, code| lookup(space, code).map(|e| e.name.as_str());
    assert_eq!(
        d(CodeSpace::Disconnect, 0x904),
        Some("disconnectReasonAtClientWinsockFDCLOSE")
    );
    assert_eq!(
        d(CodeSpace::Disconnect, 2308),
        Some("disconnectReasonAtClientWinsockFDCLOSE")
    );
    assert_eq!(
        d(CodeSpace::Disconnect, 516),
        Some("disconnectReasonSocketConnectFailed")
    );
    let d06 = lookup(CodeSpace::Disconnect, 3334).expect("0xD06");
    assert_eq!(d06.status, Status::Observed);
    assert_eq!(
        lookup(CodeSpace::Disconnect, 0x807).map(|e| e.status),
        Some(Status::Documented)
    );
    assert_eq!(
        d(CodeSpace::Extended, 0x7),
        Some("ERRINFO_SERVER_DENIED_CONNECTION")
    );
    assert_eq!(
        lookup(CodeSpace::Extended, 0x7).map(|e| e.aliases.clone()),
        Some(vec!["exDiscReasonServerDeniedConnection".to_string()])
    );
    assert_eq!(d(CodeSpace::Extended, 0xC), Some("ERRINFO_LOGOFF_BY_USER"));
    assert_eq!(
        d(CodeSpace::Extended, 0x101),
        Some("ERRINFO_LICENSE_NO_LICENSE_SERVER")
    );
    assert_eq!(
        d(CodeSpace::Extended, 0x409),
        Some("ERRINFO_CB_CONNECTION_CANCELLED")
    );
    assert_eq!(
        d(CodeSpace::Extended, 0x10C9),
        Some("ERRINFO_UNKNOWN_DATA_PDU_TYPE")
    );
    assert_eq!(
        d(CodeSpace::Extended, 0x112F),
        Some("ERRINFO_GRAPHICS_SUBSYSTEM_FAILED")
    );
    assert_eq!(
        d(CodeSpace::Extended, 0x1196),
        Some("ERRINFO_PEER_DISCONNECTED")
    );
    assert_eq!(
        d(CodeSpace::NegFailure, 5),
        Some("HYBRID_REQUIRED_BY_SERVER")
    );
    assert_eq!(d(CodeSpace::Protocol, 2), Some("PROTOCOL_HYBRID"));
    assert_eq!(
        d(CodeSpace::Hresult, 0x80090327),
        Some("SEC_E_CERT_UNKNOWN")
    );
    assert_eq!(
        d(CodeSpace::Hresult, 0x8009030D),
        Some("SEC_E_UNKNOWN_CREDENTIALS")
    );
    assert_eq!(
        d(CodeSpace::Ntstatus, 0xC000006D),
        Some("STATUS_LOGON_FAILURE")
    );
    assert_eq!(d(CodeSpace::TlsAlert, 48), Some("unknown_ca"));
    assert!(d(CodeSpace::Event, 1058).is_some());
    let e1058 = lookup(CodeSpace::Event, 1058).expect("1058");
    assert!(e1058
        .provider
        .as_deref()
        .unwrap_or_default()
        .ends_with("RemoteConnectionManager"));
    assert!(e1058
        .template
        .as_deref()
        .unwrap_or_default()
        .contains("failed to replace the expired self signed certificate"));
    assert_eq!(
        lookup(CodeSpace::Event, 36870).and_then(|e| e.provider.as_deref()),
        Some("Schannel")
    );
    assert_eq!(
        d(CodeSpace::Freerdp, 0x20008),
        Some("ERRCONNECT_TLS_CONNECT_FAILED")
    );
    assert_eq!(
        lookup(CodeSpace::Freerdp, 0x2000C).and_then(|e| e.exit_code),
        Some(133)
    );
    assert_eq!(d(CodeSpace::FreerdpExit, 7), Some("XF_EXIT_CONN_DENIED"));
    assert_eq!(
        d(CodeSpace::FreerdpExit, 143),
        Some("XF_EXIT_TLS_CONNECT_FAILED")
    );
    // Codes the reference says have no meaning stay out of the catalog.
    for c in [
        0x504, 0x1204, 0x1308, 0x1708, 0x1808, 0x2008, 0x2208, 0x3004, 0x3208,
    ] {
        assert!(
            lookup(CodeSpace::Disconnect, c).is_none(),
            "0x{c:x} must not be invented"
        );
    }
}

#[test]
fn names_are_found_case_insensitively() {
    assert_eq!(
        lookup_name("errinfo_server_denied_connection").map(|e| e.evidence_key()),
        Some("ext:0x7".into())
    );
    assert_eq!(
        lookup_name("exDiscReasonServerDeniedConnection").map(|e| e.code),
        Some(7)
    );
    assert_eq!(
        lookup_name("ERRCONNECT_TLS_CONNECT_FAILED").map(|e| e.evidence_key()),
        Some("freerdp:ERRCONNECT_TLS_CONNECT_FAILED".into())
    );
    assert_eq!(
        lookup_name("SEC_E_UNTRUSTED_ROOT").map(|e| e.evidence_key()),
        Some("hresult:0x80090325".into())
    );
    assert_eq!(
        lookup_name_in(CodeSpace::NegFailure, "HYBRID_REQUIRED_BY_SERVER")
            .map(|e| e.evidence_key()),
        Some("neg:0x5".into())
    );
    assert!(lookup_name("NOT_A_NAME").is_none());
}

#[test]
fn decodes_0x904_and_ext_0x7() {
    let d = decode(CodeSpace::Disconnect, 0x904);
    assert_eq!(
        d.name.as_deref(),
        Some("disconnectReasonAtClientWinsockFDCLOSE")
    );
    assert_eq!(d.display, "0x904");
    let e = decode(CodeSpace::Extended, 7);
    assert_eq!(e.name.as_deref(), Some("ERRINFO_SERVER_DENIED_CONNECTION"));
    assert_eq!(e.evidence, "ext:0x7");
    assert_eq!(
        decode(CodeSpace::Hresult, 0x80090327).evidence,
        "hresult:0x80090327"
    );
    assert_eq!(decode(CodeSpace::Event, 1057).evidence, "event:1057");
    assert_eq!(decode(CodeSpace::TlsAlert, 48).evidence, "alert:48");
    assert_eq!(decode(CodeSpace::NegFailure, 5).evidence, "neg:0x5");
}

#[test]
fn unknown_code_is_kept_and_marked() {
    let d = decode(CodeSpace::Disconnect, 0x3208);
    assert!(d.name.is_none());
    assert!(d.meaning.contains("Unrecognised code 0x3208"));
    assert_eq!(d.evidence, "disc:0x3208");
    assert_eq!(
        decode(CodeSpace::Freerdp, 0x200FF).evidence,
        "freerdp:0x000200ff"
    );
}
