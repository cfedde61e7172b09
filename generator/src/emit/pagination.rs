//! Paginated lists: `runtime::Page` for each page type (`pagination.rs`), and the `pages()` and
//! `items()` streams on each list builder, with the operation's paging convention.

use std::collections::BTreeMap;

use proc_macro2::TokenStream;
use quote::quote;

use super::features::type_cfg;
use super::types::{ident, rust_type};
use crate::ir::{Api, CursorSource, NextPage, Operation, PageLink, PageParam, Pagination};

/// Whether the crate has a `pagination` module: some operation pages a named page type.
pub fn has_page_impls(api: &Api) -> bool {
    !page_types(api).is_empty()
}

/// Each named page type once, with the first pagination that pages it.
fn page_types(api: &Api) -> BTreeMap<&str, &Pagination> {
    // One impl per page type; a bare array is the runtime's own `Vec<T>` page.
    let mut by_type: BTreeMap<&str, &Pagination> = BTreeMap::new();
    for p in api
        .operations
        .iter()
        .filter_map(|op| op.pagination.as_ref())
    {
        if let (Some(page), Some(_)) = (&p.page_type, &p.items) {
            by_type.entry(page.as_str()).or_insert(p);
        }
    }
    by_type
}

/// The `pagination` module, or `None` when no operation pages a named page type.
pub fn emit_page_impls(api: &Api) -> Option<TokenStream> {
    let features = &api.shape.features;
    let by_type = page_types(api);
    if by_type.is_empty() {
        return None;
    }
    let impls = by_type.iter().filter_map(|(page_type, p)| {
        let (borrow, owned) = item_access(p)?;
        let page = ident(page_type);
        let cfg = type_cfg(features, page_type);
        let item = rust_type(&p.item_type, &quote!(types::));
        Some(quote! {
            #cfg
            impl runtime::Page for types::#page {
                type Item = #item;
                fn items(&self) -> &[Self::Item] { #borrow }
                fn into_items(self) -> Vec<Self::Item> { #owned }
            }
        })
    });
    Some(quote! {
        //! Where each list response keeps its items.

        // Unused when features leave out every list.
        #[allow(unused_imports)]
        use super::{runtime, types};

        #(#impls)*
    })
}

/// How a page's items are reached, borrowed and owned: through the members they sit in, each
/// `Option` one defaulting to no items.
fn item_access(p: &Pagination) -> Option<(TokenStream, TokenStream)> {
    let items = p.items.as_ref()?;
    let (mut borrow, mut owned) = (quote!(self), quote!(self));
    // Whether the walk so far is an `Option` of the place rather than the place.
    let mut maybe = false;
    for step in &p.items_under {
        let f = ident(&step.rust_name);
        (borrow, owned) = match (maybe, step.optional) {
            (false, false) => (quote!(#borrow.#f), quote!(#owned.#f)),
            (false, true) => (quote!(#borrow.#f.as_ref()), quote!(#owned.#f)),
            (true, false) => (quote!(#borrow.map(|v| &v.#f)), quote!(#owned.map(|v| v.#f))),
            (true, true) => (
                quote!(#borrow.and_then(|v| v.#f.as_ref())),
                quote!(#owned.and_then(|v| v.#f)),
            ),
        };
        maybe |= step.optional;
    }
    let f = ident(&items.rust_name);
    Some(match (maybe, items.optional) {
        (false, false) => (quote!(&#borrow.#f), quote!(#owned.#f)),
        (false, true) => (
            quote!(#borrow.#f.as_deref().unwrap_or_default()),
            quote!(#owned.#f.unwrap_or_default()),
        ),
        (true, false) => (
            quote!(#borrow.map(|v| v.#f.as_slice()).unwrap_or_default()),
            quote!(#owned.map(|v| v.#f).unwrap_or_default()),
        ),
        (true, true) => (
            quote!(#borrow.and_then(|v| v.#f.as_deref()).unwrap_or_default()),
            quote!(#owned.and_then(|v| v.#f).unwrap_or_default()),
        ),
    })
}

/// The Rust type of one page: the named page struct, or `Vec<Item>` for a bare array.
pub fn page_type(p: &Pagination) -> TokenStream {
    match &p.page_type {
        Some(name) => {
            let name = ident(name);
            quote!(types::#name)
        }
        None => {
            let item = rust_type(&p.item_type, &quote!(types::));
            quote!(Vec<#item>)
        }
    }
}

fn path(p: &[String]) -> TokenStream {
    quote!(&[#(#p),*])
}

fn param(p: &PageParam) -> TokenStream {
    match p {
        PageParam::Query(name) => quote!(runtime::Param::Query(#name)),
        PageParam::Body(members) => {
            let members = path(members);
            quote!(runtime::Param::Body(#members))
        }
        PageParam::Header(name) => quote!(runtime::Param::Header(#name)),
        PageParam::Queries(names) => quote!(runtime::Param::Queries(&[#(#names),*])),
    }
}

fn option<T>(v: Option<&T>, f: impl Fn(&T) -> TokenStream) -> TokenStream {
    match v {
        Some(v) => {
            let v = f(v);
            quote!(Some(#v))
        }
        None => quote!(None),
    }
}

fn link(l: &PageLink) -> TokenStream {
    let p = param(&l.param);
    let from = match &l.from {
        CursorSource::Field(f) => {
            let f = path(f);
            quote!(runtime::CursorFrom::Field(#f))
        }
        CursorSource::LastItem(f) => {
            let f = path(f);
            quote!(runtime::CursorFrom::LastItem(#f))
        }
        CursorSource::Header(name) => quote!(runtime::CursorFrom::Header(#name)),
    };
    quote!(runtime::PageLink { param: #p, from: #from })
}

fn shown(p: &PageParam) -> String {
    match p {
        PageParam::Query(name) => format!("`{name}`"),
        PageParam::Body(members) => format!("the body's `{}`", members.join(".")),
        PageParam::Header(name) => format!("the `{name}` header"),
        PageParam::Queries(names) => {
            let names: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
            format!("each of {}", names.join(" and "))
        }
    }
}

fn shown_source(s: &CursorSource) -> String {
    match s {
        CursorSource::Field(f) => format!("the page's `{}`", f.join(".")),
        CursorSource::LastItem(f) => format!("the last item's `{}`", f.join(".")),
        CursorSource::Header(name) => format!("the response's `{name}` header"),
    }
}

/// The convention as the runtime's constant, and how it reads in the docs.
fn convention(next: &NextPage) -> (TokenStream, String) {
    match next {
        NextPage::Cursor { forward, backward } => {
            let f = link(forward);
            let b = option(backward.as_ref(), link);
            let mut how = format!(
                " Each next request sets {} from {}",
                shown(&forward.param),
                shown_source(&forward.from)
            );
            if let Some(b) = backward {
                how.push_str(&format!(
                    " (or {} from {} when this request sets it)",
                    shown(&b.param),
                    shown_source(&b.from)
                ));
            }
            how.push_str(
                "; the walk ends when the cursor is missing or empty, and a repeated cursor is \
                 an error.",
            );
            (
                quote!(runtime::Convention::Cursor { forward: #f, backward: #b }),
                how,
            )
        }
        NextPage::Offset {
            offset,
            limit,
            total,
        } => {
            let o = param(offset);
            let l = option(limit.as_ref(), param);
            let t = option(total.as_ref(), |t| path(t));
            let mut how = format!(
                " Each next request moves {} on by the items received; the walk ends on an \
                 empty page",
                shown(offset)
            );
            if let Some(l) = limit {
                how.push_str(&format!(", a page shorter than {}", shown(l)));
            }
            if let Some(t) = total {
                how.push_str(&format!(", or when `{}` items have come", t.join(".")));
            }
            how.push('.');
            (
                quote!(runtime::Convention::Offset { offset: #o, limit: #l, total: #t }),
                how,
            )
        }
        NextPage::PageNumber {
            page,
            size,
            total_pages,
            first,
        } => {
            let p = param(page);
            let s = option(size.as_ref(), param);
            let t = option(total_pages.as_ref(), |t| path(t));
            let mut how = format!(
                " Each next request asks for the next {} (the first is {first}); the walk ends \
                 on an empty page",
                shown(page)
            );
            if let Some(s) = size {
                how.push_str(&format!(", a page shorter than {}", shown(s)));
            }
            if let Some(t) = total_pages {
                how.push_str(&format!(", or at `{}`", t.join(".")));
            }
            how.push('.');
            (
                quote!(runtime::Convention::PageNumber {
                    page: #p, size: #s, total_pages: #t, first: #first
                }),
                how,
            )
        }
        NextPage::LinkHeader => (
            quote!(runtime::Convention::LinkHeader),
            " Each next request follows the response's `Link: <...>; rel=\"next\"` header, on \
             the base URL's origin only; the walk ends without one."
                .to_string(),
        ),
        NextPage::NextUrl { field } => {
            let f = path(field);
            (
                quote!(runtime::Convention::NextUrl(#f)),
                format!(
                    " Each next request follows the URL in the page's `{}` (a relative one \
                     against the base URL, on its origin only); the walk ends without one.",
                    field.join(".")
                ),
            )
        }
    }
}

/// `pages()` and `items()` for a list builder; empty for operations that do not page.
pub fn emit_list_methods(op: &Operation, error_ty: &TokenStream) -> TokenStream {
    let Some(p) = &op.pagination else {
        return quote!();
    };
    let page = page_type(p);
    let (conv, how) = convention(&p.next);
    let items = path(&p.items_path());
    let has_more = option(p.has_more.as_ref(), |h| path(h));
    let how = format!(
        "{how} Everything else is sent as set here; an empty page{} also ends it.",
        match &p.has_more {
            Some(h) => format!(" or `{}` false", h.join(".")),
            None => String::new(),
        }
    );
    quote! {
        /// Every page, starting with this request and fetched one at a time as the stream is
        /// polled. Each page is retried on its own; a server that would make the walk loop ends
        /// the stream with [`Error::Pagination`](crate::runtime::Error::Pagination).
        ///
        #[doc = #how]
        pub fn pages(self) -> runtime::Pages<#page, #error_ty> {
            const PAGING: runtime::Paging = runtime::Paging {
                convention: #conv,
                items: #items,
                has_more: #has_more,
            };
            let first = runtime::Endpoint::to_request(&self.params);
            runtime::Pages::new(self.core, first, self.options, &PAGING)
        }

        /// Every item across all pages, in order; see [`Self::pages`] for how pages are fetched.
        pub fn items(self) -> runtime::Items<#page, #error_ty> {
            self.pages().items()
        }
    }
}
