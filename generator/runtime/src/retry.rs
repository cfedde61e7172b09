//! The retry policy of the official Python and TypeScript SDKs, as pure functions.

use std::time::{Duration, SystemTime};

use reqwest::StatusCode;
use reqwest::header::HeaderMap;

/// Server-given delays above this are ignored in favour of the backoff, as the SDKs do, so a
/// misbehaving proxy cannot park a client for hours.
const MAX_SERVER_DELAY: Duration = Duration::from_secs(60);

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RetryPolicy {
    /// Retries after the first attempt; 2 means 3 attempts in all.
    pub max_retries: u32,
    /// The first backoff step, 0.5 s in the SDKs. Tests shrink it.
    pub initial_delay: Duration,
    pub max_delay: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            max_retries: 2,
            initial_delay: Duration::from_millis(500),
            max_delay: Duration::from_secs(8),
        }
    }
}

/// `x-should-retry` decides first; otherwise 408, 409, 429 and every 5xx are retried.
pub fn should_retry(status: StatusCode, headers: &HeaderMap) -> bool {
    match headers.get("x-should-retry").and_then(|v| v.to_str().ok()) {
        Some("true") => return true,
        Some("false") => return false,
        _ => {}
    }
    matches!(status.as_u16(), 408 | 409 | 429) || status.is_server_error()
}

/// The delay the server asked for: `retry-after-ms`, then `retry-after` as seconds, then as an
/// HTTP date.
pub fn server_delay(headers: &HeaderMap, now: SystemTime) -> Option<Duration> {
    let text = |name: &str| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::trim)
    };
    let delay = if let Some(ms) = text("retry-after-ms").and_then(|v| v.parse::<f64>().ok()) {
        Duration::try_from_secs_f64(ms / 1000.0).ok()
    } else if let Some(after) = text("retry-after") {
        match after.parse::<f64>() {
            Ok(secs) => Duration::try_from_secs_f64(secs).ok(),
            Err(_) => httpdate::parse_http_date(after)
                .ok()
                .map(|at| at.duration_since(now).unwrap_or(Duration::ZERO)),
        }
    } else {
        None
    };
    delay.filter(|d| !d.is_zero() && *d <= MAX_SERVER_DELAY)
}

/// Delay before retry number `retry` (0 for the first retry). `jitter` is uniform in [0, 1).
pub fn delay(
    policy: &RetryPolicy,
    retry: u32,
    headers: Option<&HeaderMap>,
    now: SystemTime,
    jitter: f64,
) -> Duration {
    if let Some(d) = headers.and_then(|h| server_delay(h, now)) {
        return d;
    }
    let exp = policy.initial_delay.as_secs_f64() * 2f64.powi(retry.min(30) as i32);
    let capped = exp.min(policy.max_delay.as_secs_f64());
    Duration::from_secs_f64(capped * (1.0 - 0.25 * jitter.clamp(0.0, 1.0)))
}

#[cfg(test)]
mod tests;
