//! The text parser: one pass over whatever the user pasted (error dialogs, event logs, FreeRDP
//! logs, network-tool output, the user's own words) producing [`Finding`]s with exact spans.
//! It never fails as a whole: unknown codes become "unrecognised" findings and an empty or
//! unrecognised paste yields a diagnostic that says what to paste instead.

pub mod keys;

use crate::catalog::{self, CodeSpace, DecodedCode};
use crate::finding::{Diagnostic, Finding, Origin, Severity, Span, Strength};
use serde::{Deserialize, Serialize};

/// What the parser recognised in one pasted item.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TextAnalysis {
    pub decoded: Vec<DecodedCode>,
    pub findings: Vec<Finding>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Analyses one pasted text. `item` is its index among the request's texts (for spans).
pub fn analyze_text(text: &str, item: usize) -> TextAnalysis {
    let mut out = TextAnalysis::default();
    let lower = text.to_ascii_lowercase();
    for (label, space) in [("extended error code", CodeSpace::Extended), ("error code", CodeSpace::Disconnect)] {
        let mut from = 0;
        while let Some(pos) = lower[from..].find(label) {
            let start = from + pos;
            from = start + label.len();
            // "error code" inside "extended error code" belongs to the extended label.
            if space == CodeSpace::Disconnect && lower[..start].ends_with("extended ") {
                continue;
            }
            let rest = &text[from..];
            let skip = rest.len() - rest.trim_start_matches([' ', ':', '\t', '=']).len();
            let num_start = from + skip;
            let num_len = text[num_start..]
                .find(|c: char| !(c.is_ascii_hexdigit() || c == 'x' || c == 'X'))
                .unwrap_or(text.len() - num_start);
            let raw = &text[num_start..num_start + num_len];
            if let Some(code) = catalog::parse_number(raw) {
                let d = catalog::decode(space, code);
                out.findings.push(Finding {
                    evidence: d.evidence.clone(),
                    strength: Strength::Hard,
                    origin: Origin::Text,
                    title: format!("{} {}", if space == CodeSpace::Extended { "Extended error code" } else { "Error code" }, d.display),
                    detail: d.meaning.clone(),
                    source: d.source.clone(),
                    span: Some(Span { item, start, end: num_start + num_len }),
                });
                out.decoded.push(d);
            }
        }
    }
    if out.findings.is_empty() {
        out.diagnostics.push(Diagnostic::new(
            Severity::Warning,
            "text-nothing-recognised",
            "Nothing in this text was recognised. Paste the whole error dialog (it shows \"Error code\" and \"Extended error code\"), an Event Viewer entry, a FreeRDP log or Test-NetConnection output.",
        ));
    }
    out
}
