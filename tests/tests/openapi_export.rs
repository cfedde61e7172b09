//! `cargo xtask openapi`: the merged, normalized document is standard OpenAPI 3 that a validator
//! accepts, and the same sources always give the same bytes.
//!
//! The validator is `openapi-spec-validator` from PyPI, which `.ci/run` installs into
//! `target/sdk-venv`; elsewhere set `OPENAPI_VALIDATOR` to its executable.

use std::path::PathBuf;
use std::process::Command;

use generator::{Config, Export, ExportOptions, SpecSource, openapi_document};
use tests::{corpus_dir, read_sources, repo_root, spec_config};

fn export(config: &Config, sources: &[SpecSource], prefer_query: Option<&str>) -> Export {
    let options = ExportOptions {
        prefer_query: prefer_query.map(str::to_string),
    };
    openapi_document(config, sources, &options)
        .unwrap_or_else(|d| panic!("{}: {d}", config.krate.name))
}

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
    let first = export(&config, &sources, None);
    let again = export(&config, &sources, None);
    assert_eq!(first, again);
    assert!(first.omitted.is_empty());
    let doc: serde_json::Value = serde_json::from_str(&first.document).expect("JSON");
    assert_eq!(doc["openapi"], "3.0.3");
    // Pages carry no version; a merged set of pages has no single title.
    assert_eq!(
        doc["info"]["version"],
        config.krate.version.as_deref().unwrap_or("0.1.0")
    );
    assert_eq!(
        doc["info"]["title"],
        config.krate.description.as_deref().expect("has one")
    );
    assert_eq!(doc["paths"].as_object().expect("paths").len(), 4);
}

const STAINLESS: &str = "openapi/anthropic/anthropic-stainless-2026-05-tryAGI.json";

/// The Stainless document keys beta routes as `/v1/files?beta=true`, some beside the plain route.
/// The export folds the query into a required parameter, and where both keys name one operation
/// it keeps one and lists the other; the preferred query swaps which.
#[test]
fn fixed_queries_become_parameters_and_collisions_are_listed() {
    let Some(corpus) = corpus_dir() else { return };
    let sources = read_sources(&corpus.join(STAINLESS));
    let config = Config::minimal("stainless");
    let source: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(corpus.join(STAINLESS)).expect("read"))
            .expect("JSON");
    let methods = ["get", "put", "post", "delete", "patch"];
    let source_ops: Vec<String> = source["paths"]
        .as_object()
        .expect("paths")
        .iter()
        .flat_map(|(key, item)| {
            methods
                .iter()
                .filter(|m| item.get(**m).is_some())
                .map(move |m| format!("{} {key}", m.to_uppercase()))
        })
        .collect();
    let collisions: Vec<&String> = source_ops
        .iter()
        .filter(|op| {
            op.split_once('?')
                .is_some_and(|(plain, _)| source_ops.contains(&plain.to_string()))
        })
        .collect();
    assert!(collisions.len() >= 5, "{collisions:?}");

    let plain = export(&config, &sources, None);
    assert_eq!(plain.omitted.iter().collect::<Vec<_>>(), collisions);
    let beta = export(&config, &sources, Some("beta=true"));
    let swapped: Vec<String> = collisions
        .iter()
        .map(|op| op.split('?').next().unwrap_or_default().to_string())
        .collect();
    assert_eq!(beta.omitted, swapped);

    for (export, omitted) in [(&plain, &plain.omitted), (&beta, &beta.omitted)] {
        let doc: serde_json::Value = serde_json::from_str(&export.document).expect("JSON");
        let paths = doc["paths"].as_object().expect("paths");
        assert!(paths.keys().all(|k| !k.contains('?')), "{:?}", paths.keys());
        let count: usize = paths
            .values()
            .map(|item| methods.iter().filter(|m| item.get(**m).is_some()).count())
            .sum();
        assert_eq!(count + omitted.len(), source_ops.len());
    }
    // A beta-only operation carries its fixed query as a required one-value parameter.
    let doc: serde_json::Value = serde_json::from_str(&plain.document).expect("JSON");
    let params = doc["paths"]["/v1/files"]["get"]["parameters"]
        .as_array()
        .expect("parameters");
    let beta_param = params
        .iter()
        .find(|p| p["name"] == "beta")
        .expect("a beta parameter");
    assert_eq!(beta_param["in"], "query");
    assert_eq!(beta_param["required"], true);
    assert_eq!(beta_param["schema"]["enum"], serde_json::json!(["true"]));
}

#[test]
fn exports_pass_a_standard_validator() {
    let Some(validator) = validator() else { return };
    let mut sets: Vec<(&str, Config, Vec<SpecSource>, Option<&str>)> = vec![
        (
            "seed",
            Config::minimal("seed"),
            // spec/ ships the seed page unchanged.
            read_sources(&repo_root().join("spec/create-skill-version.md")),
            None,
        ),
        (
            "skills",
            spec_config(),
            read_sources(&repo_root().join("spec")),
            None,
        ),
    ];
    if let Some(corpus) = corpus_dir() {
        sets.push((
            "claude",
            Config::minimal("claude"),
            tests::claude_pages(&corpus),
            None,
        ));
        sets.push((
            "admin",
            Config::minimal("admin"),
            read_sources(&corpus.join("mintlify/anthropic/admin-api")),
            None,
        ));
        for (name, prefer) in [("stainless", None), ("stainless-beta", Some("beta=true"))] {
            sets.push((
                name,
                Config::minimal(name),
                read_sources(&corpus.join(STAINLESS)),
                prefer,
            ));
        }
    }
    let dir = tempfile::tempdir().expect("temp dir");
    for (name, config, sources, prefer) in sets {
        let path = dir.path().join(format!("{name}.json"));
        std::fs::write(&path, export(&config, &sources, prefer).document).expect("write");
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
