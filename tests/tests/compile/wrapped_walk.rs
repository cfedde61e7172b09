//! Copied by the compile test into the paging fixture's crate: page types whose items sit inside
//! a member, walked against a server on 127.0.0.1 that answers each request with the next page.
mod serve;

use constructs_paging_conventions::{Client, TryStreamExt};
use serve::serve;

fn ids(items: &[constructs_paging_conventions::types::Item]) -> Vec<&str> {
    items.iter().map(|i| i.id.as_str()).collect()
}

#[tokio::test]
async fn items_in_an_optional_member_walk_by_the_cursor_beside_them() {
    let (url, seen) = serve(vec![
        (
            200,
            r#"{"result": {"records": [{"id": "a", "n": 1}, {"id": "b", "n": 2}], "next_cursor": "c2"}}"#,
        ),
        (
            200,
            r#"{"result": {"records": [{"id": "c", "n": 3}], "next_cursor": null}}"#,
        ),
    ]);
    let client = Client::builder().base_url(url).build().expect("client");
    let items: Vec<_> = client
        .wrapped()
        .list()
        .items()
        .try_collect()
        .await
        .expect("walk");
    assert_eq!(ids(&items), ["a", "b", "c"]);
    assert_eq!(
        *seen.lock().expect("log"),
        ["GET /wrapped HTTP/1.1", "GET /wrapped?cursor=c2 HTTP/1.1"]
    );
}

#[tokio::test]
async fn items_in_a_required_member_walk_by_page_number_to_an_empty_page() {
    let (url, seen) = serve(vec![
        (
            200,
            r#"{"Results": {"Facilities": [{"id": "a", "n": 1}, {"id": "b", "n": 2}], "PageNo": "2"}}"#,
        ),
        (
            200,
            r#"{"Results": {"Facilities": [{"id": "c", "n": 3}], "PageNo": "2"}}"#,
        ),
        (200, r#"{"Results": {"Facilities": [], "PageNo": "2"}}"#),
    ]);
    let client = Client::builder().base_url(url).build().expect("client");
    let items: Vec<_> = client
        .results()
        .list()
        .items()
        .try_collect()
        .await
        .expect("walk");
    assert_eq!(ids(&items), ["a", "b", "c"]);
    assert_eq!(
        *seen.lock().expect("log"),
        [
            "GET /results HTTP/1.1",
            "GET /results?pageno=2 HTTP/1.1",
            "GET /results?pageno=3 HTTP/1.1"
        ]
    );
}
