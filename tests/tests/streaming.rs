//! Streamed responses through the runtime, against a server on 127.0.0.1 that sends each body in
//! pieces of the test's choosing: bytes to a file, JSON Lines, server-sent events, and where
//! retries stop. The Claude API's own transcripts run in `anthropic.rs`, through a generated crate.

use std::time::Duration;

use codegen_runtime::{
    ApiSettings, ClientBuilder, Core, Error, EventSpec, Request, RequestOptions,
};
use futures_util::StreamExt;
use reqwest::Method;
use serde::Deserialize;
use tests::replay::{Playback, ReplayServer};

static SETTINGS: ApiSettings = ApiSettings {
    crate_name: "stream-test",
    crate_version: "0.0.0",
    default_base_url: "http://127.0.0.1:9",
    base_url_env: None,
    server_variables: &[],
    headers: &[],
    auth: &[],
};

fn core(server: &ReplayServer) -> Core {
    ClientBuilder::<Core>::new(&SETTINGS)
        .base_url(server.url())
        .retry_backoff(Duration::from_millis(10), Duration::from_millis(20))
        .timeout(Duration::from_secs(5))
        .build()
        .expect("client builds")
}

fn get(path: &str) -> Request {
    Request::new(Method::GET, path.to_string())
}

/// Bytes that are not all alike, so a dropped or repeated chunk shows.
fn pattern(len: usize) -> Vec<u8> {
    (0..len).map(|i| (i * 7 + i / 251) as u8).collect()
}

#[tokio::test]
async fn a_download_is_written_to_disk_as_it_arrives() {
    let body = pattern(300_001);
    let server = ReplayServer::start(vec![
        Playback::new(200, "application/octet-stream", body.clone())
            .split_at(&[1, 4096, 4097, 65_535, 200_000]),
    ])
    .await;
    let response = core(&server)
        .send_byte_stream::<serde_json::Value>(get("/file"), RequestOptions::default())
        .await
        .expect("the response starts");
    assert_eq!(response.request_id.as_deref(), Some("req_replay"));
    assert_eq!(response.data.request_id(), Some("req_replay"));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("file.bin");
    let written = response.data.write_to_file(&path).await.expect("written");
    assert_eq!(written, body.len() as u64);
    assert_eq!(std::fs::read(&path).unwrap(), body);
    let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(names.len(), 1, "no partial file is left beside it");
}

#[tokio::test]
async fn a_cut_download_leaves_the_existing_file_alone() {
    let server = ReplayServer::start(vec![
        Playback::new(200, "application/octet-stream", pattern(100_000))
            .every(10_000)
            .cut_after(55_000),
    ])
    .await;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("file.bin");
    std::fs::write(&path, b"the previous download").unwrap();
    let response = core(&server)
        .send_byte_stream::<serde_json::Value>(get("/file"), RequestOptions::default())
        .await
        .expect("the response starts");
    let err = response.data.write_to_file(&path).await.unwrap_err();
    assert!(matches!(err, Error::Connection { .. }), "{err:?}");
    assert_eq!(std::fs::read(&path).unwrap(), b"the previous download");
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        1,
        "the partial file is removed"
    );
    assert_eq!(
        server.received().len(),
        1,
        "a body that started is never retried"
    );
}

#[tokio::test]
async fn bytes_collects_a_small_body() {
    let server = ReplayServer::start(vec![
        Playback::new(200, "text/plain", "héllo wörld").every(1),
    ])
    .await;
    let response = core(&server)
        .send_byte_stream::<serde_json::Value>(get("/f"), RequestOptions::default())
        .await
        .unwrap();
    assert_eq!(
        &response.data.bytes().await.unwrap()[..],
        "héllo wörld".as_bytes()
    );
}

#[derive(Debug, Deserialize, PartialEq)]
struct Row {
    custom_id: String,
    n: u32,
}

#[tokio::test]
async fn json_lines_decode_as_they_arrive_across_any_split() {
    let text = "{\"custom_id\":\"é-1\",\"n\":1}\r\n\n{\"custom_id\":\"ü-2\",\"n\":2}\n{\"custom_id\":\"3\",\"n\":3}";
    for size in [1, 2, 3, 5, 8, 13, 1000] {
        let server = ReplayServer::start(vec![
            Playback::new(200, "application/x-jsonl", text).every(size),
        ])
        .await;
        let lines = core(&server)
            .send_json_lines::<Row, serde_json::Value>(get("/results"), RequestOptions::default())
            .await
            .unwrap()
            .data;
        let rows: Vec<Row> = lines.map(|r| r.expect("decodes")).collect().await;
        let ids: Vec<(&str, u32)> = rows.iter().map(|r| (r.custom_id.as_str(), r.n)).collect();
        assert_eq!(ids, [("é-1", 1), ("ü-2", 2), ("3", 3)], "pieces of {size}");
    }
}

#[tokio::test]
async fn a_bad_json_line_is_named_and_ends_the_stream() {
    let text = "{\"custom_id\":\"a\",\"n\":1}\n{\"custom_id\":\"b\",\"n\":2}\n{\"custom_id\":\"c\",\"n\":\"three\"}\n{\"custom_id\":\"d\",\"n\":4}\n";
    let server = ReplayServer::start(vec![Playback::new(200, "application/x-jsonl", text)]).await;
    let lines = core(&server)
        .send_json_lines::<Row, serde_json::Value>(get("/results"), RequestOptions::default())
        .await
        .unwrap()
        .data;
    let items: Vec<Result<Row, Error>> = lines.collect().await;
    assert_eq!(items.len(), 3, "the stream ends at the bad line");
    assert!(items[0].is_ok() && items[1].is_ok());
    match &items[2] {
        Err(Error::Decode { path, message, .. }) => {
            assert_eq!(path, "line 3: n", "{message}");
        }
        other => panic!("expected a decode error, got {other:?}"),
    }
}

#[derive(Debug, Deserialize, PartialEq)]
#[serde(tag = "type", rename_all = "snake_case")]
enum Event {
    Start { id: String },
    Delta { text: String },
    Stop,
}

#[derive(Debug, Deserialize)]
struct ErrorBody {
    error: ErrorDetail,
}

impl codegen_runtime::ErrorBody for ErrorBody {}

#[derive(Debug, Deserialize)]
struct ErrorDetail {
    #[serde(rename = "type")]
    kind: String,
}

static EVENTS: EventSpec = EventSpec {
    events: &["start", "delta", "stop"],
    end_event: Some("stop"),
    error_event: Some("error"),
};

async fn events(
    playbacks: Vec<Playback>,
    retries: u32,
) -> (Vec<Result<Event, Error<ErrorBody>>>, ReplayServer) {
    let server = ReplayServer::start(playbacks).await;
    let stream = core(&server)
        .send_events::<Event, ErrorBody>(
            Request::new(Method::POST, "/events".into()),
            RequestOptions {
                max_retries: Some(retries),
                ..RequestOptions::default()
            },
            &EVENTS,
        )
        .await
        .expect("the stream starts")
        .data;
    (stream.collect().await, server)
}

const SSE: &str = "event: start\ndata: {\"type\":\"start\",\"id\":\"m1\"}\n\n\
    event: ping\ndata: {\"type\": \"ping\"}\n\n\
    event: delta\ndata: {\"text\":\"h\u{e9}\"}\n\n\
    event: future_event\ndata: {\"type\":\"future_event\"}\n\n\
    : keep-alive\n\n\
    event: delta\ndata: {\"type\":\"delta\",\ndata: \"text\":\"llo\"}\n\n\
    event: stop\ndata: {\"type\":\"stop\"}\n\n";

fn expected() -> Vec<Event> {
    vec![
        Event::Start { id: "m1".into() },
        Event::Delta { text: "hé".into() },
        Event::Delta { text: "llo".into() },
        Event::Stop,
    ]
}

#[tokio::test]
async fn events_are_typed_named_skipped_and_joined() {
    for size in [1, 3, 7, 64, 4096] {
        let (items, _) = events(
            vec![Playback::new(200, "text/event-stream", SSE).every(size)],
            0,
        )
        .await;
        let items: Vec<Event> = items.into_iter().map(|i| i.expect("decodes")).collect();
        assert_eq!(items, expected(), "pieces of {size}");
    }
}

#[tokio::test]
async fn an_error_event_is_an_api_error_with_its_typed_body() {
    let text = "event: start\ndata: {\"type\":\"start\",\"id\":\"m1\"}\n\n\
        event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}\n\n\
        event: stop\ndata: {\"type\":\"stop\"}\n\n";
    let (items, server) = events(vec![Playback::new(200, "text/event-stream", text)], 2).await;
    assert_eq!(items.len(), 2);
    match &items[1] {
        Err(Error::Api(e)) => {
            assert_eq!(e.kind.as_deref(), Some("overloaded_error"));
            assert_eq!(e.message.as_deref(), Some("Overloaded"));
            assert_eq!(
                e.body.as_ref().map(|b| b.error.kind.as_str()),
                Some("overloaded_error")
            );
        }
        other => panic!("expected an API error, got {other:?}"),
    }
    assert_eq!(
        server.received().len(),
        1,
        "an error after the first event is not retried"
    );
}

#[tokio::test]
async fn a_stream_that_stops_before_its_end_event_is_an_error() {
    // Cleanly closed after whole events, and cut by the connection mid-event.
    let whole_events = SSE.find("event: stop").unwrap();
    for playback in [
        Playback::new(200, "text/event-stream", &SSE[..whole_events]),
        Playback::new(200, "text/event-stream", SSE)
            .every(16)
            .cut_after(whole_events + 5),
    ] {
        let cut = playback.cut;
        let (items, server) = events(vec![playback], 2).await;
        let last = items.last().expect("items");
        assert!(
            matches!(last, Err(Error::Connection { .. })),
            "cut {cut}: {last:?}"
        );
        let oks = items.iter().filter(|i| i.is_ok()).count();
        assert_eq!(oks, 3, "cut {cut}: the events before the cut arrive");
        assert_eq!(server.received().len(), 1, "never restarted silently");
    }
}

#[tokio::test]
async fn a_request_is_retried_until_the_stream_starts() {
    let overloaded = Playback::new(
        529,
        "application/json",
        "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}",
    );
    let (items, server) = events(
        vec![overloaded, Playback::new(200, "text/event-stream", SSE)],
        2,
    )
    .await;
    let items: Vec<Event> = items.into_iter().map(|i| i.expect("decodes")).collect();
    assert_eq!(items, expected());
    assert_eq!(server.received().len(), 2);
}

#[tokio::test]
async fn a_stalled_stream_times_out() {
    let mut playback = Playback::new(200, "text/event-stream", SSE).split_at(&[10]);
    playback.pause = Duration::from_millis(1500);
    let server = ReplayServer::start(vec![playback]).await;
    let stream = core(&server)
        .send_events::<Event, ErrorBody>(
            Request::new(Method::POST, "/events".into()),
            RequestOptions {
                timeout: Some(Duration::from_millis(500)),
                ..RequestOptions::default()
            },
            &EVENTS,
        )
        .await;
    // Either the first piece is late (the attempt times out) or the second is (the stream does).
    let err = match stream {
        Err(e) => e,
        Ok(r) => {
            let items: Vec<_> = r.data.collect().await;
            items.into_iter().find_map(Result::err).expect("an error")
        }
    };
    assert!(matches!(err, Error::Timeout { .. }), "{err:?}");
}

#[tokio::test]
async fn a_caller_that_pauses_before_reading_is_not_timed_out() {
    // The body arrives 700 ms after the headers; the caller starts reading after 600 ms, with a
    // 500 ms timeout. The wait is timed from the first read, not from when the stream was made.
    let mut playback = Playback::new(200, "text/event-stream", SSE);
    playback.pause = Duration::from_millis(700);
    let server = ReplayServer::start(vec![playback]).await;
    let stream = core(&server)
        .send_events::<Event, ErrorBody>(
            Request::new(Method::POST, "/events".into()),
            RequestOptions {
                timeout: Some(Duration::from_millis(500)),
                ..RequestOptions::default()
            },
            &EVENTS,
        )
        .await
        .expect("the headers arrive at once")
        .data;
    tokio::time::sleep(Duration::from_millis(600)).await;
    let items: Vec<Event> = stream.map(|i| i.expect("no timeout")).collect().await;
    assert_eq!(items, expected());
}

#[tokio::test]
async fn events_before_a_line_that_is_not_utf8_still_arrive() {
    // One piece: a whole event, then a line that is not UTF-8.
    let mut body = b"event: start\ndata: {\"type\":\"start\",\"id\":\"m1\"}\n\n".to_vec();
    body.extend_from_slice(b"event: delta\ndata: \xFF\xFE\n\n");
    let (items, _) = events(vec![Playback::new(200, "text/event-stream", body)], 0).await;
    assert_eq!(items.len(), 2, "{items:?}");
    assert_eq!(
        items[0].as_ref().ok(),
        Some(&Event::Start { id: "m1".into() })
    );
    match &items[1] {
        Err(Error::Decode { path, message, .. }) => {
            assert_eq!(
                (path.as_str(), message.as_str()),
                ("line 5", "the event stream is not UTF-8")
            );
        }
        other => panic!("expected a decode error, got {other:?}"),
    }
}
