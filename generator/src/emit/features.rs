//! `#[cfg(feature = ..)]` attributes from the features `lower` decided (`ir::Features`).

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::Features;

/// `#[cfg(any(feature = ...))]` for a named type, or `None` when it is always compiled.
pub fn type_cfg(features: &Features, rust_name: &str) -> Option<TokenStream> {
    let features = features.types.get(rust_name)?;
    if features.len() == 1 {
        let feature = features.first();
        return Some(quote!(#[cfg(feature = #feature)]));
    }
    let features = features.iter();
    Some(quote!(#[cfg(any(#(feature = #features),*))]))
}

/// `#[cfg(feature = "...")]`, or nothing without a feature.
pub fn feature_cfg(feature: Option<&String>) -> TokenStream {
    match feature {
        Some(feature) => quote!(#[cfg(feature = #feature)]),
        None => quote!(),
    }
}
