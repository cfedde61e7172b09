//! The generated crate's Cargo package: what the config sets, else what the spec's `info` says.

use crate::config::Config;
use crate::ir::Package;

/// The oldest Rust that builds a generated crate: its runtime uses let chains (1.88) and its
/// dependencies declare no newer `rust-version` (`tests/tests/package.rs` checks them).
pub const RUNTIME_MSRV: &str = "1.88";

pub fn package(config: &Config, info: &openapiv3::Info) -> Package {
    let k = &config.krate;
    // An API's own version is often a date (`2023-06-01`); only a semver version can be a crate's.
    let version = k.version.clone().unwrap_or_else(|| {
        let spec = info.version.trim();
        match semver::Version::parse(spec) {
            Ok(_) => spec.to_string(),
            Err(_) => "0.1.0".to_string(),
        }
    });
    let description = k.description.clone().unwrap_or_else(|| {
        let title = info.title.trim();
        format!(
            "Rust client for {}",
            if title.is_empty() { &k.name } else { title }
        )
    });
    Package {
        name: k.name.clone(),
        version,
        description,
        license: k.license.clone(),
        repository: k.repository.clone(),
        homepage: k.homepage.clone(),
        documentation: k
            .documentation
            .clone()
            .unwrap_or_else(|| format!("https://docs.rs/{}", k.name)),
        keywords: k.keywords.clone(),
        categories: k.categories.clone(),
        authors: k.authors.clone(),
        rust_version: Some(
            k.rust_version
                .clone()
                .unwrap_or_else(|| RUNTIME_MSRV.to_string()),
        ),
        dev_dependencies: k
            .dev_dependencies
            .iter()
            .map(|(name, spec)| (name.clone(), inline(spec)))
            .collect(),
    }
}

/// A TOML value on one line, as a dependency entry is written.
fn inline(value: &toml::Value) -> String {
    match value {
        toml::Value::Table(t) => {
            let fields: Vec<String> = t
                .iter()
                .map(|(k, v)| format!("{k} = {}", inline(v)))
                .collect();
            format!("{{ {} }}", fields.join(", "))
        }
        toml::Value::Array(a) => {
            let items: Vec<String> = a.iter().map(inline).collect();
            format!("[{}]", items.join(", "))
        }
        other => other.to_string(),
    }
}
