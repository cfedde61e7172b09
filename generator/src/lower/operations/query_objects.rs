//! How a query parameter that may hold an object goes on the wire. OpenAPI's default for a
//! query object is `form` with `explode`, each member a pair of its own: Spring's `Pageable`
//! (`page=0&size=20&sort=name`) is documented that way. `deepObject` nests members in brackets
//! (JSON:API's `page[size]`, `filter[status]`). A parameter given as `content` is the JSON text
//! of its value, as before, and so is nothing here.
//!
//! Rails and PHP servers read brackets, and their documents often leave the style out while the
//! description shows it: files.com's `sort_by` (`type: object`, no style) is "e.g.
//! `sort_by[expires_at]=desc`". A `form` parameter whose description writes its name followed by
//! `[` is sent as that description shows.

use openapiv3::{Parameter, ParameterSchemaOrContent, QueryStyle};

use crate::ir::{QueryObject, TypeKind, TypeRef};
use crate::lower::types::TypeSpace;

/// The object style of query parameter `p`, whose value lowered to `ty`; `None` when the value
/// cannot be an object, or is not a query parameter given by `schema`.
pub(super) fn object_style(p: &Parameter, ty: &TypeRef, space: &TypeSpace) -> Option<QueryObject> {
    let Parameter::Query {
        parameter_data,
        style,
        ..
    } = p
    else {
        return None;
    };
    if !matches!(parameter_data.format, ParameterSchemaOrContent::Schema(_))
        || !may_be_object(ty, space, 0)
    {
        return None;
    }
    let name = &parameter_data.name;
    let shows_brackets = parameter_data
        .description
        .as_deref()
        .is_some_and(|d| d.contains(&format!("{name}[")));
    Some(match (style, parameter_data.explode) {
        (QueryStyle::DeepObject, _) => QueryObject::Deep,
        (QueryStyle::Form, _) if shows_brackets => QueryObject::Deep,
        (QueryStyle::SpaceDelimited, Some(false)) => QueryObject::Joined(' '),
        (QueryStyle::PipeDelimited, Some(false)) => QueryObject::Joined('|'),
        (_, Some(false)) => QueryObject::Joined(','),
        _ => QueryObject::Exploded,
    })
}

/// Whether a value of `ty` may serialize to a JSON object: a struct, a union (whose object
/// members do), a map or any JSON; not a scalar, an enum or a list.
fn may_be_object(ty: &TypeRef, space: &TypeSpace, depth: usize) -> bool {
    match ty.non_null() {
        TypeRef::Map(_) | TypeRef::Any => true,
        TypeRef::Named(name) if depth < 16 => match space.def(name).map(|d| &d.kind) {
            Some(TypeKind::Alias(inner)) => may_be_object(inner, space, depth + 1),
            Some(TypeKind::Enum { .. } | TypeKind::Const { .. }) => false,
            Some(_) | None => true,
        },
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn query(text: &str) -> Parameter {
        serde_json::from_str(text).unwrap()
    }

    #[test]
    fn objects_take_their_style_and_scalars_none() {
        let components = indexmap::IndexMap::new();
        let files = std::collections::BTreeMap::new();
        let space = TypeSpace::new(&components, &files, "doc.yaml".into(), &[]);
        let object = TypeRef::Map(Box::new(TypeRef::Any));
        let cases = [
            (
                r#"{"name": "p", "in": "query", "schema": {}}"#,
                Some(QueryObject::Exploded),
            ),
            (
                r#"{"name": "p", "in": "query", "style": "deepObject", "explode": true, "schema": {}}"#,
                Some(QueryObject::Deep),
            ),
            (
                r#"{"name": "p", "in": "query", "explode": false, "schema": {}}"#,
                Some(QueryObject::Joined(',')),
            ),
            (
                r#"{"name": "p", "in": "query", "style": "pipeDelimited", "explode": false, "schema": {}}"#,
                Some(QueryObject::Joined('|')),
            ),
            (
                r#"{"name": "p", "in": "query", "content": {"application/json": {"schema": {}}}}"#,
                None,
            ),
            (r#"{"name": "p", "in": "header", "schema": {}}"#, None),
            (
                r#"{"name": "sort_by", "in": "query", "description": "e.g. `sort_by[name]=desc`", "schema": {}}"#,
                Some(QueryObject::Deep),
            ),
            (
                r#"{"name": "sort_by", "in": "query", "description": "e.g. `sort_by=name`", "schema": {}}"#,
                Some(QueryObject::Exploded),
            ),
        ];
        for (param, want) in cases {
            assert_eq!(
                object_style(&query(param), &object, &space),
                want,
                "{param}"
            );
        }
        let plain = query(r#"{"name": "p", "in": "query", "style": "deepObject", "schema": {}}"#);
        for scalar in [
            TypeRef::String,
            TypeRef::Integer,
            TypeRef::Array(Box::new(TypeRef::Any)),
        ] {
            assert_eq!(object_style(&plain, &scalar, &space), None, "{scalar:?}");
        }
        let nullable_any = TypeRef::Nullable(Box::new(TypeRef::Any));
        assert_eq!(
            object_style(&plain, &nullable_any, &space),
            Some(QueryObject::Deep)
        );
    }
}
