//! The `skills` command-line tool, run as a process against a recording server on 127.0.0.1.

use serde_json::{Value, json};
use tests::server::{Recorded, RecordingServer, Reply};

struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

impl Run {
    fn json(&self) -> Value {
        assert_eq!(self.code, Some(0), "stderr: {}", self.stderr);
        assert!(
            self.stderr.is_empty(),
            "nothing extra on a non-terminal stderr: {}",
            self.stderr
        );
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is JSON ({e}): {}", self.stdout))
    }
}

async fn skills(server: &RecordingServer, args: &[&str]) -> Run {
    skills_with(server, args, &[]).await
}

async fn skills_with(server: &RecordingServer, args: &[&str], env: &[(&str, &str)]) -> Run {
    let out = tokio::process::Command::new(tests::example_binary("skills"))
        .args(args)
        .env("ANTHROPIC_API_KEY", "sk-cli")
        .env("ANTHROPIC_BASE_URL", server.url())
        .env_remove("ANTHROPIC_LOG")
        .envs(env.iter().copied())
        .output()
        .await
        .expect("skills runs");
    Run {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn skill(id: &str) -> Value {
    json!({"created_at": "t", "display_title": "T", "id": id, "latest_version": "1", "source": "custom", "type": "skill", "updated_at": "t"})
}

fn version(v: &str) -> Value {
    json!({"created_at": "t", "description": "d", "directory": "ex", "id": "skillver_1", "name": "ex", "skill_id": "skill_1", "type": "skill_version", "version": v})
}

fn skill_dir() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir(tmp.path().join("ex")).expect("mkdir");
    std::fs::write(tmp.path().join("ex/SKILL.md"), "# ex").expect("write");
    tmp
}

#[tokio::test]
async fn list_prints_one_page_with_the_filters_sent() {
    let page = json!({"data": [skill("s1")], "has_more": true, "next_page": "p2"});
    let server = RecordingServer::start(vec![Reply::json(200, page.clone())]).await;
    let run = skills(
        &server,
        &[
            "list",
            "--limit",
            "1",
            "--source",
            "anthropic",
            "--beta",
            "b1",
        ],
    )
    .await;
    assert_eq!(run.json(), page);
    let r = &server.requests()[0];
    assert_eq!((r.method.as_str(), r.path.as_str()), ("GET", "/v1/skills"));
    assert_eq!(r.query.as_deref(), Some("limit=1&source=anthropic"));
    assert_eq!(r.header("anthropic-beta"), Some("skills-2025-10-02,b1"));
    assert_eq!(r.header("x-api-key"), Some("sk-cli"));
}

#[tokio::test]
async fn list_all_prints_every_item_across_pages() {
    let server = RecordingServer::start(vec![
        Reply::json(
            200,
            json!({"data": [skill("s1"), skill("s2")], "has_more": true, "next_page": "p2"}),
        ),
        Reply::text(503, "busy"),
        Reply::json(
            200,
            json!({"data": [skill("s3")], "has_more": false, "next_page": null}),
        ),
    ])
    .await;
    let run = skills(
        &server,
        &["list", "--all", "--limit", "2", "--timeout", "5"],
    )
    .await;
    assert_eq!(run.json(), json!([skill("s1"), skill("s2"), skill("s3")]));
    let queries: Vec<Option<String>> = server.requests().iter().map(|r| r.query.clone()).collect();
    assert_eq!(
        queries,
        [
            Some("limit=2".into()),
            Some("limit=2&page=p2".into()),
            Some("limit=2&page=p2".into())
        ]
    );
}

#[tokio::test]
async fn get_create_and_delete_a_skill() {
    let server = RecordingServer::start(vec![
        Reply::json(200, skill("s1")),
        Reply::json(200, skill("s2")),
        Reply::json(200, json!({"id": "s1", "type": "skill_deleted"})),
    ])
    .await;
    assert_eq!(skills(&server, &["get", "s1"]).await.json(), skill("s1"));
    let tmp = skill_dir();
    let dir = tmp.path().join("ex");
    let run = skills(
        &server,
        &[
            "create",
            "--display-title",
            "My Skill",
            dir.to_str().expect("utf-8"),
        ],
    )
    .await;
    assert_eq!(run.json(), skill("s2"));
    assert_eq!(
        skills(&server, &["delete", "s1"]).await.json(),
        json!({"id": "s1", "type": "skill_deleted"})
    );
    let requests = server.requests();
    let sent: Vec<_> = requests.iter().map(Recorded::line).collect();
    assert_eq!(
        sent,
        [
            ("GET", "/v1/skills/s1", None),
            ("POST", "/v1/skills", None),
            ("DELETE", "/v1/skills/s1", None)
        ]
    );
    let parts: Vec<(&str, Option<&str>)> = requests[1]
        .parts
        .iter()
        .map(|p| (p.name.as_str(), p.filename.as_deref()))
        .collect();
    assert_eq!(
        parts,
        [("display_title", None), ("files[]", Some("ex/SKILL.md"))]
    );
    assert_eq!(requests[1].parts[0].bytes, b"My Skill");
}

#[tokio::test]
async fn versions_commands() {
    let server = RecordingServer::start(vec![
        Reply::json(
            200,
            json!({"data": [version("1")], "has_more": true, "next_page": "p2"}),
        ),
        Reply::json(
            200,
            json!({"data": [version("2")], "has_more": false, "next_page": "p3"}),
        ),
        Reply::json(200, version("2")),
        Reply::json(200, version("3")),
        Reply::json(200, json!({"id": "2", "type": "skill_version_deleted"})),
    ])
    .await;
    let run = skills(&server, &["versions", "list", "skill_1", "--all"]).await;
    assert_eq!(
        run.json(),
        json!([version("1"), version("2")]),
        "has_more false ends the walk"
    );
    assert_eq!(
        skills(&server, &["versions", "get", "skill_1", "2"])
            .await
            .json(),
        version("2")
    );
    let tmp = tempfile::tempdir().expect("tempdir");
    let zip = tmp.path().join("ex.zip");
    std::fs::write(&zip, b"PK\x03\x04 zip").expect("write");
    let run = skills(
        &server,
        &[
            "versions",
            "create",
            "skill_1",
            zip.to_str().expect("utf-8"),
        ],
    )
    .await;
    assert_eq!(run.json(), version("3"));
    assert_eq!(
        skills(&server, &["versions", "delete", "skill_1", "2"])
            .await
            .json(),
        json!({"id": "2", "type": "skill_version_deleted"})
    );
    let requests = server.requests();
    let sent: Vec<_> = requests.iter().map(Recorded::line).collect();
    assert_eq!(
        sent,
        [
            ("GET", "/v1/skills/skill_1/versions", None),
            ("GET", "/v1/skills/skill_1/versions", Some("page=p2")),
            ("GET", "/v1/skills/skill_1/versions/2", None),
            ("POST", "/v1/skills/skill_1/versions", None),
            ("DELETE", "/v1/skills/skill_1/versions/2", None),
        ]
    );
    let zip_part = &requests[3].parts[0];
    assert_eq!(
        (
            zip_part.filename.as_deref(),
            zip_part.content_type.as_deref()
        ),
        (Some("ex.zip"), Some("application/zip"))
    );
}

#[tokio::test]
async fn api_errors_say_status_type_message_and_request_id() {
    let server = RecordingServer::start(vec![Reply::json(
        404,
        json!({"type": "error", "error": {"type": "not_found_error", "message": "Skill not found"}}),
    )
    .with_header("request-id", "req_cli_404")])
    .await;
    let run = skills(&server, &["get", "missing", "--max-retries", "0"]).await;
    assert_eq!(run.code, Some(1));
    assert!(run.stdout.is_empty());
    for expected in [
        "404 Not Found",
        "not_found_error",
        "Skill not found",
        "req_cli_404",
    ] {
        assert!(
            run.stderr.contains(expected),
            "`{expected}` missing from: {}",
            run.stderr
        );
    }
}

#[tokio::test]
async fn bad_input_fails_before_sending() {
    let server = RecordingServer::start(vec![Reply::json(200, skill("s1"))]).await;
    let tmp = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir(tmp.path().join("ex")).expect("mkdir");
    std::fs::write(tmp.path().join("ex/README.md"), "no SKILL.md").expect("write");
    let run = skills(
        &server,
        &["create", tmp.path().join("ex").to_str().expect("utf-8")],
    )
    .await;
    assert_eq!(run.code, Some(1));
    assert!(run.stderr.contains("SKILL.md"), "{}", run.stderr);
    let run = skills(&server, &["list", "--source", "nobody"]).await;
    assert_eq!(run.code, Some(2), "clap refuses an unknown source");
    assert!(
        run.stderr.contains("custom") && run.stderr.contains("anthropic"),
        "{}",
        run.stderr
    );
    assert!(server.requests().is_empty(), "nothing was sent");
}

/// On a terminal the upload draws a progress bar on stderr; `script` gives the tool a pseudo-
/// terminal, as a person's shell would.
#[tokio::test]
async fn uploads_show_progress_on_a_terminal() {
    if std::process::Command::new("script")
        .arg("--version")
        .output()
        .is_err()
    {
        println!("skipped: `script` (util-linux) is not installed, so no pseudo-terminal");
        return;
    }
    // The server takes its time to answer, as with a large skill: the bar then shows that it
    // waits. An instant answer may come before the bar's next draw, and a person would not see it.
    let server = RecordingServer::start(vec![Reply::Delayed(
        std::time::Duration::from_millis(800),
        Box::new(Reply::json(200, version("9"))),
    )])
    .await;
    let tmp = skill_dir();
    // 3,000,000 bytes plus the 4-byte SKILL.md: indicatif shows the total as 2.86 MiB.
    std::fs::write(tmp.path().join("ex/data.bin"), vec![7u8; 3_000_000]).expect("write");
    let command = format!(
        "{} versions create skill_1 {}",
        tests::example_binary("skills").display(),
        tmp.path().join("ex").display()
    );
    let out = tokio::process::Command::new("script")
        .args(["-qfec", &command, "/dev/null"])
        .env("ANTHROPIC_API_KEY", "sk-cli")
        .env("ANTHROPIC_BASE_URL", server.url())
        .output()
        .await
        .expect("script runs");
    let terminal = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{terminal}");
    assert!(
        terminal.contains("/2.86 MiB"),
        "no progress bar drawn: {terminal:?}"
    );
    // Once every byte is sent, the bar says the server is now answering.
    assert!(
        terminal.contains("2.86 MiB sent; waiting for the response"),
        "{terminal}"
    );
    assert!(terminal.contains("\"version\":\"9\""), "{terminal}");
    assert_eq!(server.requests()[0].parts[1].bytes.len(), 3_000_000);
}

#[tokio::test]
async fn the_log_switch_writes_each_attempt_and_retry_to_stderr_without_the_key() {
    let page = json!({"data": [skill("s1")], "has_more": false, "next_page": null});
    let server = RecordingServer::start(vec![
        Reply::text(503, "busy"),
        Reply::json(200, page.clone()),
    ])
    .await;
    let run = skills_with(&server, &["list"], &[("ANTHROPIC_LOG", "debug")]).await;
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let lines: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(lines.len(), 3, "{}", run.stderr);
    assert!(
        lines[0].starts_with(
            "[anthropic-skills] GET /v1/skills attempt 1: 503 Service Unavailable in "
        ),
        "{}",
        run.stderr
    );
    assert!(
        lines[1].starts_with("[anthropic-skills] GET /v1/skills retrying in ")
            && lines[1].contains("(retry 1 of 2): API error 503"),
        "{}",
        run.stderr
    );
    assert!(
        lines[2].starts_with("[anthropic-skills] GET /v1/skills attempt 2: 200 OK in "),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("sk-cli"), "the key never shows");
    assert_eq!(serde_json::from_str::<Value>(&run.stdout).unwrap(), page);

    // `info` keeps the retries and failures only; unset, nothing.
    let server =
        RecordingServer::start(vec![Reply::text(503, "busy"), Reply::json(200, page)]).await;
    let run = skills_with(&server, &["list"], &[("ANTHROPIC_LOG", "info")]).await;
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    assert!(run.stderr.contains("retrying in"), "{}", run.stderr);
}

#[tokio::test]
async fn a_newcomer_gets_help_on_stdout_and_plain_words_for_a_missing_file() {
    let server = RecordingServer::start(Vec::new()).await;
    let run = skills(&server, &["--help"]).await;
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    for var in ["ANTHROPIC_API_KEY", "ANTHROPIC_BASE_URL", "ANTHROPIC_LOG"] {
        assert!(
            run.stdout.contains(var),
            "--help names {var}: {}",
            run.stdout
        );
    }
    let run = skills(&server, &["create", "/nonexistent/skill"]).await;
    assert_eq!(run.code, Some(1));
    assert_eq!(run.stderr.trim(), "error: /nonexistent/skill: not found");
    assert!(server.requests().is_empty(), "nothing was sent");

    let out = tokio::process::Command::new(tests::example_binary("create_skill_version"))
        .arg("--help")
        .output()
        .await
        .expect("runs");
    assert_eq!(out.status.code(), Some(0));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("usage: create_skill_version") && stdout.contains("ANTHROPIC_API_KEY"),
        "{stdout}"
    );
    assert!(out.stderr.is_empty());
}

#[tokio::test]
async fn get_prints_the_body_exactly_as_the_server_sent_it() {
    let body = "{\"id\":\"s1\", \"type\":\"skill\",\"source\":\"custom\",\"created_at\":\"t\",\"updated_at\":\"t\",\"display_title\":null,\"latest_version\":null,\"zz_new\":{\"a\":1}}";
    let server = RecordingServer::start(vec![
        Reply::text(200, body).with_header("content-type", "application/json"),
    ])
    .await;
    let run = skills(&server, &["get", "s1"]).await;
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_eq!(run.stdout.trim_end(), body);
}
