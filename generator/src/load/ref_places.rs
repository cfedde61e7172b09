//! What bundlers (redocly, swagger-cli) accept beyond the letter of the standard, as plain
//! helpers of [`super::refs`]:
//!
//! - a whole component map given as a `$ref` (`components: {schemas: {$ref: schemas.yaml}}`),
//!   read as that map, its references rebased so they still resolve from the root file;
//! - a component `$ref` in a place that expects another section (a parameter kept among the
//!   schemas), read by what its target holds.

use std::path::{Path, PathBuf};

use serde_json::Value;

/// The component sections that may be given whole as a `$ref`, as JSON pointer segments.
pub fn component_sections(swagger2: bool) -> Vec<Vec<&'static str>> {
    if swagger2 {
        [
            "definitions",
            "parameters",
            "responses",
            "securityDefinitions",
        ]
        .iter()
        .map(|s| vec![*s])
        .collect()
    } else {
        [
            "schemas",
            "responses",
            "parameters",
            "examples",
            "requestBodies",
            "headers",
            "securitySchemes",
            "links",
            "callbacks",
            "pathItems",
        ]
        .iter()
        .map(|s| vec!["components", *s])
        .collect()
    }
}

/// The kind of object a place in the document expects, by its path: `parameters` for an entry of
/// a parameter list, `responses` for a response, and so on. `None` where a `$ref` may point at
/// anything (schemas are handled by their own context).
pub fn expected_section(path: &[String]) -> Option<&'static str> {
    let last = path.last()?.as_str();
    let parent = path.len().checked_sub(2).map(|i| path[i].as_str());
    let in_components = |section: &str| {
        (path.len() == 3 && path[0] == "components" && path[1] == section)
            || (path.len() == 2 && path[0] == section)
    };
    if parent == Some("parameters") && (last.starts_with('[') || in_components("parameters")) {
        return Some("parameters");
    }
    if parent == Some("responses") {
        return Some("responses");
    }
    if last == "requestBody" || in_components("requestBodies") {
        return Some("requestBodies");
    }
    if parent == Some("headers") {
        return Some("headers");
    }
    None
}

/// The section a local component reference names: `schemas` of `#/components/schemas/X`,
/// `definitions` of `#/definitions/X`.
pub fn section_of(reference: &str) -> Option<&str> {
    let pointer = reference.strip_prefix("#/")?;
    let segments: Vec<&str> = pointer.split('/').collect();
    match segments.as_slice() {
        ["components", section, _] => Some(section),
        [section @ ("definitions" | "parameters" | "responses"), _] => Some(section),
        _ => None,
    }
}

/// Whether `target` looks like an object of `section`'s kind, and if not, what it lacks.
pub fn holds(section: &str, target: &Value) -> Result<(), &'static str> {
    let has = |key: &str| target.get(key).is_some();
    let (ok, lacks) = match section {
        "parameters" => (has("name") && has("in"), "a parameter has `name` and `in`"),
        "responses" => (
            has("description") || has("content") || has("schema"),
            "a response has `description` or `content`",
        ),
        "requestBodies" => (has("content"), "a request body has `content`"),
        "headers" => (
            has("schema") || has("content") || has("type"),
            "a header has `schema` or `content`",
        ),
        _ => (true, ""),
    };
    if ok { Ok(()) } else { Err(lacks) }
}

/// Whether a component section holds schemas: `schemas`, or `definitions` in 2.0.
pub fn holds_schemas(section: &str) -> bool {
    matches!(section, "schemas" | "definitions")
}

/// The JSON pointer, below an object of `section`'s kind, of the schema it holds: a response's or
/// request body's JSON content (else its first media type), a 2.0 response's, a parameter's or a
/// header's `schema`. `None` when it holds none.
pub fn schema_within(section: &str, target: &Value) -> Option<String> {
    if target.get("schema").is_some_and(Value::is_object) {
        return Some("/schema".into());
    }
    if !matches!(
        section,
        "responses" | "requestBodies" | "parameters" | "headers"
    ) {
        return None;
    }
    let content = target.get("content")?.as_object()?;
    let media = content
        .keys()
        .find(|k| k.contains("json"))
        .or_else(|| content.keys().next())?;
    content[media].get("schema")?;
    Some(format!("/content/{}/schema", super::pointer::escape(media)))
}

/// The singular word for a section, for messages.
pub fn kind_word(section: &str) -> &'static str {
    match section {
        "parameters" => "parameter",
        "responses" => "response",
        "requestBodies" => "request body",
        "headers" => "header",
        "schemas" | "definitions" => "schema",
        _ => "component",
    }
}

/// Rewrites the references of `value`, read from `from`, so that they resolve the same from the
/// root file `root`: `#/Pet` in `components/schemas.yaml` becomes
/// `components/schemas.yaml#/Pet`, `./Pet.yaml` becomes `components/Pet.yaml`. Data (examples,
/// extensions) is left alone, as the bundler leaves it.
pub fn rebase(value: &mut Value, from: &Path, root: &Path) {
    let base = root.parent().unwrap_or(Path::new(""));
    let rewrite = |r: &str| -> String {
        if r.contains("://") || r.starts_with("//") {
            return r.to_string();
        }
        let (file_part, fragment) = r.split_once('#').unwrap_or((r, ""));
        let target: PathBuf = if file_part.is_empty() {
            from.to_path_buf()
        } else {
            super::pointer::lexical(&from.parent().unwrap_or(Path::new("")).join(file_part))
        };
        if target == root {
            return format!("#{fragment}");
        }
        let relative = pathdiff::diff_paths(&target, base).unwrap_or(target);
        let relative = relative.display().to_string().replace('\\', "/");
        if fragment.is_empty() {
            relative
        } else {
            format!("{relative}#{fragment}")
        }
    };
    walk(value, &rewrite, "");
}

fn walk(value: &mut Value, rewrite: &impl Fn(&str) -> String, parent: &str) {
    match value {
        Value::Object(m) => {
            for (key, child) in m.iter_mut() {
                // `responses.default` is a response; any other `default` is a value.
                let data = matches!(key.as_str(), "example" | "examples")
                    || (key == "default" && parent != "responses");
                if key.starts_with("x-") || data {
                    continue;
                }
                if key == "$ref"
                    && let Value::String(r) = child
                {
                    *r = rewrite(r);
                } else if key == "mapping" && parent == "discriminator" {
                    if let Value::Object(mapping) = child {
                        for target in mapping.values_mut() {
                            if let Value::String(r) = target
                                && (r.contains('#') || r.contains('/') || r.contains('.'))
                            {
                                *r = rewrite(r);
                            }
                        }
                    }
                } else {
                    walk(child, rewrite, key);
                }
            }
        }
        Value::Array(items) => {
            for item in items {
                walk(item, rewrite, "");
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn places_expect_their_sections() {
        let p = |s: &str| -> Vec<String> { s.split(' ').map(str::to_string).collect() };
        assert_eq!(
            expected_section(&p("paths /x get parameters [0]")),
            Some("parameters")
        );
        assert_eq!(
            expected_section(&p("components parameters limit")),
            Some("parameters")
        );
        assert_eq!(
            expected_section(&p("paths /x get responses default")),
            Some("responses")
        );
        assert_eq!(
            expected_section(&p("paths /x post requestBody")),
            Some("requestBodies")
        );
        assert_eq!(expected_section(&p("paths /x get")), None);
        assert_eq!(section_of("#/components/schemas/apiKey"), Some("schemas"));
        assert_eq!(section_of("#/definitions/Pet"), Some("definitions"));
        assert_eq!(section_of("#/paths/~1x/get"), None);
        assert!(holds("parameters", &json!({"name": "k", "in": "header"})).is_ok());
        assert!(holds("parameters", &json!({"type": "string"})).is_err());
    }

    #[test]
    fn the_schema_an_object_holds() {
        let body = json!({"content": {
            "text/plain": {"schema": {"type": "string"}},
            "application/problem+json": {"schema": {"type": "object"}},
        }});
        assert_eq!(
            schema_within("requestBodies", &body).as_deref(),
            Some("/content/application~1problem+json/schema")
        );
        let plain = json!({"content": {"text/plain": {"schema": {"type": "string"}}}});
        assert_eq!(
            schema_within("responses", &plain).as_deref(),
            Some("/content/text~1plain/schema")
        );
        let swagger2 = json!({"description": "d", "schema": {"$ref": "#/definitions/X"}});
        assert_eq!(
            schema_within("responses", &swagger2).as_deref(),
            Some("/schema")
        );
        assert_eq!(
            schema_within("responses", &json!({"description": "d"})),
            None
        );
        assert_eq!(schema_within("examples", &json!({"value": 1})), None);
        assert!(holds_schemas("definitions") && !holds_schemas("responses"));
    }

    #[test]
    fn rebased_references_resolve_from_the_root() {
        let mut v = json!({
            "Pet": {"properties": {"owner": {"$ref": "./Owner.yaml"}, "toy": {"$ref": "#/Toy"}}},
            "Back": {"$ref": "../openapi.yaml#/components/schemas/Pet"},
            "Union": {"discriminator": {"propertyName": "k", "mapping": {"a": "#/Pet", "b": "Pet"}}},
            "Data": {"example": {"$ref": "#/left/alone"}},
        });
        rebase(
            &mut v,
            Path::new("spec/components/schemas.yaml"),
            Path::new("spec/openapi.yaml"),
        );
        assert_eq!(
            v["Pet"]["properties"]["owner"]["$ref"],
            "components/Owner.yaml"
        );
        assert_eq!(
            v["Pet"]["properties"]["toy"]["$ref"],
            "components/schemas.yaml#/Toy"
        );
        assert_eq!(v["Back"]["$ref"], "#/components/schemas/Pet");
        assert_eq!(
            v["Union"]["discriminator"]["mapping"]["a"],
            "components/schemas.yaml#/Pet"
        );
        assert_eq!(v["Union"]["discriminator"]["mapping"]["b"], "Pet");
        assert_eq!(v["Data"]["example"]["$ref"], "#/left/alone");
    }
}
