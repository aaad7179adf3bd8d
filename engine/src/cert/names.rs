//! Does the certificate name the host the user typed? RFC 6125-style matching as Windows
//! clients do it: subjectAltName dNSName/iPAddress entries, the subject CN only when there is
//! no subjectAltName, case-insensitive, a wildcard only as the whole left-most label and
//! matching exactly one label (`*.corp.example` matches `a.corp.example`, not `corp.example`
//! nor `a.b.corp.example`), IP addresses only against IP entries. Also works out the near
//! misses a helpdesk needs to hear about: short name vs FQDN, IP vs name.

use super::decode::Decoded;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

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
        if let Some(ip) = parse_ip(h) {
            return Some(Host::Ip(ip));
        }
        Some(Host::Dns(h.to_ascii_lowercase()))
    }

    pub fn display(&self) -> String {
        match self {
            Host::Ip(ip) => ip_text(ip),
            Host::Dns(s) => s.clone(),
        }
    }
}

/// An IP address literal, read exactly as `str::parse::<IpAddr>` reads it (an IPv4 dotted
/// quad without leading zeros; IPv6 groups with one `::` and an IPv4 tail), the whole input
/// or nothing. Own code because core's address parser would be 3 KB of wasm for this alone;
/// it follows core's `net::parser` step by step (the test compares them).
pub fn parse_ip(s: &str) -> Option<IpAddr> {
    let b = s.as_bytes();
    let (ip, rest) = match ipv4(b) {
        Some((v4, rest)) => (IpAddr::V4(v4), rest),
        None => {
            let (v6, rest) = ipv6(b)?;
            (IpAddr::V6(v6), rest)
        }
    };
    rest.is_empty().then_some(ip)
}

/// An IP address as `IpAddr`'s `Display` writes it: IPv4 dotted; IPv6 in lower-case hex
/// groups with the first longest run of two or more zero groups written `::`, and an
/// IPv4-mapped address as `::ffff:a.b.c.d`. Own code for the same reason as [`parse_ip`].
pub fn ip_text(ip: &IpAddr) -> String {
    let v6 = match ip {
        IpAddr::V4(v4) => return v4_text(v4),
        IpAddr::V6(v6) => v6,
    };
    if let Some(v4) = v6.to_ipv4_mapped() {
        return format!("::ffff:{}", v4_text(&v4));
    }
    let g = v6.segments();
    // The first longest run of zero groups.
    let (mut start, mut len, mut run) = (0, 0, 0);
    for (i, &x) in g.iter().enumerate() {
        run = if x == 0 { run + 1 } else { 0 };
        if run > len {
            len = run;
            start = i + 1 - run;
        }
    }
    let mut out = String::new();
    if len > 1 {
        hex_groups(&g[..start], &mut out);
        out.push_str("::");
        hex_groups(&g[start + len..], &mut out);
    } else {
        hex_groups(&g, &mut out);
    }
    out
}

/// `:`-separated lower-case hex without leading zeros.
fn hex_groups(groups: &[u16], out: &mut String) {
    for (i, &x) in groups.iter().enumerate() {
        if i > 0 {
            out.push(':');
        }
        let mut started = false;
        for shift in [12, 8, 4, 0] {
            let d = usize::from(x >> shift & 15);
            if d != 0 || started || shift == 0 {
                out.push(char::from(b"0123456789abcdef"[d]));
                started = true;
            }
        }
    }
}

fn v4_text(v4: &Ipv4Addr) -> String {
    let [a, b, c, d] = v4.octets();
    format!("{a}.{b}.{c}.{d}")
}

/// A number of 1 to `max` digits at the start of `b` (no leading zero unless `zero_prefix`).
fn ip_number(b: &[u8], radix: u32, max: usize, zero_prefix: bool) -> Option<(u32, &[u8])> {
    let mut v = 0;
    let mut n = 0;
    while let Some(d) = b.get(n).and_then(|&c| char::from(c).to_digit(radix)) {
        v = v * radix + d;
        n += 1;
        if n > max {
            return None;
        }
    }
    if n == 0 || (!zero_prefix && b[0] == b'0' && n > 1) {
        return None;
    }
    Some((v, &b[n..]))
}

fn ipv4(mut b: &[u8]) -> Option<(Ipv4Addr, &[u8])> {
    let mut octets = [0u8; 4];
    for (i, slot) in octets.iter_mut().enumerate() {
        if i > 0 {
            b = b.strip_prefix(b".")?;
        }
        let (v, rest) = ip_number(b, 10, 3, false)?;
        *slot = u8::try_from(v).ok()?;
        b = rest;
    }
    Some((Ipv4Addr::from(octets), b))
}

/// Up to `out.len()` `:`-separated groups (the last two may be an IPv4 address): how many
/// were read, whether an IPv4 address ended them, and the rest.
fn ip_groups<'a>(mut b: &'a [u8], out: &mut [u16]) -> (usize, bool, &'a [u8]) {
    let limit = out.len();
    for i in 0..limit {
        let after = if i > 0 { b.strip_prefix(b":") } else { Some(b) };
        if i + 1 < limit {
            if let Some((v4, rest)) = after.and_then(ipv4) {
                let [a, b2, c, d] = v4.octets();
                out[i] = u16::from_be_bytes([a, b2]);
                out[i + 1] = u16::from_be_bytes([c, d]);
                return (i + 2, true, rest);
            }
        }
        match after.and_then(|b| ip_number(b, 16, 4, true)) {
            Some((g, rest)) => {
                out[i] = g as u16;
                b = rest;
            }
            None => return (i, false, b),
        }
    }
    (limit, false, b)
}

fn ipv6(b: &[u8]) -> Option<(Ipv6Addr, &[u8])> {
    let mut head = [0u16; 8];
    let (n, ended_v4, b) = ip_groups(b, &mut head);
    if n == 8 {
        return Some((Ipv6Addr::from(head), b));
    }
    if ended_v4 {
        return None;
    }
    let b = b.strip_prefix(b"::")?;
    let mut tail = [0u16; 7];
    let limit = 8 - (n + 1);
    let (m, _, b) = ip_groups(b, &mut tail[..limit]);
    head[8 - m..].copy_from_slice(&tail[..m]);
    Some((Ipv6Addr::from(head), b))
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
                out.names = d
                    .ip_addrs
                    .iter()
                    .map(|a| format!("IP:{}", ip_text(a)))
                    .collect();
                out.matched = d
                    .ip_addrs
                    .iter()
                    .find(|a| *a == ip)
                    .map(|a| format!("IP:{}", ip_text(a)));
            } else {
                out.names = dns_candidates.iter().map(|(_, l)| l.clone()).collect();
                out.matched = d
                    .common_names
                    .iter()
                    .find(|cn| parse_ip(cn.trim()) == Some(*ip))
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
    fn ip_literals_read_as_core_reads_them() {
        let mut cases: Vec<String> = [
            "1.2.3.4",
            "255.255.255.255",
            "256.1.1.1",
            "01.2.3.4",
            "0.0.0.0",
            "1.2.3",
            "1.2.3.4.",
            "1.2.3.4:80",
            "::",
            "::1",
            "1::",
            "fe80::1",
            "::ffff:1.2.3.4",
            "1:2:3:4:5:6:7:8",
            "1:2:3:4:5:6:7:8:9",
            "1:2:3:4:5:6:1.2.3.4",
            "1:2:3:4:5:6:7:1.2.3.4",
            "::1.2.3.4",
            "1::1.2.3.4",
            "1:2::3:4::5",
            ":::",
            "1:::2",
            "12345::",
            "0000:0000::",
            "1.2.3.4::",
            "::1:2:3:4:5:6:7",
            "::1:2:3:4:5:6:7:8",
            "1:2:3:4:5:6:7::",
            "1:2:3:4:5:6::8",
            "a:B:c:D::e:F",
            "g::",
            "",
            "1",
            ":",
            "1.2.3.04",
            "1.2.3.004",
            "::01.2.3.4",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let alphabet = b"0123456789abcdefABCDEFG:.:.:::...";
        let mut rng = crate::test_rng::Lcg(11);
        for _ in 0..100_000 {
            let len = 1 + (rng.next() % 24) as usize;
            let mut x = rng.clone();
            let s: String = (0..len)
                .map(|_| char::from(alphabet[(x.next() >> 40) as usize % alphabet.len()]))
                .collect();
            cases.push(s);
        }
        let mut parsed = 0;
        for s in &cases {
            let theirs = s.parse::<IpAddr>().ok();
            assert_eq!(parse_ip(s), theirs, "{s:?}");
            parsed += usize::from(theirs.is_some());
            if let Some(ip) = theirs {
                assert_eq!(ip_text(&ip), ip.to_string());
            }
        }
        // Every pattern of zero and non-zero IPv6 groups, and IPv4-mapped ones.
        for mask in 0..256u32 {
            let g: Vec<u16> = (0..8)
                .map(|i| {
                    if mask >> i & 1 == 1 {
                        0x1a0 * i as u16 + 1
                    } else {
                        0
                    }
                })
                .collect();
            let ip = IpAddr::from(<[u16; 8]>::try_from(g).unwrap());
            assert_eq!(ip_text(&ip), ip.to_string());
        }
        let mapped: IpAddr = "::ffff:10.0.0.1".parse().unwrap();
        assert_eq!(ip_text(&mapped), mapped.to_string());
        assert!(parsed > 500, "only {parsed} addresses");
    }

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
