//! Static evidence keys produced by certificate analysis (`cert:*`). Stable: add, never rename.

use crate::evidence::KeyInfo;

pub static CERT_KEYS: &[KeyInfo] = &[
    KeyInfo { key: "cert:expired", description: "The server certificate has expired" },
    KeyInfo { key: "cert:not-yet-valid", description: "The server certificate is not valid yet (clock or issue date)" },
    KeyInfo { key: "cert:expiring-soon", description: "The server certificate expires within 30 days" },
    KeyInfo { key: "cert:valid-dates", description: "The certificate is inside its validity period" },
    KeyInfo { key: "cert:self-signed", description: "The certificate is self-signed" },
    KeyInfo { key: "cert:ca-issued", description: "The certificate is issued by a CA" },
    KeyInfo { key: "cert:name-mismatch", description: "The certificate does not name the host the user typed" },
    KeyInfo { key: "cert:name-match", description: "The certificate names the host the user typed" },
    KeyInfo { key: "cert:no-server-auth-eku", description: "Neither Server Authentication nor Remote Desktop Authentication EKU is present" },
    KeyInfo { key: "cert:weak-key", description: "RSA key shorter than 2048 bits" },
    KeyInfo { key: "cert:weak-signature", description: "Signed with SHA-1 or MD5" },
    KeyInfo { key: "cert:ca-leaf", description: "The leaf certificate says CA:TRUE" },
    KeyInfo { key: "cert:chain-incomplete", description: "An intermediate certificate is missing from the chain" },
    KeyInfo { key: "cert:private-key-pasted", description: "A private key was pasted (it should not be shared)" },
];
