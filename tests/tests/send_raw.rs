//! When a server breaks its own document: the `Decode` error keeps the whole body, and every
//! builder's `send_raw()` sends the same request (same retries) and returns whatever came back.
//! Against a real server on 127.0.0.1, through the generated Skills crate.

use anthropic_skills::Error;
use serde_json::json;
use tests::server::{RecordingServer, Reply};
use tests::skills::{client_for, overloaded};

/// A Get Skill body whose `display_title` the document types as a string, sent as an object,
/// padded past any excerpt length.
fn broken_skill() -> serde_json::Value {
    json!({
        "id": "skill_1",
        "type": "skill",
        "source": "custom",
        "created_at": "2025-01-01T00:00:00Z",
        "updated_at": "2025-01-01T00:00:00Z",
        "latest_version": "1",
        "display_title": {"text": "An object where a string belongs"},
        "padding": "x".repeat(2_000),
    })
}

#[tokio::test]
async fn a_body_that_breaks_its_type_is_kept_whole_and_send_raw_reads_it() {
    let body = broken_skill();
    let server = RecordingServer::start(vec![Reply::json(200, body.clone())]).await;
    let client = client_for(&server.url());

    let err = client
        .skills()
        .retrieve("skill_1")
        .send()
        .await
        .expect_err("the typed call cannot decode it");
    let Error::Decode { path, raw, .. } = &err else {
        panic!("expected Decode, got {err}")
    };
    assert_eq!(path, "display_title");
    assert_eq!(
        serde_json::from_slice::<serde_json::Value>(raw).expect("JSON"),
        body,
        "the whole body, past the message's excerpt"
    );

    let raw = client
        .skills()
        .retrieve("skill_1")
        .betas(["skills-2025-10-02"])
        .send_raw()
        .await
        .expect("sent");
    assert_eq!(raw.status.as_u16(), 200);
    assert_eq!(raw.json().expect("JSON"), body);
    assert_eq!(
        raw.json().expect("JSON")["display_title"]["text"],
        "An object where a string belongs"
    );
    // The same request as the typed call: path, headers and the builder's settings.
    let requests = server.requests();
    assert_eq!(requests.len(), 2);
    assert_eq!(requests[1].path, requests[0].path);
    assert_eq!(requests[1].header("x-api-key"), Some("sk-secret-key"));
    assert!(
        requests[1]
            .header("anthropic-beta")
            .is_some_and(|b| b.contains("skills-2025-10-02")),
        "{:?}",
        requests[1].header("anthropic-beta")
    );
}

#[tokio::test]
async fn send_raw_returns_error_statuses_and_still_retries() {
    let server = RecordingServer::start(vec![
        overloaded(),
        Reply::json(
            404,
            json!({"type": "error", "error": {"type": "not_found_error", "message": "gone"}}),
        ),
    ])
    .await;
    let client = client_for(&server.url());
    let raw = client
        .skills()
        .delete("skill_1")
        .send_raw()
        .await
        .expect("any status is an answer");
    // 529 was retried as the typed call retries it; the final 404 is returned, not an error.
    assert_eq!(server.requests().len(), 2);
    assert_eq!(raw.status.as_u16(), 404);
    assert_eq!(
        raw.json().expect("JSON")["error"]["type"],
        "not_found_error"
    );

    // With no retries left, a retryable status is the answer too.
    let server = RecordingServer::start(vec![overloaded()]).await;
    let raw = client_for(&server.url())
        .skills()
        .delete("skill_1")
        .max_retries(0)
        .send_raw()
        .await
        .expect("answered");
    assert_eq!((raw.status.as_u16(), server.requests().len()), (529, 1));
    assert!(raw.text().contains("overloaded_error"));
}
