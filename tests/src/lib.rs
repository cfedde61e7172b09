//! Helpers shared by the integration tests: paths, fixtures and a recording HTTP server on
//! 127.0.0.1 that plays scripted responses and faults.

pub mod changes;
pub mod paging_server;
pub mod replay;
pub mod schema_graph;
pub mod server;
pub mod skills;

use std::path::{Path, PathBuf};

use generator::{Config, SpecSource};
use std::process::{Command, Stdio};

/// The SHA-256 of `bytes` as lowercase hex, for checking uploads byte for byte.
pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ sits in the repo root")
        .to_path_buf()
}

pub fn fixtures() -> PathBuf {
    repo_root().join("tests/fixtures")
}

/// The shared corpus: `$SPEC_CORPUS`, defaulting to `../shared/corpus` beside the repo.
/// `None` (with the reason printed) when it is absent, so tests can skip.
pub fn corpus_dir() -> Option<PathBuf> {
    let dir = std::env::var_os("SPEC_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo_root().join("../shared/corpus"));
    if dir.is_dir() {
        Some(dir)
    } else {
        println!(
            "skipped: corpus not found at {} (set SPEC_CORPUS)",
            dir.display()
        );
        None
    }
}

pub fn read_sources(path: &Path) -> Vec<SpecSource> {
    SpecSource::read_path(path).unwrap_or_else(|d| panic!("cannot read {}: {d}", path.display()))
}

/// The Claude API pages (messages, batches, files, models, prompt tools): the top-level pages of
/// the corpus's `mintlify/anthropic`, merged. The Admin API and Skills pages beneath it are APIs
/// of their own.
pub fn claude_pages(corpus: &Path) -> Vec<SpecSource> {
    sorted_files(&corpus.join("mintlify/anthropic"))
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .flat_map(|p| read_sources(&p))
        .collect()
}

/// The spec files of a fixture directory; a `.toml` beside a spec is its config.
pub fn fixture_specs(dir: &Path) -> Vec<PathBuf> {
    sorted_files(dir)
        .into_iter()
        .filter(|p| p.extension().is_none_or(|e| e != "toml"))
        .collect()
}

/// A fixture's config: the `.toml` beside it, else a minimal one; named `name` either way.
pub fn fixture_config(spec: &Path, name: &str) -> Config {
    let path = spec.with_extension("toml");
    let mut config = match std::fs::read_to_string(&path) {
        Ok(text) => Config::from_toml(&path, &text).unwrap_or_else(|d| panic!("{d}")),
        Err(_) => Config::minimal(name),
    };
    config.krate.name = name.to_string();
    config
}

/// The project's own config, `spec/codegen.toml`.
/// The emit options `cargo xtask codegen` uses for `spec/`: the header names `spec/`.
pub fn spec_options() -> generator::emit::EmitOptions {
    generator::emit::EmitOptions {
        standalone: false,
        inputs: vec!["spec/".to_string()],
        ..Default::default()
    }
}

pub fn spec_config() -> Config {
    let path = repo_root().join("spec/codegen.toml");
    let text = std::fs::read_to_string(&path).expect("spec/codegen.toml exists");
    Config::from_toml(&path, &text).unwrap_or_else(|d| panic!("{d}"))
}

/// The config for the whole Claude API, from the Anthropic Stainless document in the corpus, with
/// its streaming declarations.
pub fn anthropic_api_config() -> Config {
    let path = repo_root().join("tests/anthropic/codegen.toml");
    let text = std::fs::read_to_string(&path).expect("tests/anthropic/codegen.toml exists");
    Config::from_toml(&path, &text).unwrap_or_else(|d| panic!("{d}"))
}

/// The Anthropic Stainless document (2026-05) in the corpus.
pub const ANTHROPIC_DOCUMENT: &str = "openapi/anthropic/anthropic-stainless-2026-05-tryAGI.json";

/// Sources with paths relative to the repo root, so snapshots do not depend on the checkout.
pub fn relative_sources(path: &Path) -> Vec<SpecSource> {
    read_sources(path)
        .into_iter()
        .map(|s| {
            let rel = s
                .path
                .strip_prefix(repo_root())
                .map(Path::to_path_buf)
                .unwrap_or(s.path.clone());
            SpecSource::new(rel, s.text)
        })
        .collect()
}

/// The files directly in `dir`, sorted, so tests visit fixtures in a stable order.
pub fn sorted_files(dir: &Path) -> Vec<PathBuf> {
    let entries =
        std::fs::read_dir(dir).unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()));
    let mut files: Vec<PathBuf> = entries
        .map(|e| e.expect("directory entry").path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    files
}

/// The directories directly in `dir`, sorted.
pub fn sorted_dirs(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut dirs: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    dirs
}

/// A built example of the generated crate; `cargo test --workspace` builds every example first.
pub fn example_binary(name: &str) -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo_root().join("target"));
    let path = target.join("debug/examples").join(name);
    assert!(
        path.exists(),
        "{} is missing: run through `cargo test --workspace`, which builds examples",
        path.display()
    );
    path
}

/// Writes a generated crate's files into `dir`.
pub fn write_crate(dir: &Path, files: &std::collections::BTreeMap<String, String>) {
    for (rel, content) in files {
        let path = dir.join(rel);
        std::fs::create_dir_all(path.parent().expect("has a parent")).expect("create dir");
        std::fs::write(&path, content).expect("write file");
    }
}

/// Makes `root` a workspace of the crates `crates/<member>`, locked to the project's own
/// dependency versions, so that it builds offline.
pub fn write_workspace(root: &Path, members: &[String]) {
    let members: Vec<String> = members.iter().map(|m| format!("\"crates/{m}\"")).collect();
    std::fs::write(
        root.join("Cargo.toml"),
        format!(
            "[workspace]\nresolver = \"3\"\nmembers = [{}]\n",
            members.join(", ")
        ),
    )
    .expect("write workspace");
    std::fs::copy(repo_root().join("Cargo.lock"), root.join("Cargo.lock")).expect("copy lock file");
}

/// The target directory every generated workspace of the compile, sweep and cycle tests shares:
/// their dependencies build once.
pub fn generated_target_dir() -> PathBuf {
    repo_root().join("target/fixture-crates/target")
}

/// `cargo clippy --workspace --all-targets -- -D warnings` on a generated workspace, in the shared
/// target directory; `Err` holds what cargo printed.
pub fn clippy_workspace(root: &Path) -> Result<(), String> {
    run_cargo(
        root,
        &generated_target_dir(),
        &[
            "clippy",
            "--offline",
            "--workspace",
            "--all-targets",
            "--quiet",
            "--",
            "-D",
            "warnings",
        ],
        &[],
    )
}

/// `cargo ARGS` in `dir`, built once (`one_shot_build`) in `target` with `envs` set; `Err` holds
/// what cargo printed.
pub fn run_cargo(
    dir: &Path,
    target: &Path,
    args: &[&str],
    envs: &[(&str, &str)],
) -> Result<(), String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let output = one_shot_build(&mut Command::new(cargo))
        .args(args)
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target)
        .envs(envs.iter().copied())
        .output()
        .expect("cargo runs");
    if output.status.success() {
        Ok(())
    } else {
        Err(String::from_utf8_lossy(&output.stderr).into_owned())
    }
}

/// Settings for a workspace that a test generates and builds once: incremental caches and full
/// debug info would only fill the disk (several GB for the large documents), and nothing is
/// rebuilt or debugged there. Line tables keep panic locations readable.
pub fn one_shot_build(command: &mut Command) -> &mut Command {
    command
        .env("CARGO_INCREMENTAL", "0")
        .env("CARGO_PROFILE_DEV_DEBUG", "line-tables-only")
}

/// Builds the `api` test of every crate in the workspace at `root` once, without running it, and
/// returns each one as (package name, executable). `target_dir` overrides cargo's default.
pub fn build_api_tests(root: &Path, target_dir: Option<&Path>) -> Vec<(String, PathBuf)> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let mut command = Command::new(cargo);
    // The whole workspace, as `cargo test --workspace` resolves features: building one package
    // alone unifies them differently and rebuilds its dependencies.
    command
        .args([
            "test",
            "--offline",
            "--workspace",
            "--test",
            "api",
            "--no-run",
        ])
        .arg("--message-format=json")
        .current_dir(root)
        .stderr(Stdio::piped());
    if let Some(dir) = target_dir {
        one_shot_build(command.env("CARGO_TARGET_DIR", dir));
    }
    let output = command.output().expect("cargo runs");
    assert!(
        output.status.success(),
        "building the API tests failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter(|m| m["reason"] == "compiler-artifact" && m["target"]["name"] == "api")
        .filter_map(|m| {
            // `path+file:///.../DIR#0.1.0`, or `...#NAME@0.1.0` when the name is not the DIR's.
            let (path, version) = m["package_id"].as_str()?.rsplit_once('#')?;
            let name = match version.split_once('@') {
                Some((name, _)) => name,
                None => path.rsplit('/').next()?,
            };
            Some((name.to_string(), PathBuf::from(m["executable"].as_str()?)))
        })
        .collect()
}
