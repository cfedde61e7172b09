//! Swagger 2.0 components in 3.0's terms: security definitions as security schemes, and
//! definition names made valid component names, with every `$ref` to them rewritten.

use serde_json::{Map, Value, json};

use super::pointer::unescape;
use super::swagger2::copy_extensions;

pub(super) fn security_scheme(s: &Value) -> Value {
    let Some(m) = s.as_object() else {
        return s.clone();
    };
    let mut out = Map::new();
    if let Some(d) = m.get("description") {
        out.insert("description".into(), d.clone());
    }
    match m.get("type").and_then(Value::as_str) {
        Some("basic") => {
            out.insert("type".into(), json!("http"));
            out.insert("scheme".into(), json!("basic"));
        }
        Some("apiKey") => {
            out.insert("type".into(), json!("apiKey"));
            for key in ["name", "in"] {
                if let Some(v) = m.get(key) {
                    out.insert(key.into(), v.clone());
                }
            }
        }
        Some("oauth2") => {
            out.insert("type".into(), json!("oauth2"));
            let scopes = m.get("scopes").cloned().unwrap_or_else(|| json!({}));
            let mut flow = Map::new();
            for key in ["authorizationUrl", "tokenUrl"] {
                if let Some(v) = m.get(key) {
                    flow.insert(key.into(), v.clone());
                }
            }
            flow.insert("scopes".into(), scopes);
            let name = match m.get("flow").and_then(Value::as_str) {
                Some("password") => "password",
                Some("application") => "clientCredentials",
                Some("accessCode") => "authorizationCode",
                _ => "implicit",
            };
            let mut flows = Map::new();
            flows.insert(name.into(), Value::Object(flow));
            out.insert("flows".into(), Value::Object(flows));
        }
        _ => return s.clone(),
    }
    copy_extensions(s, &mut out);
    Value::Object(out)
}

/// A component name as OpenAPI 3 allows it (`^[a-zA-Z0-9.\-_]+$`): 2.0 documents use names such as
/// `Ref (of Track)` or `Results[Item]`; each other character becomes `_`, as swagger2openapi does,
/// so the exported document stays valid.
pub(super) fn component_name(name: &str) -> String {
    name.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .collect()
}

pub(super) fn rename_components(components: &mut Map<String, Value>) {
    for (_, section) in components.iter_mut() {
        if let Value::Object(entries) = section {
            *entries = std::mem::take(entries)
                .into_iter()
                .map(|(k, v)| (component_name(&k), v))
                .collect();
        }
    }
}

/// Points every `$ref` at the component's new place and name.
pub(super) fn rewrite_refs(v: &mut Value) {
    match v {
        Value::Object(m) => {
            if let Some(Value::String(r)) = m.get_mut("$ref") {
                for (old, new) in [
                    ("#/definitions/", "#/components/schemas/"),
                    ("#/parameters/", "#/components/parameters/"),
                    ("#/responses/", "#/components/responses/"),
                ] {
                    if let Some(rest) = r.strip_prefix(old) {
                        let (name, tail) = rest.split_once('/').unwrap_or((rest, ""));
                        let name = percent_encoding::percent_decode_str(name).decode_utf8_lossy();
                        let name = component_name(&unescape(&name));
                        *r = if tail.is_empty() {
                            format!("{new}{name}")
                        } else {
                            format!("{new}{name}/{tail}")
                        };
                        break;
                    }
                }
            }
            m.values_mut().for_each(rewrite_refs);
        }
        Value::Array(a) => a.iter_mut().for_each(rewrite_refs),
        _ => {}
    }
}
