//! The `create_skill_version` example, run as a user would, against a server on 127.0.0.1.

use std::path::PathBuf;

use serde_json::json;
use tests::server::{RecordingServer, Reply};

fn example() -> PathBuf {
    tests::example_binary("create_skill_version")
}

async fn run(server: &RecordingServer, args: &[&str]) -> std::process::Output {
    tokio::process::Command::new(example())
        .args(args)
        .env("ANTHROPIC_API_KEY", "sk-example")
        .env("ANTHROPIC_BASE_URL", server.url())
        .output()
        .await
        .expect("example runs")
}

#[tokio::test]
async fn uploads_a_directory_and_prints_the_version_as_json() {
    let body = json!({"created_at": "t", "description": "d", "directory": "ex", "id": "skillver_ex", "name": "n", "skill_id": "skill_ex", "type": "skill_version", "version": "42"});
    let server = RecordingServer::start(vec![Reply::json(200, body.clone())]).await;
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("ex");
    std::fs::create_dir(&dir).expect("mkdir");
    std::fs::write(dir.join("SKILL.md"), "# ex").expect("write");
    let out = run(
        &server,
        &[
            "--skill-id",
            "skill_ex",
            "--beta",
            "b1",
            "--max-retries",
            "0",
            "--timeout",
            "30",
            dir.to_str().expect("utf-8"),
        ],
    )
    .await;
    assert!(
        out.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let printed: serde_json::Value = serde_json::from_slice(&out.stdout).expect("stdout is JSON");
    assert_eq!(printed, body);
    let r = &server.requests()[0];
    assert_eq!(
        (
            r.path.as_str(),
            r.header("anthropic-beta"),
            r.header("x-api-key")
        ),
        (
            "/v1/skills/skill_ex/versions",
            Some("skills-2025-10-02,b1"),
            Some("sk-example")
        )
    );
    assert_eq!(r.parts[0].filename.as_deref(), Some("ex/SKILL.md"));
}

#[tokio::test]
async fn uploads_a_zip_as_one_part() {
    let body = json!({"created_at": "t", "description": "d", "directory": "ex", "id": "v", "name": "n", "skill_id": "s", "type": "skill_version", "version": "1"});
    let server = RecordingServer::start(vec![Reply::json(200, body)]).await;
    let tmp = tempfile::tempdir().expect("tempdir");
    let zip = tmp.path().join("ex.zip");
    std::fs::write(&zip, b"PK\x03\x04 not really").expect("write");
    let out = run(&server, &["--skill-id", "s", zip.to_str().expect("utf-8")]).await;
    assert!(
        out.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let parts = &server.requests()[0].parts;
    assert_eq!(
        (
            parts.len(),
            parts[0].filename.as_deref(),
            parts[0].content_type.as_deref()
        ),
        (1, Some("ex.zip"), Some("application/zip"))
    );
}

#[tokio::test]
async fn errors_go_to_stderr_with_a_failing_status() {
    let server = RecordingServer::start(vec![Reply::text(500, "oops")]).await;
    let tmp = tempfile::tempdir().expect("tempdir");
    let zip = tmp.path().join("ex.zip");
    std::fs::write(&zip, b"zip").expect("write");
    let out = run(
        &server,
        &[
            "--skill-id",
            "s",
            "--max-retries",
            "0",
            zip.to_str().expect("utf-8"),
        ],
    )
    .await;
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("500") && stderr.contains("oops"),
        "{stderr}"
    );
    assert_eq!(server.requests().len(), 1, "--max-retries 0");

    let out = run(&server, &["--skill-id"]).await;
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("usage:"));
}
