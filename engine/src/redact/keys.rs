//! Private-key detector: PEM `PRIVATE KEY` blocks (also when their END line is missing) and
//! PuTTY key files. Keys are always removed, whatever the options say.

use super::scan::{at, line_end, line_end_within, MAX_VALUE};

/// Private key blocks: PEM `-----BEGIN ... PRIVATE KEY-----` to its END line (or, when the END
/// line is missing, to the end of the base64 lines), and PuTTY key files.
pub(super) fn private_keys(text: &str) -> Vec<(usize, usize, &'static str)> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    // Labels whose END line is known to be absent from some position on (keeps this linear).
    let mut no_end: Vec<String> = Vec::new();
    let mut next_mac: Option<Option<usize>> = None;
    let mut i = 0;
    while i < b.len() {
        // Both markers start with '-' or 'P': jump to the next such byte.
        match b[i..].iter().position(|&c| c == b'-' || c == b'P') {
            Some(p) => i += p,
            None => break,
        }
        if at(b, i, "-----BEGIN ") {
            let label_start = i + 11;
            let window = &b[label_start..(label_start + 80).min(b.len())];
            let Some(rel) = window.windows(5).position(|w| w == b"-----") else {
                i = label_start;
                continue;
            };
            let label = text.get(label_start..label_start + rel).unwrap_or("");
            let after_begin = label_start + rel + 5;
            if !label.contains('\n') && label.to_ascii_uppercase().contains("PRIVATE KEY") {
                let end_marker = format!("-----END {label}-----");
                let found = if no_end.iter().any(|l| l == label) {
                    None
                } else {
                    text[after_begin..].find(&end_marker)
                };
                let end = match found {
                    Some(p) => after_begin + p + end_marker.len(),
                    None => {
                        no_end.push(label.to_string());
                        base64_lines_end(b, after_begin)
                    }
                };
                out.push((i, end, "a private key"));
                i = end;
                continue;
            }
            i = after_begin;
            continue;
        }
        if at(b, i, "PuTTY-User-Key-File-") && (i == 0 || b[i - 1] == b'\n') {
            // Runs to the end of the Private-MAC line (or the base64 lines after Private-Lines).
            // The next "Private-MAC:" at or after i, searched once per position passed.
            if next_mac.is_some_and(|m| m.is_some_and(|p| p < i)) || next_mac.is_none() {
                next_mac = Some(text[i..].find("Private-MAC:").map(|p| i + p));
            }
            let end = match next_mac.flatten().filter(|p| p - i <= 64 * 1024) {
                Some(p) => line_end_within(b, p, MAX_VALUE),
                None => base64_lines_end(b, line_end(b, i)),
            };
            out.push((i, end, "a PuTTY private key file"));
            i = end;
            continue;
        }
        i += 1;
    }
    out
}

/// End of the run of base64 lines (after optional `Header: value` lines and one blank line)
/// starting at `i`: where a cut-off key block stops.
fn base64_lines_end(b: &[u8], mut i: usize) -> usize {
    let mut end = i;
    let mut body = false;
    while i < b.len() {
        let le = line_end(b, i);
        let t = b[i..le].trim_ascii();
        if t.is_empty() {
            if body {
                break;
            }
        } else if !body && t.contains(&b':') && t.len() < 200 {
            // RFC 1421 header such as Proc-Type: 4,ENCRYPTED
        } else if t
            .iter()
            .all(|&c| c.is_ascii_alphanumeric() || c == b'+' || c == b'/' || c == b'=')
        {
            body = true;
        } else {
            break;
        }
        end = le;
        i = le;
        if i < b.len() && b[i] == b'\r' {
            i += 1;
        }
        if i < b.len() && b[i] == b'\n' {
            i += 1;
        }
    }
    end
}
