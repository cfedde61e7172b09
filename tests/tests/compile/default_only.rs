//! Copied by the compile test into the error-types fixture's crate: an operation that documents
//! only `default` reads its success and its errors as that one type, against a server on
//! 127.0.0.1.
mod serve;

use constructs_error_types::{Client, Error};
use serve::serve;

#[tokio::test]
async fn the_success_is_read_as_the_default_type() {
    let (url, seen) = serve(vec![(200, r#"{"results": ["a", "b"]}"#)]);
    let client = Client::builder().base_url(url).build().expect("client");
    let page = client.audits().list().send().await.expect("a success");
    assert_eq!(page.results, Some(vec!["a".to_string(), "b".to_string()]));
    assert_eq!(*seen.lock().expect("log"), ["GET /audits HTTP/1.1"]);
}

#[tokio::test]
async fn an_error_is_read_as_the_default_type_too() {
    let (url, _) = serve(vec![(404, r#"{"message": "no audits"}"#)]);
    let client = Client::builder().base_url(url).build().expect("client");
    let Err(Error::Api(e)) = client.audits().list().send().await else {
        panic!("a 404 is an API error");
    };
    let body = e.body.expect("the documented body");
    assert_eq!(body.message.as_deref(), Some("no audits"));
}
