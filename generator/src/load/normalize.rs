//! Smooths a standard document into what the openapiv3 model can hold, without losing meaning.
//!
//! - `const: X` becomes a one-value `enum` (openapiv3 drops `const`; a one-value enum survives and
//!   lowers to a const type).
//! - `[T, null]` alternatives, `type: [T, 'null']` and `anyOf`/`oneOf` with a `null` member become
//!   `nullable: true`.
//! - A single-member inline `allOf` is merged into its parent, and an `allOf` member that only
//!   annotates (`description`, `nullable`) moves its keys to the parent.
//! - An operation's callback given as a `$ref` becomes a copy of the component.
//! - A `$ref` with siblings (description, nullable, default) becomes `allOf: [$ref]` plus the
//!   siblings, which openapiv3 would otherwise drop.
//! - A string `default` that breaks its own schema's length or enum limits (a published page has
//!   `default: ''` beside `minLength: 1`) moves to `x-invalid-default`, kept but out of the way of
//!   validators and of mock servers that would answer with it.
//! - 3.1 spellings (`examples` lists, numeric `exclusiveMinimum`, `type: any`) get 3.0 forms.

use serde_json::{Map, Value};

pub fn normalize_document(doc: &mut Value) {
    let Some(root) = doc.as_object_mut() else {
        return;
    };
    // 3.1 and later documents may leave out `info.version`, which openapiv3 requires.
    if let Value::Object(info) = root
        .entry("info")
        .or_insert_with(|| Value::Object(Map::new()))
    {
        info.entry("version")
            .or_insert_with(|| Value::String(String::new()));
        info.entry("title")
            .or_insert_with(|| Value::String(String::new()));
    }
    let callbacks = root
        .get("components")
        .and_then(|c| c.get("callbacks"))
        .cloned();
    if let Some(Value::Object(paths)) = root.get_mut("paths") {
        templated_queries(paths);
        for (_, item) in paths.iter_mut() {
            let Some(item) = item.as_object_mut() else {
                continue;
            };
            if let Some(Value::Array(params)) = item.get_mut("parameters") {
                params.iter_mut().for_each(parameter);
            }
            for (_, op) in item.iter_mut() {
                let Some(op) = op.as_object_mut() else {
                    continue;
                };
                if let Some(Value::Array(params)) = op.get_mut("parameters") {
                    params.iter_mut().for_each(parameter);
                }
                if let Some(body) = op.get_mut("requestBody") {
                    content_holder(body);
                }
                if let Some(Value::Object(own)) = op.get_mut("callbacks") {
                    callback_refs(own, callbacks.as_ref());
                }
                if let Some(Value::Object(responses)) = op.get_mut("responses") {
                    responses.iter_mut().for_each(|(_, r)| response(r));
                }
            }
        }
    }
    if let Some(Value::Object(components)) = root.get_mut("components") {
        if let Some(Value::Object(schemas)) = components.get_mut("schemas") {
            schemas.iter_mut().for_each(|(_, s)| schema(s));
        }
        if let Some(Value::Object(params)) = components.get_mut("parameters") {
            params.iter_mut().for_each(|(_, p)| parameter(p));
        }
        if let Some(Value::Object(bodies)) = components.get_mut("requestBodies") {
            bodies.iter_mut().for_each(|(_, b)| content_holder(b));
        }
        if let Some(Value::Object(responses)) = components.get_mut("responses") {
            responses.iter_mut().for_each(|(_, r)| response(r));
        }
    }
}

/// An operation's callback given as a reference (`{$ref: '#/components/callbacks/X'}`), which the
/// openapiv3 model cannot hold there, becomes a copy of the component. The client never serves a
/// callback, so one whose reference leads nowhere is left out rather than failing the document.
fn callback_refs(own: &mut Map<String, Value>, components: Option<&Value>) {
    own.retain(|_, callback| {
        let Some(Value::String(r)) = callback.get("$ref") else {
            return true;
        };
        let target = r
            .strip_prefix("#/components/callbacks/")
            .and_then(|name| components?.get(name))
            .filter(|t| t.is_object() && t.get("$ref").is_none());
        match target {
            Some(t) => {
                *callback = t.clone();
                true
            }
            None => false,
        }
    });
}

/// Some documents template the query in the path key (`/rides?page={page}`) and declare those
/// parameters `in: path`. They are query parameters: the key keeps its fixed pairs only, and the
/// templated ones move to the query (a key that would then clash with another stays as it is, its
/// parameters moved all the same).
fn templated_queries(paths: &mut Map<String, Value>) {
    let keys: Vec<String> = paths
        .keys()
        .filter(|k| k.split_once('?').is_some_and(|(_, q)| q.contains('{')))
        .cloned()
        .collect();
    for key in keys {
        let Some((route, query)) = key.split_once('?') else {
            continue;
        };
        let mut fixed = Vec::new();
        let mut templated = Vec::new();
        for pair in query.split('&') {
            match pair.split_once('=') {
                Some((_, v)) if v.starts_with('{') && v.ends_with('}') => {
                    templated.push(v[1..v.len() - 1].to_string())
                }
                _ => fixed.push(pair),
            }
        }
        let new_key = if fixed.is_empty() {
            route.to_string()
        } else {
            format!("{route}?{}", fixed.join("&"))
        };
        // Several keys of one route that differ only in their templated queries (Weatherbit's
        // `?city_id={city_id}`, `?lat={lat}&lon={lon}`) keep their keys; the later stages read
        // no fixed pair from a templated one.
        let new_key = if paths.contains_key(&new_key) {
            key.clone()
        } else {
            new_key
        };
        let Some(mut item) = paths.shift_remove(&key) else {
            continue;
        };
        let move_to_query = |list: &mut Value| {
            for p in list.as_array_mut().into_iter().flatten() {
                let named = p
                    .get("name")
                    .and_then(Value::as_str)
                    .is_some_and(|n| templated.iter().any(|t| t == n));
                if named && p.get("in").and_then(Value::as_str) == Some("path") {
                    p["in"] = Value::String("query".into());
                }
            }
        };
        if let Some(item) = item.as_object_mut() {
            for (k, v) in item.iter_mut() {
                if k == "parameters" {
                    move_to_query(v);
                } else if let Some(params) = v.get_mut("parameters") {
                    move_to_query(params);
                }
            }
        }
        paths.insert(new_key, item);
    }
}

fn parameter(p: &mut Value) {
    if let Some(s) = p.get_mut("schema") {
        schema(s);
    }
    // openapiv3 reads `allowReserved` on queries only; on a path it says the value is a path
    // (see lower/operations/reserved_paths.rs), so it is kept where the model keeps extensions.
    if let Some(m) = p.as_object_mut()
        && m.get("in").and_then(Value::as_str) == Some("path")
        && let Some(flag) = m.remove("allowReserved")
    {
        m.insert(RESERVED_PATH.into(), flag);
    }
    if let Some(Value::Object(m)) = p
        .as_object_mut()
        .map(|o| o.get_mut("content"))
        .unwrap_or(None)
    {
        m.iter_mut().for_each(|(_, media)| media_type(media));
    }
}

/// Where a path parameter's `allowReserved` is kept.
pub const RESERVED_PATH: &str = "x-allow-reserved";

fn response(r: &mut Value) {
    content_holder(r);
    if let Some(Value::Object(headers)) = r.get_mut("headers") {
        headers.iter_mut().for_each(|(_, h)| parameter(h));
    }
}

fn content_holder(holder: &mut Value) {
    if let Some(Value::Object(content)) = holder.get_mut("content") {
        content.iter_mut().for_each(|(_, media)| media_type(media));
    }
}

fn media_type(media: &mut Value) {
    if let Some(s) = media.get_mut("schema") {
        schema(s);
    }
}

/// `{type: 'null'}`, before or after normalization turned it into `{nullable: true}`.
fn is_null_schema(v: &Value) -> bool {
    if v.get("type").and_then(Value::as_str) == Some("null") {
        return true;
    }
    let Some(m) = v.as_object() else { return false };
    const SHAPE: &[&str] = &[
        "type",
        "$ref",
        "properties",
        "items",
        "allOf",
        "anyOf",
        "oneOf",
        "enum",
        "additionalProperties",
    ];
    m.get("nullable") == Some(&Value::Bool(true)) && !SHAPE.iter().any(|k| m.contains_key(*k))
}

/// Marks a schema nullable, keeping a `$ref` intact.
pub fn make_nullable(schema: Value) -> Value {
    match schema {
        Value::Object(mut m) => {
            if m.contains_key("$ref") {
                let mut out = Map::new();
                out.insert("allOf".into(), Value::Array(vec![Value::Object(m)]));
                out.insert("nullable".into(), Value::Bool(true));
                Value::Object(out)
            } else {
                m.insert("nullable".into(), Value::Bool(true));
                Value::Object(m)
            }
        }
        other => other,
    }
}

/// A boolean schema (3.1): `true` takes anything, `false` nothing.
fn boolean_schema(s: &mut Value) {
    if let Value::Bool(b) = *s {
        *s = if b {
            Value::Object(Map::new())
        } else {
            serde_json::json!({ "not": {} })
        };
    }
}

/// Appends a note to a schema's description, for what the Rust type cannot say.
pub(super) fn note(m: &mut Map<String, Value>, text: &str) {
    let description = match m.get("description").and_then(Value::as_str) {
        Some(d) if !d.trim().is_empty() => format!("{}\n\n{text}", d.trim_end()),
        _ => text.to_string(),
    };
    m.insert("description".into(), Value::String(description));
}

/// 3.1 forms the openapiv3 model has no place for, turned into the closest 3.0 form that decodes
/// every valid value: `prefixItems` (a tuple) becomes a list of any of its item types, and a
/// `type` list of several types becomes `anyOf` one schema per type.
fn json_schema_2020(m: &mut Map<String, Value>) {
    if let Some(Value::Array(prefix)) = m.remove("prefixItems") {
        let closed = matches!(m.get("items"), Some(Value::Object(o)) if o.get("not").is_some_and(|n| n.as_object().is_some_and(Map::is_empty)));
        let mut members: Vec<Value> = Vec::new();
        for p in prefix.iter().chain(m.get("items").filter(|_| !closed)) {
            if !members.contains(p) {
                members.push(p.clone());
            }
        }
        if closed {
            m.insert("maxItems".into(), Value::from(prefix.len()));
        }
        let items = match members.len() {
            0 => Value::Object(Map::new()),
            1 => members.swap_remove(0),
            _ => serde_json::json!({ "anyOf": members }),
        };
        m.insert("items".into(), items);
        m.entry("type")
            .or_insert_with(|| Value::String("array".into()));
        note(
            m,
            "The items have fixed positions (`prefixItems`); this list takes any of their types.",
        );
    }
    if let Some(Value::Array(types)) = m.get("type") {
        let real: Vec<Value> = types
            .iter()
            .filter(|t| t.as_str() != Some("null"))
            .cloned()
            .collect();
        if real.len() > 1 && !m.contains_key("anyOf") && !m.contains_key("oneOf") {
            let nullable = real.len() < types.len();
            m.remove("type");
            let members: Vec<Value> = real
                .into_iter()
                .map(|t| serde_json::json!({ "type": t }))
                .collect();
            m.insert("anyOf".into(), Value::Array(members));
            if nullable {
                m.insert("nullable".into(), Value::Bool(true));
            }
        }
    }
}

/// Normalizes one schema and, recursively, all of its subschemas.
pub fn schema(s: &mut Value) {
    boolean_schema(s);
    let Value::Object(m) = s else { return };
    for key in ["items", "not"] {
        if let Some(child) = m.get_mut(key) {
            boolean_schema(child);
        }
    }
    json_schema_2020(m);
    super::array_members::items_from_properties(m);
    super::array_members::items_from_enum(m);
    super::array_members::object_with_items(m);
    super::scalar_members::scalar_over_members(m);
    super::map_members::typeless_map(m);
    super::numeric_enum::numeric_enum(m);
    // Children first, so merges below see normalized members.
    if let Some(Value::Object(props)) = m.get_mut("properties") {
        let mut lifted = Vec::new();
        for (name, p) in props.iter_mut() {
            // Some pages mark a property required on the property itself. A list there is the
            // property's own object's required members, and stays.
            if let Some(o) = p.as_object_mut()
                && let Some(Value::Bool(flag)) = o.get("required")
            {
                if *flag {
                    lifted.push(Value::String(name.clone()));
                }
                o.remove("required");
            }
            schema(p);
        }
        if !lifted.is_empty() {
            let required = m.entry("required").or_insert_with(|| Value::Array(vec![]));
            if let Value::Array(list) = required {
                for name in lifted {
                    if !list.contains(&name) {
                        list.push(name);
                    }
                }
            }
        }
    }
    for key in ["items", "additionalProperties", "not"] {
        if let Some(child @ Value::Object(_)) = m.get_mut(key) {
            schema(child);
        }
    }
    for key in ["allOf", "anyOf", "oneOf"] {
        if let Some(Value::Array(members)) = m.get_mut(key) {
            members.iter_mut().for_each(schema);
        }
    }

    if let Some(Value::Bool(_)) = m.get("required") {
        m.remove("required");
    }
    if let Some(c) = m.remove("const")
        && !m.contains_key("enum")
    {
        m.insert("enum".into(), Value::Array(vec![c]));
    }
    if let Some(Value::Array(_)) = m.get("examples")
        && let Some(Value::Array(mut ex)) = m.remove("examples")
        && !ex.is_empty()
        && !m.contains_key("example")
    {
        m.insert("example".into(), ex.swap_remove(0));
    }
    match m.get("type") {
        Some(Value::Array(types)) => {
            let mut types: Vec<Value> = types.clone();
            let had_null = types.iter().any(|t| t.as_str() == Some("null"));
            types.retain(|t| t.as_str() != Some("null"));
            m.remove("type");
            if types.len() == 1 {
                m.insert("type".into(), types.swap_remove(0));
            }
            if had_null {
                m.insert("nullable".into(), Value::Bool(true));
            }
        }
        // Mintlify writes an enum's type as `enum<string>`; standard documents say `string`.
        Some(Value::String(t))
            if t.strip_prefix("enum<")
                .is_some_and(|rest| rest.ends_with('>')) =>
        {
            let inner = t["enum<".len()..t.len() - 1].to_string();
            m.insert("type".into(), Value::String(inner));
        }
        Some(Value::String(t)) if t == "any" || t == "null" => {
            if t == "null" {
                m.insert("nullable".into(), Value::Bool(true));
            }
            m.remove("type");
        }
        _ => {}
    }
    for (key, bound) in [
        ("exclusiveMinimum", "minimum"),
        ("exclusiveMaximum", "maximum"),
    ] {
        if let Some(Value::Number(n)) = m.get(key).cloned() {
            m.insert(bound.into(), Value::Number(n));
            m.insert(key.into(), Value::Bool(true));
        }
    }

    // `anyOf`/`oneOf` with a null member.
    for key in ["anyOf", "oneOf"] {
        let Some(Value::Array(members)) = m.get_mut(key) else {
            continue;
        };
        if !members.iter().any(is_null_schema) {
            continue;
        }
        members.retain(|v| !is_null_schema(v));
        m.insert("nullable".into(), Value::Bool(true));
        let Some(Value::Array(members)) = m.get(key) else {
            continue;
        };
        if members.len() == 1 {
            let Some(Value::Array(mut members)) = m.remove(key) else {
                continue;
            };
            m.insert("allOf".into(), Value::Array(vec![members.swap_remove(0)]));
        }
    }

    // `$ref` with siblings: openapiv3 keeps only the reference. The reference states the type: a
    // scalar `type` beside it (britbox's `{$ref: <object>, type: string}`) is dropped, as 3.0
    // ignores siblings, or openapiv3 would read the `type` and drop the reference. `type: object`
    // with members of its own extends the reference, as below.
    if m.contains_key("$ref") && m.len() > 1 {
        let reference = m.remove("$ref").unwrap_or_default();
        if m.get("type").is_some_and(|t| t != "object") {
            m.remove("type");
        }
        let mut r = Map::new();
        r.insert("$ref".into(), reference);
        m.insert("allOf".into(), Value::Array(vec![Value::Object(r)]));
    }

    // `type: object` beside a composition: the openapiv3 model reads the `type` and drops the
    // composition, leaving an empty map. The composition carries the shape.
    let composed = ["allOf", "anyOf", "oneOf"]
        .iter()
        .any(|k| matches!(m.get(*k), Some(Value::Array(list)) if !list.is_empty()));
    let typed_object = m.get("type").and_then(Value::as_str) == Some("object");
    if composed && typed_object {
        m.remove("type");
    }
    // Own members of an `allOf` parent become one more member, typed or not: untyped, the model
    // reads the parent as neither an object nor a composition, and one side was lost (Azure's
    // `{allOf: [$ref: CatalogItemList], properties: {value}}` lost `nextLink`: 911 schemas in 110
    // APIs.guru documents). A lone inline member is merged with its parent below instead.
    let lone_inline = matches!(m.get("allOf"), Some(Value::Array(list))
        if list.len() == 1 && list[0].is_object() && list[0].get("$ref").is_none());
    if matches!(m.get("allOf"), Some(Value::Array(list)) if !list.is_empty())
        && !m.contains_key("type")
        && (typed_object || !lone_inline)
    {
        let mut own = Map::new();
        for key in ["properties", "required", "additionalProperties"] {
            if let Some(v) = m.remove(key) {
                own.insert(key.into(), v);
            }
        }
        if !own.is_empty() {
            own.insert("type".into(), Value::String("object".into()));
            if let Some(Value::Array(members)) = m.get_mut("allOf") {
                members.push(Value::Object(own));
            }
        }
    }

    hoist_annotations(m);

    // A single inline `allOf` member merges into the parent; the parent's own keys win. Both
    // describe one object, so their `properties` join and their `required` lists add up (Azure's
    // resources put `id`, `location` and `tags` in the member and their own in the parent: 1,162
    // such schemas in 251 APIs.guru documents lost the member's).
    if let Some(Value::Array(members)) = m.get("allOf")
        && members.len() == 1
        && members[0].get("$ref").is_none()
        && members[0].is_object()
    {
        let Some(Value::Array(mut members)) = m.remove("allOf") else {
            return;
        };
        let Value::Object(mut merged) = members.swap_remove(0) else {
            return;
        };
        for (k, v) in std::mem::take(m) {
            if k == "nullable" && v == Value::Bool(false) && merged.contains_key("nullable") {
                continue;
            }
            match (k.as_str(), merged.get_mut(&k), v) {
                ("properties", Some(Value::Object(theirs)), Value::Object(own)) => {
                    theirs.extend(own);
                }
                ("required", Some(Value::Array(theirs)), Value::Array(own)) => {
                    for name in own {
                        if !theirs.contains(&name) {
                            theirs.push(name);
                        }
                    }
                }
                (_, _, v) => {
                    merged.insert(k, v);
                }
            }
        }
        *m = merged;
    }

    if let Some(Value::String(default)) = m.get("default")
        && !string_fits(m, default)
        && let Some(default) = m.remove("default")
    {
        m.insert("x-invalid-default".into(), default);
    }
}

/// Keys that describe a schema without constraining its shape.
/// `xml` names an element for XML bodies alone (every AWS document puts one beside each
/// reference), which this client neither sends nor reads.
const ANNOTATIONS: [&str; 12] = [
    "description",
    "title",
    "xml",
    "example",
    "examples",
    "default",
    "deprecated",
    "readOnly",
    "writeOnly",
    "nullable",
    "externalDocs",
    "$comment",
];

/// `allOf: [{$ref: X}, {description: ...}]` is how 3.0 documents (every AWS one among them)
/// document a reference. A member that only annotates adds no shape: its keys move to the parent,
/// whose own keys win, so the reference stays a reference, recursion included, and the text
/// documents the field. A member that also constrains (`maxLength`) stays, and its text still
/// documents the field when the parent has none.
fn hoist_annotations(m: &mut Map<String, Value>) {
    let annotates = |member: &Value| {
        member.as_object().is_some_and(|o| {
            o.keys()
                .all(|k| ANNOTATIONS.contains(&k.as_str()) || k.starts_with("x-"))
        })
    };
    let Some(Value::Array(members)) = m.get_mut("allOf") else {
        return;
    };
    let mut hoisted: Vec<(String, Value)> = Vec::new();
    members.retain(|member| {
        let only_annotates = annotates(member);
        if only_annotates && let Value::Object(o) = member {
            hoisted.extend(o.iter().map(|(k, v)| (k.clone(), v.clone())));
        }
        !only_annotates
    });
    for member in members.iter().filter_map(Value::as_object) {
        if member.contains_key("$ref") {
            continue;
        }
        for key in ["description", "title"] {
            if let Some(text) = member.get(key) {
                hoisted.push((key.to_string(), text.clone()));
            }
        }
    }
    if members.is_empty() {
        m.remove("allOf");
    }
    for (k, v) in hoisted {
        m.entry(k).or_insert(v);
    }
}

/// Whether a string value meets the length and enum limits written on the schema itself.
fn string_fits(m: &Map<String, Value>, value: &str) -> bool {
    let chars = value.chars().count() as u64;
    let limit = |key: &str| m.get(key).and_then(Value::as_u64);
    limit("minLength").is_none_or(|min| chars >= min)
        && limit("maxLength").is_none_or(|max| chars <= max)
        && match m.get("enum") {
            Some(Value::Array(allowed)) => allowed.iter().any(|a| a.as_str() == Some(value)),
            _ => true,
        }
}

#[cfg(test)]
mod tests;
