//! The generated Skills client against a real HTTP server on 127.0.0.1.

use std::time::Duration;

use anthropic_skills::types::ErrorResponseError;
use anthropic_skills::{Client, Error, FilePart};
use serde_json::json;
use tests::server::{RecordingServer, Reply};

fn client(server: &RecordingServer) -> Client {
    Client::builder()
        .api_key("sk-test-key")
        .base_url(server.url())
        .retry_backoff(Duration::from_millis(1), Duration::from_millis(5))
        .build()
        .expect("client builds")
}

/// The smallest valid upload, for tests about responses rather than requests.
fn minimal_upload(client: &Client) -> anthropic_skills::resources::CreateSkillVersionRequest<'_> {
    client
        .skills()
        .versions()
        .create("s")
        .files([FilePart::from_bytes("s/SKILL.md", "x")])
}

fn version_body() -> serde_json::Value {
    json!({
        "created_at": "2024-10-30T23:58:27.427722Z",
        "description": "A custom skill",
        "directory": "my-skill",
        "id": "skillver_01J",
        "name": "my-skill",
        "skill_id": "skill_01A",
        "type": "skill_version",
        "version": "1759178010641129"
    })
}

fn skill_dir() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().expect("tempdir");
    let skill = tmp.path().join("my-skill");
    std::fs::create_dir_all(skill.join("scripts")).expect("mkdir");
    std::fs::write(
        skill.join("SKILL.md"),
        "---\nname: my-skill\n---\n# My skill\n",
    )
    .expect("write");
    std::fs::write(skill.join("scripts/process.py"), "print('hi')\n").expect("write");
    std::fs::write(skill.join("data.bin"), [0u8, 159, 146, 150, 255]).expect("write");
    tmp
}

#[tokio::test]
async fn create_skill_version_sends_the_sdk_request_and_decodes_the_response() {
    let server = RecordingServer::start(vec![
        Reply::json(200, version_body()).with_header("request-id", "req_ok_1"),
    ])
    .await;
    let tmp = skill_dir();
    let files = FilePart::from_dir(tmp.path().join("my-skill")).expect("walk skill dir");
    let response = client(&server)
        .skills()
        .versions()
        .create("skill_01A")
        .betas(["skills-2025-10-02", "extra-beta"])
        .files(files)
        .send_with_meta()
        .await
        .expect("200 decodes");

    let v = &response.data;
    assert_eq!(
        (
            v.id.as_str(),
            v.skill_id.as_str(),
            v.directory.as_str(),
            v.version.as_str(),
            v.r#type.as_str()
        ),
        (
            "skillver_01J",
            "skill_01A",
            "my-skill",
            "1759178010641129",
            "skill_version"
        )
    );
    assert_eq!(
        (
            v.name.as_str(),
            v.description.as_str(),
            v.created_at.as_str()
        ),
        ("my-skill", "A custom skill", "2024-10-30T23:58:27.427722Z")
    );
    assert_eq!(response.request_id.as_deref(), Some("req_ok_1"));

    let requests = server.requests();
    assert_eq!(requests.len(), 1, "exactly one attempt");
    let r = &requests[0];
    assert_eq!(r.method, "POST");
    assert_eq!(r.path, "/v1/skills/skill_01A/versions");
    assert_eq!(r.header("x-api-key"), Some("sk-test-key"));
    assert_eq!(r.header("anthropic-version"), Some("2023-06-01"));
    // Deduplicated, defaults first: the SDK would send `skills-2025-10-02` twice.
    assert_eq!(
        r.header("anthropic-beta"),
        Some("skills-2025-10-02,extra-beta")
    );
    assert_eq!(r.header("accept"), Some("application/json"));
    assert_eq!(
        r.header("user-agent"),
        Some(concat!("anthropic-skills/", "0.3.0"))
    );
    assert!(
        r.header("content-type")
            .is_some_and(|c| c.starts_with("multipart/form-data; boundary=")),
        "{:?}",
        r.header("content-type")
    );
    let length: usize = r
        .header("content-length")
        .expect("content-length is sent when sizes are known")
        .parse()
        .expect("number");
    assert_eq!(length, r.body.len());

    type Part = (String, Option<String>, Option<String>, Vec<u8>);
    let parts: Vec<Part> = r
        .parts
        .iter()
        .map(|p| {
            (
                p.name.clone(),
                p.filename.clone(),
                p.content_type.clone(),
                p.bytes.clone(),
            )
        })
        .collect();
    let expected = vec![
        (
            "files[]".to_string(),
            Some("my-skill/SKILL.md".to_string()),
            Some("text/markdown".to_string()),
            b"---\nname: my-skill\n---\n# My skill\n".to_vec(),
        ),
        (
            "files[]".into(),
            Some("my-skill/data.bin".into()),
            Some("application/octet-stream".into()),
            vec![0u8, 159, 146, 150, 255],
        ),
        (
            "files[]".into(),
            Some("my-skill/scripts/process.py".into()),
            Some("text/x-python".into()),
            b"print('hi')\n".to_vec(),
        ),
    ];
    // Sorted by name: `SKILL.md` < `data.bin` in byte order.
    assert_eq!(parts, expected);
}

#[tokio::test]
async fn path_params_are_one_percent_encoded_segment() {
    let server = RecordingServer::start(vec![Reply::json(200, version_body())]).await;
    let c = client(&server);
    for (id, path) in [
        ("../x", "/v1/skills/..%2Fx/versions"),
        ("a/b", "/v1/skills/a%2Fb/versions"),
        ("a?b", "/v1/skills/a%3Fb/versions"),
        ("a#b", "/v1/skills/a%23b/versions"),
        ("a b", "/v1/skills/a%20b/versions"),
        ("100%", "/v1/skills/100%25/versions"),
        ("skïll_é", "/v1/skills/sk%C3%AFll_%C3%A9/versions"),
        ("...", "/v1/skills/.../versions"),
    ] {
        c.skills()
            .versions()
            .create(id)
            .files([FilePart::from_bytes("s/SKILL.md", "x")])
            .send()
            .await
            .expect("200");
        let last = server.requests().pop().expect("a request arrived");
        assert_eq!(last.path, path, "skill id {id:?}");
    }
    // URL parsers resolve `.` and `..` segments even when escaped, so they are refused unsent.
    let before = server.requests().len();
    for id in ["", ".", ".."] {
        let err = c
            .skills()
            .versions()
            .create(id)
            .files([FilePart::from_bytes("s/SKILL.md", "x")])
            .send()
            .await
            .unwrap_err();
        assert!(matches!(err, Error::InvalidInput(_)), "{id:?}: {err}");
    }
    assert_eq!(server.requests().len(), before, "nothing was sent");
}

fn error_body(kind: &str, message: &str) -> serde_json::Value {
    json!({"type": "error", "error": {"type": kind, "message": message}, "request_id": "req_body"})
}

#[tokio::test]
async fn each_error_type_decodes_to_its_own_variant() {
    let cases: [(u16, &str); 9] = [
        (400, "invalid_request_error"),
        (401, "authentication_error"),
        (402, "billing_error"),
        (403, "permission_error"),
        (404, "not_found_error"),
        (429, "rate_limit_error"),
        (504, "timeout_error"),
        (500, "api_error"),
        (529, "overloaded_error"),
    ];
    for (status, kind) in cases {
        let reply = Reply::json(status, error_body(kind, &format!("msg {kind}")))
            .with_header("request-id", &format!("req_{status}"));
        let server = RecordingServer::start(vec![reply]).await;
        let err = minimal_upload(&client(&server))
            .max_retries(0)
            .send()
            .await
            .unwrap_err();
        assert_eq!(err.status().map(|s| s.as_u16()), Some(status), "{kind}");
        assert_eq!(
            err.request_id(),
            Some(format!("req_{status}").as_str()),
            "{kind}"
        );
        let api = err.api().expect("an API error");
        let body = api.body.as_ref().expect("typed body decodes");
        let variant_matches = matches!(
            (&body.error, kind),
            (
                ErrorResponseError::InvalidRequestError(_),
                "invalid_request_error"
            ) | (
                ErrorResponseError::AuthenticationError(_),
                "authentication_error"
            ) | (ErrorResponseError::BillingError(_), "billing_error")
                | (ErrorResponseError::PermissionError(_), "permission_error")
                | (ErrorResponseError::NotFoundError(_), "not_found_error")
                | (ErrorResponseError::RateLimitError(_), "rate_limit_error")
                | (ErrorResponseError::TimeoutError(_), "timeout_error")
                | (ErrorResponseError::ApiError(_), "api_error")
                | (ErrorResponseError::OverloadedError(_), "overloaded_error")
        );
        assert!(variant_matches, "{kind} decoded as {:?}", body.error);
        // The SDKs' error class per status, as helpers: exactly the one that fits is true.
        let helpers = [
            (err.is_bad_request(), status == 400),
            (err.is_authentication(), status == 401),
            (err.is_permission_denied(), status == 403),
            (err.is_not_found(), status == 404),
            (err.is_conflict(), status == 409),
            (err.is_unprocessable(), status == 422),
            (err.is_rate_limited(), status == 429),
            (err.is_server_error(), status >= 500),
            (err.is_timeout(), false),
            (err.is_connection(), false),
        ];
        for (i, (got, want)) in helpers.into_iter().enumerate() {
            assert_eq!(got, want, "{kind}: helper #{i}");
        }
        assert_eq!(body.error.tag(), kind);
        assert_eq!(body.error.message(), Some(format!("msg {kind}").as_str()));
        assert_eq!(body.request_id.as_deref(), Some("req_body"));
        let shown = err.to_string();
        assert!(
            shown.contains(kind)
                && shown.contains(&format!("msg {kind}"))
                && shown.contains(&status.to_string()),
            "{shown}"
        );
    }
}

#[tokio::test]
async fn an_unseen_error_type_decodes_to_unknown() {
    let server = RecordingServer::start(vec![Reply::json(
        418,
        error_body("teapot_error", "short and stout"),
    )])
    .await;
    let err = minimal_upload(&client(&server)).send().await.unwrap_err();
    let Error::Api(api) = &err else {
        panic!("expected an API error, got {err}")
    };
    let body = api.body.as_ref().expect("typed body decodes");
    match &body.error {
        ErrorResponseError::Unknown { tag, raw } => {
            assert_eq!(tag, "teapot_error");
            assert_eq!(raw["message"], "short and stout");
        }
        other => panic!("expected Unknown, got {other:?}"),
    }
    assert_eq!(body.error.message(), Some("short and stout"));
    assert_eq!(server.requests().len(), 1, "418 is not retried");
}

#[tokio::test]
async fn a_wrong_tag_is_never_decoded_as_another_variant() {
    // progenitor's untagged enum decodes this as InvalidRequestError (REFERENCE.md §3).
    let server = RecordingServer::start(vec![Reply::json(
        429,
        error_body("rate_limit_error", "slow down"),
    )])
    .await;
    let err = minimal_upload(&client(&server))
        .max_retries(0)
        .send()
        .await
        .unwrap_err();
    let body = err.api().and_then(|a| a.body.as_ref()).expect("typed body");
    assert!(
        matches!(body.error, ErrorResponseError::RateLimitError(_)),
        "{:?}",
        body.error
    );
}
