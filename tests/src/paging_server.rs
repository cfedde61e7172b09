//! A server on 127.0.0.1 that pages for real, one endpoint per convention the world uses, over
//! one list of items `{"id": "item_0007", "n": 7}`. Used by the end-to-end paging tests and the
//! paging benchmark.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use axum::Json;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde_json::{Value, json};

/// Each request's path and `Authorization` header.
type Seen = Arc<Mutex<Vec<(String, Option<String>)>>>;

#[derive(Clone)]
struct Shared {
    total: usize,
    /// The page size when a request names none.
    default_size: usize,
    /// Requests served, by path.
    hits: Arc<Mutex<HashMap<String, usize>>>,
    /// Authorization headers seen, by path.
    auth: Seen,
    requests: Arc<AtomicUsize>,
    /// Pre-rendered items, so the server's own cost stays out of the client's measure.
    items: Arc<Vec<Value>>,
}

pub struct PagingServer {
    pub addr: SocketAddr,
    shared: Shared,
}

impl PagingServer {
    /// Serves `total` items, `default_size` to a page unless the request asks for another size.
    pub async fn start(total: usize, default_size: usize) -> Self {
        let items = (0..total)
            .map(|n| json!({"id": format!("item_{n:04}"), "n": n}))
            .collect();
        let shared = Shared {
            total,
            default_size,
            hits: Default::default(),
            auth: Default::default(),
            requests: Default::default(),
            items: Arc::new(items),
        };
        let app = axum::Router::new()
            .route("/offset", get(offset))
            .route("/search", post(search))
            .route("/pages", get(pages))
            .route("/link", get(link))
            .route("/link-away", get(link_away))
            .route("/next", get(next))
            .route("/nested", get(nested))
            .route("/last", get(last))
            .route("/token", post(token))
            .route("/ignores", get(ignores))
            .route("/visits", get(visits))
            .route("/lexemes", get(lexemes))
            .route("/spellings", get(spellings))
            .with_state(shared.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind 127.0.0.1");
        let addr = listener.local_addr().expect("local addr");
        tokio::spawn(async move {
            axum::serve(listener, app).await.expect("server runs");
        });
        Self { addr, shared }
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Requests served on `path`.
    pub fn hits(&self, path: &str) -> usize {
        self.shared
            .hits
            .lock()
            .unwrap()
            .get(path)
            .copied()
            .unwrap_or(0)
    }

    /// Every request's path and `Authorization` header, in order.
    pub fn authorization(&self) -> Vec<(String, Option<String>)> {
        self.shared.auth.lock().unwrap().clone()
    }

    pub fn requests(&self) -> usize {
        self.shared.requests.load(Ordering::Relaxed)
    }
}

impl Shared {
    fn hit(&self, path: &str, headers: &HeaderMap) {
        self.requests.fetch_add(1, Ordering::Relaxed);
        *self.hits.lock().unwrap().entry(path.into()).or_default() += 1;
        let auth = headers
            .get("authorization")
            .and_then(|v| v.to_str().ok())
            .map(str::to_string);
        self.auth.lock().unwrap().push((path.into(), auth));
    }

    fn slice(&self, from: usize, size: usize) -> Vec<Value> {
        let from = from.min(self.total);
        let to = (from + size).min(self.total);
        self.items[from..to].to_vec()
    }
}

fn num(q: &HashMap<String, String>, key: &str) -> Option<usize> {
    q.get(key).and_then(|v| v.parse().ok())
}

/// `?offset&limit` -> `{items, total_count}`; `?lie=1` overstates the total.
async fn offset(
    State(s): State<Shared>,
    headers: HeaderMap,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    s.hit("/offset", &headers);
    let size = num(&q, "limit").unwrap_or(s.default_size);
    let from = num(&q, "offset").unwrap_or(0);
    let total = if q.contains_key("lie") {
        s.total + 50
    } else {
        s.total
    };
    Json(json!({"items": s.slice(from, size), "total_count": total})).into_response()
}

/// POST `{filter, offset, limit}` -> `{results}`: a search that pages in its body.
async fn search(State(s): State<Shared>, headers: HeaderMap, Json(body): Json<Value>) -> Response {
    s.hit("/search", &headers);
    if body["filter"]["kind"] != "widget" {
        return (StatusCode::BAD_REQUEST, "the filter is lost").into_response();
    }
    let size = body["limit"]
        .as_u64()
        .map_or(s.default_size, |v| v as usize);
    let from = body["offset"].as_u64().unwrap_or(0) as usize;
    Json(json!({"results": s.slice(from, size)})).into_response()
}

/// `?page&per_page` (from 1) -> `{data, total_pages}`.
async fn pages(
    State(s): State<Shared>,
    headers: HeaderMap,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    s.hit("/pages", &headers);
    let size = num(&q, "per_page").unwrap_or(s.default_size);
    let page = num(&q, "page").unwrap_or(1).max(1);
    let total_pages = s.total.div_ceil(size);
    Json(json!({"data": s.slice((page - 1) * size, size), "total_pages": total_pages}))
        .into_response()
}

fn link_page(s: &Shared, headers: &HeaderMap, q: &HashMap<String, String>, host: &str) -> Response {
    let size = num(q, "per_page").unwrap_or(s.default_size);
    let page = num(q, "page").unwrap_or(1).max(1);
    let items = s.slice((page - 1) * size, size);
    let own = headers
        .get("host")
        .and_then(|h| h.to_str().ok())
        .unwrap_or("127.0.0.1");
    let port = own.rsplit(':').next().unwrap_or("80");
    let mut response = Json(Value::Array(items)).into_response();
    if page * size < s.total {
        let next = format!(
            "<http://{host}:{port}/link?page={}&per_page={size}>; rel=\"next\", \
             <http://{host}:{port}/link?page=1&per_page={size}>; rel=\"first\"",
            page + 1
        );
        response
            .headers_mut()
            .insert("link", next.parse().expect("header"));
    }
    response
}

/// GitHub's way: a bare array and `Link: <...>; rel="next"`.
async fn link(
    State(s): State<Shared>,
    headers: HeaderMap,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    s.hit("/link", &headers);
    link_page(&s, &headers, &q, "127.0.0.1")
}

/// A next link to another origin (`localhost` is not `127.0.0.1`).
async fn link_away(
    State(s): State<Shared>,
    headers: HeaderMap,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    s.hit("/link-away", &headers);
    link_page(&s, &headers, &q, "localhost")
}

/// `?after=K` -> `{entries, next_page_uri}`, a relative URL, null at the end.
async fn next(
    State(s): State<Shared>,
    headers: HeaderMap,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    s.hit("/next", &headers);
    let from = num(&q, "after").unwrap_or(0);
    let size = num(&q, "page_size").unwrap_or(s.default_size);
    let end = from + size;
    let next = (end < s.total).then(|| format!("/next?after={end}&page_size={size}"));
    Json(json!({"entries": s.slice(from, size), "next_page_uri": next})).into_response()
}

/// `?cursor` -> `{data, response_metadata: {next_cursor}}`, empty at the end (Slack).
async fn nested(
    State(s): State<Shared>,
    headers: HeaderMap,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    s.hit("/nested", &headers);
    let from = q
        .get("cursor")
        .and_then(|c| c.strip_prefix("c_"))
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    let end = from + s.default_size;
    let cursor = if end < s.total {
        format!("c_{end}")
    } else {
        String::new()
    };
    Json(json!({"data": s.slice(from, s.default_size), "response_metadata": {"next_cursor": cursor}}))
        .into_response()
}

/// `?starting_after=<id>` -> `{data, has_more}` (Stripe).
async fn last(
    State(s): State<Shared>,
    headers: HeaderMap,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    s.hit("/last", &headers);
    let from = q
        .get("starting_after")
        .and_then(|id| id.strip_prefix("item_"))
        .and_then(|n| n.parse::<usize>().ok())
        .map_or(0, |n| n + 1);
    let size = num(&q, "limit").unwrap_or(s.default_size);
    Json(json!({"data": s.slice(from, size), "has_more": from + size < s.total})).into_response()
}

/// POST `{MaxResults, NextToken}` -> `{Items, NextToken}` (AWS).
async fn token(State(s): State<Shared>, headers: HeaderMap, Json(body): Json<Value>) -> Response {
    s.hit("/token", &headers);
    let from = token_start(body["NextToken"].as_str());
    let size = body["MaxResults"]
        .as_u64()
        .map_or(s.default_size, |v| v as usize);
    aws_page(&s, from, size)
}

/// `{Items, NextToken}` from `from`, the token `t<N>` left out at the end.
fn aws_page(s: &Shared, from: usize, size: usize) -> Response {
    let end = from + size;
    let mut page = json!({"Items": s.slice(from, size)});
    if end < s.total {
        page["NextToken"] = json!(format!("t{end}"));
    }
    Json(page).into_response()
}

/// Ignores `offset`: every page is the first.
async fn ignores(State(s): State<Shared>, headers: HeaderMap) -> Response {
    s.hit("/ignores", &headers);
    Json(json!({"items": s.slice(0, s.default_size), "total_count": s.total})).into_response()
}

/// One page of a bare array starting at `from`, with the next page's token in the response
/// header `name` (`t<N>`), left out at the end, or sent empty where `empty_at_end`.
fn header_page(s: &Shared, from: usize, name: &'static str, empty_at_end: bool) -> Response {
    let end = from + s.default_size;
    let token = if end < s.total {
        Some(format!("t{end}"))
    } else {
        empty_at_end.then(String::new)
    };
    let mut response = Json(s.slice(from, s.default_size)).into_response();
    if let Some(token) = token {
        response
            .headers_mut()
            .insert(name, token.parse().expect("a header value"));
    }
    response
}

fn token_start(token: Option<&str>) -> usize {
    token
        .and_then(|t| t.strip_prefix('t'))
        .and_then(|n| n.parse().ok())
        .unwrap_or(0)
}

/// `?pageToken` -> `[...]` with a `NextPageToken` header, left out at the end (Visma).
async fn visits(
    State(s): State<Shared>,
    headers: HeaderMap,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    s.hit("/visits", &headers);
    let from = token_start(q.get("pageToken").map(String::as_str));
    header_page(&s, from, "NextPageToken", false)
}

/// A `continuation` request header -> `[...]` with a `dlx-continuation` header, empty at the
/// end (DigitalLinguistics, as Cosmos DB). A token sent anywhere else is a 400.
async fn lexemes(
    State(s): State<Shared>,
    headers: HeaderMap,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    s.hit("/lexemes", &headers);
    if q.contains_key("continuation") {
        return (StatusCode::BAD_REQUEST, "the token goes in a header").into_response();
    }
    let token = headers.get("continuation").and_then(|v| v.to_str().ok());
    header_page(&s, token_start(token), "dlx-continuation", true)
}

/// `?next_token` -> `{Items, NextToken}`, as an AWS service reads its own spelling and ignores
/// the `NextToken` that APIs.guru's documents list beside it.
async fn spellings(
    State(s): State<Shared>,
    headers: HeaderMap,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    s.hit("/spellings", &headers);
    let from = token_start(q.get("next_token").map(String::as_str));
    aws_page(&s, from, s.default_size)
}
