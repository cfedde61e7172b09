//! A scalar `type` beside `properties`. byautomata's `terms` query parameter is `type: string`
//! with a `link` property, Plaid's `CreditAccount` is `type: string` whose properties describe
//! its values one by one, and NPR's XML elements list their attributes as properties of a
//! string (22 schemas in 5 APIs.guru documents). The openapiv3 model reads the mix as an untyped
//! schema, which the generator made an object: the query carried `link=...` instead of `terms`,
//! and a server's `"paypal"` did not decode. JSON Schema applies `properties` only to objects, so
//! beside a declared string, number, integer or boolean they say nothing about the value: the
//! declared type wins and the object keywords are dropped.

use serde_json::{Map, Value};

use super::array_members::OBJECT_KEYS;

pub fn scalar_over_members(m: &mut Map<String, Value>) {
    let scalar = matches!(
        m.get("type").and_then(Value::as_str),
        Some("string" | "number" | "integer" | "boolean")
    );
    if scalar {
        for key in OBJECT_KEYS {
            m.remove(*key);
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn normalized(mut v: Value) -> Value {
        scalar_over_members(v.as_object_mut().unwrap());
        v
    }

    #[test]
    fn a_declared_scalar_drops_the_object_keywords() {
        let terms = json!({"type": "string", "required": ["terms"],
            "properties": {"link": {"type": "string"}}, "description": "Search terms."});
        assert_eq!(
            normalized(terms),
            json!({"type": "string", "description": "Search terms."})
        );
        let count = json!({"type": "integer", "format": "int32", "additionalProperties": false,
            "minProperties": 1, "properties": {"a": {}}});
        assert_eq!(
            normalized(count),
            json!({"type": "integer", "format": "int32"})
        );
    }

    #[test]
    fn objects_and_untyped_schemas_keep_their_members() {
        for schema in [
            json!({"type": "object", "properties": {"a": {}}, "required": ["a"]}),
            json!({"properties": {"a": {}}}),
            json!({"type": "array", "items": {"type": "string"}}),
            json!({"type": ["string", "object"], "properties": {"a": {}}}),
        ] {
            assert_eq!(normalized(schema.clone()), schema);
        }
    }
}
