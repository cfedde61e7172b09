//! Swagger 2.0 -> OpenAPI 3.0, on the parsed JSON value, before anything else sees the document.
//!
//! The conversion follows the standard converter (swagger2openapi) where the mapping is fixed by
//! the two specifications, and records where each moved part came from ([`Origins`]) so that a
//! later diagnostic names the place in the 2.0 file the user wrote, not in the converted document.
//!
//! - `host`, `basePath` and `schemes` become `servers`; with no `schemes` the URL is `https`, not the
//!   protocol-relative `//host` that swagger2openapi writes and no HTTP client can use.
//! - `in: body` becomes `requestBody`, one media type per `consumes` entry.
//! - `in: formData` becomes a form or, with a `type: file` field or a multipart `consumes`, a
//!   `multipart/form-data` body whose file fields are binary strings.
//! - `definitions`, `parameters`, `responses` and `securityDefinitions` become components; every
//!   `$ref` is rewritten to the new place.
//! - `collectionFormat` becomes `style` and `explode`; `x-nullable` becomes `nullable`; a string
//!   `discriminator` becomes `{propertyName}`; `x-example` becomes `example`.

use serde_json::{Map, Value, json};

use super::pointer::{escape, unescape};
use crate::diag::{Diagnostic, Location};

use super::swagger2_components::{rename_components, rewrite_refs, security_scheme};

/// Where the parts of a converted document came from: pairs of (converted path prefix, original
/// path prefix), in the dotted form diagnostics use (`paths./x.get.parameters[1]`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Origins {
    /// Whether the document was converted at all; a 3.0 document keeps an empty record.
    converted: bool,
    moves: Vec<(String, String)>,
}

/// Where 2.0 keeps what 3.0 keeps in components, as JSON-pointer prefixes and dotted paths.
const COMPONENT_HOMES: &[(&str, &str)] = &[
    ("components/schemas", "definitions"),
    ("components/parameters", "parameters"),
    ("components/responses", "responses"),
    ("components/securitySchemes", "securityDefinitions"),
];

impl Origins {
    fn add(&mut self, converted: String, original: String) {
        if converted != original {
            self.moves.push((converted, original));
        }
    }

    /// Makes a diagnostic about the converted document speak of the 2.0 file: its spec path, and
    /// the references and component sections its message names.
    pub fn restore(&self, d: &mut Diagnostic) {
        if !self.converted {
            return;
        }
        if let Location::SpecPath(path) = &mut d.location {
            *path = self.original(path);
        }
        for (converted, original) in COMPONENT_HOMES {
            d.message = d
                .message
                .replace(&format!("#/{converted}/"), &format!("#/{original}/"))
                .replace(&converted.replace('/', "."), original);
        }
    }

    /// The original path of a path in the converted document: the longest recorded prefix that
    /// ends at a segment boundary is replaced.
    pub fn original(&self, path: &str) -> String {
        let at_boundary = |prefix: &str| {
            path.strip_prefix(prefix)
                .is_some_and(|rest| rest.is_empty() || rest.starts_with(['.', '[']))
        };
        match self
            .moves
            .iter()
            .filter(|(converted, _)| at_boundary(converted))
            .max_by_key(|(converted, _)| converted.len())
        {
            Some((converted, original)) => format!("{original}{}", &path[converted.len()..]),
            None => path.to_string(),
        }
    }
}

/// Whether a parsed document is Swagger 2.0.
pub fn is_swagger2(doc: &Value) -> bool {
    doc.get("swagger").is_some_and(|v| match v {
        Value::String(s) => s.starts_with('2'),
        Value::Number(n) => n.as_f64().is_some_and(|f| (2.0..3.0).contains(&f)),
        _ => false,
    })
}

const METHODS: &[&str] = &["get", "put", "post", "delete", "options", "head", "patch"];

/// Converts a Swagger 2.0 document to OpenAPI 3.0.3.
pub fn convert(doc: &Value) -> (Value, Origins) {
    let empty = Map::new();
    let root = doc.as_object().unwrap_or(&empty);
    let mut origins = Origins {
        converted: true,
        moves: Vec::new(),
    };
    let mut out = Map::new();
    out.insert("openapi".into(), json!("3.0.3"));
    for (key, value) in root {
        match key.as_str() {
            "swagger"
            | "host"
            | "basePath"
            | "schemes"
            | "consumes"
            | "produces"
            | "paths"
            | "definitions"
            | "parameters"
            | "responses"
            | "securityDefinitions" => {}
            _ => {
                out.insert(key.clone(), value.clone());
            }
        }
    }
    let servers = servers(root);
    if !servers.is_empty() {
        out.insert("servers".into(), Value::Array(servers));
    }
    let global = Defaults {
        consumes: media_list(root.get("consumes")),
        produces: media_list(root.get("produces")),
        parameters: root.get("parameters").and_then(Value::as_object),
    };

    let mut components = Map::new();
    if let Some(Value::Object(defs)) = root.get("definitions") {
        let schemas: Map<String, Value> = defs
            .iter()
            .map(|(name, s)| (name.clone(), schema(s)))
            .collect();
        components.insert("schemas".into(), Value::Object(schemas));
        origins.add("components.schemas".into(), "definitions".into());
    }
    if let Some(params) = global.parameters {
        // Body and form parameters have no component of their own in 3.0: they are inlined into
        // each operation's request body where they are referenced.
        let converted: Map<String, Value> = params
            .iter()
            .filter(|(_, p)| !is_body_like(p))
            .map(|(name, p)| (name.clone(), parameter(p)))
            .collect();
        if !converted.is_empty() {
            components.insert("parameters".into(), Value::Object(converted));
        }
        origins.add("components.parameters".into(), "parameters".into());
    }
    if let Some(Value::Object(responses)) = root.get("responses") {
        let converted: Map<String, Value> = responses
            .iter()
            .map(|(name, r)| {
                let path = format!("components.responses.{name}");
                let original = format!("responses.{name}");
                (
                    name.clone(),
                    response(r, &global.produces, &path, &original, &mut origins),
                )
            })
            .collect();
        components.insert("responses".into(), Value::Object(converted));
    }
    if let Some(Value::Object(defs)) = root.get("securityDefinitions") {
        let converted: Map<String, Value> = defs
            .iter()
            .map(|(name, s)| (name.clone(), security_scheme(s)))
            .collect();
        components.insert("securitySchemes".into(), Value::Object(converted));
        origins.add(
            "components.securitySchemes".into(),
            "securityDefinitions".into(),
        );
    }

    let mut paths = Map::new();
    if let Some(Value::Object(items)) = root.get("paths") {
        for (route, item) in items {
            let converted = path_item(item, &global, route, &mut origins);
            paths.insert(route.clone(), converted);
        }
    }
    out.insert("paths".into(), Value::Object(paths));
    if !components.is_empty() {
        rename_components(&mut components);
        out.insert("components".into(), Value::Object(components));
    }
    let mut out = Value::Object(out);
    rewrite_refs(&mut out);
    ms_examples(&mut out);
    (out, origins)
}

/// Azure's `x-ms-examples` give each operation's examples as parameter values; each value becomes
/// an entry of that parameter's `examples` (in a component parameter when it is one), as
/// swagger2openapi converts them, so that the generated tests send real values.
fn ms_examples(doc: &mut Value) {
    // (component name or (route, method, index, shared)), parameter name, example name, value
    enum Target {
        Component(String),
        Own(String, String, usize),
        Shared(String, usize),
    }
    let mut edits: Vec<(Target, String, Value)> = Vec::new();
    let Some(Value::Object(paths)) = doc.get("paths") else {
        return;
    };
    for (route, item) in paths {
        let shared = item.get("parameters").and_then(Value::as_array);
        for method in METHODS {
            let Some(op) = item.get(*method) else {
                continue;
            };
            let Some(Value::Object(examples)) = op.get("x-ms-examples") else {
                continue;
            };
            let own = op.get("parameters").and_then(Value::as_array);
            for (name, example) in examples {
                let Some(Value::Object(values)) = example.get("parameters") else {
                    continue;
                };
                for (param, value) in values {
                    let candidates = own
                        .into_iter()
                        .flatten()
                        .enumerate()
                        .map(|(i, p)| (p, Target::Own(route.clone(), (*method).into(), i)))
                        .chain(
                            shared
                                .into_iter()
                                .flatten()
                                .enumerate()
                                .map(|(i, p)| (p, Target::Shared(route.clone(), i))),
                        );
                    for (p, target) in candidates {
                        let (resolved, target) = match p
                            .get("$ref")
                            .and_then(Value::as_str)
                            .and_then(|r| r.strip_prefix("#/components/parameters/"))
                        {
                            Some(component) => (
                                doc.pointer(&format!("/components/parameters/{component}")),
                                Target::Component(component.to_string()),
                            ),
                            None => (Some(p), target),
                        };
                        let Some(resolved) = resolved else { continue };
                        if resolved.get("name").and_then(Value::as_str) == Some(param)
                            && resolved.get("example").is_none()
                        {
                            edits.push((target, name.clone(), value.clone()));
                        }
                    }
                }
            }
        }
    }
    for (target, name, value) in edits {
        let pointer = match target {
            Target::Component(c) => format!("/components/parameters/{c}"),
            Target::Own(route, method, i) => {
                format!("/paths/{}/{method}/parameters/{i}", escape(&route))
            }
            Target::Shared(route, i) => format!("/paths/{}/parameters/{i}", escape(&route)),
        };
        if let Some(Value::Object(param)) = doc.pointer_mut(&pointer) {
            let examples = param
                .entry("examples")
                .or_insert_with(|| Value::Object(Map::new()));
            if let Value::Object(examples) = examples {
                examples
                    .entry(name)
                    .or_insert_with(|| json!({ "value": value }));
            }
        }
    }
}

struct Defaults<'a> {
    consumes: Vec<String>,
    produces: Vec<String>,
    parameters: Option<&'a Map<String, Value>>,
}

fn media_list(v: Option<&Value>) -> Vec<String> {
    match v {
        Some(Value::Array(list)) => list
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_string)
            .collect(),
        _ => Vec::new(),
    }
}

fn servers(root: &Map<String, Value>) -> Vec<Value> {
    let base = root
        .get("basePath")
        .and_then(Value::as_str)
        .unwrap_or("")
        .trim_end_matches('/');
    let Some(host) = root.get("host").and_then(Value::as_str) else {
        // No host: the API is served from wherever the document is, so the server is relative.
        return if base.is_empty() {
            Vec::new()
        } else {
            vec![json!({ "url": base })]
        };
    };
    let schemes = media_list(root.get("schemes"));
    let schemes: Vec<&str> = if schemes.is_empty() {
        vec!["https"]
    } else {
        schemes.iter().map(String::as_str).collect()
    };
    schemes
        .into_iter()
        .map(|scheme| json!({ "url": format!("{scheme}://{host}{base}") }))
        .collect()
}

fn is_body_like(p: &Value) -> bool {
    matches!(
        p.get("in").and_then(Value::as_str),
        Some("body" | "formData")
    )
}

/// Resolves a `#/parameters/X` reference against the document's parameters.
fn resolve_parameter<'a>(p: &'a Value, global: &Defaults<'a>) -> &'a Value {
    p.get("$ref")
        .and_then(Value::as_str)
        .and_then(|r| r.strip_prefix("#/parameters/"))
        .and_then(|name| global.parameters?.get(&unescape(name)))
        .unwrap_or(p)
}

fn path_item(item: &Value, global: &Defaults, route: &str, origins: &mut Origins) -> Value {
    let Some(item) = item.as_object() else {
        return item.clone();
    };
    let empty = Vec::new();
    let shared: &Vec<Value> = match item.get("parameters") {
        Some(Value::Array(list)) => list,
        _ => &empty,
    };
    let mut out = Map::new();
    for (key, value) in item {
        let base = format!("paths.{route}.{key}");
        if key == "parameters" {
            // Body and form parameters of the path item move into each operation's body.
            let mut kept = Vec::new();
            for (i, p) in shared.iter().enumerate() {
                if !is_body_like(resolve_parameter(p, global)) {
                    origins.add(format!("{base}[{}]", kept.len()), format!("{base}[{i}]"));
                    kept.push(parameter(p));
                }
            }
            if !kept.is_empty() {
                out.insert(key.clone(), Value::Array(kept));
            }
        } else if METHODS.contains(&key.as_str()) {
            out.insert(
                key.clone(),
                operation(value, shared, global, &base, origins),
            );
        } else {
            out.insert(key.clone(), value.clone());
        }
    }
    Value::Object(out)
}

fn operation(
    op: &Value,
    shared: &[Value],
    global: &Defaults,
    base: &str,
    origins: &mut Origins,
) -> Value {
    let Some(op) = op.as_object() else {
        return op.clone();
    };
    let consumes = match op.get("consumes") {
        Some(v) => media_list(Some(v)),
        None => global.consumes.clone(),
    };
    let produces = match op.get("produces") {
        Some(v) => media_list(Some(v)),
        None => global.produces.clone(),
    };
    let own: &[Value] = match op.get("parameters") {
        Some(Value::Array(list)) => list,
        _ => &[],
    };
    // The operation's own parameters override the path item's with the same name and location.
    let key_of = |p: &Value| {
        let p = resolve_parameter(p, global);
        (
            p.get("name").and_then(Value::as_str).map(str::to_string),
            p.get("in").and_then(Value::as_str).map(str::to_string),
        )
    };
    let inherited_body: Vec<(usize, &Value)> = shared
        .iter()
        .enumerate()
        .filter(|(_, p)| is_body_like(resolve_parameter(p, global)))
        .filter(|(_, p)| !own.iter().any(|o| key_of(o) == key_of(p)))
        .collect();

    let mut out = Map::new();
    let mut params = Vec::new();
    let mut body: Option<(String, &Value)> = None;
    let mut form: Vec<(String, &Value)> = Vec::new();
    let path_of_item = base.rsplit_once('.').map_or("", |(p, _)| p);
    let sources = own
        .iter()
        .enumerate()
        .map(|(i, p)| (format!("{base}.parameters[{i}]"), p))
        .chain(
            inherited_body
                .into_iter()
                .map(|(i, p)| (format!("{path_of_item}.parameters[{i}]"), p)),
        );
    for (original, p) in sources {
        let resolved = resolve_parameter(p, global);
        match resolved.get("in").and_then(Value::as_str) {
            Some("body") => body = Some((original, resolved)),
            Some("formData") => form.push((original, resolved)),
            _ => {
                origins.add(format!("{base}.parameters[{}]", params.len()), original);
                params.push(parameter(p));
            }
        }
    }
    for (key, value) in op {
        match key.as_str() {
            "consumes" | "produces" | "parameters" | "schemes" => {}
            "responses" => {
                let mut responses = Map::new();
                if let Some(map) = value.as_object() {
                    for (code, r) in map {
                        let path = format!("{base}.responses.{code}");
                        responses
                            .insert(code.clone(), response(r, &produces, &path, &path, origins));
                    }
                }
                out.insert(key.clone(), Value::Object(responses));
            }
            _ => {
                out.insert(key.clone(), value.clone());
            }
        }
    }
    if !params.is_empty() {
        out.insert("parameters".into(), Value::Array(params));
    }
    if let Some((original, p)) = body {
        let content = media_or_default(&consumes, "application/json")
            .into_iter()
            .map(|media| {
                let schema = p.get("schema").map(schema).unwrap_or_else(|| json!({}));
                origins.add(
                    format!("{base}.requestBody.content.{media}.schema"),
                    format!("{original}.schema"),
                );
                (media, json!({ "schema": schema }))
            })
            .collect::<Map<_, _>>();
        origins.add(format!("{base}.requestBody"), original);
        out.insert("requestBody".into(), request_body(p, content));
    } else if !form.is_empty() {
        let has_file = form
            .iter()
            .any(|(_, p)| p.get("type").and_then(Value::as_str) == Some("file"));
        let multipart = has_file || consumes.iter().any(|m| m.starts_with("multipart/"));
        let media = if multipart {
            "multipart/form-data"
        } else {
            "application/x-www-form-urlencoded"
        };
        let mut properties = Map::new();
        let mut required = Vec::new();
        for (original, p) in &form {
            let name = p.get("name").and_then(Value::as_str).unwrap_or_default();
            let mut field = parameter_schema(p);
            if let (Some(d), Value::Object(f)) = (p.get("description"), &mut field) {
                f.insert("description".into(), d.clone());
            }
            origins.add(
                format!("{base}.requestBody.content.{media}.schema.properties.{name}"),
                original.clone(),
            );
            properties.insert(name.to_string(), field);
            if p.get("required") == Some(&Value::Bool(true)) {
                required.push(Value::String(name.to_string()));
            }
        }
        let mut schema = json!({ "type": "object", "properties": properties });
        if !required.is_empty() {
            schema["required"] = Value::Array(required);
        }
        let mut content = Map::new();
        content.insert(media.into(), json!({ "schema": schema }));
        let mut body = json!({ "content": content });
        if form
            .iter()
            .any(|(_, p)| p.get("required") == Some(&Value::Bool(true)))
        {
            body["required"] = Value::Bool(true);
        }
        origins.add(format!("{base}.requestBody"), form[0].0.clone());
        out.insert("requestBody".into(), body);
    }
    Value::Object(out)
}

fn media_or_default(list: &[String], default: &str) -> Vec<String> {
    if list.is_empty() {
        vec![default.to_string()]
    } else {
        list.to_vec()
    }
}

fn request_body(p: &Value, content: Map<String, Value>) -> Value {
    let mut body = Map::new();
    if let Some(d) = p.get("description") {
        body.insert("description".into(), d.clone());
    }
    body.insert("content".into(), Value::Object(content));
    if p.get("required") == Some(&Value::Bool(true)) {
        body.insert("required".into(), Value::Bool(true));
    }
    copy_extensions(p, &mut body);
    Value::Object(body)
}

pub(super) fn copy_extensions(from: &Value, to: &mut Map<String, Value>) {
    if let Some(m) = from.as_object() {
        for (k, v) in m {
            if k.starts_with("x-") && k != "x-nullable" && k != "x-example" {
                to.insert(k.clone(), v.clone());
            }
        }
    }
}

/// Keys a 2.0 non-body parameter shares with a schema.
const SCHEMA_KEYS: &[&str] = &[
    "type",
    "format",
    "items",
    "default",
    "maximum",
    "exclusiveMaximum",
    "minimum",
    "exclusiveMinimum",
    "maxLength",
    "minLength",
    "pattern",
    "maxItems",
    "minItems",
    "uniqueItems",
    "enum",
    "multipleOf",
];

/// The schema a 2.0 non-body parameter (or an items object, or a header) describes inline.
fn parameter_schema(p: &Value) -> Value {
    let mut s = Map::new();
    if let Some(m) = p.as_object() {
        for key in SCHEMA_KEYS {
            if let Some(v) = m.get(*key) {
                s.insert((*key).into(), v.clone());
            }
        }
        if m.get("x-nullable") == Some(&Value::Bool(true)) {
            s.insert("nullable".into(), Value::Bool(true));
        }
    }
    if s.get("type").and_then(Value::as_str) == Some("file") {
        s.insert("type".into(), json!("string"));
        s.insert("format".into(), json!("binary"));
    }
    if let Some(items) = s.get("items").cloned() {
        s.insert("items".into(), parameter_schema(&items));
    }
    Value::Object(s)
}

/// A 2.0 non-body parameter as a 3.0 parameter with a schema.
fn parameter(p: &Value) -> Value {
    let Some(m) = p.as_object() else {
        return p.clone();
    };
    if m.contains_key("$ref") {
        return p.clone();
    }
    let location = m.get("in").and_then(Value::as_str).unwrap_or("query");
    let mut out = Map::new();
    for (k, v) in m {
        match k.as_str() {
            "name" | "in" | "description" | "required" | "deprecated" => {
                out.insert(k.clone(), v.clone());
            }
            "allowEmptyValue" if location == "query" => {
                out.insert(k.clone(), v.clone());
            }
            "x-example" => {
                out.insert("example".into(), v.clone());
            }
            _ if k.starts_with("x-") && k != "x-nullable" => {
                out.insert(k.clone(), v.clone());
            }
            _ => {}
        }
    }
    if location == "path" {
        out.insert("required".into(), Value::Bool(true));
    }
    let schema = parameter_schema(p);
    if schema.get("type").and_then(Value::as_str) == Some("array") {
        let format = m
            .get("collectionFormat")
            .and_then(Value::as_str)
            .unwrap_or("csv");
        let (style, explode) = match (format, location) {
            ("multi", _) => ("form", true),
            ("ssv", "query") => ("spaceDelimited", false),
            ("pipes", "query") => ("pipeDelimited", false),
            (_, "query" | "cookie") => ("form", false),
            _ => ("simple", false),
        };
        out.insert("style".into(), json!(style));
        out.insert("explode".into(), json!(explode));
        if format == "tsv" {
            // 3.0 has no tab-delimited style; the nearest is kept with the original beside it.
            out.insert("x-collectionFormat".into(), json!("tsv"));
        }
    }
    out.insert("schema".into(), schema);
    Value::Object(out)
}

fn response(
    r: &Value,
    produces: &[String],
    path: &str,
    original: &str,
    origins: &mut Origins,
) -> Value {
    let Some(m) = r.as_object() else {
        return r.clone();
    };
    if m.contains_key("$ref") {
        return r.clone();
    }
    let mut out = Map::new();
    out.insert(
        "description".into(),
        m.get("description").cloned().unwrap_or(json!("")),
    );
    let examples = m.get("examples").and_then(Value::as_object);
    if m.get("schema").is_none()
        && let Some(examples) = examples
    {
        // No schema, but examples show a body: keep it, as JSON of any shape.
        let content: Map<String, Value> = examples
            .iter()
            .map(|(media, example)| (media.clone(), json!({ "example": example })))
            .collect();
        out.insert("content".into(), Value::Object(content));
    }
    if let Some(body) = m.get("schema") {
        let content: Map<String, Value> = media_or_default(produces, "application/json")
            .into_iter()
            .map(|media| {
                let mut entry = json!({ "schema": schema(body) });
                if let Some(example) = examples.and_then(|e| e.get(&media)) {
                    entry["example"] = example.clone();
                }
                origins.add(
                    format!("{path}.content.{media}.schema"),
                    format!("{original}.schema"),
                );
                (media, entry)
            })
            .collect();
        out.insert("content".into(), Value::Object(content));
    }
    if let Some(Value::Object(headers)) = m.get("headers") {
        let converted: Map<String, Value> = headers
            .iter()
            .map(|(name, h)| {
                let mut header = Map::new();
                if let Some(d) = h.get("description") {
                    header.insert("description".into(), d.clone());
                }
                header.insert("schema".into(), parameter_schema(h));
                (name.clone(), Value::Object(header))
            })
            .collect();
        out.insert("headers".into(), Value::Object(converted));
    }
    copy_extensions(r, &mut out);
    Value::Object(out)
}

/// A 2.0 schema as a 3.0 schema, recursively.
fn schema(s: &Value) -> Value {
    match s {
        Value::Object(m) => {
            let mut out = Map::new();
            for (k, v) in m {
                match k.as_str() {
                    "x-nullable" => {
                        if v == &Value::Bool(true) {
                            out.insert("nullable".into(), Value::Bool(true));
                        }
                    }
                    "discriminator" if v.is_string() => {
                        out.insert(k.clone(), json!({ "propertyName": v }));
                    }
                    "type" if v.as_str() == Some("file") => {
                        out.insert("type".into(), json!("string"));
                        out.insert("format".into(), json!("binary"));
                    }
                    "properties" | "definitions" => {
                        let map = v.as_object().map(|props| {
                            props
                                .iter()
                                .map(|(name, p)| (name.clone(), schema(p)))
                                .collect::<Map<_, _>>()
                        });
                        out.insert(k.clone(), map.map_or_else(|| v.clone(), Value::Object));
                    }
                    "items" | "additionalProperties" | "not" => {
                        out.insert(k.clone(), schema(v));
                    }
                    "allOf" | "anyOf" | "oneOf" => {
                        let list = v
                            .as_array()
                            .map(|l| l.iter().map(schema).collect::<Vec<_>>());
                        out.insert(k.clone(), list.map_or_else(|| v.clone(), Value::Array));
                    }
                    _ => {
                        out.insert(k.clone(), v.clone());
                    }
                }
            }
            Value::Object(out)
        }
        other => other.clone(),
    }
}
