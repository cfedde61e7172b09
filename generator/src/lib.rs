//! Turns Mintlify endpoint pages and OpenAPI 3 documents into a Rust client crate.
//!
//! The pipeline is a chain of pure functions, one stage per module:
//! [`load`] (bytes -> `openapiv3::OpenAPI`), [`lower`] (-> [`ir::Api`]) and [`emit`] (-> files).

pub mod config;
pub mod diag;
pub mod emit;
pub mod export;
pub mod init;
pub mod ir;
pub mod load;
pub mod lower;
pub mod names;
pub mod output;
pub mod report;

pub use config::Config;
pub use diag::{Diagnostic, Diagnostics};
pub use emit::{GeneratedCrate, Paged};
pub use export::{Export, ExportOptions, openapi_document};
pub use load::SpecSource;

/// Loads and lowers the sources into the IR.
pub fn lower_sources(config: &Config, sources: &[SpecSource]) -> Result<ir::Api, Diagnostics> {
    lower_unlocated(config, sources).map_err(|mut diags| {
        load::locate::attach_lines(&mut diags, sources);
        diags
    })
}

fn lower_unlocated(config: &Config, sources: &[SpecSource]) -> Result<ir::Api, Diagnostics> {
    let loaded = load::load_all(sources)?;
    // A converted Swagger 2.0 file: name the place in the file the user wrote.
    // A part copied from another file or place: name where it is written.
    let restore = |diags: &mut [Diagnostic]| {
        for d in diags {
            if let Some(origins) = loaded.origins.get(&d.file) {
                origins.restore(d);
            }
            for inlined in &loaded.inlined {
                inlined.restore(d);
            }
        }
    };
    match lower::lower(config, &loaded) {
        Ok(mut api) => {
            restore(&mut api.warnings);
            Ok(api)
        }
        Err(mut diags) => {
            restore(&mut diags.0);
            Err(diags)
        }
    }
}

/// The whole pipeline: sources in, crate files out.
pub fn generate(config: &Config, sources: &[SpecSource]) -> Result<GeneratedCrate, Diagnostics> {
    generate_with(config, sources, &emit::EmitOptions::default())
}

/// [`generate`] with emit options, e.g. for a crate that must build on its own.
pub fn generate_with(
    config: &Config,
    sources: &[SpecSource],
    options: &emit::EmitOptions,
) -> Result<GeneratedCrate, Diagnostics> {
    let api = lower_sources(config, sources)?;
    let mut krate = emit::emit_crate(&api, options).map_err(|mut diags| {
        load::locate::attach_lines(&mut diags, sources);
        diags
    })?;
    let mut warnings = Diagnostics(api.warnings.to_vec());
    warnings.0.extend(warnings_of(&api, sources));
    load::locate::attach_lines(&mut warnings, sources);
    krate.warnings = warnings.0;
    Ok(krate)
}

fn warnings_of(api: &ir::Api, sources: &[SpecSource]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    if api.operations.is_empty()
        && let Some(first) = sources.first()
    {
        out.push(Diagnostic::at_path(
            &first.path,
            "paths",
            format!(
                "the document has no operations: the crate holds its {} types and a client with \
                 nothing to call",
                api.types.len()
            ),
        ));
    }
    out
}
