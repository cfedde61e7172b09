//! A typed `additionalProperties` with no `type` beside it. Amadeus' dictionaries
//! (`AircraftEntry: {additionalProperties: {type: string}}`), Azure's tag and setting maps and
//! Shutterstock's and TfL's lookups (105 schemas in the APIs.guru directory) write a map without
//! `type: object`. The openapiv3 model reads the schema as untyped, so the client took any JSON
//! value and dropped the value type. JSON Schema would let such a schema hold a string too, but
//! `additionalProperties` speaks only of objects, and every generator (openapi-generator,
//! progenitor, the Stainless SDKs) reads a map: so does this. An empty or boolean
//! `additionalProperties` says nothing about the values, and a schema with any other shape
//! (properties, items, an enum, a composition, a reference) is read by its own rules.

use serde_json::{Map, Value};

/// Keys that give a schema a shape of its own, beside which `additionalProperties` is not the
/// whole story.
const SHAPED_BY: &[&str] = &[
    "type",
    "properties",
    "items",
    "enum",
    "const",
    "allOf",
    "anyOf",
    "oneOf",
    "not",
    "$ref",
];

pub fn typeless_map(m: &mut Map<String, Value>) {
    let typed_values =
        matches!(m.get("additionalProperties"), Some(Value::Object(v)) if !v.is_empty());
    if typed_values && !SHAPED_BY.iter().any(|key| m.contains_key(*key)) {
        m.insert("type".into(), Value::String("object".into()));
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn read(schema: Value) -> Value {
        let Value::Object(mut m) = schema else {
            unreachable!("tests pass objects")
        };
        typeless_map(&mut m);
        Value::Object(m)
    }

    #[test]
    fn typed_values_without_a_type_are_an_object() {
        let map = json!({"description": "By code.", "additionalProperties": {"type": "string"}});
        assert_eq!(read(map)["type"], "object");
        let by_ref = json!({"additionalProperties": {"$ref": "#/components/schemas/Aircraft"}});
        assert_eq!(read(by_ref)["type"], "object");
    }

    #[test]
    fn untyped_values_or_another_shape_stay_as_written() {
        for schema in [
            json!({"additionalProperties": {}}),
            json!({"additionalProperties": true}),
            json!({"additionalProperties": false}),
            json!({"type": "string", "additionalProperties": {"type": "string"}}),
            json!({"items": {"type": "string"}, "additionalProperties": {"type": "string"}}),
            json!({"oneOf": [{"type": "string"}], "additionalProperties": {"type": "string"}}),
            json!({"properties": {"a": {}}, "additionalProperties": {"type": "string"}}),
        ] {
            assert_eq!(read(schema.clone()), schema);
        }
    }
}
