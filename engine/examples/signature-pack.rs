//! Prints the non-English signature pack (`engine::text::signature_pack_json`) that the web
//! page fetches after its first report; scripts/build-web writes it to dist/signatures-intl.json.
fn main() {
    print!("{}", engine::text::signature_pack_json());
}
