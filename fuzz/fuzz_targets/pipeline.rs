//! The whole pipeline (load, lower, emit) on arbitrary input, as a Mintlify page, a YAML document
//! and a JSON document. Any input may be refused with diagnostics; none may panic, overflow the
//! stack or hang.
#![no_main]

use generator::{Config, SpecSource, generate};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    // The seed's shape picks the loader, so page seeds stay pages and documents stay documents.
    let name = if text.contains("```yaml ") || text.contains("````yaml ") {
        "fuzz.md"
    } else if text.trim_start().starts_with('{') {
        "fuzz.json"
    } else {
        "fuzz.yaml"
    };
    let source = SpecSource::new(name, text.to_string());
    let _ = generate(&Config::minimal("fuzz"), &[source]);
});
