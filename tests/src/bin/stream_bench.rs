//! One measurement of the streamed responses, through the runtime that every generated crate
//! carries (`codegen-runtime`), or through a bare baseline. `scripts/bench-streams.sh` runs it
//! against `stream_server` in a separate process, so that the peak RSS printed here is the
//! client's alone.
//!
//! usage: stream_bench MODE URL [PATH]
//!   download URL PATH   the runtime's ByteStream::write_to_file
//!   jsonl URL           the runtime's JsonLines, typed as Message Batch results
//!   jsonl-buffered URL  baseline: the whole body read, then decoded line by line
//!   sse URL             the runtime's EventStream, typed as message stream events
//!   raw URL             baseline: the body's bytes read and dropped, with bare reqwest
//!   sse-parse URL       the SSE parser alone, over the body already in memory
//!
//! It prints one line: `mode=.. items=.. bytes=.. secs=.. peak_rss_kib=..`.

use std::collections::VecDeque;
use std::time::{Duration, Instant};

use codegen_runtime::{ApiSettings, ClientBuilder, Core, EventSpec, Request, RequestOptions};
use futures_util::StreamExt;
use reqwest::Method;
use serde::Deserialize;

static SETTINGS: ApiSettings = ApiSettings {
    crate_name: "stream-bench",
    crate_version: "0.0.0",
    default_base_url: "http://127.0.0.1:9",
    base_url_env: None,
    server_variables: &[],
    headers: &[],
    auth: &[],
};

/// The shape of a Message Batch result, as the generated Claude API types decode it.
#[derive(Deserialize)]
#[allow(dead_code)]
struct BatchLine {
    custom_id: String,
    result: BatchResult,
}

#[derive(Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
#[allow(dead_code)]
enum BatchResult {
    Succeeded { message: Message },
    Errored { error: serde_json::Value },
    Canceled,
    Expired,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct Message {
    id: String,
    model: String,
    role: String,
    content: Vec<Block>,
    stop_reason: Option<String>,
    stop_sequence: Option<String>,
    usage: Usage,
}

#[derive(Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
#[allow(dead_code)]
enum Block {
    Text {
        text: String,
        citations: Option<Vec<serde_json::Value>>,
    },
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct Usage {
    input_tokens: Option<u64>,
    output_tokens: u64,
    cache_creation_input_tokens: Option<u64>,
    cache_read_input_tokens: Option<u64>,
    service_tier: Option<String>,
}

#[derive(Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
#[allow(dead_code)]
enum Event {
    MessageStart {
        message: Message,
    },
    ContentBlockStart {
        index: u32,
        content_block: Block,
    },
    ContentBlockDelta {
        index: u32,
        delta: Delta,
    },
    ContentBlockStop {
        index: u32,
    },
    MessageDelta {
        delta: serde_json::Value,
        usage: Usage,
    },
    MessageStop,
}

#[derive(Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
#[allow(dead_code)]
enum Delta {
    TextDelta { text: String },
    InputJsonDelta { partial_json: String },
}

static EVENTS: EventSpec = EventSpec {
    events: &[
        "message_start",
        "message_delta",
        "message_stop",
        "content_block_start",
        "content_block_delta",
        "content_block_stop",
    ],
    end_event: Some("message_stop"),
    error_event: Some("error"),
};

fn peak_rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        })
        .unwrap_or(0)
}

fn core(base: &str) -> Core {
    ClientBuilder::<Core>::new(&SETTINGS)
        .base_url(base)
        .timeout(Duration::from_secs(600))
        .build()
        .expect("client builds")
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let usage = "usage: stream_bench MODE URL [PATH]";
    let mode = args.get(1).expect(usage).as_str();
    let url = args.get(2).expect(usage).as_str();
    let parsed = reqwest::Url::parse(url).expect("a URL");
    let base = parsed.origin().ascii_serialization();
    let path = parsed.path();
    let request = || Request::new(Method::GET, path.to_string());
    let options = RequestOptions::default;
    let started = Instant::now();
    let (items, bytes, secs) = match mode {
        "download" => {
            let file = args.get(3).expect(usage);
            let body = core(&base)
                .send_byte_stream::<serde_json::Value>(request(), options())
                .await
                .expect("download starts")
                .data;
            let written = body.write_to_file(file).await.expect("download completes");
            (1, written, started.elapsed().as_secs_f64())
        }
        "jsonl" => {
            let mut lines = core(&base)
                .send_json_lines::<BatchLine, serde_json::Value>(request(), options())
                .await
                .expect("results start")
                .data;
            let mut n = 0u64;
            while let Some(line) = lines.next().await {
                line.expect("line decodes");
                n += 1;
            }
            (n, 0, started.elapsed().as_secs_f64())
        }
        "jsonl-buffered" => {
            let body = reqwest::get(url)
                .await
                .expect("get")
                .bytes()
                .await
                .expect("body");
            let mut n = 0u64;
            for line in body.split(|b| *b == b'\n').filter(|l| !l.is_empty()) {
                let _: BatchLine = serde_json::from_slice(line).expect("line decodes");
                n += 1;
            }
            (n, body.len() as u64, started.elapsed().as_secs_f64())
        }
        "sse" => {
            let mut events = core(&base)
                .send_events::<Event, serde_json::Value>(request(), options(), &EVENTS)
                .await
                .expect("events start")
                .data;
            let mut n = 0u64;
            while let Some(event) = events.next().await {
                event.expect("event decodes");
                n += 1;
            }
            (n, 0, started.elapsed().as_secs_f64())
        }
        "raw" => {
            let mut body = reqwest::get(url).await.expect("get").bytes_stream();
            let mut total = 0u64;
            while let Some(chunk) = body.next().await {
                total += chunk.expect("chunk").len() as u64;
            }
            (0, total, started.elapsed().as_secs_f64())
        }
        "sse-parse" => {
            let body = reqwest::get(url)
                .await
                .expect("get")
                .bytes()
                .await
                .expect("body");
            let parsing = Instant::now();
            let mut parser = codegen_runtime::sse::Parser::new();
            let mut out = VecDeque::new();
            let mut n = 0u64;
            for chunk in body.chunks(16 * 1024) {
                parser.feed(chunk, &mut out).expect("UTF-8");
                n += out.len() as u64;
                out.clear();
            }
            (n, body.len() as u64, parsing.elapsed().as_secs_f64())
        }
        other => panic!("unknown mode `{other}`; {usage}"),
    };
    println!(
        "mode={mode} items={items} bytes={bytes} secs={secs:.3} peak_rss_kib={}",
        peak_rss_kib()
    );
}
