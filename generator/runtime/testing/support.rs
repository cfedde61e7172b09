//! Helpers of the generated API tests (`tests/api.rs`): a client for the mock server, sample values,
//! and checks that fail with the mock server's own words.
//!
//! The tests run against a server that validates each request against the OpenAPI document, such
//! as `prism mock` (`cargo xtask openapi` writes the document). Prism answers a request that breaks
//! the document with a status of its own and an `sl-violations` header listing what was wrong.

// Each crate's tests use the helpers its operations need.
#![allow(dead_code)]

use std::fmt::Debug;
use std::time::Duration;

use crate::api;
use crate::api::runtime::{ApiResponse, Error};

/// The header in which Prism lists the request's violations of the document.
const VIOLATIONS: &str = "sl-violations";

/// A client for the server at `TEST_API_BASE_URL`; `None`, with the reason printed, when unset, so
/// an offline `cargo test` stays green.
pub fn client(test: &str) -> Option<api::Client> {
    let Some(base_url) = std::env::var("TEST_API_BASE_URL")
        .ok()
        .filter(|v| !v.is_empty())
    else {
        println!("skipped {test}: TEST_API_BASE_URL is not set (point it at a mock server such as `prism mock`)");
        return None;
    };
    let client = api::Client::builder()
        .base_url(base_url)
        .api_key("test-api-key")
        // A mock answers at once; a retry would only hide a failure.
        .max_retries(0)
        .timeout(Duration::from_secs(60))
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

fn violations(headers: &reqwest::header::HeaderMap) -> Option<String> {
    headers
        .get(VIOLATIONS)
        .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned())
}

/// The request succeeded, the mock server flagged nothing, and the body decoded into the typed
/// response (a body that does not decode is an error before this point).
pub fn expect_success<T: Debug, E: Debug>(label: &str, result: Result<ApiResponse<T>, Error<E>>) {
    match result {
        Ok(response) => {
            if let Some(v) = violations(&response.headers) {
                panic!("{label}: the server flagged the request: {v}");
            }
        }
        Err(Error::Api(e)) => match violations(&e.headers) {
            Some(v) => panic!("{label}: HTTP {}: the server flagged the request: {v}", e.status),
            None => panic!("{label}: HTTP {}: {}", e.status, e.raw),
        },
        Err(other) => panic!("{label}: {other}"),
    }
}

/// The request failed with `status`, the status the test asked for (`Prefer: code=...`), and the
/// error body decoded into the typed error when the operation has one.
pub fn expect_error<T: Debug, E: Debug>(
    label: &str,
    status: u16,
    typed: bool,
    result: Result<ApiResponse<T>, Error<E>>,
) {
    match result {
        Err(Error::Api(e)) => {
            if let Some(v) = violations(&e.headers) {
                panic!("{label}: HTTP {}: the server flagged the request: {v}", e.status);
            }
            assert_eq!(
                e.status.as_u16(),
                status,
                "{label}: expected HTTP {status}, got {}: {}",
                e.status,
                e.raw
            );
            assert!(
                !typed || e.body.is_some(),
                "{label}: the HTTP {status} body does not decode into the typed error: {}",
                e.raw
            );
        }
        Ok(response) => panic!(
            "{label}: expected HTTP {status}, got {}: {:?}",
            response.status, response.data
        ),
        Err(other) => panic!("{label}: expected HTTP {status}, got: {other}"),
    }
}
