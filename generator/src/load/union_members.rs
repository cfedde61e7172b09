//! Own members beside a union. `{type: object, required: [record_type], discriminator: ...,
//! oneOf: [$ref: MessageRecord, $ref: CallRecord]}` (Telnyx's `DetailRecord`), Vercel's DNS
//! record `anyOf` of nine record kinds beside `properties: {type: ...}`, and Jira's
//! `CustomContextVariable` restate beside the union what every member already defines. The
//! openapiv3 model reads such a mix as an untyped schema: a struct of the restated members alone,
//! or any JSON when only `required` stands beside the union (20 schemas in 5 APIs.guru
//! documents, among them every request body of gerermesaffaires).
//!
//! Where every member of the union defines each of the parent's own properties, the parent's
//! object keywords add no member: the union carries the shape. They are dropped, and the parent's
//! `required` moves into each inline member that defines the name, so no requirement is lost
//! there. Where the parent's properties are the substance and the members only constrain them
//! (GitHub's `anyOf` of `required` lists), or where some member lacks a property the parent
//! defines, the object reading stays. A typed map beside the union, with no properties of its
//! own, is the map: the members name groups of its keys.

use serde_json::{Map, Value};

use super::array_members::OBJECT_KEYS;
use super::component_schemas::ComponentSchemas;

/// Keys a member may hold and still only constrain the parent's members.
const CONSTRAINING: &[&str] = &[
    "properties",
    "required",
    "type",
    "description",
    "title",
    "additionalProperties",
];

const MAX_DEPTH: usize = 16;

pub fn unions_over_own_members(doc: &mut Value) {
    let schemas = ComponentSchemas::of(doc);
    walk(doc, &schemas, false);
}

/// Every schema of the document; examples and extensions are data, not schemas, except where
/// `properties` names a member so.
fn walk(v: &mut Value, schemas: &ComponentSchemas, member_names: bool) {
    match v {
        Value::Object(m) => {
            if !member_names {
                union_over_members(m, schemas);
            }
            for (key, child) in m.iter_mut() {
                let data = key == "example" || key == "examples" || key.starts_with("x-");
                if member_names || !data {
                    walk(child, schemas, !member_names && key == "properties");
                }
            }
        }
        Value::Array(list) => list.iter_mut().for_each(|c| walk(c, schemas, false)),
        _ => {}
    }
}

fn union_over_members(m: &mut Map<String, Value>, schemas: &ComponentSchemas) {
    let Some(key) = ["oneOf", "anyOf"]
        .into_iter()
        .find(|k| matches!(m.get(*k), Some(Value::Array(list)) if !list.is_empty()))
    else {
        return;
    };
    let own = OBJECT_KEYS.iter().any(|k| m.contains_key(*k));
    let object_or_untyped = m.get("type").is_none_or(|t| t == "object");
    if !own || !object_or_untyped || m.contains_key("allOf") {
        return;
    }
    // A map beside the union (Adyen's `additionalData`: string values, and an `anyOf` of 16
    // groups of known keys, each all optional) is the map: every member would match any map.
    // `additionalProperties: {}` or `true` says nothing of the values, and is no map.
    let typed_map = m
        .get("additionalProperties")
        .and_then(Value::as_object)
        .is_some_and(|values| !values.is_empty());
    if typed_map && !m.contains_key("properties") {
        m.remove(key);
        m.insert("type".into(), Value::String("object".into()));
        return;
    }
    let names: Vec<String> = m
        .get("properties")
        .and_then(Value::as_object)
        .map(|p| p.keys().cloned().collect())
        .unwrap_or_default();
    let Some(Value::Array(members)) = m.get(key) else {
        return;
    };
    if members.iter().all(|v| constrains(v, &names)) {
        return;
    }
    let covers = |v: &Value| {
        let defined = defines(v, schemas, 0);
        names.iter().all(|n| defined.contains(n))
    };
    if !members.iter().all(covers) {
        return;
    }
    let required: Vec<Value> = match m.get("required") {
        Some(Value::Array(list)) => list.clone(),
        _ => Vec::new(),
    };
    for k in OBJECT_KEYS {
        m.remove(*k);
    }
    if m.get("type").is_some_and(|t| t == "object") {
        m.remove("type");
    }
    let Some(Value::Array(members)) = m.get_mut(key) else {
        return;
    };
    for member in members.iter_mut().filter(|v| v.get("$ref").is_none()) {
        let defined = defines(member, schemas, 0);
        let Value::Object(member) = member else {
            continue;
        };
        let list = member
            .entry("required")
            .or_insert_with(|| Value::Array(Vec::new()));
        if let Value::Array(list) = list {
            for name in &required {
                if name
                    .as_str()
                    .is_some_and(|n| defined.iter().any(|d| d == n))
                    && !list.contains(name)
                {
                    list.push(name.clone());
                }
            }
        }
        if member
            .get("required")
            .is_some_and(|r| r == &Value::Array(Vec::new()))
        {
            member.remove("required");
        }
    }
}

/// Whether a member only constrains the parent: inline, an object at most, and defining no
/// property the parent does not (`{required: [status, conclusion]}`).
fn constrains(v: &Value, names: &[String]) -> bool {
    let Some(m) = v.as_object() else {
        return false;
    };
    m.keys().all(|k| CONSTRAINING.contains(&k.as_str()))
        && m.get("type").is_none_or(|t| t == "object")
        && m.get("properties")
            .and_then(Value::as_object)
            .is_none_or(|p| p.keys().all(|k| names.contains(k)))
}

/// The property names a schema defines, through references and `allOf`.
fn defines(v: &Value, schemas: &ComponentSchemas, depth: usize) -> Vec<String> {
    if depth > MAX_DEPTH {
        return Vec::new();
    }
    if let Some(reference) = v.get("$ref").and_then(Value::as_str) {
        return schemas
            .target(reference)
            .map(|target| defines(target, schemas, depth + 1))
            .unwrap_or_default();
    }
    let mut names: Vec<String> = v
        .get("properties")
        .and_then(Value::as_object)
        .map(|p| p.keys().cloned().collect())
        .unwrap_or_default();
    if let Some(Value::Array(parts)) = v.get("allOf") {
        for part in parts {
            names.extend(defines(part, schemas, depth + 1));
        }
    }
    names
}

#[cfg(test)]
mod tests;
