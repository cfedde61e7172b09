//! What lossless decoding costs: a page of 20 skills (the List Skills response) decoded into the
//! generated types, which keep unknown members in a flattened `extra` map, against the same
//! types without it (the shape the generator emitted before). Rounds alternate; the median round
//! is reported, with and without unknown members in the body.
//!
//! Usage: decode_cost [ITERATIONS] [ROUNDS]      (run by scripts/bench-decode.sh)

use std::time::{Duration, Instant};

use anthropic_skills::types::ListSkillsResponse;
use serde::Deserialize;

/// The generated `ListSkillsResponse` and its item as they were without `extra`.
#[derive(Deserialize)]
#[allow(dead_code)]
struct PlainPage {
    data: Vec<PlainSkill>,
    has_more: bool,
    next_page: Option<String>,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct PlainSkill {
    created_at: String,
    display_title: Option<String>,
    id: String,
    latest_version: Option<String>,
    source: String,
    #[serde(rename = "type")]
    kind: String,
    updated_at: String,
}

fn page(unknown: bool) -> String {
    let extra = if unknown {
        r#","visibility":"workspace","owner":{"kind":"user","id":"user_01"}"#
    } else {
        ""
    };
    let item = format!(
        r#"{{"created_at":"2024-10-30T23:58:27.427722Z","display_title":"My Custom Skill","id":"skill_01AbCdEfGhIjKlMnOpQrStUv","latest_version":"1759178010641129","source":"custom","type":"skill","updated_at":"2024-10-30T23:58:27.427722Z"{extra}}}"#
    );
    let items = vec![item; 20].join(",");
    format!(
        r#"{{"data":[{items}],"has_more":true,"next_page":"page_MjAyNS0wNS0xNFQwMDowMDowMFo="}}"#
    )
}

fn time<T: for<'de> Deserialize<'de>>(body: &[u8], iterations: u32) -> Duration {
    let start = Instant::now();
    for _ in 0..iterations {
        let value: T = serde_json::from_slice(std::hint::black_box(body)).expect("decodes");
        std::hint::black_box(value);
    }
    start.elapsed() / iterations
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn main() {
    let mut args = std::env::args().skip(1);
    let iterations: u32 = args.next().and_then(|a| a.parse().ok()).unwrap_or(20_000);
    let rounds: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(7);
    println!("| body | without `extra` (baseline) | generated, with `extra` | ratio |");
    println!("|---|---|---|---|");
    for unknown in [false, true] {
        let body = page(unknown);
        let (mut plain, mut lossless) = (Vec::new(), Vec::new());
        for _ in 0..rounds {
            plain.push(time::<PlainPage>(body.as_bytes(), iterations));
            lossless.push(time::<ListSkillsResponse>(body.as_bytes(), iterations));
        }
        let (p, l) = (median(plain), median(lossless));
        println!(
            "| 20 skills, {} | {:.2} µs | {:.2} µs | {:.2}x |",
            if unknown {
                "2 unknown members each"
            } else {
                "no unknown member"
            },
            p.as_secs_f64() * 1e6,
            l.as_secs_f64() * 1e6,
            l.as_secs_f64() / p.as_secs_f64()
        );
    }
}
