//! `Deserialize` for a generated struct, through the runtime's `object` module rather than
//! serde's derive: the same decoding and errors (the runtime's tests compare the two), at a
//! fraction of the code for the compiler to check. With a `#[serde(flatten)]` map for unknown
//! members, the derive was the largest share of `cargo check` of a generated crate.
//!
//! Both impls are one call of the runtime's `impl_deserialize!`, written as a struct literal that
//! pairs each field with its member's name, one per line:
//!
//! ```text
//! crate::runtime::object::impl_deserialize!(Pet {
//!     name: "name",
//!     r#type: "type",
//!     ..extra
//! });
//! ```
//!
//! The call is laid out here rather than by prettyplease, which fills a macro's input like a
//! paragraph: a new member would reflow every line after it in a regeneration's diff.

use std::collections::BTreeMap;
use std::fmt::Write;

use proc_macro2::{Literal, TokenStream};

use crate::ir::Field;

/// The `impl_deserialize!` call of struct `name`, whose unknown members go into the field
/// `extra`, below `cfg` (its `#[cfg]` line(s), or empty).
pub(super) fn deserialize_call(name: &str, fields: &[Field], extra: &str, cfg: &str) -> String {
    let name = super::types::ident(name);
    let extra = super::types::ident(extra);
    let mut out = format!("{cfg}crate::runtime::object::impl_deserialize!({name} {{");
    if fields.is_empty() {
        let _ = writeln!(out, " ..{extra} }});");
        return out;
    }
    out.push('\n');
    for f in fields {
        let field = super::types::ident(&f.rust_name);
        let wire = Literal::string(&f.wire_name);
        let _ = writeln!(out, "    {field}: {wire},");
    }
    let _ = writeln!(out, "    ..{extra}\n}});");
    out
}

/// A `#[cfg]` attribute as prettyplease prints it, so that text items read like the code around
/// them. Types share a few feature sets, so each is formatted once.
#[derive(Default)]
pub(super) struct CfgText(BTreeMap<String, String>);

impl CfgText {
    pub(super) fn get(&mut self, cfg: &TokenStream) -> String {
        self.0
            .entry(cfg.to_string())
            .or_insert_with_key(|tokens| {
                // An attribute alone is not a file: print it on an item and keep its lines. The
                // tokens as text are valid Rust too, if never as tidy.
                syn::parse2::<syn::File>(quote::quote!(#cfg struct S;))
                    .ok()
                    .and_then(|file| {
                        let text = prettyplease::unparse(&file);
                        text.strip_suffix("struct S;\n").map(str::to_string)
                    })
                    .unwrap_or_else(|| format!("{tokens}\n"))
            })
            .clone()
    }
}
