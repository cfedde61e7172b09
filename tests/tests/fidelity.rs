//! What real servers do that their documents do not say, against a real server on 127.0.0.1:
//! text bodies sent as JSON, media types an operation answers with, headers that are secrets, and
//! a way through when a body does not match its type, and answers compressed.

use codegen_runtime::{ApiSettings, ClientBuilder, Core, Request, RequestOptions};
use reqwest::Method;
use tests::server::{RecordingServer, Reply};

static SETTINGS: ApiSettings = ApiSettings {
    crate_name: "fidelity-test",
    crate_version: "0.0.0",
    default_base_url: "http://127.0.0.1:9",
    base_url_env: None,
    server_variables: &[],
    headers: &[],
    auth: &[],
};

fn core(url: &str) -> Core {
    ClientBuilder::<Core>::new(&SETTINGS)
        .base_url(url)
        .max_retries(0)
        .build()
        .expect("client builds")
}

fn reply(content_type: &str, body: &str) -> Reply {
    Reply::Respond {
        status: 200,
        headers: vec![("content-type".into(), content_type.into())],
        body: body.into(),
    }
}

#[tokio::test]
async fn a_text_response_is_read_by_the_content_type_the_server_sent() {
    let server = RecordingServer::start(vec![
        // Documented as text/plain, sent as a JSON string.
        reply("application/json", "\"1.0.0\""),
        reply(
            "application/json; charset=utf-8",
            "\"a \\\"quoted\\\" word\"",
        ),
        reply("text/plain", "\"1.0.0\""),
        // JSON, but not a string: the text as sent.
        reply("application/json", "{\"version\": 1}"),
        reply("text/plain; charset=utf-8", "plain text"),
    ])
    .await;
    let core = core(&server.url());
    let mut got = Vec::new();
    for _ in 0..5 {
        let response = core
            .send_text::<serde_json::Value>(
                Request::new(Method::GET, "/version".into()),
                RequestOptions::default(),
            )
            .await
            .expect("a text body");
        got.push(response.data);
    }
    assert_eq!(
        got,
        [
            "1.0.0",
            "a \"quoted\" word",
            "\"1.0.0\"",
            "{\"version\": 1}",
            "plain text"
        ]
    );
}

#[derive(Debug, Clone, serde::Deserialize, PartialEq)]
struct Problem {
    title: String,
    status: u16,
}

impl codegen_runtime::ErrorBody for Problem {
    fn names_member(member: &str) -> bool {
        matches!(member, "title" | "status")
    }
}

#[tokio::test]
async fn error_bodies_in_any_json_suffix_decode_as_typed_errors() {
    let problem = |content_type: &str| Reply::Respond {
        status: 422,
        headers: vec![("content-type".into(), content_type.into())],
        body: r#"{"title": "Invalid widget", "status": 422}"#.into(),
    };
    let server = RecordingServer::start(vec![
        problem("application/problem+json"),
        problem("application/vnd.api+json; charset=utf-8"),
        problem("text/html"),
    ])
    .await;
    let core = core(&server.url());
    let mut bodies = Vec::new();
    for _ in 0..3 {
        let err = core
            .send_json::<serde_json::Value, Problem>(
                Request::new(Method::GET, "/widgets/w1".into()),
                RequestOptions::default(),
            )
            .await
            .expect_err("422");
        match err {
            codegen_runtime::Error::Api(api) => bodies.push(api.body),
            other => panic!("not an API error: {other:?}"),
        }
    }
    let typed = Some(Problem {
        title: "Invalid widget".into(),
        status: 422,
    });
    // A page that is not JSON by its type stays raw.
    assert_eq!(bodies, [typed.clone(), typed, None]);
}

#[tokio::test]
async fn headers_the_user_adds_that_carry_secrets_are_secrets() {
    let other = RecordingServer::start(vec![Reply::json(200, serde_json::json!({}))]).await;
    let server = RecordingServer::start(vec![Reply::Redirect {
        status: 307,
        location: format!("{}/moved", other.url().replace("127.0.0.1", "localhost")),
    }])
    .await;
    let core = ClientBuilder::<Core>::new(&SETTINGS)
        .base_url(server.url())
        .max_retries(0)
        .default_header("Authorization", "Bearer abc-secret")
        .default_header("X-Custom-Token", "tok-secret")
        .default_header("X-Trace", "trace-visible")
        .build()
        .expect("builds");
    let shown = format!("{core:?}");
    assert!(
        !shown.contains("abc-secret") && !shown.contains("tok-secret"),
        "{shown}"
    );
    assert!(shown.contains("trace-visible"), "{shown}");

    let opts = RequestOptions {
        extra_headers: vec![
            ("X-Api-Key".into(), "per-call-secret".into()),
            ("X-Request-Tag".into(), "tag-visible".into()),
        ],
        ..RequestOptions::default()
    };
    core.send_json::<serde_json::Value, serde_json::Value>(
        Request::new(Method::GET, "/start".into()),
        opts,
    )
    .await
    .expect("followed");
    let first = &server.requests()[0];
    assert_eq!(first.header("authorization"), Some("Bearer abc-secret"));
    assert_eq!(first.header("x-api-key"), Some("per-call-secret"));
    let followed = &other.requests()[0];
    for name in ["authorization", "x-custom-token", "x-api-key"] {
        assert_eq!(followed.header(name), None, "{name} crossed origins");
    }
    assert_eq!(followed.header("x-trace"), Some("trace-visible"));
    assert_eq!(followed.header("x-request-tag"), Some("tag-visible"));
}

#[tokio::test]
async fn a_list_in_the_path_arrives_as_one_comma_separated_segment() {
    // As a generated `to_request` builds it: each item escaped alone, as RFC 6570's simple
    // expansion escapes (`=` too), so a comma or a slash inside an item cannot split it, and the
    // commas between items reach the server as sent.
    let server = RecordingServer::start(vec![
        reply("application/json", "{}"),
        reply("application/json", "{}"),
    ])
    .await;
    let core = core(&server.url());
    for (filters, sent) in [
        (
            vec!["lexicalCategory=noun", "a,b", "x/y z"],
            "/v9/entries/ace/lexicalCategory%3Dnoun,a%2Cb,x%2Fy%20z",
        ),
        (vec!["one"], "/v9/entries/ace/one"),
    ] {
        let segment =
            codegen_runtime::encode::path_list::<serde_json::Value, _>("filters", &filters)
                .expect("encodes");
        core.send_json::<serde_json::Value, serde_json::Value>(
            Request::new(Method::GET, format!("/v9/entries/ace/{segment}")),
            RequestOptions::default(),
        )
        .await
        .expect("200");
        let last = server.requests().pop().expect("a request arrived");
        assert_eq!(last.path, sent, "{filters:?}");
    }
    // An empty list or an empty item would leave the segment empty: refused before sending.
    for filters in [vec![], vec!["a", ""]] {
        let err = codegen_runtime::encode::path_list::<(), &str>("filters", &filters).unwrap_err();
        assert!(
            matches!(err, codegen_runtime::Error::InvalidInput(_)),
            "{err}"
        );
    }
    assert_eq!(server.requests().len(), 2, "nothing else was sent");
}

#[tokio::test]
async fn a_documented_redirect_is_the_answer_and_is_not_followed() {
    let found = |location: Option<&str>| Reply::Respond {
        status: 302,
        headers: location
            .map(|l| vec![("location".to_string(), l.to_string())])
            .unwrap_or_default(),
        body: Vec::new(),
    };
    let file = Reply::Respond {
        status: 200,
        headers: vec![("content-type".into(), "application/x-tar".into())],
        body: "tar bytes".into(),
    };
    let server = RecordingServer::start(vec![
        // The redirect outcome: a 302 whose target is for the caller, one without a target, and a
        // 304 are each the answer.
        found(Some("/files/archive.tar")),
        found(None),
        Reply::Respond {
            status: 304,
            headers: vec![("etag".into(), "\"v1\"".into())],
            body: Vec::new(),
        },
        // Any other operation follows a redirect, and a 302 it cannot follow is an error.
        found(Some("/files/archive.tar")),
        file,
        found(None),
    ])
    .await;
    let core = core(&server.url());
    let mut got = Vec::new();
    for _ in 0..3 {
        let mut request = Request::new(Method::GET, "/archive".into());
        request.redirect_outcome();
        let response = core
            .send_empty::<serde_json::Value>(request, RequestOptions::default())
            .await
            .expect("the documented outcome");
        let location = response
            .headers
            .get("location")
            .map(|l| l.to_str().unwrap().to_string());
        got.push((response.status.as_u16(), location));
    }
    assert_eq!(
        got,
        [
            (302, Some("/files/archive.tar".to_string())),
            (302, None),
            (304, None),
        ]
    );
    let followed = core
        .send_empty::<serde_json::Value>(
            Request::new(Method::GET, "/widgets".into()),
            RequestOptions::default(),
        )
        .await
        .expect("followed to the file");
    assert_eq!(
        (followed.status.as_u16(), followed.raw),
        (200, bytes::Bytes::from("tar bytes"))
    );
    let err = core
        .send_empty::<serde_json::Value>(
            Request::new(Method::GET, "/widgets".into()),
            RequestOptions::default(),
        )
        .await
        .expect_err("302 is not this operation's outcome");
    assert_eq!(err.status().map(|s| s.as_u16()), Some(302), "{err:?}");
    let paths: Vec<String> = server.requests().into_iter().map(|r| r.path).collect();
    assert_eq!(
        paths,
        [
            "/archive",
            "/archive",
            "/archive",
            "/widgets",
            "/files/archive.tar",
            "/widgets"
        ]
    );
}

#[tokio::test]
async fn compressed_answers_are_asked_for_and_read() {
    let body = serde_json::json!({"id": "v1", "items": vec!["a"; 64]});
    let tarball: Vec<u8> = (0..4096u32).flat_map(|n| n.to_le_bytes()).collect();
    let server = RecordingServer::start(vec![
        Reply::json(200, body.clone()).gzipped(),
        Reply::json(
            422,
            serde_json::json!({"title": "Invalid widget", "status": 422}),
        )
        .gzipped(),
        Reply::Respond {
            status: 200,
            headers: vec![("content-type".into(), "application/x-tar".into())],
            body: tarball.clone(),
        }
        .gzipped(),
    ])
    .await;
    let core = core(&server.url());
    {
        let response = core
            .send_json::<serde_json::Value, serde_json::Value>(
                Request::new(Method::GET, "/widget".into()),
                RequestOptions::default(),
            )
            .await
            .expect("a compressed JSON body decodes");
        assert_eq!(response.data, body);
        assert_eq!(response.raw.as_ref(), body.to_string().as_bytes());
    }
    let err = core
        .send_json::<serde_json::Value, Problem>(
            Request::new(Method::GET, "/widget".into()),
            RequestOptions::default(),
        )
        .await
        .expect_err("a 422");
    match err {
        codegen_runtime::Error::Api(api) => {
            assert_eq!(api.body.map(|p| p.title).as_deref(), Some("Invalid widget"))
        }
        other => panic!("not an API error: {other:?}"),
    }
    let download = core
        .send_byte_stream::<serde_json::Value>(
            Request::new(Method::GET, "/archive".into()),
            RequestOptions::default(),
        )
        .await
        .expect("a stream")
        .data
        .bytes()
        .await
        .expect("the whole stream");
    assert_eq!(download.as_ref(), tarball.as_slice());
    // gzip alone: every server that compresses speaks it, and a document that declares the
    // header (Amadeus: `[gzip, identity]`) takes it.
    for request in server.requests() {
        assert_eq!(request.header("accept-encoding"), Some("gzip"));
    }
}

#[tokio::test]
async fn integers_written_as_floats_read_as_integers() {
    #[derive(Debug, serde::Deserialize, PartialEq)]
    struct Page {
        total: u64,
        limit: i32,
        ratio: f64,
        raw: serde_json::Value,
    }
    let server = RecordingServer::start(vec![
        // Python's and Jackson's floats: valid JSON Schema integers.
        reply(
            "application/json",
            r#"{"total": 120.0, "limit": 2e1, "ratio": 1.0, "raw": {"n": 3.0}}"#,
        ),
        reply(
            "application/json",
            r#"{"total": 1.5, "limit": 20, "ratio": 1, "raw": 0}"#,
        ),
        Reply::json(
            422,
            serde_json::json!({"title": "Invalid widget", "status": 422.0}),
        ),
    ])
    .await;
    let core = core(&server.url());
    let send = || {
        core.send_json::<Page, Problem>(
            Request::new(Method::GET, "/page".into()),
            RequestOptions::default(),
        )
    };
    let page = send().await.expect("integral floats decode").data;
    assert_eq!((page.total, page.limit, page.ratio), (120, 20, 1.0));
    // A member that takes any value keeps the float as sent.
    assert_eq!(page.raw.to_string(), r#"{"n":3.0}"#);
    match send().await.expect_err("a fraction is no integer") {
        codegen_runtime::Error::Decode { path, message, .. } => {
            assert_eq!(path, "total");
            assert!(message.contains("floating point `1.5`"), "{message}");
        }
        other => panic!("not a decode error: {other:?}"),
    }
    match send().await.expect_err("a 422") {
        codegen_runtime::Error::Api(api) => assert_eq!(
            api.body,
            Some(Problem {
                title: "Invalid widget".into(),
                status: 422
            })
        ),
        other => panic!("not an API error: {other:?}"),
    }
}

#[tokio::test]
async fn a_path_parameter_that_is_a_path_keeps_its_slashes() {
    // As a generated `to_request` builds an Azure `scope` (`x-ms-skip-url-encoding`).
    let server = RecordingServer::start(vec![
        reply("application/json", "{}"),
        reply("application/json", "{}"),
    ])
    .await;
    let core = core(&server.url());
    for (scope, sent) in [
        (
            "/subscriptions/1/resourceGroups/my rg",
            "/subscriptions/1/resourceGroups/my%20rg/providers/locks",
        ),
        ("a?b#c", "/a%3Fb%23c/providers/locks"),
    ] {
        let path = codegen_runtime::encode::path_segments::<serde_json::Value>("scope", scope)
            .expect("encodes");
        core.send_json::<serde_json::Value, serde_json::Value>(
            Request::new(Method::GET, format!("/{path}/providers/locks")),
            RequestOptions::default(),
        )
        .await
        .expect("200");
        let last = server.requests().pop().expect("a request arrived");
        assert_eq!(last.path, sent, "{scope:?}");
    }
    // A piece that would climb out of the parameter is refused before sending.
    let err = codegen_runtime::encode::path_segments::<()>("scope", "subscriptions/../tenants")
        .unwrap_err();
    assert!(
        matches!(err, codegen_runtime::Error::InvalidInput(_)),
        "{err}"
    );
    assert_eq!(server.requests().len(), 2, "nothing else was sent");
}

#[tokio::test]
async fn a_byte_order_mark_before_json_is_skipped() {
    let bom = |status: u16, json: &str| Reply::Respond {
        status,
        headers: vec![(
            "content-type".into(),
            "application/json; charset=utf-8".into(),
        )],
        body: [b"\xEF\xBB\xBF".as_slice(), json.as_bytes()].concat(),
    };
    let server = RecordingServer::start(vec![
        bom(200, r#"{"id": "w1"}"#),
        bom(422, r#"{"title": "Invalid widget", "status": 422}"#),
        bom(200, r#""1.0.0""#),
    ])
    .await;
    let core = core(&server.url());
    let widget = core
        .send_json::<serde_json::Value, Problem>(
            Request::new(Method::GET, "/widgets/w1".into()),
            RequestOptions::default(),
        )
        .await
        .expect("decodes");
    assert_eq!(widget.data, serde_json::json!({"id": "w1"}));
    // The body as received keeps the mark.
    assert!(widget.raw.starts_with(b"\xEF\xBB\xBF{"));
    match core
        .send_json::<serde_json::Value, Problem>(
            Request::new(Method::GET, "/widgets/w1".into()),
            RequestOptions::default(),
        )
        .await
    {
        Err(codegen_runtime::Error::Api(api)) => {
            assert_eq!(api.body.map(|p| p.title).as_deref(), Some("Invalid widget"))
        }
        other => panic!("not an API error: {other:?}"),
    }
    let version = core
        .send_text::<Problem>(
            Request::new(Method::GET, "/version".into()),
            RequestOptions::default(),
        )
        .await
        .expect("text");
    assert_eq!(version.data, "1.0.0");
}

#[tokio::test]
async fn a_call_without_a_body_says_its_length_where_the_method_carries_one() {
    let server = RecordingServer::start(vec![
        reply("application/json", "{}"),
        reply("application/json", "{}"),
        reply("application/json", "{}"),
        reply("application/json", "{}"),
    ])
    .await;
    let core = core(&server.url());
    for method in [Method::POST, Method::PUT, Method::PATCH, Method::GET] {
        core.send_json::<serde_json::Value, serde_json::Value>(
            Request::new(method, "/jobs/j1/cancel".into()),
            RequestOptions::default(),
        )
        .await
        .expect("200");
    }
    let lengths: Vec<(String, Option<String>)> = server
        .requests()
        .iter()
        .map(|r| {
            (
                r.method.clone(),
                r.header("content-length").map(str::to_string),
            )
        })
        .collect();
    // Google's front end answers 411 to a POST without it (a `:cancel` call, a state change
    // with no body); hyper sends none unless told.
    let expected = [
        ("POST", Some("0")),
        ("PUT", Some("0")),
        ("PATCH", Some("0")),
        ("GET", None),
    ]
    .map(|(m, l)| (m.to_string(), l.map(str::to_string)));
    assert_eq!(lengths, expected);
}

/// OpenAPI sends an object part of a multipart body as `application/json` (Spring's
/// `@RequestPart` refuses it otherwise); a plain text part carries no type of its own.
#[tokio::test]
async fn an_object_part_says_it_is_json_and_a_text_part_says_nothing() {
    let server = RecordingServer::start(vec![Reply::json(200, serde_json::json!({}))]).await;
    let mut request = Request::new(Method::POST, "/podcasts".into());
    request.text_part("title", "Morning");
    request.typed_part("podcast", r#"{"title":"Morning"}"#, "application/json");
    core(&server.url())
        .send_json::<serde_json::Value, serde_json::Value>(request, RequestOptions::default())
        .await
        .expect("sent");
    let parts: Vec<(String, Option<String>, String)> = server.requests()[0]
        .parts
        .iter()
        .map(|p| {
            let text = String::from_utf8(p.bytes.clone()).expect("utf-8");
            (p.name.clone(), p.content_type.clone(), text)
        })
        .collect();
    assert_eq!(
        parts,
        [
            ("title".into(), None, "Morning".into()),
            (
                "podcast".into(),
                Some("application/json".into()),
                r#"{"title":"Morning"}"#.into()
            ),
        ]
    );
}

/// A JSON answer with nothing in it (xtrf's schema-less `default`, a `PUT` that answers 200 empty)
/// is `null` to a type that takes any value or none, and still a decode error to a type that needs
/// members.
#[tokio::test]
async fn an_empty_json_answer_is_null_where_the_type_allows_it() {
    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Job {
        id: String,
    }
    let server = RecordingServer::start(vec![
        reply("application/json", ""),
        reply("application/json;charset=UTF-8", "\r\n"),
        reply("application/json", ""),
    ])
    .await;
    let core = core(&server.url());
    let get = || Request::new(Method::GET, "/v2/jobs/for-external-id".into());
    let any = core
        .send_json::<serde_json::Value, serde_json::Value>(get(), RequestOptions::default())
        .await
        .expect("an empty answer to an untyped call");
    assert_eq!(any.data, serde_json::Value::Null);
    let none = core
        .send_json::<Option<Job>, serde_json::Value>(get(), RequestOptions::default())
        .await
        .expect("an empty answer to an optional one");
    assert!(none.data.is_none());
    let err = core
        .send_json::<Job, serde_json::Value>(get(), RequestOptions::default())
        .await
        .expect_err("a job needs its id");
    assert!(
        matches!(&err, codegen_runtime::Error::Decode { raw, .. } if raw.is_empty()),
        "{err:?}"
    );
}
