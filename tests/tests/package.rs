//! The generated client is a crate one can publish: `cargo package` has nothing to warn about, and
//! what it ships never cites a file it does not ship.

use std::path::Path;
use std::process::Command;

fn workspace() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ sits in the workspace")
}

#[test]
fn cargo_package_is_warning_free_and_ships_what_its_docs_cite() {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let run = |args: &[&str]| {
        let out = Command::new(&cargo)
            .args(args)
            .current_dir(workspace())
            .output()
            .expect("cargo runs");
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        assert!(out.status.success(), "cargo {args:?} failed:\n{stderr}");
        (String::from_utf8_lossy(&out.stdout).into_owned(), stderr)
    };
    // --no-verify: the crate's build is checked by the rest of the suite; this is the manifest.
    let (_, stderr) = run(&[
        "package",
        "-p",
        "anthropic-skills",
        "--no-verify",
        "--allow-dirty",
    ]);
    let warnings: Vec<&str> = stderr.lines().filter(|l| l.contains("warning")).collect();
    assert!(warnings.is_empty(), "cargo package warns:\n{stderr}");

    let (listing, _) = run(&[
        "package",
        "-p",
        "anthropic-skills",
        "--list",
        "--allow-dirty",
    ]);
    let shipped: Vec<&str> = listing.lines().collect();
    assert!(shipped.contains(&"README.md"), "{shipped:?}");
    // Every Markdown file a shipped source or doc names must be shipped too.
    let crate_dir = workspace().join("generated-client");
    let mut missing = Vec::new();
    for file in shipped
        .iter()
        .filter(|f| f.ends_with(".rs") || f.ends_with(".md"))
    {
        let Ok(text) = std::fs::read_to_string(crate_dir.join(file)) else {
            continue;
        };
        for word in text.split(|c: char| c.is_whitespace() || "()[]`,;:'\"".contains(c)) {
            let cited = word.trim_end_matches('.');
            if cited.ends_with(".md")
                && cited.chars().next().is_some_and(|c| c.is_ascii_uppercase())
                && !shipped.contains(&cited)
                && !cited.contains('/')
                // The skill format's own root file, named in upload rules and tests.
                && cited != "SKILL.md"
            {
                missing.push(format!("{file} cites {cited}"));
            }
        }
    }
    assert!(missing.is_empty(), "{missing:#?}");
}

/// The target triple of the toolchain running the tests, from `rustc -vV`.
fn host_triple() -> String {
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into());
    let out = Command::new(rustc)
        .arg("-vV")
        .output()
        .expect("rustc -vV runs");
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .find_map(|l| l.strip_prefix("host: "))
        .map(str::to_string)
        .expect("rustc -vV names the host")
}

/// The generated crate's `rust-version` is no lower than any dependency it builds with declares.
/// (The machine has one toolchain, so the language side, let chains since 1.88, is not built
/// with an older compiler here.)
#[test]
fn rust_version_covers_every_dependency() {
    let manifest =
        std::fs::read_to_string(workspace().join("generated-client/Cargo.toml")).expect("manifest");
    let declared = manifest
        .lines()
        .find_map(|l| l.strip_prefix("rust-version = "))
        .map(|v| v.trim_matches('"').to_string())
        .expect("the manifest declares rust-version");
    assert_eq!(declared, generator::lower::package::RUNTIME_MSRV);
    let version = |v: &str| -> Vec<u32> { v.split('.').map(|p| p.parse().unwrap_or(0)).collect() };
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    // Only the host's packages: a fresh cache holds no Windows-only crates, and `--offline`
    // metadata for every platform would need them.
    let host = host_triple();
    let out = Command::new(&cargo)
        .args(["metadata", "--format-version", "1", "--offline"])
        .args(["--filter-platform", &host])
        .current_dir(workspace())
        .output()
        .expect("cargo metadata runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let meta: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let packages: std::collections::HashMap<&str, &serde_json::Value> = meta["packages"]
        .as_array()
        .expect("packages")
        .iter()
        .map(|p| (p["id"].as_str().expect("id"), p))
        .collect();
    let nodes: std::collections::HashMap<&str, &serde_json::Value> = meta["resolve"]["nodes"]
        .as_array()
        .expect("nodes")
        .iter()
        .map(|n| (n["id"].as_str().expect("id"), n))
        .collect();
    let root = packages
        .iter()
        .find(|(_, p)| p["name"] == "anthropic-skills")
        .map(|(id, _)| *id)
        .expect("the generated crate");
    // What the crate builds with: normal and build dependencies, transitively.
    let mut seen = std::collections::HashSet::new();
    let mut stack = vec![root];
    while let Some(id) = stack.pop() {
        if !seen.insert(id) {
            continue;
        }
        for dep in nodes[id]["deps"].as_array().expect("deps") {
            let builds = dep["dep_kinds"]
                .as_array()
                .expect("kinds")
                .iter()
                .any(|k| k["kind"].is_null() || k["kind"] == "build");
            if builds {
                stack.push(dep["pkg"].as_str().expect("pkg"));
            }
        }
    }
    assert!(seen.len() > 50, "the dependency walk found {}", seen.len());
    let newer: Vec<String> = seen
        .iter()
        .filter_map(|id| {
            let p = packages[id];
            let v = p["rust_version"].as_str()?;
            (version(v) > version(&declared)).then(|| format!("{} {v}", p["name"]))
        })
        .collect();
    assert!(
        newer.is_empty(),
        "dependencies need a newer Rust than rust-version {declared}: {newer:?}"
    );
}
