//! The change report's verdicts, checked against the compiler and against cargo-semver-checks on
//! every spec-change pair of `tests/src/changes.rs`, written both as documents and as pages:
//!
//! 1. the verdict is the one the pair expects;
//! 2. the Stainless trick: the old crate's tests (`tests/api.rs`, every call with every argument)
//!    and its surface test (`tests/surface.rs`, every type, field, constructor and match) compile
//!    against the new crate whenever the verdict is not major;
//! 3. cargo-semver-checks, given both crates' rustdoc JSON, never asks for more than we do.
//!
//! Each crate is built on its own, named `pets` as cargo-semver-checks needs, in one shared target
//! directory. cargo-semver-checks comes from `$CARGO_SEMVER_CHECKS`, `target/semver-checks` (made
//! by `.ci/run`) or `PATH`; without it that part skips with a printed reason, unless
//! `REQUIRE_SEMVER_CHECKS` is set.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use generator::emit::EmitOptions;
use generator::report::{Level, compare};
use generator::{Config, generate_with};
use tests::changes::{self, Form};
use tests::repo_root;

#[test]
fn verdicts_hold_against_the_compiler_and_cargo_semver_checks() {
    let root = repo_root().join("target/compat-crates");
    let _ = std::fs::remove_dir_all(root.join("cases"));
    let target = root.join("target");
    let semver_checks = semver_checks_binary();
    let options = EmitOptions {
        surface_test: true,
        standalone: true,
        ..EmitOptions::default()
    };
    let config = Config::minimal("pets");
    let cases = changes::cases();
    let mut rows = Vec::new();
    let mut failures = Vec::new();
    // Where the time goes: the Stainless trick's builds, rustdoc JSON, cargo-semver-checks.
    let (mut building, mut rustdoc, mut judging) = (Duration::ZERO, Duration::ZERO, Duration::ZERO);
    let started = Instant::now();
    for form in [Form::Document, Form::Pages] {
        let base = generate_with(&config, &changes::base(form), &options)
            .unwrap_or_else(|d| panic!("{}: {d}", form.slug()))
            .files;
        let base_dir = root.join("cases").join(format!("{}-base", form.slug()));
        write_crate(&base_dir, &base);
        // The old code builds against its own crate, or the trick proves nothing.
        if let Err(e) = cargo(&base_dir, &target, &["check", "--tests"]) {
            panic!(
                "{}: the base crate's own tests do not build:\n{e}",
                form.slug()
            );
        }
        let base_json = semver_checks.as_ref().map(|_| {
            rustdoc_json(
                &base_dir,
                &target,
                &root.join("json"),
                &format!("{}-base", form.slug()),
            )
        });
        let old_tests: BTreeMap<&String, &String> = base
            .iter()
            .filter(|(rel, _)| rel.starts_with("tests/"))
            .collect();
        for case in cases.iter().filter(|c| c.form == form) {
            let slug = case.slug();
            let after = generate_with(&config, &case.after, &options)
                .unwrap_or_else(|d| panic!("{slug}: {d}"))
                .files;
            let other = after
                .iter()
                .any(|(rel, text)| rel != "API.md" && base.get(rel) != Some(text));
            let ours = compare(&base["API.md"], &after["API.md"], other).verdict();
            if ours != case.level {
                failures.push(format!("{slug}: verdict {ours}, expected {}", case.level));
            }
            let dir = root.join("cases").join(&slug);
            write_crate(&dir, &after);
            let theirs = match (&semver_checks, &base_json) {
                (Some(bin), Some(old)) => {
                    let clock = Instant::now();
                    let new = rustdoc_json(&dir, &target, &root.join("json"), &slug);
                    rustdoc += clock.elapsed();
                    let clock = Instant::now();
                    let verdict = semver_checks_verdict(bin, old, &new, &slug);
                    judging += clock.elapsed();
                    Some(verdict)
                }
                _ => None,
            };
            // The new crate's own tests give way to the old crate's.
            std::fs::remove_dir_all(dir.join("tests")).expect("remove the new tests");
            for (rel, text) in &old_tests {
                write_file(&dir.join(rel), text);
            }
            let clock = Instant::now();
            let builds = cargo(&dir, &target, &["check", "--tests"]);
            building += clock.elapsed();
            if ours < Level::Major
                && let Err(e) = &builds
            {
                failures.push(format!(
                    "{slug}: verdict {ours}, but the old crate's tests do not build against the new one:\n{e}"
                ));
            }
            if builds.is_ok() != case.old_code_builds {
                failures.push(format!(
                    "{slug}: the old code {} against the new crate, the case expects it {}",
                    if builds.is_ok() {
                        "builds"
                    } else {
                        "does not build"
                    },
                    if case.old_code_builds { "to" } else { "not to" }
                ));
            }
            if let Some(theirs) = theirs
                && theirs > ours
            {
                failures.push(format!(
                    "{slug}: cargo-semver-checks says {theirs}, we say {ours}"
                ));
            }
            rows.push((slug, ours, builds.is_ok(), theirs));
        }
    }
    print_table(&rows);
    println!(
        "time: {:.0?} in all (the first build compiles the dependencies); old code against new \
         crates {building:.0?}, rustdoc JSON {rustdoc:.0?}, cargo-semver-checks {judging:.1?}",
        started.elapsed()
    );
    assert!(rows.len() >= 40, "{} pairs", rows.len());
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

fn print_table(rows: &[(String, Level, bool, Option<Level>)]) {
    println!("| pair | ours | old code builds | cargo-semver-checks |");
    println!("|---|---|---|---|");
    for (slug, ours, builds, theirs) in rows {
        let theirs = theirs.map_or("skipped".to_string(), |l| l.to_string());
        println!(
            "| {slug} | {ours} | {} | {theirs} |",
            if *builds { "yes" } else { "no" }
        );
    }
    let judged: Vec<_> = rows.iter().filter_map(|r| r.3.map(|t| (r.1, t))).collect();
    let not_major: Vec<_> = rows.iter().filter(|r| r.1 < Level::Major).collect();
    println!(
        "{} pairs. Not major: {}, old code builds for {}. Major: {}, old code fails to build for {}. \
         cargo-semver-checks judged {}: same verdict {}, milder {}, stricter {}",
        rows.len(),
        not_major.len(),
        not_major.iter().filter(|r| r.2).count(),
        rows.len() - not_major.len(),
        rows.iter().filter(|r| r.1 == Level::Major && !r.2).count(),
        judged.len(),
        judged.iter().filter(|(o, t)| o == t).count(),
        judged.iter().filter(|(o, t)| t < o).count(),
        judged.iter().filter(|(o, t)| t > o).count(),
    );
}

fn write_file(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().expect("has a parent")).expect("create dir");
    std::fs::write(path, text).expect("write file");
}

fn write_crate(dir: &Path, files: &BTreeMap<String, String>) {
    let _ = std::fs::remove_dir_all(dir);
    tests::write_crate(dir, files);
    std::fs::copy(repo_root().join("Cargo.lock"), dir.join("Cargo.lock")).expect("copy lock file");
}

/// Runs cargo in a crate of its own, in the shared target directory. Every build here carries the
/// same environment as the rustdoc JSON build, so that neither rebuilds what the other built.
fn cargo(dir: &Path, target: &Path, args: &[&str]) -> Result<(), String> {
    let args = [args, &["--offline", "--quiet"]].concat();
    tests::run_cargo(
        dir,
        target,
        &args,
        &[
            ("RUSTC_BOOTSTRAP", "1"),
            (
                "RUSTDOCFLAGS",
                "-Z unstable-options --output-format json -D warnings",
            ),
        ],
    )
}

/// The crate's rustdoc JSON, the input cargo-semver-checks reads, copied out as `<name>.json`.
fn rustdoc_json(dir: &Path, target: &Path, out: &Path, name: &str) -> PathBuf {
    if let Err(e) = cargo(dir, target, &["doc", "--no-deps"]) {
        panic!("{name}: rustdoc JSON:\n{e}");
    }
    std::fs::create_dir_all(out).expect("create json dir");
    let json = out.join(format!("{name}.json"));
    std::fs::copy(target.join("doc/pets.json"), &json).expect("copy rustdoc JSON");
    json
}

fn semver_checks_binary() -> Option<PathBuf> {
    let candidates = [
        std::env::var_os("CARGO_SEMVER_CHECKS").map(PathBuf::from),
        Some(repo_root().join("target/semver-checks/bin/cargo-semver-checks")),
        Some(PathBuf::from("cargo-semver-checks")),
    ];
    for bin in candidates.into_iter().flatten() {
        let runs = Command::new(&bin)
            .args(["semver-checks", "--version"])
            .output()
            .is_ok_and(|o| o.status.success());
        if runs {
            return Some(bin);
        }
    }
    assert!(
        std::env::var_os("REQUIRE_SEMVER_CHECKS").is_none(),
        "REQUIRE_SEMVER_CHECKS is set, but cargo-semver-checks is not installed"
    );
    println!(
        "skipping the cargo-semver-checks comparison: cargo-semver-checks is not installed \
         (set CARGO_SEMVER_CHECKS, or run .ci/run)"
    );
    None
}

/// What cargo-semver-checks says the change from `old` to `new` needs, from its summary line.
fn semver_checks_verdict(bin: &Path, old: &Path, new: &Path, name: &str) -> Level {
    let output = Command::new(bin)
        .args(["semver-checks", "--color", "never", "--baseline-rustdoc"])
        .arg(old)
        .arg("--current-rustdoc")
        .arg(new)
        .output()
        .expect("cargo-semver-checks runs");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    let summary = text
        .lines()
        .find(|l| l.trim_start().starts_with("Summary"))
        .unwrap_or_else(|| panic!("{name}: no summary from cargo-semver-checks:\n{text}"));
    if summary.contains("no semver update required") {
        Level::None
    } else if summary.contains("new major version") {
        Level::Major
    } else if summary.contains("new minor version") {
        Level::Minor
    } else {
        panic!("{name}: an unknown summary from cargo-semver-checks: {summary}");
    }
}
