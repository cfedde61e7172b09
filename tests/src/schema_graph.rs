//! Cyclic schema graphs for the fuzz target (`fuzz/fuzz_targets/schema_graph.rs`) and the cycle
//! test (`tests/tests/cycles.rs`): bytes pick a handful of component schemas and how each refers to
//! the others (properties, `allOf`, `oneOf`, `anyOf`, arrays, maps, nullable and required
//! references), cycles and self-references included, and the graph is used both as a request body
//! (JSON and multipart) and as a response.

use serde_json::{Map, Value, json};

struct Bytes<'a>(std::slice::Iter<'a, u8>);

impl Bytes<'_> {
    fn next(&mut self) -> u8 {
        self.0.next().copied().unwrap_or(0)
    }
}

fn reference(n: u8, count: u8) -> Value {
    json!({ "$ref": format!("#/components/schemas/S{}", n % count) })
}

fn members(b: &mut Bytes, count: u8) -> Vec<Value> {
    (0..1 + b.next() % 3)
        .map(|_| reference(b.next(), count))
        .collect()
}

fn schema(b: &mut Bytes, count: u8) -> Value {
    let kind = b.next() % 9;
    match kind {
        0 => json!({ "allOf": members(b, count) }),
        1 => json!({ "oneOf": members(b, count) }),
        2 => json!({ "anyOf": members(b, count) }),
        3 => json!({ "type": "array", "items": reference(b.next(), count) }),
        4 => json!({ "type": "object", "additionalProperties": reference(b.next(), count) }),
        5 => json!({ "allOf": [reference(b.next(), count)], "nullable": true }),
        6 => json!({ "type": "string", "enum": ["a", "b"] }),
        _ => {
            let mut properties = Map::new();
            let mut required = Vec::new();
            for i in 0..1 + b.next() % 4 {
                let name = format!("p{i}");
                let target = reference(b.next(), count);
                let value = if b.next().is_multiple_of(2) {
                    target
                } else {
                    json!({ "oneOf": [target, { "type": "string" }] })
                };
                if b.next().is_multiple_of(2) {
                    required.push(Value::String(name.clone()));
                }
                properties.insert(name, value);
            }
            let mut object =
                json!({ "type": "object", "properties": properties, "required": required });
            if kind == 8 {
                object = json!({ "allOf": [reference(b.next(), count), object] });
            }
            object
        }
    }
}

/// The OpenAPI document (JSON) the bytes describe.
pub fn document(data: &[u8]) -> String {
    let mut b = Bytes(data.iter());
    let count = 1 + b.next() % 6;
    let schemas: Map<String, Value> = (0..count)
        .map(|i| (format!("S{i}"), schema(&mut b, count)))
        .collect();
    let body = reference(b.next(), count);
    json!({
        "openapi": "3.0.3",
        "info": { "title": "graph", "version": "1" },
        "servers": [{ "url": "https://example.com" }],
        "paths": { "/things": { "post": {
            "operationId": "create_thing",
            "requestBody": { "required": true, "content": {
                "application/json": { "schema": body.clone() },
                "multipart/form-data": { "schema": body.clone() }
            } },
            "responses": { "200": { "description": "ok", "content": { "application/json": { "schema": body } } } }
        } } },
        "components": { "schemas": schemas }
    })
    .to_string()
}
