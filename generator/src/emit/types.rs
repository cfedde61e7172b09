//! IR types -> `types.rs`.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use super::docs;
use super::features::type_cfg;
use super::format::Item;
use super::jobs::Piece;
use crate::ir::{Api, Field, TaggedUnion, TypeDef, TypeKind, TypeRef, UntaggedVariant};
use crate::names;

/// An identifier that may be a raw identifier (`r#type`). Names come from `names`, so they are
/// valid; anything else is repaired rather than allowed to panic inside proc-macro2.
pub fn ident(name: &str) -> Ident {
    let (raw, bare) = match name.strip_prefix("r#") {
        Some(bare) => (true, bare),
        None => (false, name),
    };
    let mut clean: String = bare
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    if clean.is_empty() || clean.starts_with(|c: char| c.is_ascii_digit()) {
        clean.insert(0, '_');
    }
    if clean == "_" {
        clean.push('_');
    }
    if matches!(clean.as_str(), "crate" | "self" | "Self" | "super") {
        clean.push('_');
    }
    if raw || names::is_keyword(&clean) {
        Ident::new_raw(&clean, Span::call_site())
    } else {
        Ident::new(&clean, Span::call_site())
    }
}

/// The Rust type for a type reference; `prefix` is the path to the types module (`types::`).
pub fn rust_type(ty: &TypeRef, prefix: &TokenStream) -> TokenStream {
    match ty {
        TypeRef::String => quote!(String),
        TypeRef::Integer => quote!(i64),
        TypeRef::Number => quote!(f64),
        TypeRef::Boolean => quote!(bool),
        TypeRef::Any => quote!(serde_json::Value),
        TypeRef::Array(inner) => {
            let inner = rust_type(inner, prefix);
            quote!(Vec<#inner>)
        }
        TypeRef::Map(inner) => {
            let inner = rust_type(inner, prefix);
            quote!(std::collections::BTreeMap<String, #inner>)
        }
        TypeRef::Nullable(inner) => {
            let inner = rust_type(inner, prefix);
            quote!(Option<#inner>)
        }
        TypeRef::Named(n) => {
            let n = ident(n);
            quote!(#prefix #n)
        }
    }
}

/// Types per job: a few dozen items, so that two cores share even a small API's types.
const TYPES_PER_PIECE: usize = 24;

/// What every run of types reads.
struct TypesCtx<'a> {
    api: &'a Api,
    by_name: BTreeMap<&'a str, &'a TypeDef>,
    /// Each error body's Rust type once: two references that are one Rust type (an alias and
    /// what it names) get one impl.
    errors: Vec<TypeRef>,
}

/// `types.rs` as runs of items (see `jobs`): its head, then its types a run at a time.
pub fn plan_types(api: &Api) -> Vec<Piece<'_>> {
    let aliases = rust_aliases(api);
    let mut errors: Vec<TypeRef> = Vec::new();
    let mut seen = BTreeSet::new();
    for ty in error_types(api) {
        let ty = resolve_aliases(&ty, &aliases);
        if seen.insert(rust_type(&ty, &quote!()).to_string()) {
            errors.push(ty);
        }
    }
    let ctx = Arc::new(TypesCtx {
        api,
        by_name: api
            .types
            .iter()
            .map(|t| (t.rust_name.as_str(), t))
            .collect(),
        errors,
    });
    let mut pieces: Vec<Piece<'_>> = vec![Box::new(|| {
        vec![Item::Code(quote! {
            //! The API's named types, from the spec's schemas.
            #![allow(clippy::large_enum_variant, clippy::doc_lazy_continuation, clippy::doc_overindented_list_items, clippy::type_complexity, clippy::too_many_arguments, clippy::just_underscores_and_digits, clippy::should_implement_trait)]
            #![allow(rustdoc::bare_urls, rustdoc::invalid_html_tags, rustdoc::broken_intra_doc_links)]

            // Unused when the spec defines no structs or enums.
            #[allow(unused_imports)]
            use serde::{Deserialize, Serialize};
        })]
    })];
    for run in api.types.chunks(TYPES_PER_PIECE) {
        let ctx = Arc::clone(&ctx);
        pieces.push(Box::new(move || {
            let mut cfg_text = super::struct_serde::CfgText::default();
            run.iter()
                .flat_map(|t| {
                    emit_type_items(&ctx, t, &mut cfg_text)
                        .into_iter()
                        .flatten()
                })
                .collect()
        }));
    }
    pieces.push(Box::new(move || other_error_impls(&ctx)));
    pieces
}

/// A type's definition, a struct's `Deserialize` (text, see `struct_serde`), then its impls.
fn emit_type_items(
    ctx: &TypesCtx<'_>,
    t: &TypeDef,
    cfg_text: &mut super::struct_serde::CfgText,
) -> [Option<Item>; 3] {
    let (definition, mut impls) = emit_type(t, &ctx.by_name, &ctx.api.shape.boxed);
    if ctx.errors.contains(&TypeRef::Named(t.rust_name.clone())) {
        impls.extend(error_body_impl(t, &ctx.by_name));
    }
    let cfg = type_cfg(&ctx.api.shape.features, &t.rust_name);
    let deserialize = match &t.kind {
        TypeKind::Struct { fields, extra } => {
            let cfg = cfg.as_ref().map(|c| cfg_text.get(c)).unwrap_or_default();
            let call = super::struct_serde::deserialize_call(&t.rust_name, fields, extra, &cfg);
            Some(Item::Text(call))
        }
        _ => None,
    };
    let gated = |tokens: TokenStream| match &cfg {
        Some(cfg) => gate(tokens, cfg.clone()),
        None => tokens,
    };
    let impls = (!impls.is_empty()).then(|| Item::Code(gated(impls)));
    [Some(Item::Code(gated(definition))), deserialize, impls]
}

/// Error bodies that are not named types (a list, a string): gated like a named type they
/// hold, if any.
fn other_error_impls(ctx: &TypesCtx<'_>) -> Vec<Item> {
    let features = &ctx.api.shape.features;
    ctx.errors
        .iter()
        .filter(|ty| !matches!(ty, TypeRef::Named(_) | TypeRef::Any))
        .map(|ty| {
            let rust = rust_type(ty, &quote!());
            let tokens = quote!(impl crate::runtime::ErrorBody for #rust {});
            let mut named = Vec::new();
            named_in(ty, &mut named);
            Item::Code(match named.iter().find_map(|n| type_cfg(features, n)) {
                Some(cfg) => gate(tokens, cfg),
                None => tokens,
            })
        })
        .collect()
}

/// The named types that are Rust type aliases (`pub type X = ...`), with what they name.
pub fn rust_aliases(api: &Api) -> BTreeMap<String, TypeRef> {
    let boxed = &api.shape.boxed;
    api.types
        .iter()
        .filter_map(|t| match &t.kind {
            TypeKind::Alias(target) if !boxed.contains(&(t.rust_name.clone(), String::new())) => {
                Some((t.rust_name.clone(), target.clone()))
            }
            _ => None,
        })
        .collect()
}

/// A reference as the compiler sees it: every alias replaced by what it names.
pub fn resolve_aliases(ty: &TypeRef, aliases: &BTreeMap<String, TypeRef>) -> TypeRef {
    fn go(ty: &TypeRef, aliases: &BTreeMap<String, TypeRef>, depth: usize) -> TypeRef {
        match ty {
            // Alias chains end (a self-alias is lowered to JSON), but stay bounded regardless.
            TypeRef::Named(n) if depth < 64 => match aliases.get(n) {
                Some(target) => go(target, aliases, depth + 1),
                None => ty.clone(),
            },
            TypeRef::Array(inner) => TypeRef::Array(Box::new(go(inner, aliases, depth + 1))),
            TypeRef::Map(inner) => TypeRef::Map(Box::new(go(inner, aliases, depth + 1))),
            TypeRef::Nullable(inner) => TypeRef::Nullable(Box::new(go(inner, aliases, depth + 1))),
            other => other.clone(),
        }
    }
    go(ty, aliases, 0)
}

/// The types operations decode their error bodies into.
/// Every type `ApiError::body_as` may be asked for: each operation's error body and, where that
/// is a union of one body per status, each member (FastAPI's `HTTPValidationError` beside the
/// API's own error).
pub(super) fn error_types(api: &Api) -> BTreeSet<TypeRef> {
    let mut out: BTreeSet<TypeRef> = api
        .operations
        .iter()
        .filter_map(|op| op.error.as_ref())
        .flat_map(|e| e.ty.iter().chain(&e.bodies).cloned())
        .filter(|ty| *ty != TypeRef::Any)
        .collect();
    let members: Vec<TypeRef> = out
        .iter()
        .filter_map(|ty| match ty {
            TypeRef::Named(n) => api.types.iter().find(|t| &t.rust_name == n),
            _ => None,
        })
        .flat_map(|t| match &t.kind {
            TypeKind::Untagged { variants } => variants.iter().map(|v| v.ty.clone()).collect(),
            TypeKind::TaggedUnion(u) => u.variants.iter().map(|v| v.ty.clone()).collect(),
            _ => Vec::new(),
        })
        .filter(|ty| *ty != TypeRef::Any)
        .collect();
    out.extend(members);
    out
}

/// The named types a reference holds.
pub fn named_in_ref(ty: &TypeRef) -> Vec<String> {
    let mut out = Vec::new();
    named_in(ty, &mut out);
    out
}

fn named_in(ty: &TypeRef, out: &mut Vec<String>) {
    match ty {
        TypeRef::Named(n) => out.push(n.clone()),
        TypeRef::Array(inner) | TypeRef::Map(inner) | TypeRef::Nullable(inner) => {
            named_in(inner, out)
        }
        _ => {}
    }
}

/// An object error body names its members, so that a body with none of them stays raw; a union of
/// objects names theirs.
fn error_body_impl(t: &TypeDef, by_name: &BTreeMap<&str, &TypeDef>) -> TokenStream {
    let name = ident(&t.rust_name);
    let struct_members = |ty: &TypeRef| -> Option<Vec<String>> {
        let TypeRef::Named(n) = ty else { return None };
        match &by_name.get(n.as_str())?.kind {
            TypeKind::Struct { fields, .. } => {
                Some(fields.iter().map(|f| f.wire_name.clone()).collect())
            }
            _ => None,
        }
    };
    let members: Option<Vec<String>> = match &t.kind {
        TypeKind::Struct { fields, .. } => {
            Some(fields.iter().map(|f| f.wire_name.clone()).collect())
        }
        TypeKind::Untagged { variants } => variants
            .iter()
            .map(|v| struct_members(&v.ty))
            .collect::<Option<Vec<_>>>()
            .map(|all| {
                all.into_iter()
                    .flatten()
                    .collect::<BTreeSet<_>>()
                    .into_iter()
                    .collect()
            }),
        _ => None,
    };
    match members {
        Some(members) if !members.is_empty() => quote! {
            impl crate::runtime::ErrorBody for #name {
                fn names_member(member: &str) -> bool {
                    matches!(member, #(#members)|*)
                }
            }
        },
        _ => quote!(impl crate::runtime::ErrorBody for #name {}),
    }
}

/// Puts `cfg` on every item of a type's definition: the type and its impls. The emitted items
/// each end with a top-level `{ ... }` or `;`, so this walks tokens instead of parsing them again,
/// which on Stripe doubled the time spent on types.
fn gate(tokens: TokenStream, cfg: TokenStream) -> TokenStream {
    use proc_macro2::{Delimiter, TokenTree};
    let trees: Vec<TokenTree> = tokens.into_iter().collect();
    let is_doc_attr = |i: usize| {
        matches!(trees.get(i), Some(TokenTree::Punct(p)) if p.as_char() == '#')
            && matches!(trees.get(i + 1), Some(TokenTree::Group(g))
                if g.delimiter() == Delimiter::Bracket
                    && g.stream().into_iter().next().is_some_and(|t| t.to_string() == "doc"))
    };
    let mut out = TokenStream::new();
    let mut i = 0;
    while i < trees.len() {
        // Outer doc attributes stay first; the cfg goes after them.
        while is_doc_attr(i) {
            out.extend(trees[i..i + 2].iter().cloned());
            i += 2;
        }
        if i >= trees.len() {
            break;
        }
        out.extend(cfg.clone());
        while i < trees.len() {
            let tree = trees[i].clone();
            i += 1;
            let ends_item = match &tree {
                TokenTree::Group(g) => g.delimiter() == Delimiter::Brace,
                TokenTree::Punct(p) => p.as_char() == ';',
                _ => false,
            };
            out.extend(std::iter::once(tree));
            if ends_item {
                break;
            }
        }
    }
    out
}

/// A variant's payload type, boxed when it leads back to its own enum.
fn variant_type(
    enum_name: &str,
    variant: &str,
    ty: &TypeRef,
    boxed: &BTreeSet<(String, String)>,
) -> TokenStream {
    let ty = rust_type(ty, &quote!());
    if boxed.contains(&(enum_name.to_string(), variant.to_string())) {
        quote!(Box<#ty>)
    } else {
        ty
    }
}

/// A type's definition, and the impls that come after a struct's `Deserialize`.
fn emit_type(
    t: &TypeDef,
    by_name: &BTreeMap<&str, &TypeDef>,
    boxed: &BTreeSet<(String, String)>,
) -> (TokenStream, TokenStream) {
    let doc = docs::attrs(&t.docs);
    let name = ident(&t.rust_name);
    let origin = docs::lines(&format!("\nGenerated from `{}`.", t.origin));
    let mut impls = TokenStream::new();
    let body = match &t.kind {
        TypeKind::Struct { fields, extra } => {
            let (definition, struct_impls) = emit_struct(t, fields, extra, by_name, boxed);
            impls = struct_impls;
            definition
        }
        TypeKind::Alias(ty) if boxed.contains(&(t.rust_name.clone(), String::new())) => {
            let ty = rust_type(ty, &quote!());
            quote! {
                #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
                #[serde(transparent)]
                pub struct #name(pub #ty);
            }
        }
        TypeKind::Alias(ty) => {
            let ty = rust_type(ty, &quote!());
            quote! { pub type #name = #ty; }
        }
        TypeKind::Const { value } => {
            let variant = ident(&names::camel(value));
            let variant_doc = format!(" `{value}`");
            // Hand-written serde: a string on the wire, and far less code than the derive.
            quote! {
                #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
                pub enum #name {
                    #[doc = #variant_doc]
                    #[default]
                    #variant,
                }
                impl #name {
                    /// The one value this type allows.
                    pub const VALUE: &'static str = #value;
                    /// The value as sent on the wire.
                    pub fn as_str(&self) -> &'static str { Self::VALUE }
                }
                impl std::fmt::Display for #name {
                    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result { f.write_str(self.as_str()) }
                }
                impl Serialize for #name {
                    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                        s.serialize_str(Self::VALUE)
                    }
                }
                impl<'de> Deserialize<'de> for #name {
                    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                        crate::runtime::strings::constant(d, Self::VALUE).map(|()| Self::#variant)
                    }
                }
            }
        }
        TypeKind::Enum { variants } => {
            let idents: Vec<Ident> = variants.iter().map(|v| ident(&v.rust_name)).collect();
            let wires: Vec<&str> = variants.iter().map(|v| v.wire_name.as_str()).collect();
            // The value, after what the spec says it means when it describes values one by one.
            let variant_docs: Vec<TokenStream> = variants
                .iter()
                .map(|v| match v.docs.as_deref().map(str::trim) {
                    Some(d) if !d.is_empty() => {
                        docs::lines(&format!("{}\n\n`{}`", docs::sanitize(d), v.wire_name))
                    }
                    _ => docs::lines(&format!("`{}`", v.wire_name)),
                })
                .collect();
            // Hand-written serde, as for consts: the derive with an untagged fallback expands to
            // content buffering for every enum.
            quote! {
                #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
                #[non_exhaustive]
                pub enum #name {
                    #( #variant_docs #idents, )*
                    /// A value this client does not know yet; kept as sent.
                    Other(String),
                }
                impl #name {
                    /// The value as sent on the wire.
                    pub fn as_str(&self) -> &str {
                        match self {
                            #( Self::#idents => #wires, )*
                            Self::Other(s) => s,
                        }
                    }
                }
                impl std::fmt::Display for #name {
                    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result { f.write_str(self.as_str()) }
                }
                impl Serialize for #name {
                    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                        s.serialize_str(self.as_str())
                    }
                }
                impl<'de> Deserialize<'de> for #name {
                    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                        crate::runtime::strings::with_str(d, "a string", |s| {
                            Ok(match s {
                                #( #wires => Self::#idents, )*
                                other => Self::Other(other.to_string()),
                            })
                        })
                    }
                }
            }
        }
        TypeKind::Untagged { variants } => emit_untagged(&t.rust_name, variants, boxed),
        TypeKind::TaggedUnion(u) => emit_tagged(&t.rust_name, u, by_name, boxed),
    };
    (quote! { #doc #origin #body }, impls)
}

/// An object: its named members, then the ones the spec does not name, kept so that decoding and
/// encoding again loses nothing. `#[non_exhaustive]` lets a regeneration add optional members
/// without breaking users' code; they build values with `new` (the required members) or
/// `Default`, then chain a setter per optional member (`struct_setters`).
fn emit_struct(
    t: &TypeDef,
    fields: &[Field],
    extra: &str,
    by_name: &BTreeMap<&str, &TypeDef>,
    boxed: &BTreeSet<(String, String)>,
) -> (TokenStream, TokenStream) {
    let name = ident(&t.rust_name);
    let is_boxed = |f: &Field| boxed.contains(&(t.rust_name.clone(), f.rust_name.clone()));
    let members = fields.iter().map(|f| emit_field(f, is_boxed(f)));
    let extra = ident(extra);
    let given = constructor_members(fields, by_name);
    let derive_default = given.is_none();
    let given = given.unwrap_or_default();
    let constructor = (!derive_default).then(|| {
        let args = given.iter().map(|f| {
            let arg = ident(&f.rust_name);
            // A nullable member is taken as `Option<T>`: `None` sends `null`, and the caller
            // sees that it does.
            let mut ty = rust_type(&f.ty, &quote!());
            if is_boxed(f) && !matches!(f.ty, TypeRef::Nullable(_)) {
                ty = quote!(Box<#ty>);
            } else if f.ty == TypeRef::String && !is_boxed(f) {
                ty = quote!(impl Into<String>);
            }
            quote!(#arg: #ty)
        });
        let inits = fields.iter().map(|f| {
            let field = ident(&f.rust_name);
            if given.iter().any(|g| g.rust_name == f.rust_name) {
                if f.ty == TypeRef::String && !is_boxed(f) {
                    quote!(#field: #field.into())
                } else if is_boxed(f) && matches!(f.ty, TypeRef::Nullable(_)) {
                    quote!(#field: #field.map(Box::new))
                } else {
                    quote!(#field)
                }
            } else {
                quote!(#field: Default::default())
            }
        });
        let doc = docs::lines(&format!(
            "Builds a value from its required members{}; the optional ones are unset.",
            if given.is_empty() {
                String::new()
            } else {
                format!(
                    " ({})",
                    given
                        .iter()
                        .map(|f| format!("`{}`", f.wire_name))
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            }
        ));
        quote! {
            #[allow(deprecated)]
            impl #name {
                #doc
                pub fn new(#(#args),*) -> Self {
                    Self { #(#inits,)* #extra: Default::default() }
                }
            }
        }
    });
    let setters = super::struct_setters::setters(&name, fields, is_boxed);
    let derives = if derive_default {
        quote!(#[derive(Debug, Clone, PartialEq, Default, Serialize)])
    } else {
        quote!(#[derive(Debug, Clone, PartialEq, Serialize)])
    };
    let definition = quote! {
        #derives
        #[non_exhaustive]
        pub struct #name {
            #(#members)*
            /// Members the spec does not name, as received; sent back as they are.
            #[serde(flatten)]
            pub #extra: serde_json::Map<String, serde_json::Value>,
        }
    };
    (definition, quote!(#constructor #setters))
}

/// The members `new` takes, in order: every required one (a nullable one as `Option<T>`) but a
/// one-value type whose only value it can fill in. `None` when there are none and the type
/// derives `Default` instead.
pub(super) fn constructor_members<'f>(
    fields: &'f [Field],
    by_name: &BTreeMap<&str, &TypeDef>,
) -> Option<Vec<&'f Field>> {
    let is_const = |ty: &TypeRef| {
        matches!(ty, TypeRef::Named(n)
            if by_name.get(n.as_str()).is_some_and(|d| matches!(d.kind, TypeKind::Const { .. })))
    };
    let given: Vec<&Field> = fields
        .iter()
        .filter(|f| f.required && !is_const(&f.ty))
        .collect();
    (!given.is_empty()).then_some(given)
}

fn emit_field(f: &Field, boxed: bool) -> TokenStream {
    let doc = docs::attrs_or(&f.docs, &format!("The `{}` member.", f.wire_name));
    let name = ident(&f.rust_name);
    let wire = &f.wire_name;
    let mut ty = rust_type(&f.ty, &quote!());
    if boxed {
        ty = match &f.ty {
            TypeRef::Nullable(inner) => {
                let inner = rust_type(inner, &quote!());
                quote!(Option<Box<#inner>>)
            }
            _ => quote!(Box<#ty>),
        };
    }
    let mut serde_attrs = Vec::new();
    if names::bare(&f.rust_name) != f.wire_name {
        serde_attrs.push(quote!(rename = #wire));
    }
    let already_optional = matches!(f.ty, TypeRef::Nullable(_));
    if !f.required {
        if !already_optional {
            ty = quote!(Option<#ty>);
        }
        serde_attrs.push(quote!(default, skip_serializing_if = "Option::is_none"));
    }
    let serde = if serde_attrs.is_empty() {
        quote!()
    } else {
        quote!(#[serde(#(#serde_attrs),*)])
    };
    let deprecated = if f.deprecated {
        quote!(#[deprecated])
    } else {
        quote!()
    };
    quote! { #doc #deprecated #serde pub #name: #ty, }
}

fn emit_untagged(
    rust_name: &str,
    variants: &[UntaggedVariant],
    boxed: &BTreeSet<(String, String)>,
) -> TokenStream {
    let name = ident(rust_name);
    let vs = variants.iter().map(|v| {
        let vname = ident(&v.rust_name);
        let ty = variant_type(rust_name, &v.rust_name, &v.ty, boxed);
        let doc = format!(" The value as a `{}`.", ty.to_string().replace(' ', ""));
        quote!(#[doc = #doc] #vname(#ty),)
    });
    quote! {
        #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
        #[serde(untagged)]
        #[non_exhaustive]
        pub enum #name {
            #(#vs)*
            /// A value no variant accepts, kept as received.
            Unknown(serde_json::Value),
        }
    }
}

/// A struct variant's required string field of this name, if every variant has one.
fn common_string_field<'a>(
    u: &TaggedUnion,
    by_name: &BTreeMap<&str, &'a TypeDef>,
    wire: &str,
) -> Option<Vec<&'a Field>> {
    u.variants
        .iter()
        .map(|v| {
            let TypeRef::Named(n) = &v.ty else {
                return None;
            };
            let TypeKind::Struct { fields, .. } = &by_name.get(n.as_str())?.kind else {
                return None;
            };
            fields
                .iter()
                .find(|f| f.wire_name == wire && f.required && f.ty == TypeRef::String)
        })
        .collect()
}

fn emit_tagged(
    rust_name: &str,
    u: &TaggedUnion,
    by_name: &BTreeMap<&str, &TypeDef>,
    boxed: &BTreeSet<(String, String)>,
) -> TokenStream {
    let name = ident(rust_name);
    let property = &u.property;
    let variants: Vec<Ident> = u.variants.iter().map(|v| ident(&v.rust_name)).collect();
    let tags: Vec<&str> = u.variants.iter().map(|v| v.tag.as_str()).collect();
    let types: Vec<TokenStream> = u
        .variants
        .iter()
        .map(|v| variant_type(rust_name, &v.rust_name, &v.ty, boxed))
        .collect();
    let message = common_string_field(u, by_name, "message").map(|fields| {
        let field_idents = fields.iter().map(|f| ident(&f.rust_name));
        quote! {
            /// The human-readable message, whichever variant this is.
            pub fn message(&self) -> Option<&str> {
                match self {
                    #( Self::#variants(v) => Some(v.#field_idents.as_str()), )*
                    Self::Unknown { raw, .. } => raw.get("message").and_then(|m| m.as_str()),
                }
            }
        }
    });
    let tag_doc = format!(" The value of the `{property}` property.");
    let tag_docs: Vec<String> = tags
        .iter()
        .map(|t| format!(" `{property}: \"{t}\"`"))
        .collect();
    let doc = docs::lines(&format!(
        "\nTagged by the `{property}` property. A tag this client does not know decodes to `Unknown`, \
         so a new variant on the server never breaks decoding."
    ));
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq)]
        #[non_exhaustive]
        pub enum #name {
            #( #[doc = #tag_docs] #variants(#types), )*
            /// A variant this client does not know yet, kept whole.
            Unknown {
                /// The value of the tag property.
                tag: String,
                /// The whole object as received.
                raw: serde_json::Value,
            },
        }

        impl #name {
            #[doc = #tag_doc]
            pub fn tag(&self) -> &str {
                match self {
                    #( Self::#variants(_) => #tags, )*
                    Self::Unknown { tag, .. } => tag,
                }
            }
            #message
        }

        impl<'de> Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = serde_json::Value::deserialize(deserializer)?;
                let tag = match value.get(#property) {
                    Some(serde_json::Value::String(tag)) => tag.clone(),
                    _ => return Err(serde::de::Error::missing_field(#property)),
                };
                match tag.as_str() {
                    #( #tags => crate::runtime::numbers::from_value(value).map(Self::#variants).map_err(serde::de::Error::custom), )*
                    _ => Ok(Self::Unknown { tag, raw: value }),
                }
            }
        }

        impl Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let (tag, mut value) = match self {
                    #( Self::#variants(v) => (#tags, serde_json::to_value(v).map_err(serde::ser::Error::custom)?), )*
                    Self::Unknown { raw, .. } => return raw.serialize(serializer),
                };
                if let Some(object) = value.as_object_mut() {
                    object.entry(#property).or_insert_with(|| serde_json::Value::from(tag));
                }
                value.serialize(serializer)
            }
        }
    }
}
