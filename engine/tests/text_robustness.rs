//! Robustness of the text parser: random bytes (lossily decoded), random mixes of fixture
//! fragments cut at arbitrary char boundaries, and every file of the fuzz corpora
//! (`fuzz/corpus/*/`, `fuzz/artifacts/*/`) must never panic, and every span must lie inside
//! the text on char boundaries; a paste of megabytes reads the same on two threads as on one.
//! A small deterministic PRNG keeps runs reproducible.

use std::path::Path;

/// xorshift64*: deterministic, good enough to shuffle test input.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

fn check(text: &str) {
    let a = engine::analyze_text(text, 1);
    for f in &a.findings {
        let s = f.span.expect("span");
        assert_eq!(s.item, 1);
        assert!(
            s.start <= s.end && s.end <= text.len(),
            "span {s:?} outside text of {} bytes",
            text.len()
        );
        assert!(
            text.is_char_boundary(s.start) && text.is_char_boundary(s.end),
            "span {s:?} cuts a char"
        );
        assert!(!f.evidence.is_empty() && !f.title.is_empty());
    }
    for d in &a.diagnostics {
        if let Some(s) = d.span {
            assert!(
                s.end <= text.len()
                    && text.is_char_boundary(s.start)
                    && text.is_char_boundary(s.end)
            );
        }
    }
    // Deterministic: the same text gives the same analysis.
    assert_eq!(a, engine::analyze_text(text, 1));
}

fn fixture_texts() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/text");
    let mut v: Vec<_> = std::fs::read_dir(dir)
        .expect("fixtures")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    v.sort();
    v.iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .collect()
}

#[test]
fn random_bytes_never_panic() {
    let mut rng = Rng(0x5EED_1234_ABCD_0001);
    // Bytes biased towards the parser's trigger characters.
    let alphabet: &[u8] = b"0xX9aAfF:=[]()<>%,;\t\n\r .-_'\"ErrocdEVNTidIDsSLRP3389127";
    for round in 0..3000 {
        let len = rng.below(300);
        let bytes: Vec<u8> = (0..len)
            .map(|_| {
                if rng.below(4) == 0 {
                    rng.next() as u8
                } else {
                    alphabet[rng.below(alphabet.len())]
                }
            })
            .collect();
        let text = String::from_utf8_lossy(&bytes);
        check(&text);
        if round % 500 == 0 {
            check(
                &text[..text.len() / 2
                    - (0..=3)
                        .find(|k| text.is_char_boundary(text.len() / 2 - k))
                        .unwrap_or(0)],
            );
        }
    }
}

#[test]
fn random_mixes_of_fixture_fragments_never_panic() {
    let texts = fixture_texts();
    assert!(!texts.is_empty());
    let mut rng = Rng(0xC0FF_EE00_0000_0042);
    for _ in 0..1500 {
        let mut s = String::new();
        for _ in 0..1 + rng.below(6) {
            let t = &texts[rng.below(texts.len())];
            let mut a = rng.below(t.len() + 1);
            let mut b = rng.below(t.len() + 1);
            if a > b {
                std::mem::swap(&mut a, &mut b);
            }
            while !t.is_char_boundary(a) {
                a -= 1;
            }
            while !t.is_char_boundary(b) {
                b += 1;
            }
            s.push_str(&t[a..b]);
            if rng.below(3) == 0 {
                s.push(['：', '\u{2019}', 'é', '错', '\u{a0}', '\u{feff}'][rng.below(6)]);
            }
        }
        check(&s);
    }
}

#[test]
fn edge_inputs() {
    for t in [
        "",
        "0",
        "0x",
        "0X",
        "Error code:",
        "Error code: 0x",
        "Error code: 0xFFFFFFFF",
        "Error code: 99999999999",
        "<EventID",
        "<EventID>",
        "Event ID,",
        ",Event ID",
        "Id :",
        "loss",
        "% loss",
        "100% loss",
        "min/avg/max = /",
        "ERRCONNECT_",
        "ERRINFO_ (0x",
        "sec_e_ [",
        "Pinging [",
        "SESSIONNAME",
        "USERNAME Active",
        "エラーコード：",
        "错误代码：０ｘ９０４",
        "\u{feff}Error code: 0x904",
        "Error code:\u{a0}0x904",
        "not vpn",
        "Mac",
    ] {
        check(t);
    }
    let long = "Error code: 0x904 ".repeat(10_000);
    check(&long);
}

#[test]
fn fuzz_corpus_and_artifacts_replay() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz");
    let mut n = 0;
    for sub in ["corpus", "artifacts"] {
        let Ok(targets) = std::fs::read_dir(root.join(sub)) else {
            continue;
        };
        for target in targets.filter_map(|e| e.ok()) {
            let name = target.file_name().to_string_lossy().into_owned();
            let Ok(files) = std::fs::read_dir(target.path()) else {
                continue;
            };
            for f in files.filter_map(|e| e.ok()) {
                let Ok(data) = std::fs::read(f.path()) else {
                    continue;
                };
                let text = String::from_utf8_lossy(&data);
                match name.as_str() {
                    "cert" => {
                        let _ = engine::cert::analyze(&text, Some("host"), 0);
                    }
                    _ => check(&text),
                }
                n += 1;
            }
        }
    }
    assert!(
        n >= 20,
        "expected the committed fuzz corpus (fuzz/corpus/text), replayed {n} files"
    );
}

#[test]
fn a_long_paste_reads_the_same_on_two_threads_as_on_one() {
    // Several megabytes (the engine shares the matching of a paste of a megabyte or more with a
    // second thread natively): the whole reading, findings, spans and diagnostics, is the same.
    let fixtures = fixture_texts().join("\n");
    let mut text = String::new();
    let mut shift = 0;
    while text.len() < 3 << 20 {
        text.push_str(&" ".repeat(shift % 5));
        text.push_str(&fixtures);
        text.push('\n');
        shift += 1;
    }
    let two = engine::analyze_text(&text, 0);
    let one = engine::analyze_text_on_one_thread(&text, 0);
    assert!(one.findings.len() > 20, "the fixtures are read");
    assert_eq!(
        serde_json::to_string(&two).expect("json"),
        serde_json::to_string(&one).expect("json")
    );
}
