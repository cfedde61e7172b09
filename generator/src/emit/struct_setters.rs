//! Chainable setters for a struct's optional members, as aws-sdk-rust's and typify's builders
//! have them: `Pet::new("Rex").tag("dog").age(3)`. The structs are `#[non_exhaustive]`, so users
//! cannot write struct literals; without setters every optional member took a `let mut`.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::types::{ident, rust_type};
use crate::ir::{Field, TypeRef};
use crate::names::{self, Scope};

/// Method names a setter must not take: the constructor, and the methods of the traits every
/// struct derives or has, which an inherent method would shadow. A member named like another
/// trait's method (`add`, `next`) keeps its name: the types module allows
/// `clippy::should_implement_trait`, since the name is the spec's.
const TAKEN: &[&str] = &[
    "new",
    "clone",
    "clone_from",
    "eq",
    "ne",
    "fmt",
    "serialize",
    "deserialize",
    "default",
    "to_owned",
    "into",
    "from",
    "try_into",
    "try_from",
    "borrow",
    "borrow_mut",
    "type_id",
];

/// The setter method of each optional member, by member: `with_<name>` where the name is taken.
pub(super) fn setter_names(fields: &[Field]) -> Vec<(&Field, String)> {
    let mut scope = Scope::new();
    for t in TAKEN {
        scope.reserve(t);
    }
    let mut out = Vec::new();
    for f in fields.iter().filter(|f| !f.required) {
        let bare = names::bare(&f.rust_name);
        let name = if scope.is_taken(bare) {
            format!("with_{bare}")
        } else {
            f.rust_name.clone()
        };
        // A member named like another's `with_` form: that one keeps the plain field.
        if scope.is_taken(&name) {
            continue;
        }
        scope.reserve(&name);
        out.push((f, name));
    }
    out
}

/// An `impl` block of setters; empty when the struct has no optional member.
pub(super) fn setters(
    name: &proc_macro2::Ident,
    fields: &[Field],
    is_boxed: impl Fn(&Field) -> bool,
) -> TokenStream {
    let methods: Vec<TokenStream> = setter_names(fields)
        .into_iter()
        .map(|(f, method)| {
            let field = ident(&f.rust_name);
            let method = ident(&method);
            let arg = format_ident!("value");
            let inner = f.ty.non_null();
            let (ty, value) = if is_boxed(f) {
                let ty = rust_type(inner, &quote!());
                (ty, quote!(Box::new(#arg)))
            } else if *inner == TypeRef::String {
                (quote!(impl Into<String>), quote!(#arg.into()))
            } else {
                (rust_type(inner, &quote!()), quote!(#arg))
            };
            let doc = format!(" Sets the `{}` member.", f.wire_name);
            let deprecated = if f.deprecated {
                quote!(#[deprecated])
            } else {
                quote!()
            };
            quote! {
                #[doc = #doc]
                #deprecated
                pub fn #method(mut self, #arg: #ty) -> Self {
                    self.#field = Some(#value);
                    self
                }
            }
        })
        .collect();
    if methods.is_empty() {
        return quote!();
    }
    quote! {
        #[allow(deprecated)]
        impl #name {
            #(#methods)*
        }
    }
}
