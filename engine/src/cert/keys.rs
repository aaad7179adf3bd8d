//! Static evidence keys produced by certificate analysis (`cert:*`). Stable: add, never rename.

use crate::finding::KeyInfo;

pub static CERT_KEYS: &[KeyInfo] = &[
    KeyInfo {
        key: "cert:expired",
        description: "The server certificate has expired",
    },
    KeyInfo {
        key: "cert:not-yet-valid",
        description: "The server certificate is not valid yet (clock or issue date)",
    },
    KeyInfo {
        key: "cert:expiring-soon",
        description: "The server certificate expires within 30 days",
    },
    KeyInfo {
        key: "cert:valid-dates",
        description: "The certificate is inside its validity period",
    },
    KeyInfo {
        key: "cert:self-signed",
        description: "The certificate is self-signed",
    },
    KeyInfo {
        key: "cert:ca-issued",
        description: "The certificate is issued by a CA",
    },
    KeyInfo {
        key: "cert:name-mismatch",
        description: "The certificate does not name the host the user typed",
    },
    KeyInfo {
        key: "cert:name-match",
        description: "The certificate names the host the user typed",
    },
    KeyInfo {
        key: "cert:no-server-auth-eku",
        description:
            "Neither Server Authentication nor Remote Desktop Authentication EKU is present",
    },
    KeyInfo {
        key: "cert:weak-key",
        description: "RSA key shorter than 2048 bits",
    },
    KeyInfo {
        key: "cert:weak-signature",
        description: "Signed with SHA-1 or MD5",
    },
    KeyInfo {
        key: "cert:ca-leaf",
        description: "The leaf certificate says CA:TRUE",
    },
    KeyInfo {
        key: "cert:chain-incomplete",
        description: "An intermediate certificate is missing from the chain",
    },
    KeyInfo {
        key: "cert:private-key-pasted",
        description: "A private key was pasted (it should not be shared)",
    },
    KeyInfo {
        key: "cert:rdp-default-self-signed",
        description:
            "The certificate looks like the self-signed one Windows creates for Remote Desktop",
    },
    KeyInfo {
        key: "cert:chain-complete",
        description: "The chain reaches a self-signed root",
    },
    KeyInfo {
        key: "cert:chain-root-omitted",
        description: "The chain stops at an intermediate; the root was not included (normal)",
    },
    KeyInfo {
        key: "cert:chain-misordered",
        description: "The certificates were not given leaf first, each followed by its issuer",
    },
    KeyInfo {
        key: "cert:name-fqdn-would-match",
        description: "The user typed a short name; the certificate's full name would match",
    },
    KeyInfo {
        key: "cert:name-short-would-match",
        description: "The user typed a full name; the certificate lists only the short name",
    },
    KeyInfo {
        key: "cert:renamed-host",
        description:
            "Self-signed certificate for another computer name (renamed or cloned machine)",
    },
    KeyInfo {
        key: "cert:eku-ok",
        description: "Server Authentication or Remote Desktop Authentication EKU present",
    },
    KeyInfo {
        key: "cert:eku-absent",
        description: "No EKU extension: usable for any purpose",
    },
    KeyInfo {
        key: "cert:key-usage-missing",
        description: "Key Usage lacks what TLS needs (key encipherment / digital signature)",
    },
    KeyInfo {
        key: "cert:self-signature-invalid",
        description: "Names itself as issuer but its signature does not verify with its own key",
    },
    KeyInfo {
        key: "cert:thumbprint",
        description: "The certificate's SHA-1 thumbprint (to compare with SSLCertificateSHA1Hash)",
    },
];
