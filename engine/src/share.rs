//! Share-link codec: a whole [`Request`] in a URL fragment, `#r=<payload>` where the payload is
//! base64url without padding of the raw-DEFLATE-compressed request JSON. The web app uses it
//! for "share link" and `rdp-probe --open` uses it to hand a probe report to the browser.
//! Fragments are never sent to a server. Decoding is bounded (input length and inflated size)
//! and every failure is an `Err` with a sentence saying what was wrong and what to do.

use crate::schema::{Request, REQUEST_SCHEMA};
use base64::alphabet;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use base64::Engine as _;

/// Longest payload accepted by [`decode_request`] (characters of base64url).
pub const MAX_ENCODED_LEN: usize = 8 * 1024 * 1024;
/// Largest request JSON accepted after inflating (protects against deflate bombs).
pub const MAX_JSON_LEN: usize = 32 * 1024 * 1024;

/// Encodes a request as the share-link payload (without the `#r=` prefix). The `schema` field
/// is filled in when empty so the receiver knows the version.
pub fn encode_request(req: &Request) -> String {
    let json = if req.schema.is_empty() {
        let mut r = req.clone();
        r.schema = REQUEST_SCHEMA.to_string();
        serde_json::to_vec(&r)
    } else {
        serde_json::to_vec(req)
    }
    .unwrap_or_default();
    let packed = miniz_oxide::deflate::compress_to_vec(&json, 9);
    base64url_encode(&packed)
}

/// Decodes a share-link payload. Accepts the bare payload, `r=…`, `#r=…` or a whole URL whose
/// fragment holds `r=…` (other `&key=value` fragment parameters are ignored).
pub fn decode_request(input: &str) -> Result<Request, String> {
    let payload = extract_payload(input.trim());
    if payload.is_empty() {
        return Err(
            "The share link is empty. Paste the whole link, including the part after \"#r=\"."
                .into(),
        );
    }
    if payload.len() > MAX_ENCODED_LEN {
        return Err(format!(
            "The share link is too long ({} characters; the limit is {}). Attach the report JSON to the ticket instead.",
            payload.len(),
            MAX_ENCODED_LEN
        ));
    }
    let packed = base64url_decode(payload).ok_or_else(|| {
        "The share link is damaged: the part after \"#r=\" contains characters that are not base64url. Copy the link again in one piece.".to_string()
    })?;
    let json = miniz_oxide::inflate::decompress_to_vec_with_limit(&packed, MAX_JSON_LEN).map_err(|e| {
        if matches!(e.status, miniz_oxide::inflate::TINFLStatus::HasMoreOutput) {
            format!("The share link expands to more than {MAX_JSON_LEN} bytes, which is more than RDP Triage accepts.")
        } else {
            "The share link is damaged or cut off (its compressed data is incomplete). Copy the link again in one piece.".to_string()
        }
    })?;
    let req: Request = std::str::from_utf8(&json)
        .map_err(|e| e.to_string())
        .and_then(crate::schema::from_json)
        .map_err(|e| format!("The share link does not hold an RDP Triage request ({e}). It may come from another tool."))?;
    if !req.schema.is_empty() && req.schema != REQUEST_SCHEMA {
        return Err(format!(
            "The share link was made for schema \"{}\", but this version reads \"{REQUEST_SCHEMA}\". Open it with a matching RDP Triage version.",
            req.schema
        ));
    }
    Ok(req)
}

/// Finds the payload in `…#r=PAYLOAD&other` / `r=PAYLOAD` / `PAYLOAD`.
fn extract_payload(input: &str) -> &str {
    let frag = match input.find('#') {
        Some(i) => input.get(i + 1..).unwrap_or(""),
        None => input,
    };
    for part in frag.split('&') {
        if let Some(v) = part.strip_prefix("r=") {
            return v;
        }
    }
    if frag.contains('=') {
        ""
    } else {
        frag
    }
}

/// base64url (RFC 4648 section 5) without padding; the decoder also takes `=` padding and
/// leftover bits, as links hand-copied from mail clients can have them.
const BASE64URL: GeneralPurpose = GeneralPurpose::new(
    &alphabet::URL_SAFE,
    GeneralPurposeConfig::new()
        .with_encode_padding(false)
        .with_decode_allow_trailing_bits(true)
        .with_decode_padding_mode(DecodePaddingMode::RequireNone),
);

fn base64url_encode(data: &[u8]) -> String {
    BASE64URL.encode(data)
}

/// Decodes base64url; the standard alphabet's `+` and `/` are read as `-` and `_` (links that
/// passed through a tool that re-encoded them), trailing `=` are dropped.
fn base64url_decode(s: &str) -> Option<Vec<u8>> {
    let s = s.trim_end_matches('=');
    if s.contains(['+', '/']) {
        BASE64URL.decode(s.replace('+', "-").replace('/', "_")).ok()
    } else {
        BASE64URL.decode(s).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::FixOutcome;

    fn sample() -> Request {
        let mut r = Request {
            texts: vec!["Error code: 0x904\nExtended error code: 0x7 — ünïcödé ✓".into()],
            certificates: vec![
                "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----".into(),
            ],
            probe: Some(
                serde_json::json!({"schema": "rdp-triage.probe/1", "target": "srv01", "port": 3389}),
            ),
            host: Some("srv01.corp.example".into()),
            ..Request::default()
        };
        r.answers.insert("works-by-ip".into(), "no".into());
        r.feedback.insert("renew-cert".into(), FixOutcome::Failed);
        r
    }

    #[test]
    fn round_trip_keeps_everything_and_sets_schema() {
        let req = sample();
        let enc = encode_request(&req);
        assert!(
            enc.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'),
            "{enc}"
        );
        assert_same_request(&decode_request(&enc).unwrap(), &req);
    }

    /// What a share link must carry over unchanged (the schema becomes the current one).
    fn assert_same_request(back: &Request, want: &Request) {
        assert_eq!(back.schema, REQUEST_SCHEMA);
        assert_eq!(back.texts, want.texts);
        assert_eq!(back.certificates, want.certificates);
        assert_eq!(back.probe, want.probe);
        assert_eq!(back.answers, want.answers);
        assert_eq!(back.feedback, want.feedback);
        assert_eq!(back.host, want.host);
    }

    #[test]
    fn accepts_fragment_and_full_url_forms() {
        let enc = encode_request(&sample());
        for form in [
            format!("#r={enc}"),
            format!("r={enc}"),
            format!("https://triage.example/app/?embed=1#r={enc}&bridge=1.x"),
        ] {
            assert_eq!(
                decode_request(&form).unwrap().host.as_deref(),
                Some("srv01.corp.example"),
                "{form}"
            );
        }
    }

    #[test]
    fn base64url_matches_known_vectors() {
        assert_eq!(base64url_encode(b""), "");
        assert_eq!(base64url_encode(b"f"), "Zg");
        assert_eq!(base64url_encode(b"fo"), "Zm8");
        assert_eq!(base64url_encode(b"foo"), "Zm9v");
        assert_eq!(base64url_encode(&[0xfb, 0xff]), "-_8");
        assert_eq!(base64url_decode("-_8").unwrap(), vec![0xfb, 0xff]);
        assert_eq!(base64url_decode("Zm9vYg==").unwrap(), b"foob");
    }

    /// A link made by the hand-written base64url encoder this module had before it used the
    /// `base64` crate (the sample request, deflate level 9): links already handed out must
    /// keep opening, also with the standard alphabet's `+`/`/` and with `=` padding.
    const OLD_LINK: &str = "bY-xTsMwEIZfxbo5KamKBM1GS0AZ6IC6EQbHvrRRU9uc3SZVVYl3gJEXYGJjYsub9EmIUwkJwW13_6fv9O_BiiWuOcRA0oSOSr7AAeHTBq07G0IADhtnIX6AhEgTE1pizKJmHJ1nKmkcKomS4a_sgh2fX1n7pdoP0X7K9p0d317gMQCB5MqiFNxhrwz9TJLbdMamyf08vUmnV_Okv2bqLk0nmeqXZHb9B_A-QzpHiPdgNDmIR6PLcfBvoR481eG0wI4FS9toCIcAuLI1kvWaWtPKhvkuLE1HKO3jAlHmXKx8TqiwDn2LLi54WaH0yFLbH-NAaDIDbPjaVNj9U7qGWG2qKgC9Rar47rQevgE";

    #[test]
    fn links_made_by_the_old_encoder_still_open() {
        let want = sample();
        let check = |link: &str| {
            let back = decode_request(link).unwrap_or_else(|e| panic!("{link}: {e}"));
            assert_same_request(&back, &want);
        };
        check(OLD_LINK);
        check(&format!("https://triage.example/#r={OLD_LINK}"));
        check(&OLD_LINK.replace('-', "+").replace('_', "/"));
        let padded = format!("{OLD_LINK}{}", "=".repeat((4 - OLD_LINK.len() % 4) % 4));
        check(&format!("#r={padded}"));
        // The encoder still writes the same link for the same request.
        assert_eq!(encode_request(&want), OLD_LINK);
    }

    #[test]
    fn compresses_repetitive_text() {
        let req = Request {
            texts: vec!["Error code: 0x904\n".repeat(5000)],
            ..Request::default()
        };
        assert!(encode_request(&req).len() < 2000);
    }

    #[test]
    fn bad_inputs_give_clear_errors_not_panics() {
        let empty = decode_request("").unwrap_err();
        assert!(empty.contains("empty"), "{empty}");
        assert!(decode_request("#r=").unwrap_err().contains("empty"));
        assert!(decode_request("#bridge=1234.abc")
            .unwrap_err()
            .contains("empty"));
        assert!(decode_request("#r=ab$d").unwrap_err().contains("base64url"));
        assert!(decode_request("#r=A").unwrap_err().contains("base64url"));
        let enc = encode_request(&sample());
        let cut = &enc[..enc.len() / 2];
        assert!(decode_request(cut).unwrap_err().contains("cut off"));
        let not_req = base64url_encode(&miniz_oxide::deflate::compress_to_vec(b"[1,2,3]", 6));
        assert!(decode_request(&not_req)
            .unwrap_err()
            .contains("does not hold"));
        let other = base64url_encode(&miniz_oxide::deflate::compress_to_vec(
            br#"{"schema":"rdp-triage.request/9"}"#,
            6,
        ));
        assert!(decode_request(&other).unwrap_err().contains("request/9"));
        for s in ["\u{0}", "🦀🦀🦀", "#", "r", "#r=====", "AAAA", "____"] {
            let _ = decode_request(s);
        }
    }

    #[test]
    fn limits_are_enforced() {
        let long = "A".repeat(MAX_ENCODED_LEN + 4);
        assert!(decode_request(&long).unwrap_err().contains("too long"));
        // 40 MB of zeros compresses to ~40 KB: a deflate bomb must be refused, not inflated.
        let bomb = base64url_encode(&miniz_oxide::deflate::compress_to_vec(
            &vec![b' '; MAX_JSON_LEN + 1024],
            9,
        ));
        assert!(bomb.len() < MAX_ENCODED_LEN);
        assert!(decode_request(&bomb).unwrap_err().contains("more than"));
    }
}
