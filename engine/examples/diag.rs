//! Developer tool: reads a request JSON on stdin and prints the terminal summary (or the report
//! JSON with `--json`). `cargo run -p engine --example diag < request.json`.
use std::io::Read;
fn main() {
    let mut s = String::new();
    let _ = std::io::stdin().read_to_string(&mut s);
    if std::env::args().any(|a| a == "--json") {
        println!("{}", engine::rank::diagnose_json(&s));
        return;
    }
    match engine::schema::from_json::<engine::Request>(&s) {
        Ok(r) => print!("{}", engine::render::to_terminal(&engine::diagnose(&r))),
        Err(e) => eprintln!("bad request: {e}"),
    }
}
