//! What paging costs beside paging by hand: 100,000 items over 1,000 pages from a local server on
//! 127.0.0.1 (`tests::paging_server`), walked through `Pages::items()` and by a hand-written loop
//! that makes the same requests with the same client and decodes the same page type. Offset,
//! nested-cursor and `Link` walks; rounds alternate so drift hits both; the median is reported.
//!
//! Usage: paging_cost [ITEMS] [PAGE_SIZE] [ROUNDS]      (run by scripts/bench-paging.sh)

use std::time::{Duration, Instant};

use codegen_runtime::{
    ApiSettings, ClientBuilder, Convention, Core, CursorFrom, Page, PageLink, Pages, Paging, Param,
    Request, RequestOptions,
};
use futures_util::TryStreamExt;
use reqwest::Method;
use serde::Deserialize;
use tests::paging_server::PagingServer;

static SETTINGS: ApiSettings = ApiSettings {
    crate_name: "paging-bench",
    crate_version: "0.0.0",
    default_base_url: "http://127.0.0.1:9",
    base_url_env: None,
    server_variables: &[],
    headers: &[],
    auth: &[],
};

#[derive(Deserialize)]
struct Item {
    #[allow(dead_code)]
    id: String,
    n: usize,
}

#[derive(Deserialize)]
struct OffsetPage {
    items: Vec<Item>,
    total_count: usize,
}

impl Page for OffsetPage {
    type Item = Item;
    fn items(&self) -> &[Item] {
        &self.items
    }
    fn into_items(self) -> Vec<Item> {
        self.items
    }
}

#[derive(Deserialize)]
struct Meta {
    next_cursor: String,
}

#[derive(Deserialize)]
struct CursorPage {
    data: Vec<Item>,
    response_metadata: Meta,
}

impl Page for CursorPage {
    type Item = Item;
    fn items(&self) -> &[Item] {
        &self.data
    }
    fn into_items(self) -> Vec<Item> {
        self.data
    }
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

static LINK: Paging = Paging {
    convention: Convention::LinkHeader,
    items: &[],
    has_more: None,
};

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn check(sum: usize, items: usize) {
    assert_eq!(sum, items * (items - 1) / 2, "every item exactly once");
}

async fn by_pages<P: Page<Item = Item> + Send + 'static>(
    core: &Core,
    request: Request,
    paging: &'static Paging,
) -> usize {
    let items: Vec<Item> =
        Pages::<P, serde_json::Value>::new(core, Ok(request), RequestOptions::default(), paging)
            .items()
            .try_collect()
            .await
            .expect("walk");
    items.iter().map(|i| i.n).sum()
}

async fn offset_by_hand(core: &Core, size: usize) -> usize {
    let (mut offset, mut sum) = (0, 0);
    loop {
        let mut request = Request::new(Method::GET, "/offset".into());
        request.query("limit", size);
        request.query("offset", offset);
        let page = core
            .send_json::<OffsetPage, serde_json::Value>(request, RequestOptions::default())
            .await
            .expect("page")
            .data;
        let n = page.items.len();
        sum += page.items.iter().map(|i| i.n).sum::<usize>();
        offset += n;
        if n < size || offset >= page.total_count {
            return sum;
        }
    }
}

async fn cursor_by_hand(core: &Core) -> usize {
    let (mut cursor, mut sum) = (String::new(), 0);
    loop {
        let mut request = Request::new(Method::GET, "/nested".into());
        if !cursor.is_empty() {
            request.query("cursor", &cursor);
        }
        let page = core
            .send_json::<CursorPage, serde_json::Value>(request, RequestOptions::default())
            .await
            .expect("page")
            .data;
        sum += page.data.iter().map(|i| i.n).sum::<usize>();
        if page.data.is_empty() || page.response_metadata.next_cursor.is_empty() {
            return sum;
        }
        cursor = page.response_metadata.next_cursor;
    }
}

async fn link_by_hand(base: &str, core: &Core, size: usize) -> usize {
    let mut sum = 0;
    let mut url = format!("{base}/link?per_page={size}");
    loop {
        // The same client's connection pool and decoding: a raw send of the link's path.
        let path = url.strip_prefix(base).expect("same origin").to_string();
        let (path, query) = path.split_once('?').unwrap_or((&path, ""));
        let mut request = Request::new(Method::GET, path.into());
        for pair in query.split('&').filter(|p| !p.is_empty()) {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            request.query(k, v);
        }
        let response = core
            .send_json::<Vec<Item>, serde_json::Value>(request, RequestOptions::default())
            .await
            .expect("page");
        sum += response.data.iter().map(|i| i.n).sum::<usize>();
        let next = response
            .headers
            .get_all("link")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(", <"))
            .find(|l| l.contains("rel=\"next\""))
            .and_then(|l| {
                l.trim_start_matches('<')
                    .split('>')
                    .next()
                    .map(str::to_string)
            });
        match next {
            Some(n) => url = n,
            None => return sum,
        }
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let mut args = std::env::args().skip(1);
    let items: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(100_000);
    let size: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(100);
    let rounds: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(5);
    // The server runs on its own thread and runtime, so its work does not interleave with the
    // client's being measured.
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("server runtime");
        runtime.block_on(async move {
            let server = PagingServer::start(items, size).await;
            tx.send(server.url()).expect("send the address");
            std::future::pending::<()>().await;
        });
    });
    let base = rx.recv().expect("the server's address");
    let core = ClientBuilder::<Core>::new(&SETTINGS)
        .base_url(&base)
        .build()
        .expect("client");
    println!(
        "{items} items, {size} to a page ({} pages), {rounds} rounds, median:",
        items.div_ceil(size)
    );
    println!("| convention | by hand | `Pages::items()` | ratio |");
    println!("|---|---|---|---|");
    for convention in ["offset", "cursor", "link"] {
        let (mut hand, mut ours) = (Vec::new(), Vec::new());
        for _ in 0..rounds {
            let start = Instant::now();
            let sum = match convention {
                "offset" => offset_by_hand(&core, size).await,
                "cursor" => cursor_by_hand(&core).await,
                _ => link_by_hand(&base, &core, size).await,
            };
            hand.push(start.elapsed());
            check(sum, items);

            let start = Instant::now();
            let sum = match convention {
                "offset" => {
                    let mut r = Request::new(Method::GET, "/offset".into());
                    r.query("limit", size);
                    by_pages::<OffsetPage>(&core, r, &OFFSET).await
                }
                "cursor" => {
                    by_pages::<CursorPage>(
                        &core,
                        Request::new(Method::GET, "/nested".into()),
                        &NESTED,
                    )
                    .await
                }
                _ => {
                    let mut r = Request::new(Method::GET, "/link".into());
                    r.query("per_page", size);
                    by_pages::<Vec<Item>>(&core, r, &LINK).await
                }
            };
            ours.push(start.elapsed());
            check(sum, items);
        }
        let (h, o) = (median(hand), median(ours));
        println!(
            "| {convention} | {:.1} ms | {:.1} ms | {:.3}x |",
            h.as_secs_f64() * 1e3,
            o.as_secs_f64() * 1e3,
            o.as_secs_f64() / h.as_secs_f64()
        );
    }
}
