//! Prints the certificate analysis of a file as JSON (a debugging aid):
//! `cargo run -p engine --example cert_dump -- FILE [HOST] [NOW_RFC3339]`.
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let Some(path) = args.get(1) else {
        eprintln!("usage: cert_dump FILE [HOST] [NOW]");
        std::process::exit(2);
    };
    let data = std::fs::read(path).unwrap_or_else(|e| {
        eprintln!("{path}: {e}");
        std::process::exit(1)
    });
    let host = args.get(2).map(String::as_str).filter(|h| !h.is_empty());
    let now = args
        .get(3)
        .and_then(|t| engine::time::parse_rfc3339(t))
        .unwrap_or_else(|| engine::time::parse_rfc3339("2026-06-01T00:00:00Z").unwrap_or(0));
    let a = engine::cert::analyze_bytes(&data, host, now);
    println!("{}", serde_json::to_string_pretty(&a).unwrap_or_default());
}
