//! The base URL on the wire, against a real server on 127.0.0.1: a relative server (`/api/v2`) is
//! joined onto the URL the user gives, server variables fill the URL, and a client with no base
//! URL at all says which variable or builder method to set.

use codegen_runtime::{ApiSettings, ClientBuilder, Core, Request, RequestOptions, ServerVariable};
use reqwest::Method;
use serde_json::json;
use tests::server::{RecordingServer, Reply};

static RELATIVE: ApiSettings = ApiSettings {
    crate_name: "servers-test",
    crate_version: "0.0.0",
    default_base_url: "/api/v2",
    base_url_env: Some("SERVERS_TEST_BASE_URL_NEVER_SET"),
    server_variables: &[],
    headers: &[],
    auth: &[],
};

static TEMPLATED: ApiSettings = ApiSettings {
    crate_name: "servers-test",
    crate_version: "0.0.0",
    default_base_url: "http://{host}:{port}/{base}",
    base_url_env: None,
    server_variables: &[
        ServerVariable {
            name: "host",
            default: "127.0.0.1",
            values: &[],
        },
        ServerVariable {
            name: "port",
            default: "9",
            values: &[],
        },
        ServerVariable {
            name: "base",
            default: "v1",
            values: &["v1", "beta"],
        },
    ],
    headers: &[],
    auth: &[],
};

async fn get(core: &Core) {
    let request = Request::new(Method::GET, "/things".into());
    core.send_json::<serde_json::Value, serde_json::Value>(request, RequestOptions::default())
        .await
        .expect("request succeeds");
}

#[tokio::test]
async fn a_relative_server_is_joined_onto_the_given_base_url() {
    let server = RecordingServer::start(vec![Reply::json(200, json!({}))]).await;
    let core = ClientBuilder::<Core>::new(&RELATIVE)
        .base_url(server.url())
        .build()
        .expect("builds");
    get(&core).await;
    assert_eq!(server.requests()[0].path, "/api/v2/things");
}

#[tokio::test]
async fn a_base_url_with_a_path_is_used_as_given() {
    let server = RecordingServer::start(vec![
        Reply::json(200, json!({})),
        Reply::json(200, json!({})),
    ])
    .await;
    // A hosted deployment under a prefix: the document's relative `/api/v2` does not replace it.
    for base in [
        format!("{}/prefect", server.url()),
        format!("{}/prefect/", server.url()),
    ] {
        let core = ClientBuilder::<Core>::new(&RELATIVE)
            .base_url(base)
            .build()
            .expect("builds");
        get(&core).await;
    }
    let paths: Vec<String> = server.requests().iter().map(|r| r.path.clone()).collect();
    assert_eq!(paths, ["/prefect/things", "/prefect/things"]);
}

#[tokio::test]
async fn server_variables_fill_the_url() {
    let server = RecordingServer::start(vec![Reply::json(200, json!({}))]).await;
    let port = server.url().rsplit(':').next().unwrap().to_string();
    let core = ClientBuilder::<Core>::new(&TEMPLATED)
        .server_variable("port", port)
        .server_variable("base", "beta")
        .max_retries(0)
        .build()
        .expect("builds");
    get(&core).await;
    assert_eq!(server.requests()[0].path, "/beta/things");
    let err = ClientBuilder::<Core>::new(&TEMPLATED)
        .server_variable("base", "v9")
        .build()
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("`v9` is not a value of the server variable `base`"),
        "{err}"
    );
}

#[test]
fn no_base_url_names_the_variable_and_the_method() {
    let err = ClientBuilder::<Core>::new(&RELATIVE)
        .with_env()
        .build()
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("no base URL: the API document's server `/api/v2` is relative; set `SERVERS_TEST_BASE_URL_NEVER_SET` or call `base_url(..)`"),
        "{err}"
    );
}
