//! Bodies whose media type does not say JSON but whose schema can only be JSON gain an
//! `application/json` entry before that media type, which they keep:
//!
//! - **a wildcard** (`*/*`, `application/*`) with a JSON-shaped schema, in responses and request
//!   bodies alike. springdoc, the usual generator of Spring services' documents, writes every
//!   response as `*/*` (Rumble's `GET /account/groups` answers a `Group` that way); read
//!   literally, the client asked for any type and handed its users bytes, and could only send a
//!   body as bytes;
//! - **`text/plain` with an object, list or composed schema** in a response. ASP.NET documents
//!   list `text/plain` beside every schema, and some (VTEX's gift cards) list nothing else; no
//!   text is an object, and those servers answer JSON.
//!
//! The client asks for JSON first and still accepts what the document names (`Accept:
//! application/json, */*`): a server, or a mock, that matches `Accept` against the document's
//! media types finds its own. A body that is not JSON arrives whole, in the decode error.
//!
//! An object, array, number or boolean schema is JSON on the wire. A string schema (text or a
//! download) and a body without a schema stay as written.
//!
//! A JSON entry without a schema beside a JSON entry with one takes its sibling's schema: both
//! describe the same JSON body. Zuora's documents give every response an `application/json`
//! entry holding only the examples and an `application/json; charset=utf-8` entry holding the
//! schema; read as written, the first is any JSON, and 614 typed answers would be untyped. A
//! JSON-shaped wildcard sibling lends its schema the same way (OSF's `*/*` holds the schema and
//! `application/json` the examples).

use serde_json::{Map, Value};

use super::component_schemas::ComponentSchemas;
use super::media_keys::{essence, is_json};

const WILDCARDS: &[&str] = &["*/*", "application/*"];

pub fn json_media(doc: &mut Value) {
    let schemas = ComponentSchemas::of(doc);
    if let Some(Value::Object(paths)) = doc.get_mut("paths") {
        for item in paths.values_mut().filter_map(Value::as_object_mut) {
            for op in item.values_mut().filter_map(Value::as_object_mut) {
                if let Some(Value::Object(responses)) = op.get_mut("responses") {
                    for response in responses.values_mut() {
                        json_body(response, &schemas, Side::Response);
                    }
                }
                if let Some(body) = op.get_mut("requestBody") {
                    json_body(body, &schemas, Side::Request);
                }
            }
        }
    }
    for (section, side) in [
        ("responses", Side::Response),
        ("requestBodies", Side::Request),
    ] {
        if let Some(Value::Object(bodies)) = doc.pointer_mut(&format!("/components/{section}")) {
            for body in bodies.values_mut() {
                json_body(body, &schemas, side);
            }
        }
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Side {
    Request,
    Response,
}

fn json_body(body: &mut Value, schemas: &ComponentSchemas, side: Side) {
    let Some(Value::Object(content)) = body.get_mut("content") else {
        return;
    };
    borrow_sibling_schema(content, schemas);
    if content.keys().any(|k| essence(k) == "application/json") {
        return;
    }
    let shaped = |m: &Value, scalars: bool| {
        m.get("schema")
            .is_some_and(|s| json_shaped(s, schemas, scalars, 0))
    };
    let wildcard = content
        .iter()
        .find(|(k, m)| WILDCARDS.contains(&essence(k)) && shaped(m, true))
        .map(|(k, _)| k.clone());
    let text = content
        .iter()
        .find(|(k, m)| side == Side::Response && essence(k) == "text/plain" && shaped(m, false))
        .map(|(k, _)| k.clone());
    let Some(key) = wildcard.or(text) else {
        return;
    };
    // Keep the media types' order: the first is the one the client prefers.
    let entries: Vec<(String, Value)> = std::mem::take(content).into_iter().collect();
    for (k, v) in entries {
        if k == key {
            content.insert("application/json".to_string(), v.clone());
        }
        content.insert(k, v);
    }
}

fn borrow_sibling_schema(content: &mut Map<String, Value>, schemas: &ComponentSchemas) {
    let json = |k: &String, m: &Value| is_json(k) && m.is_object();
    // A JSON sibling's schema first, else a wildcard's that can only be JSON (OSF's `*/*`).
    let from_json = content
        .iter()
        .find(|(k, m)| json(k, m) && m.get("schema").is_some());
    let from_wildcard = || {
        content.iter().find(|(k, m)| {
            WILDCARDS.contains(&essence(k))
                && m.get("schema")
                    .is_some_and(|s| json_shaped(s, schemas, true, 0))
        })
    };
    let Some(schema) = from_json
        .or_else(from_wildcard)
        .and_then(|(_, m)| m.get("schema").cloned())
    else {
        return;
    };
    for (_, m) in content.iter_mut().filter(|(k, m)| json(k, m)) {
        if let Value::Object(m) = m {
            m.entry("schema").or_insert_with(|| schema.clone());
        }
    }
}

/// Whether a schema's values are JSON rather than text or bytes; without `scalars`, only
/// objects, lists and compositions count (text can spell a number). A reference elsewhere
/// (another file) is taken to be a schema with members, as nearly all are.
fn json_shaped(schema: &Value, schemas: &ComponentSchemas, scalars: bool, depth: usize) -> bool {
    if depth > 16 {
        return true;
    }
    if let Some(reference) = schema.get("$ref").and_then(Value::as_str) {
        return match schemas.target(reference) {
            Some(target) => json_shaped(target, schemas, scalars, depth + 1),
            None => true,
        };
    }
    let shaped = |t: &Value| match t.as_str() {
        Some("object" | "array") => true,
        Some("string" | "null") | None => false,
        Some(_) => scalars,
    };
    match schema.get("type") {
        Some(t @ Value::String(_)) => shaped(t),
        Some(Value::Array(types)) => types.iter().any(shaped),
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
    fn json_shaped_wildcards_are_json_first() {
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
        json_media(&mut doc);
        let get = &doc["paths"]["/groups"]["get"]["responses"];
        let keys: Vec<&String> = get["200"]["content"].as_object().unwrap().keys().collect();
        assert_eq!(keys, ["application/json", "*/*"]);
        assert_eq!(
            get["200"]["content"]["application/json"],
            get["200"]["content"]["*/*"]
        );
        // Text stays what it was.
        assert!(get["404"]["content"]["*/*"].is_object());
        let shared = &doc["components"]["responses"]["Unauthorized"]["content"];
        assert!(shared["application/json"].is_object());
    }

    #[test]
    fn a_json_entry_without_a_schema_takes_its_json_siblings() {
        let listed = json!({"$ref": "#/components/schemas/Codes"});
        let mut doc = json!({
            "paths": {"/codes": {"post": {
                "requestBody": {"content": {
                    "application/json": {"example": {"name": "x"}},
                    "application/merge-patch+json": {"schema": {"type": "object"}}
                }},
                "responses": {
                    "200": {"content": {
                        "application/json": {"examples": {"response": {"value": {"codes": []}}}},
                        "application/json; charset=utf-8": {"schema": listed}
                    }},
                    "400": {"content": {
                        "application/json": {},
                        "text/plain": {"schema": {"type": "string"}}
                    }}
                }
            }}},
            "components": {"schemas": {"Codes": {"type": "object"}}}
        });
        let before = doc.clone();
        json_media(&mut doc);
        let op = &doc["paths"]["/codes"]["post"];
        let ok = &op["responses"]["200"]["content"];
        assert_eq!(ok["application/json"]["schema"], listed);
        assert_eq!(
            ok["application/json"]["examples"],
            before["paths"]["/codes"]["post"]["responses"]["200"]["content"]["application/json"]["examples"]
        );
        assert_eq!(ok["application/json; charset=utf-8"]["schema"], listed);
        let body = &op["requestBody"]["content"]["application/json"];
        assert_eq!(body["schema"], json!({"type": "object"}));
        // A wildcard whose schema can only be JSON lends it too; text does not.
        let mut osf = json!({"paths": {"/addons": {"get": {"responses": {"200": {"content": {
            "*/*": {"schema": {"type": "array", "items": {"type": "object"}}},
            "application/json": {"examples": {"response": {"value": []}}}
        }}}}}}});
        json_media(&mut osf);
        let addons = &osf["paths"]["/addons"]["get"]["responses"]["200"]["content"];
        assert_eq!(
            addons["application/json"]["schema"],
            addons["*/*"]["schema"]
        );
        // Text is not JSON: a schema-less JSON entry beside it stays any JSON.
        assert_eq!(
            op["responses"]["400"],
            before["paths"]["/codes"]["post"]["responses"]["400"]
        );
    }

    #[test]
    fn what_is_not_json_shaped_stays() {
        let mut doc = json!({"paths": {"/file": {"get": {"responses": {
            "200": {"content": {"*/*": {"schema": {"$ref": "#/components/schemas/Name"}}}},
            "201": {"content": {"*/*": {}}},
            "202": {"content": {
                "application/json": {"schema": {"type": "object"}},
                "*/*": {"schema": {"type": "object"}}
            }},
            // A download beside schema-less JSON lends nothing.
            "203": {"content": {
                "application/json": {},
                "*/*": {"schema": {"$ref": "#/components/schemas/Name"}}
            }}
        }}}}, "components": {"schemas": {"Name": {"type": "string", "format": "binary"}}}});
        let before = doc.clone();
        json_media(&mut doc);
        assert_eq!(doc, before);
    }

    #[test]
    fn wildcard_request_bodies_are_json_first() {
        let mut doc = json!({
            "paths": {"/groups": {"post": {
                "requestBody": {"content": {"*/*": {"schema": {"$ref": "#/components/schemas/Group"}}}},
                "responses": {}
            }}},
            "components": {
                "schemas": {"Group": {"type": "object"}},
                "requestBodies": {"Upload": {"content": {"*/*": {"schema": {"type": "string", "format": "binary"}}}}}
            }
        });
        json_media(&mut doc);
        let body = &doc["paths"]["/groups"]["post"]["requestBody"]["content"];
        assert!(body["application/json"]["schema"].is_object());
        assert!(body["*/*"]["schema"].is_object());
        // Bytes stay bytes.
        assert!(doc["components"]["requestBodies"]["Upload"]["content"]["*/*"].is_object());
    }

    #[test]
    fn text_plain_objects_are_also_json_first() {
        let mut doc = json!({
            "paths": {"/cards": {"post": {
                "requestBody": {"content": {"text/plain": {"schema": {"type": "object"}}}},
                "responses": {
                    "200": {"content": {"text/plain": {"schema": {"$ref": "#/components/schemas/Card"}}}},
                    "201": {"content": {"text/plain": {"schema": {"type": "integer"}}}},
                    "202": {"content": {"text/plain": {"schema": {"type": "string"}}}},
                    "203": {"content": {"text/plain; charset=utf-8": {"schema": {"type": ["array", "null"]}}}}
                }
            }}},
            "components": {"schemas": {"Card": {"properties": {"id": {"type": "string"}}}}}
        });
        let before = doc.clone();
        json_media(&mut doc);
        let responses = &doc["paths"]["/cards"]["post"]["responses"];
        let keys = |status: &str| -> Vec<String> {
            responses[status]["content"]
                .as_object()
                .unwrap()
                .keys()
                .cloned()
                .collect()
        };
        assert_eq!(keys("200"), ["application/json", "text/plain"]);
        assert_eq!(
            responses["200"]["content"]["application/json"],
            responses["200"]["content"]["text/plain"]
        );
        assert_eq!(
            keys("203"),
            ["application/json", "text/plain; charset=utf-8"]
        );
        // Text can spell a number or be a string; a body sent as text is the caller's text.
        for status in ["201", "202"] {
            assert_eq!(
                responses[status],
                before["paths"]["/cards"]["post"]["responses"][status]
            );
        }
        assert_eq!(
            doc["paths"]["/cards"]["post"]["requestBody"],
            before["paths"]["/cards"]["post"]["requestBody"]
        );
    }
}
