//! Indents compact JSON for people to read (the downloaded report, a probe report opened from a
//! link). A few lines of string handling instead of serde_json's pretty printer, which would
//! add a second serialiser for every report type to the wasm module.

/// Re-indents `compact` (JSON with no whitespace outside strings, as `serde_json::to_string`
/// writes it) with two spaces per level; empty objects and arrays stay `{}` and `[]`.
/// Text that is not compact JSON comes back re-spaced but otherwise unchanged.
pub fn pretty_json(compact: &str) -> String {
    let mut out = String::with_capacity(compact.len() + compact.len() / 4);
    let mut depth = 0usize;
    let (mut in_str, mut escaped) = (false, false);
    let mut chars = compact.chars().peekable();
    let newline = |out: &mut String, depth: usize| {
        out.push('\n');
        for _ in 0..depth {
            out.push_str("  ");
        }
    };
    while let Some(c) = chars.next() {
        if in_str {
            out.push(c);
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_str = false;
            }
            continue;
        }
        match c {
            '"' => {
                in_str = true;
                out.push(c);
            }
            '{' | '[' => {
                out.push(c);
                let close = if c == '{' { '}' } else { ']' };
                if chars.peek() == Some(&close) {
                    out.push(close);
                    chars.next();
                } else {
                    depth += 1;
                    newline(&mut out, depth);
                }
            }
            '}' | ']' => {
                depth = depth.saturating_sub(1);
                newline(&mut out, depth);
                out.push(c);
            }
            ',' => {
                out.push(c);
                newline(&mut out, depth);
            }
            ':' => out.push_str(": "),
            c if c.is_whitespace() => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::pretty_json;

    #[test]
    fn matches_serde_json_pretty_printer() {
        let v = serde_json::json!({
            "schema": "x/1", "empty": [], "obj": {}, "n": [1, 2.5, -3], "s": "a,b:{c}[d] \"q\" \\",
            "nested": {"k": [{"a": null, "b": true}], "u": "é\n"}
        });
        let compact = serde_json::to_string(&v).unwrap();
        assert_eq!(
            pretty_json(&compact),
            serde_json::to_string_pretty(&v).unwrap()
        );
    }

    #[test]
    fn compact_input_round_trips() {
        let compact = r#"{"a":[1,{"b":"x\"y"}],"c":{}}"#;
        let back: serde_json::Value = serde_json::from_str(&pretty_json(compact)).unwrap();
        assert_eq!(
            back,
            serde_json::from_str::<serde_json::Value>(compact).unwrap()
        );
    }
}
