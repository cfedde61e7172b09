//! The whole Claude API, streaming included: generates the crate from the Anthropic Stainless
//! document with `tests/anthropic/codegen.toml`, adds `tests/anthropic/streaming.rs` with its
//! transcripts and the replay server (`tests/src/replay.rs`), and runs those tests in the crate.
//! Server-sent events, JSON Lines and a download are checked there through the generated API.

use std::path::Path;
use std::process::Command;

use generator::emit::EmitOptions;
use generator::generate_with;
use tests::{corpus_dir, read_sources, repo_root};

fn write(path: &Path, content: impl AsRef<[u8]>) {
    std::fs::create_dir_all(path.parent().expect("has a parent")).expect("create dir");
    std::fs::write(path, content).expect("write file");
}

#[test]
fn streaming_through_the_generated_claude_api() {
    let Some(corpus) = corpus_dir() else { return };
    let config = tests::anthropic_api_config();
    let krate = generate_with(
        &config,
        &read_sources(&corpus.join(tests::ANTHROPIC_DOCUMENT)),
        &EmitOptions {
            standalone: true,
            inputs: Vec::new(),
            ..EmitOptions::default()
        },
    )
    .unwrap_or_else(|d| panic!("{d}"));
    let dir = repo_root().join("target/anthropic-api");
    let _ = std::fs::remove_dir_all(&dir);
    for (rel, content) in &krate.files {
        write(&dir.join(rel), content);
    }
    let source = repo_root().join("tests/anthropic");
    write(
        &dir.join("tests/streaming.rs"),
        std::fs::read(source.join("streaming.rs")).expect("read streaming.rs"),
    );
    write(
        &dir.join("tests/replay/mod.rs"),
        std::fs::read(repo_root().join("tests/src/replay.rs")).expect("read replay.rs"),
    );
    for file in tests::sorted_files(&source.join("transcripts")) {
        let name = file.file_name().expect("file name");
        write(
            &dir.join("tests/transcripts").join(name),
            std::fs::read(&file).expect("read transcript"),
        );
    }
    std::fs::copy(repo_root().join("Cargo.lock"), dir.join("Cargo.lock")).expect("copy lock");

    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    // The Prism run's target directory: the same dependencies, built once.
    let output = tests::one_shot_build(&mut Command::new(cargo))
        .args(["test", "--offline", "--test", "streaming"])
        .current_dir(&dir)
        .env(
            "CARGO_TARGET_DIR",
            repo_root().join("target/prism-crates/target"),
        )
        .output()
        .expect("cargo runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    println!("{stdout}");
    assert!(
        output.status.success(),
        "the streaming tests of the generated Claude API failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(stdout.contains("test result: ok"), "{stdout}");
}
