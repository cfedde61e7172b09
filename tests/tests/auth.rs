//! Credentials from the spec's security schemes, on the wire against a real server on 127.0.0.1:
//! each operation sends the credentials of the schemes it accepts and no others, secrets stay
//! with their origin on a redirect, and no error message shows a key.

use std::time::Duration;

use codegen_runtime::{
    ApiSettings, AuthKind, AuthScheme, ClientBuilder, Core, Error, Request, RequestOptions,
};
use reqwest::Method;
use serde_json::json;
use tests::server::{Recorded, RecordingServer, Reply};

static SETTINGS: ApiSettings = ApiSettings {
    crate_name: "auth-test",
    crate_version: "0.0.0",
    default_base_url: "http://127.0.0.1:9",
    base_url_env: None,
    server_variables: &[],
    headers: &[],
    auth: &[
        AuthScheme {
            name: "bearerAuth",
            kind: AuthKind::Bearer,
            env: Some("AUTH_TEST_TOKEN_FROM_ENV"),
        },
        AuthScheme {
            name: "bearerTwo",
            kind: AuthKind::Bearer,
            env: None,
        },
        AuthScheme {
            name: "basicAuth",
            kind: AuthKind::Basic,
            env: None,
        },
        AuthScheme {
            name: "keyHeader",
            kind: AuthKind::Header("X-Key"),
            env: None,
        },
        AuthScheme {
            name: "keyQuery",
            kind: AuthKind::Query("api_key"),
            env: None,
        },
        AuthScheme {
            name: "keyCookie",
            kind: AuthKind::Cookie("sid"),
            env: None,
        },
    ],
};

fn builder(url: &str) -> ClientBuilder<Core> {
    ClientBuilder::<Core>::new(&SETTINGS)
        .base_url(url)
        .max_retries(0)
        .retry_backoff(Duration::from_millis(1), Duration::from_millis(5))
}

fn full(url: &str) -> Core {
    builder(url)
        .bearer_token("tok-123")
        .basic_auth("ada", "pa:ss")
        .credential("keyHeader", "hdr-456")
        .credential("keyQuery", "qry-789")
        .credential("keyCookie", "ck-000")
        .build()
        .expect("client builds")
}

async fn call(core: &Core, schemes: &'static [&'static [&'static str]]) -> Result<(), Error> {
    let mut request = Request::new(Method::GET, "/v1/things".into());
    request.query("limit", 2);
    request.auth(schemes);
    core.send_json::<serde_json::Value, serde_json::Value>(request, RequestOptions::default())
        .await
        .map(|_| ())
}

fn ok() -> Reply {
    Reply::json(200, json!({}))
}

fn query(r: &Recorded) -> &str {
    r.query.as_deref().unwrap_or("")
}

#[tokio::test]
async fn each_operation_sends_only_the_credentials_it_accepts() {
    let server = RecordingServer::start(vec![ok(), ok(), ok()]).await;
    let core = full(&server.url());
    call(&core, &[&["bearerAuth", "keyQuery"]])
        .await
        .expect("ok");
    call(&core, &[&["basicAuth", "keyHeader", "keyCookie"]])
        .await
        .expect("ok");
    call(&core, &[]).await.expect("ok");
    let requests = server.requests();

    let first = &requests[0];
    assert_eq!(first.header("authorization"), Some("Bearer tok-123"));
    assert_eq!(query(first), "limit=2&api_key=qry-789");
    assert_eq!(first.header("x-key"), None);
    assert_eq!(first.header("cookie"), None);

    let second = &requests[1];
    // base64("ada:pa:ss"): the password keeps its colon.
    assert_eq!(second.header("authorization"), Some("Basic YWRhOnBhOnNz"));
    assert_eq!(second.header("x-key"), Some("hdr-456"));
    assert_eq!(second.header("cookie"), Some("sid=ck-000"));
    assert_eq!(query(second), "limit=2");

    let third = &requests[2];
    assert_eq!(third.header("authorization"), None);
    assert_eq!(third.header("x-key"), None);
    assert_eq!(query(third), "limit=2");
}

#[tokio::test]
async fn a_scheme_without_a_credential_sends_nothing() {
    let server = RecordingServer::start(vec![ok()]).await;
    let core = builder(&server.url())
        .api_key("only-the-key")
        .build()
        .expect("builds");
    call(&core, &[&["bearerAuth"], &["keyHeader"]])
        .await
        .expect("ok");
    let r = &server.requests()[0];
    assert_eq!(r.header("authorization"), None);
    // `api_key` sets the first API-key scheme when the config declares no key header.
    assert_eq!(r.header("x-key"), Some("only-the-key"));
}

#[tokio::test]
async fn security_alternatives_are_or_the_first_one_held_is_sent_alone() {
    let server = RecordingServer::start(vec![ok(), ok(), ok(), ok()]).await;
    // Two bearer schemes with different tokens: only the first alternative's goes out.
    let core = builder(&server.url())
        .credential("bearerAuth", "first")
        .credential("bearerTwo", "second")
        .credential("keyHeader", "hdr")
        .build()
        .expect("builds");
    call(&core, &[&["bearerAuth"], &["bearerTwo"]])
        .await
        .expect("ok");
    call(&core, &[&["bearerTwo"], &["bearerAuth"]])
        .await
        .expect("ok");
    // An alternative the client lacks a credential of is skipped whole, even when it holds a part.
    call(&core, &[&["basicAuth", "keyHeader"], &["bearerTwo"]])
        .await
        .expect("ok");
    call(&core, &[&["basicAuth"], &["keyCookie"]])
        .await
        .expect("ok");
    let requests = server.requests();
    let authorization = |i: usize| -> Vec<String> {
        requests[i]
            .headers
            .get_all("authorization")
            .iter()
            .map(|v| v.to_str().expect("ascii").to_string())
            .collect()
    };
    assert_eq!(authorization(0), ["Bearer first"]);
    assert_eq!(authorization(1), ["Bearer second"]);
    assert_eq!(authorization(2), ["Bearer second"]);
    assert_eq!(requests[2].header("x-key"), None);
    assert!(authorization(3).is_empty());
    assert_eq!(requests[3].header("x-key"), None);
}

#[tokio::test]
async fn credentials_never_follow_a_redirect_to_another_origin() {
    let other = RecordingServer::start(vec![ok()]).await;
    let server = RecordingServer::start(vec![Reply::Redirect {
        status: 307,
        location: format!(
            "{}/v1/elsewhere",
            other.url().replace("127.0.0.1", "localhost")
        ),
    }])
    .await;
    let core = full(&server.url());
    call(
        &core,
        &[&["bearerAuth", "keyHeader", "keyCookie", "keyQuery"]],
    )
    .await
    .expect("followed");
    assert_eq!(
        server.requests()[0].header("authorization"),
        Some("Bearer tok-123")
    );
    let followed = &other.requests()[0];
    assert_eq!(followed.path, "/v1/elsewhere");
    for name in ["authorization", "x-key", "cookie"] {
        assert_eq!(followed.header(name), None, "{name} crossed origins");
    }
    assert!(!query(followed).contains("qry-789"));
}

#[tokio::test]
async fn no_error_or_debug_output_shows_a_credential() {
    // Nothing listens on port 9 of 127.0.0.1 in the test environment: the connection fails.
    let core = full("http://127.0.0.1:9");
    let shown = format!("{core:?}");
    let err = call(&core, &[&["bearerAuth", "keyQuery", "keyHeader"]])
        .await
        .expect_err("nothing listens");
    let message = format!("{err} {err:?}");
    for secret in ["tok-123", "qry-789", "hdr-456", "ck-000", "YWRh"] {
        assert!(
            !message.contains(secret),
            "{secret} in the error: {message}"
        );
        assert!(!shown.contains(secret), "{secret} in Debug: {shown}");
    }
    assert!(shown.contains("bearerAuth"), "{shown}");
    assert!(matches!(err, Error::Connection { .. }), "{err:?}");
}

#[test]
fn an_unknown_scheme_fails_the_build_naming_the_known_ones() {
    let err = builder("http://127.0.0.1:9")
        .credential("oauth", "t")
        .build()
        .expect_err("unknown scheme")
        .to_string();
    assert!(
        err.contains("`oauth`") && err.contains("bearerAuth") && err.contains("keyCookie"),
        "{err}"
    );
}

#[tokio::test]
async fn with_env_reads_a_schemes_variable() {
    let server = RecordingServer::start(vec![ok()]).await;
    // SAFETY: this binary's only reader of the variable is this test.
    unsafe { std::env::set_var("AUTH_TEST_TOKEN_FROM_ENV", "env-tok") };
    let core = builder(&server.url()).with_env().build().expect("builds");
    call(&core, &[&["bearerAuth"]]).await.expect("ok");
    assert_eq!(
        server.requests()[0].header("authorization"),
        Some("Bearer env-tok")
    );
}

static REQUIRED: ApiSettings = ApiSettings {
    crate_name: "auth-required-test",
    crate_version: "0.0.0",
    default_base_url: "http://127.0.0.1:9",
    base_url_env: None,
    server_variables: &[],
    headers: &[],
    auth: &[
        AuthScheme {
            name: "bearerAuth",
            kind: AuthKind::Bearer,
            env: Some("AUTH_TEST_REQUIRED_TOKEN"),
        },
        AuthScheme {
            name: "keyHeader",
            kind: AuthKind::Header("X-Key"),
            env: Some("AUTH_TEST_REQUIRED_KEY"),
        },
    ],
};

#[test]
fn a_client_that_needs_a_credential_fails_to_build_without_one_naming_the_variables() {
    let build = || {
        ClientBuilder::<Core>::new(&REQUIRED)
            .with_env()
            .require_credentials()
            .build()
    };
    // SAFETY: these variables are read by this test alone.
    unsafe {
        std::env::remove_var("AUTH_TEST_REQUIRED_TOKEN");
        std::env::remove_var("AUTH_TEST_REQUIRED_KEY");
    }
    let err = build().unwrap_err().to_string();
    assert!(
        err.contains("missing credential")
            && err.contains("AUTH_TEST_REQUIRED_TOKEN (the `bearerAuth` scheme) or AUTH_TEST_REQUIRED_KEY (the `keyHeader` scheme)"),
        "{err}"
    );
    // Either scheme's variable is enough; so is a credential set in code.
    unsafe { std::env::set_var("AUTH_TEST_REQUIRED_KEY", "k") };
    build().expect("the key variable is a credential");
    unsafe { std::env::remove_var("AUTH_TEST_REQUIRED_KEY") };
    ClientBuilder::<Core>::new(&REQUIRED)
        .with_env()
        .bearer_token("t")
        .require_credentials()
        .build()
        .expect("a token set in code");
    // Without the requirement (an API where some operation needs none), nothing is demanded.
    ClientBuilder::<Core>::new(&REQUIRED)
        .with_env()
        .build()
        .expect("builds with no credential");
}
