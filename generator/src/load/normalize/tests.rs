use super::*;
use serde_json::json;

fn norm(mut v: Value) -> Value {
    schema(&mut v);
    v
}

#[test]
fn a_single_inline_member_and_its_parent_describe_one_object() {
    // Azure: the resource's common members in the `allOf`, its own beside it.
    let s = norm(json!({
        "allOf": [{"properties": {"id": {"type": "string"}, "location": {"type": "string"}},
            "required": ["id"], "x-ms-azure-resource": true}],
        "description": "VirtualWAN Resource.",
        "properties": {"etag": {"type": "string"}, "id": {"type": "integer"}},
        "required": ["location", "id"]
    }));
    assert_eq!(
        s,
        json!({
            "properties": {"id": {"type": "integer"}, "location": {"type": "string"},
                "etag": {"type": "string"}},
            "required": ["id", "location"],
            "x-ms-azure-resource": true,
            "description": "VirtualWAN Resource."
        })
    );
}

#[test]
fn mintlify_enum_types_become_standard_types() {
    assert_eq!(
        norm(json!({"type": "enum<string>", "enum": ["a", "b"]})),
        json!({"type": "string", "enum": ["a", "b"]})
    );
    assert_eq!(
        norm(json!({"type": "enum<integer>", "enum": [1, 2]})),
        json!({"type": "integer", "enum": [1, 2]})
    );
}

#[test]
fn a_default_that_breaks_its_schema_is_kept_aside() {
    assert_eq!(
        norm(
            json!({"anyOf": [{"type": "string", "minLength": 1}, {"type": "null"}], "default": ""})
        ),
        json!({"type": "string", "minLength": 1, "nullable": true, "x-invalid-default": ""})
    );
    assert_eq!(
        norm(json!({"type": "string", "enum": ["a"], "default": "b"})),
        json!({"type": "string", "enum": ["a"], "x-invalid-default": "b"})
    );
    let fits = json!({"type": "string", "minLength": 1, "maxLength": 3, "default": "abc"});
    assert_eq!(norm(fits.clone()), fits);
}

#[test]
fn type_object_beside_a_composition_keeps_the_composition() {
    let s = norm(
        json!({"type": "object", "allOf": [{"$ref": "#/A"}, {"properties": {"b": {"type": "string"}}}]}),
    );
    assert_eq!(
        s,
        json!({"allOf": [{"$ref": "#/A"}, {"properties": {"b": {"type": "string"}}}]})
    );
    let s = norm(
        json!({"type": "object", "properties": {"c": {"type": "integer"}}, "allOf": [{"$ref": "#/A"}]}),
    );
    assert_eq!(
        s,
        json!({"allOf": [{"$ref": "#/A"}, {"type": "object", "properties": {"c": {"type": "integer"}}}]})
    );
    let s = norm(json!({"type": "object", "oneOf": [{"$ref": "#/A"}, {"$ref": "#/B"}]}));
    assert_eq!(s, json!({"oneOf": [{"$ref": "#/A"}, {"$ref": "#/B"}]}));
}

#[test]
fn own_members_beside_an_untyped_all_of_become_one_more_member() {
    // Azure: `AclList` is `CatalogItemList` (its `nextLink`) and its own `value`.
    let s = norm(json!({
        "allOf": [{"$ref": "#/CatalogItemList"}],
        "description": "A list.",
        "properties": {"value": {"type": "array", "items": {"type": "string"}}},
        "required": ["value"]
    }));
    assert_eq!(
        s,
        json!({
            "allOf": [
                {"$ref": "#/CatalogItemList"},
                {"type": "object", "required": ["value"],
                    "properties": {"value": {"type": "array", "items": {"type": "string"}}}}
            ],
            "description": "A list."
        })
    );
    // Two members and a `required` of its own: the `required` still tightens the members.
    let s = norm(json!({"allOf": [{"$ref": "#/A"}, {"$ref": "#/B"}], "required": ["a"]}));
    assert_eq!(
        s,
        json!({"allOf": [{"$ref": "#/A"}, {"$ref": "#/B"}, {"type": "object", "required": ["a"]}]})
    );
}

#[test]
fn const_becomes_enum() {
    assert_eq!(
        norm(json!({"type": "string", "const": "a"})),
        json!({"type": "string", "enum": ["a"]})
    );
}

#[test]
fn any_of_null_becomes_nullable() {
    let s = norm(json!({"anyOf": [{"type": "string"}, {"type": "null"}], "title": "T"}));
    assert_eq!(s, json!({"type": "string", "nullable": true, "title": "T"}));
    let s = norm(json!({"anyOf": [{"$ref": "#/x"}, {"type": "null"}]}));
    assert_eq!(s, json!({"nullable": true, "allOf": [{"$ref": "#/x"}]}));
}

#[test]
fn single_allof_merges_and_ref_siblings_are_kept() {
    let s = norm(json!({"allOf": [{"type": "integer", "title": "In"}], "description": "Out"}));
    assert_eq!(
        s,
        json!({"type": "integer", "title": "In", "description": "Out"})
    );
    let s = norm(json!({"$ref": "#/x", "description": "d"}));
    assert_eq!(s, json!({"description": "d", "allOf": [{"$ref": "#/x"}]}));
}

#[test]
fn a_type_beside_a_reference_leaves_the_reference() {
    let s = norm(json!({"$ref": "#/Req", "type": "string", "description": "d"}));
    assert_eq!(s, json!({"description": "d", "allOf": [{"$ref": "#/Req"}]}));
    let s = norm(
        json!({"$ref": "#/Ext", "type": "object", "properties": {"extra": {"type": "string"}}}),
    );
    assert_eq!(
        s,
        json!({"allOf": [{"$ref": "#/Ext"}, {"type": "object", "properties": {"extra": {"type": "string"}}}]})
    );
    // 895 such references in the APIs.guru directory were read as empty objects.
    let s = norm(json!({"$ref": "#/Ext", "type": "object", "title": "T"}));
    assert_eq!(s, json!({"title": "T", "allOf": [{"$ref": "#/Ext"}]}));
}

#[test]
fn members_that_only_annotate_document_the_reference() {
    let s = norm(json!({"allOf": [{"$ref": "#/x"}, {"description": "d", "x-note": 1}]}));
    assert_eq!(
        s,
        json!({"allOf": [{"$ref": "#/x"}], "description": "d", "x-note": 1})
    );
    // The parent's own text wins; an empty member goes too; nullability moves up.
    let s = norm(json!({"description": "own", "allOf": [
        {"description": "member", "nullable": true}, {}, {"$ref": "#/x"}
    ]}));
    assert_eq!(
        s,
        json!({"description": "own", "nullable": true, "allOf": [{"$ref": "#/x"}]})
    );
    // A member with any shape keyword stays a member; its text documents the parent.
    let merge = json!({"allOf": [{"$ref": "#/x"}, {"description": "d", "maxLength": 3}]});
    assert_eq!(
        norm(merge),
        json!({"allOf": [{"$ref": "#/x"}, {"description": "d", "maxLength": 3}], "description": "d"})
    );
    // AWS's way: an `xml` element name beside the text, which a JSON client never reads.
    let s = norm(json!({"allOf": [{"$ref": "#/x"}, {"xml": {"name": "x"}, "description": "d"}]}));
    assert_eq!(
        s,
        json!({"allOf": [{"$ref": "#/x"}], "xml": {"name": "x"}, "description": "d"})
    );
    // Left with one inline member, it merges into the parent as before.
    let s = norm(json!({"allOf": [{"type": "string"}, {"title": "T"}]}));
    assert_eq!(s, json!({"type": "string", "title": "T"}));
}

#[test]
fn callback_references_become_the_component() {
    let hook =
        json!({"{$request.body#/url}": {"post": {"responses": {"200": {"description": "ok"}}}}});
    let mut doc = json!({
        "openapi": "3.0.3",
        "info": {"title": "t", "version": "1"},
        "paths": {"/x": {"post": {"responses": {}, "callbacks": {
            "named": {"$ref": "#/components/callbacks/Hook"},
            "broken": {"$ref": "#/components/callbacks/Missing"},
            "inline": hook.clone(),
        }}}},
        "components": {"callbacks": {"Hook": hook.clone()}},
    });
    normalize_document(&mut doc);
    assert_eq!(
        doc["paths"]["/x"]["post"]["callbacks"],
        json!({"named": hook.clone(), "inline": hook})
    );
}

#[test]
fn templated_queries_in_path_keys_become_query_parameters() {
    let op = |names: &[&str]| {
        let params: Vec<Value> = names
            .iter()
            .map(|n| json!({"name": n, "in": "path", "required": true, "schema": {"type": "string"}}))
            .collect();
        json!({"get": {"parameters": params, "responses": {}}})
    };
    let mut paths = Map::new();
    paths.insert("/rides?page={page}&beta=true".into(), op(&["page"]));
    paths.insert("/history?city_id={city_id}".into(), op(&["city_id"]));
    paths.insert("/history?lat={lat}&lon={lon}".into(), op(&["lat", "lon"]));
    templated_queries(&mut paths);
    let keys: Vec<&str> = paths.keys().map(String::as_str).collect();
    // The first key of a route takes the bare route; the one that would clash keeps its key.
    assert_eq!(
        keys,
        [
            "/rides?beta=true",
            "/history",
            "/history?lat={lat}&lon={lon}"
        ]
    );
    for (key, item) in &paths {
        for p in item["get"]["parameters"].as_array().unwrap() {
            assert_eq!(p["in"], "query", "{key}: {p}");
        }
    }
}

#[test]
fn type_lists_and_property_required() {
    let s = norm(
        json!({"type": "object", "properties": {"a": {"type": ["string", "null"], "required": true}}}),
    );
    assert_eq!(
        s,
        json!({"type": "object", "properties": {"a": {"type": "string", "nullable": true}}, "required": ["a"]})
    );
    // A nested object's own list of required members is not a flag on the property.
    let nested = json!({"type": "object", "properties": {"limits": {
        "type": "object", "required": ["max"], "properties": {"max": {"type": "integer"}}
    }}});
    assert_eq!(norm(nested.clone()), nested);
}
