//! Each of the eight Skills operations against a real server on 127.0.0.1: method, path, query,
//! headers and body as sent, and the response decoded into its type.

use std::time::Duration;

use anthropic_skills::{Client, FilePart};
use serde_json::json;
use tests::server::{Recorded, RecordingServer, Reply};

fn client(server: &RecordingServer) -> Client {
    Client::builder()
        .api_key("sk-test-key")
        .base_url(server.url())
        .retry_backoff(Duration::from_millis(1), Duration::from_millis(5))
        .build()
        .expect("client builds")
}

fn skill(id: &str) -> serde_json::Value {
    json!({
        "created_at": "2024-10-30T23:58:27.427722Z",
        "display_title": "My Custom Skill",
        "id": id,
        "latest_version": "1759178010641129",
        "source": "custom",
        "type": "skill",
        "updated_at": "2024-10-30T23:58:27.427722Z"
    })
}

fn version(skill_id: &str, version: &str) -> serde_json::Value {
    json!({
        "created_at": "2024-10-30T23:58:27.427722Z",
        "description": "A custom skill",
        "directory": "my-skill",
        "id": "skillver_01J",
        "name": "my-skill",
        "skill_id": skill_id,
        "type": "skill_version",
        "version": version
    })
}

/// The headers every Skills request carries: the key, the version and the merged betas.
fn assert_common_headers(r: &Recorded, betas: &str) {
    assert_eq!(r.header("x-api-key"), Some("sk-test-key"));
    assert_eq!(r.header("anthropic-version"), Some("2023-06-01"));
    assert_eq!(r.header("anthropic-beta"), Some(betas));
    assert_eq!(r.header("accept"), Some("application/json"));
}

fn only_request(server: &RecordingServer) -> Recorded {
    let mut requests = server.requests();
    assert_eq!(requests.len(), 1, "exactly one request");
    requests.remove(0)
}

#[tokio::test]
async fn skills_create_sends_display_title_beside_the_files() {
    let server = RecordingServer::start(vec![Reply::json(200, skill("skill_01N"))]).await;
    let created = client(&server)
        .skills()
        .create()
        .display_title("My Custom Skill")
        .files([
            FilePart::from_bytes("my-skill/SKILL.md", "---\nname: my-skill\n---\n"),
            FilePart::from_bytes("my-skill/run.py", "print(1)\n"),
        ])
        .send()
        .await
        .expect("200 decodes");
    assert_eq!(
        (created.id.as_str(), created.display_title.as_deref()),
        ("skill_01N", Some("My Custom Skill"))
    );
    let r = only_request(&server);
    assert_eq!(
        (r.method.as_str(), r.path.as_str(), r.query.as_deref()),
        ("POST", "/v1/skills", None)
    );
    assert_common_headers(&r, "skills-2025-10-02");
    let parts: Vec<(&str, Option<&str>, &[u8])> = r
        .parts
        .iter()
        .map(|p| (p.name.as_str(), p.filename.as_deref(), p.bytes.as_slice()))
        .collect();
    assert_eq!(
        parts,
        [
            ("display_title", None, &b"My Custom Skill"[..]),
            (
                "files[]",
                Some("my-skill/SKILL.md"),
                &b"---\nname: my-skill\n---\n"[..]
            ),
            ("files[]", Some("my-skill/run.py"), &b"print(1)\n"[..]),
        ]
    );
}

#[tokio::test]
async fn skills_create_applies_the_upload_rules_before_sending() {
    let server = RecordingServer::start(vec![Reply::json(200, skill("skill_01N"))]).await;
    let err = client(&server)
        .skills()
        .create()
        .files([FilePart::from_bytes("my-skill/README.md", "no SKILL.md")])
        .send()
        .await
        .expect_err("SKILL.md is missing");
    assert!(err.to_string().contains("SKILL.md"), "{err}");
    assert!(server.requests().is_empty(), "nothing is sent");
}

#[tokio::test]
async fn skills_list_sends_its_filters_and_decodes_one_page() {
    let body = json!({"data": [skill("skill_01A"), skill("skill_01B")], "has_more": true, "next_page": "page_2"});
    let server = RecordingServer::start(vec![
        Reply::json(200, body).with_header("request-id", "req_l"),
    ])
    .await;
    let page = client(&server)
        .skills()
        .list()
        .limit(2)
        .source("custom")
        .page("page_1")
        .betas(["extra-beta"])
        .send_with_meta()
        .await
        .expect("200 decodes");
    let ids: Vec<&str> = page.data.data.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, ["skill_01A", "skill_01B"]);
    assert_eq!(
        (page.data.has_more, page.data.next_page.as_deref()),
        (true, Some("page_2"))
    );
    assert_eq!(page.request_id.as_deref(), Some("req_l"));
    let r = only_request(&server);
    assert_eq!((r.method.as_str(), r.path.as_str()), ("GET", "/v1/skills"));
    assert_eq!(
        r.query.as_deref(),
        Some("page=page_1&limit=2&source=custom")
    );
    assert_common_headers(&r, "skills-2025-10-02,extra-beta");
    assert!(r.body.is_empty());
}

#[tokio::test]
async fn skills_retrieve_and_delete() {
    let server = RecordingServer::start(vec![
        Reply::json(200, skill("skill_01A")),
        Reply::json(200, json!({"id": "skill_01A", "type": "skill_deleted"})),
    ])
    .await;
    let c = client(&server);
    let got = c
        .skills()
        .retrieve("skill_01A")
        .send()
        .await
        .expect("200 decodes");
    assert_eq!(
        (got.id.as_str(), got.source.as_str()),
        ("skill_01A", "custom")
    );
    let deleted = c
        .skills()
        .delete("skill_01A")
        .send()
        .await
        .expect("200 decodes");
    assert_eq!(
        (deleted.id.as_str(), deleted.r#type.as_str()),
        ("skill_01A", "skill_deleted")
    );
    let requests = server.requests();
    let sent: Vec<_> = requests.iter().map(Recorded::line).collect();
    assert_eq!(
        sent,
        [
            ("GET", "/v1/skills/skill_01A", None),
            ("DELETE", "/v1/skills/skill_01A", None)
        ]
    );
    for r in &requests {
        assert_common_headers(r, "skills-2025-10-02");
        assert!(r.body.is_empty());
    }
}

#[tokio::test]
async fn versions_list_retrieve_and_delete() {
    let server = RecordingServer::start(vec![
        Reply::json(
            200,
            json!({"data": [version("skill_01A", "v1")], "has_more": false, "next_page": null}),
        ),
        Reply::json(200, version("skill_01A", "v1")),
        Reply::json(200, json!({"id": "v1", "type": "skill_version_deleted"})),
    ])
    .await;
    let c = client(&server);
    let versions = c.skills().versions();
    let page = versions
        .list("skill_01A")
        .limit(5)
        .send()
        .await
        .expect("list decodes");
    assert_eq!(
        (
            page.data.len(),
            page.data[0].version.as_str(),
            page.has_more,
            page.next_page
        ),
        (1, "v1", false, None)
    );
    let got = versions
        .retrieve("skill_01A", "v1")
        .send()
        .await
        .expect("retrieve decodes");
    assert_eq!(
        (got.skill_id.as_str(), got.version.as_str()),
        ("skill_01A", "v1")
    );
    let deleted = versions
        .delete("skill_01A", "v1")
        .send()
        .await
        .expect("delete decodes");
    assert_eq!(
        (deleted.id.as_str(), deleted.r#type.as_str()),
        ("v1", "skill_version_deleted")
    );
    let requests = server.requests();
    let sent: Vec<_> = requests.iter().map(Recorded::line).collect();
    assert_eq!(
        sent,
        [
            ("GET", "/v1/skills/skill_01A/versions", Some("limit=5")),
            ("GET", "/v1/skills/skill_01A/versions/v1", None),
            ("DELETE", "/v1/skills/skill_01A/versions/v1", None),
        ]
    );
    for r in &requests {
        assert_common_headers(r, "skills-2025-10-02");
    }
}

#[tokio::test]
async fn versions_create_uploads_to_the_skill() {
    let server = RecordingServer::start(vec![Reply::json(200, version("skill_01A", "v2"))]).await;
    let created = client(&server)
        .skills()
        .versions()
        .create("skill_01A")
        .files([FilePart::from_bytes("my-skill/SKILL.md", "x")])
        .send()
        .await
        .expect("200 decodes");
    assert_eq!(created.version, "v2");
    let r = only_request(&server);
    assert_eq!(
        (r.method.as_str(), r.path.as_str()),
        ("POST", "/v1/skills/skill_01A/versions")
    );
    assert_common_headers(&r, "skills-2025-10-02");
    assert_eq!(r.parts.len(), 1);
    assert_eq!(r.parts[0].filename.as_deref(), Some("my-skill/SKILL.md"));
}

#[tokio::test]
async fn a_typed_error_names_its_status_type_and_request_id() {
    let server = RecordingServer::start(vec![Reply::json(
        404,
        json!({"type": "error", "error": {"type": "not_found_error", "message": "no such skill"}}),
    )
    .with_header("request-id", "req_404")])
    .await;
    let err = client(&server)
        .skills()
        .retrieve("skill_missing")
        .send()
        .await
        .expect_err("404");
    assert_eq!(err.status().map(|s| s.as_u16()), Some(404));
    assert_eq!(err.request_id(), Some("req_404"));
    assert_eq!(
        err.to_string(),
        "API error 404 Not Found: not_found_error: no such skill (request-id: req_404)"
    );
    assert!(
        err.api().and_then(|a| a.body.as_ref()).is_some(),
        "typed body decoded"
    );
}
