//! Where a page keeps its bookkeeping (the next cursor, the next page's URL, the "more" flag, the
//! counts), looked for nearest first: by the paths the rules name, from the page itself; then
//! beside the items, where they sit in a member of their own; then inside one member that holds
//! the page's bookkeeping (`_metadata.next`, `pageInfo.endCursor`). The first place that has any
//! answers, so a member on the page itself is never made ambiguous by a deeper one.

use super::paging_rules::Shape;
use crate::ir::{PageField, TypeRef};

/// Names of the members pages keep their bookkeeping in.
const HOLDERS: &[&str] = &[
    "meta",
    "_meta",
    "metadata",
    "_metadata",
    "Metadata",
    "links",
    "_links",
    "pagination",
    "Pagination",
    "paging",
    "page_info",
    "pageInfo",
    "PageInfo",
    "response_metadata",
];

/// A page's members, as [`Shape::scalar_at`] reads them.
pub struct PageMembers<'a> {
    shape: &'a Shape<'a>,
    response: &'a TypeRef,
    /// Where to look, nearest first, each step a set of paths looked at together: the page;
    /// beside the items; the members holding bookkeeping, on the page or beside the items.
    places: Vec<Vec<Vec<&'a str>>>,
}

impl<'a> PageMembers<'a> {
    pub fn new(shape: &'a Shape<'a>, response: &'a TypeRef, under: &'a [PageField]) -> Self {
        let mut near = vec![Vec::new()];
        if !under.is_empty() {
            near.push(under.iter().map(|f| f.wire_name.as_str()).collect());
        }
        let holders: Vec<Vec<&'a str>> = near
            .iter()
            .flat_map(|base| {
                HOLDERS
                    .iter()
                    .map(move |h| [base.as_slice(), &[*h]].concat())
            })
            .filter(|p| shape.is_object_at(response, p))
            .collect();
        let mut places: Vec<Vec<Vec<&'a str>>> = near.into_iter().map(|b| vec![b]).collect();
        places.push(holders);
        Self {
            shape,
            response,
            places,
        }
    }

    /// The paths among `paths` that hold a scalar of the wanted type, from the nearest place
    /// that has any.
    pub fn find(&self, paths: &[&[&str]], want: fn(&TypeRef) -> bool) -> Vec<Vec<String>> {
        for places in &self.places {
            let hits: Vec<Vec<String>> = places
                .iter()
                .flat_map(|base| paths.iter().map(move |p| [base.as_slice(), p].concat()))
                .filter(|p| {
                    self.shape
                        .scalar_at(self.response, p)
                        .is_some_and(|t| want(&t))
                })
                .map(|p| p.iter().map(|s| s.to_string()).collect())
                .collect();
            if !hits.is_empty() {
                return hits;
            }
        }
        Vec::new()
    }
}
