use serde_json::json;

use super::*;

fn read(mut doc: Value) -> Value {
    unions_over_own_members(&mut doc);
    doc
}

fn records() -> Value {
    json!({
        "MessageRecord": {"type": "object", "required": ["record_type"],
            "properties": {"record_type": {"type": "string"}, "text": {"type": "string"}}},
        "CallRecord": {"allOf": [{"$ref": "#/components/schemas/Record"},
            {"type": "object", "properties": {"seconds": {"type": "integer"}}}]},
        "Record": {"type": "object", "properties": {"record_type": {"type": "string"}}}
    })
}

#[test]
fn a_union_whose_members_define_the_parents_members_stands_alone() {
    let mut schemas = records();
    schemas["DetailRecord"] = json!({
        "description": "A record.",
        "required": ["record_type"],
        "discriminator": {"propertyName": "record_type"},
        "oneOf": [
            {"$ref": "#/components/schemas/MessageRecord"},
            {"$ref": "#/components/schemas/CallRecord"}
        ]
    });
    let doc = read(json!({"components": {"schemas": schemas}}));
    let record = &doc["components"]["schemas"]["DetailRecord"];
    assert_eq!(record.get("required"), None);
    assert_eq!(record["oneOf"].as_array().map(Vec::len), Some(2));
    assert_eq!(record["description"], "A record.");
}

#[test]
fn the_parents_requirements_move_into_inline_members() {
    let doc = read(
        json!({"paths": {"/records": {"post": {"requestBody": {"content": {
            "application/json": {"schema": {
                "properties": {"type": {"type": "string", "enum": ["A", "MX"]}},
                "required": ["type"],
                "additionalProperties": false,
                "anyOf": [
                    {"type": "object", "properties": {"type": {"enum": ["A"]}, "value": {"type": "string"}}},
                    {"type": "object", "required": ["priority"],
                        "properties": {"type": {"enum": ["MX"]}, "priority": {"type": "number"}}}
                ]
            }}
        }}}}}}),
    );
    let schema =
        &doc["paths"]["/records"]["post"]["requestBody"]["content"]["application/json"]["schema"];
    for key in ["properties", "required", "additionalProperties"] {
        assert_eq!(schema.get(key), None, "{key}");
    }
    assert_eq!(schema["anyOf"][0]["required"], json!(["type"]));
    assert_eq!(schema["anyOf"][1]["required"], json!(["priority", "type"]));
}

#[test]
fn required_alone_beside_a_union_of_objects_goes_to_its_members() {
    let doc = read(json!({"components": {"schemas": {"Document": {
        "required": ["DocumentId"],
        "oneOf": [
            {"type": "object", "properties": {"DocumentId": {"type": "string"}}},
            {"type": "object", "properties": {"Accounting": {"type": "object"}}}
        ]
    }}}}));
    let document = &doc["components"]["schemas"]["Document"];
    assert_eq!(document.get("required"), None);
    assert_eq!(document["oneOf"][0]["required"], json!(["DocumentId"]));
    assert_eq!(document["oneOf"][1].get("required"), None);
}

#[test]
fn members_that_only_constrain_the_parents_leave_the_object() {
    // GitHub's check run: the properties are the substance; the union picks which are required.
    let check_run = json!({
        "properties": {"status": {"type": "string"}, "conclusion": {"type": "string"}},
        "anyOf": [
            {"properties": {"status": {"enum": ["completed"]}}, "required": ["status", "conclusion"]},
            {"required": ["status"]}
        ]
    });
    let doc = json!({"components": {"schemas": {"CheckRun": check_run}}});
    assert_eq!(read(doc.clone()), doc);
}

#[test]
fn a_parent_property_some_member_lacks_leaves_the_object() {
    let mut schemas = records();
    schemas["Mixed"] = json!({
        "properties": {"record_type": {"type": "string"}, "origin": {"type": "string"}},
        "oneOf": [
            {"$ref": "#/components/schemas/MessageRecord"},
            {"$ref": "#/components/schemas/CallRecord"}
        ]
    });
    // A declared array, and a schema without own object keywords, are not this case either.
    schemas["List"] = json!({"type": "array", "required": ["a"], "items": {},
        "oneOf": [{"$ref": "#/components/schemas/Record"}]});
    schemas["Plain"] = json!({"oneOf": [{"$ref": "#/components/schemas/Record"}]});
    let doc = json!({"components": {"schemas": schemas}});
    assert_eq!(read(doc.clone()), doc);
}

#[test]
fn examples_are_not_read_as_schemas() {
    let doc = json!({"components": {"examples": {"Odd": {"value": {
        "example": {"required": ["a"], "oneOf": [{"type": "string"}]}
    }}}, "schemas": {"S": {"type": "object", "example": {"required": ["a"], "oneOf": [{"type": "string"}]}}}}});
    assert_eq!(read(doc.clone()), doc);
}

#[test]
fn a_map_beside_a_union_of_its_key_groups_is_the_map() {
    let doc = read(json!({"components": {"schemas": {
        "Request": {"type": "object", "properties": {"additionalData": {
            "description": "Additional data.",
            "additionalProperties": {"type": "string"},
            "anyOf": [
                {"$ref": "#/components/schemas/Airline"},
                {"$ref": "#/components/schemas/Lodging"}
            ]
        }}},
        "Airline": {"type": "object", "properties": {"airline.code": {"type": "string"}}},
        "Lodging": {"type": "object", "properties": {"lodging.room": {"type": "string"}}}
    }}}));
    let data = &doc["components"]["schemas"]["Request"]["properties"]["additionalData"];
    assert_eq!(
        data,
        &json!({"description": "Additional data.", "type": "object",
            "additionalProperties": {"type": "string"}})
    );
}

#[test]
fn an_untyped_map_beside_a_union_leaves_the_union() {
    let mut schemas = records();
    schemas["Any"] = json!({"additionalProperties": {}, "oneOf": [
        {"$ref": "#/components/schemas/MessageRecord"},
        {"$ref": "#/components/schemas/CallRecord"}
    ]});
    let doc = read(json!({"components": {"schemas": schemas}}));
    let any = &doc["components"]["schemas"]["Any"];
    assert_eq!(any.get("additionalProperties"), None);
    assert_eq!(any["oneOf"].as_array().map(Vec::len), Some(2));
}

#[test]
fn a_member_named_example_is_still_a_schema() {
    let doc = read(
        json!({"components": {"schemas": {"Page": {"type": "object", "properties": {
            "example": {"required": ["id"], "oneOf": [
                {"type": "object", "properties": {"id": {"type": "string"}}},
                {"type": "object", "properties": {"id": {"type": "integer"}, "n": {"type": "integer"}}}
            ]}
        }}}}}),
    );
    let member = &doc["components"]["schemas"]["Page"]["properties"]["example"];
    assert_eq!(member.get("required"), None);
    assert_eq!(member["oneOf"][1]["required"], json!(["id"]));
}
