//! A benchmark sink on 127.0.0.1: reads each request body as a stream, counts the bytes without
//! keeping them, and answers with a Create Skill Version response.
//!
//! usage: sink_server PORT_FILE    (writes the bound port to PORT_FILE, then serves until killed)

use axum::body::Body;
use axum::extract::Request;
use axum::response::Response;
use futures_util::StreamExt;

async fn sink(request: Request) -> Response {
    let mut stream = request.into_body().into_data_stream();
    let mut total = 0usize;
    while let Some(chunk) = stream.next().await {
        match chunk {
            Ok(bytes) => total += bytes.len(),
            Err(e) => {
                eprintln!("sink: body error after {total} bytes: {e}");
                break;
            }
        }
    }
    eprintln!("sink: received {total} bytes");
    let body = serde_json::json!({
        "created_at": "2024-10-30T23:58:27Z", "description": "bench", "directory": "bench-skill",
        "id": "skillver_bench", "name": "bench", "skill_id": "skill_bench", "type": "skill_version",
        "version": total.to_string(),
    });
    Response::builder()
        .header("content-type", "application/json")
        .body(Body::from(body.to_string()))
        .expect("valid response")
}

#[tokio::main]
async fn main() {
    let listener = tests::server::listen_for_bench("sink_server").await;
    axum::serve(listener, axum::Router::new().fallback(sink))
        .await
        .expect("serve");
}
