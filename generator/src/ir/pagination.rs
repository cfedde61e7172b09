//! How a list operation pages, as lowering decided it: the parameters the next request sets and
//! the page members they come from.

use serde::Serialize;

use super::{PageField, TypeRef};

/// How a list operation pages: which response fields feed which query parameter of the next
/// request.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Pagination {
    /// `cursor`, `token`, `id` (the official SDKs'), `offset`, `page`, `link`, `next_url`,
    /// `cursor_path`, `last_item`, or a convention declared in the generator config.
    pub convention: String,
    pub detected_by: PaginationSource,
    /// The success response, a named struct; `None` when it is a bare array of `item_type`.
    pub page_type: Option<String>,
    pub item_type: TypeRef,
    /// The page's array of items, e.g. `data`; `None` when the page is the array.
    pub items: Option<PageField>,
    /// The members the items array sits in, outermost first (`{"data": {"items": [...]}}`);
    /// empty when it is a member of the page itself.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub items_under: Vec<PageField>,
    /// The page's "more results" flag, by its path of member names, when it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub has_more: Option<Vec<String>>,
    pub next: NextPage,
}

impl Pagination {
    /// Whether the next page's request writes into the JSON body, so that a walk keeps the
    /// first request's body: its other members are what the server pages over.
    pub fn writes_body(&self) -> bool {
        self.inputs()
            .into_iter()
            .any(|p| matches!(p, PageParam::Body(_)))
    }

    /// The request inputs the walk sets from one page to the next.
    fn inputs(&self) -> Vec<&PageParam> {
        match &self.next {
            NextPage::Cursor { forward, backward } => std::iter::once(&forward.param)
                .chain(backward.iter().map(|b| &b.param))
                .collect(),
            NextPage::Offset { offset, limit, .. } => {
                std::iter::once(offset).chain(limit).collect()
            }
            NextPage::PageNumber { page, size, .. } => std::iter::once(page).chain(size).collect(),
            NextPage::LinkHeader | NextPage::NextUrl { .. } => Vec::new(),
        }
    }

    /// How the walk goes, in one line: `page <- next_page`, `offset += items (limit limit)`,
    /// `Link rel=next`; the items' member in front (`data: ...`), where the page is not the array.
    pub fn describe(&self) -> String {
        let param = |p: &PageParam| match p {
            PageParam::Query(name) => name.clone(),
            PageParam::Body(path) => format!("body.{}", path.join(".")),
            PageParam::Header(name) => format!("header {name}"),
            PageParam::Queries(names) => names.join("|"),
        };
        let link = |l: &PageLink| {
            let from = match &l.from {
                CursorSource::Field(path) => path.join("."),
                CursorSource::LastItem(path) => format!("last item's {}", path.join(".")),
                CursorSource::Header(name) => format!("header {name}"),
            };
            format!("{} <- {from}", param(&l.param))
        };
        let how = match &self.next {
            NextPage::Cursor { forward, backward } => {
                let mut out = link(forward);
                if let Some(b) = backward {
                    out.push_str(&format!(", {}", link(b)));
                }
                out
            }
            NextPage::Offset {
                offset,
                limit,
                total,
            } => {
                let mut out = format!("{} += items", param(offset));
                if let Some(l) = limit {
                    out.push_str(&format!(" (limit {})", param(l)));
                }
                if let Some(t) = total {
                    out.push_str(&format!(" until {}", t.join(".")));
                }
                out
            }
            NextPage::PageNumber {
                page,
                size,
                total_pages,
                first,
            } => {
                let mut out = format!("{} += 1 from {first}", param(page));
                if let Some(s) = size {
                    out.push_str(&format!(" (size {})", param(s)));
                }
                if let Some(t) = total_pages {
                    out.push_str(&format!(" until {}", t.join(".")));
                }
                out
            }
            NextPage::LinkHeader => "Link rel=next".to_string(),
            NextPage::NextUrl { field } => format!("url <- {}", field.join(".")),
        };
        match self.items_path().as_slice() {
            [] => format!("[]: {how}"),
            path => format!("{}: {how}", path.join(".")),
        }
    }

    /// The items array's path of member names in the page; empty when the page is the array.
    pub fn items_path(&self) -> Vec<String> {
        self.items_under
            .iter()
            .chain(&self.items)
            .map(|f| f.wire_name.clone())
            .collect()
    }
}

/// How the next page's request is made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NextPage {
    /// A parameter takes a value from the page.
    Cursor {
        forward: PageLink,
        /// Paging backwards, chosen when the first request sets this parameter (`before_id`).
        backward: Option<PageLink>,
    },
    /// The offset moves on by the items received.
    Offset {
        offset: PageParam,
        limit: Option<PageParam>,
        /// A count of all items, by path.
        total: Option<Vec<String>>,
    },
    /// The page number goes up by one.
    PageNumber {
        page: PageParam,
        size: Option<PageParam>,
        /// The number of pages, by path.
        total_pages: Option<Vec<String>>,
        first: u64,
    },
    /// RFC 8288 `Link: <...>; rel="next"`.
    LinkHeader,
    /// A URL in the body, by path.
    NextUrl { field: Vec<String> },
}

/// Where a paging parameter goes: a query parameter, a JSON body member by path, or a request
/// header (a continuation token sent back as the header it came in).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PageParam {
    Query(String),
    Body(Vec<String>),
    Header(String),
    /// Query parameters that are spellings of one input, each set to the same value: APIs.guru's
    /// AWS documents list the paginator's `NextToken` beside the service's own `next_token`, and
    /// only the server knows which one it reads.
    Queries(Vec<String>),
}

/// Where a cursor comes from: a page member by path, a member of the last item, or a response
/// header the document declares (Visma's `NextPageToken`, Azure's `x-ms-continuation`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CursorSource {
    Field(Vec<String>),
    LastItem(Vec<String>),
    Header(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PaginationSource {
    /// The query parameter and the response fields match a known convention.
    Shape,
    /// `x-stainless-pagination-property` marks the parameter and the response fields.
    StainlessHints,
    /// Named for this operation in the generator config.
    Config,
    /// Declared by another generator's extension (`x-speakeasy-pagination`, `x-fern-pagination`).
    Extension,
}

/// The next request sets `param` to the value `from` names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PageLink {
    pub param: PageParam,
    pub from: CursorSource,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cursor(param: PageParam) -> Pagination {
        Pagination {
            convention: "cursor".into(),
            detected_by: PaginationSource::Shape,
            page_type: None,
            item_type: TypeRef::String,
            items: None,
            items_under: Vec::new(),
            has_more: None,
            next: NextPage::Cursor {
                forward: PageLink {
                    param,
                    from: CursorSource::Field(vec!["next".into()]),
                },
                backward: None,
            },
        }
    }

    #[test]
    fn a_cursor_in_the_body_writes_the_body() {
        assert!(cursor(PageParam::Body(vec!["marker".into()])).writes_body());
        assert!(!cursor(PageParam::Query("marker".into())).writes_body());
        let mut offset = cursor(PageParam::Query("offset".into()));
        offset.next = NextPage::Offset {
            offset: PageParam::Query("offset".into()),
            limit: Some(PageParam::Body(vec!["limit".into()])),
            total: None,
        };
        assert!(offset.writes_body());
        offset.next = NextPage::LinkHeader;
        assert!(!offset.writes_body());
    }

    #[test]
    fn items_inside_members_are_described_by_their_whole_path() {
        let field = |name: &str| PageField {
            wire_name: name.into(),
            rust_name: name.to_lowercase(),
            optional: false,
        };
        let mut p = cursor(PageParam::Query("cursor".into()));
        assert!(p.items_path().is_empty());
        assert_eq!(p.describe(), "[]: cursor <- next");
        p.items = Some(field("records"));
        p.items_under = vec![field("Results"), field("page")];
        assert_eq!(p.items_path(), ["Results", "page", "records"]);
        assert_eq!(p.describe(), "Results.page.records: cursor <- next");
    }
}
