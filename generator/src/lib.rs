//! Turns Mintlify endpoint pages and OpenAPI 3 documents into a Rust client crate.
//!
//! The pipeline is a chain of pure functions, one stage per module:
//! [`load`] (bytes -> `openapiv3::OpenAPI`), [`lower`] (-> [`ir::Api`]) and [`emit`] (-> files).

pub mod config;
pub mod diag;
pub mod emit;
pub mod ir;
pub mod load;
pub mod lower;
pub mod names;

use std::collections::BTreeMap;

pub use config::Config;
pub use diag::{Diagnostic, Diagnostics};
pub use load::SpecSource;

/// The files of a generated crate, by path relative to the crate root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedCrate {
    pub files: BTreeMap<String, String>,
}

/// Loads and lowers the sources into the IR.
pub fn lower_sources(config: &Config, sources: &[SpecSource]) -> Result<ir::Api, Diagnostics> {
    let loaded = load::load_all(sources)?;
    lower::lower(config, &loaded)
}

/// The merged, normalized document the pipeline lowers from, as standard OpenAPI 3 JSON that other
/// tools read (Prism, Redocly, Swagger UI). Mintlify pages carry no API version and a merged set
/// has no one title, so those come from the config's crate when the sources leave them out.
pub fn openapi_document(config: &Config, sources: &[SpecSource]) -> Result<String, Diagnostics> {
    let loaded = load::load_all(sources)?;
    let mut openapi = loaded.openapi;
    if openapi.info.version.trim().is_empty() {
        openapi.info.version = config.krate.version.clone();
    }
    let files: std::collections::BTreeSet<_> = loaded.operation_files.values().collect();
    if files.len() > 1 && sources.iter().any(SpecSource::is_page) {
        openapi.info.title = config
            .krate
            .description
            .clone()
            .unwrap_or_else(|| config.krate.name.clone());
    }
    let mut text = serde_json::to_string_pretty(&openapi).map_err(|e| {
        Diagnostics::one(Diagnostic::in_file(
            &loaded.first_file,
            format!("cannot write the document as JSON: {e}"),
        ))
    })?;
    text.push('\n');
    Ok(text)
}

/// The whole pipeline: sources in, crate files out.
pub fn generate(config: &Config, sources: &[SpecSource]) -> Result<GeneratedCrate, Diagnostics> {
    let api = lower_sources(config, sources)?;
    emit::emit_crate(config, &api, &emit::EmitOptions::default())
}

/// [`generate`] with emit options, e.g. for a crate that must build on its own.
pub fn generate_with(
    config: &Config,
    sources: &[SpecSource],
    options: &emit::EmitOptions,
) -> Result<GeneratedCrate, Diagnostics> {
    let api = lower_sources(config, sources)?;
    emit::emit_crate(config, &api, options)
}
