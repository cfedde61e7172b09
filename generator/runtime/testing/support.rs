//! Helpers of the generated API tests (`tests/api.rs`): a client for the mock server, sample values,
//! and checks that fail with the mock server's own words.
//!
//! The tests run against a server that validates each request against the OpenAPI document, such
//! as `prism mock` or Steady (`cargo xtask openapi` writes the document). Prism answers a request
//! that breaks the document with a status of its own and an `sl-violations` header listing what
//! was wrong; Steady with `x-steady-request-valid: false` and one `x-steady-error-N-*` header set
//! per finding.

// Each crate's tests use the helpers its operations need.
#![allow(dead_code)]

use std::fmt::Debug;
use std::time::Duration;

use crate::api;
use crate::api::{ApiResponse, Error};

/// The header in which Prism lists the request's violations of the document.
const VIOLATIONS: &str = "sl-violations";

/// A client for the server at `TEST_API_BASE_URL`; `None`, with the reason printed, when unset, so
/// an offline `cargo test` stays green.
pub fn client(test: &str) -> Option<api::Client> {
    let Some(base_url) = std::env::var("TEST_API_BASE_URL")
        .ok()
        .filter(|v| !v.is_empty())
    else {
        println!(
            "skipped {test}: TEST_API_BASE_URL is not set (point it at a mock server such as `prism mock`)"
        );
        return None;
    };
    let mut builder = api::Client::builder()
        .base_url(base_url)
        .api_key("test-api-key")
        // A mock answers at once; a retry would only hide a failure.
        .max_retries(0)
        .timeout(Duration::from_secs(60));
    // A credential for every security scheme: the mock checks that one is present.
    for scheme in builder.auth_schemes() {
        builder = builder.credential(scheme.name, "test-user:test-credential");
    }
    let client = builder
        .build()
        .unwrap_or_else(|e| panic!("{test}: cannot build the client: {e}"));
    Some(client)
}

/// A sample value, written as JSON in the test, decoded into the argument's type.
pub fn sample<T: serde::de::DeserializeOwned>(json: &str) -> T {
    serde_json::from_str(json).unwrap_or_else(|e| {
        panic!(
            "the sample {json} does not decode into {}: {e}",
            std::any::type_name::<T>()
        )
    })
}

/// A small in-memory file to upload.
pub fn file(name: &str, contents: &'static str) -> api::FilePart {
    api::FilePart::from_bytes(name, contents.as_bytes())
}

/// Prism's findings from the `sl-violations` header, split into the request's (a client bug) and
/// the response's (the document's example and its schema disagree: a spec bug).
#[derive(Default)]
struct Violations {
    request: Vec<String>,
    response: Vec<String>,
}

/// Whether the answer came from Steady, which marks every response it makes.
fn from_steady(headers: &reqwest::header::HeaderMap) -> bool {
    headers.contains_key("x-steady-request-valid") || headers.contains_key("x-steady-matched-path")
}

/// Steady's findings on the request, each as `CODE at PATH: MESSAGE`.
fn steady_violations(headers: &reqwest::header::HeaderMap) -> Vec<String> {
    let text = |name: String| {
        headers
            .get(name.as_str())
            .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned())
    };
    if text("x-steady-request-valid".into()).as_deref() != Some("false") {
        return Vec::new();
    }
    let count: usize = text("x-steady-error-count".into())
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    let mut found: Vec<String> = (1..=count.max(1))
        .filter_map(|n| {
            let message = text(format!("x-steady-error-{n}-message"))?;
            let code = text(format!("x-steady-error-{n}-code")).unwrap_or_default();
            let path = text(format!("x-steady-error-{n}-path")).unwrap_or_default();
            Some(format!("{code} at {path}: {message}"))
        })
        .collect();
    if found.is_empty() {
        found.push("Steady marked the request invalid".into());
    }
    found
}

fn violations(headers: &reqwest::header::HeaderMap) -> Violations {
    let mut found = Violations {
        request: steady_violations(headers),
        response: Vec::new(),
    };
    let Some(text) = headers
        .get(VIOLATIONS)
        .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned())
    else {
        return found;
    };
    // Prism writes `Too many violations! [...]` when the list is long.
    let list = text.find('[').map_or("", |i| &text[i..]);
    match serde_json::from_str::<Vec<serde_json::Value>>(list) {
        Ok(items) => {
            for item in items {
                let text = item.to_string();
                // A warning (a deprecated parameter sent) is a note, not a broken request.
                if item["severity"].as_str().is_some_and(|s| s != "Error") {
                    println!("mock-note: {text}");
                } else if item["location"][0] == "response" {
                    found.response.push(text);
                } else {
                    found.request.push(text);
                }
            }
        }
        // A list too long to parse whole: it is the response's alone when no entry names the
        // request.
        Err(_) if !text.contains(r#""location":["request""#) => found.response.push(text),
        Err(_) => found.request.push(text),
    }
    found
}

/// A note the test runner counts: the mock answered from a document whose example breaks its own
/// schema, so the response says nothing about the client.
fn spec_note(label: &str, what: &str, response: &[String]) {
    println!(
        "spec-note: {label}: {what}; Prism reports: {}",
        response.join(", ")
    );
}

/// Prism's own failures, not the client's: it cannot serialize a media type (`application/x-jsonl`,
/// `application/octet-stream`), its faker crashed, the document defines no response to give, or
/// the document puts an object under `*/*` or `text/plain` alone, which Prism will not send as
/// JSON whatever `Accept` asks for.
fn prism_failure(raw: &str) -> bool {
    [
        "errors#UNKNOWN",
        "errors#NO_RESPONSE_RESPONSE_DEFINED",
        "errors#NO_COMPLEX_OBJECT_TEXT",
    ]
        .iter()
        .any(|kind| raw.contains(&format!("https://stoplight.io/prism/{kind}")))
}

/// Steady's own failure: the document gives it no response to make (`Response not defined`).
fn steady_failure<E>(e: &crate::api::ApiError<E>) -> bool {
    e.status.as_u16() == 500
        && from_steady(&e.headers)
        && e.raw.contains("Internal server error")
}

/// A note the test runner lists: a call that Steady itself could not answer.
fn steady_note(label: &str, raw: &str) {
    println!("steady-limit: {label}: Steady cannot answer it: {raw}");
}

/// A note the test runner counts and lists: a call that Prism itself could not answer.
fn prism_note(label: &str, raw: &str) {
    let title = serde_json::from_str::<serde_json::Value>(raw)
        .ok()
        .and_then(|v| {
            v["title"]
                .as_str()
                .map(|t| t.lines().next().unwrap_or_default().to_string())
        })
        .unwrap_or_else(|| raw.to_string());
    println!("prism-limit: {label}: Prism cannot answer it: {title}");
}

/// A streamed response read to its end: the first line or chunk that fails is the result.
pub async fn drained<S, T, E>(
    result: Result<ApiResponse<S>, Error<E>>,
) -> Result<ApiResponse<Vec<T>>, Error<E>>
where
    S: futures_util::Stream<Item = Result<T, Error<E>>> + Unpin,
{
    use futures_util::TryStreamExt;
    let mut response = result?;
    let data: Vec<T> = (&mut response.data).try_collect().await?;
    Ok(response.map(|_| data))
}

/// The request succeeded, the mock server flagged nothing in it, and the body decoded into the
/// typed response.
pub fn expect_success<T: Debug, E: Debug>(label: &str, result: Result<ApiResponse<T>, Error<E>>) {
    match result {
        Ok(response) => {
            let v = violations(&response.headers);
            if !v.request.is_empty() {
                panic!(
                    "{label}: the server flagged the request: {}",
                    v.request.join(", ")
                );
            }
            if !v.response.is_empty() {
                spec_note(
                    label,
                    "the documented example breaks the documented schema",
                    &v.response,
                );
            }
        }
        Err(Error::Decode {
            headers,
            message,
            path,
            ..
        }) => {
            let v = violations(&headers);
            if !v.request.is_empty() || v.response.is_empty() {
                panic!(
                    "{label}: the response does not decode at `{path}`: {message} {}",
                    v.request.join(", ")
                );
            }
            spec_note(
                label,
                &format!(
                    "the documented example breaks the documented schema and does not decode at `{path}` ({message})"
                ),
                &v.response,
            );
        }
        Err(Error::Api(e)) if prism_failure(&e.raw) => prism_note(label, &e.raw),
        Err(Error::Api(e)) if steady_failure(&e) => steady_note(label, &e.raw),
        Err(Error::Api(e)) => {
            let v = violations(&e.headers);
            match v.request.is_empty() {
                false => panic!(
                    "{label}: HTTP {}: the server flagged the request: {}",
                    e.status,
                    v.request.join(", ")
                ),
                true => panic!("{label}: HTTP {}: {}", e.status, e.raw),
            }
        }
        Err(other) => panic!("{label}: {other}"),
    }
}

/// A call to an operation whose document declares no success status, only errors (callfire's
/// `PUT /webhooks/{id}`, 114 operations in 24 APIs.guru documents): a mock can only answer one
/// of those. An error answer to a request it accepted passes, noted as the mock's limit; a
/// request it flagged fails as in [`expect_success`].
pub fn expect_accepted<T: Debug, E: Debug>(label: &str, result: Result<ApiResponse<T>, Error<E>>) {
    match result {
        Err(Error::Api(e))
            if violations(&e.headers).request.is_empty()
                && !prism_failure(&e.raw)
                && !steady_failure(&e) =>
        {
            println!(
                "mock-limit: {label}: the document declares no success status; the mock answered \
                 HTTP {}",
                e.status
            );
        }
        other => expect_success(label, other),
    }
}

/// Up to two pages through `.pages()`: each that arrives decoded and passed the checks of
/// [`expect_success`]. A mock's cursors and links are not real: a walk it leads in a circle or
/// to another origin ends in `Error::Pagination`, which is its limit, not a failure.
pub async fn expect_pages<P, E>(label: &str, pages: api::Pages<P, E>)
where
    P: api::Page + Debug + Send + 'static,
    E: api::ErrorBody + Debug + Send + 'static,
{
    use futures_util::StreamExt;
    let taken: Vec<_> = pages.take(2).collect().await;
    // A first page whose documented example breaks its own schema hands on a cursor that may
    // break it too; the mock then flags the second request for what it gave.
    let example_broken = matches!(
        taken.first(),
        Some(Ok(first)) if !violations(&first.headers).response.is_empty()
    );
    for (i, page) in taken.into_iter().enumerate() {
        let label = format!("{label} (page {} through .pages())", i + 1);
        match page {
            Err(Error::Pagination { message }) if i > 0 => {
                println!("mock-limit: {label}: {message}");
            }
            Err(Error::Api(e))
                if i > 0 && example_broken && !violations(&e.headers).request.is_empty() =>
            {
                println!(
                    "mock-limit: {label}: the cursor comes from an example that breaks its own \
                     schema: {}",
                    violations(&e.headers).request.join(", ")
                );
            }
            // A next URL the mock made up (`/string`) names no route of the document.
            Err(Error::Api(e)) if i > 0 && e.raw.contains("NO_PATH_MATCHED_ERROR") => {
                println!("mock-limit: {label}: the mock's next URL names no route");
            }
            other => expect_success(&label, other),
        }
    }
}

/// Each of `statuses` asked of the mock in turn and checked by [`expect_error`]: `send` sends the
/// operation's call with the given `Prefer` header value (`code=NNN`). The body of each status in
/// `typed` must decode into the typed error; the others document no body.
pub async fn expect_errors<T, E, F>(
    label: &str,
    statuses: &[u16],
    typed: &[u16],
    send: impl Fn(String) -> F,
) where
    T: Debug,
    E: Debug + api::ErrorBody,
    F: Future<Output = Result<ApiResponse<T>, Error<E>>>,
{
    for &status in statuses {
        let label = format!("{label} (Prefer: code={status})");
        let typed = typed.contains(&status);
        expect_error(&label, status, typed, send(format!("code={status}")).await);
    }
}

/// A JSON object none of whose members the error type names: a documented example written for
/// another shape (iqualify's `{details, name}` beside a schema that wraps them in `error`).
/// The client keeps such a body raw rather than claim it, and a test cannot tell the document's
/// intent, so it is noted, not failed.
fn shares_no_member<E: api::ErrorBody>(raw: &str) -> bool {
    match serde_json::from_str::<serde_json::Value>(raw) {
        Ok(serde_json::Value::Object(members)) => {
            !members.is_empty() && !members.keys().any(|m| E::names_member(m))
        }
        _ => false,
    }
}

/// Error statuses a mock cannot be asked for: the operation's declared `Accept` admits only its
/// success media types while its errors are JSON, so a negotiating mock answers with a success.
pub fn errors_not_negotiable(label: &str, statuses: &[u16]) {
    for status in statuses {
        println!(
            "mock-limit: {label} (Prefer: code={status}): the declared Accept admits no error media type"
        );
    }
}

/// The request failed with `status`, the status the test asked for (`Prefer: code=...`), and the
/// error body decoded into the typed error when the operation has one.
fn expect_error<T: Debug, E: Debug + api::ErrorBody>(
    label: &str,
    status: u16,
    typed: bool,
    result: Result<ApiResponse<T>, Error<E>>,
) {
    match result {
        Err(Error::Api(e)) if prism_failure(&e.raw) => prism_note(label, &e.raw),
        Err(Error::Api(e)) if steady_failure(&e) => steady_note(label, &e.raw),
        // Without a documented success, the status Steady answers is the first documented error.
        Err(Error::Api(e))
            if from_steady(&e.headers)
                && e.status.as_u16() != status
                && violations(&e.headers).request.is_empty() =>
        {
            println!(
                "mock-limit: {label}: Steady answers a valid request with its first documented status (HTTP {}), never a chosen HTTP {status}",
                e.status
            );
        }
        Err(Error::Api(e)) => {
            let v = violations(&e.headers);
            if !v.request.is_empty() {
                panic!(
                    "{label}: HTTP {}: the server flagged the request: {}",
                    e.status,
                    v.request.join(", ")
                );
            }
            if !v.response.is_empty() {
                spec_note(
                    label,
                    "the documented error example breaks the documented schema",
                    &v.response,
                );
                if e.body.is_none() {
                    return;
                }
            }
            assert_eq!(
                e.status.as_u16(),
                status,
                "{label}: expected HTTP {status}, got {}: {}",
                e.status,
                e.raw
            );
            if typed && e.body.is_none() && shares_no_member::<E>(&e.raw) {
                println!(
                    "spec-note: {label}: the documented HTTP {status} body shares no member with the documented error type: {}",
                    e.raw
                );
                return;
            }
            assert!(
                !typed || e.body.is_some(),
                "{label}: the HTTP {status} body does not decode into the typed error: {}",
                e.raw
            );
        }
        // Steady has no `Prefer: code`: it answers every valid request with the documented
        // success. The request was still checked: a finding of Steady's fails the test.
        Ok(response) if from_steady(&response.headers) => {
            let v = violations(&response.headers);
            if !v.request.is_empty() {
                panic!(
                    "{label}: the server flagged the request: {}",
                    v.request.join(", ")
                );
            }
            println!(
                "mock-limit: {label}: Steady answers a valid request with its success status, never a chosen HTTP {status}"
            );
        }
        Ok(response) => panic!(
            "{label}: expected HTTP {status}, got {}: {:?}",
            response.status, response.data
        ),
        Err(other) => panic!("{label}: expected HTTP {status}, got: {other}"),
    }
}
