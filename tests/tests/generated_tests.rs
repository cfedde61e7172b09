//! The generated API tests judge a server's answer as the Prism run relies on, checked offline
//! against a local server that plays Prism's part: a request the server flags in `sl-violations`
//! fails the test with the server's text; a flagged response (the document's example breaking its
//! own schema) passes with a `spec-note:`; a warning passes with a `mock-note:`; a clean answer
//! passes; and a wrong status fails.
//!
//! The tests are generated-client's own `tests/api.rs`, built once by cargo.

use std::path::PathBuf;
use std::process::Command;

use axum::Router;
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::IntoResponse;
use serde_json::json;

/// How the stand-in answers.
#[derive(Clone, Copy)]
enum Mode {
    Clean,
    FlagRequest,
    FlagResponse,
    /// Warns of a deprecated parameter, as Prism does with severity `Warning`.
    WarnRequest,
    /// Answers an error call (`Prefer: code=400`) with 200.
    IgnorePrefer,
}

const REQUEST_VIOLATION: &str = r#"[{"location":["request","query","beta"],"severity":"Error","code":"enum","message":"Request query parameter beta must be equal to one of the allowed values"}]"#;
const REQUEST_WARNING: &str = r#"[{"location":["request","query","limit"],"severity":"Warning","code":"deprecated","message":"Query param limit is deprecated"}]"#;
const RESPONSE_VIOLATION: &str = r#"[{"location":["response","body"],"severity":"Error","code":"required","message":"Response body must have required property 'display_title'"}]"#;

async fn serve(mode: Mode) -> String {
    let app = Router::new().fallback(move |headers: HeaderMap| async move {
        let asked = headers
            .get("prefer")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("code="))
            .and_then(|v| v.parse::<u16>().ok());
        let (status, body) = match (asked, mode) {
            (Some(code), m) if !matches!(m, Mode::IgnorePrefer) => (
                StatusCode::from_u16(code).expect("status"),
                json!({"type": "error", "error": {"type": "invalid_request_error", "message": "m"}, "request_id": null}),
            ),
            _ => (
                StatusCode::OK,
                json!({
                    "created_at": "2024-10-30T23:58:27.427722Z", "display_title": null,
                    "id": "skill_1", "latest_version": null, "source": "custom", "type": "skill",
                    "updated_at": "2024-10-30T23:58:27.427722Z"
                }),
            ),
        };
        let mut response = (status, axum::Json(body)).into_response();
        let flag = match mode {
            Mode::FlagRequest => Some(REQUEST_VIOLATION),
            Mode::FlagResponse => Some(RESPONSE_VIOLATION),
            Mode::WarnRequest => Some(REQUEST_WARNING),
            Mode::Clean | Mode::IgnorePrefer => None,
        };
        if let Some(text) = flag {
            response
                .headers_mut()
                .insert("sl-violations", HeaderValue::from_static(text));
        }
        response
    });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    tokio::spawn(async move { axum::serve(listener, app).await });
    format!("http://{addr}")
}

/// generated-client's `api` test binary, built (or found fresh) by cargo.
fn api_tests() -> PathBuf {
    tests::build_api_tests(&tests::repo_root(), None)
        .into_iter()
        .find(|(package, _)| package == "anthropic-skills")
        .map(|(_, binary)| binary)
        .expect("an api test executable")
}

struct Run {
    passed: bool,
    output: String,
}

/// Runs the Get Skill test, whose success body the stand-in answers with.
fn run(binary: &PathBuf, base_url: &str) -> Run {
    let output = Command::new(binary)
        .args(["--exact", "skills_retrieve", "--nocapture"])
        .env("TEST_API_BASE_URL", base_url)
        .output()
        .expect("test binary runs");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        text.contains("1 passed") || text.contains("1 failed"),
        "the test did not run:\n{text}"
    );
    Run {
        passed: output.status.success(),
        output: text,
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn the_generated_tests_fail_on_what_prism_flags_and_only_then() {
    let binary = tokio::task::spawn_blocking(api_tests).await.expect("built");
    // The violation's keys print in either order, depending on serde_json's features.
    for (mode, should_pass, must_show) in [
        (Mode::Clean, true, &[][..]),
        (
            Mode::FlagRequest,
            false,
            &[
                "the server flagged the request: {",
                "\"code\":\"enum\"",
                "Request query parameter beta must be equal to one of the allowed values",
            ][..],
        ),
        (
            Mode::FlagResponse,
            true,
            &["spec-note: GET /v1/skills/{skill_id} (required arguments)"][..],
        ),
        (Mode::IgnorePrefer, false, &["(Prefer: code=400)"][..]),
        // A warning (a deprecated parameter sent) is noted, and the request still passes.
        (
            Mode::WarnRequest,
            true,
            &["mock-note: ", "Query param limit is deprecated"][..],
        ),
    ] {
        let url = serve(mode).await;
        let b = binary.clone();
        let run = tokio::task::spawn_blocking(move || run(&b, &url))
            .await
            .expect("ran");
        assert_eq!(run.passed, should_pass, "{}", run.output);
        for text in must_show {
            assert!(
                run.output.contains(text),
                "missing {text:?}:\n{}",
                run.output
            );
        }
    }
}
