//! Path parameters whose values are paths. Azure's `scope`, `resourceUri` and
//! `parentResourcePath` hold resource ids (`subscriptions/1/resourceGroups/rg`) and are marked
//! `x-ms-skip-url-encoding` (285 path parameters in 72 APIs.guru documents); others mark such a
//! parameter `allowReserved`, which OpenAPI defines for queries only but which says the same
//! thing there. Escaped as one segment, the slashes arrive as `%2F` and the server finds no
//! resource, so the slashes of these values are sent as they are (AutoRest's clients do the
//! same). Everything else in them is still escaped, and `.` and `..` pieces are still refused.

use openapiv3::Parameter;
use serde_json::Value;

pub(super) fn spans_segments(p: &Parameter) -> bool {
    let Parameter::Path { parameter_data, .. } = p else {
        return false;
    };
    let marked = |key: &str| parameter_data.extensions.get(key) == Some(&Value::Bool(true));
    marked("x-ms-skip-url-encoding") || marked(crate::load::normalize::RESERVED_PATH)
}

/// What the docs of such a parameter say.
pub(super) const NOTE: &str = "A path: its slashes are sent as they are.";

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn param(mut v: serde_json::Value) -> Parameter {
        let mut doc = json!({"openapi": "3.0.3", "info": {"title": "t", "version": "1"},
            "paths": {"/{p}": {"get": {"parameters": [v.take()], "responses": {}}}}});
        crate::load::normalize::normalize_document(&mut doc);
        serde_json::from_value(doc["paths"]["/{p}"]["get"]["parameters"][0].take())
            .expect("a parameter")
    }

    #[test]
    fn marked_path_parameters_span_segments() {
        for marked in [
            json!({"in": "path", "name": "scope", "required": true, "schema": {"type": "string"},
                "x-ms-skip-url-encoding": true}),
            json!({"in": "path", "name": "path", "required": true, "schema": {"type": "string"},
                "allowReserved": true}),
        ] {
            assert!(spans_segments(&param(marked.clone())), "{marked}");
        }
    }

    #[test]
    fn other_parameters_are_one_segment() {
        for other in [
            json!({"in": "path", "name": "id", "required": true, "schema": {"type": "string"}}),
            json!({"in": "path", "name": "id", "required": true, "schema": {"type": "string"},
                "x-ms-skip-url-encoding": false}),
            json!({"in": "query", "name": "$filter", "schema": {"type": "string"},
                "allowReserved": true}),
            json!({"in": "query", "name": "next", "schema": {"type": "string"},
                "x-ms-skip-url-encoding": true}),
        ] {
            assert!(!spans_segments(&param(other.clone())), "{other}");
        }
    }
}
