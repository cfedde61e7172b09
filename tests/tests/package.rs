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

    let (listing, _) = run(&["package", "-p", "anthropic-skills", "--list", "--allow-dirty"]);
    let shipped: Vec<&str> = listing.lines().collect();
    assert!(shipped.contains(&"README.md"), "{shipped:?}");
    // Every Markdown file a shipped source or doc names must be shipped too.
    let crate_dir = workspace().join("generated-client");
    let mut missing = Vec::new();
    for file in shipped.iter().filter(|f| f.ends_with(".rs") || f.ends_with(".md")) {
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
