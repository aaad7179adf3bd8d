//! Splits a pasted item into plain and highlighted segments from the engine's byte spans, for
//! rendering as text nodes with `<mark>` (never as HTML). Huge items are cut down to windows
//! around the spans so a 10 MB log renders a few kilobytes, not ten megabytes.

/// One piece of the rendered item.
#[derive(Debug, Clone, PartialEq)]
pub enum Segment {
    Plain(String),
    /// Recognised text; `title` is the finding's label (shown as a tooltip and to readers).
    Mark {
        text: String,
        title: String,
    },
    /// Text left out between windows (number of bytes skipped).
    Gap(usize),
}

/// Items up to this size are shown whole.
pub const SHOW_WHOLE: usize = 16 * 1024;
/// Context shown on each side of a span in a large item.
pub const CONTEXT: usize = 160;
/// At most this many spans are shown for one item.
pub const MAX_SPANS: usize = 60;
/// What is shown of a large item with no recognised spans.
pub const PREVIEW: usize = 2048;

/// Builds the segments. `spans` are `(start, end, title)` byte offsets; invalid, reversed,
/// overlapping or out-of-range spans are clamped or dropped, never a panic.
pub fn segments(text: &str, spans: &[(usize, usize, String)]) -> Vec<Segment> {
    let mut spans: Vec<(usize, usize, &str)> = spans
        .iter()
        .filter_map(|(s, e, t)| {
            let s = floor(text, (*s).min(text.len()));
            let e = ceil(text, (*e).min(text.len()));
            (s < e).then_some((s, e, t.as_str()))
        })
        .collect();
    spans.sort_by_key(|s| (s.0, std::cmp::Reverse(s.1)));
    let mut merged: Vec<(usize, usize, &str)> = Vec::new();
    for s in spans {
        match merged.last_mut() {
            Some(last) if s.0 < last.1 => last.1 = last.1.max(s.1),
            _ => merged.push(s),
        }
    }
    merged.truncate(MAX_SPANS);
    let whole = text.len() <= SHOW_WHOLE;
    let mut out = Vec::new();
    let mut pos = 0;
    for (s, e, title) in &merged {
        let from = if whole {
            pos
        } else {
            floor(text, s.saturating_sub(CONTEXT)).max(pos)
        };
        if from > pos {
            out.push(Segment::Gap(from - pos));
        }
        if *s > from {
            out.push(Segment::Plain(text[from..*s].to_string()));
        }
        out.push(Segment::Mark {
            text: text[*s..*e].to_string(),
            title: title.to_string(),
        });
        pos = *e;
        if !whole {
            let to = ceil(text, (e + CONTEXT).min(text.len()));
            if to > pos {
                out.push(Segment::Plain(text[pos..to].to_string()));
                pos = to;
            }
        }
    }
    if whole {
        if pos < text.len() {
            out.push(Segment::Plain(text[pos..].to_string()));
        }
    } else if merged.is_empty() {
        let head = crate::detect::prefix(text, PREVIEW);
        out.push(Segment::Plain(head.to_string()));
        out.push(Segment::Gap(text.len() - head.len()));
    } else if pos < text.len() {
        out.push(Segment::Gap(text.len() - pos));
    }
    out
}

fn floor(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil(s: &str, mut i: usize) -> usize {
    while i < s.len() && !s.is_char_boundary(i) {
        i += 1;
    }
    i
}
