//! A `Content-Type` header the document declares as a parameter. OpenAPI says to ignore such a
//! parameter, and where the operation sends a body its media type is what the client sends. But
//! VTEX's 29 documents in the APIs.guru directory require `Content-Type: application/json` on
//! every call, `GET` and `DELETE` and calls whose body is optional included, with the value as
//! the parameter's `default` or `example`; a server that checks it, as Prism does, refuses a call
//! without it. The client then sends the documented value unless a body always goes with the
//! call, and the method still does not ask for it; a body set on the call replaces it with its
//! own media type (the runtime inserts the body's `Content-Type` over the request's headers).

use indexmap::IndexMap;
use openapiv3::{Parameter, ReferenceOr, Schema, SchemaKind, Type};

use super::constants::{constant_value, param_schema};
use crate::ir::Body;

/// The constant headers, less a documented `Content-Type` where a body always goes with the call
/// (a multipart body writes its own, with the boundary). Where the body is optional and the
/// required parameter documents no value (akeneo's "Equal to 'application/json' or
/// 'application/x-www-form-urlencoded'", in prose), a call without the body sends the body's own
/// media type: the one value the document shows the server taking.
pub(super) fn unless_body_sent(
    mut headers: Vec<(String, String)>,
    body: Option<&Body>,
    params: &[Parameter],
) -> Vec<(String, String)> {
    let (always, media) = match body {
        None => (false, None),
        Some(Body::Json { required, .. }) => (*required, Some("application/json")),
        Some(Body::Form { required, .. }) => (*required, Some("application/x-www-form-urlencoded")),
        Some(Body::Raw {
            required,
            content_type,
            ..
        }) => (*required, Some(content_type.as_str())),
        Some(Body::Multipart { .. }) => (true, None),
    };
    let is_content_type = |name: &str| name.eq_ignore_ascii_case("content-type");
    if always {
        headers.retain(|(name, _)| !is_content_type(name));
    } else if let Some(media) = media
        && !headers.iter().any(|(name, _)| is_content_type(name))
        && let Some(declared) = params
            .iter()
            .filter(|p| matches!(p, Parameter::Header { .. }))
            .map(Parameter::parameter_data_ref)
            .find(|data| data.required && is_content_type(&data.name))
    {
        headers.push((declared.name.clone(), media.to_string()));
    }
    headers
}

/// The value a required `Content-Type` parameter documents for a call without a body: its one
/// allowed value, else its default, else its example (when the enum, if any, allows it).
pub(super) fn bodiless_value(
    p: &Parameter,
    schemas: Option<&IndexMap<String, ReferenceOr<Schema>>>,
) -> Option<String> {
    let data = p.parameter_data_ref();
    if !data.required || !data.name.eq_ignore_ascii_case("content-type") {
        return None;
    }
    if let Some(only) = constant_value(p, schemas) {
        return Some(only);
    }
    let schema = param_schema(p, schemas)?;
    let SchemaKind::Type(Type::String(t)) = &schema.schema_kind else {
        return None;
    };
    let allowed =
        |v: &str| t.enumeration.is_empty() || t.enumeration.iter().flatten().any(|e| e == v);
    [
        schema.schema_data.default.as_ref(),
        schema.schema_data.example.as_ref(),
        data.example.as_ref(),
    ]
    .into_iter()
    .flatten()
    .filter_map(serde_json::Value::as_str)
    .map(str::trim)
    .find(|v| !v.is_empty() && v.is_ascii() && allowed(v))
    .map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value(json: serde_json::Value) -> Option<String> {
        let p: Parameter = serde_json::from_value(json).expect("parameter");
        bodiless_value(&p, None)
    }

    #[test]
    fn the_documented_value_of_a_required_content_type() {
        let with = |schema: serde_json::Value| {
            value(
                serde_json::json!({"in": "header", "name": "Content-Type", "required": true,
                "schema": schema}),
            )
        };
        assert_eq!(
            with(serde_json::json!({"type": "string", "default": "application/json"})).as_deref(),
            Some("application/json")
        );
        assert_eq!(
            with(
                serde_json::json!({"type": "string", "example": "application/json; charset=utf-8"})
            )
            .as_deref(),
            Some("application/json; charset=utf-8")
        );
        assert_eq!(
            with(serde_json::json!({"type": "string", "enum": ["application/xml"]})).as_deref(),
            Some("application/xml")
        );
        assert_eq!(
            with(serde_json::json!({"type": "string", "enum": ["application/xml", "application/json"],
                "default": "application/json"}))
            .as_deref(),
            Some("application/json"),
            "the default among several allowed values"
        );
        assert_eq!(
            with(
                serde_json::json!({"type": "string", "enum": ["application/xml", "text/csv"],
                "example": "application/json"})
            ),
            None,
            "an example the enum does not allow"
        );
        assert_eq!(
            with(serde_json::json!({"type": "string"})),
            None,
            "no value documented"
        );
        assert_eq!(
            with(serde_json::json!({"type": "string", "default": ""})),
            None
        );
    }

    #[test]
    fn only_a_required_content_type_parameter() {
        let optional = serde_json::json!({"in": "header", "name": "content-type",
            "schema": {"type": "string", "default": "application/json"}});
        assert_eq!(value(optional), None);
        let other = serde_json::json!({"in": "header", "name": "X-Type", "required": true,
            "schema": {"type": "string", "default": "application/json"}});
        assert_eq!(value(other), None);
        let lower = serde_json::json!({"in": "header", "name": "content-type", "required": true,
            "example": "application/json", "schema": {"type": "string"}});
        assert_eq!(value(lower).as_deref(), Some("application/json"));
    }

    #[test]
    fn an_optional_body_lends_its_media_type() {
        let declared: Vec<Parameter> = vec![
            serde_json::from_value(serde_json::json!({"in": "header", "name": "Content-type",
                "required": true, "schema": {"type": "string"}}))
            .expect("parameter"),
        ];
        let json = |required| Body::Json {
            ty: crate::ir::TypeRef::Any,
            required,
            docs: Default::default(),
        };
        assert_eq!(
            unless_body_sent(Vec::new(), Some(&json(false)), &declared),
            [("Content-type".to_string(), "application/json".to_string())]
        );
        assert!(
            unless_body_sent(Vec::new(), Some(&json(true)), &declared).is_empty(),
            "a body on every call sends its own"
        );
        assert!(
            unless_body_sent(Vec::new(), Some(&json(false)), &[]).is_empty(),
            "nothing declared, nothing added"
        );
        let documented = vec![("Content-type".to_string(), "text/csv".to_string())];
        assert_eq!(
            unless_body_sent(documented.clone(), Some(&json(false)), &declared),
            documented,
            "a documented value stays"
        );
    }
}
