//! Turns one X.509 certificate, as x509-parser parsed it, into owned display fields ([`super::CertReport`]) plus
//! the facts the lint needs (raw names, key identifiers, SAN entries, EKU/KU flags, key and
//! signature strength, validity as Unix seconds). Names of OIDs are given in the words that
//! Windows' certificate dialogs and `openssl x509 -text` use.

use super::CertReport;
use sha1::{Digest, Sha1};
use sha2::Sha256;
use std::net::IpAddr;
use x509_parser::asn1_rs::Tag;
use x509_parser::certificate::X509Certificate;
use x509_parser::extensions::{GeneralName, ParsedExtension};
use x509_parser::public_key::PublicKey;
use x509_parser::x509::X509Name;

pub const OID_SERVER_AUTH: &str = "1.3.6.1.5.5.7.3.1";
pub const OID_RDP_AUTH: &str = "1.3.6.1.4.1.311.54.1.2";
pub const OID_ANY_EKU: &str = "2.5.29.37.0";

/// What the public key is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyKind {
    Rsa(usize),
    Ec(&'static str),
    Other(String),
}

/// Key usage bits the lint looks at.
#[derive(Debug, Clone, Copy, Default)]
pub struct Ku {
    pub digital_signature: bool,
    pub key_encipherment: bool,
    pub key_agreement: bool,
    pub key_cert_sign: bool,
}

/// One certificate, decoded.
#[derive(Debug, Clone)]
pub struct Decoded {
    pub report: CertReport,
    pub subject_raw: Vec<u8>,
    pub issuer_raw: Vec<u8>,
    pub ski: Option<Vec<u8>>,
    pub aki: Option<Vec<u8>>,
    /// True when a subjectAltName extension is present (then CN is not used for names).
    pub has_san: bool,
    pub dns_names: Vec<String>,
    pub ip_addrs: Vec<IpAddr>,
    pub common_names: Vec<String>,
    /// Number of attributes in the subject (the Windows self-signed one has just CN).
    pub subject_attrs: usize,
    /// EKU OIDs (dotted), None when the extension is absent.
    pub eku: Option<Vec<String>>,
    pub ku: Option<Ku>,
    /// basicConstraints present with CA:TRUE.
    pub ca: bool,
    pub key: KeyKind,
    /// Some(name) when the signature uses a broken hash (MD2, MD5, SHA-1).
    pub weak_hash: Option<&'static str>,
    pub not_before: i64,
    pub not_after: i64,
    /// For a certificate naming itself as issuer: does its signature verify with its own key?
    /// None when not checked (other names, or a signature type [`super::self_sig`] does not check).
    pub self_sig: Option<bool>,
}

/// A distinguished name as text ("CN=srv01, O=Example"), the way x509-parser prints it, with
/// the attribute names of its X.509 and PKCS #9 tables only. x509-parser's `Display` for a name
/// looks them up in its global registry of every OID it knows (all the algorithm and key
/// tables as well), which the engine would otherwise carry in the page for nothing else.
pub(super) fn name_text(name: &X509Name<'_>) -> String {
    use x509_parser::oid_registry::OidRegistry;
    static NAMES: std::sync::OnceLock<OidRegistry<'static>> = std::sync::OnceLock::new();
    let registry = NAMES.get_or_init(|| OidRegistry::default().with_x509().with_pkcs9());
    name.to_string_with_registry(registry)
        .unwrap_or_else(|_| "<X509Error: Invalid X.509 name>".to_string())
}

/// Decodes a certificate parsed by x509-parser; `der` is its full encoding (for thumbprints).
pub fn decode(cert: &X509Certificate<'_>, der: &[u8]) -> Decoded {
    let subject = cert.subject();
    let issuer = cert.issuer();
    let common_names = common_names(subject);

    let mut d = Decoded {
        report: CertReport::default(),
        subject_raw: subject.as_raw().to_vec(),
        issuer_raw: issuer.as_raw().to_vec(),
        ski: None,
        aki: None,
        has_san: false,
        dns_names: Vec::new(),
        ip_addrs: Vec::new(),
        common_names,
        subject_attrs: subject.iter_attributes().count(),
        eku: None,
        ku: None,
        ca: false,
        key: KeyKind::Other(String::new()),
        weak_hash: None,
        not_before: cert.validity().not_before.timestamp(),
        not_after: cert.validity().not_after.timestamp(),
        self_sig: if subject.as_raw() == issuer.as_raw() {
            super::self_sig::self_signature(cert)
        } else {
            None
        },
    };
    let r = &mut d.report;
    r.subject = name_text(subject);
    r.issuer = name_text(issuer);
    r.serial = hex_upper(cert.tbs_certificate.raw_serial());
    r.not_before = crate::time::format_rfc3339(d.not_before);
    r.not_after = crate::time::format_rfc3339(d.not_after);
    r.thumbprint_sha1 = hex_upper(&Sha1::digest(der));
    r.thumbprint_sha256 = hex_upper(&Sha256::digest(der));

    for ext in cert.extensions() {
        let oid = ext.oid.to_id_string();
        r.extensions
            .push((oid.clone(), extension_name(&oid).to_string(), ext.critical));
        // x509-parser has parsed the extensions it knows; one that did not parse is ignored.
        match ext.parsed_extension() {
            ParsedExtension::SubjectKeyIdentifier(k) => d.ski = Some(k.0.to_vec()),
            ParsedExtension::AuthorityKeyIdentifier(aki) => {
                d.aki = aki.key_identifier.as_ref().map(|k| k.0.to_vec());
            }
            ParsedExtension::BasicConstraints(bc) => d.ca = bc.ca,
            ParsedExtension::KeyUsage(ku) => {
                // Bit n of the flags is KeyUsage bit n (RFC 5280 4.2.1.3).
                let flags = ku.flags;
                let bit = |n: u16| flags >> n & 1 == 1;
                d.ku = Some(Ku {
                    digital_signature: bit(0),
                    key_encipherment: bit(2),
                    key_agreement: bit(4),
                    key_cert_sign: bit(5),
                });
                let names = [
                    "Digital Signature",
                    "Non-Repudiation",
                    "Key Encipherment",
                    "Data Encipherment",
                    "Key Agreement",
                    "Certificate Signing",
                    "CRL Signing",
                    "Encipher Only",
                    "Decipher Only",
                ];
                r.key_usage = (0..)
                    .zip(names)
                    .filter(|(n, _)| bit(*n))
                    .map(|(_, name)| name.to_string())
                    .collect();
            }
            ParsedExtension::ExtendedKeyUsage(eku) => {
                // The usages x509-parser names, in its order, then the others as they came.
                let known = [
                    (eku.server_auth, OID_SERVER_AUTH),
                    (eku.client_auth, "1.3.6.1.5.5.7.3.2"),
                    (eku.code_signing, "1.3.6.1.5.5.7.3.3"),
                    (eku.email_protection, "1.3.6.1.5.5.7.3.4"),
                    (eku.time_stamping, "1.3.6.1.5.5.7.3.8"),
                    (eku.ocsp_signing, "1.3.6.1.5.5.7.3.9"),
                    (eku.any, OID_ANY_EKU),
                ];
                let oids: Vec<String> = known
                    .iter()
                    .filter(|(on, _)| *on)
                    .map(|(_, o)| o.to_string())
                    .chain(eku.other.iter().map(eku_oid_text))
                    .collect();
                r.ekus = oids
                    .iter()
                    .map(|o| format!("{} ({o})", eku_name(o)))
                    .collect();
                d.eku = Some(oids);
            }
            ParsedExtension::SubjectAlternativeName(san) => {
                d.has_san = true;
                for name in &san.general_names {
                    match name {
                        GeneralName::DNSName(s) => {
                            r.sans.push(format!("DNS:{s}"));
                            d.dns_names.push(s.to_string());
                        }
                        GeneralName::IPAddress(b) => {
                            let ip = match b.len() {
                                4 => <[u8; 4]>::try_from(*b).ok().map(IpAddr::from),
                                16 => <[u8; 16]>::try_from(*b).ok().map(IpAddr::from),
                                _ => None,
                            };
                            match ip {
                                Some(ip) => {
                                    r.sans.push(format!("IP:{}", super::names::ip_text(&ip)));
                                    d.ip_addrs.push(ip);
                                }
                                None => r.sans.push(format!("IP:(invalid {} bytes)", b.len())),
                            }
                        }
                        GeneralName::RFC822Name(s) => r.sans.push(format!("email:{s}")),
                        GeneralName::URI(s) => r.sans.push(format!("URI:{s}")),
                        GeneralName::DirectoryName(n) => {
                            r.sans.push(format!("DirName:{}", name_text(n)))
                        }
                        GeneralName::OtherName(oid, _) => {
                            r.sans.push(format!("othername:{}", oid.to_id_string()))
                        }
                        GeneralName::RegisteredID(oid) => {
                            r.sans.push(format!("RID:{}", oid.to_id_string()))
                        }
                        _ => r.sans.push("(unsupported name form)".to_string()),
                    }
                }
            }
            _ => {}
        }
    }
    r.is_ca = d.ca;

    let spki = cert.public_key();
    let alg = spki.algorithm.algorithm.to_id_string();
    d.key = match alg.as_str() {
        "1.2.840.113549.1.1.1" | "1.2.840.113549.1.1.10" => match spki.parsed() {
            Ok(PublicKey::RSA(rsa)) => KeyKind::Rsa(bit_len(rsa.modulus)),
            _ => KeyKind::Rsa(0),
        },
        "1.2.840.10045.2.1" => {
            let curve = spki
                .algorithm
                .parameters
                .as_ref()
                .map(|p| p.data)
                .unwrap_or(&[]);
            KeyKind::Ec(match curve {
                [0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07] => "P-256",
                [0x2b, 0x81, 0x04, 0x00, 0x22] => "P-384",
                [0x2b, 0x81, 0x04, 0x00, 0x23] => "P-521",
                _ => "(other curve)",
            })
        }
        "1.3.101.112" => KeyKind::Other("Ed25519".into()),
        "1.3.101.113" => KeyKind::Other("Ed448".into()),
        "1.2.840.10040.4.1" => KeyKind::Other(format!(
            "DSA {}",
            spki.subject_public_key.data.len().saturating_sub(4) * 8
        )),
        other => KeyKind::Other(format!("unknown key type {other}")),
    };
    r.key = match &d.key {
        KeyKind::Rsa(bits) => format!("RSA {bits}"),
        KeyKind::Ec(curve) => format!("EC {curve}"),
        KeyKind::Other(s) => s.clone(),
    };

    let sig = cert.signature_algorithm.algorithm.to_id_string();
    let (name, weak) = signature_name(&sig);
    r.signature_algorithm = if name.is_empty() {
        sig.clone()
    } else {
        name.to_string()
    };
    d.weak_hash = weak;
    d
}

/// An EKU OID x509-parser did not recognise, dotted. X.690 8.19.2 wants every arc in the
/// fewest octets and its last octet with bit 8 clear; an arc padded with a leading 0x80 octet
/// or a last arc left unfinished prints like a known usage (damage can turn Server
/// Authentication into either) but is not that usage to Windows, so it is marked and matches
/// nothing.
fn eku_oid_text(oid: &x509_parser::oid_registry::Oid<'_>) -> String {
    let b = oid.as_bytes();
    let invalid = b.first() == Some(&0x80)
        || b.last().is_some_and(|l| l & 0x80 != 0)
        || b.windows(2).any(|w| w[0] & 0x80 == 0 && w[1] == 0x80);
    if invalid {
        format!("{} (not valid DER)", oid.to_id_string())
    } else {
        oid.to_id_string()
    }
}

/// Upper-case hex without separators (how certlm and PowerShell show serials and thumbprints).
pub fn hex_upper(bytes: &[u8]) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut s = String::with_capacity(bytes.len() * 2);
    for &b in bytes {
        s.push(char::from(HEX[usize::from(b >> 4)]));
        s.push(char::from(HEX[usize::from(b & 15)]));
    }
    s
}

/// The name's CN values that x509-parser's `iter_common_name` and `as_str` give: CN
/// attributes whose value is a NumericString, PrintableString, UTF8String or IA5String (tag
/// number, any class) holding UTF-8.
fn common_names(name: &X509Name<'_>) -> Vec<String> {
    let mut out = Vec::new();
    for rdn in name.iter() {
        for a in rdn.iter() {
            let v = a.attr_value();
            let string = matches!(
                v.tag(),
                Tag::NumericString | Tag::PrintableString | Tag::Utf8String | Tag::Ia5String
            );
            if a.attr_type().as_bytes() == [0x55, 0x04, 0x03] && string {
                if let Ok(s) = std::str::from_utf8(v.data) {
                    out.push(s.to_string());
                }
            }
        }
    }
    out
}

/// Bits in a big-endian unsigned integer (leading zero bytes ignored).
fn bit_len(n: &[u8]) -> usize {
    let start = n.iter().position(|&b| b != 0).unwrap_or(n.len());
    match n.get(start..) {
        Some([first, rest @ ..]) => rest.len() * 8 + (8 - first.leading_zeros() as usize),
        _ => 0,
    }
}

/// Display name of a signature algorithm and, if its hash is broken, the hash's name.
fn signature_name(oid: &str) -> (&'static str, Option<&'static str>) {
    match oid {
        "1.2.840.113549.1.1.2" => ("MD2 with RSA", Some("MD2")),
        "1.2.840.113549.1.1.4" => ("MD5 with RSA", Some("MD5")),
        "1.2.840.113549.1.1.5" | "1.3.14.3.2.29" => ("SHA-1 with RSA", Some("SHA-1")),
        "1.2.840.113549.1.1.14" => ("SHA-224 with RSA", None),
        "1.2.840.113549.1.1.11" => ("SHA-256 with RSA", None),
        "1.2.840.113549.1.1.12" => ("SHA-384 with RSA", None),
        "1.2.840.113549.1.1.13" => ("SHA-512 with RSA", None),
        "1.2.840.113549.1.1.10" => ("RSASSA-PSS", None),
        "1.2.840.10045.4.1" => ("ECDSA with SHA-1", Some("SHA-1")),
        "1.2.840.10045.4.3.1" => ("ECDSA with SHA-224", None),
        "1.2.840.10045.4.3.2" => ("ECDSA with SHA-256", None),
        "1.2.840.10045.4.3.3" => ("ECDSA with SHA-384", None),
        "1.2.840.10045.4.3.4" => ("ECDSA with SHA-512", None),
        "1.2.840.10040.4.3" => ("DSA with SHA-1", Some("SHA-1")),
        "2.16.840.1.101.3.4.3.2" => ("DSA with SHA-256", None),
        "1.3.101.112" => ("Ed25519", None),
        "1.3.101.113" => ("Ed448", None),
        _ => ("", None),
    }
}

/// Display name of an extended key usage OID.
pub fn eku_name(oid: &str) -> &'static str {
    match oid {
        OID_SERVER_AUTH => "Server Authentication",
        "1.3.6.1.5.5.7.3.2" => "Client Authentication",
        "1.3.6.1.5.5.7.3.3" => "Code Signing",
        "1.3.6.1.5.5.7.3.4" => "Secure Email",
        "1.3.6.1.5.5.7.3.8" => "Time Stamping",
        "1.3.6.1.5.5.7.3.9" => "OCSP Signing",
        OID_ANY_EKU => "Any Purpose",
        OID_RDP_AUTH => "Remote Desktop Authentication",
        "1.3.6.1.4.1.311.20.2.2" => "Smart Card Logon",
        "1.3.6.1.4.1.311.10.3.4" => "Encrypting File System",
        "1.3.6.1.5.2.3.5" => "KDC Authentication",
        "1.3.6.1.5.5.7.3.17" => "IP security IKE intermediate",
        _ => "Unknown purpose",
    }
}

/// Display name of an extension OID.
pub fn extension_name(oid: &str) -> &'static str {
    match oid {
        "2.5.29.14" => "Subject Key Identifier",
        "2.5.29.15" => "Key Usage",
        "2.5.29.17" => "Subject Alternative Name",
        "2.5.29.18" => "Issuer Alternative Name",
        "2.5.29.19" => "Basic Constraints",
        "2.5.29.30" => "Name Constraints",
        "2.5.29.31" => "CRL Distribution Points",
        "2.5.29.32" => "Certificate Policies",
        "2.5.29.33" => "Policy Mappings",
        "2.5.29.35" => "Authority Key Identifier",
        "2.5.29.36" => "Policy Constraints",
        "2.5.29.37" => "Extended Key Usage",
        "2.5.29.46" => "Freshest CRL",
        "2.5.29.54" => "Inhibit anyPolicy",
        "1.3.6.1.5.5.7.1.1" => "Authority Information Access",
        "1.3.6.1.5.5.7.1.11" => "Subject Information Access",
        "1.3.6.1.5.5.7.1.24" => "TLS Feature (OCSP Must-Staple)",
        "1.3.6.1.4.1.11129.2.4.2" => "Certificate Transparency SCT List",
        "1.3.6.1.4.1.11129.2.4.3" => "Certificate Transparency Precertificate Poison",
        "1.3.6.1.4.1.311.20.2" => "Certificate Template Name (Microsoft)",
        "1.3.6.1.4.1.311.21.7" => "Certificate Template Information (Microsoft)",
        "1.3.6.1.4.1.311.21.10" => "Application Policies (Microsoft)",
        "1.3.6.1.4.1.311.21.1" => "CA Version (Microsoft)",
        "1.3.6.1.4.1.311.21.2" => "Previous CA Certificate Hash (Microsoft)",
        "1.3.6.1.4.1.311.25.2" => "Security Identifier (Microsoft)",
        "2.16.840.1.113730.1.1" => "Netscape Certificate Type",
        "2.16.840.1.113730.1.13" => "Netscape Comment",
        "1.2.840.113549.1.9.15" => "S/MIME Capabilities",
        _ => "Unknown extension",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Names with CNs of every string type (and other types, bad UTF-8, other attributes),
    /// damaged: the same CNs as x509-parser's `iter_common_name` + `as_str`.
    #[test]
    fn common_names_are_x509_parser_ones() {
        use x509_parser::prelude::FromDer;
        let mut names = Vec::new();
        for tag in [0x0c, 0x13, 0x12, 0x16, 0x14, 0x1e, 0x04, 0x8c, 0x2c] {
            for value in [&b"rdp.corp.example"[..], &[0xff, 0xfe], &[]] {
                let mut atv = vec![0x06, 0x03, 0x55, 0x04, 0x03, tag, value.len() as u8];
                atv.extend_from_slice(value);
                let other = [
                    0x30, 0x09, 0x06, 0x03, 0x55, 0x04, 0x0a, 0x0c, 0x02, b'O', b'x',
                ];
                let mut set = vec![0x30, atv.len() as u8];
                set.extend(atv);
                set.extend_from_slice(&other);
                let mut seq = vec![0x31, set.len() as u8];
                seq.extend(set);
                seq.extend(seq.clone());
                let mut name = vec![0x30, seq.len() as u8];
                name.extend(seq);
                names.push(name);
            }
        }
        let mut checked = 0;
        for n in &names {
            for at in 0..n.len() {
                for x in [0u8, 0x01, 0x80] {
                    let mut v = n.clone();
                    v[at] ^= x;
                    let Ok((_, name)) = X509Name::from_der(&v) else {
                        continue;
                    };
                    let theirs: Vec<String> = name
                        .iter_common_name()
                        .filter_map(|a| a.as_str().ok())
                        .map(str::to_string)
                        .collect();
                    assert_eq!(common_names(&name), theirs, "{v:02x?}");
                    checked += theirs.len();
                }
            }
        }
        assert!(checked > 100, "only {checked} names");
    }

    #[test]
    fn padded_eku_oids_match_no_known_usage() {
        use x509_parser::oid_registry::Oid;
        let server = Oid::new(std::borrow::Cow::Borrowed(&[0x2b, 6, 1, 5, 5, 7, 3, 1]));
        assert_eq!(eku_oid_text(&server), OID_SERVER_AUTH);
        let padded = Oid::new(std::borrow::Cow::Borrowed(&[
            0x2b, 6, 1, 5, 5, 7, 0x80, 3, 1,
        ]));
        assert_eq!(padded.to_id_string(), OID_SERVER_AUTH);
        assert_ne!(eku_oid_text(&padded), OID_SERVER_AUTH);
        let first = Oid::new(std::borrow::Cow::Borrowed(&[0x80, 0x2b, 6]));
        assert!(eku_oid_text(&first).ends_with("(not valid DER)"));
        let unfinished = Oid::new(std::borrow::Cow::Borrowed(&[0x2b, 6, 1, 5, 5, 7, 3, 0x81]));
        assert_eq!(unfinished.to_id_string(), OID_SERVER_AUTH);
        assert_ne!(eku_oid_text(&unfinished), OID_SERVER_AUTH);
    }

    #[test]
    fn bit_length_of_moduli() {
        assert_eq!(bit_len(&[0x00, 0x80, 0, 0]), 24);
        assert_eq!(bit_len(&[0x01, 0xff]), 9);
        assert_eq!(bit_len(&[0, 0]), 0);
        assert_eq!(bit_len(&[]), 0);
    }
}
