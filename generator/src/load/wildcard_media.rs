//! Responses declared under `*/*` whose schema is JSON-shaped are JSON. springdoc, the usual
//! generator of Spring services' documents, writes every response as `*/*` (Rumble's
//! `GET /account/groups` answers a `Group` that way); read literally, the client asked for any
//! type and handed its users bytes. An object, array, number or boolean schema is JSON on the
//! wire, so the media type becomes `application/json`. A string schema (text or a download) and a
//! response without a schema stay as written.

use serde_json::{Map, Value};

const WILDCARDS: &[&str] = &["*/*", "application/*"];

pub fn json_wildcards(doc: &mut Value) {
    let schemas = doc
        .pointer("/components/schemas")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    if let Some(Value::Object(paths)) = doc.get_mut("paths") {
        for item in paths.values_mut().filter_map(Value::as_object_mut) {
            for op in item.values_mut().filter_map(Value::as_object_mut) {
                if let Some(Value::Object(responses)) = op.get_mut("responses") {
                    for response in responses.values_mut() {
                        rename(response, &schemas);
                    }
                }
            }
        }
    }
    if let Some(Value::Object(responses)) = doc.pointer_mut("/components/responses") {
        for response in responses.values_mut() {
            rename(response, &schemas);
        }
    }
}

fn rename(response: &mut Value, schemas: &Map<String, Value>) {
    let Some(Value::Object(content)) = response.get_mut("content") else {
        return;
    };
    if content.keys().any(|k| essence(k) == "application/json") {
        return;
    }
    let Some(key) = content
        .iter()
        .find(|(k, m)| {
            WILDCARDS.contains(&essence(k))
                && m.get("schema").is_some_and(|s| json_shaped(s, schemas, 0))
        })
        .map(|(k, _)| k.clone())
    else {
        return;
    };
    // Keep the media types' order: the first is the one the client prefers.
    let entries: Vec<(String, Value)> = std::mem::take(content).into_iter().collect();
    for (k, v) in entries {
        let k = if k == key {
            "application/json".to_string()
        } else {
            k
        };
        content.insert(k, v);
    }
}

fn essence(media: &str) -> &str {
    media.split(';').next().unwrap_or("").trim()
}

/// Whether a schema's values are JSON rather than text or bytes. A reference elsewhere (another
/// file) is taken to be a schema with members, as nearly all are.
fn json_shaped(schema: &Value, schemas: &Map<String, Value>, depth: usize) -> bool {
    if depth > 16 {
        return true;
    }
    if let Some(reference) = schema.get("$ref").and_then(Value::as_str) {
        return match reference
            .strip_prefix("#/components/schemas/")
            .and_then(|name| schemas.get(name))
        {
            Some(target) => json_shaped(target, schemas, depth + 1),
            None => true,
        };
    }
    match schema.get("type") {
        Some(Value::String(t)) => t != "string",
        Some(Value::Array(types)) => types.iter().any(|t| t != "string" && t != "null"),
        _ => [
            "properties",
            "items",
            "allOf",
            "oneOf",
            "anyOf",
            "additionalProperties",
        ]
        .iter()
        .any(|k| schema.get(k).is_some()),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn json_shaped_wildcards_become_json() {
        let mut doc = json!({
            "paths": {"/groups": {"get": {"responses": {
                "200": {"content": {"*/*": {"schema": {"$ref": "#/components/schemas/Group"}}}},
                "401": {"$ref": "#/components/responses/Unauthorized"},
                "404": {"content": {"*/*": {"schema": {"type": "string"}}}}
            }}}},
            "components": {
                "schemas": {"Group": {"type": "object"}, "Name": {"type": "string"}},
                "responses": {"Unauthorized": {"content": {"*/*": {"schema": {"type": "array", "items": {}}}}}}
            }
        });
        json_wildcards(&mut doc);
        let get = &doc["paths"]["/groups"]["get"]["responses"];
        assert!(get["200"]["content"]["application/json"]["schema"].is_object());
        assert!(get["200"]["content"].get("*/*").is_none());
        // Text stays what it was.
        assert!(get["404"]["content"]["*/*"].is_object());
        let shared = &doc["components"]["responses"]["Unauthorized"]["content"];
        assert!(shared["application/json"].is_object());
    }

    #[test]
    fn what_is_not_json_shaped_stays() {
        let mut doc = json!({"paths": {"/file": {"get": {"responses": {
            "200": {"content": {"*/*": {"schema": {"$ref": "#/components/schemas/Name"}}}},
            "201": {"content": {"*/*": {}}},
            "202": {"content": {
                "application/json": {"schema": {"type": "object"}},
                "*/*": {"schema": {"type": "object"}}
            }}
        }}}}, "components": {"schemas": {"Name": {"type": "string", "format": "binary"}}}});
        let before = doc.clone();
        json_wildcards(&mut doc);
        assert_eq!(doc, before);
    }
}
