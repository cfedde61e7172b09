//! `Deserialize` for a generated struct, through the runtime's `object` module rather than
//! serde's derive: the same decoding and errors (the runtime's tests compare the two), at a
//! fraction of the code for the compiler to check. With a `#[serde(flatten)]` map for unknown
//! members, the derive was the largest share of `cargo check` of a generated crate.

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use crate::ir::Field;

/// The `Deserialize` and `runtime::object::Object` impls of struct `name`, whose unknown
/// members go into the field `extra`.
pub(super) fn deserialize_impls(name: &Ident, fields: &[Field], extra: &Ident) -> TokenStream {
    let object = quote!(crate::runtime::object);
    let name_text = name.to_string();
    let slots: Vec<Ident> = (0..fields.len()).map(|i| format_ident!("m{i}")).collect();
    let arms = fields.iter().zip(&slots).map(|(f, slot)| {
        let wire = &f.wire_name;
        quote!(#wire => #object::set(&mut #slot, #wire, &mut map)?,)
    });
    let inits = fields.iter().zip(&slots).map(|(f, slot)| {
        let field = super::types::ident(&f.rust_name);
        let wire = &f.wire_name;
        if f.required {
            quote!(#field: #object::required(#slot, #wire)?,)
        } else {
            // An optional member is an `Option`: absent and `null` are both `None`.
            quote!(#field: #slot.flatten(),)
        }
    });
    let read = if fields.is_empty() {
        quote!(#object::keep(&mut #extra, key, &mut map)?;)
    } else {
        quote! {
            match &*key {
                #(#arms)*
                _ => #object::keep(&mut #extra, key, &mut map)?,
            }
        }
    };
    quote! {
        impl<'de> Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                #object::deserialize(d)
            }
        }
        #[allow(deprecated)]
        impl #object::Object for #name {
            const NAME: &'static str = #name_text;
            fn visit<'de, A: serde::de::MapAccess<'de>>(mut map: A) -> Result<Self, A::Error> {
                #(let mut #slots = None;)*
                let mut #extra = serde_json::Map::new();
                while let Some(key) = #object::next_key(&mut map)? {
                    #read
                }
                Ok(Self { #(#inits)* #extra })
            }
        }
    }
}
