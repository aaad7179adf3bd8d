//! Fuzz target: the text parser must never panic and must keep its spans on char boundaries.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let a = engine::analyze_text(&text, 0);
    for f in &a.findings {
        if let Some(s) = f.span {
            assert!(s.start <= s.end && s.end <= text.len());
            assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
        }
    }
});
