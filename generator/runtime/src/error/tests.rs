use super::*;

#[test]
fn non_json_body_keeps_its_text() {
    let e: ApiError = ApiError::new(
        StatusCode::INTERNAL_SERVER_ERROR,
        HeaderMap::new(),
        "oops".into(),
        None,
    );
    assert_eq!(e.message.as_deref(), Some("oops"));
    assert_eq!(e.to_string(), "API error 500 Internal Server Error: oops");
}

#[test]
fn json_body_gives_kind_message_and_request_id() {
    let mut headers = HeaderMap::new();
    headers.insert("request-id", "req_1".parse().unwrap());
    let raw = r#"{"type":"error","error":{"type":"rate_limit_error","message":"slow down"},"request_id":"req_1"}"#;
    let e: ApiError = ApiError::new(StatusCode::TOO_MANY_REQUESTS, headers, raw.into(), None);
    assert_eq!(
        e.to_string(),
        "API error 429 Too Many Requests: rate_limit_error: slow down (request-id: req_1)"
    );
}

use reqwest::header::{CONTENT_TYPE, HeaderValue};

#[derive(Debug, serde::Deserialize, PartialEq)]
struct Problem {
    detail: Option<String>,
    code: Option<i64>,
    #[serde(flatten)]
    extra: serde_json::Map<String, serde_json::Value>,
}

impl ErrorBody for Problem {
    fn names_member(member: &str) -> bool {
        matches!(member, "detail" | "code")
    }
}

fn headers(content_type: &str) -> HeaderMap {
    let mut h = HeaderMap::new();
    h.insert(CONTENT_TYPE, HeaderValue::from_str(content_type).unwrap());
    h
}

#[test]
fn retyping_an_error_decodes_its_body_again() {
    let raw = r#"{"detail": "gone", "code": 7}"#;
    let err: Error<serde_json::Value> = Error::Api(Box::new(ApiError::new(
        StatusCode::NOT_FOUND,
        headers("application/problem+json"),
        raw.to_string(),
        serde_json::from_str(raw).ok(),
    )));
    let retyped: Error<Problem> = err.retype();
    assert!(retyped.is_not_found());
    let api = retyped.api().expect("still the API error");
    assert_eq!(api.raw, raw);
    assert_eq!(api.body.as_ref().and_then(|p| p.code), Some(7));
    // A body of another shape is no `Problem`: the typed body is empty, the raw body stays.
    let other: Error<serde_json::Value> = Error::Api(Box::new(ApiError::new(
        StatusCode::CONFLICT,
        headers("application/json"),
        r#"{"error": {"code": "busy"}}"#.to_string(),
        None,
    )));
    let retyped: Error<Problem> = other.retype();
    let api = retyped.api().expect("still the API error");
    assert!(api.body.is_none() && api.raw.contains("busy"));
    assert_eq!(
        api.body_as::<serde_json::Value>()
            .map(|v| v["error"]["code"].clone()),
        Some(serde_json::json!("busy"))
    );
    let timeout: Error<Problem> = Error::<serde_json::Value>::Timeout {
        after: Duration::from_millis(1),
    }
    .retype();
    assert!(timeout.is_timeout());
    assert_eq!(timeout.to_string(), "request timed out after 1ms");
}

#[test]
fn an_all_optional_error_type_claims_only_a_body_it_knows() {
    let json = headers("application/json");
    assert_eq!(
        typed_error::<Problem>(&json, br#"{"detail": "gone", "extra": 1}"#),
        Some(Problem {
            detail: Some("gone".into()),
            code: None,
            extra: serde_json::json!({"extra": 1}).as_object().unwrap().clone()
        })
    );
    // A framework's own error shape shares no member: it stays raw.
    assert_eq!(
        typed_error::<Problem>(&json, br#"{"error": {"message": "bad gateway"}}"#),
        None
    );
    assert_eq!(
        typed_error::<Problem>(&headers("text/html"), br#"{"detail": "x"}"#),
        None,
        "an HTML page is never the documented JSON"
    );
    assert_eq!(
        typed_error::<Problem>(&headers("application/problem+json"), br#"{"code": 7}"#),
        Some(Problem {
            detail: None,
            code: Some(7),
            extra: serde_json::Map::new()
        })
    );
    assert_eq!(
        typed_error::<serde_json::Value>(&json, br#"{"anything": true}"#),
        Some(serde_json::json!({"anything": true}))
    );
}
