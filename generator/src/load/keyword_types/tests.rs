use std::path::Path;

use serde_json::{Value, json};

use super::coerce;

fn coerced(mut doc: Value) -> (Value, Vec<String>) {
    let warnings = coerce(Path::new("api.yaml"), &mut doc)
        .iter()
        .map(|d| d.to_string())
        .collect();
    (doc, warnings)
}

#[test]
fn mistyped_keywords_read_as_their_type() {
    let (doc, warnings) = coerced(json!({"components": {"schemas": {"Thing": {
    "type": "object",
    "required": "true",
    "properties": {
        "a": {"type": "string", "pattern": 0, "maxLength": "10", "minLength": 2.0,
            "format": 5, "description": 12},
        "b": {"type": "integer", "minimum": "0", "maximum": " 1.5e3", "readOnly": "TRUE"},
        "c": {"type": "string", "enum": "open"},
    }}}}}));
    let thing = &doc["components"]["schemas"]["Thing"];
    assert_eq!(
        thing["properties"]["a"],
        json!({"type": "string", "pattern": "0", "maxLength": 10, "minLength": 2,
            "format": "5", "description": "12"})
    );
    assert_eq!(
        thing["properties"]["b"],
        json!({"type": "integer", "minimum": 0, "maximum": 1.5e3, "readOnly": true})
    );
    assert_eq!(thing["properties"]["c"]["enum"], json!(["open"]));
    assert_eq!(thing["required"], json!(true));
    assert_eq!(warnings.len(), 10, "{warnings:#?}");
    assert!(
        warnings.iter().any(
            |w| w.contains("components.schemas.Thing.properties.a.pattern")
                && w.contains("`pattern` is written as `0`: read as \"0\"")
        ),
        "{warnings:#?}"
    );
}

#[test]
fn values_with_no_reading_are_dropped_with_a_warning() {
    let (doc, warnings) = coerced(json!({"paths": {"/t": {"get": {"parameters": [
        {"name": "q", "in": "query", "schema": {"type": "string", "maxLength": "ten",
            "minimum": true, "nullable": null}},
    ]}}}}));
    assert_eq!(
        doc["paths"]["/t"]["get"]["parameters"][0]["schema"],
        json!({"type": "string"})
    );
    assert_eq!(warnings.len(), 3, "{warnings:#?}");
    assert!(
        warnings.iter().any(
            |w| w.contains("paths./t.get.parameters[0].schema.maxLength")
                && w.contains("which is not a count: the keyword is ignored")
        ),
        "{warnings:#?}"
    );
}

#[test]
fn data_and_well_typed_keywords_stay_as_written() {
    let doc = json!({
        "info": {"title": "t", "version": "1"},
        "components": {"schemas": {"Thing": {
            "type": "object",
            "required": ["maxLength"],
            "properties": {
                "maxLength": {"type": "string", "example": {"pattern": 0, "maxLength": "x"}},
                "kind": {"type": "string", "enum": [1, "a", null], "default": {"minimum": "z"}},
            },
            "discriminator": {"propertyName": "kind", "mapping": {"maxLength": "#/x"}},
            "x-meta": {"maxLength": "any"},
        }}},
        "securitySchemes": {"o": {"type": "oauth2", "flows": {"implicit": {
            "authorizationUrl": "https://a", "scopes": {"name": "read", "minimum": "all"}}}}},
    });
    let (after, warnings) = coerced(doc.clone());
    assert_eq!(after, doc);
    assert!(warnings.is_empty(), "{warnings:#?}");
}

#[test]
fn a_version_written_as_a_number_is_its_text() {
    let (doc, warnings) = coerced(json!({"info": {"title": "t", "version": 1.0}}));
    assert_eq!(doc["info"]["version"], json!("1.0"));
    assert_eq!(warnings.len(), 1, "{warnings:#?}");
    assert!(warnings[0].contains("at `info.version`"), "{}", warnings[0]);
}
