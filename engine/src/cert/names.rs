//! Does the certificate name the host the user typed? RFC 6125-style matching as Windows
//! clients do it: subjectAltName dNSName/iPAddress entries, the subject CN only when there is
//! no subjectAltName, case-insensitive, a wildcard only as the whole left-most label and
//! matching exactly one label (`*.corp.example` matches `a.corp.example`, not `corp.example`
//! nor `a.b.corp.example`), IP addresses only against IP entries. Also works out the near
//! misses a helpdesk needs to hear about: short name vs FQDN, IP vs name.

use super::decode::Decoded;
use std::net::IpAddr;

/// The host the user typed, normalised.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Host {
    Ip(IpAddr),
    /// Lower-case, no trailing dot.
    Dns(String),
}

impl Host {
    /// Normalises what the user typed: trims, drops a `scheme://`, a `:port` (also `[v6]:port`),
    /// a trailing dot, and lower-cases. None when nothing usable is left.
    pub fn parse(typed: &str) -> Option<Host> {
        let mut h = typed.trim();
        if let Some((_, rest)) = h.split_once("://") {
            h = rest;
        }
        h = h.split('/').next().unwrap_or(h);
        if let Some(rest) = h.strip_prefix('[') {
            h = rest.split(']').next().unwrap_or(rest);
        } else if h.matches(':').count() == 1 {
            h = h.split(':').next().unwrap_or(h);
        }
        // An IPv6 zone ("fe80::1%eth0") is local to the client and not in any certificate.
        let h = h.split('%').next().unwrap_or(h).trim_end_matches('.');
        if h.is_empty() {
            return None;
        }
        if let Ok(ip) = h.parse::<IpAddr>() {
            return Some(Host::Ip(ip));
        }
        Some(Host::Dns(h.to_ascii_lowercase()))
    }

    pub fn display(&self) -> String {
        match self {
            Host::Ip(ip) => ip.to_string(),
            Host::Dns(s) => s.clone(),
        }
    }
}

/// Outcome of the name check.
#[derive(Debug, Clone, Default)]
pub struct NameCheck {
    /// The certificate entry that matched, e.g. `DNS:rdp.corp.example` or `CN=srv01`.
    pub matched: Option<String>,
    /// The names the certificate offers for this kind of host (for the explanation).
    pub names: Vec<String>,
    /// True when the CN was used because there is no subjectAltName.
    pub used_cn: bool,
    /// Typed a short name; this FQDN in the certificate starts with it.
    pub fqdn_would_match: Option<String>,
    /// Typed an FQDN; the certificate has only the short name.
    pub short_would_match: Option<String>,
    /// Typed an IP address; the certificate lists no IP addresses.
    pub ip_not_listed: bool,
    /// Typed the bare domain of a wildcard entry.
    pub wildcard_bare: Option<String>,
}

/// One DNS pattern against a host (both lower-case).
pub fn dns_matches(pattern: &str, host: &str) -> bool {
    let p = pattern.trim_end_matches('.').to_ascii_lowercase();
    if p == host {
        return true;
    }
    let Some(rest) = p.strip_prefix("*.") else {
        return false;
    };
    if rest.is_empty() || rest.contains('*') {
        return false;
    }
    match host.split_once('.') {
        Some((label, tail)) => !label.is_empty() && tail == rest,
        None => false,
    }
}

/// Checks `host` against the certificate's names.
pub fn check(d: &Decoded, host: &Host) -> NameCheck {
    let mut out = NameCheck {
        used_cn: !d.has_san,
        ..NameCheck::default()
    };
    let dns_candidates: Vec<(String, String)> = if d.has_san {
        d.dns_names
            .iter()
            .map(|n| (n.clone(), format!("DNS:{n}")))
            .collect()
    } else {
        d.common_names
            .iter()
            .map(|n| (n.clone(), format!("CN={n}")))
            .collect()
    };
    match host {
        Host::Ip(ip) => {
            if d.has_san {
                out.names = d.ip_addrs.iter().map(|a| format!("IP:{a}")).collect();
                out.matched = d
                    .ip_addrs
                    .iter()
                    .find(|a| *a == ip)
                    .map(|a| format!("IP:{a}"));
            } else {
                out.names = dns_candidates.iter().map(|(_, l)| l.clone()).collect();
                out.matched = d
                    .common_names
                    .iter()
                    .find(|cn| cn.trim().parse::<IpAddr>().ok() == Some(*ip))
                    .map(|cn| format!("CN={cn}"));
            }
            if out.matched.is_none() && d.ip_addrs.is_empty() {
                out.ip_not_listed = true;
                // Show the DNS names too: they are what the user should type instead.
                out.names = dns_candidates.iter().map(|(_, l)| l.clone()).collect();
            }
        }
        Host::Dns(h) => {
            out.names = dns_candidates.iter().map(|(_, l)| l.clone()).collect();
            out.matched = dns_candidates
                .iter()
                .find(|(n, _)| dns_matches(n, h))
                .map(|(_, l)| l.clone());
            if out.matched.is_none() {
                for (n, _) in &dns_candidates {
                    let n = n.trim_end_matches('.').to_ascii_lowercase();
                    if n.starts_with("*.") {
                        if n.get(2..) == Some(h.as_str()) {
                            out.wildcard_bare = Some(n.clone());
                        }
                        continue;
                    }
                    if !h.contains('.') {
                        if n.split('.').next() == Some(h.as_str())
                            && n.contains('.')
                            && out.fqdn_would_match.is_none()
                        {
                            out.fqdn_would_match = Some(n.clone());
                        }
                    } else if !n.contains('.')
                        && h.split('.').next() == Some(n.as_str())
                        && out.short_would_match.is_none()
                    {
                        out.short_would_match = Some(n.clone());
                    }
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wildcard_rules() {
        assert!(dns_matches("*.corp.example", "a.corp.example"));
        assert!(dns_matches("*.Corp.Example.", "a.corp.example"));
        assert!(!dns_matches("*.corp.example", "corp.example"));
        assert!(!dns_matches("*.corp.example", "a.b.corp.example"));
        assert!(!dns_matches("a*.corp.example", "ab.corp.example"));
        assert!(!dns_matches("*.*.example", "a.b.example"));
        assert!(dns_matches("RDP.corp.example", "rdp.corp.example"));
    }

    #[test]
    fn host_normalisation() {
        assert_eq!(
            Host::parse(" SRV01.Corp.Example. "),
            Some(Host::Dns("srv01.corp.example".into()))
        );
        assert_eq!(Host::parse("srv01:3390"), Some(Host::Dns("srv01".into())));
        assert_eq!(
            Host::parse("10.1.2.3:3389"),
            Some(Host::Ip("10.1.2.3".parse().unwrap()))
        );
        assert_eq!(
            Host::parse("[::1]:3389"),
            Some(Host::Ip("::1".parse().unwrap()))
        );
        assert_eq!(
            Host::parse("fe80::1"),
            Some(Host::Ip("fe80::1".parse().unwrap()))
        );
        assert_eq!(
            Host::parse("fe80::1%eth0"),
            Some(Host::Ip("fe80::1".parse().unwrap()))
        );
        assert_eq!(
            Host::parse("[fe80::1%12]:3389"),
            Some(Host::Ip("fe80::1".parse().unwrap()))
        );
        assert_eq!(
            Host::parse("rdp://host.example/"),
            Some(Host::Dns("host.example".into()))
        );
        assert_eq!(Host::parse("  "), None);
    }
}
