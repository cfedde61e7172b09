//! `cargo xtask codegen` as a command: writing, rewriting only on change, `--check`, exit codes.

use std::path::Path;
use std::process::{Command, Output};

fn xtask(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(args)
        .output()
        .expect("xtask runs")
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("repo root")
}

#[test]
fn codegen_writes_checks_and_rewrites_only_on_change() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let out = tmp.path().join("client");
    let spec = root().join("tests/fixtures/constructs/json-body.yaml");
    let (spec, out_s) = (spec.to_str().expect("utf-8"), out.to_str().expect("utf-8"));
    // Every call below generates the same spec into the same directory; only the flags differ.
    let codegen = |extra: &[&str]| {
        let mut args = vec!["codegen", "--spec", spec, "--out", out_s, "--standalone"];
        args.extend_from_slice(extra);
        xtask(&args)
    };

    let first = codegen(&[]);
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    assert!(out.join("src/types.rs").exists() && out.join("Cargo.toml").exists());
    let stamp = std::fs::metadata(out.join("src/types.rs"))
        .and_then(|m| m.modified())
        .expect("mtime");

    let again = codegen(&[]);
    assert!(
        String::from_utf8_lossy(&again.stdout).contains(", 0 rewritten"),
        "{}",
        String::from_utf8_lossy(&again.stdout)
    );
    assert_eq!(
        std::fs::metadata(out.join("src/types.rs"))
            .and_then(|m| m.modified())
            .expect("mtime"),
        stamp,
        "unchanged files are not rewritten"
    );

    let clean = codegen(&["--check"]);
    assert_eq!(clean.status.code(), Some(0));

    // A hand edit and a leftover generated file are both stale; --check reports and keeps them.
    let header = std::fs::read_to_string(out.join("src/types.rs"))
        .expect("read")
        .lines()
        .next()
        .expect("a header")
        .to_string();
    let edited = format!("{header}\n// edited\n");
    std::fs::write(out.join("src/types.rs"), &edited).expect("edit");
    let orphan = format!(
        "// {}\npub fn old() {{}}\n",
        generator::emit::GENERATED_MARK
    );
    std::fs::write(out.join("src/old.rs"), &orphan).expect("orphan");
    let check = codegen(&["--check"]);
    assert_eq!(check.status.code(), Some(1));
    let listed = String::from_utf8_lossy(&check.stderr);
    assert!(
        listed.contains("src/types.rs") && listed.contains("src/old.rs"),
        "{listed}"
    );
    assert_eq!(
        std::fs::read_to_string(out.join("src/types.rs")).expect("read"),
        edited,
        "--check writes nothing"
    );

    let fix = codegen(&[]);
    assert!(fix.status.success());
    assert!(
        !out.join("src/old.rs").exists(),
        "orphaned generated files are removed"
    );
    assert_eq!(codegen(&["--check"]).status.code(), Some(0));

    // A file a person wrote in place of a generated one is never overwritten without --force.
    std::fs::write(out.join("src/lib.rs"), "pub fn mine() {}\n").expect("hand-written");
    let refused = codegen(&[]);
    assert_eq!(refused.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(
        stderr.contains("did not generate and would overwrite: src/lib.rs")
            && stderr.contains("--force"),
        "{stderr}"
    );
    assert_eq!(
        std::fs::read_to_string(out.join("src/lib.rs")).expect("read"),
        "pub fn mine() {}\n"
    );
    assert!(codegen(&["--force"]).status.success());
    assert_eq!(codegen(&["--check"]).status.code(), Some(0));
}

#[test]
fn errors_exit_non_zero_and_name_the_file() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let bad = root().join("tests/fixtures/bad/unknown-ref.yaml");
    let out = xtask(&[
        "codegen",
        "--spec",
        bad.to_str().expect("utf-8"),
        "--out",
        tmp.path().to_str().expect("utf-8"),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("unknown-ref.yaml") && stderr.contains("#/components/schemas/Missing"),
        "{stderr}"
    );
    assert!(
        stderr.starts_with("error: ") && !stderr.contains("error: error:"),
        "one prefix: {stderr}"
    );
    assert!(
        std::fs::read_dir(tmp.path()).expect("dir").next().is_none(),
        "nothing was written"
    );

    let out = xtask(&["codegen", "--bogus"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("--bogus") && stderr.contains("Usage:"),
        "{stderr}"
    );
}

#[test]
fn the_package_name_comes_from_the_output_or_from_name() {
    let spec = root().join("tests/fixtures/constructs/query-params.yaml");
    let spec = spec.to_str().expect("utf-8");
    let tmp = tempfile::tempdir().expect("tempdir");
    let package = |dir: &std::path::Path| {
        let manifest = std::fs::read_to_string(dir.join("Cargo.toml")).expect("manifest");
        manifest
            .lines()
            .find_map(|l| l.strip_prefix("name = "))
            .map(|n| n.trim_matches('"').to_string())
            .expect("a name")
    };
    let dotted = tmp.path().join("api.github.com");
    let out = xtask(&[
        "codegen",
        "--spec",
        spec,
        "--out",
        dotted.to_str().expect("utf-8"),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(package(&dotted), "api-github-com");

    let named = tmp.path().join("Anything");
    let out = xtask(&[
        "codegen",
        "--spec",
        spec,
        "--name",
        "my-client",
        "--out",
        named.to_str().expect("utf-8"),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(package(&named), "my-client");

    let out = xtask(&[
        "codegen",
        "--spec",
        spec,
        "--name",
        "My.Client",
        "--out",
        named.to_str().expect("utf-8"),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("--name: `My.Client` is not a valid package name")
            && stderr.contains("`my-client`"),
        "{stderr}"
    );
}

#[test]
fn several_specs_merge_into_one_crate() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let c = root().join("tests/fixtures/constructs");
    let out = xtask(&[
        "codegen",
        "--spec",
        c.join("query-params.yaml").to_str().expect("utf-8"),
        "--spec",
        c.join("json-body.yaml").to_str().expect("utf-8"),
        "--out",
        tmp.path().to_str().expect("utf-8"),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lib = std::fs::read_to_string(tmp.path().join("src/lib.rs")).expect("lib.rs");
    assert!(
        lib.contains("pub fn events(") && lib.contains("pub fn workspaces("),
        "{lib}"
    );
}

#[test]
fn init_writes_a_starter_config_that_generates() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let spec = tmp.path().join("pets.yaml");
    std::fs::copy(
        root().join("tests/fixtures/constructs/security.yaml"),
        &spec,
    )
    .expect("copy");
    let spec_s = spec.to_str().expect("utf-8");
    let init = xtask(&["init", "--spec", spec_s]);
    assert!(
        init.status.success(),
        "{}",
        String::from_utf8_lossy(&init.stderr)
    );
    let config = tmp.path().join("codegen.toml");
    let text = std::fs::read_to_string(&config).expect("written");
    // What the spec says is filled in: the name, a scheme and the variable from_env would read.
    assert!(text.contains("name = \"pets\""), "{text}");
    assert!(
        text.contains("# [client.auth.bearerAuth]") && text.contains("# env = \"PETS_TOKEN\""),
        "{text}"
    );
    let config_s = config.to_str().expect("utf-8");
    generator::Config::from_toml(&config, &text).expect("the starter parses");
    // Uncommented, every suggested key still parses.
    let uncommented: String = text
        .lines()
        .map(|l| match l.strip_prefix("# ") {
            Some(rest) if rest.starts_with('[') || rest.contains(" = ") => {
                rest.split("   #").next().unwrap_or(rest).to_string()
            }
            _ => l.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n");
    generator::Config::from_toml(&config, &uncommented)
        .unwrap_or_else(|d| panic!("{d}\n{uncommented}"));
    let out = tmp.path().join("out");
    let generated = xtask(&[
        "codegen",
        "--spec",
        spec_s,
        "--config",
        config_s,
        "--out",
        out.to_str().expect("utf-8"),
    ]);
    assert!(
        generated.status.success(),
        "{}",
        String::from_utf8_lossy(&generated.stderr)
    );
    // An existing config is kept unless --force.
    let again = xtask(&["init", "--spec", spec_s]);
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("--force"));
}

const PETS: &str = "openapi: 3.0.3
info: {title: Pets, version: '1'}
servers: [{url: https://pets.example.com}]
paths:
  /pets:
    get:
      operationId: listPets
      responses:
        '200': {description: ok}
  /pets/{id}:
    delete:
      operationId: deletePet
      parameters:
        - {name: id, in: path, required: true, schema: {type: string}}
      responses:
        '204': {description: gone}
";

#[test]
fn a_breaking_change_needs_a_bumped_version_and_the_report_says_which() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let spec = tmp.path().join("pets.yaml");
    let config = tmp.path().join("codegen.toml");
    let out = tmp.path().join("out");
    std::fs::write(&spec, PETS).expect("spec");
    let write_config = |version: &str| {
        std::fs::write(
            &config,
            format!("[crate]\nname = \"pets\"\nversion = \"{version}\"\n"),
        )
        .expect("config")
    };
    write_config("1.3.0");
    let (spec_s, config_s, out_s) = (
        spec.to_str().expect("utf-8"),
        config.to_str().expect("utf-8"),
        out.to_str().expect("utf-8"),
    );
    let codegen = |extra: &[&str]| {
        let mut args = vec![
            "codegen", "--spec", spec_s, "--config", config_s, "--out", out_s,
        ];
        args.extend_from_slice(extra);
        xtask(&args)
    };
    assert!(codegen(&[]).status.success());
    let same = codegen(&[]);
    assert!(
        String::from_utf8_lossy(&same.stdout).contains("Nothing changed.\n\nsemver: none"),
        "{}",
        String::from_utf8_lossy(&same.stdout)
    );

    // The delete operation goes: a major change.
    let cut = PETS.find("  /pets/{id}:").expect("the second path");
    std::fs::write(&spec, &PETS[..cut]).expect("edit");
    let report_file = tmp.path().join("report.md");
    let check = codegen(&["--check", "--report", report_file.to_str().expect("utf-8")]);
    assert_eq!(check.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&check.stderr);
    assert!(
        stderr.contains("not bumped enough after 1.3.0: set [crate] version to 2.0.0 or later"),
        "{stderr}"
    );
    let report = std::fs::read_to_string(&report_file).expect("the report file");
    assert!(
        report.contains("| removed | `client.pets().delete(id)` (`DELETE /pets/{id}`) | major |")
            && report
                .trim_end()
                .ends_with("semver: major (suggested version: 2.0.0, after 1.3.0)"),
        "{report}"
    );

    // Bumped: the guard is satisfied; the tree is still stale until regenerated.
    write_config("2.0.0");
    let check = codegen(&["--check"]);
    assert_eq!(check.status.code(), Some(1));
    assert!(!String::from_utf8_lossy(&check.stderr).contains("not bumped"));
    assert!(codegen(&[]).status.success());
    assert_eq!(codegen(&["--check"]).status.code(), Some(0));
}

#[test]
fn base_compares_with_a_git_revision() {
    // The committed generation at HEAD against a fresh one from the same spec.
    let out = xtask(&["codegen", "--check", "--base", "HEAD"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    if stderr.contains("inside a git repository") {
        println!("skipped: not a git checkout");
        return;
    }
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("## API changes") && stdout.contains("\nsemver: "),
        "{stdout}{stderr}"
    );
    let bad = xtask(&["codegen", "--check", "--base", "no-such-revision"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&bad.stderr).contains("--base `no-such-revision`"),
        "{}",
        String::from_utf8_lossy(&bad.stderr)
    );
}

/// Every file under `dir`, by its path relative to `dir`.
fn tree(dir: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    let mut files = std::collections::BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).expect("read_dir") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let rel = path
                    .strip_prefix(dir)
                    .expect("inside")
                    .display()
                    .to_string();
                files.insert(rel, std::fs::read(&path).expect("read"));
            }
        }
    }
    files
}

fn copy_tree(from: &Path, to: &Path) {
    for (rel, bytes) in tree(from) {
        let target = to.join(rel);
        std::fs::create_dir_all(target.parent().expect("parent")).expect("mkdir");
        std::fs::write(target, bytes).expect("write");
    }
}

#[test]
fn the_same_spec_at_two_paths_gives_the_same_bytes() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let fixture = root().join("tests/fixtures/multifile/split");
    let generate = |spec: &Path, out: &Path| {
        let (spec, out) = (spec.to_str().expect("utf-8"), out.to_str().expect("utf-8"));
        let run = xtask(&[
            "codegen",
            "--spec",
            spec,
            "--out",
            out,
            "--name",
            "pets",
            "--standalone",
        ]);
        assert!(
            run.status.success(),
            "{}",
            String::from_utf8_lossy(&run.stderr)
        );
    };
    // A project with the spec beside the crate, checked out at two depths, named by absolute
    // paths; and a spec somewhere unrelated to its output.
    let layouts = [
        ("a/spec", "a/client"),
        ("b/deeper/checkout/spec", "b/deeper/checkout/client"),
    ];
    let mut crates = Vec::new();
    for (spec, out) in layouts {
        copy_tree(&fixture, &tmp.path().join(spec));
        generate(
            &tmp.path().join(spec).join("openapi.yaml"),
            &tmp.path().join(out),
        );
        crates.push(tree(&tmp.path().join(out)));
    }
    assert_eq!(
        crates[0].keys().collect::<Vec<_>>(),
        crates[1].keys().collect::<Vec<_>>()
    );
    for (name, bytes) in &crates[0] {
        assert!(
            crates[1][name] == *bytes,
            "{name} differs between checkouts:\n{}\n---\n{}",
            String::from_utf8_lossy(bytes),
            String::from_utf8_lossy(&crates[1][name])
        );
    }
    let header = String::from_utf8_lossy(&crates[0]["src/lib.rs"])
        .lines()
        .next()
        .map(str::to_string);
    assert!(
        header
            .as_deref()
            .is_some_and(|h| h.contains("from spec/openapi.yaml.")),
        "{header:?}"
    );

    // Apart from its output, a spec is named by its file name.
    let elsewhere = tmp.path().join("c/out/client");
    generate(
        &tmp.path().join("b/deeper/checkout/spec/openapi.yaml"),
        &elsewhere,
    );
    let lib = std::fs::read_to_string(elsewhere.join("src/lib.rs")).expect("lib.rs");
    let first = lib.lines().next().unwrap_or_default();
    assert!(
        first.contains("from openapi.yaml.") && !first.contains(&*tmp.path().to_string_lossy()),
        "{first}"
    );
}

#[test]
fn strict_turns_warnings_into_errors_and_writes_nothing() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let out = tmp.path().join("client");
    let spec = root().join("tests/fixtures/lenient/security.yaml");
    let (spec, out_s) = (spec.to_str().expect("utf-8"), out.to_str().expect("utf-8"));
    let lenient = xtask(&["codegen", "--spec", spec, "--out", out_s, "--standalone"]);
    let stderr = String::from_utf8_lossy(&lenient.stderr);
    assert!(lenient.status.success(), "{stderr}");
    assert!(
        stderr.contains("warning: ") && stderr.contains("`tokenAuth`"),
        "{stderr}"
    );

    std::fs::remove_dir_all(&out).expect("clean");
    let strict = xtask(&[
        "codegen",
        "--spec",
        spec,
        "--out",
        out_s,
        "--standalone",
        "--strict",
    ]);
    let stderr = String::from_utf8_lossy(&strict.stderr);
    assert_eq!(strict.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("error: ")
            && stderr.contains("security.yaml:14:11")
            && stderr.contains("--strict"),
        "{stderr}"
    );
    assert!(!out.exists(), "--strict wrote the crate");
}
