use super::*;

static SETTINGS: ApiSettings = ApiSettings {
    crate_name: "demo",
    crate_version: "1.0.0",
    default_base_url: "https://api.example.com",
    base_url_env: None,
    server_variables: &[],
    headers: &[
        HeaderSetting {
            name: "x-api-key",
            env: Some("DEMO_KEY_THAT_IS_NEVER_SET"),
            default: None,
            secret: true,
        },
        HeaderSetting {
            name: "demo-version",
            env: None,
            default: Some("2023-06-01"),
            secret: false,
        },
    ],
    auth: &[],
};

#[test]
fn missing_key_names_the_variable() {
    let err = ClientBuilder::<Core>::new(&SETTINGS)
        .with_env()
        .build()
        .unwrap_err()
        .to_string();
    assert!(err.contains("DEMO_KEY_THAT_IS_NEVER_SET"), "{err}");
}

#[test]
fn defaults_are_the_official_sdks() {
    let core = ClientBuilder::<Core>::new(&SETTINGS)
        .api_key("k")
        .build()
        .unwrap();
    let inner = &core.inner;
    assert_eq!(
        (inner.timeout, inner.connect_timeout),
        (Duration::from_secs(600), Duration::from_secs(5))
    );
    assert_eq!(inner.retry, RetryPolicy::default());
    assert_eq!(inner.retry.max_retries, 2);
    assert_eq!(inner.base_url, "https://api.example.com");
    assert_eq!(inner.base_headers["user-agent"], "demo/1.0.0");
}

#[test]
fn debug_redacts_the_key() {
    let core = ClientBuilder::<Core>::new(&SETTINGS)
        .api_key("sk-secret-123")
        .build()
        .unwrap();
    let shown = format!("{core:?}");
    assert!(
        !shown.contains("sk-secret-123")
            && shown.contains("<redacted>")
            && shown.contains("2023-06-01"),
        "{shown}"
    );
}
