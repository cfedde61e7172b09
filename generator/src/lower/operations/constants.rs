//! Required parameters that allow one value are constants of the operation, not arguments. The
//! APIs.guru AWS documents key each query action with `Action` (`enum: [AddTags]`) and `Version`
//! (`enum: ['2015-12-01']`), and each JSON action with an `X-Amz-Target` header of one value;
//! Box asks for `fields` of one value on its shared-link calls. A caller could only ever pass
//! that value, so the client sends it on every call and the method does not ask for it.

use indexmap::IndexMap;
use openapiv3::{Parameter, ParameterSchemaOrContent, ReferenceOr, Schema, SchemaKind, Type};

/// The value a required parameter must have, as sent, when its schema allows exactly one.
pub(super) fn constant_value(
    p: &Parameter,
    schemas: Option<&IndexMap<String, ReferenceOr<Schema>>>,
) -> Option<String> {
    let data = p.parameter_data_ref();
    if !data.required {
        return None;
    }
    let schema = param_schema(p, schemas)?;
    let mut values: Vec<String> = match &schema.schema_kind {
        SchemaKind::Type(Type::String(t)) => t.enumeration.iter().flatten().cloned().collect(),
        SchemaKind::Type(Type::Integer(t)) => {
            t.enumeration.iter().flatten().map(i64::to_string).collect()
        }
        SchemaKind::Any(a) => a
            .enumeration
            .iter()
            .filter_map(|v| match v {
                serde_json::Value::String(s) => Some(s.clone()),
                serde_json::Value::Number(n) => Some(n.to_string()),
                _ => None,
            })
            .collect(),
        _ => return None,
    };
    values.dedup();
    match values.as_slice() {
        [only] => Some(only.clone()),
        _ => None,
    }
}

/// A parameter's schema, with a reference to a component schema followed once.
pub(super) fn param_schema<'s>(
    p: &'s Parameter,
    schemas: Option<&'s IndexMap<String, ReferenceOr<Schema>>>,
) -> Option<&'s Schema> {
    let ParameterSchemaOrContent::Schema(schema) = &p.parameter_data_ref().format else {
        return None;
    };
    match schema {
        ReferenceOr::Item(s) => Some(s),
        ReferenceOr::Reference { reference } => {
            let name = reference.strip_prefix("#/components/schemas/")?;
            match schemas?.get(name)? {
                ReferenceOr::Item(s) => Some(s),
                ReferenceOr::Reference { .. } => None,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn param(json: serde_json::Value) -> Parameter {
        serde_json::from_value(json).expect("parameter")
    }

    #[test]
    fn a_required_parameter_of_one_value_is_a_constant() {
        let action = param(
            serde_json::json!({"in": "query", "name": "Action", "required": true,
            "schema": {"type": "string", "enum": ["AddTags"]}}),
        );
        assert_eq!(constant_value(&action, None).as_deref(), Some("AddTags"));
        let version = param(
            serde_json::json!({"in": "query", "name": "v", "required": true,
            "schema": {"type": "integer", "enum": [2]}}),
        );
        assert_eq!(constant_value(&version, None).as_deref(), Some("2"));
    }

    #[test]
    fn an_optional_one_or_a_choice_is_an_argument() {
        let optional = param(serde_json::json!({"in": "query", "name": "Action",
            "schema": {"type": "string", "enum": ["AddTags"]}}));
        assert_eq!(constant_value(&optional, None), None);
        let choice = param(
            serde_json::json!({"in": "query", "name": "sort", "required": true,
            "schema": {"type": "string", "enum": ["asc", "desc"]}}),
        );
        assert_eq!(constant_value(&choice, None), None);
        let free = param(
            serde_json::json!({"in": "header", "name": "X-Id", "required": true,
            "schema": {"type": "string"}}),
        );
        assert_eq!(constant_value(&free, None), None);
    }
}
