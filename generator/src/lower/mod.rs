//! `openapiv3::OpenAPI` -> IR.

mod auth;
mod boxing;
mod features;
mod forms;
mod large_fields;
mod lenient;
mod merge;
mod methods;
mod odata;
mod one_way;
pub(crate) mod operations;
pub mod package;
mod page_items;
mod page_members;
mod pagination;
mod paging_ext;
mod paging_headers;
mod paging_rules;
mod part_media;
pub mod resources;
mod restem;
pub mod samples;
mod schema_facts;
mod shape;
mod streams;
pub mod types;
mod value_docs;

use crate::config::Config;
use crate::diag::Diagnostics;
use crate::ir::{Api, Server, ServerVariable};
use crate::load::merge::LoadedApi;

pub use shape::RESERVED_TYPE_NAMES;

pub fn lower(config: &Config, loaded: &LoadedApi) -> Result<Api, Diagnostics> {
    let empty = indexmap::IndexMap::new();
    let components = loaded
        .openapi
        .components
        .as_ref()
        .map_or(&empty, |c| &c.schemas);
    let mut space = types::TypeSpace::new(
        components,
        &loaded.schema_files,
        loaded.first_file.clone(),
        &[],
    );
    let schemes = auth::schemes(config, loaded)?;
    let (operations, op_warnings) =
        operations::lower_operations(config, loaded, &mut space, &schemes)?;
    let warnings: Vec<_> = loaded.warnings.iter().cloned().chain(op_warnings).collect();
    let servers = loaded
        .openapi
        .servers
        .iter()
        .map(|s| Server {
            url: server_url(&s.url),
            description: s.description.clone(),
            variables: s
                .variables
                .iter()
                .flatten()
                .map(|(name, v)| ServerVariable {
                    name: name.clone(),
                    default: v.default.clone(),
                    values: v.enumeration.clone(),
                    description: v.description.clone(),
                })
                .collect(),
        })
        .collect();
    // Variables share the configured base URL variable's prefix (`ANTHROPIC_`), else the crate's.
    let prefix = match config
        .client
        .base_url_env
        .as_deref()
        .and_then(|v| v.strip_suffix("_BASE_URL"))
    {
        Some(prefix) => prefix.to_string(),
        None => heck::ToShoutySnakeCase::to_shouty_snake_case(config.krate.name.as_str()),
    };
    let base_url_env = config
        .client
        .base_url_env
        .clone()
        .unwrap_or_else(|| format!("{prefix}_BASE_URL"));
    let used = auth::used(schemes, &operations, &prefix);
    let info = &loaded.openapi.info;
    // Merged pages carry the first page's title and description, which speak of one endpoint.
    let files: std::collections::BTreeSet<_> = loaded.operation_files.values().collect();
    let merged_pages = files.len() > 1
        && files
            .iter()
            .any(|f| matches!(f.extension().and_then(|e| e.to_str()), Some("md" | "mdx")));
    let mut api = Api {
        warnings,
        title: info.title.clone(),
        summary: info
            .description
            .as_ref()
            .filter(|d| !merged_pages && !d.trim().is_empty())
            .cloned(),
        package: package::package(config, info),
        servers,
        base_url_env,
        auth_required: auth::required(&used, &operations),
        auth: used,
        operations,
        types: space.into_types(),
        shape: Default::default(),
    };
    merge::merge_types(&mut api);
    one_way::relax(&mut api);
    shape::shape(config, &mut api);
    Ok(api)
}

/// The server's URL without a trailing slash. A network-path reference (`//app.files.com/api`,
/// 40 APIs.guru documents) takes the scheme of the document it came from; APIs are served over
/// https, so it is `https://app.files.com/api`, not a path joined onto the user's base URL.
/// So is a URL written without its scheme (`api.calorieninjas.com`): read as a relative
/// reference it would be a path segment named like a host, which no one means.
fn server_url(url: &str) -> String {
    let url = url.trim_end_matches('/');
    match url.strip_prefix("//") {
        Some(rest) if !rest.is_empty() && !rest.starts_with('/') => format!("https://{rest}"),
        None if names_a_host(url.split('/').next().unwrap_or_default()) => format!("https://{url}"),
        _ => url.to_string(),
    }
}

/// `localhost`, a dotted name ending in a letters-only label, or an IPv4 address, each with an
/// optional port: what a scheme-less server URL starts with when its author left the scheme out.
/// A relative path's first segment (`v1.0`, `api`, `{tenant}`) is none of these.
fn names_a_host(segment: &str) -> bool {
    let host = match segment.rsplit_once(':') {
        Some((host, port)) if !port.is_empty() && port.bytes().all(|b| b.is_ascii_digit()) => host,
        Some(_) => return false,
        None => segment,
    };
    if host == "localhost" {
        return true;
    }
    let labels: Vec<&str> = host.split('.').collect();
    let label_ok =
        |l: &&str| !l.is_empty() && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
    if labels.len() < 2 || !labels.iter().all(label_ok) {
        return false;
    }
    let ipv4 = labels.len() == 4 && labels.iter().all(|l| l.parse::<u8>().is_ok());
    let last = labels[labels.len() - 1];
    ipv4 || (last.len() >= 2 && last.bytes().all(|b| b.is_ascii_alphabetic()))
}

#[cfg(test)]
mod tests {
    use super::server_url;

    /// Each server URL as written, and as the client uses it.
    fn check(cases: &[(&str, &str)]) {
        for (written, used) in cases {
            assert_eq!(server_url(written), *used, "{written}");
        }
    }

    #[test]
    fn a_network_path_server_is_https() {
        check(&[
            (
                "//app.files.com/api/rest/v1",
                "https://app.files.com/api/rest/v1",
            ),
            ("https://api.example.com/v1/", "https://api.example.com/v1"),
            ("/api/v1", "/api/v1"),
            ("///api", "///api"),
            ("{scheme}://example.com", "{scheme}://example.com"),
        ]);
    }

    #[test]
    fn a_server_without_its_scheme_is_https() {
        check(&[
            ("api.calorieninjas.com", "https://api.calorieninjas.com"),
            (
                "api.example.com:8443/v1/",
                "https://api.example.com:8443/v1",
            ),
            ("localhost:3000", "https://localhost:3000"),
            ("10.0.0.1/api", "https://10.0.0.1/api"),
            // Relative paths stay relative to the user's base URL.
            ("v1.0/api", "v1.0/api"),
            ("api", "api"),
            ("api/v2", "api/v2"),
            ("{tenant}.example.com", "{tenant}.example.com"),
            ("Your API URL", "Your API URL"),
            (",", ","),
        ]);
    }
}
