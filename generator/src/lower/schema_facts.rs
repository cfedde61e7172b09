//! Small facts read off one schema while lowering types: a string enum's kind, a union member's
//! tag and `const` values, and the name of a union variant.

use openapiv3::{ReferenceOr, Schema, SchemaKind, Type};

use crate::ir::{EnumVariant, TypeKind, TypeRef};
use crate::names::{self, Scope};

pub(super) fn string_kind(values: Vec<String>) -> Option<TypeKind> {
    let values: Vec<(String, Option<String>)> = values.into_iter().map(|v| (v, None)).collect();
    (!values.is_empty()).then(|| enum_kind(values, false))
}

/// A string enum of these values (each with its own description, if any), or the one value's
/// constant. An `open` enum is one beside a member that takes any string: even with one value it
/// is an enum, whose `Other` keeps the rest.
pub(super) fn enum_kind(mut values: Vec<(String, Option<String>)>, open: bool) -> TypeKind {
    // A value listed twice is one value: one variant, one match arm; the first description stays.
    let mut seen = std::collections::BTreeSet::new();
    values.retain(|(v, _)| seen.insert(v.clone()));
    if let [(value, _)] = values.as_slice()
        && !open
    {
        return TypeKind::Const {
            value: value.clone(),
        };
    }
    let mut scope = Scope::new();
    scope.reserve("Other");
    let variants = values
        .into_iter()
        .map(|(wire, docs)| EnumVariant {
            rust_name: scope.unique(value_name(&wire)),
            wire_name: wire,
            docs,
        })
        .collect();
    TypeKind::Enum { variants }
}

/// The name of one string value: `""`, which clears a value in Stripe's forms, is `Empty`, not
/// the fallback `Unnamed`.
pub(super) fn value_name(wire: &str) -> String {
    match wire.is_empty() {
        true => "Empty".to_string(),
        false => names::camel(wire),
    }
}

/// The tag of a discriminated member: the mapping, else the member's own one-value `type`
/// property, else the schema name (the OpenAPI default).
pub(super) fn tag_for(
    d: &openapiv3::Discriminator,
    reference: &str,
    component: &str,
    schema: &Schema,
) -> String {
    if let Some((tag, _)) = d
        .mapping
        .iter()
        .find(|(_, target)| *target == reference || target.as_str() == component)
    {
        return tag.clone();
    }
    const_property(schema, &d.property_name).unwrap_or_else(|| component.to_string())
}

/// A member that is a reference, possibly wrapped as `allOf: [$ref]` to keep its description.
pub(super) fn as_reference(member: &ReferenceOr<Schema>) -> Option<&str> {
    match member {
        ReferenceOr::Reference { reference } => Some(reference),
        ReferenceOr::Item(Schema {
            schema_kind: SchemaKind::AllOf { all_of },
            ..
        }) => match all_of.as_slice() {
            [ReferenceOr::Reference { reference }] => Some(reference),
            _ => None,
        },
        ReferenceOr::Item(_) => None,
    }
}

/// The single allowed value of a string property, from `const` or a one-value `enum`.
pub(super) fn const_property(schema: &Schema, property: &str) -> Option<String> {
    let props = match &schema.schema_kind {
        SchemaKind::Type(Type::Object(o)) => &o.properties,
        SchemaKind::Any(a) => &a.properties,
        _ => return None,
    };
    let ReferenceOr::Item(prop) = props.get(property)? else {
        return None;
    };
    const_value(prop)
}

/// The single allowed value of a string schema, from `const` or a one-value `enum`.
pub(super) fn const_value(schema: &Schema) -> Option<String> {
    match &schema.schema_kind {
        SchemaKind::Type(Type::String(s)) => match s.enumeration.as_slice() {
            [Some(value)] => Some(value.clone()),
            _ => None,
        },
        SchemaKind::Any(a) => match a.enumeration.as_slice() {
            [serde_json::Value::String(value)] => Some(value.clone()),
            _ => None,
        },
        _ => None,
    }
}

/// A union variant's name, after what it holds: `String`, `Strings` for an array of them,
/// `IntegerArrays` for arrays of arrays, the member's own type name. Never its position.
pub(super) fn variant_name(ty: &TypeRef) -> String {
    match ty {
        TypeRef::Named(n) => n.clone(),
        TypeRef::String => "String".into(),
        TypeRef::Integer => "Integer".into(),
        TypeRef::Number => "Number".into(),
        TypeRef::Boolean => "Boolean".into(),
        TypeRef::Array(items) => plural(&variant_name(items)),
        TypeRef::Map(values) => match values.non_null() {
            TypeRef::Any => "Map".into(),
            other => format!("{}Map", variant_name(other)),
        },
        TypeRef::Nullable(inner) => variant_name(inner),
        TypeRef::Any => "Value".into(),
    }
}

/// `Strings`, `Entries`, `Boxes`, `IntegerArrays`: a name for many of a thing.
fn plural(name: &str) -> String {
    match name {
        "Strings" | "Integers" | "Numbers" | "Booleans" | "Values" => {
            format!("{}Arrays", &name[..name.len() - 1])
        }
        n if n.ends_with('y') && !n.ends_with("ay") && !n.ends_with("ey") && !n.ends_with("oy") => {
            format!("{}ies", &n[..n.len() - 1])
        }
        n if n.ends_with('s') || n.ends_with('x') || n.ends_with("ch") || n.ends_with("sh") => {
            format!("{n}es")
        }
        n => format!("{n}s"),
    }
}

/// Whether a schema the model could not type is a list: `type: array`, `items` with no `type`
/// (VTEX), or `type: string` with `items`, which a header or query carries as one comma-joined
/// string (Anthropic's `anthropic-beta`, a list in the official SDKs). A number or boolean type
/// wins over stray `items`: no list is sent as one (Mailchimp's `default_country` is
/// `type: integer` with `items: {type: string}`), as a validating server reads it.
pub(super) fn any_is_array(any: &openapiv3::AnySchema) -> bool {
    match any.typ.as_deref() {
        Some("array") => true,
        None | Some("string") => any.items.is_some(),
        Some(_) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_given_twice_is_one_variant_with_the_first_description() {
        let values = vec![
            ("large-2".to_string(), Some("The largest.".to_string())),
            ("".to_string(), None),
            ("large-2".to_string(), Some("Again.".to_string())),
        ];
        let TypeKind::Enum { variants } = enum_kind(values, false) else {
            panic!("two values make an enum")
        };
        let got: Vec<(&str, &str, Option<&str>)> = variants
            .iter()
            .map(|v| {
                (
                    v.wire_name.as_str(),
                    v.rust_name.as_str(),
                    v.docs.as_deref(),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                ("large-2", "Large2", Some("The largest.")),
                ("", "Empty", None)
            ]
        );
        // One value is a constant, unless any other string is allowed beside it.
        assert!(matches!(
            enum_kind(vec![("auto".into(), None)], false),
            TypeKind::Const { .. }
        ));
        assert!(matches!(
            enum_kind(vec![("auto".into(), None)], true),
            TypeKind::Enum { .. }
        ));
    }
}
