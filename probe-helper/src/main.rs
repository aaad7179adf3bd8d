//! `rdp-probe`: the native helper. Subcommands: `decode` (decode pasted error text).

use std::io::Read;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("decode") => decode(&args[1..]),
        _ => {
            eprintln!("usage: rdp-probe decode [FILE|-]");
            ExitCode::from(2)
        }
    }
}

fn decode(args: &[String]) -> ExitCode {
    let mut text = String::new();
    let res = match args.first().map(String::as_str) {
        None | Some("-") => std::io::stdin().read_to_string(&mut text).map(|_| ()),
        Some(path) => std::fs::read(path).map(|b| text = String::from_utf8_lossy(&b).into_owned()),
    };
    if let Err(e) = res {
        eprintln!("rdp-probe: cannot read input: {e}");
        return ExitCode::from(2);
    }
    let a = engine::analyze_text(&text, 0);
    for d in &a.decoded {
        println!("{} {}: {}", d.display, d.name.as_deref().unwrap_or("(unrecognised)"), d.meaning);
    }
    for d in &a.diagnostics {
        eprintln!("{}", d.message);
    }
    ExitCode::SUCCESS
}
