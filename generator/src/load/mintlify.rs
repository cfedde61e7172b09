//! Mintlify per-endpoint pages: one fenced ```` ```yaml METHOD PATH ```` block holding
//! `paths: {path, method, request, response}` plus `components`, rewritten here into a standard
//! OpenAPI 3.0 document so that pages and standard documents share one lowering.

use std::path::Path;

use serde_json::{Map, Value, json};

use crate::diag::Diagnostic;
use crate::ir::HttpMethod;

/// The fenced block of a page.
#[derive(Debug, Clone, PartialEq)]
pub struct Fence<'a> {
    pub method: HttpMethod,
    pub path: &'a str,
    /// The spec URL some vendors put before the method.
    pub spec_url: Option<&'a str>,
    pub body: &'a str,
    /// Lines of the file before the body; also the fence line's own number.
    pub line_offset: usize,
}

pub fn find_fence<'a>(file: &Path, text: &'a str) -> Result<Fence<'a>, Diagnostic> {
    let mut offset = 0;
    let mut lines = text.split_inclusive('\n').enumerate();
    while let Some((index, line)) = lines.next() {
        offset += line.len();
        let trimmed = line.trim_end();
        let ticks = trimmed.len() - trimmed.trim_start_matches('`').len();
        if ticks < 3 {
            continue;
        }
        let info = &trimmed[ticks..];
        let mut words = info.split_whitespace();
        if words.next() != Some("yaml") {
            continue;
        }
        let words: Vec<&str> = words.collect();
        if words.len() < 2 {
            continue;
        }
        let line_no = index + 1;
        let (method_word, path) = (words[words.len() - 2], words[words.len() - 1]);
        let spec_url = if words.len() > 2 {
            Some(words[0])
        } else {
            None
        };
        let method = HttpMethod::parse(method_word).ok_or_else(|| {
            Diagnostic::at_line(
                file,
                line_no,
                ticks + 6,
                format!("unknown HTTP method `{method_word}` in the fence line"),
            )
        })?;
        if !path.starts_with('/') {
            return Err(Diagnostic::at_line(
                file,
                line_no,
                1,
                format!("fence path `{path}` does not start with `/`"),
            ));
        }
        let start = offset;
        let closing = "`".repeat(ticks);
        let mut end = text.len();
        let mut pos = start;
        let mut closed = false;
        for (_, l) in lines.by_ref() {
            if l.trim_end() == closing {
                end = pos;
                closed = true;
                break;
            }
            pos += l.len();
        }
        if !closed {
            return Err(Diagnostic::at_line(
                file,
                line_no,
                1,
                format!("the {closing}yaml fence opened here is never closed"),
            ));
        }
        return Ok(Fence {
            method,
            path,
            spec_url,
            body: &text[start..end],
            line_offset: line_no,
        });
    }
    Err(Diagnostic::in_file(
        file,
        "no ```yaml METHOD PATH fence found; a Mintlify endpoint page holds one fenced yaml block such as ```yaml post /v1/items",
    ))
}

/// The page's `# Title`, used as the operation summary.
fn page_title(text: &str) -> Option<String> {
    text.lines()
        .find_map(|l| l.strip_prefix("# ").map(|t| t.trim().to_string()))
        .filter(|t| !t.is_empty())
}

pub fn page_to_openapi(file: &Path, text: &str) -> Result<Value, Diagnostic> {
    let fence = find_fence(file, text)?;
    let page = super::parse_yaml(file, fence.body, fence.line_offset)?;
    let Value::Object(mut page) = page else {
        return Err(Diagnostic::at_line(
            file,
            fence.line_offset + 1,
            1,
            "the fenced block is not a YAML mapping",
        ));
    };
    // The newer page shape holds a trimmed standard document.
    if page.contains_key("openapi") {
        return Ok(Value::Object(page));
    }
    let ctx = Ctx { file };
    let paths = match page.remove("paths") {
        Some(Value::Object(p)) => p,
        Some(_) => {
            return Err(ctx.err(
                "paths",
                "expected a mapping with `path`, `method`, `request` and `response`",
            ));
        }
        None => return Err(ctx.err("paths", "missing; the page block must have `paths`")),
    };
    let path = ctx.string(&paths, "paths", "path")?;
    let method_text = ctx.string(&paths, "paths", "method")?;
    let method = HttpMethod::parse(&method_text).ok_or_else(|| {
        ctx.err(
            "paths.method",
            format!("unknown HTTP method `{method_text}`"),
        )
    })?;
    if path != fence.path || method != fence.method {
        return Err(ctx.err(
            "paths",
            format!(
                "`{} {path}` does not match the fence line `{} {}`",
                method.as_str(),
                fence.method.as_str(),
                fence.path
            ),
        ));
    }

    let mut components = match page.remove("components") {
        None | Some(Value::Null) => Map::new(),
        Some(Value::Object(c)) => c,
        Some(_) => return Err(ctx.err("components", "expected a mapping")),
    };
    let mut schemas = match components.remove("schemas") {
        None | Some(Value::Null) => Map::new(),
        Some(Value::Object(s)) => s,
        Some(_) => return Err(ctx.err("components.schemas", "expected a mapping")),
    };

    let mut op = Map::new();
    if let Some(title) = page_title(text) {
        op.insert("summary".into(), Value::String(title));
    }
    let request = ctx.object_or_empty(&paths, "paths", "request")?;
    op.insert(
        "parameters".into(),
        Value::Array(ctx.parameters(&request, &mut schemas)?),
    );
    if let Some(body) = ctx.request_body(&request, &mut schemas)? {
        op.insert("requestBody".into(), body);
    }
    if let Some(samples) = request.get("codeSamples") {
        op.insert("x-codeSamples".into(), samples.clone());
    }
    op.insert("responses".into(), ctx.responses(&paths, &mut schemas)?);
    match paths.get("deprecated") {
        None | Some(Value::Null) => {}
        Some(Value::Bool(b)) => {
            op.insert("deprecated".into(), Value::Bool(*b));
        }
        Some(_) => return Err(ctx.err("paths.deprecated", "expected true or false")),
    }

    let servers = match paths.get("servers") {
        None | Some(Value::Null) => Value::Array(vec![]),
        Some(s @ Value::Array(_)) => s.clone(),
        Some(_) => return Err(ctx.err("paths.servers", "expected a list of `{url}`")),
    };
    components.insert("schemas".into(), Value::Object(schemas));
    let mut path_item = Map::new();
    path_item.insert(method.as_str().to_ascii_lowercase(), Value::Object(op));
    let mut paths_out = Map::new();
    paths_out.insert(path, Value::Object(path_item));
    Ok(json!({
        "openapi": "3.0.3",
        "info": { "title": page_title(text).unwrap_or_default(), "version": "" },
        "servers": servers,
        "paths": paths_out,
        "components": components,
    }))
}

struct Ctx<'a> {
    file: &'a Path,
}

impl Ctx<'_> {
    fn err(&self, at: &str, message: impl Into<String>) -> Diagnostic {
        Diagnostic::at_path(self.file, at, message)
    }

    fn string(&self, map: &Map<String, Value>, at: &str, key: &str) -> Result<String, Diagnostic> {
        match map.get(key) {
            Some(Value::String(s)) => Ok(s.clone()),
            Some(other) => Err(self.err(
                &format!("{at}.{key}"),
                format!("expected a string, found {}", kind(other)),
            )),
            None => Err(self.err(&format!("{at}.{key}"), "missing")),
        }
    }

    fn object_or_empty(
        &self,
        map: &Map<String, Value>,
        at: &str,
        key: &str,
    ) -> Result<Map<String, Value>, Diagnostic> {
        match map.get(key) {
            None | Some(Value::Null) => Ok(Map::new()),
            Some(Value::Object(o)) => Ok(o.clone()),
            Some(other) => Err(self.err(
                &format!("{at}.{key}"),
                format!("expected a mapping, found {}", kind(other)),
            )),
        }
    }

    fn parameters(
        &self,
        request: &Map<String, Value>,
        schemas: &mut Map<String, Value>,
    ) -> Result<Vec<Value>, Diagnostic> {
        let params = self.object_or_empty(request, "paths.request", "parameters")?;
        let mut out = Vec::new();
        for location in ["path", "query", "header", "cookie"] {
            let at = format!("paths.request.parameters.{location}");
            let group = self.object_or_empty(&params, "paths.request.parameters", location)?;
            for (name, param) in group {
                let at = format!("{at}.{name}");
                let Value::Object(param) = param else {
                    return Err(self.err(
                        &at,
                        format!("expected a mapping with `schema`, found {}", kind(&param)),
                    ));
                };
                let alternatives = match param.get("schema") {
                    Some(Value::Array(a)) => a.clone(),
                    Some(v @ Value::Object(_)) => vec![v.clone()],
                    Some(other) => {
                        return Err(self.err(
                            &format!("{at}.schema"),
                            format!("expected a list of schemas, found {}", kind(other)),
                        ));
                    }
                    None => return Err(self.err(&format!("{at}.schema"), "missing")),
                };
                let (schema, required, docs) =
                    self.alternatives(&format!("{at}.schema"), alternatives, schemas)?;
                let mut p = Map::new();
                p.insert("name".into(), Value::String(name));
                p.insert("in".into(), Value::String(location.into()));
                p.insert(
                    "required".into(),
                    Value::Bool(required || location == "path"),
                );
                if let Some(d) = docs {
                    p.insert("description".into(), Value::String(d));
                }
                p.insert("schema".into(), schema);
                out.push(Value::Object(p));
            }
        }
        Ok(out)
    }

    fn request_body(
        &self,
        request: &Map<String, Value>,
        schemas: &mut Map<String, Value>,
    ) -> Result<Option<Value>, Diagnostic> {
        let body = self.object_or_empty(request, "paths.request", "body")?;
        if body.is_empty() {
            return Ok(None);
        }
        let mut content = Map::new();
        let mut any_required = false;
        for (media, entry) in body {
            let at = format!("paths.request.body.{media}");
            let (schema, required, examples) = self.media(&at, entry, schemas)?;
            any_required |= required;
            content.insert(media, media_object(schema, examples));
        }
        Ok(Some(
            json!({ "required": any_required, "content": content }),
        ))
    }

    fn responses(
        &self,
        paths: &Map<String, Value>,
        schemas: &mut Map<String, Value>,
    ) -> Result<Value, Diagnostic> {
        let responses = self.object_or_empty(paths, "paths", "response")?;
        let mut out = Map::new();
        for (status, by_media) in responses {
            let at = format!("paths.response.{status}");
            let Value::Object(by_media) = by_media else {
                return Err(self.err(
                    &at,
                    format!(
                        "expected a mapping of media types, found {}",
                        kind(&by_media)
                    ),
                ));
            };
            let mut content = Map::new();
            let mut description = None;
            for (media, entry) in by_media {
                if let Value::Object(e) = &entry
                    && let Some(Value::String(d)) = e.get("description")
                {
                    description.get_or_insert_with(|| d.clone());
                }
                // Mintlify's stand-in for "no body", e.g. on a 204.
                if media.starts_with("_mintlify/") {
                    continue;
                }
                let (schema, _, examples) = self.media(&format!("{at}.{media}"), entry, schemas)?;
                content.insert(media, media_object(schema, examples));
            }
            let mut r = Map::new();
            r.insert(
                "description".into(),
                Value::String(description.unwrap_or_default()),
            );
            if !content.is_empty() {
                r.insert("content".into(), Value::Object(content));
            }
            out.insert(status, Value::Object(r));
        }
        Ok(Value::Object(out))
    }

    /// One media entry: `{schemaArray: [...], examples}`.
    fn media(
        &self,
        at: &str,
        entry: Value,
        schemas: &mut Map<String, Value>,
    ) -> Result<(Value, bool, Option<Value>), Diagnostic> {
        let Value::Object(entry) = entry else {
            return Err(self.err(
                at,
                format!(
                    "expected a mapping with `schemaArray`, found {}",
                    kind(&entry)
                ),
            ));
        };
        let alternatives = match entry.get("schemaArray").or_else(|| entry.get("schema")) {
            Some(Value::Array(a)) => a.clone(),
            Some(v @ Value::Object(_)) => vec![v.clone()],
            Some(other) => {
                return Err(self.err(
                    &format!("{at}.schemaArray"),
                    format!("expected a list of schemas, found {}", kind(other)),
                ));
            }
            None => return Err(self.err(&format!("{at}.schemaArray"), "missing")),
        };
        let (schema, required, _) =
            self.alternatives(&format!("{at}.schemaArray"), alternatives, schemas)?;
        let examples = entry
            .get("examples")
            .filter(|e| e.as_object().is_some_and(|m| !m.is_empty()))
            .cloned();
        Ok((schema, required, examples))
    }

    /// A list of alternative schemas, where `[T, {type: 'null'}]` means nullable. Returns the schema,
    /// whether any item said `required: true`, and the first description (for parameters).
    fn alternatives(
        &self,
        at: &str,
        items: Vec<Value>,
        schemas: &mut Map<String, Value>,
    ) -> Result<(Value, bool, Option<String>), Diagnostic> {
        if items.is_empty() {
            return Err(self.err(at, "empty list of schemas"));
        }
        let mut required = false;
        let mut docs = None;
        let mut kept = Vec::new();
        let mut nullable = false;
        for (i, item) in items.into_iter().enumerate() {
            let Value::Object(mut item) = item else {
                return Err(self.err(
                    &format!("{at}[{i}]"),
                    format!("expected a schema mapping, found {}", kind(&item)),
                ));
            };
            match item.remove("required") {
                Some(Value::Bool(b)) => required |= b,
                Some(Value::Array(list)) => {
                    item.insert("required".into(), Value::Array(list));
                }
                None | Some(Value::Null) => {}
                Some(other) => {
                    return Err(self.err(
                        &format!("{at}[{i}].required"),
                        format!("expected true or false, found {}", kind(&other)),
                    ));
                }
            }
            if docs.is_none()
                && let Some(Value::String(d)) = item.get("description")
            {
                docs = Some(d.clone());
            }
            if item.get("type").and_then(Value::as_str) == Some("null") {
                nullable = true;
                continue;
            }
            kept.push(self.hoist(&format!("{at}[{i}]"), item, schemas)?);
        }
        let schema = match kept.len() {
            0 => json!({ "nullable": true }),
            1 => {
                let only = kept.pop().unwrap_or_default();
                if nullable {
                    super::normalize::make_nullable(only)
                } else {
                    only
                }
            }
            _ => {
                let mut s = Map::new();
                s.insert("oneOf".into(), Value::Array(kept));
                if nullable {
                    s.insert("nullable".into(), Value::Bool(true));
                }
                Value::Object(s)
            }
        };
        Ok((schema, required, docs))
    }

    /// A schema item with `refIdentifier: '#/components/schemas/X'` becomes a component and a `$ref`,
    /// so that a page and a standard document describing the same API name types the same way.
    fn hoist(
        &self,
        at: &str,
        mut item: Map<String, Value>,
        schemas: &mut Map<String, Value>,
    ) -> Result<Value, Diagnostic> {
        if let Some(props) = item.remove("requiredProperties") {
            if !props.is_array() {
                return Err(self.err(
                    &format!("{at}.requiredProperties"),
                    format!("expected a list of names, found {}", kind(&props)),
                ));
            }
            item.insert("required".into(), props);
        }
        let Some(reference) = item.remove("refIdentifier") else {
            return Ok(Value::Object(item));
        };
        let Some(name) = reference
            .as_str()
            .and_then(|r| r.strip_prefix("#/components/schemas/"))
        else {
            return Err(self.err(
                &format!("{at}.refIdentifier"),
                format!("expected `#/components/schemas/Name`, found {reference}"),
            ));
        };
        if !schemas.contains_key(name) {
            schemas.insert(name.to_string(), Value::Object(item));
        }
        Ok(json!({ "$ref": format!("#/components/schemas/{name}") }))
    }
}

fn media_object(schema: Value, examples: Option<Value>) -> Value {
    let mut m = Map::new();
    m.insert("schema".into(), schema);
    if let Some(e) = examples {
        m.insert("examples".into(), e);
    }
    Value::Object(m)
}

pub(crate) fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "a mapping",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fence_line_variants() {
        let f = Path::new("p.md");
        let page = "# T\n\n````yaml POST /v1/files\npaths: {}\n````\n";
        let fence = find_fence(f, page).unwrap();
        assert_eq!(
            (fence.method, fence.path, fence.line_offset),
            (HttpMethod::Post, "/v1/files", 3)
        );
        assert_eq!(fence.body, "paths: {}\n");
        let page = "````yaml https://x.io/openapi.json get /a/{b}\nx: 1\n````";
        let fence = find_fence(f, page).unwrap();
        assert_eq!(
            (fence.method, fence.spec_url),
            (HttpMethod::Get, Some("https://x.io/openapi.json"))
        );
        let err = find_fence(f, "````yaml fetch /a\n````").unwrap_err();
        assert!(err.to_string().contains("p.md:1:"), "{err}");
        assert!(
            find_fence(f, "no fence")
                .unwrap_err()
                .to_string()
                .contains("no ```yaml METHOD PATH fence")
        );
    }
}
