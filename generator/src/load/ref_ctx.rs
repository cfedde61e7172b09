//! Where a value sits in a document, which decides what a `$ref` there means, and whether a
//! document needs [`super::refs::bundle`]'s work at all.

use serde_json::Value;

use super::ref_places;

/// Whether any reference points outside the components (or into another file), or names a
/// component of another section than its place expects.
pub fn needs_bundling(doc: &Value) -> bool {
    fn visit(v: &Value, ctx: Ctx, path: &mut Vec<String>) -> bool {
        match v {
            Value::Object(m) => {
                if let Some(Value::String(r)) = m.get("$ref") {
                    let misplaced = ref_places::expected_section(path)
                        .zip(ref_places::section_of(r))
                        .is_some_and(|(expected, actual)| expected != actual);
                    let schema_elsewhere = ctx == Ctx::Schema
                        && ref_places::section_of(r).is_some_and(|s| !ref_places::holds_schemas(s));
                    if !is_component_ref(r) || misplaced || schema_elsewhere {
                        return true;
                    }
                }
                m.iter().any(|(key, child)| {
                    let next = next_ctx(ctx, key, path);
                    if next == Ctx::Opaque {
                        return false;
                    }
                    path.push(key.clone());
                    let found = visit(child, next, path);
                    path.pop();
                    found
                })
            }
            Value::Array(a) => a.iter().enumerate().any(|(i, item)| {
                path.push(format!("[{i}]"));
                let element = if ctx == Ctx::SchemaList {
                    Ctx::Schema
                } else {
                    ctx
                };
                let found = visit(item, element, path);
                path.pop();
                found
            }),
            _ => false,
        }
    }
    visit(doc, Ctx::Doc, &mut Vec::new())
}

/// `#/components/<section>/<Name>` or `#/definitions|parameters|responses/<Name>`.
pub fn is_component_ref(r: &str) -> bool {
    let Some(pointer) = r.strip_prefix("#/") else {
        return false;
    };
    let segments: Vec<&str> = pointer.split('/').collect();
    matches!(
        segments.as_slice(),
        ["components", _, _] | ["definitions" | "parameters" | "responses", _]
    )
}

/// Where a value sits, which decides what a reference there means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ctx {
    /// Document structure: path items, operations, parameters, responses.
    Doc,
    Schema,
    /// A map whose values are schemas (`properties`, `components.schemas`).
    SchemaMap,
    /// A list of schemas (`allOf`, `prefixItems`).
    SchemaList,
    /// Data, never followed: examples, defaults, extensions.
    Opaque,
}

fn child_ctx(ctx: Ctx, key: &str, depth: usize) -> Ctx {
    if key.starts_with("x-") {
        return Ctx::Opaque;
    }
    match ctx {
        Ctx::Doc => match key {
            "schema" => Ctx::Schema,
            "schemas" => Ctx::SchemaMap,
            "definitions" if depth == 0 => Ctx::SchemaMap,
            "example" | "default" | "enum" | "value" => Ctx::Opaque,
            _ => Ctx::Doc,
        },
        Ctx::Schema => match key {
            "properties" | "patternProperties" | "$defs" | "definitions" | "dependentSchemas" => {
                Ctx::SchemaMap
            }
            "items"
            | "additionalProperties"
            | "not"
            | "contains"
            | "if"
            | "then"
            | "else"
            | "propertyNames"
            | "additionalItems"
            | "unevaluatedItems"
            | "unevaluatedProperties"
            | "contentSchema" => Ctx::Schema,
            "allOf" | "anyOf" | "oneOf" | "prefixItems" => Ctx::SchemaList,
            _ => Ctx::Opaque,
        },
        Ctx::SchemaMap => Ctx::Schema,
        Ctx::SchemaList | Ctx::Opaque => ctx,
    }
}

/// [`child_ctx`] of the member `key` of the object at `path`: `responses.default` is the default
/// response, not a default value.
pub fn next_ctx(ctx: Ctx, key: &str, path: &[String]) -> Ctx {
    if ctx == Ctx::Doc && key == "default" && path.last().is_some_and(|p| p == "responses") {
        Ctx::Doc
    } else {
        child_ctx(ctx, key, path.len())
    }
}
