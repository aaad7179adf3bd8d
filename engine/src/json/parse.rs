//! The JSON text parser: strict RFC 8259, exactly the language serde_json accepts (no trailing
//! commas, no comments, no control characters or lone surrogates in strings, no leading zeros,
//! no numbers that overflow a double), building a [`Json`] tree. Non-generic, recursive only up
//! to [`MAX_DEPTH`] levels, never panics; errors carry the line and column.

use super::{Error, Json, Map, Number};

/// Deepest nesting of arrays and objects accepted (serde_json's limit: 128 opening brackets
/// fail, 127 pass).
pub const MAX_DEPTH: usize = 127;

/// Parses one JSON document (surrounding whitespace allowed, nothing else after it).
pub fn parse(text: &str) -> Result<Json, Error> {
    let mut p = Parser {
        s: text.as_bytes(),
        text,
        i: 0,
        depth: 0,
    };
    let v = p.value()?;
    p.ws();
    if p.i < p.s.len() {
        return Err(p.err("unexpected text after the end of the JSON value"));
    }
    Ok(v)
}

struct Parser<'a> {
    s: &'a [u8],
    text: &'a str,
    i: usize,
    depth: usize,
}

impl Parser<'_> {
    /// An error at the current byte (line and column counted only now, in characters).
    fn err(&self, msg: &str) -> Error {
        let at = self.i.min(self.s.len());
        let before = &self.s[..at];
        let line = 1 + before.iter().filter(|&&b| b == b'\n').count();
        let start = before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |n| n + 1);
        let col = 1 + self
            .text
            .get(start..at)
            .map_or(at - start, |l| l.chars().count());
        Error::syntax(msg, line, col)
    }

    fn peek(&self) -> Option<u8> {
        self.s.get(self.i).copied()
    }

    fn ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.i += 1;
        }
    }

    fn value(&mut self) -> Result<Json, Error> {
        self.ws();
        match self.peek() {
            None => Err(self.err("the JSON ended where a value was expected")),
            Some(b'n') => self.word("null", Json::Null),
            Some(b't') => self.word("true", Json::Bool(true)),
            Some(b'f') => self.word("false", Json::Bool(false)),
            Some(b'"') => Ok(Json::String(self.string()?)),
            Some(b'[') => self.nested(Self::array),
            Some(b'{') => self.nested(Self::object),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(_) => Err(self.err(
                "expected a JSON value (a \"string\", a number, {…}, […], true, false or null)",
            )),
        }
    }

    fn word(&mut self, w: &str, v: Json) -> Result<Json, Error> {
        for &b in w.as_bytes() {
            match self.peek() {
                Some(c) if c == b => self.i += 1,
                None => return Err(self.err("the JSON ended in the middle of a word")),
                Some(_) => {
                    return Err(self.err("unknown word (only true, false and null are allowed)"))
                }
            }
        }
        Ok(v)
    }

    fn nested(&mut self, f: fn(&mut Self) -> Result<Json, Error>) -> Result<Json, Error> {
        if self.depth >= MAX_DEPTH {
            return Err(self.err("nested too deeply (more than 127 levels of [ and {)"));
        }
        self.depth += 1;
        self.i += 1;
        let v = f(self);
        self.depth -= 1;
        v
    }

    /// After `[`.
    fn array(&mut self) -> Result<Json, Error> {
        let mut out = Vec::new();
        self.ws();
        if self.peek() == Some(b']') {
            self.i += 1;
            return Ok(Json::Array(out));
        }
        loop {
            out.push(self.value()?);
            self.ws();
            match self.peek() {
                Some(b',') => {
                    self.i += 1;
                    self.ws();
                    if self.peek() == Some(b']') {
                        return Err(self.err("trailing comma before ] (remove the last comma)"));
                    }
                }
                Some(b']') => {
                    self.i += 1;
                    return Ok(Json::Array(out));
                }
                None => return Err(self.err("the JSON ended inside a list (a ] is missing)")),
                Some(_) => return Err(self.err("expected , or ] in a list")),
            }
        }
    }

    /// After `{`.
    fn object(&mut self) -> Result<Json, Error> {
        let mut out = Vec::new();
        self.ws();
        if self.peek() == Some(b'}') {
            self.i += 1;
            return Ok(Json::Object(Map::default()));
        }
        loop {
            match self.peek() {
                Some(b'"') => {}
                None => return Err(self.err("the JSON ended inside an object (a } is missing)")),
                Some(_) => return Err(self.err("expected a \"quoted\" key in an object")),
            }
            let key = self.string()?;
            self.ws();
            match self.peek() {
                Some(b':') => self.i += 1,
                None => return Err(self.err("the JSON ended inside an object (a } is missing)")),
                Some(_) => return Err(self.err("expected : after an object key")),
            }
            let v = self.value()?;
            out.push((key, v));
            self.ws();
            match self.peek() {
                Some(b',') => {
                    self.i += 1;
                    self.ws();
                    if self.peek() == Some(b'}') {
                        return Err(self.err("trailing comma before } (remove the last comma)"));
                    }
                }
                Some(b'}') => {
                    self.i += 1;
                    return Ok(Json::Object(Map::from_pairs(out)));
                }
                None => return Err(self.err("the JSON ended inside an object (a } is missing)")),
                Some(_) => return Err(self.err("expected , or } in an object")),
            }
        }
    }

    /// At `"`: the string's text with escapes resolved.
    fn string(&mut self) -> Result<String, Error> {
        self.i += 1;
        let mut out = String::new();
        let mut run = self.i;
        loop {
            let Some(b) = self.peek() else {
                return Err(self.err("the JSON ended inside a string (a closing \" is missing)"));
            };
            match b {
                b'"' => {
                    out.push_str(self.text.get(run..self.i).unwrap_or(""));
                    self.i += 1;
                    return Ok(out);
                }
                b'\\' => {
                    out.push_str(self.text.get(run..self.i).unwrap_or(""));
                    self.i += 1;
                    self.escape(&mut out)?;
                    run = self.i;
                }
                0..=0x1F => {
                    return Err(self.err(
                        "control character in a string (write line breaks and tabs as \\n and \\t)",
                    ))
                }
                _ => self.i += 1,
            }
        }
    }

    /// After `\`.
    fn escape(&mut self, out: &mut String) -> Result<(), Error> {
        let Some(b) = self.peek() else {
            return Err(self.err("the JSON ended inside a string (a closing \" is missing)"));
        };
        self.i += 1;
        let c = match b {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let hi = self.hex4()?;
                let cp = match hi {
                    0xD800..=0xDBFF => {
                        if self.s.get(self.i..self.i + 2) != Some(b"\\u") {
                            return Err(self.err("unpaired surrogate in a \\u escape (a \\uD800-\\uDBFF must be followed by \\uDC00-\\uDFFF)"));
                        }
                        self.i += 2;
                        let lo = self.hex4()?;
                        if !(0xDC00..=0xDFFF).contains(&lo) {
                            return Err(self.err("unpaired surrogate in a \\u escape (a \\uD800-\\uDBFF must be followed by \\uDC00-\\uDFFF)"));
                        }
                        0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00)
                    }
                    0xDC00..=0xDFFF => {
                        return Err(self.err("unpaired surrogate in a \\u escape (\\uDC00-\\uDFFF must follow \\uD800-\\uDBFF)"))
                    }
                    n => n,
                };
                match char::from_u32(cp) {
                    Some(c) => c,
                    None => return Err(self.err("invalid \\u escape")),
                }
            }
            _ => {
                self.i -= 1;
                return Err(self.err("invalid escape in a string (write a backslash as \\\\)"));
            }
        };
        out.push(c);
        Ok(())
    }

    fn hex4(&mut self) -> Result<u32, Error> {
        let mut n = 0u32;
        for _ in 0..4 {
            let d = match self.peek() {
                Some(b @ b'0'..=b'9') => b - b'0',
                Some(b @ b'a'..=b'f') => b - b'a' + 10,
                Some(b @ b'A'..=b'F') => b - b'A' + 10,
                None => {
                    return Err(self.err("the JSON ended inside a string (a closing \" is missing)"))
                }
                Some(_) => return Err(self.err("invalid \\u escape (it needs four hex digits)")),
            };
            self.i += 1;
            n = n * 16 + u32::from(d);
        }
        Ok(n)
    }

    fn digits(&mut self) -> usize {
        let from = self.i;
        while let Some(b'0'..=b'9') = self.peek() {
            self.i += 1;
        }
        self.i - from
    }

    fn number(&mut self) -> Result<Json, Error> {
        let start = self.i;
        let neg = self.peek() == Some(b'-');
        if neg {
            self.i += 1;
        }
        let int_start = self.i;
        match self.peek() {
            Some(b'0') => {
                self.i += 1;
                if let Some(b'0'..=b'9') = self.peek() {
                    return Err(self.err("invalid number (no leading zeros)"));
                }
            }
            Some(b'1'..=b'9') => {
                self.digits();
            }
            None => return Err(self.err("the JSON ended inside a number")),
            Some(_) => return Err(self.err("invalid number (a digit must follow -)")),
        }
        let int_end = self.i;
        let mut float = false;
        if self.peek() == Some(b'.') {
            self.i += 1;
            float = true;
            if self.digits() == 0 {
                return Err(self.err("invalid number (a digit must follow the decimal point)"));
            }
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.i += 1;
            float = true;
            if let Some(b'+' | b'-') = self.peek() {
                self.i += 1;
            }
            if self.digits() == 0 {
                return Err(self.err("invalid number (a digit must follow the exponent)"));
            }
        }
        let lexeme = self.text.get(start..self.i).unwrap_or("");
        if !float {
            let digits = self.text.get(int_start..int_end).unwrap_or("");
            if let Ok(n) = digits.parse::<u64>() {
                if !neg {
                    return Ok(Json::Number(Number::U64(n)));
                }
                if n != 0 && n <= 1 << 63 {
                    return Ok(Json::Number(Number::I64((n as i64).wrapping_neg())));
                }
            }
        }
        match crate::decimal::parse_decimal(lexeme) {
            Some(f) => Ok(Json::Number(Number::F64(f))),
            None => {
                self.i = start;
                Err(self.err("number out of range (too large for a double)"))
            }
        }
    }
}
