//! Cursors that travel in headers. Visma's lists answer with a `NextPageToken` header that the
//! next request sends as its `pageToken` query parameter; Azure Data Lake's with
//! `x-ms-continuation` for `continuation`; DigitalLinguistics' (as Cosmos DB's) with a
//! `dlx-continuation` header that goes back as the `continuation` request header. A declared
//! success-response header is the next cursor only where nothing in the page says how to go on,
//! and only by a name that says it is one: a continuation, a cursor or a (next) page token.

use crate::ir::{HeaderParam, PageParam, TypeRef};

/// Whether a header's name says it carries a cursor: `NextPageToken`, `X-Next-Cursor`,
/// `X-Cursor`, `x-ms-continuation`, `Continuation-Token`. Vendor prefixes before `continuation`
/// (`x-ms-`, `dlx-`) are allowed; names that say only "page" or "next" (a number or a URL) are not.
pub fn names_a_cursor(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    let bare = lower.strip_prefix("x-").unwrap_or(&lower);
    let squashed: String = bare.chars().filter(char::is_ascii_alphanumeric).collect();
    matches!(
        squashed.as_str(),
        "cursor"
            | "nextcursor"
            | "pagecursor"
            | "pagetoken"
            | "nextpagetoken"
            | "nexttoken"
            | "continuation"
            | "continuationtoken"
    ) || lower.ends_with("-continuation")
}

/// The one header the success response declares that carries the next cursor.
pub fn cursor_header(declared: &[String]) -> Option<String> {
    let mut found = declared.iter().filter(|h| names_a_cursor(h));
    match (found.next(), found.next()) {
        (Some(one), None) => Some(one.clone()),
        _ => None,
    }
}

/// The request's header parameters that take a cursor back, by the same names.
pub fn cursor_inputs(params: &[HeaderParam]) -> Vec<(PageParam, TypeRef)> {
    params
        .iter()
        .filter(|h| names_a_cursor(&h.param.wire_name))
        .map(|h| {
            (
                PageParam::Header(h.param.wire_name.clone()),
                h.param.ty.clone(),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn continuations_cursors_and_page_tokens_are_cursors() {
        for name in [
            "NextPageToken",
            "X-Next-Page-Token",
            "X-Cursor",
            "x-next-cursor",
            "x-ms-continuation",
            "dlx-continuation",
            "Continuation-Token",
            "continuation",
        ] {
            assert!(names_a_cursor(name), "{name}");
        }
    }

    #[test]
    fn page_numbers_links_and_other_tokens_are_not() {
        for name in [
            "Link",
            "x-next",
            "X-Page",
            "X-Pages",
            "X-Pagination-Page",
            "X-Debug-Token",
            "X-Request-Id",
            "NextPage",
        ] {
            assert!(!names_a_cursor(name), "{name}");
        }
    }

    #[test]
    fn two_cursor_headers_name_no_one_cursor() {
        let declared = |names: &[&str]| names.iter().map(|n| n.to_string()).collect::<Vec<_>>();
        assert_eq!(
            cursor_header(&declared(&["X-Request-Id", "NextPageToken"])).as_deref(),
            Some("NextPageToken")
        );
        assert_eq!(
            cursor_header(&declared(&["X-Cursor", "x-ms-continuation"])),
            None
        );
        assert_eq!(cursor_header(&declared(&["Link"])), None);
    }
}
