//! Secret detector: passwords (`password=`, `cmdkey /pass:`, FreeRDP `/p:`, `.rdp`
//! `password 51:b:`, `ConvertTo-SecureString -AsPlainText`) and tokens (`Bearer`,
//! `Authorization: Basic`). Secrets are always removed, whatever the options say.

use super::scan::{at, floor_ascii, is_word, line_end_within, skip_blanks, value_token, MAX_VALUE};

/// Password-like values: `password=`, `pwd:`, `cmdkey /pass:`, FreeRDP `/p:`, `.rdp`
/// `password 51:b:`, `Bearer` tokens, `Authorization: Basic`, `ConvertTo-SecureString ...
/// -AsPlainText`.
pub(super) fn secrets(text: &str) -> Vec<(usize, usize, &'static str)> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        // Every pattern below starts with p, /, b or c (any case): other bytes are passed
        // over at once, which keeps a 10 MB paste quick on the page's own thread.
        if !matches!(c | 0x20, b'p' | b'/' | b'b' | b'c') {
            i += 1;
            continue;
        }
        let word_start = i == 0 || !is_word(b[i - 1]);
        if word_start && matches!(c, b'p' | b'P') {
            // password / passwd / pwd followed by optional blanks and '=' or ':'.
            for label in ["password", "passwd", "pwd", "pass"] {
                if at(b, i, label) && !(i + label.len() < b.len() && is_word(b[i + label.len()])) {
                    let j = skip_blanks(b, i + label.len());
                    if j < b.len() && (b[j] == b'=' || b[j] == b':') {
                        if label == "pass" && !(i > 0 && b[i - 1] == b'/') {
                            break; // bare "pass:" only as the cmdkey switch /pass:
                        }
                        let (s, e) = value_token(b, skip_blanks(b, j + 1));
                        if plausible_secret(&b[s..e]) {
                            let kind = if label == "pass" {
                                "cmdkey-password"
                            } else {
                                "password"
                            };
                            out.push((s, e, kind));
                        }
                    } else if label == "password" && at(b, j, "51:b:") {
                        let (s, e) = value_token(b, j + 5);
                        if e > s {
                            out.push((s, e, "rdp-file-password"));
                        }
                    }
                    break;
                }
            }
        }
        if c == b'/'
            && (i == 0 || b[i - 1].is_ascii_whitespace())
            && (at(b, i, "/p:") || at(b, i, "/password:"))
        {
            let n = if at(b, i, "/p:") { 3 } else { 10 };
            let (s, e) = value_token(b, i + n);
            if plausible_secret(&b[s..e]) {
                out.push((s, e, "freerdp-password"));
            }
        }
        if word_start && at(b, i, "bearer ") {
            let (s, e) = value_token(b, skip_blanks(b, i + 7));
            if e - s >= 16
                && b[s..e]
                    .iter()
                    .all(|&c| c.is_ascii_alphanumeric() || b"-._~+/=".contains(&c))
            {
                out.push((s, e, "bearer-token"));
            }
        }
        if word_start
            && at(b, i, "basic ")
            && b[i.saturating_sub(40)..i]
                .to_ascii_lowercase()
                .trim_ascii_end()
                .ends_with(b"authorization:")
        {
            let (s, e) = value_token(b, skip_blanks(b, i + 6));
            if e - s >= 4 {
                out.push((s, e, "basic-auth"));
            }
        }
        if word_start && at(b, i, "convertto-securestring") {
            let le = floor_ascii(b, i, line_end_within(b, i, 4 * MAX_VALUE));
            let line = text.get(i..le).unwrap_or("");
            if line.to_ascii_lowercase().contains("-asplaintext") {
                let after = skip_blanks(b, i + 22);
                let (s, e) = if after < le && b[after] == b'-' {
                    // -String 'x'
                    let name_end = b[after..le]
                        .iter()
                        .position(|c| c.is_ascii_whitespace())
                        .map_or(le, |p| after + p);
                    value_token(b, skip_blanks(b, name_end))
                } else {
                    value_token(b, after)
                };
                if e > s && e <= le {
                    out.push((s, e, "plaintext-securestring"));
                }
            }
        }
        i += 1;
    }
    out
}

/// A password value worth flagging: not empty, not a mask (`****`), not a placeholder.
fn plausible_secret(v: &[u8]) -> bool {
    let mask = v
        .iter()
        .all(|&c| c == b'*' || c == b'x' || c == b'X' || c == b'.');
    let placeholder = v.first() == Some(&b'<') || (v.first() == Some(&b'$') && v.len() < 3);
    let none = v.eq_ignore_ascii_case(b"n/a") || v == b"-";
    !(v.is_empty() || mask || placeholder || none)
}
