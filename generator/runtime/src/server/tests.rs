use super::*;

static VARS: &[ServerVariable] = &[
    ServerVariable {
        name: "region",
        default: "us",
        values: &["us", "eu"],
    },
    ServerVariable {
        name: "version",
        default: "v1",
        values: &[],
    },
];

#[test]
fn variables_take_their_defaults_or_the_given_values() {
    let t = "https://{region}.example.com/{version}";
    assert_eq!(fill(t, VARS, &[]).unwrap(), "https://us.example.com/v1");
    let given = [("region".to_string(), "eu".to_string())];
    assert_eq!(fill(t, VARS, &given).unwrap(), "https://eu.example.com/v1");
    let bad = [("region".to_string(), "mars".to_string())];
    let err = fill(t, VARS, &bad).unwrap_err().to_string();
    assert!(
        err.contains("`mars`") && err.contains("\"us\", \"eu\""),
        "{err}"
    );
    let unknown = [("zone".to_string(), "a".to_string())];
    let err = fill(t, VARS, &unknown).unwrap_err().to_string();
    assert!(err.contains("`zone` is not a variable"), "{err}");
}

#[test]
fn a_relative_server_joins_onto_a_bare_origin_only() {
    let join = |server, user| base_url(server, Some(user), None).unwrap().to_string();
    assert_eq!(
        join("/api", "http://127.0.0.1:8080"),
        "http://127.0.0.1:8080/api"
    );
    assert_eq!(join("api", "http://h"), "http://h/api");
    assert_eq!(join("/api/v2", "http://h:1/"), "http://h:1/api/v2");
    // A base URL with a path is the deployment's own prefix: used as given.
    assert_eq!(
        join("/api", "https://example.com/prefect"),
        "https://example.com/prefect"
    );
    assert_eq!(join("/api/v2", "http://h/x/"), "http://h/x/");
    assert_eq!(join("api", "http://h/prefix"), "http://h/prefix");
    assert_eq!(join("", "http://h:1"), "http://h:1/");
    assert_eq!(join("https://api.example.com", "http://h:1"), "http://h:1/");
}

#[test]
fn without_any_base_url_the_error_says_what_to_set() {
    let err = base_url("/api", None, Some("PETS_BASE_URL"))
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("server `/api` is relative")
            && err.contains("set `PETS_BASE_URL` or call `base_url(..)`"),
        "{err}"
    );
    let err = base_url("", None, Some("PETS_BASE_URL"))
        .unwrap_err()
        .to_string();
    assert!(err.contains("names no server"), "{err}");
    assert_eq!(
        base_url("https://api.example.com/v1", None, None)
            .unwrap()
            .as_str(),
        "https://api.example.com/v1"
    );
}
