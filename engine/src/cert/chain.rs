//! Orders the certificates of one input into a chain: finds the leaf (the server's own
//! certificate: not a CA and not the issuer of another one), follows issuers by name and key
//! identifier up to a self-signed root, and says whether the chain is complete, stops at an
//! intermediate (root left out, the normal case for what a server sends), has a gap (a
//! missing intermediate) or was given out of order.
//!
//! "Self-signed" here means subject == issuer (byte-equal encoded names) and the signature
//! verifies with the certificate's own RSA key ([`super::self_sig`]); for signature types that
//! are not checked (ECDSA, RSA-PSS, MD5), authority key ID == subject key ID when both
//! are present. Links between different certificates are made by name and key identifier
//! only (x509-parser's `verify` feature needs ring/aws-lc, which the engine avoids), so the
//! lint says how the chain is built, not that it is trusted.

use super::decode::Decoded;

/// How the chain from the leaf ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChainEnd {
    /// Only one certificate was given (or the others are unrelated end-entity certificates).
    Single,
    /// Reaches a self-signed root.
    Complete,
    /// Stops at an intermediate whose issuer was not given (no CA certificate is left over).
    RootOmitted,
    /// The leaf's chain stops early while other CA certificates were given: a gap.
    Incomplete,
    /// The leaf is self-signed and other, unrelated certificates were given.
    SelfSignedWithExtras,
}

#[derive(Debug, Clone)]
pub struct Chain {
    pub leaf: usize,
    /// Indices into the input, leaf first, then each issuer.
    pub path: Vec<usize>,
    /// Certificates not on the leaf's path.
    pub others: Vec<usize>,
    pub end: ChainEnd,
    /// The input did not list the path leaf-first, each followed by its issuer.
    pub misordered: bool,
    /// Issuer name of the last certificate on the path when its issuer is missing.
    pub missing_issuer: Option<String>,
}

/// Subject == issuer, and the signature verifies with the certificate's own key; when the
/// signature type is not checked, matching key identifiers (when both are present) instead.
pub fn self_signed(d: &Decoded) -> bool {
    d.subject_raw == d.issuer_raw
        && match d.self_sig {
            Some(verified) => verified,
            None => match (&d.aki, &d.ski) {
                (Some(a), Some(s)) => a == s,
                _ => true,
            },
        }
}

/// `parent` issued `child`: names chain and key identifiers agree when both are present.
fn issued_by(child: &Decoded, parent: &Decoded) -> bool {
    child.issuer_raw == parent.subject_raw
        && match (&child.aki, &parent.ski) {
            (Some(a), Some(s)) => a == s,
            _ => true,
        }
}

/// Builds the chain. `certs` must not be empty.
pub fn build(certs: &[Decoded]) -> Chain {
    let n = certs.len();
    let issues_other = |i: usize| (0..n).any(|j| j != i && issued_by(&certs[j], &certs[i]));
    let self_ss: Vec<bool> = certs.iter().map(self_signed).collect();
    // Leaf: first non-CA that issues nothing; else first that issues nothing; else the first.
    let leaf = (0..n)
        .find(|&i| !certs[i].ca && !issues_other(i))
        .or_else(|| (0..n).find(|&i| !issues_other(i)))
        .unwrap_or(0);
    let mut path = vec![leaf];
    let mut cur = leaf;
    while !self_ss[cur] && path.len() < n {
        match (0..n).find(|&p| !path.contains(&p) && issued_by(&certs[cur], &certs[p])) {
            Some(p) => {
                path.push(p);
                cur = p;
            }
            None => break,
        }
    }
    let others: Vec<usize> = (0..n).filter(|i| !path.contains(i)).collect();
    let last = *path.last().unwrap_or(&leaf);
    let end = if n == 1 {
        ChainEnd::Single
    } else if self_ss[last] && path.len() > 1 {
        ChainEnd::Complete
    } else if self_ss[last] {
        ChainEnd::SelfSignedWithExtras
    } else if others.iter().any(|&o| certs[o].ca || self_ss[o]) {
        // CA certificates were given that the leaf's path does not reach: a link is missing.
        ChainEnd::Incomplete
    } else if path.len() == 1 {
        // Only unrelated server certificates besides the leaf.
        ChainEnd::Single
    } else {
        ChainEnd::RootOmitted
    };
    let misordered = n > 1 && path.iter().enumerate().any(|(pos, &i)| pos != i);
    let missing_issuer = (!self_ss[last]).then(|| certs[last].report.issuer.clone());
    Chain {
        leaf,
        path,
        others,
        end,
        misordered,
        missing_issuer,
    }
}
