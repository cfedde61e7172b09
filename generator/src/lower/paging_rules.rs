//! Paging the way the world pages, detected from an operation's shape when the official SDKs'
//! conventions do not fit: offset and limit, page numbers, a `Link` header, a next URL in the
//! body, a cursor at any depth, and the last item's id. A rule fires only when the shape leaves
//! one reading; otherwise the operation does not page, and [`Detected::Unpaged`] says why.

use heck::ToSnakeCase;

use super::page_items::PageItems;
use super::page_members::PageMembers;
use super::paging_headers;
use super::types::TypeSpace;
use crate::ir::{
    Body, CursorSource, Field, HeaderParam, HttpMethod, NextPage, PageField, PageLink, PageParam,
    Pagination, PaginationSource, Param, ResponseContent, SuccessResponse, TypeKind, TypeRef,
};

/// What the rules found for one operation.
pub enum Detected {
    Paged(Box<Pagination>),
    /// A list-like operation (it takes a paging input) that does not page, and why.
    Unpaged(String),
    /// Not a list.
    NotAList,
}

const OFFSET: &[&str] = &[
    "offset",
    "skip",
    "start",
    "startIndex",
    "start_index",
    // Jira's, then Jellyfin's and slicebox's spellings of `startIndex`.
    "startAt",
    "start_at",
    "StartIndex",
    "startindex",
    // OData's (Azure, Microsoft Graph, SAP).
    "$skip",
    "page[offset]",
];
const PAGE: &[&str] = &[
    "page",
    "Page",
    "page_number",
    "pageNumber",
    "PageNumber",
    "pagenumber",
    "page_num",
    "pageNum",
    "page_no",
    "pageNo",
    "pageno",
    "currentPage",
    "current_page",
    "page[number]",
];
const SIZE: &[&str] = &[
    "limit",
    "per_page",
    "perPage",
    "page_size",
    "pageSize",
    "PageSize",
    "pagesize",
    "page[size]",
    "page[limit]",
    "itemsPerPage",
    "items_per_page",
    "size",
    "count",
    "max_results",
    "maxResults",
    "MaxResults",
    "top",
    "$top",
];
const CURSOR_PARAMS: &[&str] = &[
    "cursor",
    "page_token",
    "pageToken",
    "next_token",
    "nextToken",
    "NextToken",
    "marker",
    "Marker",
    "continuation_token",
    "continuationToken",
    "starting_after",
    "after",
    "start_cursor",
    "page_cursor",
    "next_page_token",
    // Kubernetes' (`metadata.continue` hands it back).
    "continue",
    // Twitter's (`meta.next_token`).
    "pagination_token",
    "paginationToken",
    // AWS API Gateway's (`position` hands it back).
    "position",
    // Service Fabric's.
    "ContinuationToken",
    // Azure Data Lake's (the `x-ms-continuation` header hands it back).
    "continuation",
];
/// Where pages keep the next cursor, by path.
const CURSOR_FIELDS: &[&[&str]] = &[
    &["next_cursor"],
    &["nextCursor"],
    &["next_page_token"],
    &["nextPageToken"],
    &["next_token"],
    &["nextToken"],
    &["NextToken"],
    &["next_marker"],
    &["NextMarker"],
    &["nextMarker"],
    &["NextPageMarker"],
    &["continuation_token"],
    &["continuationToken"],
    &["ContinuationToken"],
    &["next_page_offset"],
    &["next_page"],
    &["nextPage"],
    &["meta", "next_cursor"],
    &["meta", "nextCursor"],
    &["response_metadata", "next_cursor"],
    &["pagination", "next_cursor"],
    &["paging", "next", "after"],
    &["paging", "cursors", "after"],
    &["next_page", "offset"],
    &["cursor"],
    &["endCursor"],
    &["end_cursor"],
];
/// Where pages keep the next page's URL, by path.
const NEXT_URLS: &[&[&str]] = &[
    &["next"],
    &["next_page_uri"],
    &["next_page_url"],
    &["next_url"],
    &["next_href"],
    &["nextlink"],
    &["nextLink"],
    &["next_link"],
    &["nextUrl"],
    &["nextPageUrl"],
    &["@odata.nextLink"],
    &["_links", "next", "href"],
    &["links", "next"],
    &["links", "next", "href"],
    &["paging", "next", "link"],
    &["meta", "next"],
];
/// Names that are a next page's URL only where the document says so: elsewhere `nextPage` is a
/// page number or an opaque token. Zuora's and Jira's describe it as "the URL of the next page".
const DESCRIBED_NEXT_URLS: &[&str] = &["nextPage", "next_page", "NextPage"];
const TOTALS: &[&str] = &[
    "total",
    "total_count",
    "totalCount",
    "total_entries",
    "total_results",
    "totalResults",
    "count",
];
const TOTAL_PAGES: &[&str] = &[
    "total_pages",
    "totalPages",
    "page_count",
    "pageCount",
    "num_pages",
];
const HAS_MORE: &[&str] = &[
    "has_more",
    "hasMore",
    "has_next",
    "hasNext",
    "more",
    "hasNextPage",
    "has_next_page",
];
/// The inputs the rules read.
pub struct Shape<'a> {
    pub query: &'a [Param],
    pub body: Option<&'a Body>,
    pub success: Option<&'a SuccessResponse>,
    /// The headers the success response declares, by name.
    pub headers: &'a [String],
    /// The request's header parameters.
    pub header_params: &'a [HeaderParam],
    /// The path template, which names what a list operation lists.
    pub route: &'a str,
    pub method: HttpMethod,
    pub space: &'a TypeSpace<'a>,
}

impl Shape<'_> {
    /// A `PUT`, `PATCH` or `DELETE`: its paging inputs filter what it writes (Kubernetes'
    /// `deletecollection` takes `continue`), and no rule pages it.
    pub fn writes(&self) -> bool {
        matches!(
            self.method,
            HttpMethod::Put | HttpMethod::Patch | HttpMethod::Delete
        )
    }

    /// The item type when `ty` is an array, also through named aliases (`ArnList = [String]`).
    pub(super) fn array_item(&self, ty: &TypeRef) -> Option<TypeRef> {
        match strip(ty) {
            TypeRef::Array(item) => Some((**item).clone()),
            TypeRef::Named(name) => match &self.space.through_aliases(name)?.kind {
                TypeKind::Alias(inner) => self.array_item(inner),
                _ => None,
            },
            _ => None,
        }
    }

    /// `ty` with nullability and named aliases of scalars seen through (`NextToken = String`).
    pub(super) fn resolved(&self, ty: &TypeRef) -> TypeRef {
        match strip(ty) {
            TypeRef::Named(name) => match self.space.through_aliases(name).map(|d| &d.kind) {
                Some(TypeKind::Alias(inner)) if !matches!(strip(inner), TypeRef::Named(_)) => {
                    strip(inner).clone()
                }
                _ => TypeRef::Named(name.clone()),
            },
            other => other.clone(),
        }
    }

    pub(super) fn struct_fields(&self, ty: &TypeRef) -> Option<(&str, &[Field])> {
        let TypeRef::Named(name) = strip(ty) else {
            return None;
        };
        let def = self.space.through_aliases(name)?;
        match &def.kind {
            TypeKind::Struct { fields, .. } => Some((def.rust_name.as_str(), fields)),
            _ => None,
        }
    }

    /// Whether `path` in the page type is an object member.
    pub fn is_object_at(&self, ty: &TypeRef, path: &[&str]) -> bool {
        let Some((first, rest)) = path.split_first() else {
            return self.struct_fields(ty).is_some();
        };
        self.struct_fields(ty)
            .and_then(|(_, fields)| fields.iter().find(|f| f.wire_name == *first))
            .is_some_and(|f| self.is_object_at(&f.ty, rest))
    }

    /// A string, number or boolean, through nullability and aliases.
    pub(super) fn is_scalar(&self, ty: &TypeRef) -> bool {
        matches!(
            self.resolved(ty),
            TypeRef::String | TypeRef::Integer | TypeRef::Number | TypeRef::Boolean
        )
    }

    /// The scalar type at `path` in the page type.
    pub fn scalar_at(&self, ty: &TypeRef, path: &[&str]) -> Option<TypeRef> {
        let (first, rest) = path.split_first()?;
        let (_, fields) = self.struct_fields(ty)?;
        let field = fields.iter().find(|f| f.wire_name == *first)?;
        if rest.is_empty() {
            return self.is_scalar(&field.ty).then(|| self.resolved(&field.ty));
        }
        self.scalar_at(&field.ty, rest)
    }

    /// The page's string member of one of `names` whose description calls it a URL or link.
    fn described_url(&self, ty: &TypeRef, names: &[&str]) -> Option<Vec<String>> {
        let (_, fields) = self.struct_fields(ty)?;
        let says_url = |f: &&Field| {
            f.docs.description.as_deref().is_some_and(|d| {
                d.split(|c: char| !c.is_ascii_alphanumeric())
                    .any(|w| matches!(w.to_ascii_lowercase().as_str(), "url" | "uri" | "link"))
            })
        };
        let found: Vec<&Field> = fields
            .iter()
            .filter(|f| names.contains(&f.wire_name.as_str()))
            .filter(|f| self.resolved(&f.ty) == TypeRef::String)
            .filter(says_url)
            .collect();
        match found.as_slice() {
            [one] => Some(vec![one.wire_name.clone()]),
            _ => None,
        }
    }

    /// The top-level members of the JSON request body.
    pub fn body_members(&self) -> Vec<String> {
        match self.body {
            Some(Body::Json { ty, .. }) => self
                .struct_fields(ty)
                .map(|(_, f)| f.iter().map(|f| f.wire_name.clone()).collect())
                .unwrap_or_default(),
            _ => Vec::new(),
        }
    }

    /// A paging input of one of `names`, in the query or the JSON body, and its type.
    fn input(&self, names: &[&str]) -> Vec<(PageParam, TypeRef)> {
        let mut out: Vec<(PageParam, TypeRef)> = self
            .query
            .iter()
            .filter(|p| names.contains(&p.wire_name.as_str()))
            .map(|p| (PageParam::Query(p.wire_name.clone()), self.resolved(&p.ty)))
            .collect();
        if let Some(Body::Json { ty, .. }) = self.body
            && let Some((_, fields)) = self.struct_fields(ty)
        {
            out.extend(
                fields
                    .iter()
                    .filter(|f| names.contains(&f.wire_name.as_str()))
                    .map(|f| {
                        (
                            PageParam::Body(vec![f.wire_name.clone()]),
                            strip(&f.ty).clone(),
                        )
                    }),
            );
        }
        out
    }
}

pub(super) fn page_field(f: &Field) -> PageField {
    PageField {
        wire_name: f.wire_name.clone(),
        rust_name: f.rust_name.clone(),
        optional: !f.required || matches!(f.ty, TypeRef::Nullable(_)),
    }
}

pub(super) fn under_path(under: &[PageField]) -> String {
    let names: Vec<&str> = under.iter().map(|f| f.wire_name.as_str()).collect();
    names.join(".")
}

fn strip(t: &TypeRef) -> &TypeRef {
    match t {
        TypeRef::Nullable(inner) => strip(inner),
        other => other,
    }
}

pub(super) fn one<T>(mut v: Vec<T>) -> Option<T> {
    (v.len() == 1).then(|| v.remove(0))
}

/// The cursor input to send: the only one; or, of several with different names (Twitter's
/// `next_token` and `pagination_token`), the one named as a cursor member of the page. Query
/// parameters that spell one name two ways (`next_token` beside `NextToken`, which APIs.guru's AWS
/// documents add to the service's own) leave open which one the server reads, and sending only
/// the other would loop: both are documented inputs, so each is sent the cursor. Spellings split
/// between the query and the body are left unpaged.
fn cursor_input(inputs: &[(PageParam, TypeRef)], fields: &[Vec<String>]) -> Option<PageParam> {
    let name = |p: &PageParam| match p {
        PageParam::Query(n) | PageParam::Header(n) => n.clone(),
        PageParam::Body(path) => path.last().cloned().unwrap_or_default(),
        PageParam::Queries(names) => names.first().cloned().unwrap_or_default(),
    };
    match inputs {
        [] => return None,
        [(only, _)] => return Some(only.clone()),
        _ => {}
    }
    let mut spellings: Vec<String> = inputs
        .iter()
        .map(|(p, _)| name(p).to_snake_case())
        .collect();
    spellings.sort();
    spellings.dedup();
    if spellings.len() < inputs.len() {
        let queries: Option<Vec<String>> = inputs
            .iter()
            .map(|(p, _)| match p {
                PageParam::Query(n) => Some(n.clone()),
                _ => None,
            })
            .collect();
        return match (spellings.len(), queries) {
            (1, Some(names)) => Some(PageParam::Queries(names)),
            _ => None,
        };
    }
    one(inputs
        .iter()
        .filter(|(p, _)| fields.iter().any(|f| f.last() == Some(&name(p))))
        .map(|(p, _)| p.clone())
        .collect())
}

/// Applies the rules to one operation.
pub fn detect(shape: &Shape<'_>) -> Detected {
    let integer = |t: &TypeRef| matches!(t, TypeRef::Integer | TypeRef::Number);
    let offset = one(shape
        .input(OFFSET)
        .into_iter()
        .filter(|(_, t)| integer(t))
        .collect());
    let page = one(shape
        .input(PAGE)
        .into_iter()
        .filter(|(_, t)| integer(t))
        .collect());
    let size = one(shape
        .input(SIZE)
        .into_iter()
        .filter(|(_, t)| integer(t))
        .collect())
    .map(|(p, _)| p);
    let mut cursor_inputs = shape.input(CURSOR_PARAMS);
    // The same cursor as a query parameter and a body member (AWS documents as APIs.guru
    // converts them): the body is the request's own, and the one the service reads.
    if let [(PageParam::Query(q), _), (PageParam::Body(b), _)] = cursor_inputs.as_slice()
        && b.len() == 1
        && b[0] == *q
    {
        cursor_inputs.remove(0);
    }
    // AWS API Gateway's cursor, and a member of many a written body (a task's place in a list).
    cursor_inputs.retain(|(p, _)| !matches!(p, PageParam::Body(b) if b[..] == ["position"]));
    // A cursor in a response header goes back as a query parameter (Visma) or, where none takes
    // it, as a request header of a cursor's name (DigitalLinguistics).
    let header_cursor = paging_headers::cursor_header(shape.headers);
    let header_inputs = match &header_cursor {
        Some(_) if cursor_inputs.is_empty() => paging_headers::cursor_inputs(shape.header_params),
        _ => Vec::new(),
    };
    let list_like = offset.is_some()
        || page.is_some()
        || size.is_some()
        || !cursor_inputs.is_empty()
        || !header_inputs.is_empty();
    if !list_like {
        return Detected::NotAList;
    }
    if shape.writes() {
        return Detected::Unpaged(format!(
            "it is a {}: asking for the next page would write again",
            shape.method.as_str()
        ));
    }
    let Some(ResponseContent::Json(response)) = shape.success.map(|s| &s.content) else {
        return Detected::Unpaged("its success response is not JSON".into());
    };
    let PageItems {
        page_type,
        under,
        items,
        item_type,
    } = match shape.page_items(response, None) {
        Ok(found) => found,
        Err(why) => return Detected::Unpaged(why),
    };
    let places = PageMembers::new(shape, response, &under);
    let found = |paths: &[&[&str]], want: fn(&TypeRef) -> bool| -> Vec<Vec<String>> {
        if page_type.is_none() {
            return Vec::new();
        }
        places.find(paths, want)
    };
    let members = |names: &[&str], want: fn(&TypeRef) -> bool| -> Option<Vec<String>> {
        let paths: Vec<&[&str]> = names.iter().map(std::slice::from_ref).collect();
        one(found(&paths, want))
    };
    let has_more = members(HAS_MORE, |t| *t == TypeRef::Boolean);
    let scalar = |t: &TypeRef| matches!(t, TypeRef::String | TypeRef::Integer);
    let paged = |convention: &str, next: NextPage| {
        Detected::Paged(Box::new(Pagination {
            convention: convention.into(),
            detected_by: PaginationSource::Shape,
            page_type: page_type.clone(),
            item_type: item_type.clone(),
            items: items.clone(),
            items_under: under.clone(),
            has_more: has_more.clone(),
            next,
        }))
    };

    if shape.headers.iter().any(|h| h.eq_ignore_ascii_case("link")) {
        return paged("link", NextPage::LinkHeader);
    }
    // A cursor input and exactly one place a cursor comes from.
    let fields = found(CURSOR_FIELDS, scalar);
    if let Some(param) = cursor_input(&cursor_inputs, &fields) {
        // A page member that names a cursor twice (`next_cursor` and `meta.next_cursor`) is
        // ambiguous; the same name as the input (`NextToken`) settles it.
        let names: Vec<String> = match &param {
            PageParam::Query(n) | PageParam::Header(n) => vec![n.clone()],
            PageParam::Body(p) => vec![p.join(".")],
            PageParam::Queries(spellings) => spellings.clone(),
        };
        let field = match fields.as_slice() {
            [only] => Some(only.clone()),
            // A page that hands back the input under its own name (`pageToken` in, `pageToken`
            // out), where no cursor name is known.
            [] => one(names
                .iter()
                .flat_map(|n| {
                    let own: Vec<&str> = n.split('.').collect();
                    found(&[&own], scalar)
                })
                .collect()),
            several => several
                .iter()
                .find(|f| names.contains(&f.join(".")))
                .cloned(),
        };
        if let Some(field) = field {
            return paged(
                "cursor_path",
                NextPage::Cursor {
                    forward: PageLink {
                        param,
                        from: CursorSource::Field(field),
                    },
                    backward: None,
                },
            );
        }
        // Stripe and Discord: the last item's id feeds `starting_after` / `after`.
        let last_item = names
            .iter()
            .any(|n| matches!(n.as_str(), "starting_after" | "after"));
        let item_has_id = shape.struct_fields(&item_type).is_some_and(|(_, f)| {
            f.iter()
                .any(|f| f.wire_name == "id" && scalar(strip(&f.ty)))
        });
        if last_item && item_has_id && found(NEXT_URLS, |t| *t == TypeRef::String).is_empty() {
            return paged(
                "last_item",
                NextPage::Cursor {
                    forward: PageLink {
                        param,
                        from: CursorSource::LastItem(vec!["id".into()]),
                    },
                    backward: None,
                },
            );
        }
    }
    if let Some(next) = one(found(NEXT_URLS, |t| *t == TypeRef::String)) {
        return paged("next_url", NextPage::NextUrl { field: next });
    }
    if let Some((offset, _)) = offset {
        return paged(
            "offset",
            NextPage::Offset {
                offset,
                limit: size,
                total: members(TOTALS, |t| *t == TypeRef::Integer),
            },
        );
    }
    if let Some((page, _)) = page {
        return paged(
            "page",
            NextPage::PageNumber {
                page,
                size,
                total_pages: members(TOTAL_PAGES, |t| *t == TypeRef::Integer),
                first: 1,
            },
        );
    }
    if cursor_inputs.is_empty()
        && let Some(next) = shape.described_url(response, DESCRIBED_NEXT_URLS)
    {
        return paged("next_url", NextPage::NextUrl { field: next });
    }
    if let Some(from) = header_cursor
        && let Some(param) = cursor_input(&[cursor_inputs.clone(), header_inputs].concat(), &[])
    {
        return paged(
            "cursor_header",
            NextPage::Cursor {
                forward: PageLink {
                    param,
                    from: CursorSource::Header(from),
                },
                backward: None,
            },
        );
    }
    Detected::Unpaged(match cursor_inputs.len() {
        0 => "it takes a page size, but no offset, page number, cursor or next link says how to \
              ask for the next page"
            .into(),
        1 => "no page member says where the next cursor is".into(),
        _ => "it takes several cursor inputs".into(),
    })
}
