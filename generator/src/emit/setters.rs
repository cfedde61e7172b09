//! How an operation's parameters hold each value and its builder sets it: the setter methods, the argument types they
//! take, and the checks and query pairs `to_request` writes.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::docs;
use super::types::{ident, rust_type};
use crate::ir::{Param, QueryArray, QueryObject, TypeRef};
use crate::names;

/// How a parameter's value is held in a builder and set on it.
pub(super) struct Setter {
    pub(super) field: TokenStream,
    pub(super) init: TokenStream,
    pub(super) method: TokenStream,
}

pub(super) fn param_setter(
    name: &Ident,
    ty: &TypeRef,
    docs: TokenStream,
    deprecated: bool,
) -> Setter {
    let deprecated = if deprecated {
        quote!(#[deprecated])
    } else {
        quote!()
    };
    let inner = ty.non_null();
    match inner {
        TypeRef::Array(item) => {
            let (item_ty, arg, conv) = arg_type(item);
            Setter {
                field: quote!(#name: Vec<#item_ty>,),
                init: quote!(#name: Vec::new(),),
                method: {
                    let extend = if takes_into(item) {
                        quote!(self.params.#name.extend(values.into_iter().map(|value| #conv));)
                    } else {
                        quote!(self.params.#name.extend(values);)
                    };
                    quote! {
                        #docs #deprecated
                        pub fn #name<I: IntoIterator<Item = #arg>>(mut self, values: I) -> Self {
                            #extend
                            self
                        }
                    }
                },
            }
        }
        _ => {
            let (ty, arg, conv) = arg_type(inner);
            Setter {
                field: quote!(#name: Option<#ty>,),
                init: quote!(#name: None,),
                method: quote! {
                    #docs #deprecated
                    pub fn #name(mut self, value: #arg) -> Self {
                        self.params.#name = Some(#conv);
                        self
                    }
                },
            }
        }
    }
}

/// Stored type, argument type and the conversion from `value`: strings take `impl Into<String>`.
pub(super) fn arg_type(ty: &TypeRef) -> (TokenStream, TokenStream, TokenStream) {
    let stored = rust_type(ty, &quote!(types::));
    if takes_into(ty) {
        (stored, quote!(impl Into<String>), quote!(value.into()))
    } else {
        (stored.clone(), stored, quote!(value))
    }
}

pub(super) fn takes_into(ty: &TypeRef) -> bool {
    *ty == TypeRef::String
}

/// Refuses to send when a required builder field was never set.
pub(super) fn required_check(rust_name: &str, required: bool, is_list: bool) -> TokenStream {
    if !required {
        return quote!();
    }
    let name = ident(rust_name);
    let message = format!("`{}` is required", names::bare(rust_name));
    if is_list {
        quote!(if self.#name.is_empty() { return Err(Error::InvalidInput(#message.into())); })
    } else {
        quote!(if self.#name.is_none() { return Err(Error::InvalidInput(#message.into())); })
    }
}

pub(super) fn query_param(p: &Param) -> (Setter, TokenStream) {
    let name = ident(&p.rust_name);
    let wire = &p.wire_name;
    let setter = param_setter(
        &name,
        &p.ty,
        docs::attrs_or(&p.docs, &format!("Sets the `{wire}` query parameter.")),
        p.deprecated,
    );
    let is_list = matches!(p.ty.non_null(), TypeRef::Array(_));
    let check = required_check(&p.rust_name, p.required, is_list);
    // Arrays use the OpenAPI default for queries, `form` with `explode`: one pair per item;
    // without `explode`, one pair whose value joins the items.
    let send = if let (true, QueryArray::Joined(sep)) = (is_list, p.array) {
        let sep = sep.to_string();
        quote!(#check if !self.#name.is_empty() {
            let joined: Vec<String> = self.#name.iter().map(runtime::encode::text).collect();
            request.query(#wire, joined.join(#sep));
        })
    } else if let (false, Some(style)) = (is_list, p.object) {
        let style = match style {
            QueryObject::Exploded => quote!(Exploded),
            QueryObject::Joined(sep) => quote!(Joined(#sep)),
            QueryObject::Deep => quote!(Deep),
        };
        quote!(#check if let Some(value) = &self.#name {
            for (name, value) in runtime::pairs::object_pairs(#wire, value, runtime::pairs::ObjectStyle::#style) {
                request.query(&name, value);
            }
        })
    } else if is_list {
        quote!(#check for value in &self.#name { request.query(#wire, runtime::encode::text(value)); })
    } else {
        quote!(#check if let Some(value) = &self.#name { request.query(#wire, runtime::encode::text(value)); })
    };
    (setter, send)
}
