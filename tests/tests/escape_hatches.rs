//! The official SDKs' escape hatches, on the wire against a server on 127.0.0.1: `extra_query`
//! and `extra_body` on a call, and the raw body of a success.

use std::time::Duration;

use anthropic_skills::{Client, FilePart};
use codegen_runtime::{ApiSettings, ClientBuilder, Core, Request, RequestOptions};
use reqwest::Method;
use serde_json::json;
use tests::server::{RecordingServer, Reply};

fn client(server: &RecordingServer) -> Client {
    Client::builder()
        .api_key("sk-test-key")
        .base_url(server.url())
        .max_retries(0)
        .build()
        .expect("client builds")
}

fn skill() -> serde_json::Value {
    json!({
        "created_at": "2024-10-30T23:58:27.427722Z",
        "display_title": "T",
        "id": "skill_01",
        "latest_version": null,
        "source": "custom",
        "type": "skill",
        "updated_at": "2024-10-30T23:58:27.427722Z"
    })
}

#[tokio::test]
async fn extra_query_and_extra_body_reach_the_server_beside_the_operation_s_own() {
    let server = RecordingServer::start(vec![Reply::json(200, skill())]).await;
    client(&server)
        .skills()
        .create()
        .display_title("T")
        .files([FilePart::from_bytes("s/SKILL.md", "---\nname: s\n---\n")])
        .extra_query("dry_run", true)
        .extra_body("visibility", "workspace")
        .extra_body("labels", json!({"team": "x"}))
        .send()
        .await
        .expect("sent");
    let r = server.requests().remove(0);
    assert_eq!(r.query.as_deref(), Some("dry_run=true"));
    let part = |name: &str| {
        r.parts
            .iter()
            .find(|p| p.name == name)
            .map(|p| String::from_utf8_lossy(&p.bytes).into_owned())
    };
    assert_eq!(part("display_title").as_deref(), Some("T"));
    assert_eq!(part("visibility").as_deref(), Some("workspace"));
    assert_eq!(part("labels").as_deref(), Some(r#"{"team":"x"}"#));
    assert!(
        r.parts
            .iter()
            .any(|p| p.filename.as_deref() == Some("s/SKILL.md"))
    );
}

#[tokio::test]
async fn a_success_keeps_its_body_as_received() {
    // Spacing and member order as the server wrote them: the raw body is those bytes.
    let text = "{\"id\": \"skill_01\",  \"type\": \"skill\", \"source\": \"custom\", \"created_at\": \"x\", \"updated_at\": \"y\", \"display_title\": null, \"latest_version\": null, \"new\": 1}";
    let server = RecordingServer::start(vec![
        Reply::text(200, text).with_header("content-type", "application/json"),
    ])
    .await;
    let response = client(&server)
        .skills()
        .retrieve("skill_01")
        .send_with_meta()
        .await
        .expect("decodes");
    assert_eq!(response.raw, text.as_bytes());
    assert_eq!(response.data.extra["new"], 1);
}

static SETTINGS: ApiSettings = ApiSettings {
    crate_name: "extras-test",
    crate_version: "0.0.0",
    default_base_url: "http://127.0.0.1:9",
    base_url_env: None,
    server_variables: &[],
    headers: &[],
    auth: &[],
};

fn core(server: &RecordingServer) -> Core {
    ClientBuilder::<Core>::new(&SETTINGS)
        .base_url(server.url())
        .max_retries(0)
        .timeout(Duration::from_secs(5))
        .build()
        .expect("client builds")
}

#[tokio::test]
async fn extra_body_merges_into_a_json_body_and_a_form() {
    let server = RecordingServer::start(vec![
        Reply::json(200, json!({})),
        Reply::json(200, json!({})),
        Reply::json(200, json!({})),
    ])
    .await;
    let core = core(&server);
    let options = || RequestOptions {
        extra_body: vec![("b".into(), json!(2)), ("c".into(), json!([1]))],
        ..Default::default()
    };
    let mut json_request = Request::new(Method::POST, "/json".into());
    json_request
        .json::<serde_json::Value>(&json!({"a": 1, "b": 1}))
        .unwrap();
    core.send_json::<serde_json::Value, serde_json::Value>(json_request, options())
        .await
        .expect("json");
    let mut form_request = Request::new(Method::POST, "/form".into());
    form_request
        .form::<serde_json::Value>(&json!({"a": "1"}), &[])
        .unwrap();
    core.send_json::<serde_json::Value, serde_json::Value>(form_request, options())
        .await
        .expect("form");
    // No body of its own: the extra members are the JSON body, as the SDKs send them.
    core.send_json::<serde_json::Value, serde_json::Value>(
        Request::new(Method::POST, "/none".into()),
        options(),
    )
    .await
    .expect("none");
    let requests = server.requests();
    let body = |i: usize| String::from_utf8_lossy(&requests[i].body).into_owned();
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&body(0)).unwrap(),
        json!({"a": 1, "b": 2, "c": [1]}),
        "merged, the caller's member replacing the body's"
    );
    assert_eq!(body(1), "a=1&b=2&c=%5B1%5D");
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&body(2)).unwrap(),
        json!({"b": 2, "c": [1]})
    );
    assert_eq!(requests[2].header("content-type"), Some("application/json"));
}
