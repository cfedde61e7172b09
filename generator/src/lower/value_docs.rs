//! What a schema says about its values beyond the Rust type, for the docs: the numbers an enum
//! of numbers allows (the field is a plain `i64` or `f64`) and the default the server applies
//! when the value is left out.

use openapiv3::{Schema, SchemaKind, Type};
use serde_json::Value;

/// Longest default written out; a longer one (a whole object) is left to the spec.
const MAX_DEFAULT: usize = 80;

/// A line such as "One of `1`, `2`, `10`. Defaults to `2`.", or `None` when the schema says
/// nothing of the kind. The default is left out where it changes nothing for the caller: on a
/// `required` value (always sent, always received), for a constant, and where `description`
/// (the parameter's or the schema's) already mentions it or the word "default".
pub(super) fn value_note(
    schema: &Schema,
    description: Option<&str>,
    required: bool,
) -> Option<String> {
    let mut parts = Vec::new();
    let numbers: Vec<String> = match &schema.schema_kind {
        SchemaKind::Type(Type::Integer(t)) => {
            t.enumeration.iter().flatten().map(i64::to_string).collect()
        }
        SchemaKind::Type(Type::Number(t)) => {
            t.enumeration.iter().flatten().map(f64::to_string).collect()
        }
        _ => Vec::new(),
    };
    if !numbers.is_empty() {
        parts.push(format!("One of {}.", code_list(&numbers)));
    }
    if let Some((text, shown)) = schema.schema_data.default.as_ref().and_then(shown)
        && !required
        && !is_constant(schema)
        && !description
            .is_some_and(|d| d.contains(&text) || d.to_ascii_lowercase().contains("default"))
    {
        parts.push(format!("Defaults to {shown}."));
    }
    (!parts.is_empty()).then(|| parts.join(" "))
}

/// The default's text and that text as inline code: a string as its text, anything else as
/// JSON; `None` for `null`, for text that would not stay on one line or in one code span, and
/// for a long value.
fn shown(value: &Value) -> Option<(String, String)> {
    let text = match value {
        Value::Null => return None,
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    let fits = text.len() <= MAX_DEFAULT && !text.contains(['`', '\n', '\r']);
    (fits && !text.trim().is_empty()).then(|| (text.clone(), format!("`{text}`")))
}

fn code_list(values: &[String]) -> String {
    values
        .iter()
        .map(|v| format!("`{v}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn is_constant(schema: &Schema) -> bool {
    match &schema.schema_kind {
        SchemaKind::Type(Type::String(t)) => t.enumeration.len() == 1,
        SchemaKind::Type(Type::Integer(t)) => t.enumeration.len() == 1,
        SchemaKind::Type(Type::Number(t)) => t.enumeration.len() == 1,
        SchemaKind::Type(Type::Boolean(t)) => t.enumeration.len() == 1,
        SchemaKind::Any(a) => a.enumeration.len() == 1,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn note(json: &str) -> Option<String> {
        note_of(json, false)
    }

    /// The note of the schema written as `json`, for a `required` value or an optional one.
    fn note_of(json: &str, required: bool) -> Option<String> {
        let schema: Schema = serde_json::from_str(json).unwrap();
        value_note(&schema, schema.schema_data.description.as_deref(), required)
    }

    #[test]
    fn numbers_list_their_values_and_defaults_are_shown() {
        assert_eq!(
            note(r#"{"type": "integer", "enum": [1, 2, 10], "default": 2}"#).as_deref(),
            Some("One of `1`, `2`, `10`. Defaults to `2`.")
        );
        assert_eq!(
            note(r#"{"type": "number", "enum": [0.5, 1.5]}"#).as_deref(),
            Some("One of `0.5`, `1.5`.")
        );
        assert_eq!(
            note(r#"{"type": "string", "default": "created_at"}"#).as_deref(),
            Some("Defaults to `created_at`.")
        );
        assert_eq!(
            note(r#"{"type": "boolean", "default": false}"#).as_deref(),
            Some("Defaults to `false`.")
        );
        assert_eq!(
            note(r#"{"type": "array", "items": {"type": "string"}, "default": ["a"]}"#).as_deref(),
            Some("Defaults to `[\"a\"]`.")
        );
    }

    #[test]
    fn nothing_new_is_not_repeated() {
        for quiet in [
            r#"{"type": "string"}"#,
            r#"{"type": "string", "enum": ["a", "b"]}"#,
            r#"{"type": "integer", "default": 20, "description": "Defaults to 20."}"#,
            r#"{"type": "string", "enum": ["error"], "default": "error"}"#,
            r#"{"type": "string", "default": null, "nullable": true}"#,
            r#"{"type": "string", "default": "a `b`"}"#,
            r#"{"type": "string", "default": ""}"#,
            r#"{"type": "string", "default": "skill", "description": "Always `\"skill\"`."}"#,
        ] {
            assert_eq!(note(quiet), None, "{quiet}");
        }
        assert_eq!(note_of(r#"{"type": "string", "default": "a"}"#, true), None);
        assert_eq!(
            note_of(r#"{"type": "integer", "enum": [1, 2], "default": 1}"#, true).as_deref(),
            Some("One of `1`, `2`.")
        );
        let long = format!(r#"{{"type": "string", "default": "{}"}}"#, "x".repeat(81));
        assert_eq!(note(&long), None);
    }
}
