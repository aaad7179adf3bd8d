//! User-name detector: labelled values (`User:`, `Account Name:`, localised labels), FreeRDP's
//! `/u:`, event XML `*UserName` data, `DOMAIN\user`, `user@domain`, profile paths, qwinsta's
//! USERNAME column and domain/local account SIDs.

use super::scan::{
    at, floor_ascii, is_word, labelled_value, line_end_within, well_known_account, MAX_VALUE,
};
use super::{Hit, Kind};

const USER_LABELS: &[&str] = &[
    "target user name",
    "account name",
    "user account",
    "user name",
    "username",
    "user id",
    "logon account",
    // FreeRDP: "No user name set. - Using login name: jdoe".
    "login name",
    "benutzername",
    "kontoname",
    "nom du compte",
    "nom d'utilisateur",
    "nombre de cuenta",
    "nombre de usuario",
    "user",
    "benutzer",
    "utilisateur",
    "usuario",
];

/// Every user name in `text`, pushed onto `hits`.
pub(super) fn users(text: &str, hits: &mut Vec<Hit>) {
    let b = text.as_bytes();
    let mut qwinsta_col: Option<usize> = None;
    let mut line_start = 0;
    let mut i = 0;
    while i < b.len() {
        if i == line_start {
            let le = floor_ascii(b, i, line_end_within(b, i, 4 * MAX_VALUE));
            let line = text.get(i..le).unwrap_or("");
            let upper = line.to_ascii_uppercase();
            if upper.contains("SESSIONNAME") && upper.contains("USERNAME") {
                qwinsta_col = upper.find("USERNAME");
            } else if line.trim().is_empty() {
                qwinsta_col = None;
            } else if let Some(col) = qwinsta_col {
                if col < line.len()
                    && line.is_char_boundary(col)
                    && b[i + col] != b' '
                    && (col == 0 || b[i + col - 1] == b' ')
                {
                    let s = i + col;
                    let e = b[s..le]
                        .iter()
                        .position(|&c| c.is_ascii_whitespace())
                        .map_or(le, |p| s + p);
                    let v = &text[s..e];
                    if !v.chars().all(|c| c.is_ascii_digit()) && !well_known_account(v) {
                        hits.push(Hit {
                            start: s,
                            end: e,
                            kind: Kind::User,
                        });
                    }
                }
            }
        }
        let c = b[i];
        if c == b'\n' {
            line_start = i + 1;
            i += 1;
            continue;
        }
        // Labelled values.
        if c.is_ascii_alphabetic() {
            if let Some((s, e)) = labelled_value(b, i, USER_LABELS, false) {
                if !well_known_account(&text[s..e]) {
                    hits.push(Hit {
                        start: s,
                        end: e,
                        kind: Kind::User,
                    });
                }
            }
        }
        // FreeRDP's command line: `/u:value` (also `-u:`), the value one token, maybe quoted:
        // `/u:CONTOSO\jdoe`, `/u:jdoe@contoso.com`, `/u:"jdoe"`.
        if (c == b'/' || c == b'-')
            && (i == 0 || b[i - 1].is_ascii_whitespace() || b[i - 1] == b'"')
            && at(b, i + 1, "u:")
        {
            let mut s = i + 3;
            if matches!(b.get(s), Some(b'"' | b'\'')) {
                s += 1;
            }
            let mut e = s;
            // Stops only at ASCII delimiters, so `e` is always a char boundary.
            while e < b.len()
                && e - s < MAX_VALUE
                && !b[e].is_ascii_whitespace()
                && !b"\"'".contains(&b[e])
            {
                e += 1;
            }
            let e = floor_ascii(b, s, e);
            if e > s && !well_known_account(&text[s..e]) {
                hits.push(Hit {
                    start: s,
                    end: e,
                    kind: Kind::User,
                });
            }
        }
        // Event XML: Name="...UserName">value<
        if c == b'N' && at(b, i, "Name=\"") {
            let ns = i + 6;
            if let Some(p) = b[ns..].iter().take(64).position(|&x| x == b'"') {
                let name = text[ns..ns + p].to_ascii_lowercase();
                let vs = ns + p + 1;
                if (name.ends_with("username")
                    || name.ends_with("user")
                    || name.ends_with("accountname"))
                    && vs < b.len()
                    && b[vs] == b'>'
                {
                    let s = vs + 1;
                    if let Some(q) = b[s..].iter().take(512).position(|&x| x == b'<') {
                        let v = &text[s..s + q];
                        if !well_known_account(v) {
                            hits.push(Hit {
                                start: s,
                                end: s + q,
                                kind: Kind::User,
                            });
                        }
                    }
                }
            }
        }
        // DOMAIN\user.
        if c == b'\\' && i > 0 {
            let mut s = i;
            while s > 0
                && (b[s - 1].is_ascii_alphanumeric()
                    || b[s - 1] == b'-'
                    || b[s - 1] == b'_'
                    || b[s - 1] == b'.')
            {
                s -= 1;
            }
            let before_ok = s == 0
                || !(b[s - 1] == b'\\'
                    || b[s - 1] == b':'
                    || b[s - 1] == b'/'
                    || b[s - 1] == b'%'
                    || b[s - 1] == b'$');
            let mut e = i + 1;
            while e < b.len() && (b[e].is_ascii_alphanumeric() || b"-_.$".contains(&b[e])) {
                e += 1;
            }
            let after_ok = e >= b.len() || !(b[e] == b'\\' || b[e] == b'/');
            let domain = text[s..i].to_ascii_uppercase();
            let registry =
                domain.starts_with("HK") && (domain.len() <= 4 || domain.starts_with("HKEY_"));
            if s < i
                && e > i + 1
                && before_ok
                && after_ok
                && !registry
                && domain != "NT AUTHORITY"
                && domain != "AUTHORITY"
                && domain != "BUILTIN"
                && !well_known_account(&text[i + 1..e])
                && !b[s..i].iter().all(u8::is_ascii_digit)
            {
                hits.push(Hit {
                    start: s,
                    end: e,
                    kind: Kind::User,
                });
            }
        }
        // user@domain.
        if c == b'@' && i > 0 && i + 1 < b.len() {
            let mut s = i;
            while s > 0 && (b[s - 1].is_ascii_alphanumeric() || b"._%+-".contains(&b[s - 1])) {
                s -= 1;
            }
            let mut e = i + 1;
            while e < b.len() && (b[e].is_ascii_alphanumeric() || b[e] == b'-' || b[e] == b'.') {
                e += 1;
            }
            while e > i + 1 && b[e - 1] == b'.' {
                e -= 1;
            }
            if s < i && e > i + 1 && b[i + 1].is_ascii_alphanumeric() {
                hits.push(Hit {
                    start: s,
                    end: e,
                    kind: Kind::User,
                });
            }
        }
        // Profile paths: \Users\x, /home/x, /Users/x.
        for (pat, sep) in [("\\users\\", b'\\'), ("/home/", b'/'), ("/users/", b'/')] {
            if (c == b'\\' || c == b'/') && at(b, i, pat) {
                let s = i + pat.len();
                let e = b[s..]
                    .iter()
                    .position(|&x| x == sep || x.is_ascii_whitespace() || b"\"'<>|:;,".contains(&x))
                    .map_or(b.len(), |p| s + p);
                if e > s && !well_known_account(&text[s..e]) {
                    hits.push(Hit {
                        start: s,
                        end: e,
                        kind: Kind::User,
                    });
                }
            }
        }
        // SIDs of domain or local accounts: S-1-5-21-a-b-c-rid.
        if (c == b'S' || c == b's') && at(b, i, "S-1-5-21-") && (i == 0 || !is_word(b[i - 1])) {
            let mut e = i + 9;
            while e < b.len() && (b[e].is_ascii_digit() || b[e] == b'-') {
                e += 1;
            }
            hits.push(Hit {
                start: i,
                end: e,
                kind: Kind::User,
            });
        }
        i += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::super::{redact, RedactOptions};

    #[test]
    fn freerdp_user_names_are_hidden() {
        let o = RedactOptions {
            users: true,
            ips: false,
            hosts: false,
            keep_host: None,
        };
        for (input, gone) in [
            ("xfreerdp /v:srv01 /u:CONTOSO\\jdoe /cert:ignore", "jdoe"),
            ("xfreerdp /v:srv01 /u:jdoe@contoso.com", "jdoe"),
            ("xfreerdp /v:srv01 /u:jdoe", "jdoe"),
            ("xfreerdp /v:srv01 -u:\"jdoe\" +clipboard", "jdoe"),
            (
                "[INFO][com.freerdp.client.x11] - No user name set. - Using login name: jdoe",
                "jdoe",
            ),
            ("User: CONTOSO\\jdoe", "jdoe"),
            ("signed in as jdoe@contoso.com", "jdoe"),
        ] {
            let out = redact(input, &o);
            assert!(!out.contains(gone), "{input:?} -> {out:?}");
            assert!(out.contains("[user-1]"), "{input:?} -> {out:?}");
        }
        // The rest of the command line is left as it was; `/u:` with nothing after it is no name.
        assert_eq!(
            redact("xfreerdp /v:srv01 /u:CONTOSO\\jdoe /cert:ignore", &o),
            "xfreerdp /v:srv01 /u:[user-1] /cert:ignore"
        );
        assert_eq!(redact("xfreerdp /u: /v:srv01", &o), "xfreerdp /u: /v:srv01");
        assert_eq!(redact("/u:", &o), "/u:");
        // Without the user switch nothing is touched.
        assert_eq!(
            redact("xfreerdp /v:srv01 /u:jdoe", &RedactOptions::secrets_only()),
            "xfreerdp /v:srv01 /u:jdoe"
        );
    }
}
