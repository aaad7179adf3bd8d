//! Unit checks of the text parser: the pattern table is well-formed and only uses declared
//! keys, and the behaviours the module documents (dedup keeps the first span, negated hints
//! are dropped, unknown codes are kept, decimal codes are explained, diagnostics) hold.

use super::patterns::{self, Kind};
use super::scan::{CLASS, START};
use super::*;
use crate::finding::Strength;

fn keys(t: &str) -> Vec<String> {
    analyze_text(t, 0)
        .findings
        .into_iter()
        .map(|f| f.evidence)
        .collect()
}

#[test]
fn pattern_table_is_lower_case_startable_and_uses_declared_keys() {
    let mut seen = std::collections::HashSet::new();
    for p in patterns::all() {
        assert!(p.text.len() >= 2, "{}", p.text);
        assert_eq!(
            p.text,
            p.text.to_ascii_lowercase(),
            "patterns are lower case: {}",
            p.text
        );
        assert!(
            CLASS[p.text.as_bytes()[0] as usize] & START != 0,
            "{} cannot start a match",
            p.text
        );
        assert!(
            seen.insert((p.text, format!("{:?}", p.kind))),
            "duplicate pattern {}",
            p.text
        );
        match p.kind {
            Kind::Fact(k) | Kind::Hint(k) | Kind::Context(k) => {
                assert!(crate::evidence::describe(k).is_some(), "undeclared key {k}")
            }
            Kind::Special(super::patterns::Sp::IfLineFailed(k)) => {
                assert!(crate::evidence::describe(k).is_some(), "{k}")
            }
            Kind::Code(sp, n) => assert!(catalog::lookup(sp, n).is_some(), "{sp:?} {n}"),
            Kind::NegName(n) => assert!(
                catalog::lookup(CodeSpace::NegFailure, n).is_some(),
                "neg {n}"
            ),
            _ => {}
        }
        if let Kind::Hint(k) = p.kind {
            assert!(k.starts_with("hint:"));
        }
        if let Kind::Context(k) = p.kind {
            assert!(k.starts_with("ctx:"));
        }
    }
}

#[test]
fn repeated_fact_is_reported_once_with_the_first_span() {
    let t = "x ERRCONNECT_TLS_CONNECT_FAILED [0x00020008]\ny ERRCONNECT_TLS_CONNECT_FAILED [0x00020008]";
    let a = analyze_text(t, 0);
    assert_eq!(a.findings.len(), 1);
    assert_eq!(a.findings[0].span.map(|s| s.start), Some(2));
    assert_eq!(a.decoded.len(), 1);
}

#[test]
fn negated_hints_are_dropped_and_plain_ones_are_soft() {
    assert!(keys("We are not using a VPN.").is_empty());
    assert!(keys("no vpn here").is_empty());
    assert!(keys("It doesn't work by IP either").is_empty());
    let a = analyze_text("I am on the VPN from home.", 0);
    let got: Vec<_> = a
        .findings
        .iter()
        .map(|f| (f.evidence.as_str(), f.strength))
        .collect();
    assert_eq!(
        got,
        [
            ("hint:vpn", Strength::Soft),
            ("hint:only-from-home", Strength::Soft)
        ]
    );
    // A negation in an earlier sentence does not carry over.
    assert_eq!(keys("Not sure. VPN is on."), ["hint:vpn"]);
    // A negated connection verb is the complaint, not a negated hint...
    assert_eq!(
        keys("I can't connect, it keeps asking for password"),
        ["hint:credentials-rejected"]
    );
    assert!(keys("I can't connect after the update").contains(&"ctx:change:update".to_string()));
    // ...but "it fails that way too" stays the opposite of "it works that way".
    assert!(keys("I can't connect by IP either").is_empty());
    assert!(keys("I can't connect from other computers either").is_empty());
    // A failure said in the same clause, before or after the phrase, is not "it works there".
    let works_elsewhere = |t: &str| keys(t).contains(&"hint:works-other-pcs".to_string());
    assert!(!works_elsewhere(
        "After the reboot, RDP from another machine fails."
    ));
    assert!(!works_elsewhere(
        "The connection fails both from another machine and from the host."
    ));
    assert!(!works_elsewhere(
        "From another computer I get the same error"
    ));
    assert!(works_elsewhere(
        "The same credentials work from a different machine."
    ));
    assert!(works_elsewhere(
        "The logon fails here, but it works from other computers."
    ));
    assert!(keys("Remmina fails, mstsc works").contains(&"hint:other-client-works".to_string()));
    assert!(keys("By IP it fails as well").is_empty());
    // A Windows edition after a "Client:" label is the client's, not the server's.
    let server_os = |t: &str| keys(t).contains(&"ctx:server:windows-client-os".to_string());
    assert!(!server_os("Client: Windows 10 Home (no gpedit)"));
    assert!(!server_os("client = Windows 11 Pro"));
    assert!(server_os("Server: Windows 10 Pro PC"));
    assert!(server_os("The target is a Windows 11 Pro laptop"));
    // Host names are not the user's words; "MAC address" is not a Mac.
    assert!(keys("host vpn-gw.example.org, MAC address 00:11").is_empty());
    // An Azure host name does point to Azure (and names the client and cloud as context; the
    // "azure" hint in the same words is the cloud context again, so it is not counted twice).
    let mut k = keys("mstsc /v:myvm.westeurope.cloudapp.azure.com");
    k.sort();
    assert_eq!(k, ["ctx:client:mstsc", "ctx:cloud:azure"]);
    assert_eq!(keys("We use Azure AD accounts"), ["hint:azure"]);
}

#[test]
fn context_is_soft_negation_aware_and_survives_paths_and_logger_names() {
    let a = analyze_text("We use Tailscale from home.", 0);
    assert!(a
        .findings
        .iter()
        .any(|f| f.evidence == "ctx:vpn:overlay" && f.strength == Strength::Soft));
    assert!(!keys("We are not using Tailscale.").contains(&"ctx:vpn:overlay".to_string()));
    // A product name inside a path or logger name still names the product.
    assert!(keys("/usr/bin/xfreerdp /v:host").contains(&"ctx:client:freerdp".to_string()));
    assert!(
        keys("[ERROR][com.freerdp.core.transport] - x").contains(&"ctx:client:freerdp".to_string())
    );
    // FreeRDP's server-side loggers (a GNOME Remote Desktop or shadow server log) do not name
    // FreeRDP as the client.
    for server_line in [
        "[ERROR][com.freerdp.core.peer] - [rdp_set_error_info]: ERRINFO_LOGOFF_BY_USER [0x0001000C]",
        "[INFO][com.freerdp.core.listener] - Listening on 0.0.0.0:3389",
        "[ERROR][com.freerdp.server.shadow] - Failed to start shadow server",
    ] {
        assert!(
            !keys(server_line).contains(&"ctx:client:freerdp".to_string()),
            "{server_line}"
        );
    }
}

#[test]
fn advice_is_not_a_step_the_reporter_took() {
    let tried = |t: &str| keys(t).contains(&"ctx:tried:rdp-enabled".to_string());
    assert!(tried("I verified Remote Desktop is enabled on the server."));
    assert!(tried("I made sure RDP is enabled."));
    assert!(!tried(
        "Please verify Remote Desktop is enabled on the server."
    ));
    assert!(!tried("Support told me to make sure RDP is enabled."));
    // The advice ends with its sentence.
    assert!(tried("They said I should check it. RDP is enabled."));
}

#[test]
fn unknown_codes_are_kept_explicitly() {
    let a = analyze_text("Error code: 0x3208", 0);
    assert_eq!(a.findings.len(), 1);
    assert_eq!(a.findings[0].evidence, "disc:0x3208");
    assert!(
        a.findings[0]
            .title
            .starts_with("Unrecognised error code 0x3208"),
        "{}",
        a.findings[0].title
    );
    assert_eq!(a.decoded[0].name, None);
}

#[test]
fn a_short_code_counts_with_the_error_word_before_or_after_it() {
    // Chinese, Japanese and Korean put the word after the number; English reporters do too.
    for t in [
        "error 0x4",
        "使用frp配置windows RDP但出现0x4错误",
        "接続すると0x4エラーになる",
        "I keep getting a 0x4 error",
    ] {
        assert_eq!(keys(t), vec!["disc:0x4"], "{t}");
    }
    // Without the word a short hex number is not taken for a code.
    assert!(keys("the value is 0x4 here").is_empty());
    // The word counts where a word starts ("Fehlercode", "ErrorCode"), not inside another:
    // FreeRDP's RAIL log line "NtError=0x15" names a status, not an error code.
    for t in ["Fehlercode 0x4", "ErrorCode 0x4", "last error 0x4"] {
        assert_eq!(keys(t), vec!["disc:0x4"], "{t}");
    }
    assert!(!keys("RailServerExecResult: NtError=0x15")
        .iter()
        .any(|k| k.starts_with("disc:")));
}

#[test]
fn decimal_codes_are_the_same_numbers_and_say_so() {
    let a = analyze_text("Error code: 2308", 0);
    assert_eq!(a.findings[0].evidence, "disc:0x904");
    assert!(
        a.findings[0].detail.contains("2308 = 0x904"),
        "{}",
        a.findings[0].detail
    );
    assert_eq!(a.decoded[0].display, "0x904");
}

#[test]
fn labels_in_every_language_and_fullwidth_colon() {
    for (t, want) in [
        (
            "Fehlercode: 0x904\nErweiterter Fehlercode: 0x7",
            vec!["disc:0x904", "ext:0x7"],
        ),
        (
            "Code d'erreur : 0x904\nCode d\u{2019}erreur étendu : 0x7",
            vec!["disc:0x904", "ext:0x7"],
        ),
        (
            "Código de error: 0x904\nCódigo de error extendido: 0x7",
            vec!["disc:0x904", "ext:0x7"],
        ),
        (
            "エラーコード: 0x904\n拡張エラーコード: 0x7",
            vec!["disc:0x904", "ext:0x7"],
        ),
        (
            "错误代码：0x904 扩展错误代码：0x7",
            vec!["disc:0x904", "ext:0x7"],
        ),
        (
            "ERROR CODE: 0X904 EXTENDED ERROR CODE: 0X7",
            vec!["disc:0x904", "ext:0x7"],
        ),
        ("I get 0x904/0x7 every time", vec!["disc:0x904", "ext:0x7"]),
    ] {
        assert_eq!(keys(t), want, "{t}");
    }
}

#[test]
fn wide_numbers_classify_themselves() {
    assert_eq!(keys("code 0x80090327"), ["hresult:0x80090327"]);
    assert_eq!(
        keys("SPNEGO failed with NTSTATUS: STATUS_LOGON_FAILURE [0xC000006D]"),
        ["ntstatus:0xc000006d"]
    );
    assert_eq!(
        keys("freerdp_set_last_error 0x2000D"),
        ["freerdp:ERRCONNECT_CONNECT_TRANSPORT_FAILED"]
    );
    // Short hex numbers without an error context are not guessed.
    assert!(keys("flags 0x3 len 0x10").is_empty());
}

#[test]
fn diagnostics_say_what_to_paste() {
    let a = analyze_text("help!!", 0);
    assert_eq!(a.diagnostics.len(), 1);
    assert_eq!(a.diagnostics[0].code, "text-nothing-recognised");
    assert!(a.diagnostics[0].message.contains("Test-NetConnection"));
    assert_eq!(
        analyze_text("", 0).diagnostics[0].code,
        "text-nothing-recognised"
    );
    assert_eq!(
        analyze_text("It never worked from my iPad", 0).diagnostics[0].code,
        "text-only-hints"
    );
    let l = analyze_text("Error code: see screenshot", 0);
    assert!(l
        .diagnostics
        .iter()
        .any(|d| d.code == "text-label-without-code"));
}

#[test]
fn network_tool_facts() {
    assert_eq!(keys("TcpTestSucceeded : True"), ["net:tcp-ok"]);
    assert_eq!(
        keys("Packets: Sent = 4, Received = 0, Lost = 4 (100% loss),"),
        ["net:ping-failed", "net:loss-high"]
    );
    assert_eq!(
        keys("  TCP    0.0.0.0:3389    0.0.0.0:0    LISTENING    1200"),
        ["net:listening"]
    );
    assert_eq!(keys("Name:    srv\nAddress:  127.0.0.1"), ["net:dns-self"]);
}

#[test]
fn findings_are_capped_with_a_diagnostic() {
    let t: String = (0..2000)
        .map(|i| format!("Error code: 0x{:x}\n", 0x10000 + i))
        .collect();
    let a = analyze_text(&t, 0);
    assert_eq!(a.findings.len(), MAX_FINDINGS);
    assert_eq!(a.decoded.len(), MAX_FINDINGS);
    let d = a
        .diagnostics
        .iter()
        .find(|d| d.code == "text-too-many-findings")
        .expect("diagnostic");
    assert!(d.message.contains("1700 more occurrences"), "{}", d.message);
}

#[test]
fn reason_code_that_only_a_disconnect_reason_has_is_read_as_one() {
    // "reason code" labels an extended (ERRINFO) code; 2308 = 0x904 is no ERRINFO code but the
    // client's "socket closed" disconnect reason (event 1026's Reason= value).
    let k = keys("disconnected reason code 2308");
    assert!(k.contains(&"disc:0x904".to_string()), "{k:?}");
    assert!(!k.iter().any(|k| k.starts_with("ext:")), "{k:?}");
    // A number ERRINFO does have stays extended.
    let k = keys("Session 2 has been disconnected, reason code 5");
    assert!(k.contains(&"ext:0x5".to_string()), "{k:?}");
}

#[test]
fn mremoteng_reason_on_the_line_after_rdp_disconnected() {
    // mRemoteNG 1.76: "RDP disconnected!", a line break, the decimal reason, its description.
    let k = keys("RDP disconnected!\r\n2308 Your Remote Desktop Services session has ended.");
    assert!(k.contains(&"disc:0x904".to_string()), "{k:?}");
    let k = keys("RDP disconnected!\n519 ");
    assert!(k.contains(&"disc:0x207".to_string()), "{k:?}");
    // Only the next line, and only after a label ending in `!`.
    assert!(!keys("RDP disconnected!\n\n2308")
        .iter()
        .any(|k| k.starts_with("disc:")));
    assert!(!keys("disconnect reason\n2308")
        .iter()
        .any(|k| k.starts_with("disc:")));
}

#[test]
fn a_kerberos_error_code_is_not_a_disconnect_reason() {
    // Event 3 of Microsoft-Windows-Security-Kerberos (the error name follows the number).
    let k = keys("A Kerberos error message was received:\n Error Code: 0x25 KRB_AP_ERR_SKEW\n");
    assert!(!k.iter().any(|e| e.starts_with("disc:")), "{k:?}");
    // The same label before a plain code still reads as a disconnect reason.
    assert!(keys("Error code: 0x904\n").contains(&"disc:0x904".to_string()));
}

#[test]
fn typographic_apostrophes_and_no_break_spaces_match_like_ascii_and_keep_given_spans() {
    // The same dialog line typed with ' and copied with ’ (newer Windows dialogs, web pages).
    let typed = "This computer can't connect to the remote computer.";
    let copied = "Note: This computer can\u{2019}t connect to the remote computer.";
    assert_eq!(keys(typed), keys(copied));
    assert!(keys(copied).contains(&"msg:generic-cant-connect".to_string()));
    // The span points into the text as given (the ’ is three bytes there, one when read).
    let a = analyze_text(copied, 0);
    let f = &a.findings[0];
    let sp = f.span.expect("span");
    assert_eq!(&copied[sp.start..sp.end], &copied[6..copied.len() - 1]);
    // Several characters that shrink when read (’ three bytes, no-break space two), a capital
    // that keeps its length, and the finding after all of them: its span still covers exactly
    // the words as given.
    let mixed = "It\u{2019}s \u{c9}lodie\u{a0}here.\nNote: This computer can\u{2019}t connect to the remote computer.";
    let a = analyze_text(mixed, 0);
    let f = a
        .findings
        .iter()
        .find(|f| f.evidence == "msg:generic-cant-connect")
        .expect("finding");
    let sp = f.span.expect("span");
    let at = mixed.find("This computer").expect("words");
    assert_eq!(&mixed[sp.start..sp.end], &mixed[at..mixed.len() - 1]);
    // A no-break space between the words reads as a space; ´ as an apostrophe.
    assert!(keys("The session closes\u{a0}immediately")
        .contains(&"hint:closes-after-login".to_string()));
    assert!(keys("Your credentials didn\u{b4}t work")
        .contains(&"hint:credentials-rejected".to_string()));
    // Latin-1 and Cyrillic capitals read as lower case, like ASCII: the signature is
    // "неверный пароль", the reporter starts the sentence with it.
    assert!(keys("Неверный пароль, хотя он точно правильный")
        .contains(&"hint:credentials-rejected".to_string()));
    assert_eq!(
        keys("ÉCRAN NOIR après connexion"),
        keys("écran noir après connexion")
    );
    assert!(keys("écran noir").contains(&"hint:black-screen".to_string()));
}

/// The signature pack (`intl-pack` builds leave the non-English signatures out and load them
/// from JSON): a German dialog is read only once the pack is in, a damaged or foreign pack is
/// refused with what was wrong, and without the feature loading is a no-op (0 patterns).
#[test]
fn signature_pack_loads_the_other_locales() {
    let german =
        "Authentifizierungsfehler.\nDie lokale Sicherheitsautorität (LSA) ist nicht erreichbar.";
    let pack: serde_json::Value = serde_json::from_str(signature_pack_json()).expect("pack JSON");
    assert_eq!(pack["schema"], "rdp-triage.signature-pack/1");
    let n = pack["len"].as_array().expect("len").len();
    assert!(n > 500, "the pack holds the non-English signatures ({n})");
    if !cfg!(feature = "intl-pack") {
        assert!(keys(german).contains(&"msg:lsa-unreachable".to_string()));
        assert_eq!(load_signature_pack(signature_pack_json()), Ok(0));
        return;
    }
    let mut foreign = pack.clone();
    foreign["kinds"] = "0000000000000000".into();
    let err = load_signature_pack(&foreign.to_string()).expect_err("another build's pack");
    assert!(err.contains("another version"), "{err}");
    let mut damaged = pack.clone();
    damaged["text"] = "x".into();
    let err = load_signature_pack(&damaged.to_string()).expect_err("damaged");
    assert!(err.contains("damaged"), "{err}");
    assert!(load_signature_pack("{")
        .expect_err("not JSON")
        .contains("not a signature pack"));
    assert!(
        !keys(german).contains(&"msg:lsa-unreachable".to_string()),
        "not before the pack"
    );
    assert_eq!(load_signature_pack(signature_pack_json()), Ok(n));
    assert!(
        keys(german).contains(&"msg:lsa-unreachable".to_string()),
        "read after the pack"
    );
    assert_eq!(
        load_signature_pack(signature_pack_json()),
        Ok(n),
        "a second load changes nothing"
    );
}

/// A product message inside a longer recognised one is part of it: FreeRDP's untrusted-
/// certificate prompt ends in "…, or the certificate has expired", which alone is mstsc's
/// expired-certificate dialog. Messages starting at the same place are all read, and the same
/// sentence on its own still counts.
#[test]
fn a_message_inside_a_longer_one_is_part_of_it() {
    let prompt = "The above X.509 certificate could not be verified, possibly because you do not have\nthe CA certificate in your certificate store, or the certificate has expired.";
    let k = keys(prompt);
    assert!(k.contains(&"msg:cert-untrusted".to_string()), "{k:?}");
    assert!(!k.contains(&"msg:cert-expired".to_string()), "{k:?}");
    assert!(keys("The certificate has expired.").contains(&"msg:cert-expired".to_string()));
    // FreeRDP 3 prints the "HAS CHANGED" block for a certificate it does not trust yet
    // (libfreerdp/crypto/tls.c, tls_print_new_certificate_warn on match == 1), FreeRDP 2 when
    // the remembered one changed: an ambiguous warning, not proof of a changed key.
    let block =
        "[ERROR][com.freerdp.crypto] - @    WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED!     @";
    let k = keys(block);
    assert!(
        k.contains(&"msg:host-key-warning".to_string())
            && !k.contains(&"msg:host-key-changed".to_string()),
        "{k:?}"
    );
    let changed = "[ERROR][com.freerdp.crypto] - @    WARNING: NEW HOST IDENTIFICATION!     @";
    assert!(keys(changed).contains(&"msg:host-key-changed".to_string()));
}

/// The findings of a paste whose title says they were read nearly (not word for word).
fn near_keys(t: &str) -> Vec<String> {
    analyze_text(t, 0)
        .findings
        .into_iter()
        .filter(|f| f.title.starts_with("Close to: "))
        .inspect(|f| assert_eq!(f.strength, Strength::Soft, "{}", f.title))
        .map(|f| f.evidence)
        .collect()
}

#[test]
fn a_message_written_a_little_differently_is_read_nearly() {
    // RD Gateway's event 301 text, with "the" added and the user names of a real log.
    let t = "The user \"CORP\\jdoe\", on client computer \"192.168.0.44\", did not meet the resource authorization policy requirements and was therefore not authorized to resource \"10.0.0.66\".";
    assert_eq!(
        near_keys(t),
        ["event:301"],
        "not event 201 (connection policy): the word that differs decides"
    );
    // Two words of the message in the other order (Winlogon's event 4005 text).
    assert_eq!(
        near_keys("The Windows logon process has terminated unexpectedly"),
        ["msg:winlogon-terminated"]
    );
    // Two words swapped and one ending changed.
    assert_eq!(
        near_keys("It said: the certificate received from the remote computer is expired."),
        ["msg:cert-expired"]
    );
}

#[test]
fn a_message_with_a_typing_slip_in_a_rare_word_is_read_nearly() {
    // Event 301's text with "authorizaton" is read; the same text without the word is not.
    let slip = "The user \"CORP\\jdoe\", on client computer \"192.168.0.44\", did not meet resource authorizaton policy requirements and was therefore not authorized to resource \"10.0.0.66\".";
    assert_eq!(near_keys(slip), ["event:301"]);
    let without = slip.replace("authorizaton ", "");
    assert!(near_keys(&without).is_empty(), "{:?}", near_keys(&without));
}

#[test]
fn a_chinese_or_japanese_dialog_retyped_with_characters_left_out_is_read_nearly() {
    // The ja-JP CredSSP dialog ("要求された関数はサポートされていません") with "ていま" left out.
    assert_eq!(
        near_keys("接続すると「要求された関数はサポートされません」と表示される"),
        ["msg:credssp-oracle"]
    );
    // The zh-CN security-error dialog ("由于安全错误，无法连接到远程电脑") without "到".
    assert_eq!(
        near_keys("远程桌面提示：由于安全错误，无法连接远程电脑"),
        ["msg:auth-error"]
    );
}

#[test]
fn a_chinese_dialog_with_another_distinctive_word_is_not_read_nearly() {
    // "许可" (licence) where the security-error dialog says "安全" (security).
    let t = "由于许可错误，无法连接到远程电脑";
    assert!(
        !keys(t).contains(&"msg:auth-error".to_string()),
        "{:?}",
        keys(t)
    );
}

#[test]
fn a_message_with_another_distinctive_word_is_not_read_nearly() {
    // mstsc's 0x406 text with "licensing" where it says "security".
    let t = "Because of a licensing error, the client could not connect to the remote computer.";
    assert!(
        !keys(t).contains(&"disc:0x406".to_string()),
        "{:?}",
        keys(t)
    );
}

#[test]
fn a_short_message_phrase_is_read_nearly_only_when_its_words_stand_together() {
    // mstsc's "because of a protocol error" (three content words) retyped without the "a".
    assert_eq!(
        near_keys("\"Because of protocol error, the session will be disconnected\""),
        ["msg:protocol-error"]
    );
    // Four words with one more inside: "incoming" added to mstsc's connection-limit phrase.
    assert_eq!(
        near_keys("I get \"The number of incoming connections to this computer is limited\"."),
        ["msg:connection-limit"]
    );
    // The same three words apart from each other are three words, not the phrase.
    let apart = "Because we changed the protocol settings, an error occurs now and then.";
    assert!(near_keys(apart).is_empty(), "{:?}", near_keys(apart));
}

#[test]
fn a_short_phrase_is_read_nearly_only_with_its_own_not() {
    // RDP Wrapper's "This version of Terminal Services is not supported" (four content words),
    // retyped without "This": read; the same words saying "fully supported": not read.
    assert_eq!(
        near_keys("it says the version of Terminal Services is not supported"),
        ["msg:rdpwrap-unsupported"]
    );
    let fine = "RDPConf shows the version of Terminal Services is fully supported now";
    assert!(near_keys(fine).is_empty(), "{:?}", near_keys(fine));
}

#[test]
fn words_inside_an_identifier_are_not_read_as_a_phrase() {
    // FreeRDP's code name is read as the code; its words are not also the TLS phrase.
    let t = "connection failed with ERRCONNECT_TLS_CONNECT_FAILED, then it quit";
    assert!(
        keys(t).contains(&"freerdp:ERRCONNECT_TLS_CONNECT_FAILED".to_string()),
        "{:?}",
        keys(t)
    );
    assert!(near_keys(t).is_empty(), "{:?}", near_keys(t));
}

#[test]
fn a_short_chinese_phrase_is_not_read_nearly() {
    // "无法连接到" (cannot connect to) is four character pairs: too few to stand for a message.
    let t = "远程桌面总是无法连接到服务器，不知道为什么";
    assert!(near_keys(t).is_empty(), "{:?}", near_keys(t));
}

#[test]
fn near_reading_leaves_word_for_word_pastes_and_logs_alone() {
    // Word for word: the exact finding, nothing "close to".
    let t = "The user \"CORP\\jdoe\", on client computer \"192.168.0.44\", did not meet resource authorization policy requirements and was therefore not authorized to resource \"10.0.0.66\".";
    assert!(keys(t).contains(&"event:301".to_string()));
    assert!(near_keys(t).is_empty());
    // The same paraphrase inside a log longer than NEAR_MAX is read word for word only.
    let mut log = "2026-12-01 08:58:11 INFO nothing to see here\n".repeat(near::NEAR_MAX / 40);
    log.push_str("did not meet the resource authorization policy requirements\n");
    assert!(log.len() > near::NEAR_MAX);
    assert!(near_keys(&log).is_empty());
}

#[test]
fn a_hint_inside_a_longer_hint_is_not_counted_again() {
    // "renamed" alone says the server was renamed; inside "renamed the account" it is the
    // account, which the longer phrase says.
    assert_eq!(
        keys("HR renamed the account last week"),
        vec!["hint:account-name".to_string()]
    );
    assert_eq!(
        keys("We renamed the server last week"),
        vec!["hint:renamed".to_string()]
    );
    // Two mentions in one paste are two readings.
    let both = keys("We renamed the server, and then we renamed the account too");
    assert!(both.contains(&"hint:renamed".to_string()), "{both:?}");
    assert!(both.contains(&"hint:account-name".to_string()), "{both:?}");
}

#[test]
fn a_hint_inside_a_message_read_as_hard_evidence_is_not_counted_again() {
    // mstsc's dialog holds the words of the credentials-rejected hint: one mention, one key.
    let dialog = "Your credentials did not work. The credentials that were used to connect to 10.0.0.5 did not work.";
    assert_eq!(keys(dialog), ["msg:logon-failure"]);
    // The reporter's own sentence next to it still counts.
    let both =
        format!("{dialog}\nI am sure the password is correct but it keeps asking for password.");
    assert!(keys(&both).contains(&"hint:credentials-rejected".to_string()));
    // Context inside a message stays: which product printed it is another fact.
    assert!(
        keys("[ERROR][com.freerdp.core] - ERRCONNECT_CONNECT_TRANSPORT_FAILED")
            .iter()
            .any(|k| k.starts_with("ctx:client:freerdp"))
    );
}

/// Event Viewer's text of Group Policy's event 1058 (a common, unrelated error).
const GP_1058: &str = "Log Name:      System\nSource:        Microsoft-Windows-GroupPolicy\nDate:          12/5/2026 9:12:01 AM\nEvent ID:      1058\nTask Category: None\nLevel:         Error\nDescription:\nThe processing of Group Policy failed. Windows attempted to read the file gpt.ini.";

#[test]
fn an_event_id_from_another_source_is_not_the_rdp_event() {
    let a = analyze_text(GP_1058, 0);
    assert!(
        !a.findings.iter().any(|f| f.evidence == "event:1058"),
        "{:?}",
        a.findings
    );
    let d = a
        .diagnostics
        .iter()
        .find(|d| d.code == "text-event-other-source")
        .expect("a note says why the event was left out");
    assert!(
        d.message.contains("Microsoft-Windows-GroupPolicy"),
        "{}",
        d.message
    );
    assert!(d.span.is_some());
    // Ten such records give one note.
    let ten = [GP_1058; 10].join("\n\n");
    let notes = analyze_text(&ten, 0)
        .diagnostics
        .iter()
        .filter(|d| d.code == "text-event-other-source")
        .count();
    assert_eq!(notes, 1);
    // The same record from the Remote Desktop component that logs 1058 is read.
    let rcm = GP_1058.replace(
        "Microsoft-Windows-GroupPolicy",
        "Microsoft-Windows-TerminalServices-RemoteConnectionManager",
    );
    assert!(keys(&rcm).contains(&"event:1058".to_string()));
    // Older Windows names the source TermService: taken as that component.
    let legacy = GP_1058.replace("Microsoft-Windows-GroupPolicy", "TermService");
    assert!(keys(&legacy).contains(&"event:1058".to_string()));
    // A Terminal Services component that is not the one logging this number: left out.
    let lsm = GP_1058.replace(
        "Microsoft-Windows-GroupPolicy",
        "Microsoft-Windows-TerminalServices-LocalSessionManager",
    );
    assert!(!keys(&lsm).contains(&"event:1058".to_string()));
    // No source named: the number is read as before.
    assert!(keys("Event ID: 1058").contains(&"event:1058".to_string()));
    // A blank line ends the record: a source named in an earlier record does not count.
    let two = format!("{GP_1058}\n\nEvent ID: 1058");
    assert!(keys(&two).contains(&"event:1058".to_string()));
    // Also in Windows line breaks and with a line of spaces between the records.
    let crlf = format!("{}\r\n\r\nEvent ID: 1058", GP_1058.replace('\n', "\r\n"));
    assert!(keys(&crlf).contains(&"event:1058".to_string()));
    let spaces = format!("{GP_1058}\n \t \nEvent ID: 1058");
    assert!(keys(&spaces).contains(&"event:1058".to_string()));
    // A source counts for 40 lines (its own and 39 below), no further.
    let below = |gap: usize| {
        format!(
            "Source: Microsoft-Windows-GroupPolicy\n{}Event ID: 1058",
            "some description line\n".repeat(gap)
        )
    };
    assert!(!keys(&below(38)).contains(&"event:1058".to_string()));
    assert!(keys(&below(39)).contains(&"event:1058".to_string()));
    // A word "source" inside a sentence names no source.
    let prose = "The source of the problem is unknown.\nEvent ID: 1058";
    assert!(keys(prose).contains(&"event:1058".to_string()));
}

#[test]
fn an_event_csv_export_checks_each_row_against_its_source_column() {
    let header = "Level,Date and Time,Source,Event ID,Task Category";
    let gp = "Error,12/5/2026 9:12:01 AM,Microsoft-Windows-GroupPolicy,1058,None,\"The processing of Group Policy failed.\"";
    let rcm = "Error,12/5/2026 9:13:44 AM,Microsoft-Windows-TerminalServices-RemoteConnectionManager,1058,None,\"The RD Session Host Server has failed to replace the expired self signed certificate.\"";
    let a = analyze_text(&format!("{header}\n{gp}"), 0);
    assert!(!a.findings.iter().any(|f| f.evidence == "event:1058"));
    assert!(a
        .diagnostics
        .iter()
        .any(|d| d.code == "text-event-other-source"
            && d.message.contains("Microsoft-Windows-GroupPolicy")));
    // The next row names its own source: read.
    assert!(keys(&format!("{header}\n{gp}\n{rcm}")).contains(&"event:1058".to_string()));
    // Quoted fields, semicolons (other locales' list separator), Windows line breaks.
    let quoted = format!(
        "\"Level\";\"Date and Time\";\"Source\";\"Event ID\";\"Task Category\"\r\n{}",
        "\"Error\";\"12/5/2026 9:12:01 AM\";\"Microsoft-Windows-GroupPolicy\";\"1058\";\"None\""
    );
    assert!(
        !keys(&quoted).contains(&"event:1058".to_string()),
        "{quoted}"
    );
    // A row with an empty source names none: its ID is read.
    assert!(
        keys(&format!("{header}\nError,12/5/2026 9:12:01 AM,,1058,None"))
            .contains(&"event:1058".to_string())
    );
}

#[test]
fn an_event_source_is_read_from_xml_and_powershell_lists() {
    let xml = "<Event xmlns=\"http://schemas.microsoft.com/win/2004/08/events/event\">\n<System>\n<Provider Name=\"Microsoft-Windows-GroupPolicy\" Guid=\"{aea1b4fa-97d1-45f2-a64c-4d69fffd92c9}\" />\n<EventID>1058</EventID>\n</System>\n</Event>";
    let list = "TimeCreated  : 12/5/2026 9:12:01 AM\nProviderName : Microsoft-Windows-GroupPolicy\nId           : 1058\nMessage      : The processing of Group Policy failed.";
    let reads = |t: &str| keys(t).contains(&"event:1058".to_string());
    for record in [xml, list] {
        assert!(!reads(record), "{record}");
        let ours = record.replace(
            "Microsoft-Windows-GroupPolicy",
            "Microsoft-Windows-TerminalServices-RemoteConnectionManager",
        );
        assert!(reads(&ours), "{ours}");
    }
}

#[test]
fn an_nps_reason_code_is_not_an_rdp_extended_code() {
    // Network Policy Server's 6273 (behind an RD Gateway): "Reason Code" with its "Reason:"
    // on the next line, in both line-break styles.
    for nl in ["\n", "\r\n"] {
        let nps = ["Authentication Details:", "\tNetwork Policy Name:\t\t-", "\tReason Code:\t\t\t65", "\tReason:\t\t\t\tThe Network Access Permission setting in the dial-in properties of the user account in Active Directory is set to Deny access to the user."].join(nl);
        let k = keys(&nps);
        assert!(!k.iter().any(|k| k.starts_with("ext:")), "{k:?}");
        assert!(k.contains(&"msg:gateway".to_string()), "{k:?}");
    }
    // A reason code with no "Reason:" line after it is still read.
    assert!(keys("disconnected reason code 2308")
        .iter()
        .any(|k| k.starts_with("ext:") || k.starts_with("disc:")));
}

#[test]
fn remmina_prints_the_freerdp_error_as_bare_hex() {
    // Remmina's rdp_plugin.c: `g_printf("libfreerdp returned code is %08X\n", e)`.
    let k = keys("libfreerdp returned code is 0002000D");
    assert!(
        k.contains(&"freerdp:ERRCONNECT_CONNECT_TRANSPORT_FAILED".to_string()),
        "{k:?}"
    );
    let k = keys("libfreerdp returned code is 00020016\n** (org.remmina.Remmina:22490): DEBUG");
    assert!(
        k.contains(&"freerdp:ERRCONNECT_ACCESS_DENIED".to_string()),
        "{k:?}"
    );
    // Class 1 is ERRINFO: the extended code.
    assert!(keys("libfreerdp returned code is 00010007").contains(&"ext:0x7".to_string()));
    // Not eight hex digits, or a decimal: nothing read as a code.
    for t in [
        "libfreerdp returned code is 2000D",
        "libfreerdp returned code is 0002000DZ",
    ] {
        assert!(
            !keys(t)
                .iter()
                .any(|k| k.starts_with("freerdp:") || k.starts_with("disc:")),
            "{t}"
        );
    }
}

#[test]
fn a_retyped_dialog_reads_like_the_dialog() {
    // "occured" is how people retype "occurred" (build.rs compiles both spellings).
    assert!(keys("An internal error has occured").contains(&"msg:internal-error".to_string()));
    assert!(keys("An authentication error has occured.").contains(&"msg:auth-error".to_string()));
    // Only as a whole word: a longer word is not the retyped one.
    assert!(!keys("An internal error has occuredx").contains(&"msg:internal-error".to_string()));
}

#[test]
fn a_bare_gateway_range_code_is_read_when_the_catalog_knows_it() {
    // Azure Virtual Desktop's 0x3000046 in prose, without a label: read as its dialog.
    assert!(keys("Windows App shows 0x3000046 every morning")
        .contains(&"msg:avd-host-unavailable".to_string()));
    // The same width, but no code the catalog has (a memory address): nothing.
    let k = keys("write to 0x3001898 failed");
    assert!(
        !k.iter()
            .any(|k| k.starts_with("disc:") || k.starts_with("msg:")),
        "{k:?}"
    );
    // A zero-padded small status is not a disconnect code.
    let k =
        keys("RAIL exec error: execResult=RAIL_EXEC_E_NOT_IN_ALLOWLIST [0x00000003] NtError=0x0");
    assert!(!k.contains(&"disc:0x3".to_string()), "{k:?}");
}

#[test]
fn a_kernel_segfault_line_says_which_side_crashed() {
    // (server crash read, client crash read) for one paste.
    let crash = |t: &str| {
        let k = keys(t);
        let has = |key: &str| k.iter().any(|x| x == key);
        (has("hint:server-crash"), has("hint:client-crash"))
    };
    // A server-side process: the server crashed, and the bare word's client hint inside the
    // same line is not read as well.
    assert_eq!(
        crash("[   44.044898] xrdp[1614]: segfault at 5643a003b6d8 ip 00007f7167d46fda sp 00007ffde329f8a0 error 4 in libcommon.so.0.0.0[7f7167d3c000+19000]"),
        (true, false)
    );
    // The kernel cuts the task name to 15 bytes.
    assert_eq!(
        crash("kernel: gnome-remote-de[2210]: segfault at 0 ip 0000 sp 0000 error 4"),
        (true, false)
    );
    // A client: left to the word itself.
    assert_eq!(
        crash("c-web1 kernel: [ 3426.258494] remmina[14617]: segfault at c ip 00007f3d1b1f4f66 sp 00007f3d115de0a0 error 4 in libfreerdp.so.1.2.2[7f3d1b190000+14e000]"),
        (false, true)
    );
    // Not the kernel's shape (no `[pid]: ` before it): no server hint.
    assert_eq!(crash("xrdp segfault at login"), (false, true));
}

#[test]
fn a_saved_rdp_file_is_not_read_as_a_server_redirection() {
    // mstsc writes `use redirection server name:i:0` into every .rdp file it saves: a pasted
    // connection file says nothing about a redirection. The value GNOME Remote Desktop asks
    // for (1) does.
    let saved = "screen mode id:i:2\nfull address:s:srv01.corp.example\nuse redirection server name:i:0\nprompt for credentials:i:0\n";
    let k = keys(saved);
    assert!(!k.iter().any(|x| x == "hint:server-redirection"), "{k:?}");
    let k = keys("I added use redirection server name:i:1 to the exported file");
    assert!(k.iter().any(|x| x == "hint:server-redirection"), "{k:?}");
}
