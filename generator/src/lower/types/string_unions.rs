//! Unions whose members are all strings are one string enum. Stainless and OpenAI write an open
//! enum as `anyOf: [string, {const: a}, {const: b}]` or `anyOf: [string, enum [..]]`; schemars
//! writes a documented enum as `oneOf` of one-value members. As a union, each value was a type of
//! its own (`InstanceStateCreating`), and a `String` member tried first took every value, so the
//! others never held one. The enum's `Other(String)` already keeps any value it does not know.

use openapiv3::{ReferenceOr, Schema, SchemaKind, Type};

use super::super::schema_facts::{as_reference, enum_kind};
use super::{At, Defined, TypeSpace};
use crate::diag::Diagnostic;

/// What a member of a union of strings is.
enum Member<'s> {
    /// Any string: `{type: string}`.
    Any,
    /// The values it allows, and its description when it allows one (that value's doc).
    Values(Vec<String>, Option<&'s str>),
    /// A reference to a string enum component.
    Enum(&'s str),
}

impl<'a> TypeSpace<'a> {
    /// The union as one string enum, when every member is a string and some member names a value
    /// other than `""`. `None` leaves the union as it is: Stripe's `anyOf: [string, enum [""]]`
    /// (a string, or `""` to clear it) stays a string or `Empty`.
    pub(super) fn string_union(
        &mut self,
        members: &[ReferenceOr<Schema>],
        at: &At,
    ) -> Result<Option<Defined>, Diagnostic> {
        let mut kinds = Vec::with_capacity(members.len());
        for (i, m) in members.iter().enumerate() {
            match self.string_member(m, &at.join(format!("[{i}]")))? {
                Some(kind) => kinds.push(kind),
                None => return Ok(None),
            }
        }
        let anys = kinds.iter().filter(|k| matches!(k, Member::Any)).count();
        let enums: Vec<&str> = kinds
            .iter()
            .filter_map(|k| match k {
                Member::Enum(r) => Some(*r),
                _ => None,
            })
            .collect();
        // `anyOf: [string, $ref ChatModel]`: the component already keeps other strings.
        match (enums.as_slice(), anys) {
            ([reference], n) if n + 1 == kinds.len() => {
                return Ok(Some(Defined::Ref(self.named(reference, at)?)));
            }
            // Two components, or a component beside values: each keeps its name as a variant.
            ([], _) => {}
            _ => return Ok(None),
        }
        let mut values: Vec<(String, Option<String>)> = Vec::new();
        for kind in kinds {
            if let Member::Values(vals, description) = kind {
                let described = vals.len() == 1;
                for v in vals {
                    values.push((v, description.filter(|_| described).map(str::to_string)));
                }
            }
        }
        if values.iter().all(|(v, _)| v.is_empty()) {
            return Ok(None);
        }
        Ok(Some(Defined::Kind(enum_kind(values, anys > 0))))
    }

    fn string_member<'s>(
        &self,
        member: &'s ReferenceOr<Schema>,
        at: &At,
    ) -> Result<Option<Member<'s>>, Diagnostic> {
        if let Some(reference) = as_reference(member) {
            let (_, schema) = self.resolve(reference, at)?;
            return Ok(match string_values(schema) {
                Some(values) if values.len() > 1 && !schema.schema_data.nullable => {
                    Some(Member::Enum(reference))
                }
                _ => None,
            });
        }
        let ReferenceOr::Item(schema) = member else {
            return Ok(None);
        };
        if schema.schema_data.nullable {
            return Ok(None);
        }
        Ok(match string_values(schema) {
            Some(values) if values.is_empty() => Some(Member::Any),
            Some(values) => Some(Member::Values(
                values,
                schema.schema_data.description.as_deref(),
            )),
            None => None,
        })
    }
}

/// A string schema's allowed values: empty for any string; `None` for a schema that may hold
/// something other than a string (`null` among its values included).
fn string_values(schema: &Schema) -> Option<Vec<String>> {
    match &schema.schema_kind {
        SchemaKind::Type(Type::String(s)) => s.enumeration.iter().cloned().collect(),
        SchemaKind::Any(a)
            if a.properties.is_empty()
                && a.items.is_none()
                && a.one_of.is_empty()
                && a.any_of.is_empty()
                && a.all_of.is_empty()
                && a.not.is_none()
                && a.additional_properties.is_none()
                && matches!(a.typ.as_deref(), None | Some("string")) =>
        {
            if a.enumeration.is_empty() && a.typ.is_none() {
                return None; // no type and no values: any value at all
            }
            a.enumeration
                .iter()
                .map(|v| v.as_str().map(str::to_string))
                .collect()
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn schema(json: &str) -> Schema {
        serde_json::from_str(json).expect("a schema")
    }

    #[test]
    fn string_values_tell_strings_from_other_schemas() {
        assert_eq!(
            string_values(&schema(r#"{"type": "string"}"#)),
            Some(vec![])
        );
        assert_eq!(
            string_values(&schema(r#"{"enum": ["a", "b"]}"#)),
            Some(vec!["a".into(), "b".into()])
        );
        assert_eq!(
            string_values(&schema(
                r#"{"type": "string", "enum": ["a"], "description": "x"}"#
            )),
            Some(vec!["a".into()])
        );
        // `null` among the values, a number, no type at all: not only a string.
        assert_eq!(
            string_values(&schema(r#"{"type": "string", "enum": ["a", null]}"#)),
            None
        );
        assert_eq!(string_values(&schema(r#"{"enum": [1]}"#)), None);
        assert_eq!(string_values(&schema(r#"{"description": "any"}"#)), None);
        assert_eq!(string_values(&schema(r#"{"type": "integer"}"#)), None);
    }
}
