//! Paging that a document declares with another generator's extension: Speakeasy's
//! `x-speakeasy-pagination` and Fern's `x-fern-pagination` (with `x-pagination` read as either).
//! A declaration wins over shape detection; one this generator cannot follow is not guessed at,
//! and the operation says why it does not page.

use serde_json::Value;

use super::paging_rules::{Detected, Shape};
use crate::ir::{
    CursorSource, NextPage, PageLink, PageParam, Pagination, PaginationSource, ResponseContent,
};

/// The extensions read, in order.
pub const EXTENSIONS: &[&str] = &[
    "x-speakeasy-pagination",
    "x-fern-pagination",
    "x-pagination",
];

/// A JSONPath-like reference (`$.data.next`, `$response.meta.cursor`, `$request.page`) as member
/// names, without its root.
fn members(reference: &str, roots: &[&str]) -> Option<Vec<String>> {
    let rest = roots.iter().find_map(|r| reference.strip_prefix(r))?;
    let rest = rest.strip_prefix('.').unwrap_or(rest);
    if rest.is_empty() || rest.contains(['[', '*']) {
        return None;
    }
    Some(rest.split('.').map(str::to_string).collect())
}

/// Where a named request input is: a query parameter, else a member of the JSON body.
fn input(shape: &Shape<'_>, path: &[String]) -> Option<PageParam> {
    if let [name] = path
        && shape.query.iter().any(|p| &p.wire_name == name)
    {
        return Some(PageParam::Query(name.clone()));
    }
    let body = shape.body_members();
    body.contains(&path[0])
        .then(|| PageParam::Body(path.to_vec()))
}

/// Reads the operation's paging extension, when it has one.
pub fn declared(
    shape: &Shape<'_>,
    extensions: &indexmap::IndexMap<String, Value>,
) -> Option<Detected> {
    let (key, value) = EXTENSIONS
        .iter()
        .find_map(|k| extensions.get(*k).map(|v| (*k, v)))?;
    let result = if value.get("type").is_some() || value.get("inputs").is_some() {
        speakeasy(shape, value)
    } else {
        fern(shape, value)
    };
    Some(match result {
        Ok(p) => Detected::Paged(Box::new(p)),
        Err(why) => Detected::Unpaged(format!("its `{key}` cannot be followed: {why}")),
    })
}

fn page(
    shape: &Shape<'_>,
    convention: &str,
    results: Option<Vec<String>>,
    next: NextPage,
) -> Result<Pagination, String> {
    let Some(ResponseContent::Json(response)) = shape.success.map(|s| &s.content) else {
        return Err("its success response is not JSON".into());
    };
    let named = results.as_deref().filter(|r| !r.is_empty());
    let found = shape.page_items(response, named)?;
    Ok(Pagination {
        convention: convention.into(),
        detected_by: PaginationSource::Extension,
        page_type: found.page_type,
        item_type: found.item_type,
        items: found.items,
        items_under: found.under,
        has_more: None,
        next,
    })
}

/// `x-speakeasy-pagination: {type: offsetLimit | cursor | url, inputs: [...], outputs: {...}}`.
fn speakeasy(shape: &Shape<'_>, v: &Value) -> Result<Pagination, String> {
    let kind = v.get("type").and_then(Value::as_str).unwrap_or_default();
    let outputs = v.get("outputs").cloned().unwrap_or(Value::Null);
    let output = |name: &str| {
        outputs
            .get(name)
            .and_then(Value::as_str)
            .and_then(|r| members(r, &["$"]))
    };
    let results = output("results");
    let inputs: Vec<(String, String)> = v
        .get("inputs")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|i| {
            Some((
                i.get("name")?.as_str()?.to_string(),
                i.get("type")?.as_str()?.to_string(),
            ))
        })
        .collect();
    let find = |role: &str| -> Option<PageParam> {
        let (name, _) = inputs.iter().find(|(_, t)| t == role)?;
        input(shape, std::slice::from_ref(name))
    };
    let missing = |role: &str| format!("no `{role}` input the operation takes");
    match kind {
        "offsetLimit" => {
            let limit = find("limit");
            if let Some(offset) = find("offset") {
                page(
                    shape,
                    "offset",
                    results,
                    NextPage::Offset {
                        offset,
                        limit,
                        total: None,
                    },
                )
            } else if let Some(number) = find("page") {
                page(
                    shape,
                    "page",
                    results,
                    NextPage::PageNumber {
                        page: number,
                        size: limit,
                        total_pages: output("numPages"),
                        first: 1,
                    },
                )
            } else {
                Err(missing("offset"))
            }
        }
        "cursor" => {
            let param = find("cursor").ok_or_else(|| missing("cursor"))?;
            let field = output("nextCursor").ok_or("no `outputs.nextCursor`")?;
            page(
                shape,
                "cursor_path",
                results,
                NextPage::Cursor {
                    forward: PageLink {
                        param,
                        from: CursorSource::Field(field),
                    },
                    backward: None,
                },
            )
        }
        "url" => {
            let field = output("nextUrl").ok_or("no `outputs.nextUrl`")?;
            page(shape, "next_url", results, NextPage::NextUrl { field })
        }
        other => Err(format!(
            "the type `{other}` is not one this generator pages"
        )),
    }
}

/// `x-fern-pagination: {cursor: $request.x, next_cursor: $response.y, results: $response.z}`, or
/// `{offset: $request.page, results: ..., step: $request.limit}`.
fn fern(shape: &Shape<'_>, v: &Value) -> Result<Pagination, String> {
    let get = |name: &str, root: &str| {
        v.get(name)
            .and_then(Value::as_str)
            .and_then(|r| members(r, &[root]))
    };
    let results = get("results", "$response");
    if let Some(cursor) = get("cursor", "$request") {
        let param = input(shape, &cursor).ok_or("the operation takes no such cursor input")?;
        let field = get("next_cursor", "$response").ok_or("no `next_cursor`")?;
        return page(
            shape,
            "cursor_path",
            results,
            NextPage::Cursor {
                forward: PageLink {
                    param,
                    from: CursorSource::Field(field),
                },
                backward: None,
            },
        );
    }
    if let Some(offset) = get("offset", "$request") {
        let param = input(shape, &offset).ok_or("the operation takes no such offset input")?;
        // Without a step, Fern's offset counts pages; with one, items.
        return match get("step", "$request").and_then(|s| input(shape, &s)) {
            Some(step) => page(
                shape,
                "offset",
                results,
                NextPage::Offset {
                    offset: param,
                    limit: Some(step),
                    total: None,
                },
            ),
            None => page(
                shape,
                "page",
                results,
                NextPage::PageNumber {
                    page: param,
                    size: None,
                    total_pages: None,
                    first: 1,
                },
            ),
        };
    }
    if let Some(next) = get("next", "$response") {
        return page(
            shape,
            "next_url",
            results,
            NextPage::NextUrl { field: next },
        );
    }
    Err("it names no `cursor`, `offset` or `next`".into())
}

/// A convention `codegen.toml` declares with a `kind`, fitted to one operation.
pub fn configured(
    shape: &Shape<'_>,
    conv: &crate::config::PaginationConvention,
    source: PaginationSource,
) -> Result<Pagination, String> {
    let path = |p: &str| -> Vec<String> { p.split('.').map(str::to_string).collect() };
    let param = |p: &str| -> Result<PageParam, String> {
        let (members, shown) = match p.strip_prefix("body.") {
            Some(body) => (path(body), format!("body member `{body}`")),
            None => (vec![p.to_string()], format!("query parameter `{p}`")),
        };
        let found = if p.starts_with("body.") {
            shape
                .body_members()
                .contains(&members[0])
                .then_some(PageParam::Body(members))
        } else {
            input(shape, &members).filter(|i| matches!(i, PageParam::Query(_)))
        };
        found.ok_or_else(|| format!("the operation has no {shown}"))
    };
    let Some(ResponseContent::Json(response)) = shape.success.map(|s| &s.content) else {
        return Err("its success response is not JSON".into());
    };
    let field = |p: &str| -> Result<Vec<String>, String> {
        let members = path(p);
        let refs: Vec<&str> = members.iter().map(String::as_str).collect();
        shape
            .scalar_at(response, &refs)
            .map(|_| members.clone())
            .ok_or_else(|| format!("the page has no `{p}` value"))
    };
    let kind = conv.kind.as_deref().unwrap_or("cursor");
    let next = match kind {
        "cursor" | "last_item" => {
            let from = if kind == "cursor" {
                CursorSource::Field(field(&conv.field)?)
            } else {
                CursorSource::LastItem(path(if conv.field.is_empty() {
                    "id"
                } else {
                    &conv.field
                }))
            };
            NextPage::Cursor {
                forward: PageLink {
                    param: param(&conv.param)?,
                    from,
                },
                backward: None,
            }
        }
        "offset" => NextPage::Offset {
            offset: param(&conv.param)?,
            limit: conv.limit.as_deref().map(param).transpose()?,
            total: conv.total.as_deref().map(field).transpose()?,
        },
        "page" => NextPage::PageNumber {
            page: param(&conv.param)?,
            size: conv.limit.as_deref().map(param).transpose()?,
            total_pages: conv.total.as_deref().map(field).transpose()?,
            first: 1,
        },
        "link" => NextPage::LinkHeader,
        "next_url" => NextPage::NextUrl {
            field: field(&conv.field)?,
        },
        other => {
            return Err(format!(
                "`kind = \"{other}\"` is not a convention (cursor, last_item, offset, page, link, \
                 next_url)"
            ));
        }
    };
    let named = (!conv.items.is_empty()).then(|| path(&conv.items));
    let found = shape.page_items(response, named.as_deref())?;
    let has_more = match &conv.has_more {
        Some(flag) => Some(field(flag)?),
        None => None,
    };
    Ok(Pagination {
        convention: conv.name.clone(),
        detected_by: source,
        page_type: found.page_type,
        item_type: found.item_type,
        items: found.items,
        items_under: found.under,
        has_more,
        next,
    })
}
