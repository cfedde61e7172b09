//! Copied by the compile test into the paging fixture's crate: page types whose items sit inside
//! a member, walked against a server on 127.0.0.1 that answers each request with the next page.
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};

use constructs_paging_conventions::{Client, TryStreamExt};

/// The server's URL and the request lines it has seen.
fn serve(pages: Vec<&'static str>) -> (String, Arc<Mutex<Vec<String>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let url = format!("http://{}", listener.local_addr().expect("address"));
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = Arc::clone(&seen);
    std::thread::spawn(move || {
        for page in pages {
            let (stream, _) = listener.accept().expect("accept");
            let mut reader = BufReader::new(stream);
            let mut line = String::new();
            reader.read_line(&mut line).expect("request line");
            log.lock().expect("log").push(line.trim_end().to_string());
            let mut header = String::new();
            while reader.read_line(&mut header).expect("header") > 2 {
                header.clear();
            }
            write!(
                reader.into_inner(),
                "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\
                 connection: close\r\n\r\n{page}",
                page.len()
            )
            .expect("answer");
        }
    });
    (url, seen)
}

fn ids(items: &[constructs_paging_conventions::types::Item]) -> Vec<&str> {
    items.iter().map(|i| i.id.as_str()).collect()
}

#[tokio::test]
async fn items_in_an_optional_member_walk_by_the_cursor_beside_them() {
    let (url, seen) = serve(vec![
        r#"{"result": {"records": [{"id": "a", "n": 1}, {"id": "b", "n": 2}], "next_cursor": "c2"}}"#,
        r#"{"result": {"records": [{"id": "c", "n": 3}], "next_cursor": null}}"#,
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
        r#"{"Results": {"Facilities": [{"id": "a", "n": 1}, {"id": "b", "n": 2}], "PageNo": "2"}}"#,
        r#"{"Results": {"Facilities": [{"id": "c", "n": 3}], "PageNo": "2"}}"#,
        r#"{"Results": {"Facilities": [], "PageNo": "2"}}"#,
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
