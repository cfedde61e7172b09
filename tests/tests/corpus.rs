//! The real-world corpus: every page and document is handled without a panic, and the Skills pages
//! get distinct, SDK-like names. Skips (with a printed reason) when the corpus is absent.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

use generator::{Config, generate, lower_sources};
use tests::{corpus_dir, read_sources};

fn files_under(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("readable corpus dir") {
        let path = entry.expect("entry").path();
        // A multi-file document is one document: its root and the files it refers to.
        if path.is_dir() && dir.file_name().is_some_and(|n| n == "multifile") {
            out.push(path);
        } else if path.is_dir() {
            files_under(&path, out);
        } else if matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("md" | "yaml" | "yml" | "json")
        ) && path.file_name() != Some("README.md".as_ref())
        {
            out.push(path);
        }
    }
}

/// Documents the generator refuses today, each with the reason it gives.
const KNOWN_REFUSALS: &[(&str, &str)] = &[];

/// The YAML and JSON editions of one document give the same crate: YAML loading alters nothing,
/// even the integer -9223372036854776000 that serde_yaml could not hold.
#[test]
fn yaml_and_json_editions_generate_the_same_crate() {
    let Some(corpus) = corpus_dir() else { return };
    for stem in [
        "openapi/large/openai-openapi",
        "openapi/small/oai-examples-v3.0/petstore-expanded",
        "openapi/small/oai-examples-v3.0/uspto",
    ] {
        let build = |ext: &str| {
            let path = corpus.join(format!("{stem}.{ext}"));
            generate(&Config::minimal("same"), &read_sources(&path))
                .unwrap_or_else(|d| panic!("{}: {d}", path.display()))
                .files
        };
        let (yaml, json) = (build("yaml"), build("json"));
        // Type docs name their origin file; everything else must match byte for byte.
        let strip = |files: std::collections::BTreeMap<String, String>| {
            files
                .into_iter()
                .map(|(k, v)| {
                    (
                        k,
                        v.replace(&format!("{stem}.yaml"), "")
                            .replace(&format!("{stem}.json"), ""),
                    )
                })
                .collect::<std::collections::BTreeMap<_, _>>()
        };
        let (yaml, json) = (strip(yaml), strip(json));
        for (file, text) in &yaml {
            assert!(
                json.get(file) == Some(text),
                "{stem}: {file} differs between YAML and JSON"
            );
        }
    }
}

#[test]
fn every_corpus_file_generates_or_explains_itself() {
    let Some(corpus) = corpus_dir() else { return };
    let mut files = Vec::new();
    files_under(&corpus, &mut files);
    files.sort();
    assert!(
        files.len() >= 88,
        "expected the 56 pages and 32 documents, found {}",
        files.len()
    );
    let mut generated = 0;
    // Warnings by kind: the message with its quoted names blanked.
    let mut warnings: std::collections::BTreeMap<String, usize> = Default::default();
    // How each document's lists page, and why the others do not.
    let mut paging = Vec::new();
    let mut unpaged: std::collections::BTreeMap<String, usize> = Default::default();
    for path in &files {
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        let sources = read_sources(path);
        let result = catch_unwind(AssertUnwindSafe(|| {
            generate(&Config::minimal("corpus"), &sources)
        }));
        match (result, KNOWN_REFUSALS.iter().find(|(f, _)| *f == name)) {
            (Err(_), _) => panic!("{} made the generator panic", path.display()),
            (Ok(Ok(krate)), None) => {
                generated += 1;
                for w in &krate.warnings {
                    *warnings.entry(warning_kind(&w.message)).or_default() += 1;
                }
                if !krate.paging.is_empty() {
                    let rel = path.strip_prefix(&corpus).unwrap_or(path);
                    paging.push(format!("{}: {}", rel.display(), krate.paging_summary()));
                    for (_, how) in &krate.paging {
                        if let Err(why) = how {
                            *unpaged.entry(warning_kind(why)).or_default() += 1;
                        }
                    }
                }
            }
            (Ok(Ok(_)), Some(_)) => panic!("{name} now generates: remove it from KNOWN_REFUSALS"),
            (Ok(Err(d)), Some((_, reason))) => {
                let text = d.to_string();
                assert!(
                    text.contains(reason) && text.contains(name),
                    "{name}: unexpected diagnostic {text}"
                );
            }
            (Ok(Err(d)), None) => panic!("{} failed: {d}", path.display()),
        }
    }
    println!("{generated} of {} corpus files generated", files.len());
    println!("paging by document:");
    for line in &paging {
        println!("  {line}");
    }
    println!("unpaged list operations by reason:");
    for (why, count) in &unpaged {
        println!("{count:>6}  {why}");
    }
    println!("warnings by kind:");
    for (kind, count) in &warnings {
        println!("{count:>6}  {kind}");
    }
}

/// A warning's kind: its text with every `quoted` name blanked, so one kind counts once.
fn warning_kind(message: &str) -> String {
    message
        .split('`')
        .enumerate()
        .map(|(i, part)| if i % 2 == 1 { "`_`" } else { part })
        .collect()
}

#[test]
fn skills_pages_get_distinct_sdk_like_names() {
    let Some(corpus) = corpus_dir() else { return };
    let api = lower_sources(
        &tests::spec_config(),
        &read_sources(&corpus.join("mintlify/anthropic/skills")),
    )
    .expect("skills pages lower");
    let mut names: Vec<String> = api
        .operations
        .iter()
        .map(|op| {
            format!(
                "{}.{} {} {}",
                op.resource.join("."),
                op.method_name,
                op.method.as_str(),
                op.path
            )
        })
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "skills.create POST /v1/skills",
            "skills.delete DELETE /v1/skills/{skill_id}",
            "skills.list GET /v1/skills",
            "skills.retrieve GET /v1/skills/{skill_id}",
            "skills.versions.create POST /v1/skills/{skill_id}/versions",
            "skills.versions.delete DELETE /v1/skills/{skill_id}/versions/{version}",
            "skills.versions.list GET /v1/skills/{skill_id}/versions",
            "skills.versions.retrieve GET /v1/skills/{skill_id}/versions/{version}",
        ]
    );
    // Every operation merges the skills beta into the caller's betas.
    for op in &api.operations {
        let beta = op
            .header_params
            .iter()
            .find(|h| h.param.wire_name == "anthropic-beta")
            .expect("beta header");
        assert_eq!(beta.default_values, ["skills-2025-10-02"], "{}", op.path);
        assert_eq!(beta.param.rust_name, "betas");
    }
}

/// `spec/` ships the eight published Skills pages unchanged, and nothing else of the corpus.
#[test]
fn the_spec_pages_are_the_published_skills_pages() {
    let Some(corpus) = corpus_dir() else { return };
    let published = corpus.join("mintlify/anthropic/skills");
    let pages = |dir: &std::path::Path| -> Vec<String> {
        tests::sorted_files(dir)
            .iter()
            .filter(|p| p.extension().is_some_and(|e| e == "md"))
            .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
            .collect()
    };
    let spec = tests::repo_root().join("spec");
    assert_eq!(
        pages(&spec),
        pages(&published),
        "spec/ holds exactly the Skills pages"
    );
    assert_eq!(pages(&spec).len(), 8);
    for name in pages(&spec) {
        let a = std::fs::read(published.join(&name)).expect("published page");
        let b = std::fs::read(spec.join(&name)).expect("spec page");
        assert!(
            a == b,
            "spec/{name} must stay byte-identical to the published page"
        );
    }
}
