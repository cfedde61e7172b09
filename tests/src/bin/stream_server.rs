//! A benchmark source on 127.0.0.1 for the streamed responses, generating bodies as they are sent
//! so that its own memory stays flat:
//!
//! - `GET /download/N`: N bytes of `application/octet-stream`, in 64 KiB chunks;
//! - `GET /jsonl/N`: N Message Batch results as JSON Lines (`application/x-jsonl`);
//! - `GET /sse/N`: a message whose answer has N `content_block_delta` events, as server-sent
//!   events in the Claude API's format.
//!
//! usage: stream_server PORT_FILE    (writes the bound port to PORT_FILE, then serves until killed)

use axum::body::Body;
use axum::extract::Path;
use axum::response::Response;
use axum::routing::get;
use bytes::Bytes;
use futures_util::stream;

const CHUNK: usize = 64 * 1024;
/// Lines or events generated per body chunk.
const BATCH: u64 = 256;

fn response(
    content_type: &str,
    chunks: impl futures_util::Stream<Item = Bytes> + Send + 'static,
) -> Response {
    use futures_util::StreamExt;
    Response::builder()
        .header("content-type", content_type)
        .header("request-id", "req_bench")
        .body(Body::from_stream(
            chunks.map(Ok::<_, std::convert::Infallible>),
        ))
        .expect("valid response")
}

async fn download(Path(len): Path<u64>) -> Response {
    let chunks = stream::unfold(0u64, move |sent| async move {
        if sent >= len {
            return None;
        }
        let n = (len - sent).min(CHUNK as u64) as usize;
        Some((Bytes::from_static(&BLOCK[..n]), sent + n as u64))
    });
    let mut response = response("application/octet-stream", chunks);
    response.headers_mut().insert("content-length", len.into());
    response
}

static BLOCK: [u8; CHUNK] = {
    let mut b = [0u8; CHUNK];
    let mut i = 0;
    while i < CHUNK {
        b[i] = (i % 251) as u8;
        i += 1;
    }
    b
};

/// One batch result line, shaped as the API sends it.
fn result_line(i: u64) -> String {
    format!(
        concat!(
            r#"{{"custom_id":"request-{i}","result":{{"type":"succeeded","message":{{"id":"msg_{i:024}","#,
            r#""type":"message","role":"assistant","model":"claude-opus-4-6","content":[{{"type":"text","#,
            r#""text":"Result number {i}: the answer is short, as batch answers often are.","citations":null}}],"#,
            r#""stop_reason":"end_turn","stop_sequence":null,"stop_details":null,"container":null,"#,
            r#""usage":{{"input_tokens":11,"output_tokens":36,"cache_creation_input_tokens":0,"#,
            r#""cache_read_input_tokens":0,"cache_creation":null,"service_tier":"batch","#,
            r#""server_tool_use":null,"inference_geo":null}}}}}}}}"#,
            "\n"
        ),
        i = i
    )
}

async fn jsonl(Path(lines): Path<u64>) -> Response {
    let chunks = stream::unfold(0u64, move |next| async move {
        if next >= lines {
            return None;
        }
        let end = (next + BATCH).min(lines);
        let text: String = (next..end).map(result_line).collect();
        Some((Bytes::from(text), end))
    });
    response("application/x-jsonl", chunks)
}

fn event(name: &str, data: &str) -> String {
    format!("event: {name}\ndata: {data}\n\n")
}

/// A message transcript with `deltas` text deltas, as the Messages API streams it.
fn transcript_part(i: u64, deltas: u64) -> String {
    if i == 0 {
        return event(
            "message_start",
            r#"{"type":"message_start","message":{"id":"msg_bench","type":"message","role":"assistant","content":[],"model":"claude-opus-4-6","stop_reason":null,"stop_sequence":null,"stop_details":null,"container":null,"usage":{"input_tokens":25,"output_tokens":1,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,"cache_creation":null,"service_tier":"standard","server_tool_use":null,"inference_geo":null}}}"#,
        ) + &event(
            "content_block_start",
            r#"{"type":"content_block_start","index":0,"content_block":{"type":"text","text":"","citations":null}}"#,
        ) + &event("ping", r#"{"type": "ping"}"#);
    }
    if i <= deltas {
        return event(
            "content_block_delta",
            &format!(
                r#"{{"type":"content_block_delta","index":0,"delta":{{"type":"text_delta","text":"word {i} "}}}}"#
            ),
        );
    }
    event(
        "content_block_stop",
        r#"{"type":"content_block_stop","index":0}"#,
    ) + &event(
        "message_delta",
        r#"{"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null,"stop_details":null,"container":null},"usage":{"output_tokens":15,"input_tokens":null,"cache_creation_input_tokens":null,"cache_read_input_tokens":null,"server_tool_use":null}}"#,
    ) + &event("message_stop", r#"{"type":"message_stop"}"#)
}

async fn sse(Path(deltas): Path<u64>) -> Response {
    let chunks = stream::unfold(0u64, move |next| async move {
        if next > deltas + 1 {
            return None;
        }
        let end = (next + BATCH).min(deltas + 2);
        let text: String = (next..end).map(|i| transcript_part(i, deltas)).collect();
        Some((Bytes::from(text), end))
    });
    response("text/event-stream", chunks)
}

#[tokio::main]
async fn main() {
    let listener = tests::server::listen_for_bench("stream_server").await;
    let app = axum::Router::new()
        .route("/download/{len}", get(download))
        .route("/jsonl/{lines}", get(jsonl))
        .route("/sse/{deltas}", get(sse));
    axum::serve(listener, app).await.expect("serve");
}
