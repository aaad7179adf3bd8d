//! Reading a published schema from `schemas/` and checking a document against it, shared by
//! `engine/tests/schemas.rs` (which writes the schemas) and `probe-helper/tests/schemas.rs`
//! (which checks what the real `rdp-probe` prints); included by path in both.
#![allow(dead_code)] // each test file uses its own subset

use serde_json::Value;
use std::path::Path;

/// The validator for `schemas/NAME` below `repo`; a missing file says how to write it.
pub fn committed(repo: &Path, name: &str) -> jsonschema::Validator {
    let path = repo.join("schemas").join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e} (run SCHEMAS_BLESS=1 cargo test -p engine --test schemas)",
            path.display()
        )
    });
    let v: Value = serde_json::from_str(&text).expect("schema file is JSON");
    jsonschema::validator_for(&v).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// Panics with the first errors, where each is, and the document.
pub fn check(v: &jsonschema::Validator, doc: &Value, what: &str) {
    let errors: Vec<String> = v
        .iter_errors(doc)
        .take(5)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "{what} does not match its schema: {}\n{doc}",
        errors.join("; ")
    );
}
