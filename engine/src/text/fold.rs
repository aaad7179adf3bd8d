//! Typographic look-alikes read as their ASCII forms, on both sides of the matcher: the
//! signature texts (`engine/build.rs`, through `sigfile::pattern_text`) and every pasted text
//! (`analyze_text`). Newer Windows dialogs, web pages and some keyboards write ’ ‘ ´ for the
//! apostrophe and no-break spaces between words; a reporter who retypes the same message writes
//! ' and a plain space; a message quoted mid-sentence loses its capital. Folding both sides lets
//! one signature match either spelling.

/// The character `c` is read as, or `None` to keep it: the ASCII form of a typographic
/// apostrophe or space, and the lower case of a Latin-1 or Cyrillic capital (two bytes either
/// way, like ASCII case, which the matcher folds itself): "Неверный пароль" at the start of a
/// sentence matches "неверный пароль", "Échec" matches "échec".
pub fn fold_char(c: char) -> Option<char> {
    match c {
        '\u{2019}' | '\u{2018}' | '\u{b4}' => Some('\''),
        '\u{a0}' | '\u{202f}' => Some(' '),
        'À'..='Þ' if c != '×' => char::from_u32(c as u32 + 0x20),
        'А'..='Я' => char::from_u32(c as u32 + 0x20),
        'Ё' => Some('ё'),
        _ => None,
    }
}

/// `text` with every character [`fold_char`] replaces replaced (for the signature texts:
/// `build.rs` and the signature tests; the parser folds while keeping offsets).
#[allow(dead_code)]
pub fn fold(text: &str) -> String {
    text.chars().map(|c| fold_char(c).unwrap_or(c)).collect()
}
