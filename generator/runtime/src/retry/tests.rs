use super::*;

fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
    let mut h = HeaderMap::new();
    for (k, v) in pairs {
        h.insert(*k, v.parse().unwrap());
    }
    h
}

#[test]
fn should_retry_follows_the_sdks() {
    let none = HeaderMap::new();
    for code in [408, 409, 429, 500, 502, 503, 529] {
        assert!(
            should_retry(StatusCode::from_u16(code).unwrap(), &none),
            "{code}"
        );
    }
    for code in [400, 401, 403, 404, 413, 422] {
        assert!(
            !should_retry(StatusCode::from_u16(code).unwrap(), &none),
            "{code}"
        );
    }
    assert!(!should_retry(
        StatusCode::from_u16(529).unwrap(),
        &headers(&[("x-should-retry", "false")])
    ));
    assert!(should_retry(
        StatusCode::BAD_REQUEST,
        &headers(&[("x-should-retry", "true")])
    ));
}

#[test]
fn backoff_matches_the_sdks() {
    let p = RetryPolicy::default();
    let now = SystemTime::now();
    assert_eq!(delay(&p, 0, None, now, 0.0), Duration::from_millis(500));
    assert_eq!(delay(&p, 0, None, now, 1.0), Duration::from_millis(375));
    assert_eq!(delay(&p, 1, None, now, 0.0), Duration::from_secs(1));
    assert_eq!(delay(&p, 10, None, now, 0.0), Duration::from_secs(8));
}

#[test]
fn server_delays_in_order() {
    let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000);
    let p = RetryPolicy::default();
    let h = headers(&[("retry-after-ms", "300"), ("retry-after", "5")]);
    assert_eq!(delay(&p, 0, Some(&h), now, 0.0), Duration::from_millis(300));
    let h = headers(&[("retry-after", "2")]);
    assert_eq!(delay(&p, 0, Some(&h), now, 0.0), Duration::from_secs(2));
    let date = httpdate::fmt_http_date(now + Duration::from_secs(3));
    let h = headers(&[("retry-after", &date)]);
    assert_eq!(delay(&p, 0, Some(&h), now, 0.0), Duration::from_secs(3));
    // Out of range: back to the backoff.
    let h = headers(&[("retry-after", "3600")]);
    assert_eq!(delay(&p, 0, Some(&h), now, 0.0), Duration::from_millis(500));
}
