//! `content` keys that are not media types. Akeneo's document writes an error body's members
//! beside its media type (`content: {application/json: .., code: .., message: ..}`), VMware's
//! and VTEX's name schemas there (`Promotion`, `Tax`): 1,675 such keys in the APIs.guru
//! directory. Read as media types they went into the `Accept` header
//! (`Accept: application/json, code, message`), which a server may refuse and which stopped
//! Prism. A key that is not `type/subtype` is no media type: its entry is dropped, with a warning
//! naming the place. The media types that stay are written in lower case.

use std::path::Path;

use serde_json::{Map, Value};

use crate::diag::Diagnostic;

/// Drops the entries of every request body's and response's `content` whose key is not a media
/// type, and says where: one warning per key, at its first place, with the count of the others
/// (Akeneo repeats `code` and `message` in 522 places).
pub fn drop_non_media_types(file: &Path, doc: &mut Value) -> Vec<Diagnostic> {
    let mut dropped: Vec<(String, String, usize)> = Vec::new();
    let mut check = |content: Option<&mut Value>, at: String| {
        if let Some(Value::Object(content)) = content {
            drop_keys(content, &at, &mut dropped);
        }
    };
    if let Some(Value::Object(paths)) = doc.get_mut("paths") {
        for (path, item) in paths.iter_mut() {
            let Value::Object(item) = item else { continue };
            for (method, op) in item.iter_mut() {
                let Value::Object(op) = op else { continue };
                let at = format!("paths.{path}.{method}");
                if let Some(Value::Object(body)) = op.get_mut("requestBody") {
                    check(body.get_mut("content"), format!("{at}.requestBody.content"));
                }
                if let Some(Value::Object(responses)) = op.get_mut("responses") {
                    for (status, response) in responses.iter_mut() {
                        check(
                            response.get_mut("content"),
                            format!("{at}.responses.{status}.content"),
                        );
                    }
                }
            }
        }
    }
    for (section, kind) in [
        ("responses", "responses"),
        ("requestBodies", "requestBodies"),
    ] {
        if let Some(Value::Object(entries)) = doc.pointer_mut(&format!("/components/{section}")) {
            for (name, entry) in entries.iter_mut() {
                check(
                    entry.get_mut("content"),
                    format!("components.{kind}.{name}.content"),
                );
            }
        }
    }
    dropped
        .into_iter()
        .map(|(key, first, count)| {
            let elsewhere = match count {
                1 => String::new(),
                2 => " (and in 1 other place)".to_string(),
                n => format!(" (and in {} other places)", n - 1),
            };
            Diagnostic::at_path(
                file,
                first,
                format!(
                    "`{key}` is not a media type (`type/subtype`): the entry is ignored{elsewhere}"
                ),
            )
        })
        .collect()
}

/// Removes the keys that are not media types, counting each key's places (first place kept),
/// and writes the others' type and subtype in lower case, which is how every later step compares
/// them: media types are case-insensitive, and Mastercard's `application/JSON` is JSON.
fn drop_keys(
    content: &mut Map<String, Value>,
    at: &str,
    dropped: &mut Vec<(String, String, usize)>,
) {
    let entries = std::mem::take(content);
    for (key, value) in entries {
        if !is_media_type(&key) {
            match dropped.iter_mut().find(|(k, _, _)| *k == key) {
                Some((_, _, count)) => *count += 1,
                None => dropped.push((key.clone(), format!("{at}.{key}"), 1)),
            }
            continue;
        }
        // Two spellings of one media type: the first written is kept.
        content.entry(lower_essence(&key)).or_insert(value);
    }
}

/// `Application/JSON; charset=UTF-8` as `application/json; charset=UTF-8`.
fn lower_essence(key: &str) -> String {
    match key.split_once(';') {
        Some((essence, params)) => format!("{};{params}", essence.to_ascii_lowercase()),
        None => key.to_ascii_lowercase(),
    }
}

/// A media type without its parameters: `application/json;charset=UTF-8` is
/// `application/json`. Keys are lower-cased on load, so this compares as written.
pub(crate) fn essence(media: &str) -> &str {
    media.split(';').next().unwrap_or("").trim()
}

/// JSON by its media type: `application/json` with any parameters, or a `+json` suffix.
pub(crate) fn is_json(media: &str) -> bool {
    let essence = essence(media);
    essence == "application/json" || essence.ends_with("+json")
}

/// `type/subtype` (or a range such as `*/*`), each part an HTTP token, parameters allowed.
pub(crate) fn is_media_type(key: &str) -> bool {
    let essence = essence(key);
    let token = |s: &str| {
        !s.is_empty()
            && s.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
    };
    matches!(essence.split_once('/'), Some((kind, sub)) if token(kind) && token(sub))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn media_types_and_ranges() {
        for ok in [
            "application/json",
            "application/json; charset=utf-8",
            "application/vnd.api+json",
            "*/*",
            "text/*",
            "application/json; profile=\"CamelCase\"",
        ] {
            assert!(is_media_type(ok), "{ok}");
        }
        for bad in [
            "code",
            "_links",
            "Promotion",
            "json",
            "application/",
            "/json",
            "a/b/c",
            "",
        ] {
            assert!(!is_media_type(bad), "{bad}");
        }
    }

    #[test]
    fn entries_that_are_not_media_types_are_dropped_with_a_warning() {
        let mut doc = json!({
            "paths": {"/products": {"get": {"responses": {
                "200": {"content": {"Promotion": {"schema": {}}, "Tax": {"schema": {}}}},
                "400": {"content": {
                    "application/json": {"schema": {"$ref": "#/components/schemas/Error"}},
                    "code": {"schema": {"type": "integer"}},
                    "message": {"schema": {"type": "string"}}
                }}
            }}}},
            "components": {"requestBodies": {"Product": {"content": {
                "application/json": {"schema": {}}, "name": {"schema": {}}
            }}}}
        });
        let warnings = drop_non_media_types(Path::new("akeneo.json"), &mut doc);
        let responses = &doc["paths"]["/products"]["get"]["responses"];
        assert_eq!(responses["200"]["content"], json!({}));
        assert_eq!(
            responses["400"]["content"],
            json!({"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}})
        );
        assert_eq!(
            doc["components"]["requestBodies"]["Product"]["content"],
            json!({"application/json": {"schema": {}}})
        );
        let text: Vec<String> = warnings.iter().map(ToString::to_string).collect();
        assert_eq!(text.len(), 5, "one warning per key: {text:?}");
        assert!(
            text.iter().any(|w| w.contains("akeneo.json")
                && w.contains("paths./products.get.responses.400.content.code")
                && w.contains("`code` is not a media type")
                && !w.contains("other place")),
            "{text:?}"
        );
    }

    #[test]
    fn media_types_are_compared_in_lower_case() {
        let mut doc = json!({"paths": {"/a": {"post": {
            "requestBody": {"content": {"application/JSON": {"schema": {"type": "object"}}}},
            "responses": {"200": {"content": {
                "Application/Json; charset=UTF-8": {"schema": {"type": "object"}},
                "application/json": {"schema": {"type": "string"}},
                "APPLICATION/JSON": {"schema": {"type": "integer"}},
                "text/plain": {}
            }}}
        }}}});
        assert!(drop_non_media_types(Path::new("a.json"), &mut doc).is_empty());
        let op = &doc["paths"]["/a"]["post"];
        assert_eq!(
            op["requestBody"]["content"],
            json!({"application/json": {"schema": {"type": "object"}}})
        );
        let content = &op["responses"]["200"]["content"];
        let keys: Vec<&String> = content
            .as_object()
            .map(|m| m.keys().collect())
            .unwrap_or_default();
        assert_eq!(
            keys,
            [
                "application/json; charset=UTF-8",
                "application/json",
                "text/plain"
            ]
        );
        assert_eq!(
            content["application/json"],
            json!({"schema": {"type": "string"}})
        );
    }

    #[test]
    fn a_key_repeated_in_many_places_is_one_warning() {
        let error = json!({"content": {"application/json": {}, "code": {}, "message": {}}});
        let mut doc = json!({"paths": {"/a": {"get": {"responses": {"400": error, "422": error}},
            "post": {"responses": {"400": error}}}}});
        let warnings = drop_non_media_types(Path::new("a.json"), &mut doc);
        let text: Vec<String> = warnings.iter().map(ToString::to_string).collect();
        assert_eq!(text.len(), 2, "{text:?}");
        assert!(
            text[0].contains("paths./a.get.responses.400.content.code"),
            "{text:?}"
        );
        assert!(text[0].contains("(and in 2 other places)"), "{text:?}");
    }
}
