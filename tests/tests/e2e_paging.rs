//! Paging the way the world pages, end to end against a server on 127.0.0.1 that pages for real
//! (`tests::paging_server`): one walk per convention over the same ten items, and the servers that
//! would make a walk loop, lie about their total, or lead it to another origin.

use codegen_runtime::{
    ApiSettings, ClientBuilder, Convention, Core, CursorFrom, Error, Page, PageLink, Pages, Paging,
    Param, Request, RequestOptions,
};
use futures_util::TryStreamExt;
use reqwest::Method;
use serde::Deserialize;
use serde_json::json;
use tests::paging_server::PagingServer;

const TOTAL: usize = 10;

static SETTINGS: ApiSettings = ApiSettings {
    crate_name: "paging-test",
    crate_version: "0.0.0",
    default_base_url: "http://127.0.0.1:9",
    base_url_env: None,
    server_variables: &[],
    headers: &[],
    auth: &[],
};

#[derive(Debug, Deserialize, PartialEq)]
struct Item {
    id: String,
    n: usize,
}

macro_rules! page {
    ($name:ident, $field:ident) => {
        #[derive(Deserialize)]
        #[allow(non_snake_case)]
        struct $name {
            $field: Vec<Item>,
        }
        impl Page for $name {
            type Item = Item;
            fn items(&self) -> &[Item] {
                &self.$field
            }
            fn into_items(self) -> Vec<Item> {
                self.$field
            }
        }
    };
}
page!(ItemsPage, items);
page!(ResultsPage, results);
page!(DataPage, data);
page!(EntriesPage, entries);
page!(AwsPage, Items);

fn core(server: &PagingServer) -> Core {
    ClientBuilder::<Core>::new(&SETTINGS)
        .base_url(server.url())
        .default_header("Authorization", "Bearer secret-token")
        .max_retries(0)
        .build()
        .expect("client builds")
}

async fn walk<P: Page<Item = Item> + Send + 'static>(
    server: &PagingServer,
    request: Request,
    paging: &'static Paging,
) -> Result<Vec<Item>, Error> {
    Pages::<P, serde_json::Value>::new(
        &core(server),
        Ok(request),
        RequestOptions::default(),
        paging,
    )
    .items()
    .try_collect()
    .await
}

fn get(path: &str, query: &[(&str, &str)]) -> Request {
    let mut request = Request::new(Method::GET, path.into());
    for (k, v) in query {
        request.query(k, v);
    }
    request
}

fn all_items(items: &[Item]) {
    let ns: Vec<usize> = items.iter().map(|i| i.n).collect();
    assert_eq!(ns, (0..TOTAL).collect::<Vec<_>>());
}

static OFFSET: Paging = Paging {
    convention: Convention::Offset {
        offset: Param::Query("offset"),
        limit: Some(Param::Query("limit")),
        total: Some(&["total_count"]),
    },
    items: &["items"],
    has_more: None,
};

#[tokio::test]
async fn offset_and_limit_stop_at_the_total_or_a_short_page() {
    let server = PagingServer::start(TOTAL, 3).await;
    let items = walk::<ItemsPage>(&server, get("/offset", &[("limit", "3")]), &OFFSET)
        .await
        .expect("walk");
    all_items(&items);
    assert_eq!(server.hits("/offset"), 4, "3 + 3 + 3 + 1");
    // Five to a page: the total ends the walk after the second, without an empty third.
    let server = PagingServer::start(TOTAL, 3).await;
    let items = walk::<ItemsPage>(&server, get("/offset", &[("limit", "5")]), &OFFSET)
        .await
        .expect("walk");
    all_items(&items);
    assert_eq!(server.hits("/offset"), 2);
}

#[tokio::test]
async fn a_total_that_lies_ends_at_the_first_empty_page() {
    let server = PagingServer::start(TOTAL, 3).await;
    // No limit set, so no page is known to be short; the total says 60.
    let items = walk::<ItemsPage>(&server, get("/offset", &[("lie", "1")]), &OFFSET)
        .await
        .expect("walk");
    all_items(&items);
    assert_eq!(server.hits("/offset"), 5, "four pages and the empty fifth");
}

static SEARCH: Paging = Paging {
    convention: Convention::Offset {
        offset: Param::Body(&["offset"]),
        limit: Some(Param::Body(&["limit"])),
        total: None,
    },
    items: &["results"],
    has_more: None,
};

#[tokio::test]
async fn a_post_search_pages_with_offset_and_limit_in_its_body() {
    let server = PagingServer::start(TOTAL, 3).await;
    let mut request = Request::new(Method::POST, "/search".into());
    request
        .json::<serde_json::Value>(&json!({"filter": {"kind": "widget"}, "limit": 4}))
        .expect("body");
    // The server answers 400 to any page that lost the filter.
    let items = walk::<ResultsPage>(&server, request, &SEARCH)
        .await
        .expect("walk");
    all_items(&items);
    assert_eq!(server.hits("/search"), 3, "4 + 4 + 2");
}

static PAGES: Paging = Paging {
    convention: Convention::PageNumber {
        page: Param::Query("page"),
        size: Some(Param::Query("per_page")),
        total_pages: Some(&["total_pages"]),
        first: 1,
    },
    items: &["data"],
    has_more: None,
};

#[tokio::test]
async fn page_numbers_stop_at_total_pages() {
    let server = PagingServer::start(TOTAL, 3).await;
    let items = walk::<DataPage>(&server, get("/pages", &[("per_page", "5")]), &PAGES)
        .await
        .expect("walk");
    all_items(&items);
    assert_eq!(
        server.hits("/pages"),
        2,
        "total_pages is 2: no third request"
    );
}

static HEADER_TO_QUERY: Paging = Paging {
    convention: Convention::Cursor {
        forward: PageLink {
            param: Param::Query("pageToken"),
            from: CursorFrom::Header("NextPageToken"),
        },
        backward: None,
    },
    items: &[],
    has_more: None,
};

static HEADER_TO_HEADER: Paging = Paging {
    convention: Convention::Cursor {
        forward: PageLink {
            param: Param::Header("continuation"),
            from: CursorFrom::Header("dlx-continuation"),
        },
        backward: None,
    },
    items: &[],
    has_more: None,
};

#[tokio::test]
async fn a_cursor_in_a_response_header_goes_back_as_a_query_parameter_or_a_header() {
    let server = PagingServer::start(TOTAL, 3).await;
    let items = walk::<Vec<Item>>(&server, get("/visits", &[]), &HEADER_TO_QUERY)
        .await
        .expect("walk");
    all_items(&items);
    assert_eq!(
        server.hits("/visits"),
        4,
        "3 + 3 + 3 + 1, and no header after the last"
    );
    // The server answers 400 to a token anywhere but the header, and ends with an empty one.
    let server = PagingServer::start(TOTAL, 3).await;
    let items = walk::<Vec<Item>>(&server, get("/lexemes", &[]), &HEADER_TO_HEADER)
        .await
        .expect("walk");
    all_items(&items);
    assert_eq!(server.hits("/lexemes"), 4);
}

static SPELLINGS: Paging = Paging {
    convention: Convention::Cursor {
        forward: PageLink {
            param: Param::Queries(&["next_token", "NextToken"]),
            from: CursorFrom::Field(&["NextToken"]),
        },
        backward: None,
    },
    items: &["Items"],
    has_more: None,
};

static ONE_SPELLING: Paging = Paging {
    convention: Convention::Cursor {
        forward: PageLink {
            param: Param::Query("NextToken"),
            from: CursorFrom::Field(&["NextToken"]),
        },
        backward: None,
    },
    items: &["Items"],
    has_more: None,
};

#[tokio::test]
async fn a_cursor_with_two_spellings_goes_out_under_both() {
    let server = PagingServer::start(TOTAL, 3).await;
    let items = walk::<AwsPage>(&server, get("/spellings", &[]), &SPELLINGS)
        .await
        .expect("walk");
    all_items(&items);
    assert_eq!(server.hits("/spellings"), 4);
    // Sent under the spelling the server ignores, the walk would ask for the first page again.
    let server = PagingServer::start(TOTAL, 3).await;
    let err = walk::<AwsPage>(&server, get("/spellings", &[]), &ONE_SPELLING)
        .await
        .expect_err("the server ignores `NextToken`");
    assert!(matches!(err, Error::Pagination { .. }), "{err:?}");
}

static LINK: Paging = Paging {
    convention: Convention::LinkHeader,
    items: &[],
    has_more: None,
};

#[tokio::test]
async fn a_link_header_is_followed_on_the_same_origin() {
    let server = PagingServer::start(TOTAL, 3).await;
    let items = walk::<Vec<Item>>(&server, get("/link", &[("per_page", "4")]), &LINK)
        .await
        .expect("walk");
    all_items(&items);
    assert_eq!(server.hits("/link"), 3);
}

#[tokio::test]
async fn a_next_link_to_another_origin_is_refused_and_gets_no_credentials() {
    let server = PagingServer::start(TOTAL, 3).await;
    let mut pages = Pages::<Vec<Item>, serde_json::Value>::new(
        &core(&server),
        Ok(get("/link-away", &[("per_page", "4")])),
        RequestOptions::default(),
        &LINK,
    );
    let first = pages.try_next().await.expect("first page").expect("a page");
    assert_eq!(first.data.len(), 4);
    let err = pages.try_next().await.expect_err("another origin");
    let text = err.to_string();
    let port = server.addr.port();
    assert!(
        text.contains(&format!("http://localhost:{port}"))
            && text.contains(&format!("http://127.0.0.1:{port}")),
        "{text}"
    );
    assert!(matches!(err, Error::Pagination { .. }), "{err:?}");
    // Nothing went to the other origin (the same server under another name).
    assert_eq!(server.hits("/link"), 0);
    assert_eq!(
        server.authorization(),
        [(
            "/link-away".to_string(),
            Some("Bearer secret-token".to_string())
        )]
    );
}

static NEXT_URL: Paging = Paging {
    convention: Convention::NextUrl(&["next_page_uri"]),
    items: &["entries"],
    has_more: None,
};

#[tokio::test]
async fn a_relative_next_url_resolves_against_the_base_url() {
    let server = PagingServer::start(TOTAL, 3).await;
    let items = walk::<EntriesPage>(&server, get("/next", &[("page_size", "4")]), &NEXT_URL)
        .await
        .expect("walk");
    all_items(&items);
    assert_eq!(server.hits("/next"), 3);
}

static NESTED: Paging = Paging {
    convention: Convention::Cursor {
        forward: PageLink {
            param: Param::Query("cursor"),
            from: CursorFrom::Field(&["response_metadata", "next_cursor"]),
        },
        backward: None,
    },
    items: &["data"],
    has_more: None,
};

#[tokio::test]
async fn a_nested_cursor_feeds_the_next_request_until_it_is_empty() {
    let server = PagingServer::start(TOTAL, 3).await;
    let items = walk::<DataPage>(&server, get("/nested", &[]), &NESTED)
        .await
        .expect("walk");
    all_items(&items);
    assert_eq!(server.hits("/nested"), 4);
}

static LAST_ITEM: Paging = Paging {
    convention: Convention::Cursor {
        forward: PageLink {
            param: Param::Query("starting_after"),
            from: CursorFrom::LastItem(&["id"]),
        },
        backward: None,
    },
    items: &["data"],
    has_more: Some(&["has_more"]),
};

#[tokio::test]
async fn the_last_items_id_feeds_starting_after_until_has_more_is_false() {
    let server = PagingServer::start(TOTAL, 3).await;
    let items = walk::<DataPage>(&server, get("/last", &[("limit", "5")]), &LAST_ITEM)
        .await
        .expect("walk");
    all_items(&items);
    assert_eq!(
        server.hits("/last"),
        2,
        "has_more is false on the second page"
    );
}

static TOKEN_IN_BODY: Paging = Paging {
    convention: Convention::Cursor {
        forward: PageLink {
            param: Param::Body(&["NextToken"]),
            from: CursorFrom::Field(&["NextToken"]),
        },
        backward: None,
    },
    items: &["Items"],
    has_more: None,
};

#[tokio::test]
async fn a_token_in_the_body_pages_a_post_until_it_is_missing() {
    let server = PagingServer::start(TOTAL, 3).await;
    let mut request = Request::new(Method::POST, "/token".into());
    request
        .json::<serde_json::Value>(&json!({"MaxResults": 4}))
        .expect("body");
    let items = walk::<AwsPage>(&server, request, &TOKEN_IN_BODY)
        .await
        .expect("walk");
    all_items(&items);
    assert_eq!(server.hits("/token"), 3);
}

#[tokio::test]
async fn a_server_that_ignores_the_offset_ends_in_an_error_not_a_loop() {
    let server = PagingServer::start(TOTAL, 3).await;
    let err = walk::<ItemsPage>(&server, get("/ignores", &[]), &OFFSET)
        .await
        .expect_err("loops");
    assert!(matches!(err, Error::Pagination { .. }), "{err:?}");
    assert!(err.to_string().contains("ignores the offset"), "{err}");
    assert_eq!(server.hits("/ignores"), 2);
}
