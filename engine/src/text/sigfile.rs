//! The format of the signature files (`engine/knowledge/signatures/*.json`), as serde types.
//! Not part of the engine library: `engine/build.rs` includes this file to compile the
//! signatures into the text parser's pattern table, and `engine/tests/signatures.rs` includes
//! it to check every file and run every example. One definition, so both read the same format.

use serde::Deserialize;

/// One signature file: every message or phrase of one product or surface.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SignatureFile {
    /// What the file is for (JSON has no comments).
    pub about: String,
    /// The product or surface every signature in the file belongs to (kebab-case), unless a
    /// signature names its own `product`.
    pub product: String,
    pub signatures: Vec<Signature>,
}

/// One signature: a literal text the product prints (or a phrase people write) and the
/// evidence it yields.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Signature {
    /// The literal as the product writes it; matched ASCII-case-insensitively, at the start of
    /// a word, and (unless `prefix`) not running into a following letter, digit or `_`.
    pub text: String,
    /// What a match yields: an evidence key (`msg:*`/`net:*` hard, `hint:*`/`ctx:*` soft and
    /// negation-aware, a catalog code key such as `event:1058`, `alert:80`, `ext:0x1`,
    /// `freerdp:ERRCONNECT_TLS_CONNECT_FAILED`), or a dialog label that a code number follows
    /// (`label:disconnect`, `label:extended`, `label:suffixed`, `label:neg-failure`,
    /// `label:protocol`, `label:freerdp-error`: a FreeRDP last-error code written as eight hex
    /// digits with or without `0x`, as Remmina prints it).
    pub yields: String,
    /// BCP 47 language tag of the text (`en`, `de`, `pt-BR`, `zh-CN`, ...).
    pub locale: String,
    /// Where the text comes from: `owner/repo@commit path:line` in the product's public source
    /// tree, or a documentation URL.
    pub source: String,
    /// A text that must produce `yields` (run by `engine/tests/signatures.rs`).
    pub example: String,
    /// The match may run into following letters (prefixes, CJK).
    #[serde(default)]
    pub prefix: bool,
    /// Overrides the file's `product` for this signature (the context file names many).
    #[serde(default)]
    pub product: Option<String>,
}

/// What a signature's `yields` means for the matcher.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Yield {
    /// A static key: `msg:*`/`net:*` (hard), `hint:*`, `ctx:*` (soft).
    Key(String),
    /// A catalog code: (code space prefix, value), e.g. ("event", 1058).
    Code(String, u32),
    /// A catalog FreeRDP name (`freerdp:ERRCONNECT_…`), resolved against the catalog.
    FreerdpName(String),
    /// A dialog label followed by a code number.
    Label(String),
}

/// Splits `yields` into what it means, or says why it cannot be read.
pub fn parse_yield(y: &str) -> Result<Yield, String> {
    let (prefix, rest) = y
        .split_once(':')
        .ok_or_else(|| format!("`{y}` has no `prefix:`"))?;
    let num = |s: &str| -> Result<u32, String> {
        match s.strip_prefix("0x") {
            Some(h) => u32::from_str_radix(h, 16),
            None => s.parse(),
        }
        .map_err(|_| format!("`{y}`: `{s}` is not a number"))
    };
    match prefix {
        "msg" | "net" | "hint" | "ctx" => Ok(Yield::Key(y.to_string())),
        "label" => match rest {
            "disconnect" | "extended" | "suffixed" | "neg-failure" | "protocol"
            | "freerdp-error" => Ok(Yield::Label(rest.to_string())),
            _ => Err(format!("unknown label kind `{rest}`")),
        },
        "freerdp" if rest.starts_with("ERR") => Ok(Yield::FreerdpName(rest.to_string())),
        "event" | "alert" | "xfexit" => {
            if rest.starts_with("0x") {
                return Err(format!("`{y}`: {prefix} codes are decimal"));
            }
            Ok(Yield::Code(prefix.to_string(), num(rest)?))
        }
        "disc" | "ext" | "neg" | "hresult" | "ntstatus" | "proto" | "freerdp" => {
            if !rest.starts_with("0x") {
                return Err(format!("`{y}`: {prefix} codes are written 0x…"));
            }
            Ok(Yield::Code(prefix.to_string(), num(rest)?))
        }
        _ => Err(format!("unknown yield prefix `{prefix}`")),
    }
}

/// The text as the matcher stores it: ASCII letters in lower case, typographic apostrophes and
/// no-break spaces as their ASCII forms (`fold.rs`, applied to pasted text too). The scanner
/// folds ASCII case only, so other letters stay exactly as the product writes them
/// ("Сметката е заключена", "Échec de connexion") and match that spelling.
pub fn pattern_text(text: &str) -> String {
    crate::fold::fold(text).to_ascii_lowercase()
}

/// True when `text[start..end]` stands at word bounds: no letter, digit or `_` right before it
/// or right after it (`build.rs` uses it for subsumed patterns, [`retyped_variants`] for
/// whole words).
pub fn at_word_bounds(text: &str, start: usize, end: usize) -> bool {
    let word = |c: char| c.is_alphanumeric() || c == '_';
    !text[..start].chars().next_back().is_some_and(word)
        && !text[end..].chars().next().is_some_and(word)
}

/// Misspellings of a product's own words that people make when they retype a dialog rather
/// than copy it, as (right, retyped) pairs in lower case. An English signature containing the
/// right word is also compiled with the retyped one, so "An internal error has occured" reads
/// as the dialog it was typed from. Only whole words, only misspellings that the unseen texts
/// show repeatedly (`tests/unseen-texts/texts.jsonl`: "occured" 17 times across sets 1-14,
/// in "An authentication error has occured", "An internal error has occured" and others).
pub const RETYPED: &[(&str, &str)] = &[("occurred", "occured")];

/// The retyped spellings of a pattern text (lower case, as [`pattern_text`] gives): one per
/// [`RETYPED`] word it contains at word bounds, each with every such word replaced; empty
/// when it contains none.
pub fn retyped_variants(pattern: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (right, retyped) in RETYPED {
        let mut variant = String::with_capacity(pattern.len());
        let mut last = 0;
        for (at, _) in pattern.match_indices(right) {
            let end = at + right.len();
            if !at_word_bounds(pattern, at, end) {
                continue;
            }
            variant.push_str(&pattern[last..at]);
            variant.push_str(retyped);
            last = end;
        }
        if last > 0 {
            variant.push_str(&pattern[last..]);
            out.push(variant);
        }
    }
    out
}
