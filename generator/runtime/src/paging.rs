//! How a list pages: the conventions the world's APIs use, and the next request each one makes.
//!
//! | convention | the next request | the walk ends |
//! |---|---|---|
//! | cursor | sets a parameter (query, body member or header) to a page field (any depth), the last item's field or a response header | no cursor, an empty one, or a repeated one (an error) |
//! | offset | moves the offset on by the items received | an empty or short page, or the offset reaching `total` |
//! | page number | asks for the next page | an empty or short page, or `total_pages` |
//! | `Link` header | follows `rel="next"` (RFC 8288) | no next link |
//! | next URL | follows a URL in the body, relative ones against the base URL | no URL |
//!
//! Every convention also ends on an empty page and when the page's "more" flag is false. Next
//! URLs must stay on the base URL's origin: credentials never go elsewhere.

use std::hash::{Hash, Hasher};

use bytes::Bytes;
use reqwest::Url;
use reqwest::header::HeaderMap;
use serde_json::Value;

use super::request::Request;

/// A path of member names into a JSON body: `["meta", "next_cursor"]`; empty is the body itself.
pub type FieldPath = &'static [&'static str];

/// Where a paging parameter goes in the request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Param {
    /// A query parameter.
    Query(&'static str),
    /// A member of the JSON body (a POST search or filter), by path.
    Body(FieldPath),
    /// A request header (a continuation token sent back the way it came).
    Header(&'static str),
    /// Query parameters that spell one input two ways (`next_token` and `NextToken`), each set to
    /// the value: the server reads the one it knows.
    Queries(&'static [&'static str]),
}

/// Where a cursor comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CursorFrom {
    /// A field of the page, at any depth (`response_metadata.next_cursor`).
    Field(FieldPath),
    /// A field of the page's last item (`id`, fed to `starting_after`).
    LastItem(FieldPath),
    /// A response header (`NextPageToken`, `x-ms-continuation`).
    Header(&'static str),
}

/// Which response field feeds which parameter of the next request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageLink {
    pub param: Param,
    pub from: CursorFrom,
}

/// How one list operation pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Convention {
    Cursor {
        forward: PageLink,
        /// Paging backwards, chosen when the first request sets this link's parameter
        /// (`before_id`).
        backward: Option<PageLink>,
    },
    Offset {
        offset: Param,
        limit: Option<Param>,
        /// A count of all items (`total_count`), when the page has one.
        total: Option<FieldPath>,
    },
    PageNumber {
        page: Param,
        size: Option<Param>,
        /// The number of pages (`total_pages`), when the page has one.
        total_pages: Option<FieldPath>,
        /// The number of the first page: 1, or 0 where the document says so.
        first: u64,
    },
    /// RFC 8288 `Link: <...>; rel="next"`, as GitHub pages.
    LinkHeader,
    /// A URL of the next page in the body (`next`, `_links.next.href`).
    NextUrl(FieldPath),
}

/// A list operation's paging: its convention, where its items are, and its "more" flag.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Paging {
    pub convention: Convention,
    /// The items array in the page; empty when the page is the array.
    pub items: FieldPath,
    /// The "more results" flag, when the page has one.
    pub has_more: Option<FieldPath>,
}

/// What follows one page.
#[derive(Debug)]
pub(crate) enum Step {
    Next,
    Done,
    /// A server that would make the walk loop, or lead it elsewhere.
    Fail(String),
}

/// The page just received, as the convention reads it.
pub(crate) struct Received<'a> {
    pub items: usize,
    pub body: &'a Bytes,
    pub headers: &'a HeaderMap,
    /// The 1-based number of this page in the walk, for messages.
    pub number: usize,
}

/// The state a walk keeps between pages.
#[derive(Debug, Default)]
pub(crate) struct Walk {
    /// Cursors and URLs already used; seeing one again means the server would loop.
    seen: std::collections::HashSet<String>,
    /// The previous page's body, hashed: an offset or page the server ignores repeats it.
    previous: Option<u64>,
}

impl Paging {
    /// The direction a cursor walk takes from its first request, as the official SDKs choose it.
    pub fn link_for(&self, request: &Request) -> Option<PageLink> {
        match self.convention {
            Convention::Cursor {
                backward: Some(back),
                ..
            } if param_value(request, back.param).is_some_and(|v| !v.is_empty()) => Some(back),
            Convention::Cursor { forward, .. } => Some(forward),
            _ => None,
        }
    }

    /// Remembers what the first request already names, so a server that hands it back fails.
    pub(crate) fn start(&self, request: &Request) -> Walk {
        let mut walk = Walk::default();
        if let Some(link) = self.link_for(request)
            && let Some(value) = param_value(request, link.param).filter(|v| !v.is_empty())
        {
            walk.seen.insert(value);
        }
        walk
    }

    /// Sets up `request` for the page after `page`, or says the walk is over.
    pub(crate) fn advance(
        &self,
        walk: &mut Walk,
        request: &mut Request,
        base_url: &str,
        page: &Received<'_>,
    ) -> Step {
        if page.items == 0 {
            return Step::Done;
        }
        if let Some(flag) = self.has_more
            && extract(page.body, flag, None).as_deref() == Some("false")
        {
            return Step::Done;
        }
        // Only an offset or a page number can be ignored by the server; a cursor or a link that
        // repeats is caught by `seen`. So only they hash the page.
        let mut repeated = || {
            let mut h = std::collections::hash_map::DefaultHasher::new();
            page.body.hash(&mut h);
            let digest = h.finish();
            walk.previous.replace(digest) == Some(digest)
        };
        match self.convention {
            Convention::Cursor { .. } => {
                let Some(link) = self.link_for(request) else {
                    return Step::Done;
                };
                let value = match link.from {
                    CursorFrom::Field(path) => extract_value(page.body, path, None),
                    CursorFrom::LastItem(path) => extract_value(page.body, self.items, Some(path)),
                    CursorFrom::Header(name) => page
                        .headers
                        .get(name)
                        .and_then(|v| v.to_str().ok())
                        .map(|v| Value::String(v.trim().to_string())),
                };
                let Some(value) = value.filter(|v| !text(v).is_empty()) else {
                    return Step::Done;
                };
                let shown = text(&value);
                if !walk.seen.insert(shown.clone()) {
                    let field = match link.from {
                        CursorFrom::Field(path) => format!("`{}`", path.join(".")),
                        CursorFrom::LastItem(path) => format!("last item's `{}`", path.join(".")),
                        CursorFrom::Header(name) => format!("`{name}` header"),
                    };
                    return Step::Fail(format!(
                        "page {} handed back the {field} value `{shown}` that an earlier page \
                         already gave; stopping instead of requesting the same page again",
                        page.number
                    ));
                }
                set_param(request, link.param, value)
            }
            Convention::Offset {
                offset,
                limit,
                total,
            } => {
                if repeated() {
                    return ignored(page.number, "offset");
                }
                let current = number(request, offset).unwrap_or(0);
                let next = current + page.items as u64;
                let short = limit
                    .and_then(|l| number(request, l))
                    .is_some_and(|l| (page.items as u64) < l);
                let exhausted = total
                    .and_then(|t| extract(page.body, t, None))
                    .and_then(|t| t.parse::<u64>().ok())
                    .is_some_and(|t| next >= t);
                if short || exhausted {
                    return Step::Done;
                }
                set_param(request, offset, Value::from(next))
            }
            Convention::PageNumber {
                page: param,
                size,
                total_pages,
                first,
            } => {
                if repeated() {
                    return ignored(page.number, "page number");
                }
                let current = number(request, param).unwrap_or(first);
                let short = size
                    .and_then(|s| number(request, s))
                    .is_some_and(|s| (page.items as u64) < s);
                let last = total_pages
                    .and_then(|t| extract(page.body, t, None))
                    .and_then(|t| t.parse::<u64>().ok())
                    .is_some_and(|t| current + 1 - first >= t);
                if short || last {
                    return Step::Done;
                }
                set_param(request, param, Value::from(current + 1))
            }
            Convention::LinkHeader => {
                let next = page
                    .headers
                    .get_all(reqwest::header::LINK)
                    .iter()
                    .filter_map(|v| v.to_str().ok())
                    .find_map(next_link);
                match next {
                    Some(url) => follow(walk, request, base_url, &url, page.number),
                    None => Step::Done,
                }
            }
            Convention::NextUrl(path) => match extract(page.body, path, None) {
                Some(url) if !url.is_empty() && url != "null" => {
                    follow(walk, request, base_url, &url, page.number)
                }
                _ => Step::Done,
            },
        }
    }
}

fn ignored(number: usize, what: &str) -> Step {
    Step::Fail(format!(
        "page {number} repeats the page before it: the server ignores the {what}; stopping \
         instead of requesting it again"
    ))
}

/// Points `request` at a next URL: relative ones resolve against the base URL, and other origins
/// are refused, so credentials never go there.
fn follow(walk: &mut Walk, request: &mut Request, base_url: &str, next: &str, n: usize) -> Step {
    let Ok(base) = Url::parse(&format!("{}/", base_url.trim_end_matches('/'))) else {
        return Step::Fail(format!("the base URL `{base_url}` is not a URL"));
    };
    let url = match base.join(next) {
        Ok(url) => url,
        Err(e) => return Step::Fail(format!("page {n}'s next URL `{next}` is not a URL: {e}")),
    };
    if url.origin() != base.origin() {
        return Step::Fail(format!(
            "page {n}'s next URL is on {}, not on the base URL's origin {}; refusing to send the \
             request (and its credentials) there",
            url.origin().ascii_serialization(),
            base.origin().ascii_serialization()
        ));
    }
    if !walk.seen.insert(url.as_str().to_string()) {
        return Step::Fail(format!(
            "page {n} handed back the next URL `{url}` that an earlier page already gave; \
             stopping instead of requesting the same page again"
        ));
    }
    request.url = Some(url);
    Step::Next
}

fn set_param(request: &mut Request, param: Param, value: Value) -> Step {
    match param {
        Param::Header(name) => {
            request.set_header(name, text(&value));
            Step::Next
        }
        Param::Queries(names) => {
            for name in names {
                request.set_query(name, text(&value));
            }
            Step::Next
        }
        Param::Query(name) => {
            request.set_query(name, text(&value));
            Step::Next
        }
        Param::Body(path) => {
            // A POST search: the body is JSON; its member at `path` takes the value.
            let mut body = request
                .json_body()
                .unwrap_or(Value::Object(Default::default()));
            let mut node = &mut body;
            for (i, key) in path.iter().enumerate() {
                let Value::Object(members) = node else {
                    return Step::Fail(format!(
                        "the request body has no object at `{}` to page with",
                        path[..i].join(".")
                    ));
                };
                node = members
                    .entry(key.to_string())
                    .or_insert_with(|| Value::Object(Default::default()));
            }
            *node = value;
            match request.set_json_body(&body) {
                Ok(()) => Step::Next,
                Err(e) => Step::Fail(e),
            }
        }
    }
}

fn param_value(request: &Request, param: Param) -> Option<String> {
    match param {
        Param::Query(name) => request.query_value(name).map(str::to_string),
        Param::Header(name) => request.header_value(name).map(str::to_string),
        Param::Queries(names) => names
            .iter()
            .find_map(|name| request.query_value(name))
            .map(str::to_string),
        Param::Body(path) => {
            let body = request.json_body()?;
            let mut node = &body;
            for key in path {
                node = node.get(key)?;
            }
            match node {
                Value::Null | Value::Object(_) | Value::Array(_) => None,
                scalar => Some(text(scalar)),
            }
        }
    }
}

fn number(request: &Request, param: Param) -> Option<u64> {
    param_value(request, param).and_then(|v| v.parse().ok())
}

/// The URL of `rel="next"` in one `Link` header value (RFC 8288): `<url>; rel="next"`, where
/// `rel` may list several relation types and values may be quoted or not.
pub(crate) fn next_link(header: &str) -> Option<String> {
    let mut rest = header;
    while let Some(open) = rest.find('<') {
        let close = open + rest[open..].find('>')?;
        let url = &rest[open + 1..close];
        // The link's parameters run to the next link, which starts with `<` after a comma.
        let after = &rest[close + 1..];
        let end = after
            .match_indices(',')
            .map(|(c, _)| c)
            .find(|&c| after[c + 1..].trim_start().starts_with('<'));
        let params = &after[..end.unwrap_or(after.len())];
        let is_next = params.split(';').any(|p| {
            let Some((name, value)) = p.split_once('=') else {
                return false;
            };
            name.trim().eq_ignore_ascii_case("rel")
                && value
                    .trim()
                    .trim_matches('"')
                    .split_ascii_whitespace()
                    .any(|r| r.eq_ignore_ascii_case("next"))
        });
        if is_next {
            return Some(url.to_string());
        }
        rest = &after[end.map_or(after.len(), |e| e + 1)..];
    }
    None
}

/// The scalar at `path` in a JSON body, as text (numbers and booleans as written, strings
/// unquoted); with `then`, the scalar at `then` inside the last element of the array at `path`.
/// Everything else in the body is skipped, not built.
pub(crate) fn extract(body: &[u8], path: FieldPath, then: Option<FieldPath>) -> Option<String> {
    extract_value(body, path, then).map(|v| text(&v))
}

/// [`extract`], keeping the scalar's JSON type: a cursor goes back as the type it came as.
pub(crate) fn extract_value(
    body: &[u8],
    path: FieldPath,
    then: Option<FieldPath>,
) -> Option<Value> {
    use serde::de::DeserializeSeed;
    let mut de = serde_json::Deserializer::from_slice(super::bom::json_text(body));
    Seek { path, then }.deserialize(&mut de).ok().flatten()
}

/// A scalar as a query parameter writes it.
fn text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Walks to a path, skipping what is off it.
struct Seek {
    path: FieldPath,
    /// After the path, the last element of an array and this path inside it.
    then: Option<FieldPath>,
}

impl<'de> serde::de::DeserializeSeed<'de> for Seek {
    type Value = Option<Value>;

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> serde::de::Visitor<'de> for Seek {
    type Value = Option<Value>;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("JSON")
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut found = None;
        while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
            match self.path.split_first() {
                Some((first, rest)) if *first == key => {
                    found = map.next_value_seed(Seek {
                        path: rest,
                        then: self.then,
                    })?;
                }
                _ => {
                    map.next_value::<serde::de::IgnoredAny>()?;
                }
            }
        }
        Ok(found)
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut last = None;
        match (self.path.is_empty(), self.then) {
            (true, Some(inner)) => {
                while let Some(value) = seq.next_element_seed(Seek {
                    path: inner,
                    then: None,
                })? {
                    last = value;
                }
            }
            _ => while seq.next_element::<serde::de::IgnoredAny>()?.is_some() {},
        }
        Ok(last)
    }

    fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
        Ok(self.at_end().then(|| Value::String(v.to_string())))
    }
    fn visit_bool<E>(self, v: bool) -> Result<Self::Value, E> {
        Ok(self.at_end().then_some(Value::Bool(v)))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Self::Value, E> {
        Ok(self.at_end().then(|| Value::from(v)))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Self::Value, E> {
        Ok(self.at_end().then(|| Value::from(v)))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Self::Value, E> {
        Ok(self.at_end().then(|| Value::from(v)))
    }
    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
}

impl Seek {
    fn at_end(&self) -> bool {
        self.path.is_empty() && self.then.is_none()
    }
}

#[cfg(test)]
mod tests;
