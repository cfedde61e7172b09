//! Small facts read off one schema while lowering types: a string enum's kind, a union member's
//! tag and `const` values, and the name of a union variant.

use openapiv3::{ReferenceOr, Schema, SchemaKind, Type};

use crate::ir::{EnumVariant, TypeKind, TypeRef};
use crate::names::{self, Scope};

pub(super) fn string_kind(mut values: Vec<String>) -> Option<TypeKind> {
    // A value listed twice is one value: one variant, one match arm.
    let mut seen = std::collections::BTreeSet::new();
    values.retain(|v| seen.insert(v.clone()));
    match values.len() {
        0 => None,
        1 => Some(TypeKind::Const {
            value: values.into_iter().next().unwrap_or_default(),
        }),
        _ => {
            let mut scope = Scope::new();
            scope.reserve("Other");
            let variants = values
                .into_iter()
                .map(|wire| EnumVariant {
                    rust_name: scope.unique(names::camel(&wire)),
                    wire_name: wire,
                })
                .collect();
            Some(TypeKind::Enum { variants })
        }
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

pub(super) fn variant_name(ty: &TypeRef, index: usize) -> String {
    match ty {
        TypeRef::Named(n) => n.clone(),
        TypeRef::String => "String".into(),
        TypeRef::Integer => "Integer".into(),
        TypeRef::Number => "Number".into(),
        TypeRef::Boolean => "Boolean".into(),
        TypeRef::Array(_) => "Array".into(),
        TypeRef::Map(_) => "Map".into(),
        TypeRef::Nullable(inner) => variant_name(inner, index),
        TypeRef::Any => format!("Variant{index}"),
    }
}
