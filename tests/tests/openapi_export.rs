//! `cargo xtask openapi`: the merged, normalized document is standard OpenAPI 3 that a validator
//! accepts, and the same sources always give the same bytes.
//!
//! The validator is `openapi-spec-validator` from PyPI, which `.ci/run` installs into
//! `target/sdk-venv`; elsewhere set `OPENAPI_VALIDATOR` to its executable.

use std::path::PathBuf;
use std::process::Command;

use generator::{Config, SpecSource, openapi_document};
use tests::{corpus_dir, read_sources, repo_root, spec_config};

fn validator() -> Option<PathBuf> {
    let path = std::env::var_os("OPENAPI_VALIDATOR")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo_root().join("target/sdk-venv/bin/openapi-spec-validator"));
    if path.exists() {
        Some(path)
    } else if std::env::var_os("REQUIRE_SDK").is_some() {
        panic!("REQUIRE_SDK is set but {} does not exist", path.display());
    } else {
        println!(
            "skipped: no openapi-spec-validator at {} (set OPENAPI_VALIDATOR, or run .ci/run)",
            path.display()
        );
        None
    }
}

#[test]
fn the_export_is_deterministic_and_names_its_version() {
    let sources = read_sources(&repo_root().join("spec"));
    let config = spec_config();
    let first = openapi_document(&config, &sources).expect("spec/ exports");
    let again = openapi_document(&config, &sources).expect("spec/ exports");
    assert_eq!(first, again);
    let doc: serde_json::Value = serde_json::from_str(&first).expect("JSON");
    assert_eq!(doc["openapi"], "3.0.3");
    // Pages carry no version; a merged set of pages has no single title.
    assert_eq!(doc["info"]["version"], config.krate.version.as_str());
    assert_eq!(
        doc["info"]["title"],
        config.krate.description.as_deref().expect("has one")
    );
    assert_eq!(doc["paths"].as_object().expect("paths").len(), 4);
}

#[test]
fn exports_pass_a_standard_validator() {
    let Some(validator) = validator() else { return };
    let mut sets: Vec<(&str, Config, Vec<SpecSource>)> = vec![
        (
            "seed",
            Config::minimal("seed"),
            // spec/ ships the seed page unchanged.
            read_sources(&repo_root().join("spec/create-skill-version.md")),
        ),
        (
            "skills",
            spec_config(),
            read_sources(&repo_root().join("spec")),
        ),
    ];
    if let Some(corpus) = corpus_dir() {
        sets.push((
            "claude",
            Config::minimal("claude"),
            tests::claude_pages(&corpus),
        ));
        sets.push((
            "admin",
            Config::minimal("admin"),
            read_sources(&corpus.join("mintlify/anthropic/admin-api")),
        ));
    }
    let dir = tempfile::tempdir().expect("temp dir");
    for (name, config, sources) in sets {
        let path = dir.path().join(format!("{name}.json"));
        let doc = openapi_document(&config, &sources).unwrap_or_else(|d| panic!("{name}: {d}"));
        std::fs::write(&path, doc).expect("write");
        let output = Command::new(&validator)
            .arg(&path)
            .output()
            .expect("validator runs");
        assert!(
            output.status.success(),
            "{name}: the exported document does not validate:\n{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
    }
}
