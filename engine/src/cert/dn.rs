//! Distinguished names as one line of text (`CN=rdp.corp.example, O=Corp Example`), written
//! the way x509-parser's `Display` writes them (RDNs joined by `, `, multi-valued RDNs by
//! ` + `, string values as is, other values as upper-case hex, `<X509Error: Invalid X.509
//! name>` when a string value is not valid text), but with a small table of the attribute
//! names that occur in subjects and issuers instead of x509-parser's registry of every OID it
//! knows (that registry costs tens of KB of wasm). Attribute types outside the table are
//! written `OID(1.2.3.4)`, as x509-parser writes OIDs it does not know.

use x509_parser::der_parser::asn1_rs::{Any, Tag};
use x509_parser::x509::X509Name;

/// The name as one line, e.g. `CN=rdp.corp.example, O=Corp Example`.
pub fn to_text(name: &X509Name<'_>) -> String {
    let mut out = String::new();
    for (i, rdn) in name.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        for (j, attr) in rdn.iter().enumerate() {
            if j > 0 {
                out.push_str(" + ");
            }
            let oid = super::x509::oid_string(attr.attr_type());
            match attribute_name(&oid) {
                Some(n) => out.push_str(n),
                None => {
                    out.push_str("OID(");
                    out.push_str(&oid);
                    out.push(')');
                }
            }
            out.push('=');
            match value_text(attr.attr_value()) {
                Some(v) => out.push_str(&v),
                None => return "<X509Error: Invalid X.509 name>".to_string(),
            }
        }
    }
    out
}

/// A value as text: strings as they are (BMPString decoded from UTF-16BE), anything else as
/// upper-case hex of its content. None when a string is not valid UTF-8/UTF-16.
fn value_text(v: &Any<'_>) -> Option<String> {
    match v.tag() {
        Tag::NumericString
        | Tag::VisibleString
        | Tag::PrintableString
        | Tag::GeneralString
        | Tag::ObjectDescriptor
        | Tag::GraphicString
        | Tag::T61String
        | Tag::VideotexString
        | Tag::Utf8String
        | Tag::Ia5String => std::str::from_utf8(v.data).ok().map(str::to_string),
        Tag::BmpString => {
            // A trailing odd byte counts as one code unit (as asn1-rs reads it).
            let units: Vec<u16> = v
                .data
                .chunks(2)
                .map(|c| match c {
                    [a, b] => u16::from_be_bytes([*a, *b]),
                    [a, ..] => u16::from(*a),
                    [] => 0,
                })
                .collect();
            String::from_utf16(&units).ok()
        }
        _ => Some(super::digest::hex_upper(v.data)),
    }
}

/// Short names of the attribute types seen in certificate names (x509-parser's abbreviations
/// for the common eight, the registry's short names for the rest).
fn attribute_name(oid: &str) -> Option<&'static str> {
    Some(match oid {
        "2.5.4.3" => "CN",
        "2.5.4.6" => "C",
        "2.5.4.7" => "L",
        "2.5.4.8" => "ST",
        "2.5.4.10" => "O",
        "2.5.4.11" => "OU",
        "0.9.2342.19200300.100.1.25" => "DC",
        "1.2.840.113549.1.9.1" => "Email",
        "2.5.4.0" => "objectClass",
        "2.5.4.1" => "aliasedEntryName",
        "2.5.4.2" => "knowledgeInformation",
        "2.5.4.4" => "surname",
        "2.5.4.5" => "serialNumber",
        "2.5.4.9" => "streetAddress",
        "2.5.4.12" => "title",
        "2.5.4.13" => "description",
        "2.5.4.14" => "searchGuide",
        "2.5.4.15" => "businessCategory",
        "2.5.4.16" => "postalAddress",
        "2.5.4.17" => "postalCode",
        "2.5.4.41" => "name",
        "2.5.4.42" => "givenName",
        "2.5.4.43" => "initials",
        "2.5.4.44" => "generationQualifier",
        "2.5.4.45" => "uniqueIdentifier",
        "2.5.4.46" => "dnQualifier",
        "0.9.2342.19200300.100.1.1" => "uid",
        "1.2.840.113549.1.9.2" => "unstructuredName",
        "1.3.6.1.4.1.311.60.2.1.1" => "msJurisdictionLocality",
        "1.3.6.1.4.1.311.60.2.1.2" => "msJurisdictionStateOrProvince",
        "1.3.6.1.4.1.311.60.2.1.3" => "msJurisdictionCountry",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use x509_parser::prelude::FromDer;

    /// One attribute: OID content bytes, value tag, value bytes.
    type Attr<'a> = (&'a [u8], u8, &'a [u8]);

    /// DER of a Name from its RDNs (each a list of attributes).
    fn name_der(rdns: &[Vec<Attr<'_>>]) -> Vec<u8> {
        fn tlv(tag: u8, content: &[u8]) -> Vec<u8> {
            let mut v = vec![tag, content.len() as u8];
            v.extend_from_slice(content);
            v
        }
        let mut seq = Vec::new();
        for rdn in rdns {
            let mut set = Vec::new();
            for (oid, tag, val) in rdn {
                let mut atv = tlv(0x06, oid);
                atv.extend(tlv(*tag, val));
                set.extend(tlv(0x30, &atv));
            }
            seq.extend(tlv(0x31, &set));
        }
        tlv(0x30, &seq)
    }

    #[test]
    fn same_text_as_x509_parser_for_known_attributes_and_value_types() {
        let cn: &[u8] = &[0x55, 4, 3];
        let o: &[u8] = &[0x55, 4, 10];
        let serial: &[u8] = &[0x55, 4, 5];
        let email: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09, 0x01];
        let dc: &[u8] = &[0x09, 0x92, 0x26, 0x89, 0x93, 0xf2, 0x2c, 0x64, 0x01, 0x19];
        let jur: &[u8] = &[0x2b, 6, 1, 4, 1, 0x82, 0x37, 0x3c, 2, 1, 3];
        let unknown: &[u8] = &[0x2a, 3, 4];
        let cases = vec![
            name_der(&[
                vec![(cn, 0x0c, b"rdp.corp.example")],
                vec![(o, 0x13, b"Corp")],
            ]),
            name_der(&[
                vec![(dc, 0x16, b"example"), (email, 0x16, b"a@b.example")],
                vec![(serial, 0x13, b"42")],
            ]),
            name_der(&[
                vec![(cn, 0x1e, &[0, b'W', 0, b'S', 0x26, 0x3a])],
                vec![(jur, 0x13, b"US")],
            ]),
            name_der(&[
                vec![(unknown, 0x04, &[0xde, 0xad])],
                vec![(cn, 0x02, &[1, 2])],
            ]),
            name_der(&[vec![(cn, 0x0c, &[0xff, 0xfe])]]),
            name_der(&[vec![(cn, 0x1e, &[0xd8, 0x00])]]),
            name_der(&[vec![(cn, 0x1e, &[0, b'A', b'B'])]]),
            name_der(&[]),
        ];
        for der in cases {
            let (_, name) = X509Name::from_der(&der).expect("test name parses");
            assert_eq!(to_text(&name), name.to_string(), "{der:02x?}");
        }
    }
}
