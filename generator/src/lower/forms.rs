//! The fields of a form body (multipart or URL-encoded), flattened from the body's schema.

use indexmap::IndexMap;
use openapiv3::{ReferenceOr, Schema, SchemaKind, Type};

use super::types::{At, TypeSpace};
use crate::diag::Diagnostic;

/// The fields of a form body: an object's properties; for `allOf` every member's, for `oneOf` and
/// `anyOf` the union, required only where every member requires it. References are followed, each
/// schema at most once, so a cycle ends.
/// A form's fields by wire name, and the names it requires.
pub(crate) type FormFields = (IndexMap<String, ReferenceOr<Box<Schema>>>, Vec<String>);

pub(crate) fn form_fields(
    schema: &Schema,
    space: &TypeSpace,
    at: &At,
) -> Result<FormFields, Diagnostic> {
    fn walk(
        schema: &Schema,
        space: &TypeSpace,
        at: &At,
        seen: &mut Vec<String>,
        props: &mut IndexMap<String, ReferenceOr<Box<Schema>>>,
    ) -> Result<Option<Vec<String>>, Diagnostic> {
        let member = |m: &ReferenceOr<Schema>,
                      seen: &mut Vec<String>,
                      props: &mut IndexMap<String, ReferenceOr<Box<Schema>>>|
         -> Result<Option<Vec<String>>, Diagnostic> {
            match m {
                ReferenceOr::Item(s) => walk(s, space, at, seen, props),
                ReferenceOr::Reference { reference } => {
                    if seen.contains(reference) {
                        return Ok(None);
                    }
                    seen.push(reference.clone());
                    let (_, s) = space.resolve(reference, at)?;
                    walk(s, space, at, seen, props)
                }
            }
        };
        let own = |p: &IndexMap<String, ReferenceOr<Box<Schema>>>,
                   r: &Vec<String>,
                   props: &mut IndexMap<String, ReferenceOr<Box<Schema>>>| {
            for (k, v) in p {
                match props.get_mut(k) {
                    Some(first) => join_values(first, v),
                    None => {
                        props.insert(k.clone(), v.clone());
                    }
                }
            }
            Some(r.clone())
        };
        Ok(match &schema.schema_kind {
            SchemaKind::Type(Type::Object(o)) => own(&o.properties, &o.required, props),
            SchemaKind::Any(a) if !a.properties.is_empty() => {
                own(&a.properties, &a.required, props)
            }
            SchemaKind::AllOf { all_of } => {
                let mut required = Vec::new();
                for m in all_of {
                    required.extend(member(m, seen, props)?.unwrap_or_default());
                }
                Some(required)
            }
            SchemaKind::OneOf { one_of: list } | SchemaKind::AnyOf { any_of: list } => {
                let mut common: Option<Vec<String>> = None;
                for m in list {
                    let required = member(m, seen, props)?.unwrap_or_default();
                    common = Some(match common {
                        None => required,
                        Some(c) => c.into_iter().filter(|r| required.contains(r)).collect(),
                    });
                }
                common
            }
            _ => None,
        })
    }
    let mut props = IndexMap::new();
    let required = walk(schema, space, at, &mut Vec::new(), &mut props)?.unwrap_or_default();
    Ok((props, required))
}

/// A field that several members of a union define, each with its own string values (a tag:
/// `category` is `beverage` in one member and `dessert` in the other), takes every member's
/// values: the first member's alone would make the others impossible to send.
fn join_values(first: &mut ReferenceOr<Box<Schema>>, other: &ReferenceOr<Box<Schema>>) {
    let values = |s: &Schema| match &s.schema_kind {
        SchemaKind::Type(Type::String(t)) if !t.enumeration.is_empty() => {
            Some(t.enumeration.clone())
        }
        _ => None,
    };
    let (ReferenceOr::Item(first), ReferenceOr::Item(other)) = (first, other) else {
        return;
    };
    let Some(more) = values(other) else {
        return;
    };
    if let SchemaKind::Type(Type::String(t)) = &mut first.schema_kind
        && !t.enumeration.is_empty()
    {
        for value in more {
            if !t.enumeration.contains(&value) {
                t.enumeration.push(value);
            }
        }
    }
}
