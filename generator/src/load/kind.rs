//! What a parsed file is, and a clear refusal for what we cannot read.
//!
//! The openapiv3 model would answer a Swagger 1.x file, an AsyncAPI document or any other YAML with
//! a serde message about the first field it misses; the user needs to hear what the file is.

use std::path::Path;

use serde_json::Value;

use crate::diag::{Diagnostic, Diagnostics};

/// Keys that mark a top-level document of some known kind.
const MARKERS: &[&str] = &[
    "openapi",
    "swagger",
    "swaggerVersion",
    "asyncapi",
    "paths",
    "apis",
];

/// A YAML or JSON file with none of a document's markers: a piece of a multi-file document.
pub fn is_fragment(doc: &Value) -> bool {
    doc.as_object()
        .is_some_and(|m| !MARKERS.iter().any(|k| m.contains_key(*k)))
}

/// Accepts OpenAPI 3.x and Swagger 2.0 (and pages, whose loader made the document); refuses the
/// rest with what the file is.
pub fn check(file: &Path, doc: &Value, is_page: bool) -> Result<(), Diagnostics> {
    if is_page {
        return Ok(());
    }
    let Some(m) = doc.as_object() else {
        return Ok(());
    };
    let text = |v: &Value| match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    let refuse = |at: &str, message: String| Err(Diagnostic::at_path(file, at, message).into());
    if let Some(v) = m.get("openapi") {
        let version = text(v);
        return if version.starts_with("3.") {
            Ok(())
        } else {
            refuse(
                "openapi",
                format!(
                    "OpenAPI version `{version}` is not supported: this generator reads OpenAPI \
                     3.0 to 3.2 and Swagger 2.0"
                ),
            )
        };
    }
    if let Some(v) = m.get("swagger") {
        let version = text(v);
        return if super::swagger2::is_swagger2(doc) {
            Ok(())
        } else {
            refuse(
                "swagger",
                format!(
                    "Swagger `{version}` is not supported: this generator reads Swagger 2.0 and \
                     OpenAPI 3; convert the document first (for example with swagger2openapi \
                     after upgrading it to 2.0)"
                ),
            )
        };
    }
    if let Some(v) = m.get("swaggerVersion") {
        return refuse(
            "swaggerVersion",
            format!(
                "this is a Swagger {} resource listing, which is not supported: this generator \
                 reads Swagger 2.0 and OpenAPI 3; upgrade it first (swagger-converter reads 1.x)",
                text(v)
            ),
        );
    }
    if let Some(v) = m.get("asyncapi") {
        return refuse(
            "asyncapi",
            format!(
                "this is an AsyncAPI {} document, which describes message channels, not an HTTP \
                 API: there is no client to generate from it",
                text(v)
            ),
        );
    }
    let mut keys: Vec<&str> = m.keys().map(String::as_str).take(6).collect();
    if m.len() > keys.len() {
        keys.push("…");
    }
    refuse(
        "$",
        format!(
            "not an API document: it has no `openapi` (OpenAPI 3) or `swagger` (Swagger 2.0) field \
             at the top; its top-level keys are {}",
            if keys.is_empty() {
                "none".to_string()
            } else {
                keys.iter()
                    .map(|k| format!("`{k}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            }
        ),
    )
}
