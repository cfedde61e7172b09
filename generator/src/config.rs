//! The generator config: only what a spec cannot say. Everything else comes from the spec.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use crate::diag::{Diagnostic, Diagnostics};

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Config {
    #[serde(rename = "crate")]
    pub krate: CrateConfig,
    #[serde(default)]
    pub client: ClientConfig,
    /// Array headers whose values merge with per-operation defaults (e.g. `anthropic-beta`).
    #[serde(default)]
    pub list_headers: Vec<ListHeader>,
    /// Checks on multipart file arrays, run before any byte is sent.
    #[serde(default)]
    pub upload_rules: Vec<UploadRuleConfig>,
    /// Pagination conventions beyond the built-in `cursor`, `token` and `id`, detected the same
    /// way: by the operation's query parameter and its response fields.
    #[serde(default)]
    pub pagination: Vec<PaginationConvention>,
    /// Per-operation settings, keyed by `METHOD /path` as in the spec.
    #[serde(default)]
    pub operations: BTreeMap<String, OperationOverride>,
    /// The file this config was read from, for error messages.
    #[serde(skip)]
    pub file: std::path::PathBuf,
}

/// A pagination convention. Without `kind`, the next request sets the query parameter `param`
/// from the page's string `field` (the official SDKs' way). With `kind`, any convention:
/// `cursor`, `last_item`, `offset`, `page`, `link` or `next_url`, where `param` and `limit` name a
/// query parameter or, as `body.a.b`, a JSON body member, and `field` and `total` are dotted paths
/// into the page.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct PaginationConvention {
    pub name: String,
    #[serde(default)]
    pub kind: Option<String>,
    /// The page's array field; empty when the page is the array.
    #[serde(default = "default_items")]
    pub items: String,
    /// The page's boolean "more results" field, if it has one.
    #[serde(default)]
    pub has_more: Option<String>,
    #[serde(default)]
    pub param: String,
    #[serde(default)]
    pub field: String,
    /// `offset` and `page`: the page size input.
    #[serde(default)]
    pub limit: Option<String>,
    /// `offset`: the count of all items; `page`: the number of pages.
    #[serde(default)]
    pub total: Option<String>,
    /// A second link for paging backwards, used when the first request sets `backward_param`.
    #[serde(default)]
    pub backward_param: Option<String>,
    #[serde(default)]
    pub backward_field: Option<String>,
}

fn package_name<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    let name = String::deserialize(d)?;
    crate::names::check_package_name(&name).map_err(serde::de::Error::custom)?;
    Ok(name)
}

fn default_items() -> String {
    "data".to_string()
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct CrateConfig {
    #[serde(deserialize_with = "package_name")]
    pub name: String,
    /// The crate's version; else the spec's `info.version` when it is a semver version; else
    /// 0.1.0.
    #[serde(default)]
    pub version: Option<String>,
    /// Else from the spec's `info` (`summary`, or `Rust client for <title>`).
    #[serde(default)]
    pub description: Option<String>,
    /// An SPDX expression. No default: the publisher decides the license.
    #[serde(default)]
    pub license: Option<String>,
    #[serde(default)]
    pub repository: Option<String>,
    #[serde(default)]
    pub homepage: Option<String>,
    /// Else `https://docs.rs/<name>`.
    #[serde(default)]
    pub documentation: Option<String>,
    #[serde(default)]
    pub keywords: Vec<String>,
    #[serde(default)]
    pub categories: Vec<String>,
    #[serde(default)]
    pub authors: Vec<String>,
    #[serde(default, rename = "rust-version")]
    pub rust_version: Option<String>,
    /// Extra `[dev-dependencies]` of the generated crate, for its hand-written examples (e.g. a
    /// command-line tool using clap), written as in Cargo.toml.
    #[serde(default, rename = "dev-dependencies")]
    pub dev_dependencies: BTreeMap<String, toml::Value>,
}

#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ClientConfig {
    /// Environment variable that overrides the spec's first server URL.
    #[serde(default)]
    pub base_url_env: Option<String>,
    /// Headers set once on the client and sent on every request. Operations do not repeat them.
    #[serde(default)]
    pub headers: Vec<ClientHeader>,
    /// Settings for the spec's security schemes, by scheme name.
    #[serde(default)]
    pub auth: BTreeMap<String, AuthSetting>,
}

/// What the spec cannot say about a security scheme.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct AuthSetting {
    /// Read from this environment variable by `Client::from_env()`, e.g. `GITHUB_TOKEN`.
    #[serde(default)]
    pub env: Option<String>,
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ClientHeader {
    pub name: String,
    /// Read from this environment variable by `Client::from_env()`.
    #[serde(default)]
    pub env: Option<String>,
    #[serde(default)]
    pub default: Option<String>,
    /// Never shown in `Debug`, errors or logs; the client's `api_key()` sets the first one.
    #[serde(default)]
    pub secret: bool,
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ListHeader {
    pub name: String,
    /// Builder method name; defaults to the header's snake_case name.
    #[serde(default)]
    pub rust_name: Option<String>,
    #[serde(default)]
    pub defaults: Vec<ListHeaderDefault>,
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ListHeaderDefault {
    /// Applies to every operation whose path starts with this prefix.
    pub path_prefix: String,
    pub values: Vec<String>,
}

/// Upload rules for one multipart file-array field of the operations under a path prefix. They
/// encode what a spec says only in prose, e.g. the Skills API's "All files must be in the same
/// top-level directory and must include a SKILL.md file at the root of that directory".
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct UploadRuleConfig {
    pub path_prefix: String,
    /// The field's wire name without brackets, e.g. `files`.
    pub field: String,
    /// The part name the server reads each file under, where neither the schema nor a curl
    /// sample says it: `files[]` for the Anthropic API, as its SDKs send it.
    #[serde(default)]
    pub part_name: Option<String>,
    #[serde(flatten)]
    pub rules: crate::ir::UploadRules,
}

#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct OperationOverride {
    #[serde(default)]
    pub resource: Option<Vec<String>>,
    #[serde(default)]
    pub method: Option<String>,
    /// Stem of the builder's type name, e.g. `CreateSkillVersion`.
    #[serde(default)]
    pub type_name: Option<String>,
    /// The pagination convention this operation uses, by name (built-in or declared), or `none`
    /// to turn detection off for it.
    #[serde(default)]
    pub pagination: Option<String>,
    /// Server-sent events, which the spec can say only in prose: a flag in the JSON body asks for
    /// them, and the builder gets a streaming send that sets it.
    #[serde(default)]
    pub stream: Option<StreamConfig>,
}

/// An operation that answers `text/event-stream` when its body's `flag` is true.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct StreamConfig {
    /// The JSON body's boolean property that asks for a stream, e.g. `stream`.
    pub flag: String,
    /// The component schema of the events, a `oneOf` with a discriminator, e.g.
    /// `MessageStreamEvent`. Events whose names are its tags are decoded into it.
    pub event: String,
    /// The event that ends a complete stream, e.g. `message_stop`: a stream that stops before it
    /// is an error. Without one, only a stream cut inside an event is.
    #[serde(default)]
    pub end_event: Option<String>,
    /// The event whose data is an error body, raised as an API error.
    #[serde(default = "default_error_event")]
    pub error_event: String,
    /// Tags of the union that are keep-alives, not events for the caller.
    #[serde(default = "default_skip_events")]
    pub skip_events: Vec<String>,
}

fn default_error_event() -> String {
    "error".to_string()
}

fn default_skip_events() -> Vec<String> {
    vec!["ping".to_string()]
}

impl Config {
    /// Parses a config. Every unknown key is reported, not only the first: each is set aside
    /// (its line, or its whole table) and the rest parsed again.
    pub fn from_toml(file: &Path, text: &str) -> Result<Self, Diagnostics> {
        let diagnostic = |text: &str, e: &toml::de::Error| match e.span() {
            Some(span) => {
                let (line, col) = crate::load::line_col(text, span.start);
                Diagnostic::at_line(file, line, col, e.message().to_string())
            }
            None => Diagnostic::in_file(file, e.message().to_string()),
        };
        let mut text = text.to_string();
        let mut unknown = Diagnostics::default();
        loop {
            match toml::from_str::<Self>(&text) {
                Ok(mut config) if unknown.is_empty() => {
                    config.file = file.to_path_buf();
                    return Ok(config);
                }
                Err(e) if e.message().starts_with("unknown field") && unknown.0.len() < 100 => {
                    let Some(span) = e.span() else {
                        unknown.push(diagnostic(&text, &e));
                        return Err(unknown);
                    };
                    unknown.push(diagnostic(&text, &e));
                    text = set_aside(&text, span.start);
                }
                // Setting a key aside can leave text that no longer parses (a multi-line value);
                // the unknown keys found so far are the report.
                Ok(_) | Err(_) if !unknown.is_empty() => return Err(unknown),
                Err(e) => return Err(diagnostic(&text, &e).into()),
                Ok(_) => unreachable!("handled above"),
            }
        }
    }

    /// A config for specs that come without one, e.g. corpus documents in tests.
    pub fn minimal(crate_name: &str) -> Self {
        Self {
            krate: CrateConfig {
                name: crate_name.to_string(),
                version: None,
                description: None,
                license: None,
                repository: None,
                homepage: None,
                documentation: None,
                keywords: Vec::new(),
                categories: Vec::new(),
                authors: Vec::new(),
                rust_version: None,
                dev_dependencies: BTreeMap::new(),
            },
            client: ClientConfig::default(),
            list_headers: Vec::new(),
            upload_rules: Vec::new(),
            pagination: Vec::new(),
            operations: BTreeMap::new(),
            file: "codegen.toml".into(),
        }
    }

    pub fn client_header(&self, wire: &str) -> Option<&ClientHeader> {
        self.client
            .headers
            .iter()
            .find(|h| h.name.eq_ignore_ascii_case(wire))
    }

    pub fn list_header(&self, wire: &str) -> Option<&ListHeader> {
        self.list_headers
            .iter()
            .find(|h| h.name.eq_ignore_ascii_case(wire))
    }
}

/// Comments out the line holding `offset`; a table header's whole table goes with it.
fn set_aside(text: &str, offset: usize) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut start = 0;
    let mut in_table = false;
    for line in text.split_inclusive('\n') {
        let end = start + line.len();
        let is_header = line.trim_start().starts_with('[');
        if is_header {
            in_table = false;
        }
        let hit = (start..end.max(start + 1)).contains(&offset);
        if hit && is_header {
            in_table = true;
        }
        if hit || in_table {
            out.push('#');
        }
        out.push_str(line);
        start = end;
    }
    out
}
