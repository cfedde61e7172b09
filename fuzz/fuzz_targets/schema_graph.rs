//! Cyclic schema graphs (`tests/src/schema_graph.rs` turns the input bytes into a document). Lowering
//! and emission may refuse one with diagnostics; they must never panic, overflow the stack or hang.
#![no_main]

use generator::{Config, SpecSource, generate};
use libfuzzer_sys::fuzz_target;

#[path = "../../tests/src/schema_graph.rs"]
mod schema_graph;

fuzz_target!(|data: &[u8]| {
    let source = SpecSource::new("graph.json", schema_graph::document(data));
    let _ = generate(&Config::minimal("graph"), &[source]);
});
