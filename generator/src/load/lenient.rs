//! Security requirements that break a rule but leave one reading, read as redocly and
//! swagger-parser read them, each with a warning naming the place:
//!
//! - a scheme with `null` scopes has no scopes;
//! - an alternative that names a scheme nobody defines is dropped (the client could never hold
//!   its credential).
//!
//! This runs on the document as written, before any conversion, so warnings name the places the
//! user wrote.

use std::path::Path;

use serde_json::Value;

use crate::diag::Diagnostic;

/// Fixes the document's security requirements in place and says what it assumed.
pub fn security_requirements(file: &Path, doc: &mut Value, swagger2: bool) -> Vec<Diagnostic> {
    let defined: Vec<String> = doc
        .pointer(if swagger2 {
            "/securityDefinitions"
        } else {
            "/components/securitySchemes"
        })
        .and_then(Value::as_object)
        .map(|m| m.keys().cloned().collect())
        .unwrap_or_default();
    let section = if swagger2 {
        "securityDefinitions"
    } else {
        "components.securitySchemes"
    };
    let mut warnings = Vec::new();
    let mut fix = |requirements: &mut Value, at: String| {
        let Value::Array(alternatives) = requirements else {
            return;
        };
        let mut kept = Vec::new();
        for (i, mut alternative) in std::mem::take(alternatives).into_iter().enumerate() {
            let Value::Object(schemes) = &mut alternative else {
                kept.push(alternative);
                continue;
            };
            let mut usable = true;
            for (name, scopes) in schemes.iter_mut() {
                if scopes.is_null() {
                    *scopes = Value::Array(Vec::new());
                    warnings.push(Diagnostic::at_path(
                        file,
                        format!("{at}[{i}].{name}"),
                        format!("the scopes of `{name}` are null: read as no scopes"),
                    ));
                }
                if !defined.contains(name) {
                    usable = false;
                    warnings.push(Diagnostic::at_path(
                        file,
                        format!("{at}[{i}]"),
                        format!(
                            "names the security scheme `{name}`, which {section} does not \
                             define: this alternative is dropped"
                        ),
                    ));
                }
            }
            if usable {
                kept.push(alternative);
            }
        }
        *alternatives = kept;
    };
    if let Some(global) = doc.get_mut("security") {
        fix(global, "security".into());
    }
    if let Some(Value::Object(paths)) = doc.get_mut("paths") {
        for (route, item) in paths.iter_mut() {
            let Value::Object(item) = item else { continue };
            for (method, op) in item.iter_mut() {
                if let Some(requirements) = op.get_mut("security") {
                    fix(requirements, format!("paths.{route}.{method}.security"));
                }
            }
        }
    }
    warnings
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn null_scopes_are_none_and_undefined_schemes_drop_their_alternative() {
        let mut doc = json!({
            "openapi": "3.0.3",
            "security": [{"key": null}],
            "paths": {"/x": {"get": {"security": [{"ghost": []}, {"key": [], "ghost": []}, {"key": ["a"]}]}}},
            "components": {"securitySchemes": {"key": {"type": "apiKey", "in": "header", "name": "K"}}}
        });
        let warnings = security_requirements(Path::new("d.yaml"), &mut doc, false);
        assert_eq!(doc["security"], json!([{"key": []}]));
        assert_eq!(
            doc["paths"]["/x"]["get"]["security"],
            json!([{"key": ["a"]}])
        );
        let texts: Vec<String> = warnings.iter().map(|w| w.to_string()).collect();
        assert_eq!(texts.len(), 3, "{texts:#?}");
        assert!(texts[0].contains("at `security[0].key`") && texts[0].contains("null"));
        assert!(texts[1].contains("at `paths./x.get.security[0]`") && texts[1].contains("`ghost`"));
    }
}
