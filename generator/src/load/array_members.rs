//! `type: array` beside `properties`. VTEX's `Images` is `type: array`, `items: {}`, with the
//! properties of each item written on the array; its example, and the server, send a list of
//! such objects. The openapiv3 model reads the mix as an untyped schema, which the generator made
//! an object, and the client could not read the list. The declared type wins: the properties
//! describe the items when `items` says nothing, and are dropped when `items` has a shape of its
//! own (51 such schemas in the APIs.guru directory, most of them with typed items).

//!
//! `type: array` beside an `enum` of single values. Vimeo's `content_filter`, Zoom's data-center
//! regions and Wordnik's `sourceDictionaries` (`explode: false`, "e.g. 'century,wiktionary'")
//! list the values each item may take on the array itself, which no list can equal; the
//! generator made the field that one value, so a server's list did not decode and a query could
//! carry one value. The enum describes the items when they have no values of their own (48 such
//! schemas in 15 APIs.guru documents). An enum whose values are lists (Mailchimp's `[['open'],
//! ['click']]`) is a real enum of lists, and stays.
//!
//! `type: object` beside `items` and nothing that shapes an object (107 schemas in 23 APIs.guru
//! documents: marketcheck's `ranked_listing`, dev.to's article lists, Appwrite's
//! `$permissions`). The openapiv3 model reads an object and drops `items`, so the client took a
//! map and could not read the list most of these servers send. Where the schema's own example
//! shows a list (Nexmo's `application_ids`) it is a list of the items; where it shows an object,
//! an object. Without an example either may arrive, and the field takes any JSON value, with a
//! note saying so.

use serde_json::{Map, Value};

/// The keys that describe an object's members.
pub(super) const OBJECT_KEYS: &[&str] = &[
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

pub fn items_from_enum(m: &mut Map<String, Value>) {
    if m.get("type").and_then(Value::as_str) != Some("array") {
        return;
    }
    let Some(Value::Array(values)) = m.get("enum") else {
        return;
    };
    if values.is_empty()
        || values.iter().any(Value::is_array)
        || m.get("items").is_some_and(|items| !items.is_object())
    {
        return;
    }
    let Some(Value::Array(values)) = m.remove("enum") else {
        return;
    };
    // Checked above: `items` is an object, or absent and inserted as one.
    if let Value::Object(items) = m
        .entry("items")
        .or_insert_with(|| Value::Object(Map::new()))
    {
        // Items that name their own values (an `enum`, or a reference to a schema) keep them.
        if items.contains_key("enum") || items.contains_key("$ref") {
            return;
        }
        if !items.contains_key("type")
            && let Some(kind) = scalar_type(&values)
        {
            items.insert("type".into(), Value::String(kind.into()));
        }
        items.insert("enum".into(), Value::Array(values));
    }
}

pub fn object_with_items(m: &mut Map<String, Value>) {
    if m.get("type").and_then(Value::as_str) != Some("object")
        || !m.contains_key("items")
        || OBJECT_KEYS
            .iter()
            .chain(&["allOf", "anyOf", "oneOf"])
            .any(|k| m.contains_key(*k))
    {
        return;
    }
    let shown = ["example", "default", "x-example"]
        .iter()
        .find_map(|k| m.get(*k).filter(|v| !v.is_null()));
    match shown {
        Some(Value::Array(_)) => {
            m.insert("type".into(), Value::String("array".into()));
        }
        Some(Value::Object(_)) => {
            m.remove("items");
        }
        _ => {
            m.remove("type");
            m.remove("items");
            super::normalize::note(
                m,
                "The API description declares an object of listed items here; a list or an \
                 object may arrive.",
            );
        }
    }
}

/// The one JSON type every value has (`null` aside), for items that name none.
fn scalar_type(values: &[Value]) -> Option<&'static str> {
    let kinds: std::collections::BTreeSet<&str> = values
        .iter()
        .filter_map(|v| match v {
            Value::String(_) => Some("string"),
            Value::Bool(_) => Some("boolean"),
            Value::Number(n) if n.is_i64() || n.is_u64() => Some("integer"),
            Value::Number(_) => Some("number"),
            _ => None,
        })
        .collect();
    match kinds.into_iter().collect::<Vec<_>>()[..] {
        [kind] => Some(kind),
        ["integer", "number"] => Some("number"),
        _ => None,
    }
}

/// Keys that document a schema without constraining its shape.
const ANNOTATIONS: &[&str] = &["description", "title", "example", "examples", "deprecated"];

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn normalized(v: Value) -> Value {
        crate::load::on_schema(items_from_properties, v)
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

    fn with_enum(v: Value) -> Value {
        crate::load::on_schema(items_from_enum, v)
    }

    #[test]
    fn an_enum_on_an_array_lists_its_items_values() {
        let dictionaries = json!({"type": "array", "items": {"type": "string"},
            "enum": ["all", "ahd-5", "century"]});
        assert_eq!(
            with_enum(dictionaries),
            json!({"type": "array", "items": {"type": "string",
                "enum": ["all", "ahd-5", "century"]}})
        );
        let untyped = json!({"type": "array", "enum": [1, 2.5]});
        assert_eq!(
            with_enum(untyped),
            json!({"type": "array", "items": {"type": "number", "enum": [1, 2.5]}})
        );
        let mixed = json!({"type": "array", "items": {}, "enum": ["a", 1]});
        assert_eq!(
            with_enum(mixed),
            json!({"type": "array", "items": {"enum": ["a", 1]}})
        );
    }

    #[test]
    fn items_with_values_of_their_own_keep_them() {
        let both = json!({"type": "array", "items": {"type": "string", "enum": ["a"]},
            "enum": ["a", "b"]});
        assert_eq!(
            with_enum(both),
            json!({"type": "array", "items": {"type": "string", "enum": ["a"]}})
        );
        let referenced = json!({"type": "array", "items": {"$ref": "#/components/schemas/Kind"},
            "enum": ["a"]});
        assert_eq!(
            with_enum(referenced),
            json!({"type": "array", "items": {"$ref": "#/components/schemas/Kind"}})
        );
    }

    #[test]
    fn an_enum_of_lists_and_other_enums_stay() {
        for v in [
            json!({"type": "array", "items": {"type": "string"}, "enum": [["open"], ["click"]]}),
            json!({"type": "string", "enum": ["a", "b"]}),
            json!({"type": "array", "items": {"type": "string"}, "enum": []}),
            json!({"type": "array", "items": [{"type": "string"}], "enum": ["a"]}),
        ] {
            assert_eq!(with_enum(v.clone()), v);
        }
    }

    fn with_items(v: Value) -> Value {
        crate::load::on_schema(object_with_items, v)
    }

    #[test]
    fn an_object_of_items_is_what_its_example_shows() {
        let ids = json!({"type": "object", "items": {"type": "string"}, "example": ["a", "b"]});
        assert_eq!(
            with_items(ids),
            json!({"type": "array", "items": {"type": "string"}, "example": ["a", "b"]})
        );
        let permissions = json!({"type": "object",
            "items": {"$ref": "#/components/schemas/Permissions"}, "x-example": {}});
        assert_eq!(
            with_items(permissions),
            json!({"type": "object", "x-example": {}})
        );
    }

    #[test]
    fn an_object_of_items_without_an_example_takes_either() {
        let listing = json!({"type": "object", "description": "Ranked listings.",
            "items": {"$ref": "#/components/schemas/Listing"}});
        assert_eq!(
            with_items(listing),
            json!({"description": "Ranked listings.\n\nThe API description declares an object \
                of listed items here; a list or an object may arrive."})
        );
    }

    #[test]
    fn an_object_with_members_keeps_them() {
        for v in [
            json!({"type": "object", "items": {}, "properties": {"a": {}}}),
            json!({"type": "object", "items": {}, "additionalProperties": {"type": "string"}}),
            json!({"type": "object", "items": {}, "allOf": [{"$ref": "#/components/schemas/A"}]}),
            json!({"type": "array", "items": {}}),
        ] {
            assert_eq!(with_items(v.clone()), v);
        }
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
