//! The sweep: every Swagger 2.0 and multi-file document of the corpus, and the multi-file
//! fixtures, each generated into a crate and all checked together under `cargo clippy -D warnings`
//! in one workspace. The pages, the small and progenitor documents and three large ones are
//! checked by `compile.rs`, the Anthropic document by `prism.rs`; the rest of `openapi/large`
//! (Stripe alone needs 7 minutes under clippy) is left to `scripts/bench-sweep.sh`.

use std::path::{Path, PathBuf};
use std::time::Instant;

use generator::emit::EmitOptions;
use generator::{Config, generate_with};
use tests::{corpus_dir, fixtures, read_sources, repo_root};

/// Every document the sweep compiles: (crate name, file or directory).
fn documents(corpus: Option<&Path>) -> Vec<(String, PathBuf)> {
    let mut out = Vec::new();
    for dir in tests::sorted_dirs(&fixtures().join("multifile")) {
        let name = format!("multifile-{}", dir.file_name().unwrap().to_string_lossy());
        out.push((generator::names::package_name(&name), dir));
    }
    let Some(corpus) = corpus else { return out };
    for file in tests::sorted_files(&corpus.join("openapi/swagger2")) {
        let stem = file.file_stem().unwrap().to_string_lossy().into_owned();
        out.push((generator::names::package_name(&format!("s2-{stem}")), file));
    }
    for dir in tests::sorted_dirs(&corpus.join("openapi/multifile")) {
        let name = format!("multifile-{}", dir.file_name().unwrap().to_string_lossy());
        out.push((generator::names::package_name(&name), dir));
    }
    out
}

#[test]
fn every_swagger2_and_multifile_document_compiles_clippy_clean() {
    let corpus = corpus_dir();
    let docs = documents(corpus.as_deref());
    let root = repo_root().join("target/sweep-crates");
    let _ = std::fs::remove_dir_all(root.join("crates"));
    let started = Instant::now();
    let mut members = Vec::new();
    let mut failures = Vec::new();
    for (name, path) in &docs {
        let result = std::panic::catch_unwind(|| {
            generate_with(
                &Config::minimal(name),
                &read_sources(path),
                &EmitOptions::default(),
            )
        });
        match result {
            Ok(Ok(krate)) => {
                tests::write_crate(&root.join("crates").join(name), &krate.files);
                members.push(name.clone());
            }
            Ok(Err(d)) => failures.push(format!("{}: {d}", path.display())),
            Err(_) => failures.push(format!("{}: the generator panicked", path.display())),
        }
    }
    assert!(failures.is_empty(), "refused:\n{}", failures.join("\n"));
    let generated = started.elapsed();
    tests::write_workspace(&root, &members);
    // The compile test's target directory: the dependencies are built once for both.
    if let Err(stderr) = tests::clippy_workspace(&root) {
        panic!("clippy failed:\n{stderr}");
    }
    println!(
        "{} documents generated in {:.1?} and clippy-clean after {:.1?}",
        members.len(),
        generated,
        started.elapsed()
    );
    let _ = std::fs::remove_dir_all(root.join("crates"));
}
