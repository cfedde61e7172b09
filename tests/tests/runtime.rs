//! The runtime contract of REFERENCE.md §2 (retries, timeouts, errors, redirects, safety), played
//! against a real server on 127.0.0.1 that scripts faults. Backoff is shrunk for speed; the
//! defaults themselves are unit-tested in the runtime.

use std::time::{Duration, Instant};

use anthropic_skills::{Client, Error, FilePart};
use serde_json::json;
use tests::server::{RecordingServer, Reply, dropping_server};
use tests::skills::{client_for, create, ok_body, overloaded};

fn gaps(server: &RecordingServer) -> Vec<Duration> {
    let at: Vec<Instant> = server.requests().iter().map(|r| r.at).collect();
    at.windows(2).map(|w| w[1] - w[0]).collect()
}

#[tokio::test]
async fn overloaded_twice_then_success_follows_the_backoff() {
    let server = RecordingServer::start(vec![
        overloaded(),
        overloaded(),
        Reply::json(200, ok_body()),
    ])
    .await;
    let version = create(&client_for(&server.url()))
        .await
        .expect("third attempt succeeds");
    assert_eq!(version.id, "v");
    let gaps = gaps(&server);
    assert_eq!(gaps.len(), 2, "three attempts");
    // min(0.1 * 2^n, 1) * (1 - 0.25 * jitter): 75-100 ms, then 150-200 ms. The upper bounds leave
    // room for a loaded CI machine but still tell the two steps apart from no backoff or a fixed one.
    assert!(
        gaps[0] >= Duration::from_millis(75) && gaps[0] < Duration::from_millis(400),
        "first gap {:?}",
        gaps[0]
    );
    assert!(
        gaps[1] >= Duration::from_millis(150) && gaps[1] < Duration::from_millis(600),
        "second gap {:?}",
        gaps[1]
    );
    assert!(gaps[1] > gaps[0], "the backoff grows: {gaps:?}");
    // Every attempt resent the whole body.
    let parts: Vec<_> = server.requests().iter().map(|r| r.parts.clone()).collect();
    assert!(
        parts.iter().all(|p| p == &parts[0] && p.len() == 1),
        "{parts:?}"
    );
}

#[tokio::test]
async fn retry_after_ms_is_honoured() {
    let server = RecordingServer::start(vec![
        overloaded().with_header("retry-after-ms", "300"),
        Reply::json(200, ok_body()),
    ])
    .await;
    create(&client_for(&server.url())).await.expect("retried");
    let gap = gaps(&server)[0];
    assert!(
        gap >= Duration::from_millis(300) && gap < Duration::from_millis(800),
        "gap {gap:?}"
    );
}

#[tokio::test]
async fn retry_after_as_http_date_is_honoured() {
    let when = httpdate::fmt_http_date(std::time::SystemTime::now() + Duration::from_secs(3));
    let server = RecordingServer::start(vec![
        Reply::json(429, json!({"type": "error", "error": {"type": "rate_limit_error", "message": "slow"}, "request_id": null})).with_header("retry-after", &when),
        Reply::json(200, ok_body()),
    ])
    .await;
    create(&client_for(&server.url())).await.expect("retried");
    let gap = gaps(&server)[0];
    // The date has one-second resolution: between 2 and 3 seconds from now, less scheduling.
    assert!(
        gap >= Duration::from_millis(1500) && gap < Duration::from_millis(3500),
        "gap {gap:?}"
    );
}

#[tokio::test]
async fn x_should_retry_false_stops_after_one_attempt() {
    let server = RecordingServer::start(vec![
        overloaded().with_header("x-should-retry", "false"),
        Reply::json(200, ok_body()),
    ])
    .await;
    let err = create(&client_for(&server.url())).await.unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(529));
    assert!(!err.is_retryable());
    assert_eq!(server.requests().len(), 1);
}

#[tokio::test]
async fn x_should_retry_true_retries_a_400() {
    let bad = Reply::json(
        400,
        json!({"type": "error", "error": {"type": "invalid_request_error", "message": "try again"}, "request_id": null}),
    );
    let server = RecordingServer::start(vec![
        bad.with_header("x-should-retry", "true"),
        Reply::json(200, ok_body()),
    ])
    .await;
    create(&client_for(&server.url()))
        .await
        .expect("retried into success");
    assert_eq!(server.requests().len(), 2);
}

#[tokio::test]
async fn a_plain_400_is_not_retried() {
    let bad = Reply::json(
        400,
        json!({"type": "error", "error": {"type": "invalid_request_error", "message": "no"}, "request_id": null}),
    );
    let server = RecordingServer::start(vec![bad, Reply::json(200, ok_body())]).await;
    create(&client_for(&server.url())).await.unwrap_err();
    assert_eq!(server.requests().len(), 1);
}

#[tokio::test]
async fn a_500_with_a_text_body_keeps_the_text() {
    let server = RecordingServer::start(vec![
        Reply::text(500, "oops").with_header("request-id", "req_oops"),
    ])
    .await;
    let err = create(&client_for(&server.url())).await.unwrap_err();
    assert_eq!(server.requests().len(), 3, "2 retries, as the SDKs");
    let api = err.api().expect("API error");
    assert_eq!(
        (
            api.status.as_u16(),
            api.raw.as_str(),
            api.message.as_deref()
        ),
        (500, "oops", Some("oops"))
    );
    assert!(api.body.is_none(), "not JSON, so no typed body");
    assert_eq!(err.request_id(), Some("req_oops"));
    assert_eq!(
        err.to_string(),
        "API error 500 Internal Server Error: oops (request-id: req_oops)"
    );
}

#[tokio::test]
async fn truncated_json_is_a_decode_error_with_path_and_the_whole_body() {
    let server = RecordingServer::start(vec![Reply::Respond {
        status: 200,
        headers: vec![
            ("content-type".into(), "application/json".into()),
            ("request-id".into(), "req_trunc".into()),
        ],
        body: r#"{"created_at": "t", "description": "d", "directory": "s", "id": 42"#.into(),
    }])
    .await;
    let err = create(&client_for(&server.url())).await.unwrap_err();
    let Error::Decode {
        status,
        request_id,
        path,
        message,
        raw,
        ..
    } = &err
    else {
        panic!("expected Decode, got {err}")
    };
    assert_eq!(
        (status.as_u16(), request_id.as_deref()),
        (200, Some("req_trunc"))
    );
    assert_eq!(path, "id", "serde path of the offending field");
    assert!(message.contains("invalid type"), "{message}");
    // The whole body, byte for byte.
    assert_eq!(
        &raw[..],
        br#"{"created_at": "t", "description": "d", "directory": "s", "id": 42"#
    );
    assert_eq!(
        server.requests().len(),
        1,
        "a bad success body is not retried"
    );

    let cut = RecordingServer::start(vec![Reply::Respond {
        status: 200,
        headers: vec![("content-type".into(), "application/json".into())],
        body: r#"{"created_at": "t", "descr"#.into(),
    }])
    .await;
    let err = create(&client_for(&cut.url())).await.unwrap_err();
    let Error::Decode { message, raw, .. } = &err else {
        panic!("expected Decode, got {err}")
    };
    assert!(message.contains("EOF"), "{message}");
    assert_eq!(&raw[..], br#"{"created_at": "t", "descr"#);
    assert!(
        err.to_string()
            .contains("could not decode the 200 OK response"),
        "{err}"
    );
}

#[tokio::test]
async fn a_dropped_connection_is_retried() {
    let upstream = RecordingServer::start(vec![Reply::json(200, ok_body())]).await;
    let (addr, accepted) = dropping_server(1, upstream.addr).await;
    create(&client_for(&format!("http://{addr}")))
        .await
        .expect("second connection succeeds");
    assert_eq!(*accepted.lock().unwrap(), 2);
    assert_eq!(upstream.requests().len(), 1);
}

#[tokio::test]
async fn a_slow_server_times_out_then_is_retried() {
    let server = RecordingServer::start(vec![
        Reply::Delayed(
            Duration::from_secs(3),
            Box::new(Reply::json(200, ok_body())),
        ),
        Reply::json(200, ok_body()),
    ])
    .await;
    let client = client_for(&server.url());
    let start = Instant::now();
    let version = client
        .skills()
        .versions()
        .create("s")
        .files([FilePart::from_bytes("s/SKILL.md", "x")])
        .timeout(Duration::from_millis(200))
        .send()
        .await;
    assert!(
        version.is_ok(),
        "retry after the timeout succeeds: {version:?}"
    );
    assert!(
        start.elapsed() < Duration::from_secs(2),
        "did not wait for the slow reply: {:?}",
        start.elapsed()
    );
    assert_eq!(server.requests().len(), 2);

    let slow = RecordingServer::start(vec![Reply::Delayed(
        Duration::from_secs(3),
        Box::new(Reply::json(200, ok_body())),
    )])
    .await;
    let err = client_for(&slow.url())
        .skills()
        .versions()
        .create("s")
        .files([FilePart::from_bytes("s/SKILL.md", "x")])
        .timeout(Duration::from_millis(100))
        .max_retries(0)
        .send()
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Timeout { .. }), "{err}");
    assert!(err.is_retryable());
    assert!(err.to_string().contains("timed out after 100ms"), "{err}");
    assert!(err.is_timeout() && !err.is_connection() && !err.is_not_found());
}

#[tokio::test]
async fn a_cross_origin_redirect_never_carries_the_api_key() {
    let other = RecordingServer::start(vec![Reply::json(200, ok_body())]).await;
    let target = format!("{}/v1/skills/skill_1/versions", other.url());
    let first = RecordingServer::start(vec![Reply::Redirect {
        status: 307,
        location: target,
    }])
    .await;
    create(&client_for(&first.url()))
        .await
        .expect("redirect followed");
    let there = other.requests();
    assert_eq!(there.len(), 1);
    assert_eq!(
        there[0].header("x-api-key"),
        None,
        "the key crossed origins"
    );
    assert_eq!(there[0].header("anthropic-version"), Some("2023-06-01"));
    assert_eq!(there[0].parts.len(), 1, "307 resends the body");
    assert_eq!(
        first.requests()[0].header("x-api-key"),
        Some("sk-secret-key")
    );

    // A same-origin redirect keeps it.
    let same = RecordingServer::start(vec![
        Reply::Redirect {
            status: 308,
            location: "/v1/elsewhere".into(),
        },
        Reply::json(200, ok_body()),
    ])
    .await;
    create(&client_for(&same.url()))
        .await
        .expect("redirect followed");
    let requests = same.requests();
    assert_eq!(
        (requests[1].path.as_str(), requests[1].header("x-api-key")),
        ("/v1/elsewhere", Some("sk-secret-key"))
    );
}

#[tokio::test]
async fn header_values_with_line_breaks_are_refused_before_sending() {
    let server = RecordingServer::start(vec![Reply::json(200, ok_body())]).await;
    let client = client_for(&server.url());
    for bad in ["a\r\nx-injected: 1", "a\nb", "a\rb"] {
        let err = client
            .skills()
            .versions()
            .create("s")
            .betas([bad])
            .files([FilePart::from_bytes("s/SKILL.md", "x")])
            .send()
            .await
            .unwrap_err();
        assert!(matches!(err, Error::InvalidInput(_)), "{err}");
        let err = client
            .skills()
            .versions()
            .create("s")
            .extra_header("x-trace", bad)
            .files([FilePart::from_bytes("s/SKILL.md", "x")])
            .send()
            .await
            .unwrap_err();
        assert!(err.to_string().contains("x-trace"), "{err}");
    }
    let err = Client::builder().api_key("sk\nbad").build().unwrap_err();
    assert!(
        matches!(err, Error::InvalidInput(_)) && !err.to_string().contains("sk\nbad"),
        "{err}"
    );
    assert!(server.requests().is_empty(), "nothing was sent");
}

#[tokio::test]
async fn per_request_overrides_and_default_headers() {
    let server = RecordingServer::start(vec![overloaded()]).await;
    let client = Client::builder()
        .api_key("k")
        .base_url(server.url())
        .default_header("anthropic-version", "2099-01-01")
        .default_header("x-team", "core")
        .max_retries(5)
        .retry_backoff(Duration::from_millis(1), Duration::from_millis(2))
        .build()
        .expect("builds");
    let err = client
        .skills()
        .versions()
        .create("s")
        .files([FilePart::from_bytes("s/SKILL.md", "x")])
        .max_retries(1)
        .extra_header("x-request", "r1")
        .send()
        .await
        .unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(529));
    let requests = server.requests();
    assert_eq!(
        requests.len(),
        2,
        "per-request max_retries(1) wins over the client's 5"
    );
    for r in &requests {
        assert_eq!(
            (
                r.header("anthropic-version"),
                r.header("x-team"),
                r.header("x-request")
            ),
            (Some("2099-01-01"), Some("core"), Some("r1"))
        );
    }
}

#[tokio::test]
async fn the_api_key_never_shows() {
    let server = RecordingServer::start(vec![Reply::json(401, json!({"type": "error", "error": {"type": "authentication_error", "message": "invalid x-api-key"}, "request_id": null}))]).await;
    let client = client_for(&server.url());
    let shown = format!("{client:?}");
    assert!(
        !shown.contains("sk-secret-key") && shown.contains("redacted"),
        "{shown}"
    );
    let err = create(&client).await.unwrap_err();
    assert!(!format!("{err} {err:?}").contains("sk-secret-key"));
}

#[tokio::test]
async fn a_caller_supplied_reqwest_client_is_used() {
    let server = RecordingServer::start(vec![Reply::json(200, ok_body())]).await;
    let http = reqwest::Client::builder()
        .user_agent("ignored-by-design")
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("reqwest client");
    let client = Client::builder()
        .api_key("k")
        .base_url(server.url())
        .http_client(http)
        .build()
        .expect("client");
    create(&client)
        .await
        .expect("sent through the caller's client");
    // Our per-request User-Agent wins over the client default, so the crate stays identifiable.
    assert_eq!(
        server.requests()[0].header("user-agent"),
        Some("anthropic-skills/0.3.0")
    );
}

#[test]
fn from_env_reads_the_key_and_base_url() {
    // The only test in this binary that touches the environment.
    unsafe {
        std::env::remove_var("ANTHROPIC_API_KEY");
        std::env::remove_var("ANTHROPIC_BASE_URL");
    }
    let err = Client::from_env().unwrap_err();
    assert!(err.to_string().contains("ANTHROPIC_API_KEY"), "{err}");
    unsafe {
        std::env::set_var("ANTHROPIC_API_KEY", "sk-env");
        std::env::set_var("ANTHROPIC_BASE_URL", "http://127.0.0.1:9/");
    }
    let client = Client::from_env().expect("configured from the environment");
    assert_eq!(client.base_url(), "http://127.0.0.1:9");
    unsafe { std::env::remove_var("ANTHROPIC_BASE_URL") };
    assert_eq!(
        Client::from_env().expect("default base url").base_url(),
        "https://api.anthropic.com"
    );
}

#[test]
fn tls_is_rustls_without_openssl() {
    let lock = std::fs::read_to_string(tests::repo_root().join("Cargo.lock")).expect("Cargo.lock");
    let packages: Vec<&str> = lock
        .lines()
        .filter_map(|l| l.strip_prefix("name = \""))
        .map(|n| n.trim_end_matches('"'))
        .collect();
    // `openssl-probe` only looks for the system's certificate files; it links nothing.
    for banned in ["openssl", "openssl-sys", "native-tls"] {
        assert!(!packages.contains(&banned), "{banned} crept in");
    }
    assert!(packages.contains(&"rustls"));
}
