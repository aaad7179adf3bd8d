//! Static evidence keys derived from a probe report (`probe:*`). Stable: add, never rename.

use crate::finding::KeyInfo;

pub static PROBE_KEYS: &[KeyInfo] = &[
    KeyInfo { key: "probe:dns-failed", description: "The name did not resolve" },
    KeyInfo { key: "probe:dns-self", description: "The name resolves to the probing machine itself" },
    KeyInfo { key: "probe:dns-reverse-mismatch", description: "Forward and reverse DNS names disagree" },
    KeyInfo { key: "probe:tcp-ok", description: "TCP connect to the RDP port succeeded" },
    KeyInfo { key: "probe:tcp-refused", description: "TCP connect was refused (host up, nothing listening, or a firewall reset)" },
    KeyInfo { key: "probe:tcp-timeout", description: "TCP connect timed out (filtered or host down)" },
    KeyInfo { key: "probe:tcp-unreachable", description: "No route to the host / network unreachable" },
    KeyInfo { key: "probe:tcp-unstable", description: "TCP connect times vary widely or some attempts failed" },
    KeyInfo { key: "probe:x224-closed", description: "The server closed the connection right after the X.224 Connection Request" },
    KeyInfo { key: "probe:x224-no-reply", description: "The server accepted TCP but never answered the X.224 Connection Request" },
    KeyInfo { key: "probe:x224-malformed", description: "The reply to the X.224 Connection Request is not valid RDP" },
    KeyInfo { key: "probe:nla-required", description: "The server requires NLA (HYBRID_REQUIRED_BY_SERVER when offered SSL only)" },
    KeyInfo { key: "probe:nla-supported", description: "The server selected CredSSP (NLA) when offered" },
    KeyInfo { key: "probe:nla-off", description: "The server does not require NLA" },
    KeyInfo { key: "probe:rdp-security-only", description: "The server allows only legacy Standard RDP Security (SSL_NOT_ALLOWED_BY_SERVER)" },
    KeyInfo { key: "probe:ssl-cert-not-on-server", description: "The server reports it has no usable certificate (SSL_CERT_NOT_ON_SERVER)" },
    KeyInfo { key: "probe:legacy-rdp-allowed", description: "The server accepts legacy Standard RDP Security" },
    KeyInfo { key: "probe:tls-ok", description: "A TLS handshake after the X.224 upgrade succeeded" },
    KeyInfo { key: "probe:tls-failed", description: "The TLS handshake after the X.224 upgrade failed" },
    KeyInfo { key: "probe:tls-legacy-only", description: "The server accepts only TLS 1.0/1.1" },
    KeyInfo { key: "probe:tls-legacy-enabled", description: "The server still accepts TLS 1.0 or 1.1" },
    KeyInfo { key: "probe:tls12-only", description: "The server accepts TLS 1.2 only (1.0/1.1 and 1.3 refused)" },
    KeyInfo { key: "probe:clock-skew", description: "The server clock differs from the probe by more than 5 minutes" },
    KeyInfo { key: "probe:tcp-partial", description: "Some resolved addresses accept TCP on the RDP port and others do not (stale DNS record, dead IPv6 path)" },
    KeyInfo { key: "probe:legacy-rdp-refused", description: "The server refuses legacy Standard RDP Security (answers an RDP-only offer with a failure)" },
    KeyInfo { key: "probe:rdp-weak-encryption", description: "Standard RDP Security accepts 40-bit or 56-bit RC4 encryption" },
    KeyInfo { key: "probe:scan-timeout", description: "The probe ran out of time before every step finished" },
];
