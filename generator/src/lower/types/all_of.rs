//! One property named by several `allOf` members. JSON Schema asks a value to meet every member,
//! so the property is the most specific schema among them, documented by whichever member
//! describes it. Rev.ai's job options document each property in one member (`{description}`, any
//! value) and type it in another (`{type: string}`); taking the last one wholesale lost the
//! description, and taking an untyped last one would lose the type.

use openapiv3::{AnySchema, ReferenceOr, Schema, SchemaKind};

/// The property as `existing` and `next` describe it together.
pub(in crate::lower) fn merge_property(
    existing: Option<ReferenceOr<Box<Schema>>>,
    next: &ReferenceOr<Box<Schema>>,
) -> ReferenceOr<Box<Schema>> {
    let Some(existing) = existing else {
        return next.clone();
    };
    let (kept, other) = if unconstrained(next) {
        (existing, next)
    } else {
        // A later member that types the property wins, as before; the earlier one may still
        // hold the only description.
        (next.clone(), &existing)
    };
    match (kept, description(other)) {
        (ReferenceOr::Item(mut schema), Some(text)) if schema.schema_data.description.is_none() => {
            schema.schema_data.description = Some(text.to_string());
            ReferenceOr::Item(schema)
        }
        // A reference takes its documentation from a one-member `allOf` around it, the form the
        // type space already reads as "this component, documented here".
        (ReferenceOr::Reference { reference }, Some(text)) => {
            let mut schema = Schema {
                schema_data: Default::default(),
                schema_kind: SchemaKind::AllOf {
                    all_of: vec![ReferenceOr::Reference { reference }],
                },
            };
            schema.schema_data.description = Some(text.to_string());
            ReferenceOr::Item(Box::new(schema))
        }
        (kept, _) => kept,
    }
}

/// A schema that only annotates: no type, no constraint, no composition.
pub(in crate::lower) fn unconstrained(schema: &ReferenceOr<Box<Schema>>) -> bool {
    matches!(schema, ReferenceOr::Item(s) if matches!(&s.schema_kind, SchemaKind::Any(a) if *a == AnySchema::default())
        && !s.schema_data.nullable)
}

fn description(schema: &ReferenceOr<Box<Schema>>) -> Option<&str> {
    match schema {
        ReferenceOr::Item(s) => s.schema_data.description.as_deref(),
        ReferenceOr::Reference { .. } => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn schema(json: &str) -> ReferenceOr<Box<Schema>> {
        serde_json::from_str(json).expect("schema")
    }

    #[test]
    fn the_typed_member_wins_and_the_described_one_documents_it() {
        let described = schema(r#"{"description": "Where to call back."}"#);
        let typed = schema(r#"{"type": "string"}"#);
        for (first, second) in [(&described, &typed), (&typed, &described)] {
            let merged = merge_property(Some(first.clone()), second);
            let ReferenceOr::Item(s) = merged else {
                panic!("an inline schema")
            };
            assert!(matches!(s.schema_kind, SchemaKind::Type(_)), "{s:?}");
            assert_eq!(
                s.schema_data.description.as_deref(),
                Some("Where to call back.")
            );
        }
    }

    #[test]
    fn a_later_typed_member_still_wins_and_keeps_its_own_description() {
        let first = schema(r#"{"type": "integer", "description": "old"}"#);
        let second = schema(r#"{"type": "string", "description": "new"}"#);
        let ReferenceOr::Item(s) = merge_property(Some(first), &second) else {
            panic!("an inline schema")
        };
        assert!(matches!(
            s.schema_kind,
            SchemaKind::Type(openapiv3::Type::String(_))
        ));
        assert_eq!(s.schema_data.description.as_deref(), Some("new"));
    }

    #[test]
    fn a_reference_is_documented_by_the_member_that_describes_it() {
        let described = schema(r#"{"description": "The owner."}"#);
        let reference = schema(r##"{"$ref": "#/components/schemas/User"}"##);
        let merged = merge_property(Some(described), &reference);
        let ReferenceOr::Item(s) = merged else {
            panic!("a documented reference")
        };
        assert_eq!(s.schema_data.description.as_deref(), Some("The owner."));
        let SchemaKind::AllOf { all_of } = &s.schema_kind else {
            panic!("{s:?}")
        };
        assert!(
            matches!(&all_of[..], [ReferenceOr::Reference { reference }] if reference.ends_with("/User"))
        );
        // Alone, or with nothing to add, the reference stays as it is.
        let plain = merge_property(Some(schema("{}")), &reference);
        assert!(matches!(plain, ReferenceOr::Reference { .. }));
    }
}
