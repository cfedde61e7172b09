//! The Claude API's three streaming shapes through the crate generated from the Anthropic
//! Stainless document, against a local server that replays transcripts in the API's exact format
//! (REFERENCE.md §5), sent in awkward pieces: inside lines, inside UTF-8 characters, one byte at
//! a time.
//!
//! `tests/tests/anthropic.rs` in the generator's repository generates the crate, copies this file
//! with its transcripts and the replay server into it, and runs it.

mod replay;

use std::time::Duration;

use anthropic_api::types::{self, MessageStreamEvent as Event};
use anthropic_api::{Client, Error, StreamExt, TryStreamExt};
use replay::{Playback, ReplayServer};

/// The error of the (non-beta) Messages API; the crate's default is the beta one.
type MessagesError = Error<types::ErrorResponse>;

const TEXT: &str = include_str!("transcripts/text.sse");
const TOOL_USE: &str = include_str!("transcripts/tool_use.sse");
const OVERLOADED: &str = include_str!("transcripts/overloaded.sse");
const BATCH_RESULTS: &str = include_str!("transcripts/batch_results.jsonl");

/// Piece sizes that split the transcripts inside lines, `\n\n` pairs and multi-byte characters.
const PIECES: &[usize] = &[1, 2, 3, 5, 7, 64, 1000];

fn client(server: &ReplayServer) -> Client {
    Client::builder()
        .base_url(server.url())
        .api_key("sk-test")
        .retry_backoff(Duration::from_millis(10), Duration::from_millis(20))
        .build()
        .expect("client builds")
}

fn params() -> types::CreateMessageParams {
    serde_json::from_value(serde_json::json!({
        "model": "claude-opus-4-6",
        "max_tokens": 1024,
        "messages": [{"role": "user", "content": "Hello"}]
    }))
    .expect("valid params")
}

fn sse(text: &str) -> Playback {
    Playback::new(200, "text/event-stream; charset=utf-8", text)
}

async fn stream(server: &ReplayServer) -> Vec<Result<Event, MessagesError>> {
    client(server)
        .messages()
        .create(params())
        .stream()
        .await
        .expect("the stream starts")
        .collect()
        .await
}

/// The text of every text delta, in order.
fn text_of(events: &[Event]) -> String {
    events
        .iter()
        .filter_map(|e| match e {
            Event::ContentBlockDelta(d) => match &d.delta {
                types::ContentBlockDeltaEventDelta::TextDelta(t) => Some(t.text.as_str()),
                _ => None,
            },
            _ => None,
        })
        .collect()
}

fn names(events: &[Event]) -> Vec<&'static str> {
    events
        .iter()
        .map(|e| match e {
            Event::MessageStart(_) => "message_start",
            Event::MessageDelta(_) => "message_delta",
            Event::MessageStop(_) => "message_stop",
            Event::ContentBlockStart(_) => "content_block_start",
            Event::ContentBlockDelta(_) => "content_block_delta",
            Event::ContentBlockStop(_) => "content_block_stop",
            _ => "other",
        })
        .collect()
}

#[tokio::test]
async fn a_text_answer_arrives_typed_whatever_the_pieces() {
    for &size in PIECES {
        let server = ReplayServer::start(vec![sse(TEXT).every(size)]).await;
        let events: Vec<Event> = stream(&server)
            .await
            .into_iter()
            .collect::<Result<_, _>>()
            .unwrap_or_else(|e| panic!("pieces of {size}: {e}"));
        assert_eq!(
            text_of(&events),
            "Bonjour ! Ça va ? 👋 日本語も。",
            "pieces of {size}"
        );
        assert_eq!(
            names(&events),
            [
                "message_start",
                "content_block_start",
                "content_block_delta",
                "content_block_delta",
                "content_block_delta",
                "content_block_stop",
                "message_delta",
                "message_stop"
            ],
            "pieces of {size}: ping is skipped"
        );
        let Event::MessageStart(start) = &events[0] else {
            panic!("message_start first")
        };
        assert_eq!(start.message.id, "msg_01XFDUDYJgAACzvnptvVoYEL");
        let Event::MessageDelta(delta) = &events[6] else {
            panic!("message_delta")
        };
        assert_eq!(delta.delta.stop_reason, Some(types::StopReason::EndTurn));
        assert_eq!(delta.usage.output_tokens, 15);

        // What went out: the flag set, the event stream asked for, the key sent.
        let sent = &server.received()[0];
        assert_eq!(sent.line, "POST /v1/messages HTTP/1.1");
        assert_eq!(sent.header("accept"), Some("text/event-stream"));
        assert_eq!(sent.header("x-api-key"), Some("sk-test"));
        let body: serde_json::Value = serde_json::from_slice(&sent.body).expect("JSON body");
        assert_eq!(body["stream"], true);
        assert_eq!(body["max_tokens"], 1024);
    }
}

#[tokio::test]
async fn a_tool_use_answer_reassembles_its_input_json() {
    for &size in PIECES {
        let server = ReplayServer::start(vec![sse(TOOL_USE).every(size)]).await;
        let events: Vec<Event> = stream(&server)
            .await
            .into_iter()
            .collect::<Result<_, _>>()
            .unwrap_or_else(|e| panic!("pieces of {size}: {e}"));
        let tool = events.iter().find_map(|e| match e {
            Event::ContentBlockStart(s) => match &s.content_block {
                types::ContentBlock::ToolUse(t) => Some(t),
                _ => None,
            },
            _ => None,
        });
        assert_eq!(tool.map(|t| t.name.as_str()), Some("get_weather"));
        let partial: String = events
            .iter()
            .filter_map(|e| match e {
                Event::ContentBlockDelta(d) => match &d.delta {
                    types::ContentBlockDeltaEventDelta::InputJsonDelta(j) => {
                        Some(j.partial_json.as_str())
                    }
                    _ => None,
                },
                _ => None,
            })
            .collect();
        let input: serde_json::Value = serde_json::from_str(&partial).expect("whole JSON");
        assert_eq!(
            input,
            serde_json::json!({"location": "San Francisco, CA", "unit": "fahrenheit"})
        );
        assert_eq!(text_of(&events), "Okay, let me check the weather.");
        let stop = events.iter().find_map(|e| match e {
            Event::MessageDelta(d) => d.delta.stop_reason.clone(),
            _ => None,
        });
        assert_eq!(stop, Some(types::StopReason::ToolUse));
    }
}

#[tokio::test]
async fn an_overloaded_error_mid_stream_is_a_typed_api_error() {
    for &size in &[1, 7, 1000] {
        let server = ReplayServer::start(vec![sse(OVERLOADED).every(size)]).await;
        let items = stream(&server).await;
        assert_eq!(items.len(), 4, "three events, then the error, then the end");
        assert!(items[..3].iter().all(Result::is_ok));
        let Err(Error::Api(e)) = &items[3] else {
            panic!("expected an API error, got {:?}", items[3])
        };
        assert_eq!(e.kind.as_deref(), Some("overloaded_error"));
        assert_eq!(e.message.as_deref(), Some("Overloaded"));
        assert!(
            matches!(
                e.body.as_ref().map(|b| &b.error),
                Some(types::ErrorResponseError::OverloadedError(_))
            ),
            "{:?}",
            e.body
        );
        assert_eq!(
            server.received().len(),
            1,
            "not restarted after events arrived"
        );
    }
}

#[tokio::test]
async fn a_connection_cut_mid_stream_is_an_error_not_an_end() {
    let cut_at = TEXT
        .find("event: content_block_stop")
        .expect("in transcript")
        + 10;
    let server = ReplayServer::start(vec![sse(TEXT).every(9).cut_after(cut_at), sse(TEXT)]).await;
    let items = stream(&server).await;
    let last = items.last().expect("some items");
    assert!(matches!(last, Err(Error::Connection { .. })), "{last:?}");
    let events: Vec<&Event> = items.iter().filter_map(|i| i.as_ref().ok()).collect();
    assert_eq!(events.len(), 5, "the five whole events before the cut");
    assert_eq!(server.received().len(), 1, "never restarted silently");
}

#[tokio::test]
async fn a_stream_is_retried_only_before_it_starts() {
    let overloaded = Playback::new(
        529,
        "application/json",
        r#"{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"},"request_id":"req_1"}"#,
    );
    let server = ReplayServer::start(vec![overloaded, sse(TEXT).every(5)]).await;
    let events: Vec<Event> = stream(&server)
        .await
        .into_iter()
        .collect::<Result<_, _>>()
        .expect("the retry streams");
    assert_eq!(text_of(&events), "Bonjour ! Ça va ? 👋 日本語も。");
    assert_eq!(server.received().len(), 2);
}

#[tokio::test]
async fn the_beta_route_streams_too() {
    let server = ReplayServer::start(vec![sse(TEXT).every(11)]).await;
    let params: types::BetaCreateMessageParams = serde_json::from_value(serde_json::json!({
        "model": "claude-opus-4-6",
        "max_tokens": 16,
        "messages": [{"role": "user", "content": "Hi"}]
    }))
    .expect("valid params");
    let events: Vec<types::BetaMessageStreamEvent> = client(&server)
        .beta()
        .messages()
        .create(params)
        .stream()
        .await
        .expect("starts")
        .try_collect()
        .await
        .expect("decodes");
    assert_eq!(events.len(), 8);
    assert_eq!(
        server.received()[0].line,
        "POST /v1/messages?beta=true HTTP/1.1"
    );
}

#[tokio::test]
async fn the_plain_send_refuses_the_stream_flag() {
    let server = ReplayServer::start(vec![]).await;
    let mut params = params();
    params.stream = Some(true);
    let err = client(&server)
        .messages()
        .create(params)
        .send()
        .await
        .unwrap_err();
    assert!(matches!(err, Error::InvalidInput(_)), "{err:?}");
    assert!(server.received().is_empty(), "nothing was sent");
}

#[tokio::test]
async fn batch_results_decode_line_by_line() {
    for &size in PIECES {
        let server = ReplayServer::start(vec![
            Playback::new(200, "application/x-jsonl", BATCH_RESULTS).every(size),
        ])
        .await;
        let results: Vec<types::MessageBatchIndividualResponse> = client(&server)
            .messages()
            .batches()
            .results("msgbatch_01")
            .send()
            .await
            .expect("starts")
            .try_collect()
            .await
            .unwrap_or_else(|e| panic!("pieces of {size}: {e}"));
        let ids: Vec<&str> = results.iter().map(|r| r.custom_id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "my-first-request",
                "my-second-request",
                "my-third-request",
                "my-fourth-request"
            ]
        );
        let types::MessageBatchIndividualResponseResult::Succeeded(ok) = &results[0].result else {
            panic!("first succeeded: {:?}", results[0].result)
        };
        assert_eq!(ok.message.id, "msg_014VwiXbi91y3JMjcpyGBHX5");
        assert!(matches!(
            results[1].result,
            types::MessageBatchIndividualResponseResult::Errored(_)
        ));
        let sent = &server.received()[0];
        assert_eq!(
            sent.line,
            "GET /v1/messages/batches/msgbatch_01/results HTTP/1.1"
        );
        // The lines first, then the error body the document declares.
        assert_eq!(
            sent.header("accept"),
            Some("application/x-jsonl, application/json")
        );
    }
}

#[tokio::test]
async fn a_bad_batch_result_line_names_its_number() {
    let mut lines: Vec<&str> = BATCH_RESULTS.lines().collect();
    lines[2] = r#"{"custom_id":"my-third-request","result":{"type":"canceled"}"#;
    let server = ReplayServer::start(vec![Playback::new(
        200,
        "application/x-jsonl",
        lines.join("\n"),
    )])
    .await;
    let items: Vec<_> = client(&server)
        .messages()
        .batches()
        .results("msgbatch_01")
        .send()
        .await
        .expect("starts")
        .collect()
        .await;
    assert_eq!(items.len(), 3, "two results, then the error, then the end");
    match &items[2] {
        Err(Error::Decode { path, .. }) => assert!(path.starts_with("line 3"), "{path}"),
        other => panic!("expected a decode error, got {other:?}"),
    }
}

#[tokio::test]
async fn a_file_download_goes_to_disk() {
    let body: Vec<u8> = (0..3_000_017u32).map(|i| (i % 251) as u8).collect();
    let server = ReplayServer::start(vec![
        Playback::new(200, "application/octet-stream", body.clone()).every(65_521),
    ])
    .await;
    let download = client(&server)
        .beta()
        .files()
        .content("file_011CNha8iCJcU1wXNR6q4V8w")
        .send()
        .await
        .expect("starts");
    assert_eq!(download.request_id(), Some("req_replay"));
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("report.pdf");
    let written = download.write_to_file(&path).await.expect("written");
    assert_eq!(written, body.len() as u64);
    assert_eq!(std::fs::read(&path).expect("read back"), body);
    let sent = &server.received()[0];
    assert_eq!(
        sent.line,
        "GET /v1/files/file_011CNha8iCJcU1wXNR6q4V8w/content?beta=true HTTP/1.1"
    );
    assert_eq!(sent.header("accept"), Some("application/octet-stream"));
}
