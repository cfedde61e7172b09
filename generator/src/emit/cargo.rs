//! The generated crate's manifest.

use super::EmitOptions;
use crate::ir::Api;

/// `features` are the crate's Cargo features, one per top-level resource; all on by default.
pub fn manifest(api: &Api, options: &EmitOptions, features: &[String]) -> String {
    let p = &api.package;
    let workspace = if options.standalone {
        "\n[workspace]\n"
    } else {
        ""
    };
    let mut package = format!(
        "name = {:?}\nversion = {:?}\nedition = \"2024\"\n",
        p.name, p.version
    );
    if let Some(v) = &p.rust_version {
        package.push_str(&format!("rust-version = {v:?}\n"));
    }
    package.push_str(&format!("description = {:?}\n", p.description));
    for (key, value) in [
        ("license", &p.license),
        ("repository", &p.repository),
        ("homepage", &p.homepage),
    ] {
        if let Some(v) = value {
            package.push_str(&format!("{key} = {v:?}\n"));
        }
    }
    package.push_str(&format!(
        "documentation = {:?}\nreadme = \"README.md\"\n",
        p.documentation
    ));
    for (key, values) in [
        ("keywords", &p.keywords),
        ("categories", &p.categories),
        ("authors", &p.authors),
    ] {
        if !values.is_empty() {
            let quoted: Vec<String> = values.iter().map(|v| format!("{v:?}")).collect();
            package.push_str(&format!("{key} = [{}]\n", quoted.join(", ")));
        }
    }
    format!(
        r#"# {header}
[package]
{package}{workspace}{features}
[dependencies]
base64 = "0.23"
bytes = "1"
futures-util = "0.3"
httpdate = "1"
mime_guess = "2"
percent-encoding = "2"
reqwest = {{ version = "0.13", default-features = false, features = ["rustls", "multipart", "stream", "json", "gzip"] }}
serde = {{ version = "1", features = ["derive"] }}
serde_json = {{ version = "1", features = ["preserve_order"] }}
serde_path_to_error = "0.1"
serde_urlencoded = "0.7"
tokio = {{ version = "1", features = ["fs", "io-util", "time"] }}
tokio-util = {{ version = "0.7", features = ["io"] }}
tracing = "0.1"
fastrand = "2"

[dev-dependencies]
tempfile = "3"
tokio = {{ version = "1", features = ["full"] }}
{extra}"#,
        header = options.header(),
        features = features_table(features),
        extra = p
            .dev_dependencies
            .iter()
            .map(|(name, spec)| format!("{name} = {spec}\n"))
            .collect::<String>(),
    )
}

/// One feature per top-level resource, and `full` with all of them, on by default: a user who
/// needs a few resources sets `default-features = false` and names them.
fn features_table(features: &[String]) -> String {
    if features.is_empty() {
        return String::new();
    }
    let quoted: Vec<String> = features.iter().map(|f| format!("{f:?}")).collect();
    let mut out = format!(
        "\n[features]\ndefault = [\"full\"]\nfull = [{}]\n",
        quoted.join(", ")
    );
    for f in features {
        out.push_str(&format!("{f} = []\n"));
    }
    out
}
