//! Which list operations page, and how: detected from the operation's shape, from Stainless hints,
//! or named in the generator config.
//!
//! The official SDKs know three conventions (REFERENCE.md §4), each a `data` array plus a link from
//! a response field to a query parameter of the next request:
//!
//! | convention | next request sets | from the field | backwards |
//! |---|---|---|---|
//! | `cursor` | `page` | `next_page` | |
//! | `token` | `page_token` | `next_page` | |
//! | `id` | `after_id` | `last_id` | `before_id` from `first_id` |

use openapiv3::{Parameter, ReferenceOr, Schema, SchemaKind, Type};

use super::types::{At, TypeSpace};
use crate::config::{Config, PaginationConvention};
use crate::diag::Diagnostic;
use crate::ir::{
    CursorSource, NextPage, PageField, PageLink, PageParam, Pagination, PaginationSource, Param,
    ResponseContent, SuccessResponse, TypeKind, TypeRef,
};

/// The override value that turns detection off for one operation.
const NONE: &str = "none";
const HINT: &str = "x-stainless-pagination-property";

#[derive(Clone)]
struct Convention {
    name: String,
    items: String,
    has_more: Option<String>,
    forward: (String, String),
    backward: Option<(String, String)>,
}

impl Convention {
    fn builtin(name: &str, param: &str, field: &str, backward: Option<(&str, &str)>) -> Self {
        Self {
            name: name.into(),
            items: "data".into(),
            has_more: Some("has_more".into()),
            forward: (param.into(), field.into()),
            backward: backward.map(|(p, f)| (p.into(), f.into())),
        }
    }

    fn declared(c: &PaginationConvention) -> Self {
        Self {
            name: c.name.clone(),
            items: c.items.clone(),
            has_more: c.has_more.clone(),
            forward: (c.param.clone(), c.field.clone()),
            backward: c.backward_param.clone().zip(c.backward_field.clone()),
        }
    }
}

/// The conventions in the order detection tries them: the config's own first.
fn conventions(config: &Config) -> Vec<Convention> {
    let mut out: Vec<Convention> = config.pagination.iter().map(Convention::declared).collect();
    out.push(Convention::builtin("cursor", "page", "next_page", None));
    out.push(Convention::builtin(
        "token",
        "page_token",
        "next_page",
        None,
    ));
    out.push(Convention::builtin(
        "id",
        "after_id",
        "last_id",
        Some(("before_id", "first_id")),
    ));
    out
}

/// What the raw spec says through `x-stainless-pagination-property`.
#[derive(Debug, Default)]
pub struct Hints {
    /// The query parameter marked `next_cursor_param`.
    pub param: Option<String>,
    /// The response property marked `items`.
    pub items: Option<String>,
    /// The response property marked `next_cursor_field`.
    pub field: Option<String>,
}

fn purpose(schema: &Schema) -> Option<&str> {
    schema
        .schema_data
        .extensions
        .get(HINT)?
        .get("purpose")?
        .as_str()
}

impl Hints {
    /// Reads the hints off the query parameters and the success response's schema.
    pub fn read(
        params: &[Parameter],
        response: Option<&ReferenceOr<Schema>>,
        space: &TypeSpace,
        at: &At,
    ) -> Self {
        let mut hints = Hints::default();
        for p in params {
            let Parameter::Query { parameter_data, .. } = p else {
                continue;
            };
            let marked = parameter_data
                .extensions
                .get(HINT)
                .and_then(|h| h.get("purpose"))
                .and_then(|v| v.as_str())
                .or(match &parameter_data.format {
                    openapiv3::ParameterSchemaOrContent::Schema(ReferenceOr::Item(s)) => purpose(s),
                    _ => None,
                });
            if marked == Some("next_cursor_param") {
                hints.param = Some(parameter_data.name.clone());
            }
        }
        let schema = match response {
            Some(ReferenceOr::Item(s)) => Some(s),
            Some(ReferenceOr::Reference { reference }) => {
                space.resolve(reference, at).ok().map(|(_, s)| s)
            }
            None => None,
        };
        let properties = match schema.map(|s| &s.schema_kind) {
            Some(SchemaKind::Type(Type::Object(o))) => &o.properties,
            Some(SchemaKind::Any(a)) => &a.properties,
            _ => return hints,
        };
        for (name, prop) in properties {
            let prop = match prop {
                ReferenceOr::Item(s) => Some(&**s),
                ReferenceOr::Reference { reference } => {
                    space.resolve(reference, at).ok().map(|(_, s)| s)
                }
            };
            match prop.and_then(purpose) {
                Some("items") => hints.items = Some(name.clone()),
                Some("next_cursor_field") => hints.field = Some(name.clone()),
                _ => {}
            }
        }
        hints
    }
}

/// Decides whether and how an operation pages.
pub fn detect(
    config: &Config,
    key: &str,
    query: &[Param],
    success: Option<&SuccessResponse>,
    hints: &Hints,
    space: &TypeSpace,
    at: &At,
) -> Result<Option<Pagination>, Diagnostic> {
    let all = conventions(config);
    let chosen = config
        .operations
        .get(key)
        .and_then(|o| o.pagination.as_deref());
    let Some(page) = PageShape::of(success, space) else {
        return match chosen {
            Some(name) if name != NONE => Err(at.err(format!(
                "codegen.toml names the pagination convention `{name}` for `{key}`, but its \
                 success response is not a JSON object type"
            ))),
            _ => Ok(None),
        };
    };
    match chosen {
        Some(NONE) => return Ok(None),
        Some(name) => {
            let Some(conv) = all.iter().find(|c| c.name == name) else {
                let known: Vec<&str> = all.iter().map(|c| c.name.as_str()).collect();
                return Err(at.err(format!(
                    "codegen.toml names the pagination convention `{name}` for `{key}`; known \
                     conventions are {} (or `none`)",
                    known.join(", ")
                )));
            };
            return page
                .fit(conv, query, PaginationSource::Config)
                .map(Some)
                .map_err(|why| {
                    at.err(format!(
                        "codegen.toml names the pagination convention `{name}` for `{key}`, \
                         but {why}"
                    ))
                });
        }
        None => {}
    }
    if let (Some(param), Some(items), Some(field)) = (&hints.param, &hints.items, &hints.field) {
        // Named after the built-in convention with the same link, so the IR says which it is.
        let mut conv = all
            .iter()
            .find(|c| c.forward == (param.clone(), field.clone()))
            .cloned()
            .unwrap_or_else(|| Convention {
                name: "cursor".into(),
                items: items.clone(),
                has_more: Some("has_more".into()),
                forward: (param.clone(), field.clone()),
                backward: None,
            });
        conv.items = items.clone();
        if let Ok(p) = page.fit(&conv, query, PaginationSource::StainlessHints) {
            return Ok(Some(p));
        }
    }
    Ok(all
        .iter()
        .find_map(|c| page.fit(c, query, PaginationSource::Shape).ok()))
}

/// The fields of a success response that is a named struct.
struct PageShape<'s> {
    type_name: String,
    fields: &'s [crate::ir::Field],
}

impl<'s> PageShape<'s> {
    fn of(success: Option<&SuccessResponse>, space: &'s TypeSpace) -> Option<Self> {
        let ResponseContent::Json(TypeRef::Named(name)) = &success?.content else {
            return None;
        };
        let def = space.through_aliases(name)?;
        match &def.kind {
            TypeKind::Struct { fields, .. } => Some(Self {
                type_name: def.rust_name.clone(),
                fields,
            }),
            _ => None,
        }
    }

    /// A field of the wanted type, with whether Rust holds it in an `Option`.
    fn field(
        &self,
        wire: &str,
        want: fn(&TypeRef) -> bool,
    ) -> Result<(PageField, &TypeRef), String> {
        let Some(f) = self.fields.iter().find(|f| f.wire_name == wire) else {
            return Err(format!(
                "the page type `{}` has no `{wire}` field",
                self.type_name
            ));
        };
        let (inner, nullable) = match &f.ty {
            TypeRef::Nullable(inner) => (&**inner, true),
            other => (other, false),
        };
        if !want(inner) {
            return Err(format!(
                "the `{wire}` field of `{}` has the wrong type",
                self.type_name
            ));
        }
        Ok((
            PageField {
                wire_name: f.wire_name.clone(),
                rust_name: f.rust_name.clone(),
                optional: nullable || !f.required,
            },
            inner,
        ))
    }

    fn fit(
        &self,
        conv: &Convention,
        query: &[Param],
        source: PaginationSource,
    ) -> Result<Pagination, String> {
        let has_param = |name: &str| query.iter().any(|p| p.wire_name == name);
        let string = |t: &TypeRef| *t == TypeRef::String;
        let link = |(param, field): &(String, String)| -> Result<PageLink, String> {
            if !has_param(param) {
                return Err(format!("the operation has no `{param}` query parameter"));
            }
            self.field(field, string)?;
            Ok(PageLink {
                param: PageParam::Query(param.clone()),
                from: CursorSource::Field(vec![field.clone()]),
            })
        };
        let (items, TypeRef::Array(item_type)) =
            self.field(&conv.items, |t| matches!(t, TypeRef::Array(_)))?
        else {
            return Err(format!("the `{}` field is not an array", conv.items));
        };
        let forward = link(&conv.forward)?;
        let has_more = conv
            .has_more
            .as_deref()
            .and_then(|h| self.field(h, |t| *t == TypeRef::Boolean).ok())
            .map(|(f, _)| vec![f.wire_name]);
        let backward = conv.backward.as_ref().and_then(|b| link(b).ok());
        Ok(Pagination {
            convention: conv.name.clone(),
            detected_by: source,
            page_type: Some(self.type_name.clone()),
            item_type: (**item_type).clone(),
            items: Some(items),
            items_under: Vec::new(),
            has_more,
            next: NextPage::Cursor { forward, backward },
        })
    }
}
