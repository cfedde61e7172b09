//! Every generated operation against Prism, the mock server the official SDKs test with
//! (REFERENCE.md §6).
//!
//! For each crate below: generate it with its `tests/api.rs`, write the document Prism reads with
//! `generator::openapi_document` (what `cargo xtask openapi` writes), then run the crate's API tests
//! against `prism mock` once in static mode (the documented examples) and several times in dynamic
//! mode (`-d`, random data). A request Prism flags fails its test with Prism's violation text. A
//! Prism that dies fails the run with the tail of its log; nothing waits without a deadline.
//!
//! The same tests then run once against Steady, the mock server the SDKs moved to (REFERENCE.md
//! §8). Steady flags a request that breaks the document as Prism does, but has no `Prefer: code`:
//! it answers every valid request with the documented success, so the error-status calls of a
//! test are counted as Steady's limit (`mock-limit:` lines) once the request passed its checks.
//!
//! Prism comes from npm (`@stainless-api/prism-cli`, installed by `.ci/run` under
//! `target/prism`); elsewhere set `PRISM` to its executable. Without it the test skips, unless
//! `REQUIRE_PRISM` is set. Steady (`@stdy/cli`, under `target/steady`, or `STEADY`) likewise, with
//! `REQUIRE_STEADY`.

use std::io::Read;
use std::net::{TcpListener, TcpStream};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command};
use std::time::{Duration, Instant};

use generator::emit::EmitOptions;
use generator::{Config, ExportOptions, SpecSource, generate_with, openapi_document};
use tests::{corpus_dir, read_sources, repo_root, spec_config};

/// Dynamic mode draws new random data on each run.
const DYNAMIC_RUNS: usize = 3;
const PRISM_START: Duration = Duration::from_secs(90);
const TEST_RUN: Duration = Duration::from_secs(600);

struct Target {
    /// Tests left out of static mode, each with the reason.
    static_skips: Vec<(&'static str, &'static str)>,
    /// Tests left out against Prism in either mode (Steady runs them), each with the reason.
    prism_skips: Vec<(&'static str, &'static str)>,
    /// Tests left out against Steady, each with the reason.
    steady_skips: Vec<(&'static str, &'static str)>,
    /// A fixed query (e.g. `beta=true`) whose operations share a route and method with plain
    /// ones. A standard document holds only one of each pair, so those tests run against a second
    /// Prism whose document keeps the other.
    variant: Option<String>,
    name: String,
    config: Config,
    sources: Vec<SpecSource>,
}

fn steady() -> Option<PathBuf> {
    let path = std::env::var_os("STEADY")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo_root().join("target/steady/node_modules/.bin/steady"));
    if path.exists() {
        Some(path)
    } else if std::env::var_os("REQUIRE_STEADY").is_some() {
        panic!(
            "REQUIRE_STEADY is set but {} does not exist",
            path.display()
        );
    } else {
        println!(
            "skipped Steady: none at {} (set STEADY, or run .ci/run)",
            path.display()
        );
        None
    }
}

fn prism() -> Option<PathBuf> {
    let path = std::env::var_os("PRISM")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo_root().join("target/prism/node_modules/.bin/prism"));
    if path.exists() {
        Some(path)
    } else if std::env::var_os("REQUIRE_PRISM").is_some() {
        panic!("REQUIRE_PRISM is set but {} does not exist", path.display());
    } else {
        println!(
            "skipped: no Prism at {} (set PRISM, or run .ci/run)",
            path.display()
        );
        None
    }
}

/// The project's Anthropic settings (API key and version headers) under another crate name.
fn anthropic_config(name: &str) -> Config {
    let mut config = spec_config();
    config.krate.name = name.to_string();
    config.krate.dev_dependencies.clear();
    config
}

fn targets(corpus: &Path) -> Vec<Target> {
    let mut out = vec![Target {
        static_skips: Vec::new(),
        prism_skips: Vec::new(),
        steady_skips: Vec::new(),
        variant: None,
        // The same crate as generated-client/ (the freshness test keeps them equal).
        name: "anthropic-skills".into(),
        config: spec_config(),
        sources: read_sources(&repo_root().join("spec")),
    }];
    let target = |name: &str, config: Config, sources: Vec<SpecSource>| Target {
        static_skips: Vec::new(),
        prism_skips: Vec::new(),
        steady_skips: Vec::new(),
        variant: None,
        name: name.into(),
        config,
        sources,
    };
    out.push(target(
        "claude-api-pages",
        anthropic_config("claude-api-pages"),
        tests::claude_pages(corpus),
    ));
    // Static mode answers the three prompt-tools operations with their published examples, whose
    // `usage` is a list of objects that lack the schema's required token counts: the pages
    // contradict themselves, Prism does not flag it, and no typed client can decode it. Dynamic
    // mode covers them.
    if let Some(t) = out.last_mut() {
        let why = "the published example's `usage` lacks the schema's required token counts";
        t.static_skips = vec![
            ("experimental_generate_prompt", why),
            ("experimental_improve_prompt", why),
            ("experimental_templatize_prompt", why),
        ];
    }
    out.push(target(
        "claude-admin-pages",
        anthropic_config("claude-admin-pages"),
        read_sources(&corpus.join("mintlify/anthropic/admin-api")),
    ));
    // Keys beta routes as `/v1/messages?beta=true`, some beside the plain `/v1/messages`.
    out.push(Target {
        variant: Some("beta=true".into()),
        ..target(
            "anthropic-api",
            tests::anthropic_api_config(),
            read_sources(&corpus.join(tests::ANTHROPIC_DOCUMENT)),
        )
    });
    for (name, file) in [
        // Not propolis-server: GET /instance/serial upgrades to a WebSocket; Prism answers 406.
        ("oai-uspto", "openapi/small/oai-examples-v3.0/uspto.json"),
        (
            "oai-petstore-expanded",
            "openapi/small/oai-examples-v3.0/petstore-expanded.json",
        ),
        ("oxide-buildomat", "openapi/progenitor/buildomat.json"),
        // Security schemes: OAuth 2 and an API key header; bearer.
        (
            "swagger-petstore-v3",
            "openapi/small/swagger-petstore-v3-openapi.yaml",
        ),
        ("oxide-keeper", "openapi/progenitor/keeper.json"),
    ] {
        out.push(target(
            name,
            Config::minimal(name),
            read_sources(&corpus.join(file)),
        ));
    }
    // Errors only in `application/problem+json`, from a shared response, under `default` and a
    // numbered status: Prism picks the media type by `Accept`.
    out.push(target(
        "problem-json",
        Config::minimal("problem-json"),
        read_sources(&tests::fixtures().join("constructs/problem-json.yaml")),
    ));
    // Samples that a validating server takes: patterns with lengths and lookahead, a tag map's
    // `minProperties`, a property typed in one `allOf` member, a declared `Accept` enum.
    out.push(target(
        "request-samples",
        Config::minimal("request-samples"),
        read_sources(&tests::fixtures().join("constructs/request-samples.yaml")),
    ));
    // Prism reads the fields of a form by name without the schema: a list of files (`file`
    // twice, or `file[]`) in a multipart form, or a list of one item in a urlencoded one, is a
    // single field to it, never the array the schema asks for. It also builds a form's object
    // from the fields the schema defines, so a required field the schema does not define (Box's
    // `grant_type`) is missing to it however it is sent. Steady reads all three right.
    if let Some(t) = out.last_mut() {
        t.prism_skips = vec![
            (
                "groups_attachments_create",
                "Prism cannot read a multipart list of files as an array",
            ),
            (
                "groups_invites_create",
                "Prism reads a urlencoded list of one item as a single value",
            ),
            (
                "groups_tokens_revoke",
                "Prism drops a form field that the schema requires but does not define",
            ),
        ];
        // Every multipart part is text; Steady reads a number part as a number in a plain
        // object's form, but not in the member a discriminator picks (`E3008 Expected type
        // number, got string` for `volume=2.5`).
        t.steady_skips = vec![
            (
                "groups_sorted",
                "the document declares `form` and its description shows brackets; Steady holds \
                 to the declaration, the client to the description",
            ),
            (
                "groups_menu",
                "Steady does not read a multipart number part as a number in a discriminated union",
            ),
        ];
    }
    // One list per paging convention: each generated test walks up to two pages.
    out.push(target(
        "paging-conventions",
        Config::minimal("paging-conventions"),
        read_sources(&tests::fixtures().join("constructs/paging-conventions.yaml")),
    ));
    out
}

#[test]
fn every_operation_passes_against_prism() {
    let Some(prism) = prism() else { return };
    let Some(corpus) = corpus_dir() else { return };
    let steady = steady();
    let root = repo_root().join("target/prism-crates");
    let _ = std::fs::remove_dir_all(root.join("crates"));
    let mut targets = targets(&corpus);
    // For working on one crate: PRISM_TARGETS=anthropic-api,oai-uspto.
    if let Ok(only) = std::env::var("PRISM_TARGETS") {
        targets.retain(|t| only.split(',').any(|n| n.trim() == t.name));
        println!(
            "PRISM_TARGETS={only}: running {} of the targets",
            targets.len()
        );
    }
    // Each target's documents and test selections, exported once.
    let all_views: Vec<Vec<View>> = targets.iter().map(views).collect();
    for (t, views) in targets.iter().zip(&all_views) {
        let dir = root.join("crates").join(&t.name);
        let krate = generate_with(&t.config, &t.sources, &EmitOptions::default())
            .unwrap_or_else(|d| panic!("{}: {d}", t.name));
        tests::write_crate(&dir, &krate.files);
        for view in views {
            std::fs::write(dir.join(view.document), &view.text).expect("write document");
        }
    }
    let members: Vec<String> = targets.iter().map(|t| t.name.clone()).collect();
    tests::write_workspace(&root, &members);

    let binaries = tests::build_api_tests(&root, Some(&root.join("target")));
    let mut report = Vec::new();
    let mut failures = Vec::new();
    let mut limits: Vec<String> = Vec::new();
    let mut skipped: Vec<String> = Vec::new();
    for (t, views) in targets.iter().zip(&all_views) {
        let dir = root.join("crates").join(&t.name);
        let binary = binaries
            .iter()
            .find(|(package, _)| package == &t.name)
            .map(|(_, path)| path.clone())
            .unwrap_or_else(|| panic!("{}: no API test binary was built", t.name));
        let total = count_tests(&binary);
        let mut line = format!("{:<22} {total:>3} operations:", t.name);
        let mut modes = vec![("static", 1, &prism), ("dynamic", DYNAMIC_RUNS, &prism)];
        if let Some(steady) = &steady {
            modes.push(("steady", 1, steady));
        }
        for (mode, runs, executable) in modes {
            let started = Instant::now();
            let mut passed = vec![0; runs];
            let mut notes = vec![0; runs];
            let mut mock_limits = 0;
            for view in views {
                let document = dir.join(view.document);
                let server = Mock::start(executable, &document, &t.name, mode);
                let mut filter = view.filter.clone();
                // Steady, too, answers with the documented example when there is one.
                if mode == "static" || mode == "steady" {
                    for (test, why) in &t.static_skips {
                        filter.extend(["--skip".to_string(), test.to_string()]);
                        skipped.push(format!("{} {test} ({mode}): {why}", t.name));
                    }
                }
                let skips = if mode == "steady" {
                    &t.steady_skips
                } else {
                    &t.prism_skips
                };
                for (test, why) in skips {
                    filter.extend(["--skip".to_string(), test.to_string()]);
                    skipped.push(format!("{} {test} ({mode}): {why}", t.name));
                }
                for run in 0..runs {
                    let outcome = run_tests(&binary, &server, &filter);
                    let label = format!("{} ({mode}, {}, run {})", t.name, view.document, run + 1);
                    if let Some(death) = server.died() {
                        failures.push(format!("{label}: {death}"));
                    }
                    passed[run] += outcome.passed;
                    notes[run] += outcome.spec_notes;
                    mock_limits += outcome.mock_limits;
                    for limit in outcome.prism_limits {
                        if !limits.contains(&limit) {
                            limits.push(limit);
                        }
                    }
                    if !outcome.ok {
                        failures.push(format!("{label}:\n{}", outcome.output));
                    }
                }
            }
            let join = |v: &[usize]| v.iter().map(usize::to_string).collect::<Vec<_>>().join("/");
            line.push_str(&format!(
                " {mode} {} of {total} passed, {} calls met a spec example that breaks its schema{} ({:.1} s);",
                join(&passed),
                join(&notes),
                if mode == "steady" {
                    format!(", {mock_limits} error-status calls it cannot answer")
                } else {
                    String::new()
                },
                started.elapsed().as_secs_f64()
            ));
        }
        println!("{line}");
        report.push(line);
    }
    for limit in &limits {
        println!("mock server limitation: {limit}");
    }
    for skip in &skipped {
        println!("skipped: {skip}");
    }
    assert!(
        failures.is_empty(),
        "{} failing runs:\n\n{}\n\nsummary:\n{}",
        failures.len(),
        failures.join("\n\n"),
        report.join("\n")
    );
}

/// One document Prism serves, and the tests that run against it.
struct View {
    document: &'static str,
    /// The exported document.
    text: String,
    /// Test-binary arguments that select the tests.
    filter: Vec<String>,
}

fn export(t: &Target, prefer_query: Option<&str>) -> generator::Export {
    let options = ExportOptions {
        prefer_query: prefer_query.map(str::to_string),
    };
    openapi_document(&t.config, &t.sources, &options).unwrap_or_else(|d| panic!("{}: {d}", t.name))
}

/// The plain document serves every test but those of operations it cannot hold; a target with a
/// variant adds a second document that holds those, and runs only their tests.
fn views(t: &Target) -> Vec<View> {
    let plain = export(t, None);
    let Some(variant) = &t.variant else {
        return vec![View {
            document: "openapi.json",
            text: plain.document,
            filter: Vec::new(),
        }];
    };
    let api = generator::lower_sources(&t.config, &t.sources)
        .unwrap_or_else(|d| panic!("{}: {d}", t.name));
    let names = generator::emit::test_names(&api.operations);
    let moved: Vec<String> = api
        .operations
        .iter()
        .zip(names)
        .filter(|(op, _)| {
            plain
                .omitted
                .contains(&format!("{} {}", op.method.as_str(), op.path_key()))
        })
        .map(|(_, name)| name)
        .collect();
    assert_eq!(
        moved.len(),
        plain.omitted.len(),
        "{}: {:?}",
        t.name,
        plain.omitted
    );
    let mut skip = vec!["--exact".to_string()];
    for name in &moved {
        skip.extend(["--skip".to_string(), name.clone()]);
    }
    let mut only = vec!["--exact".to_string()];
    only.extend(moved);
    vec![
        View {
            document: "openapi.json",
            text: plain.document,
            filter: skip,
        },
        View {
            document: "openapi-variant.json",
            text: export(t, Some(variant)).document,
            filter: only,
        },
    ]
}

fn count_tests(binary: &Path) -> usize {
    let output = Command::new(binary)
        .args(["--list", "--format", "terse"])
        .output()
        .expect("test binary runs");
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter(|l| l.ends_with(": test"))
        .count()
}

struct Outcome {
    ok: bool,
    passed: usize,
    /// Operations that met a documented example breaking its own schema (`spec-note:` lines).
    spec_notes: usize,
    /// Calls Prism itself could not answer (`prism-limit:` lines), each with Prism's message.
    prism_limits: Vec<String>,
    /// Error-status calls Steady cannot answer (`mock-limit:` lines).
    mock_limits: usize,
    output: String,
}

fn run_tests(binary: &Path, server: &Mock, filter: &[String]) -> Outcome {
    // The output goes to a file: a run against Steady prints a line per error-status call, more
    // than a pipe holds before the writer blocks.
    let log = server.log.with_extension("tests.log");
    let file = std::fs::File::create(&log).expect("test log");
    let mut child = Command::new(binary)
        .args(["--test-threads", "4", "--nocapture"])
        .args(filter)
        .env(
            "TEST_API_BASE_URL",
            format!("http://127.0.0.1:{}", server.port),
        )
        .stdout(file.try_clone().expect("test log"))
        .stderr(file)
        .spawn()
        .expect("test binary runs");
    let status = wait_with_deadline(&mut child, TEST_RUN);
    let mut output = String::new();
    if let Ok(mut file) = std::fs::File::open(&log) {
        let _ = file.read_to_string(&mut output);
    }
    let passed = output
        .lines()
        .filter(|l| l.starts_with("test ") && l.ends_with(" ... ok"))
        .count();
    let noted: std::collections::BTreeSet<&str> = output
        .lines()
        .filter_map(|l| l.strip_prefix("spec-note: "))
        .filter_map(|l| l.split(" (").next())
        .collect();
    let spec_notes = noted.len();
    let prism_limits: Vec<String> = output
        .lines()
        .filter_map(|l| {
            l.strip_prefix("prism-limit: ")
                .or_else(|| l.strip_prefix("steady-limit: "))
        })
        .map(str::to_string)
        .collect();
    let mock_limits = output
        .lines()
        .filter(|l| l.starts_with("mock-limit: "))
        .count();
    match status {
        Some(s) => Outcome {
            ok: s.success(),
            passed,
            spec_notes,
            prism_limits,
            mock_limits,
            output,
        },
        None => Outcome {
            ok: false,
            passed,
            spec_notes,
            prism_limits,
            mock_limits,
            output: format!("timed out after {TEST_RUN:?}\n{output}"),
        },
    }
}

/// Waits for the child, killing it at the deadline.
fn wait_with_deadline(child: &mut Child, deadline: Duration) -> Option<std::process::ExitStatus> {
    let until = Instant::now() + deadline;
    loop {
        if let Ok(Some(status)) = child.try_wait() {
            return Some(status);
        }
        if Instant::now() > until {
            let _ = child.kill();
            let _ = child.wait();
            return None;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// A running mock server (`prism mock`, static or dynamic, or Steady), killed on drop.
struct Mock {
    child: std::cell::RefCell<Child>,
    port: u16,
    log: PathBuf,
}

impl Mock {
    fn start(executable: &Path, document: &Path, name: &str, mode: &str) -> Mock {
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("free port")
            .port();
        let log = document.with_extension(format!("{mode}.log"));
        let file = std::fs::File::create(&log).expect("log file");
        let mut args: Vec<String> = match mode {
            "steady" => vec!["-q".into()],
            _ => vec!["mock".into()],
        };
        args.extend([
            "--host".into(),
            "127.0.0.1".into(),
            "-p".into(),
            port.to_string(),
        ]);
        if mode == "dynamic" {
            args.push("-d".into());
        }
        args.push(document.display().to_string());
        // Its own process group: Steady's npm launcher starts the server as a child, which
        // killing the launcher alone would leave running.
        let child = Command::new(executable)
            .process_group(0)
            .args(&args)
            .stdout(file.try_clone().expect("log file"))
            .stderr(file)
            .spawn()
            .unwrap_or_else(|e| panic!("{name}: cannot start {}: {e}", executable.display()));
        let server = Mock {
            child: std::cell::RefCell::new(child),
            port,
            log,
        };
        let until = Instant::now() + PRISM_START;
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            if let Some(death) = server.died() {
                panic!("{name}: the mock server ({mode}) did not start: {death}");
            }
            assert!(
                Instant::now() < until,
                "{name}: the mock server ({mode}) did not listen within {PRISM_START:?}:\n{}",
                server.log_tail()
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        server
    }

    /// `Some` with the exit status and the log's tail when the server is no longer running.
    fn died(&self) -> Option<String> {
        let status = self.child.borrow_mut().try_wait().ok().flatten()?;
        Some(format!(
            "the mock server exited ({status}); the end of its log:\n{}",
            self.log_tail()
        ))
    }

    fn log_tail(&self) -> String {
        let text = std::fs::read_to_string(&self.log).unwrap_or_default();
        let lines: Vec<&str> = text.lines().collect();
        lines[lines.len().saturating_sub(30)..].join("\n")
    }
}

impl Drop for Mock {
    fn drop(&mut self) {
        let child = self.child.get_mut();
        let _ = Command::new("kill")
            .args(["-KILL", "--", &format!("-{}", child.id())])
            .status();
        let _ = child.kill();
        let _ = child.wait();
    }
}
