//! FreeRDP logs read in sequence (issue #14 item 10): `ERRCONNECT_CONNECT_CANCELLED` after a
//! connection reset is the abort that follows the reset, not a refused certificate prompt, and
//! FreeRDP's self-signed certificate warning is a log line, not a dialog. Log lines are written
//! the way FreeRDP 2.x writes them (`[time] [pid:tid] [LEVEL][tag] - message`).

use engine::schema::Request;

const RESET_THEN_CANCELLED: &str = "\
[10:02:11:101] [4411:4412] [ERROR][com.freerdp.core.transport] - BIO_read returned a system error 104: Connection reset by peer
[10:02:11:102] [4411:4412] [ERROR][com.freerdp.core] - transport_read_layer:freerdp_set_last_error_ex ERRCONNECT_CONNECT_TRANSPORT_FAILED [0x0002000D]
[10:02:11:140] [4411:4412] [ERROR][com.freerdp.core] - freerdp_connect:freerdp_set_last_error_ex ERRCONNECT_CONNECT_CANCELLED [0x0002000B]
";

const CANCELLED_ALONE: &str = "\
[10:02:11:140] [4411:4412] [ERROR][com.freerdp.core] - freerdp_connect:freerdp_set_last_error_ex ERRCONNECT_CONNECT_CANCELLED [0x0002000B]
";

fn cancelled_finding(text: &str) -> engine::Finding {
    engine::analyze_text(text, 0)
        .findings
        .into_iter()
        .find(|f| f.title.contains("ERRCONNECT_CONNECT_CANCELLED"))
        .expect("the cancelled code is reported")
}

fn rank_of(text: &str, cause: &str) -> usize {
    let req = Request {
        texts: vec![text.to_string()],
        ..Request::default()
    };
    let r = engine::diagnose(&req);
    r.causes
        .iter()
        .position(|c| c.id == cause)
        .expect("cause ranked")
}

#[test]
fn cancelled_after_a_reset_is_the_abort_not_a_refused_prompt() {
    let after = cancelled_finding(RESET_THEN_CANCELLED);
    assert!(!after.evidence.ends_with("CONNECT_CANCELLED"), "{after:?}");
    assert!(
        after.detail.contains("not a refused certificate prompt"),
        "{after:?}"
    );
    let a = engine::analyze_text(RESET_THEN_CANCELLED, 0);
    let d = a
        .decoded
        .iter()
        .find(|d| {
            d.display.contains("ERRCONNECT_CONNECT_CANCELLED")
                || d.name.as_deref() == Some("ERRCONNECT_CONNECT_CANCELLED")
        })
        .expect("still decoded");
    assert!(d.meaning.contains("follows the connection reset"), "{d:?}");
    // Without a reset before it, it keeps its catalogue meaning and evidence.
    let alone = cancelled_finding(CANCELLED_ALONE);
    assert!(
        alone.evidence.ends_with("ERRCONNECT_CONNECT_CANCELLED"),
        "{alone:?}"
    );
    // The untrusted-certificate cause is not pushed up by the abort after a reset.
    let with_cancel = rank_of(RESET_THEN_CANCELLED, "cert-untrusted");
    let reset_only = rank_of(
        &RESET_THEN_CANCELLED
            .lines()
            .take(2)
            .collect::<Vec<_>>()
            .join("\n"),
        "cert-untrusted",
    );
    assert_eq!(with_cancel, reset_only);
}

#[test]
fn the_self_signed_warning_is_a_log_line_not_a_dialog() {
    let log = "[08:11:02:412] [40122:40123] [WARN][com.freerdp.crypto] - Certificate verification failure 'self-signed certificate (18)' at stack position 0";
    let a = engine::analyze_text(log, 0);
    let f = a
        .findings
        .iter()
        .find(|f| f.evidence == "msg:cert-untrusted")
        .expect("the warning is recognised");
    assert!(f.title.starts_with("FreeRDP log: "), "{f:?}");
    assert!(!f.title.contains("Dialog"), "{f:?}");
    // The same words in the mstsc dialog stay a dialog.
    let dialog = "Remote Desktop Connection\nThe certificate is not from a trusted certifying authority. The remote computer uses a self-signed certificate.";
    let a = engine::analyze_text(dialog, 0);
    let f = a
        .findings
        .iter()
        .find(|f| f.evidence == "msg:cert-untrusted")
        .expect("the dialog sentence is recognised");
    assert!(f.title.starts_with("Dialog: "), "{f:?}");
}
