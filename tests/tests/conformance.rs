//! Conformance with the official Python SDK of the seed's era (anthropic==0.100.0): the same skill
//! directory sent by both to one recording server on 127.0.0.1 gives the same normalized request.
//!
//! `.ci/run` installs the SDK into `target/sdk-venv`; elsewhere set `SDK_PYTHON` to a Python that
//! has it, or the test is skipped with the reason printed.
//!
//! Intentional differences, normalized away here and asserted separately:
//! - part order: we sort by name (reproducible uploads); the SDK keeps the filesystem's order;
//! - `anthropic-beta`: we send each beta once; the SDK doubles `skills-2025-10-02`;
//! - `?beta=true`: an SDK habit that is not in the spec; we do not send it.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::time::Duration;

use anthropic_skills::{Client, FilePart};
use serde_json::json;
use tests::repo_root;
use tests::server::{Recorded, RecordingServer, Reply};

fn sdk_python() -> Option<PathBuf> {
    let python = std::env::var_os("SDK_PYTHON")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo_root().join("target/sdk-venv/bin/python"));
    if python.exists() {
        Some(python)
    } else if std::env::var_os("REQUIRE_SDK").is_some() {
        panic!("REQUIRE_SDK is set but {} does not exist", python.display());
    } else {
        println!(
            "skipped: no Python with anthropic==0.100.0 at {} (set SDK_PYTHON, or run .ci/run)",
            python.display()
        );
        None
    }
}

fn skill_tree() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().expect("tempdir");
    let root = tmp.path().join("conf-skill");
    for dir in ["scripts/helpers", "assets"] {
        std::fs::create_dir_all(root.join(dir)).expect("mkdir");
    }
    std::fs::write(
        root.join("SKILL.md"),
        "---\nname: conf\n---\n# Conformance\n",
    )
    .expect("write");
    std::fs::write(root.join("scripts/run.py"), "print('run')\n").expect("write");
    std::fs::write(root.join("scripts/helpers/util.py"), "def f(): pass\n").expect("write");
    std::fs::write(root.join("assets/empty.txt"), "").expect("write");
    std::fs::write(
        root.join("assets/logo.bin"),
        (0u8..=255).cycle().take(5000).collect::<Vec<u8>>(),
    )
    .expect("write");
    std::fs::write(root.join("assets/r\u{e9}sum\u{e9}.md"), "accents\n").expect("write");
    tmp
}

#[derive(Debug, PartialEq, Eq)]
struct Normalized {
    method: String,
    path: String,
    api_key: Option<String>,
    version: Option<String>,
    betas: BTreeSet<String>,
    parts: BTreeSet<(String, Option<String>, Option<String>, String)>,
}

fn normalize(r: &Recorded) -> Normalized {
    Normalized {
        method: r.method.clone(),
        path: r.path.clone(),
        api_key: r.header("x-api-key").map(str::to_string),
        version: r.header("anthropic-version").map(str::to_string),
        betas: r
            .header("anthropic-beta")
            .unwrap_or_default()
            .split(',')
            .map(|b| b.trim().to_string())
            .collect(),
        parts: r
            .parts
            .iter()
            .map(|p| {
                (
                    p.name.clone(),
                    p.filename.clone(),
                    p.content_type.clone(),
                    p.sha256.clone(),
                )
            })
            .collect(),
    }
}

fn ok() -> Reply {
    Reply::json(
        200,
        json!({"created_at": "t", "description": "d", "directory": "conf-skill", "id": "skillver_conf", "name": "n", "skill_id": "skill_conf", "type": "skill_version", "version": "1"}),
    )
}

async fn run_sdk(python: &PathBuf, dir: &std::path::Path, mode: &str) -> Recorded {
    let server = RecordingServer::start(vec![ok()]).await;
    let output = tokio::process::Command::new(python)
        .arg(repo_root().join("tests/conformance/send_with_sdk.py"))
        .args([server.url().as_str(), "skill_conf"])
        .arg(dir)
        .arg(mode)
        .output()
        .await
        .expect("python runs");
    assert!(
        output.status.success(),
        "the SDK failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let mut requests = server.requests();
    assert_eq!(requests.len(), 1);
    requests.remove(0)
}

/// Sends the same directory through our client and returns the one request it made.
async fn run_ours(dir: &std::path::Path, betas: &[&str]) -> Recorded {
    let server = RecordingServer::start(vec![ok()]).await;
    let client = Client::builder()
        .api_key("sk-conformance")
        .base_url(server.url())
        .retry_backoff(Duration::from_millis(1), Duration::from_millis(2))
        .build()
        .expect("client");
    let files = FilePart::from_dir(dir).expect("walk");
    client
        .skills()
        .versions()
        .create("skill_conf")
        .betas(betas.iter().copied())
        .files(files)
        .send()
        .await
        .expect("sent");
    let mut requests = server.requests();
    assert_eq!(requests.len(), 1);
    requests.remove(0)
}

#[tokio::test]
async fn our_request_matches_the_official_sdk() {
    let Some(python) = sdk_python() else { return };
    let tree = skill_tree();
    let dir = tree.path().join("conf-skill");
    let theirs = run_sdk(&python, &dir, "files_from_dir").await;

    let ours = run_ours(&dir, &["skills-2025-10-02"]).await;

    let (a, b) = (normalize(&ours), normalize(&theirs));
    assert_eq!(
        a.parts.len(),
        6,
        "every file of the tree is a part: {:?}",
        a.parts
    );
    assert_eq!(a, b, "normalized requests differ");

    // The intentional differences, stated as facts about the two requests.
    assert_eq!(theirs.query.as_deref(), Some("beta=true"));
    assert_eq!(ours.query, None);
    assert_eq!(
        theirs.header("anthropic-beta"),
        Some("skills-2025-10-02,skills-2025-10-02")
    );
    assert_eq!(ours.header("anthropic-beta"), Some("skills-2025-10-02"));
    let our_order: Vec<_> = ours
        .parts
        .iter()
        .filter_map(|p| p.filename.clone())
        .collect();
    let mut sorted = our_order.clone();
    sorted.sort();
    assert_eq!(our_order, sorted, "we send parts sorted by name");
}

#[tokio::test]
async fn open_file_tuples_match_too() {
    let Some(python) = sdk_python() else { return };
    let tree = skill_tree();
    let dir = tree.path().join("conf-skill");
    let theirs = run_sdk(&python, &dir, "open-file").await;
    let ours = run_ours(&dir, &[]).await;
    // Python's mimetypes table gives the tuple form its content types; compare names and bytes.
    let strip = |r: &Recorded| {
        r.parts
            .iter()
            .map(|p| (p.name.clone(), p.filename.clone(), p.sha256.clone()))
            .collect::<BTreeSet<_>>()
    };
    assert_eq!(strip(&ours), strip(&theirs));
}
