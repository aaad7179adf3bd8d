//! Names of the RDP security-negotiation values that appear in a probe report: the
//! requestedProtocols / selectedProtocol bits and the RDP_NEG_FAILURE failure codes.
//! Facts from MS-RDPBCGR 2.2.1.1.1 (RDP_NEG_REQ), 2.2.1.2.1 (RDP_NEG_RSP) and
//! 2.2.1.2.2 (RDP_NEG_FAILURE); wording is our own.

/// Where the values are defined.
pub const SOURCE_NEG_FAILURE: &str =
    "MS-RDPBCGR 2.2.1.2.2 RDP Negotiation Failure (https://learn.microsoft.com/en-us/openspecs/windows_protocols/ms-rdpbcgr/1b3920e7-0116-4345-bc45-f2c4ad012761)";
pub const SOURCE_NEG_RSP: &str = "MS-RDPBCGR 2.2.1.2.1 RDP Negotiation Response";

pub const PROTOCOL_RDP: u32 = 0x0;
pub const PROTOCOL_SSL: u32 = 0x1;
pub const PROTOCOL_HYBRID: u32 = 0x2;
pub const PROTOCOL_RDSTLS: u32 = 0x4;
pub const PROTOCOL_HYBRID_EX: u32 = 0x8;
pub const PROTOCOL_RDSAAD: u32 = 0x10;

pub const SSL_REQUIRED_BY_SERVER: u32 = 0x1;
pub const SSL_NOT_ALLOWED_BY_SERVER: u32 = 0x2;
pub const SSL_CERT_NOT_ON_SERVER: u32 = 0x3;
pub const INCONSISTENT_FLAGS: u32 = 0x4;
pub const HYBRID_REQUIRED_BY_SERVER: u32 = 0x5;
pub const SSL_WITH_USER_AUTH_REQUIRED_BY_SERVER: u32 = 0x6;

const PROTOCOL_BITS: &[(u32, &str)] = &[
    (PROTOCOL_SSL, "SSL"),
    (PROTOCOL_HYBRID, "HYBRID"),
    (PROTOCOL_RDSTLS, "RDSTLS"),
    (PROTOCOL_HYBRID_EX, "HYBRID_EX"),
    (PROTOCOL_RDSAAD, "RDSAAD"),
];

/// `SSL|HYBRID|HYBRID_EX` for a requestedProtocols mask; `RDP` for 0; unknown bits as hex.
pub fn protocols_name(mask: u32) -> String {
    if mask == PROTOCOL_RDP {
        return "RDP".to_string();
    }
    let mut parts: Vec<String> = Vec::new();
    let mut rest = mask;
    for (bit, name) in PROTOCOL_BITS {
        if mask & bit != 0 {
            parts.push((*name).to_string());
            rest &= !bit;
        }
    }
    if rest != 0 {
        parts.push(format!("0x{rest:x}"));
    }
    parts.join("|")
}

/// What a selectedProtocol value means for the user.
pub fn selected_meaning(selected: u32) -> &'static str {
    match selected {
        PROTOCOL_RDP => "Standard RDP Security (legacy RC4, no TLS, no NLA)",
        PROTOCOL_SSL => "TLS without Network Level Authentication",
        PROTOCOL_HYBRID => "CredSSP (Network Level Authentication) over TLS",
        PROTOCOL_HYBRID_EX => "CredSSP with Early User Authorization (NLA)",
        PROTOCOL_RDSTLS => "RDSTLS (redirection with server-issued credentials)",
        PROTOCOL_RDSAAD => "RDS AAD authentication (Entra ID)",
        _ => "an unknown protocol value",
    }
}

/// Symbolic name of a failureCode.
pub fn failure_name(code: u32) -> &'static str {
    match code {
        SSL_REQUIRED_BY_SERVER => "SSL_REQUIRED_BY_SERVER",
        SSL_NOT_ALLOWED_BY_SERVER => "SSL_NOT_ALLOWED_BY_SERVER",
        SSL_CERT_NOT_ON_SERVER => "SSL_CERT_NOT_ON_SERVER",
        INCONSISTENT_FLAGS => "INCONSISTENT_FLAGS",
        HYBRID_REQUIRED_BY_SERVER => "HYBRID_REQUIRED_BY_SERVER",
        SSL_WITH_USER_AUTH_REQUIRED_BY_SERVER => "SSL_WITH_USER_AUTH_REQUIRED_BY_SERVER",
        _ => "UNKNOWN_FAILURE_CODE",
    }
}

/// Plain-language meaning of a failureCode.
pub fn failure_meaning(code: u32) -> &'static str {
    match code {
        SSL_REQUIRED_BY_SERVER => "The server requires TLS or CredSSP; Standard RDP Security alone was refused.",
        SSL_NOT_ALLOWED_BY_SERVER => "The server only uses Standard RDP Security (security layer RDP); it refuses TLS and NLA.",
        SSL_CERT_NOT_ON_SERVER => "The server has no usable certificate (or cannot read its private key), so it cannot start TLS or NLA.",
        INCONSISTENT_FLAGS => "The requested protocols conflict with the security already in effect.",
        HYBRID_REQUIRED_BY_SERVER => "The server requires Network Level Authentication (CredSSP); the offer did not include it.",
        SSL_WITH_USER_AUTH_REQUIRED_BY_SERVER => "The server requires TLS with client-certificate authentication.",
        _ => "A failure code not defined by MS-RDPBCGR.",
    }
}

/// RDP_NEG_RSP flag names (MS-RDPBCGR 2.2.1.2.1).
pub fn response_flag_names(flags: u8) -> Vec<&'static str> {
    let table: &[(u8, &str)] = &[
        (0x01, "EXTENDED_CLIENT_DATA_SUPPORTED"),
        (0x02, "DYNVC_GFX_PROTOCOL_SUPPORTED"),
        (0x04, "NEGRSP_FLAG_RESERVED"),
        (0x08, "RESTRICTED_ADMIN_MODE_SUPPORTED"),
        (0x10, "REDIRECTED_AUTHENTICATION_MODE_SUPPORTED"),
    ];
    table
        .iter()
        .filter(|(b, _)| flags & b != 0)
        .map(|(_, n)| *n)
        .collect()
}

/// Standard RDP Security encryption methods (MS-RDPBCGR 2.2.1.3.3 TS_UD_CS_SEC
/// encryptionMethods / 2.2.1.4.3 TS_UD_SC_SEC1 encryptionMethod).
pub const ENCRYPTION_METHOD_NONE: u32 = 0x00;
pub const ENCRYPTION_METHOD_40BIT: u32 = 0x01;
pub const ENCRYPTION_METHOD_128BIT: u32 = 0x02;
pub const ENCRYPTION_METHOD_56BIT: u32 = 0x08;
pub const ENCRYPTION_METHOD_FIPS: u32 = 0x10;

/// The methods probed one by one, with the labels used in the report.
pub const ENCRYPTION_METHODS: [(&str, u32); 4] = [
    ("40-bit", ENCRYPTION_METHOD_40BIT),
    ("56-bit", ENCRYPTION_METHOD_56BIT),
    ("128-bit", ENCRYPTION_METHOD_128BIT),
    ("fips", ENCRYPTION_METHOD_FIPS),
];

pub const SOURCE_SC_SEC: &str = "MS-RDPBCGR 2.2.1.4.3 Server Security Data (TS_UD_SC_SEC1)";

/// Label of an encryptionMethod value.
pub fn encryption_method_name(m: u32) -> String {
    match m {
        ENCRYPTION_METHOD_NONE => "none".into(),
        ENCRYPTION_METHOD_40BIT => "40-bit RC4".into(),
        ENCRYPTION_METHOD_56BIT => "56-bit RC4".into(),
        ENCRYPTION_METHOD_128BIT => "128-bit RC4".into(),
        ENCRYPTION_METHOD_FIPS => "FIPS 140-1 (3DES)".into(),
        other => format!("0x{other:x}"),
    }
}

/// Label of an encryptionLevel value (MS-RDPBCGR 2.2.1.4.3).
pub fn encryption_level_name(l: u32) -> String {
    match l {
        0 => "none".into(),
        1 => "low".into(),
        2 => "client-compatible".into(),
        3 => "high".into(),
        4 => "fips".into(),
        other => format!("0x{other:x}"),
    }
}

/// RDP version advertised in TS_UD_SC_CORE.version (MS-RDPBCGR 2.2.1.4.2).
pub fn rdp_version_name(v: u32) -> String {
    match v {
        0x0008_0001 => "RDP 4.0".into(),
        0x0008_0004 => "RDP 5.0-8.1".into(),
        0x0008_0005 => "RDP 10.0".into(),
        0x0008_0006..=0x0008_0011 => format!("RDP 10.{}", v - 0x0008_0005),
        other => format!("unknown (0x{other:08x})"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn protocol_masks_are_named_bit_by_bit() {
        assert_eq!(protocols_name(0), "RDP");
        assert_eq!(protocols_name(0xB), "SSL|HYBRID|HYBRID_EX");
        assert_eq!(protocols_name(0x1), "SSL");
        assert_eq!(protocols_name(0x101), "SSL|0x100");
    }

    #[test]
    fn failure_codes_have_spec_names() {
        assert_eq!(failure_name(5), "HYBRID_REQUIRED_BY_SERVER");
        assert_eq!(failure_name(2), "SSL_NOT_ALLOWED_BY_SERVER");
        assert_eq!(failure_name(3), "SSL_CERT_NOT_ON_SERVER");
        assert_eq!(failure_name(99), "UNKNOWN_FAILURE_CODE");
    }

    #[test]
    fn response_flags_decode() {
        assert_eq!(
            response_flag_names(0x03),
            vec![
                "EXTENDED_CLIENT_DATA_SUPPORTED",
                "DYNVC_GFX_PROTOCOL_SUPPORTED"
            ]
        );
        assert!(response_flag_names(0).is_empty());
    }
}
