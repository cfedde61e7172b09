//! Lists that page on their own, against a real server on 127.0.0.1: the generated Skills lists
//! (cursor convention) and the runtime walk under the token and id conventions, each with a
//! retryable error mid-walk, the filters on every page, the stop conditions and a repeated cursor.

use std::time::Duration;

use anthropic_skills::{Client, Error, TryStreamExt};
use codegen_runtime::{
    ApiSettings, ClientBuilder, Convention, Core, CursorFrom, Page, PageLink, Pages, Paging, Param,
    Request, RequestOptions,
};
use serde_json::json;
use tests::server::{Recorded, RecordingServer, Reply};
use tests::skills::overloaded;

fn client(server: &RecordingServer) -> Client {
    Client::builder()
        .api_key("sk-test-key")
        .base_url(server.url())
        .retry_backoff(Duration::from_millis(1), Duration::from_millis(5))
        .build()
        .expect("client builds")
}

fn skill(id: &str) -> serde_json::Value {
    json!({
        "created_at": "2024-10-30T23:58:27.427722Z", "display_title": null, "id": id,
        "latest_version": null, "source": "custom", "type": "skill",
        "updated_at": "2024-10-30T23:58:27.427722Z"
    })
}

fn cursor_page(ids: &[&str], has_more: bool, next: Option<&str>) -> Reply {
    let data: Vec<_> = ids.iter().map(|id| skill(id)).collect();
    Reply::json(
        200,
        json!({"data": data, "has_more": has_more, "next_page": next}),
    )
}

/// Each request's query pairs, decoded, for comparing whole walks.
fn queries(requests: &[Recorded]) -> Vec<Vec<(String, String)>> {
    requests
        .iter()
        .map(|r| url_pairs(r.query.as_deref().unwrap_or("")))
        .collect()
}

fn url_pairs(q: &str) -> Vec<(String, String)> {
    reqwest::Url::parse(&format!("http://x/?{q}"))
        .expect("query parses")
        .query_pairs()
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

fn pairs(items: &[(&str, &str)]) -> Vec<(String, String)> {
    items
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

#[tokio::test]
async fn skills_items_walk_every_page_through_a_retryable_error() {
    let server = RecordingServer::start(vec![
        cursor_page(&["s1", "s2"], true, Some("page_2")),
        overloaded(),
        cursor_page(&["s3", "s4"], true, Some("page_3")),
        cursor_page(&["s5"], false, None),
    ])
    .await;
    let ids: Vec<String> = client(&server)
        .skills()
        .list()
        .limit(2)
        .source("custom")
        .betas(["extra-beta"])
        .extra_header("x-trace", "t1")
        .items()
        .map_ok(|s| s.id)
        .try_collect()
        .await
        .expect("the walk completes");
    assert_eq!(ids, ["s1", "s2", "s3", "s4", "s5"]);
    let requests = server.requests();
    assert_eq!(
        queries(&requests),
        [
            pairs(&[("limit", "2"), ("source", "custom")]),
            pairs(&[("limit", "2"), ("source", "custom"), ("page", "page_2")]),
            pairs(&[("limit", "2"), ("source", "custom"), ("page", "page_2")]),
            pairs(&[("limit", "2"), ("source", "custom"), ("page", "page_3")]),
        ],
        "the filters ride on every page, the retry repeats page 2, only `page` changes"
    );
    for r in &requests {
        assert_eq!((r.method.as_str(), r.path.as_str()), ("GET", "/v1/skills"));
        assert_eq!(
            r.header("anthropic-beta"),
            Some("skills-2025-10-02,extra-beta")
        );
        assert_eq!(r.header("x-trace"), Some("t1"));
        assert_eq!(r.header("x-api-key"), Some("sk-test-key"));
    }
}

#[tokio::test]
async fn versions_pages_keep_each_page_meta_and_start_from_the_callers_cursor() {
    let version = |v: &str| {
        json!({
            "created_at": "2024-10-30T23:58:27.427722Z", "description": "d", "directory": "my-skill",
            "id": "skillver_1", "name": "my-skill", "skill_id": "skill_01A", "type": "skill_version",
            "version": v
        })
    };
    let server = RecordingServer::start(vec![
        Reply::json(
            200,
            json!({"data": [version("1")], "has_more": true, "next_page": "p2"}),
        )
        .with_header("request-id", "req_1"),
        Reply::json(
            200,
            json!({"data": [version("2")], "has_more": true, "next_page": null}),
        )
        .with_header("request-id", "req_2"),
    ])
    .await;
    let pages: Vec<_> = client(&server)
        .skills()
        .versions()
        .list("skill_01A")
        .page("p1")
        .pages()
        .try_collect()
        .await
        .expect("two pages");
    let seen: Vec<(Option<&str>, &str)> = pages
        .iter()
        .map(|p| (p.request_id.as_deref(), p.data.data[0].version.as_str()))
        .collect();
    assert_eq!(
        seen,
        [(Some("req_1"), "1"), (Some("req_2"), "2")],
        "a missing next_page ends the walk"
    );
    let requests = server.requests();
    assert!(
        requests
            .iter()
            .all(|r| r.path == "/v1/skills/skill_01A/versions")
    );
    assert_eq!(
        queries(&requests),
        [pairs(&[("page", "p1")]), pairs(&[("page", "p2")])]
    );
}

#[tokio::test]
async fn each_page_takes_the_first_requests_retry_setting() {
    let server = RecordingServer::start(vec![
        cursor_page(&["s1"], true, Some("page_2")),
        overloaded(),
        cursor_page(&["never"], false, None),
    ])
    .await;
    let mut items = client(&server).skills().list().max_retries(0).items();
    assert_eq!(
        items
            .try_next()
            .await
            .expect("page 1")
            .map(|s| s.id)
            .as_deref(),
        Some("s1")
    );
    let err = items.try_next().await.expect_err("no retries on page 2");
    assert_eq!(err.status().map(|s| s.as_u16()), Some(529));
    assert_eq!(server.requests().len(), 2, "max_retries(0) holds on page 2");
}

#[tokio::test]
async fn stop_conditions_end_the_walk_after_the_page() {
    for (name, last) in [
        ("has_more false", cursor_page(&["x"], false, Some("page_9"))),
        ("next_page null", cursor_page(&["x"], true, None)),
        ("next_page empty", cursor_page(&["x"], true, Some(""))),
        ("no items", cursor_page(&[], true, Some("page_9"))),
    ] {
        let server =
            RecordingServer::start(vec![cursor_page(&["s1"], true, Some("page_2")), last]).await;
        let pages: Vec<_> = client(&server)
            .skills()
            .list()
            .pages()
            .try_collect()
            .await
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(pages.len(), 2, "{name}");
        assert_eq!(server.requests().len(), 2, "{name}: no third request");
    }
}

#[tokio::test]
async fn a_repeated_cursor_is_an_error_not_a_loop() {
    let server = RecordingServer::start(vec![
        cursor_page(&["s1"], true, Some("page_2")),
        cursor_page(&["s2"], true, Some("page_3")),
        // The server hands back `page_2` again: the SDKs would loop here forever.
        cursor_page(&["s3"], true, Some("page_2")),
    ])
    .await;
    let mut items = client(&server).skills().list().items();
    let mut ids = Vec::new();
    let err = loop {
        match items.try_next().await {
            Ok(Some(s)) => ids.push(s.id),
            Ok(None) => panic!("the walk ended without an error after {ids:?}"),
            Err(e) => break e,
        }
    };
    assert_eq!(
        ids,
        ["s1", "s2", "s3"],
        "every page that arrived is delivered"
    );
    assert!(matches!(err, Error::Pagination { .. }), "{err:?}");
    assert!(
        err.to_string().contains("`next_page` value `page_2`"),
        "{err}"
    );
    assert_eq!(server.requests().len(), 3);
    assert!(
        items.try_next().await.expect("ended").is_none(),
        "the stream ends after the error"
    );
}

#[tokio::test]
async fn a_request_that_cannot_be_built_is_the_only_item() {
    let server = RecordingServer::start(vec![cursor_page(&["s1"], false, None)]).await;
    let mut pages = client(&server).skills().versions().list("..").pages();
    let err = pages.try_next().await.expect_err("`..` is refused");
    assert!(matches!(err, Error::InvalidInput(_)), "{err:?}");
    assert!(pages.try_next().await.expect("ended").is_none());
    assert!(server.requests().is_empty());
}

// The token and id conventions, through the runtime with page types shaped as the generator emits
// them (compiled for the corpus lists by the compile test).

static SETTINGS: ApiSettings = ApiSettings {
    crate_name: "pagination-test",
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
        .retry_backoff(Duration::from_millis(1), Duration::from_millis(5))
        .build()
        .expect("core builds")
}

#[derive(serde::Deserialize)]
struct IdPage {
    data: Vec<String>,
}

impl Page for IdPage {
    type Item = String;
    fn items(&self) -> &[String] {
        &self.data
    }
    fn into_items(self) -> Vec<String> {
        self.data
    }
}

const ID: Paging = Paging {
    convention: Convention::Cursor {
        forward: PageLink {
            param: Param::Query("after_id"),
            from: CursorFrom::Field(&["last_id"]),
        },
        backward: Some(PageLink {
            param: Param::Query("before_id"),
            from: CursorFrom::Field(&["first_id"]),
        }),
    },
    items: &["data"],
    has_more: Some(&["has_more"]),
};

fn id_page(ids: &[&str], has_more: bool) -> Reply {
    Reply::json(
        200,
        json!({"data": ids, "has_more": has_more, "first_id": ids.first(), "last_id": ids.last()}),
    )
}

async fn walk<P: Page + Send + 'static>(
    server: &RecordingServer,
    request: Request,
    paging: &Paging,
) -> Result<Vec<P::Item>, codegen_runtime::Error>
where
    P::Item: Unpin,
{
    let mut options = RequestOptions::default();
    options
        .extra_headers
        .push(("anthropic-beta".into(), "files-api-2025-04-14".into()));
    Pages::<P, serde_json::Value>::new(&core(server), Ok(request), options, paging)
        .items()
        .try_collect()
        .await
}

fn files_request(query: &[(&str, &str)]) -> Request {
    let mut r = Request::new(reqwest::Method::GET, "/v1/files".into());
    for (k, v) in query {
        r.query(k, v);
    }
    r
}

#[tokio::test]
async fn id_pages_walk_forward_from_last_id_through_a_retryable_error() {
    let server = RecordingServer::start(vec![
        id_page(&["f1", "f2"], true),
        Reply::text(503, "busy"),
        id_page(&["f3"], true),
        id_page(&["f4"], false),
    ])
    .await;
    let items = walk::<IdPage>(&server, files_request(&[("limit", "2")]), &ID)
        .await
        .expect("walk");
    assert_eq!(items, ["f1", "f2", "f3", "f4"]);
    let requests = server.requests();
    assert_eq!(
        queries(&requests),
        [
            pairs(&[("limit", "2")]),
            pairs(&[("limit", "2"), ("after_id", "f2")]),
            pairs(&[("limit", "2"), ("after_id", "f2")]),
            pairs(&[("limit", "2"), ("after_id", "f3")]),
        ]
    );
    assert!(
        requests
            .iter()
            .all(|r| r.header("anthropic-beta") == Some("files-api-2025-04-14"))
    );
}

#[tokio::test]
async fn id_pages_walk_backward_when_the_first_request_sets_before_id() {
    let server = RecordingServer::start(vec![
        id_page(&["f8", "f9"], true),
        id_page(&["f6", "f7"], false),
    ])
    .await;
    let items = walk::<IdPage>(&server, files_request(&[("before_id", "f10")]), &ID)
        .await
        .expect("walk");
    assert_eq!(items, ["f8", "f9", "f6", "f7"]);
    assert_eq!(
        queries(&server.requests()),
        [
            pairs(&[("before_id", "f10")]),
            pairs(&[("before_id", "f8")])
        ]
    );
}

#[tokio::test]
async fn id_pages_stop_without_last_id_and_refuse_a_repeated_one() {
    let server = RecordingServer::start(vec![Reply::json(
        200,
        json!({"data": ["f1"], "has_more": true, "first_id": "f1", "last_id": null}),
    )])
    .await;
    let items = walk::<IdPage>(&server, files_request(&[]), &ID)
        .await
        .expect("walk");
    assert_eq!((items.len(), server.requests().len()), (1, 1));

    let server =
        RecordingServer::start(vec![id_page(&["f1", "f2"], true), id_page(&["f2"], true)]).await;
    let err = walk::<IdPage>(&server, files_request(&[]), &ID)
        .await
        .expect_err("loops");
    assert!(err.to_string().contains("`last_id` value `f2`"), "{err}");
    assert_eq!(server.requests().len(), 2);
}

/// The token convention: an Oxide-style page with no `has_more`, ended by a null `next_page`.
#[derive(serde::Deserialize)]
struct TokenPage {
    data: Vec<u32>,
}

impl Page for TokenPage {
    type Item = u32;
    fn items(&self) -> &[u32] {
        &self.data
    }
    fn into_items(self) -> Vec<u32> {
        self.data
    }
}

const TOKEN: Paging = Paging {
    convention: Convention::Cursor {
        forward: PageLink {
            param: Param::Query("page_token"),
            from: CursorFrom::Field(&["next_page"]),
        },
        backward: None,
    },
    items: &["data"],
    has_more: None,
};

#[tokio::test]
async fn token_pages_set_page_token_from_next_page() {
    let server = RecordingServer::start(vec![
        Reply::json(200, json!({"data": [1, 2], "next_page": "t2"})),
        Reply::Delayed(
            Duration::from_millis(300),
            Box::new(Reply::json(200, json!({"data": [9], "next_page": null}))),
        ),
        Reply::json(200, json!({"data": [3], "next_page": "t3"})),
        Reply::json(200, json!({"data": [4], "next_page": "t3"})),
    ])
    .await;
    let mut request = files_request(&[("group_by", "day"), ("group_by", "model")]);
    request.header("x-filter", "on");
    // The slow second answer times out and is retried: each page keeps the first request's timeout.
    let options = RequestOptions {
        timeout: Some(Duration::from_millis(100)),
        ..Default::default()
    };
    let result: Result<Vec<u32>, _> =
        Pages::<TokenPage, serde_json::Value>::new(&core(&server), Ok(request), options, &TOKEN)
            .items()
            .try_collect()
            .await;
    let err = result.expect_err("t3 repeats");
    assert!(err.to_string().contains("`next_page` value `t3`"), "{err}");
    let requests = server.requests();
    let by_page = pairs(&[("group_by", "day"), ("group_by", "model")]);
    let with = |t: &str| {
        let mut p = by_page.clone();
        p.push(("page_token".into(), t.into()));
        p
    };
    assert_eq!(
        queries(&requests),
        [by_page.clone(), with("t2"), with("t2"), with("t3")]
    );
    assert!(requests.iter().all(|r| r.header("x-filter") == Some("on")));
}
