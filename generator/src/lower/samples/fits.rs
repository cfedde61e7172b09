//! Whether a value the document gives (an `example`, a `default`) meets the schema it sits on,
//! so that a test sends it. Documents often break their own schemas in examples: Xero gives an
//! array's example as a JSON string and numbers for string fields, Wowza leaves out required
//! members, byautomata gives `"0"` for an object. A validating server refuses such a request,
//! and the typed client cannot build it, so the sampler makes a value instead.
//!
//! The check follows the schema as a validator would (types, `enum`, required members, lengths,
//! counts, bounds, `pattern`, the date and uuid formats), through references, unions and `allOf`.

use openapiv3::{
    AdditionalProperties, ReferenceOr, Schema, SchemaKind, StringFormat, Type,
    VariantOrUnknownOrEmpty,
};
use serde_json::Value;

use super::{Sampler, pattern};

/// Deeper than this, a value is taken on trust: examples are small, schemas may recurse.
const MAX_DEPTH: usize = 16;

impl Sampler<'_> {
    /// Whether `value` meets `schema`.
    pub(super) fn fits(&self, schema: &ReferenceOr<Schema>, value: &Value, depth: usize) -> bool {
        match schema {
            ReferenceOr::Reference { reference } => self
                .resolve(reference)
                .is_none_or(|s| self.fits_schema(s, value, depth)),
            ReferenceOr::Item(s) => self.fits_schema(s, value, depth),
        }
    }

    pub(super) fn fits_boxed(
        &self,
        schema: &ReferenceOr<Box<Schema>>,
        value: &Value,
        depth: usize,
    ) -> bool {
        match schema {
            ReferenceOr::Reference { reference } => self
                .resolve(reference)
                .is_none_or(|s| self.fits_schema(s, value, depth)),
            ReferenceOr::Item(s) => self.fits_schema(s, value, depth),
        }
    }

    pub(super) fn fits_schema(&self, s: &Schema, value: &Value, depth: usize) -> bool {
        // Past the depth or the budget, the value is taken on trust.
        if depth > MAX_DEPTH || self.fit_budget.get() == 0 {
            return true;
        }
        self.fit_budget.set(self.fit_budget.get() - 1);
        if value.is_null() {
            return s.schema_data.nullable
                || matches!(&s.schema_kind, SchemaKind::Any(a) if a.typ.is_none());
        }
        let next = depth + 1;
        match &s.schema_kind {
            SchemaKind::Type(Type::String(t)) => {
                let Some(text) = value.as_str() else {
                    return false;
                };
                let listed = t.enumeration.iter().flatten().next().is_none()
                    || t.enumeration.iter().flatten().any(|e| e == text);
                let n = text.chars().count();
                listed
                    && t.min_length.is_none_or(|m| n >= m)
                    && t.max_length.is_none_or(|m| n <= m)
                    && t.pattern
                        .as_deref()
                        .is_none_or(|p| pattern::matches_or_unknown(p, text))
                    && format_fits(&t.format, text)
            }
            SchemaKind::Type(Type::Integer(t)) => {
                let Some(n) = value.as_i64().or_else(|| value.as_u64().map(|_| i64::MAX)) else {
                    return false;
                };
                t.minimum.is_none_or(|m| n >= m) && t.maximum.is_none_or(|m| n <= m)
            }
            SchemaKind::Type(Type::Number(t)) => {
                let Some(n) = value.as_f64() else {
                    return false;
                };
                t.minimum.is_none_or(|m| n >= m) && t.maximum.is_none_or(|m| n <= m)
            }
            SchemaKind::Type(Type::Boolean(_)) => value.is_boolean(),
            SchemaKind::Type(Type::Array(a)) => {
                let Some(items) = value.as_array() else {
                    return false;
                };
                a.min_items.is_none_or(|m| items.len() >= m)
                    && a.max_items.is_none_or(|m| items.len() <= m)
                    && a.items.as_ref().is_none_or(|schema| {
                        items.iter().all(|item| self.fits_boxed(schema, item, next))
                    })
            }
            SchemaKind::Type(Type::Object(o)) => self.fits_object(
                &o.properties,
                &o.required,
                o.additional_properties.as_ref(),
                value,
                next,
            ),
            SchemaKind::OneOf { one_of: members } | SchemaKind::AnyOf { any_of: members } => {
                members.iter().any(|m| self.fits(m, value, next))
            }
            SchemaKind::AllOf { all_of } => all_of.iter().all(|m| self.fits(m, value, next)),
            SchemaKind::Not { .. } => true,
            SchemaKind::Any(a) => {
                let listed = a.enumeration.is_empty() || a.enumeration.contains(value);
                let typed = match a.typ.as_deref() {
                    Some("string") => value.is_string(),
                    Some("integer") => value.is_i64() || value.is_u64(),
                    Some("number") => value.is_number(),
                    Some("boolean") => value.is_boolean(),
                    Some("array") => value.is_array(),
                    Some("object") => value.is_object(),
                    // Untyped with `items`, the client's type is a list.
                    None if a.properties.is_empty() && a.items.is_some() => {
                        value.as_array().is_some_and(|list| {
                            a.items.as_ref().is_none_or(|schema| {
                                list.iter().all(|item| self.fits_boxed(schema, item, next))
                            })
                        })
                    }
                    _ => true,
                };
                let shaped = (a.properties.is_empty() && a.required.is_empty())
                    || self.fits_object(
                        &a.properties,
                        &a.required,
                        a.additional_properties.as_ref(),
                        value,
                        next,
                    );
                let unions = a.one_of.is_empty() && a.any_of.is_empty()
                    || a.one_of
                        .iter()
                        .chain(&a.any_of)
                        .any(|m| self.fits(m, value, next));
                listed
                    && typed
                    && shaped
                    && unions
                    && a.all_of.iter().all(|m| self.fits(m, value, next))
            }
        }
    }

    fn fits_object(
        &self,
        properties: &indexmap::IndexMap<String, ReferenceOr<Box<Schema>>>,
        required: &[String],
        additional: Option<&AdditionalProperties>,
        value: &Value,
        depth: usize,
    ) -> bool {
        let Some(members) = value.as_object() else {
            return false;
        };
        required.iter().all(|r| members.contains_key(r))
            && members
                .iter()
                .all(|(name, member)| match properties.get(name) {
                    Some(schema) => self.fits_boxed(schema, member, depth),
                    None => match additional {
                        Some(AdditionalProperties::Schema(schema)) => {
                            self.fits(schema, member, depth)
                        }
                        Some(AdditionalProperties::Any(false)) => false,
                        _ => true,
                    },
                })
    }
}

/// The formats a validating mock checks and a test is likely to meet.
fn format_fits(format: &VariantOrUnknownOrEmpty<StringFormat>, text: &str) -> bool {
    let b = text.as_bytes();
    let dated = b.len() >= 10
        && b[..4].iter().all(u8::is_ascii_digit)
        && b[4] == b'-'
        && b[5..7].iter().all(u8::is_ascii_digit)
        && b[7] == b'-'
        && b[8..10].iter().all(u8::is_ascii_digit);
    match format {
        VariantOrUnknownOrEmpty::Item(StringFormat::Date) => dated && b.len() == 10,
        VariantOrUnknownOrEmpty::Item(StringFormat::DateTime) => dated && b.len() > 10,
        VariantOrUnknownOrEmpty::Unknown(f) if matches!(f.as_str(), "uri" | "url") => {
            text.split_once("://").is_some_and(|(scheme, rest)| {
                !rest.is_empty()
                    && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
                    && scheme
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || "+.-".contains(c))
            })
        }
        VariantOrUnknownOrEmpty::Unknown(f) if f == "uuid" => {
            b.len() == 36
                && b.iter().enumerate().all(|(i, c)| match i {
                    8 | 13 | 18 | 23 => *c == b'-',
                    _ => c.is_ascii_hexdigit(),
                })
        }
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use indexmap::IndexMap;
    use serde_json::json;

    use super::*;

    fn fits(schema: Value, value: Value) -> bool {
        let components = IndexMap::new();
        let schema: ReferenceOr<Schema> = serde_json::from_value(schema).expect("schema");
        Sampler::new(Some(&components)).accepts(&schema, &value)
    }

    #[test]
    fn an_untyped_schema_with_items_takes_a_list() {
        let s = json!({"items": {"type": "integer"}});
        assert!(fits(s.clone(), json!([1, 2])));
        assert!(!fits(s.clone(), json!({})));
        assert!(!fits(s, json!(["a"])));
    }

    #[test]
    fn examples_that_break_their_schema_are_refused() {
        let items = json!({"type": "array", "items": {"type": "object", "required": ["id"],
            "properties": {"id": {"type": "string", "format": "uuid"}, "n": {"type": "string"}}}});
        // A JSON string where an array belongs (Xero), a number for a string, a member missing.
        assert!(!fits(items.clone(), json!("[ { \"id\": \"x\" } ]")));
        assert!(!fits(
            items.clone(),
            json!([{"id": "4ff1e5cc-9835-40d5-bb18-09fdb118db9c", "n": 5}])
        ));
        assert!(!fits(items.clone(), json!([{"n": "a"}])));
        assert!(!fits(items.clone(), json!([{"id": "not-a-uuid"}])));
        assert!(fits(
            items,
            json!([{"id": "4ff1e5cc-9835-40d5-bb18-09fdb118db9c", "n": "a"}])
        ));
        let url = json!({"type": "string", "format": "uri"});
        assert!(fits(url.clone(), json!("https://example.com/hook")));
        assert!(!fits(url, json!("example.com/hook")));
        let date = json!({"type": "string", "format": "date"});
        assert!(fits(date.clone(), json!("2024-01-31")));
        assert!(!fits(date, json!("/Date(322560000000+0000)/")));
        let id = json!({"type": "string", "pattern": "^[0-9]+$", "maxLength": 3});
        assert!(fits(id.clone(), json!("123")));
        assert!(!fits(id.clone(), json!("1234")));
        assert!(!fits(id, json!("12a")));
    }

    #[test]
    fn unions_and_all_of_take_what_a_validator_takes() {
        let union = json!({"oneOf": [{"type": "integer"}, {"type": "string", "enum": ["a"]}]});
        assert!(fits(union.clone(), json!(3)));
        assert!(fits(union.clone(), json!("a")));
        assert!(!fits(union, json!("b")));
        let all = json!({"allOf": [
            {"type": "object", "required": ["a"], "properties": {"a": {"type": "integer"}}},
            {"type": "object", "required": ["b"]}
        ]});
        assert!(fits(all.clone(), json!({"a": 1, "b": "x"})));
        assert!(!fits(all, json!({"a": 1})));
        assert!(fits(
            json!({"type": "string", "nullable": true}),
            Value::Null
        ));
        assert!(!fits(json!({"type": "string"}), Value::Null));
    }
}
