//! Documents spread over several files, and references to any JSON pointer.

use generator::{Config, ExportOptions, SpecSource, generate, lower_sources, openapi_document};
use tests::{corpus_dir, fixtures, read_sources};

fn type_names(sources: &[SpecSource]) -> Vec<String> {
    let api = lower_sources(&Config::minimal("split"), sources).unwrap_or_else(|d| panic!("{d}"));
    api.types.iter().map(|t| t.rust_name.clone()).collect()
}

#[test]
fn a_split_document_is_followed_across_files() {
    let root = fixtures().join("multifile/split/openapi.yaml");
    let api = lower_sources(&Config::minimal("split"), &read_sources(&root))
        .unwrap_or_else(|d| panic!("{d}"));
    let mut ops: Vec<String> = api
        .operations
        .iter()
        .map(|o| format!("{} {}", o.method.as_str(), o.path))
        .collect();
    ops.sort();
    assert_eq!(
        ops,
        [
            "GET /owners",
            "GET /owners/first",
            "GET /pets",
            "GET /pets/{pet_id}",
            "POST /pets"
        ]
    );
    let names = type_names(&read_sources(&root));
    // Whole files and fragments keep the names the root gives them (`Pet`, `Owner`), the others
    // their own (`Toy`, `Problem`); a local pointer into an operation gets a name from its place.
    for expected in ["Pet", "Owner", "Toy", "Problem", "OwnersGet200Items"] {
        assert!(
            names.contains(&expected.to_string()),
            "{expected} in {names:?}"
        );
    }
    assert!(
        !names.iter().any(|n| n.ends_with('2')),
        "a target read twice was named twice: {names:?}"
    );
    // A parameter from another file keeps its limits.
    let list = api
        .operations
        .iter()
        .find(|o| o.path == "/pets" && o.method.as_str() == "GET")
        .expect("GET /pets");
    assert_eq!(list.query_params[0].wire_name, "limit");
}

#[test]
fn the_directory_and_its_root_file_give_the_same_crate_every_time() {
    let dir = fixtures().join("multifile/split");
    let from_dir = generate(&Config::minimal("split"), &read_sources(&dir)).expect("directory");
    let from_root = generate(
        &Config::minimal("split"),
        &read_sources(&dir.join("openapi.yaml")),
    )
    .expect("root file");
    assert_eq!(from_dir, from_root);
    let again = generate(&Config::minimal("split"), &read_sources(&dir)).expect("again");
    assert_eq!(from_dir, again, "generation is deterministic");
}

#[test]
fn the_export_is_one_bundled_document() {
    let root = fixtures().join("multifile/split/openapi.yaml");
    let export = openapi_document(
        &Config::minimal("split"),
        &read_sources(&root),
        &ExportOptions::default(),
    )
    .unwrap_or_else(|d| panic!("{d}"));
    let text = &export.document;
    assert!(text.contains("\"Pet\""), "{text}");
    let document: serde_json::Value = serde_json::from_str(text).expect("json");
    let mut refs = Vec::new();
    collect_refs(&document, &mut refs);
    assert!(!refs.is_empty());
    for r in refs {
        assert!(r.starts_with("#/components/"), "not bundled: {r}");
    }
}

fn collect_refs(v: &serde_json::Value, out: &mut Vec<String>) {
    match v {
        serde_json::Value::Object(m) => {
            if let Some(serde_json::Value::String(r)) = m.get("$ref") {
                out.push(r.clone());
            }
            m.values().for_each(|c| collect_refs(c, out));
        }
        serde_json::Value::Array(a) => a.iter().for_each(|c| collect_refs(c, out)),
        _ => {}
    }
}

#[test]
fn broken_and_remote_refs_name_the_file_the_ref_and_the_pointer() {
    let bad = fixtures().join("multifile-bad");
    let err = generate(
        &Config::minimal("bad"),
        &read_sources(&bad.join("broken-ref/openapi.yaml")),
    )
    .unwrap_err()
    .to_string();
    assert!(
        err.contains("broken-ref/openapi.yaml:11:15: at `paths./a.get.responses.200.content.application/json.schema`: `$ref` `schemas/things.yaml#/Missing`: ")
            && err.contains("things.yaml has nothing at `#/Missing`"),
        "{err}"
    );
    assert!(
        err.contains("`$ref` `schemas/absent.yaml`: cannot read ") && err.contains("absent.yaml"),
        "{err}"
    );
    // Raised after bundling, on a part copied from another file: named where it is written.
    let err = generate(
        &Config::minimal("bad"),
        &read_sources(&bad.join("included-unknown/openapi.yaml")),
    )
    .unwrap_err()
    .to_string();
    assert!(
        err.contains("included-unknown/paths/things.yaml:5:7: at `get.parameters[1]`: unknown $ref `#/components/parameters/cursor`"),
        "{err}"
    );
    let err = generate(
        &Config::minimal("bad"),
        &read_sources(&bad.join("url-ref/openapi.yaml")),
    )
    .unwrap_err()
    .to_string();
    assert!(
        err.contains("`$ref` `https://example.com/schemas.yaml#/Thing` points at a URL; generation never uses the network"),
        "{err}"
    );
}

#[test]
fn cycles_across_files_end() {
    // Pet.yaml -> Toy.yaml -> Pet.yaml, and Pet.yaml -> models.yaml#/Owner -> Pet.yaml: each
    // file's schema is one type, and the cycle closes on the same names.
    let api = lower_sources(
        &Config::minimal("split"),
        &read_sources(&fixtures().join("multifile/split")),
    )
    .unwrap_or_else(|d| panic!("{d}"));
    let fields = |name: &str| {
        let def = api
            .types
            .iter()
            .find(|t| t.rust_name == name)
            .unwrap_or_else(|| panic!("{name}"));
        format!("{:?}", def.kind)
    };
    assert!(
        fields("Pet").contains("Named(\"Toy\")"),
        "{}",
        fields("Pet")
    );
    assert!(
        fields("Pet").contains("Named(\"Owner\")"),
        "{}",
        fields("Pet")
    );
    assert!(
        fields("Toy").contains("Named(\"Pet\")"),
        "{}",
        fields("Toy")
    );
    assert!(
        fields("Owner").contains("Named(\"Pet\")"),
        "{}",
        fields("Owner")
    );
}

#[test]
fn the_redocly_starter_generates_from_its_root_or_its_directory() {
    let Some(corpus) = corpus_dir() else { return };
    let dir = corpus.join("openapi/multifile/redocly-openapi-starter");
    let api = lower_sources(&Config::minimal("cafe"), &read_sources(&dir))
        .unwrap_or_else(|d| panic!("{d}"));
    assert!(api.operations.len() >= 10, "{}", api.operations.len());
    let from_dir = generate(&Config::minimal("cafe"), &read_sources(&dir)).expect("dir");
    let from_root = generate(
        &Config::minimal("cafe"),
        &read_sources(&dir.join("openapi.yaml")),
    )
    .expect("root");
    assert_eq!(from_dir, from_root);
}
