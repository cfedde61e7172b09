//! Paginated lists: `runtime::Page` for each page type (`pagination.rs`), and the `pages()` and
//! `items()` streams on each list builder.

use std::collections::BTreeMap;

use proc_macro2::TokenStream;
use quote::quote;

use super::features::Features;
use super::types::{ident, rust_type};
use crate::ir::{Api, Operation, PageField, PageLink, Pagination};

/// The `pagination` module, or `None` when no operation pages.
pub fn emit_page_impls(api: &Api, features: &Features) -> Option<TokenStream> {
    // One impl per page type; operations that share it contribute their cursor fields.
    let mut by_type: BTreeMap<&str, (&Pagination, BTreeMap<&str, &PageField>)> = BTreeMap::new();
    for p in api
        .operations
        .iter()
        .filter_map(|op| op.pagination.as_ref())
    {
        let entry = by_type
            .entry(p.page_type.as_str())
            .or_insert_with(|| (p, BTreeMap::new()));
        for link in std::iter::once(&p.forward).chain(&p.backward) {
            entry.1.insert(link.field.wire_name.as_str(), &link.field);
        }
    }
    if by_type.is_empty() {
        return None;
    }
    let impls = by_type.values().map(|(p, cursors)| {
        let page = ident(&p.page_type);
        let cfg = features.type_cfg(&p.page_type);
        let item = rust_type(&p.item_type, &quote!(types::));
        let items = ident(&p.items.rust_name);
        let (borrow, owned) = if p.items.optional {
            (
                quote!(self.#items.as_deref().unwrap_or_default()),
                quote!(self.#items.unwrap_or_default()),
            )
        } else {
            (quote!(&self.#items), quote!(self.#items))
        };
        let has_more = match &p.has_more {
            Some(f) if f.optional => {
                let f = ident(&f.rust_name);
                quote!(self.#f)
            }
            Some(f) => {
                let f = ident(&f.rust_name);
                quote!(Some(self.#f))
            }
            None => quote!(None),
        };
        let arms = cursors.iter().map(|(wire, f)| {
            let name = ident(&f.rust_name);
            if f.optional {
                quote!(#wire => self.#name.as_deref(),)
            } else {
                quote!(#wire => Some(self.#name.as_str()),)
            }
        });
        quote! {
            #cfg
            impl runtime::Page for types::#page {
                type Item = #item;
                fn items(&self) -> &[Self::Item] { #borrow }
                fn into_items(self) -> Vec<Self::Item> { #owned }
                fn has_more(&self) -> Option<bool> { #has_more }
                fn cursor(&self, field: &str) -> Option<&str> {
                    match field {
                        #(#arms)*
                        _ => None,
                    }
                }
            }
        }
    });
    Some(quote! {
        //! How each list response pages: its items, its "more" flag and its cursor fields.

        // Unused when features leave out every list.
        #[allow(unused_imports)]
        use crate::{runtime, types};

        #(#impls)*
    })
}

/// `pages()` and `items()` for a list builder; empty for operations that do not page.
pub fn emit_list_methods(op: &Operation, error_ty: &TokenStream) -> TokenStream {
    let Some(p) = &op.pagination else {
        return quote!();
    };
    let page = ident(&p.page_type);
    let link = |l: &PageLink| {
        let (param, field) = (&l.param, &l.field.wire_name);
        quote!(runtime::PageLink { param: #param, field: #field })
    };
    let forward = link(&p.forward);
    let backward = match &p.backward {
        Some(b) => {
            let b = link(b);
            quote!(Some(#b))
        }
        None => quote!(None),
    };
    let mut how = format!(
        " Each next request sets `{}` from the page's `{}`",
        p.forward.param, p.forward.field.wire_name
    );
    if let Some(b) = &p.backward {
        how.push_str(&format!(
            " (or `{}` from `{}` when this request sets `{}`)",
            b.param, b.field.wire_name, b.param
        ));
    }
    how.push_str(
        "; everything else is sent as set here. The walk ends when the page says there is no more, \
         its cursor is missing or empty, or it has no items.",
    );
    quote! {
        /// Every page, starting with this request and fetched one at a time as the stream is
        /// polled. Each page is retried on its own; a server that hands back a cursor it already
        /// gave ends the stream with [`Error::Pagination`](crate::runtime::Error::Pagination).
        ///
        #[doc = #how]
        pub fn pages(self) -> runtime::Pages<types::#page, #error_ty> {
            const PAGING: runtime::Paging = runtime::Paging { forward: #forward, backward: #backward };
            let first = self.to_request();
            runtime::Pages::new(self.client.core(), first, self.options, &PAGING)
        }

        /// Every item across all pages, in order; see [`Self::pages`] for how pages are fetched.
        pub fn items(self) -> runtime::Items<types::#page, #error_ty> {
            self.pages().items()
        }
    }
}
