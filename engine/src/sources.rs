//! Turns the `source` strings of the knowledge (catalog keys such as `[AX-DISC]`, FreeRDP file
//! paths, GitHub issues, `owner/repo@commit path:line` of signatures, documentation URLs) into
//! what a person can follow: a readable title and, where the source is public, its address.
//! A source with no address is described in words. Pure string work, no I/O.

use serde::Serialize;
use std::collections::HashMap;
use std::sync::OnceLock;

/// One source, ready to show: `text` is a readable title; `url` its public page, if known.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SourceLink {
    pub text: String,
    pub url: Option<String>,
}

/// The catalog's source keys (`data/codes/sources.json`): key → (title, address).
fn keys() -> &'static HashMap<String, (String, Option<String>)> {
    static KEYS: OnceLock<HashMap<String, (String, Option<String>)>> = OnceLock::new();
    KEYS.get_or_init(|| {
        let mut out = HashMap::new();
        let v: serde_json::Value =
            serde_json::from_str(crate::catalog::SOURCES_JSON).unwrap_or_default();
        if let Some(map) = v.get("sources").and_then(|s| s.as_object()) {
            for (k, d) in map {
                let d = d.as_str().unwrap_or_default();
                out.insert(k.clone(), split_url(d));
            }
        }
        out
    })
}

/// "Title, https://…" or "https://… (note)" → (title, address); no address → (text, None).
fn split_url(s: &str) -> (String, Option<String>) {
    let Some(at) = s.find("https://").or_else(|| s.find("http://")) else {
        return (s.trim().to_string(), None);
    };
    let end = s[at..]
        .find(char::is_whitespace)
        .map_or(s.len(), |e| at + e);
    let url = s[at..end]
        .trim_end_matches([',', ';', ')', '.'])
        .to_string();
    let rest = format!("{} {}", &s[..at], &s[end..]);
    let text = rest
        .trim()
        .trim_matches(|c: char| c == ',' || c == '(' || c == ')' || c.is_whitespace())
        .trim_end_matches(',')
        .to_string();
    let text = if text.is_empty() {
        url.split('/').nth(2).unwrap_or(&url).to_string()
    } else {
        text
    };
    (text, Some(url))
}

fn is_repo(s: &str) -> bool {
    let mut parts = s.split('/');
    let ok = |p: Option<&str>| {
        p.is_some_and(|p| {
            !p.is_empty()
                && p.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b))
        })
    };
    ok(parts.next()) && ok(parts.next()) && parts.next().is_none()
}

/// A GitHub reference: `owner/repo#123`, `owner/repo path/in/repo` or
/// `owner/repo@commit path:line`.
fn github(s: &str) -> Option<SourceLink> {
    let s = s.trim();
    let (head, path) = match s.split_once(char::is_whitespace) {
        Some((h, p)) => (h, Some(p.trim())),
        None => (s, None),
    };
    if let Some((repo, num)) = head.split_once('#') {
        if is_repo(repo) && !num.is_empty() && num.bytes().all(|b| b.is_ascii_digit()) {
            return Some(SourceLink {
                text: format!("GitHub {repo}#{num}"),
                url: Some(format!("https://github.com/{repo}/issues/{num}")),
            });
        }
        return None;
    }
    let (repo, commit) = match head.split_once('@') {
        Some((r, c)) => (r, c),
        None => (head, "HEAD"),
    };
    if !is_repo(repo) || !commit.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return None;
    }
    let Some(path) = path.filter(|p| !p.is_empty() && !p.contains(char::is_whitespace)) else {
        return Some(SourceLink {
            text: format!("GitHub {repo}"),
            url: Some(format!("https://github.com/{repo}")),
        });
    };
    let (file, line) = match path.rsplit_once(':') {
        Some((f, l)) if !l.is_empty() && l.bytes().all(|b| b.is_ascii_digit()) => (f, Some(l)),
        _ => (path, None),
    };
    Some(SourceLink {
        text: format!("{repo}: {path}"),
        url: Some(match line {
            Some(l) => format!("https://github.com/{repo}/blob/{commit}/{file}#L{l}"),
            None => format!("https://github.com/{repo}/blob/{commit}/{file}"),
        }),
    })
}

/// One part of a source string (the parts are separated by `;`).
fn one(part: &str) -> Option<SourceLink> {
    let part = part.trim();
    if part.is_empty() {
        return None;
    }
    if let Some(rest) = part.strip_prefix('[') {
        if let Some((key, detail)) = rest.split_once(']') {
            let detail = detail.trim();
            match key {
                "FRDP" if !detail.is_empty() => {
                    return Some(SourceLink {
                        text: format!("FreeRDP source: {detail}"),
                        url: Some(format!(
                            "https://github.com/FreeRDP/FreeRDP/blob/master/{detail}"
                        )),
                    })
                }
                "GH" => {
                    if let Some(l) = github(detail) {
                        return Some(l);
                    }
                }
                _ => {}
            }
            if let Some((title, url)) = keys().get(key) {
                let text = if detail.is_empty() {
                    title.clone()
                } else {
                    format!("{title} ({detail})")
                };
                return Some(SourceLink {
                    text,
                    url: url.clone(),
                });
            }
            return Some(SourceLink {
                text: part.to_string(),
                url: None,
            });
        }
    }
    if part.contains("http://") || part.contains("https://") {
        let (text, url) = split_url(part);
        return Some(SourceLink { text, url });
    }
    if let Some(l) = github(part) {
        return Some(l);
    }
    // "phrasing: …", "unverified: …", a book or a page named in words.
    Some(SourceLink {
        text: part.to_string(),
        url: None,
    })
}

/// Every source named in `source`, in order, each with a readable title and its address when
/// it has one. Never fails: what it cannot read is returned as words.
pub fn resolve(source: &str) -> Vec<SourceLink> {
    // A URL may contain ';' only in its query, which the sources do not use.
    source.split(';').filter_map(one).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalog_keys_become_titled_links() {
        let l = resolve("[AX-DISC]");
        assert_eq!(l.len(), 1);
        assert_eq!(
            l[0].url.as_deref(),
            Some("https://learn.microsoft.com/en-us/windows/win32/termserv/imstscaxevents-ondisconnected")
        );
        assert!(
            l[0].text.starts_with("IMsTscAxEvents::OnDisconnected"),
            "{}",
            l[0].text
        );
        assert!(!l[0].text.contains("AX-DISC") && !l[0].text.contains("https"));
    }

    #[test]
    fn freerdp_files_and_github_issues_link_to_github() {
        let l = resolve(
            "[BCGR-ERRINFO]; [FRDP] libfreerdp/core/errinfo.c; [GH] neutrinolabs/xrdp#1982",
        );
        assert_eq!(l.len(), 3);
        assert!(l[0]
            .url
            .as_deref()
            .unwrap()
            .starts_with("https://learn.microsoft.com/"));
        assert_eq!(
            l[1].url.as_deref(),
            Some("https://github.com/FreeRDP/FreeRDP/blob/master/libfreerdp/core/errinfo.c")
        );
        assert_eq!(
            l[2].url.as_deref(),
            Some("https://github.com/neutrinolabs/xrdp/issues/1982")
        );
    }

    #[test]
    fn signature_sources_link_to_the_line() {
        let l = resolve("apache/guacamole-server@6719b20d09b7 src/protocols/rdp/error.c:88");
        assert_eq!(
            l[0].url.as_deref(),
            Some("https://github.com/apache/guacamole-server/blob/6719b20d09b7/src/protocols/rdp/error.c#L88")
        );
        assert_eq!(
            l[0].text,
            "apache/guacamole-server: src/protocols/rdp/error.c:88"
        );
    }

    #[test]
    fn sources_without_an_address_are_described_in_words() {
        let l = resolve("[TECHNET-RCM]");
        assert_eq!(l[0].url, None);
        assert!(
            l[0].text.contains("RemoteConnectionManager"),
            "{}",
            l[0].text
        );
        let l = resolve("phrasing: how reporters describe it");
        assert_eq!(l[0].url, None);
        let l = resolve("https://qiita.com/x/items/abc (observed)");
        assert_eq!(l[0].url.as_deref(), Some("https://qiita.com/x/items/abc"));
        assert_eq!(l[0].text, "observed");
    }

    #[test]
    fn every_catalog_source_resolves_without_raw_keys() {
        for e in crate::catalog::all() {
            for l in resolve(&e.source) {
                assert!(!l.text.starts_with('['), "{} → {l:?}", e.source);
                if let Some(u) = &l.url {
                    assert!(u.starts_with("https://") || u.starts_with("http://"), "{u}");
                }
            }
        }
    }

    #[test]
    fn messy_input_never_panics() {
        for s in [
            "",
            ";",
            "[",
            "[]",
            "[GH]",
            "[GH] a/b#",
            "[FRDP]",
            "x/y@ z",
            "http://",
            "ü[é]ü; https://é",
        ] {
            let _ = resolve(s);
        }
    }
}
