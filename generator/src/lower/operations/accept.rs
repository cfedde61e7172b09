//! An `Accept` header the document declares as a parameter. OpenAPI says to ignore such a
//! parameter, and the client does not take it as an argument; but when it lists the values the
//! server takes (Rev.ai's captions: `application/x-subrip` or `text/vtt`), a server that checks
//! them refuses the client's list of every media type it could decode. The client then sends the
//! one listed value it would rank first.

use openapiv3::{Parameter, ReferenceOr, Schema, SchemaKind, Type};

/// `accept` (the header the responses give; `None` is `application/json`) narrowed to one value
/// of a declared `Accept` parameter's enum, and whether it is such a value other than JSON.
pub(super) fn narrowed(
    accept: Option<String>,
    params: &[Parameter],
    schemas: Option<&indexmap::IndexMap<String, ReferenceOr<Schema>>>,
) -> (Option<String>, bool) {
    match params.iter().find_map(|p| declared(p, schemas)) {
        Some((values, default)) => {
            let picked = pick(accept.as_deref(), &values, default.as_deref());
            // JSON picked is the client's own default, which every mock answers errors in.
            let listed = picked.is_some();
            (picked, listed)
        }
        None => (accept, false),
    }
}

fn pick(accept: Option<&str>, values: &[String], default: Option<&str>) -> Option<String> {
    let ours = accept.unwrap_or("application/json");
    let listed = |m: &str| values.iter().find(|v| v.eq_ignore_ascii_case(m.trim()));
    let pick = ours
        .split(',')
        .find_map(listed)
        .or_else(|| default.and_then(listed))
        .or(values.first())?;
    (!pick.eq_ignore_ascii_case("application/json")).then(|| pick.clone())
}

/// The values and default of a header parameter named `Accept` whose schema is a string enum.
fn declared(
    p: &Parameter,
    schemas: Option<&indexmap::IndexMap<String, ReferenceOr<Schema>>>,
) -> Option<(Vec<String>, Option<String>)> {
    let Parameter::Header { parameter_data, .. } = p else {
        return None;
    };
    if !parameter_data.name.eq_ignore_ascii_case("accept") {
        return None;
    }
    let schema = super::constants::param_schema(p, schemas)?;
    let values: Vec<String> = match &schema.schema_kind {
        SchemaKind::Type(Type::String(s)) => s.enumeration.iter().flatten().cloned().collect(),
        SchemaKind::Any(a) => a
            .enumeration
            .iter()
            .filter_map(|v| v.as_str().map(str::to_string))
            .collect(),
        _ => Vec::new(),
    };
    let default = schema
        .schema_data
        .default
        .as_ref()
        .and_then(|v| v.as_str())
        .map(str::to_string);
    (!values.is_empty()).then_some((values, default))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn accept_param(schema: serde_json::Value) -> Parameter {
        serde_json::from_value(serde_json::json!({
            "in": "header", "name": "Accept", "schema": schema
        }))
        .expect("parameter")
    }

    #[test]
    fn one_listed_value_is_sent() {
        let params = [accept_param(
            serde_json::json!({"type": "string", "enum": ["application/x-subrip", "text/vtt"]}),
        )];
        // The responses' first media type that the parameter lists.
        let ours = Some("text/vtt, application/x-subrip, application/problem+json".to_string());
        assert_eq!(narrowed(ours, &params, None).0.as_deref(), Some("text/vtt"));
        // None listed: the parameter's default, else its first value.
        let other = Some("text/plain, application/problem+json".to_string());
        assert_eq!(
            narrowed(other, &params, None).0.as_deref(),
            Some("application/x-subrip")
        );
        let defaulted = [accept_param(
            serde_json::json!({"enum": ["text/csv", "text/vtt"], "default": "text/vtt"}),
        )];
        assert_eq!(
            narrowed(None, &defaulted, None).0.as_deref(),
            Some("text/vtt")
        );
    }

    #[test]
    fn without_a_listed_enum_nothing_changes() {
        let free = [accept_param(serde_json::json!({"type": "string"}))];
        let ours = Some("text/plain, application/json".to_string());
        assert_eq!(narrowed(ours.clone(), &free, None), (ours.clone(), false));
        // JSON chosen is the client's own default.
        let json = [accept_param(
            serde_json::json!({"type": "string", "enum": ["application/json", "text/csv"]}),
        )];
        assert_eq!(narrowed(ours, &json, None), (None, false));
    }
}
