//! Per-request overhead of the generated client against a bare `reqwest::Client`: N small GETs
//! (Get Skill) to a local server on 127.0.0.1, each decoded into the same typed response.
//! Rounds alternate between the two so drift hits both; the median round is reported.
//!
//! Usage: request_overhead [REQUESTS] [ROUNDS]      (run by scripts/bench-overhead.sh)

use std::time::{Duration, Instant};

use anthropic_skills::types::Skill;
use axum::Router;
use axum::routing::get;

const BODY: &str = r#"{"created_at":"2024-10-30T23:58:27.427722Z","display_title":null,"id":"skill_1","latest_version":null,"source":"custom","type":"skill","updated_at":"2024-10-30T23:58:27.427722Z"}"#;

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let mut args = std::env::args().skip(1);
    let requests: u32 = args.next().and_then(|a| a.parse().ok()).unwrap_or(10_000);
    let rounds: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(5);

    let app = Router::new().route(
        "/v1/skills/{id}",
        get(|| async { ([("content-type", "application/json")], BODY) }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let base = format!("http://{}", listener.local_addr().expect("addr"));
    tokio::spawn(async move { axum::serve(listener, app).await });

    let generated = anthropic_skills::Client::builder()
        .api_key("sk-bench")
        .base_url(&base)
        .build()
        .expect("client");
    let bare = reqwest::Client::new();
    let url = format!("{base}/v1/skills/skill_1");

    let mut ours = Vec::new();
    let mut raw = Vec::new();
    for _ in 0..rounds {
        let start = Instant::now();
        for _ in 0..requests {
            let skill = generated
                .skills()
                .retrieve("skill_1")
                .send()
                .await
                .expect("generated client");
            std::hint::black_box(skill);
        }
        ours.push(start.elapsed());

        let start = Instant::now();
        for _ in 0..requests {
            // The same headers the generated client sends, and the same typed decode.
            let skill: Skill = bare
                .get(&url)
                .header("x-api-key", "sk-bench")
                .header("anthropic-version", "2023-06-01")
                .header("anthropic-beta", "skills-2025-10-02")
                .header("accept", "application/json")
                .send()
                .await
                .expect("reqwest")
                .error_for_status()
                .expect("status")
                .json()
                .await
                .expect("decode");
            std::hint::black_box(skill);
        }
        raw.push(start.elapsed());
    }
    let (ours, raw) = (median(ours), median(raw));
    let per = |d: Duration| d.as_secs_f64() * 1e6 / f64::from(requests);
    println!("{requests} GETs per round, median of {rounds} rounds, one connection each");
    println!("| client | per request | ratio |");
    println!("|---|---|---|");
    println!(
        "| bare reqwest::Client (baseline) | {:.1} µs | 1.00x |",
        per(raw)
    );
    println!(
        "| generated client | {:.1} µs | {:.2}x |",
        per(ours),
        ours.as_secs_f64() / raw.as_secs_f64()
    );
}
