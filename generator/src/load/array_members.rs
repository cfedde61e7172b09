//! `type: array` beside `properties`. VTEX's `Images` is `type: array`, `items: {}`, with the
//! properties of each item written on the array; its example, and the server, send a list of
//! such objects. The openapiv3 model reads the mix as an untyped schema, which the generator made
//! an object, and the client could not read the list. The declared type wins: the properties
//! describe the items when `items` says nothing, and are dropped when `items` has a shape of its
//! own (51 such schemas in the APIs.guru directory, most of them with typed items).

use serde_json::{Map, Value};

/// The keys that describe an object's members.
const OBJECT_KEYS: &[&str] = &[
    "properties",
    "required",
    "additionalProperties",
    "minProperties",
    "maxProperties",
];

pub fn items_from_properties(m: &mut Map<String, Value>) {
    if m.get("type").and_then(Value::as_str) != Some("array")
        || !matches!(m.get("properties"), Some(Value::Object(p)) if !p.is_empty())
    {
        return;
    }
    let mut object = Map::new();
    for key in OBJECT_KEYS {
        if let Some(v) = m.remove(*key) {
            object.insert((*key).to_string(), v);
        }
    }
    let says_nothing = match m.get("items") {
        None => true,
        Some(Value::Object(items)) => items.keys().all(|k| ANNOTATIONS.contains(&k.as_str())),
        Some(_) => false,
    };
    if !says_nothing {
        return;
    }
    if let Some(Value::Object(items)) = m.remove("items") {
        object.extend(items);
    }
    object.insert("type".into(), Value::String("object".into()));
    m.insert("items".into(), Value::Object(object));
}

/// Keys that document a schema without constraining its shape.
const ANNOTATIONS: &[&str] = &["description", "title", "example", "examples", "deprecated"];

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn normalized(v: Value) -> Value {
        let Value::Object(mut m) = v else {
            unreachable!("an object")
        };
        items_from_properties(&mut m);
        Value::Object(m)
    }

    #[test]
    fn properties_on_an_array_describe_its_items() {
        let images = json!({"type": "array", "items": {}, "title": "Images",
            "required": ["url"], "properties": {"url": {"type": "string"}}});
        assert_eq!(
            normalized(images),
            json!({"type": "array", "title": "Images", "items": {"type": "object",
                "required": ["url"], "properties": {"url": {"type": "string"}}}})
        );
        let bare = json!({"type": "array", "properties": {"a": {"type": "integer"}}});
        assert_eq!(
            normalized(bare),
            json!({"type": "array", "items": {"type": "object",
                "properties": {"a": {"type": "integer"}}}})
        );
    }

    #[test]
    fn typed_items_win_over_stray_properties() {
        let v = json!({"type": "array", "items": {"type": "string"},
            "properties": {"a": {"type": "integer"}}, "required": ["a"]});
        assert_eq!(
            normalized(v),
            json!({"type": "array", "items": {"type": "string"}})
        );
    }

    #[test]
    fn other_schemas_are_left_alone() {
        for v in [
            json!({"properties": {"a": {}}, "items": {}}),
            json!({"type": "object", "properties": {"a": {}}}),
            json!({"type": "array", "items": {"type": "string"}, "properties": {}}),
        ] {
            assert_eq!(normalized(v.clone()), v);
        }
    }
}
