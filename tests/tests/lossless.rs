//! Lossless decoding against a real server on 127.0.0.1: members and variants the spec does not
//! name survive decoding, and encoding the value again gives the server's JSON back.

use std::time::Duration;

use anthropic_skills::{Client, Error, types};
use serde_json::json;
use tests::server::{RecordingServer, Reply};

fn client(server: &RecordingServer) -> Client {
    Client::builder()
        .api_key("sk-test-key")
        .base_url(server.url())
        .max_retries(0)
        .retry_backoff(Duration::from_millis(1), Duration::from_millis(5))
        .build()
        .expect("client builds")
}

fn skill_with_news(id: &str) -> serde_json::Value {
    json!({
        "created_at": "2024-10-30T23:58:27.427722Z",
        "display_title": null,
        "id": id,
        "latest_version": "1759178010641129",
        "source": "custom",
        "type": "skill",
        "updated_at": "2024-10-30T23:58:27.427722Z",
        // Members a later API version adds: a scalar, an object, and a list of objects.
        "visibility": "workspace",
        "owner": {"kind": "user", "id": "user_01", "labels": {"team": "x"}},
        "tags": [{"name": "a"}, {"name": "b", "weight": 0.5}]
    })
}

#[tokio::test]
async fn unknown_members_are_kept_and_encoded_back() {
    let served = skill_with_news("skill_01A");
    let server = RecordingServer::start(vec![Reply::json(200, served.clone())]).await;
    let skill = client(&server)
        .skills()
        .retrieve("skill_01A")
        .send()
        .await
        .expect("decodes");
    assert_eq!(skill.id, "skill_01A");
    assert_eq!(skill.extra["visibility"], "workspace");
    assert_eq!(skill.extra["owner"]["labels"]["team"], "x");
    assert_eq!(
        skill.extra.keys().collect::<Vec<_>>(),
        ["visibility", "owner", "tags"],
        "only the members the spec does not name, in the order received"
    );
    assert_eq!(serde_json::to_value(&skill).unwrap(), served);
}

#[tokio::test]
async fn unknown_members_survive_inside_a_list_page() {
    let served = json!({
        "data": [skill_with_news("skill_01A"), skill_with_news("skill_01B")],
        "has_more": false,
        "next_page": null,
        "total_estimate": 2
    });
    let server = RecordingServer::start(vec![Reply::json(200, served.clone())]).await;
    let page = client(&server)
        .skills()
        .list()
        .send()
        .await
        .expect("decodes");
    assert_eq!(page.extra["total_estimate"], 2);
    assert_eq!(page.data[1].extra["tags"][1]["weight"], 0.5);
    assert_eq!(serde_json::to_value(&page).unwrap(), served);
}

#[tokio::test]
async fn an_unknown_error_variant_and_new_error_members_are_kept() {
    let unknown = json!({
        "type": "error",
        "error": {"type": "quota_exceeded_error", "message": "over quota", "retry_in": 30},
        "request_id": "req_1"
    });
    let known_with_news = json!({
        "type": "error",
        "error": {"type": "not_found_error", "message": "no such skill", "resource": "skill"},
        "request_id": "req_2",
        "trace": {"span": "abc"}
    });
    let server = RecordingServer::start(vec![
        Reply::json(403, unknown.clone()),
        Reply::json(404, known_with_news.clone()),
    ])
    .await;
    let client = client(&server);
    for served in [unknown, known_with_news] {
        let err = client
            .skills()
            .retrieve("skill_01A")
            .send()
            .await
            .expect_err("an error status");
        let Error::Api(api) = err else {
            panic!("an API error, got {err:?}")
        };
        let body = api.body.as_ref().expect("the typed body");
        assert_eq!(serde_json::to_value(body).unwrap(), served);
        match &body.error {
            types::ErrorResponseError::Unknown { tag, raw } => {
                assert_eq!(tag, "quota_exceeded_error");
                assert_eq!(raw["retry_in"], 30);
            }
            types::ErrorResponseError::NotFoundError(e) => {
                assert_eq!(e.extra["resource"], "skill");
                assert_eq!(body.extra["trace"]["span"], "abc");
            }
            other => panic!("unexpected variant {other:?}"),
        }
    }
}

#[test]
fn a_body_built_in_code_starts_with_no_unknown_members() {
    let e = types::NotFoundError::new("gone");
    assert!(e.extra.is_empty());
    assert_eq!(
        serde_json::to_value(&e).unwrap(),
        json!({"message": "gone", "type": "not_found_error"})
    );
}
