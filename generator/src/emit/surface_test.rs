//! `tests/surface.rs`, written on request (`EmitOptions::surface_test`): a compile-only test that
//! uses every public item the way users' code does, each type written out. It is the Stainless
//! trick made sharper: compiled against a later generation, it shows whether users' code still
//! builds, down to every field's type, every constructor and every exhaustive match.

use std::fmt::Write;

use super::surface::{self, Shapes, ty};
use crate::ir::{Api, TypeKind};
use crate::names;

/// A crate with a feature per resource needs them all (`full`, on by default).
pub fn surface_test(api: &Api) -> String {
    let gated = !api.shape.features.resources.is_empty();
    let mut out = String::new();
    let krate = api.package.name.replace('-', "_");
    let gate = if gated {
        "#![cfg(feature = \"full\")]\n"
    } else {
        ""
    };
    let _ = writeln!(
        out,
        "//! Compile-only: every public item used as users' code uses it, each type written out.\n{gate}\
         #![allow(dead_code, unused_imports, unused_variables, unreachable_patterns, deprecated, non_snake_case, \
         clippy::all)]\nuse {krate} as api;\nuse api::types;\nuse api::{{ByteStream, FilePart, JsonLines}};\n"
    );
    // Every error body an operation documents, and each member of an error union, is one that
    // `ApiError::body_as` reads.
    for (i, t) in super::types::error_types(api).iter().enumerate() {
        let t = ty(t);
        let _ = writeln!(
            out,
            "fn error_body_{i}(e: &api::ApiError) -> Option<{t}> {{ e.body_as::<{t}>() }}"
        );
    }
    for (i, op) in api.operations.iter().enumerate() {
        let s = surface::operation(op);
        let mut params = vec!["client: &api::Client".to_string()];
        let mut args = Vec::new();
        for (name, t) in &s.positional {
            let arg = format!("a_{}", names::bare(name));
            params.push(format!("{arg}: {t}"));
            args.push(arg);
        }
        let mut setters = String::new();
        for (name, t) in s.required.iter().chain(&s.optional) {
            let arg = format!("s_{}", names::bare(name));
            params.push(format!("{arg}: {t}"));
            let _ = write!(setters, ".{name}({arg})");
        }
        let builder = format!("client{}({}){setters}", s.chain, args.join(", "));
        let error = format!("api::Error<{}>", s.error);
        let _ = writeln!(
            out,
            "/// `{}`\nasync fn op_{i}({}) -> Result<{}, {error}> {{ {builder}.send().await }}",
            s.route,
            params.join(", "),
            s.response_full,
        );
        if let Some(page) = &s.pages {
            let _ = writeln!(
                out,
                "fn op_{i}_pages({}) -> (api::Pages<{page}, {}>, api::Items<{page}, {}>) {{ \
                 let pages = {builder}; (pages.clone().pages(), pages.items()) }}",
                params.join(", "),
                s.error,
                s.error,
            );
        }
        if let Some(events) = &s.events {
            let _ = writeln!(
                out,
                "async fn op_{i}_stream({}) -> Result<api::EventStream<{events}, {}>, {error}> {{ \
                 {builder}.stream().await }}",
                params.join(", "),
                s.error,
            );
        }
    }
    let shapes = Shapes::of(api);
    for (i, t) in api.types.iter().enumerate() {
        let name = format!("types::{}", t.rust_name);
        let owner = t.rust_name.as_str();
        if !matches!(t.kind, TypeKind::Alias(_)) {
            let _ = writeln!(out, "fn type_{i}_traits() {{ wire::<{name}>(); }}");
        }
        match &t.kind {
            TypeKind::Struct { fields, extra } => {
                let mut body = String::new();
                for f in fields {
                    let _ = write!(
                        body,
                        "let _: &{} = &v.{};",
                        shapes.field_type(owner, f),
                        f.rust_name
                    );
                }
                let _ = write!(
                    body,
                    "let _: &serde_json::Map<String, serde_json::Value> = &v.{extra};"
                );
                let _ = writeln!(out, "fn type_{i}(v: &{name}) {{ {body} }}");
                // Each optional member's setter takes the member's own type and chains.
                let setters = super::struct_setters::setter_names(fields);
                if !setters.is_empty() {
                    let params: String = setters
                        .iter()
                        .enumerate()
                        .map(|(n, (f, _))| format!(", a{n}: {}", ty(f.ty.non_null())))
                        .collect();
                    let chain: String = setters
                        .iter()
                        .enumerate()
                        .map(|(n, (_, method))| format!(".{method}(a{n})"))
                        .collect();
                    let _ = writeln!(
                        out,
                        "#[allow(deprecated)] fn type_{i}_set(v: {name}{params}) -> {name} {{ v{chain} }}"
                    );
                }
                match shapes.constructor(owner, fields) {
                    None => {
                        let _ = writeln!(
                            out,
                            "fn type_{i}_built() -> {name} {{ Default::default() }}"
                        );
                    }
                    Some(given) => {
                        let params: Vec<String> = given
                            .iter()
                            .map(|(f, t)| format!("a_{}: {t}", names::bare(&f.rust_name)))
                            .collect();
                        let args: Vec<String> = given
                            .iter()
                            .map(|(f, _)| format!("a_{}", names::bare(&f.rust_name)))
                            .collect();
                        let _ = writeln!(
                            out,
                            "fn type_{i}_built({}) -> {name} {{ {name}::new({}) }}",
                            params.join(", "),
                            args.join(", ")
                        );
                    }
                }
            }
            TypeKind::Enum { variants } => {
                let arms: String = variants
                    .iter()
                    .map(|v| format!("{name}::{} => {:?},", v.rust_name, v.wire_name))
                    .collect();
                let _ = writeln!(
                    out,
                    "fn type_{i}(v: &{name}) -> &str {{ match v {{ {arms} {name}::Other(s) => s, _ => \"\" }} }}"
                );
            }
            TypeKind::Const { value } => {
                let _ = writeln!(
                    out,
                    "fn type_{i}(v: {name}) -> &'static str {{ let _: {name} = Default::default(); \
                     match v {{ {name}::{} => {name}::VALUE }} }}",
                    names::camel(value)
                );
            }
            TypeKind::TaggedUnion(u) => {
                let arms = variant_arms(
                    &name,
                    owner,
                    &shapes,
                    u.variants.iter().map(|v| (&v.rust_name, &v.ty)),
                );
                let _ = writeln!(
                    out,
                    "fn type_{i}(v: &{name}) -> &str {{ match v {{ {arms} {name}::Unknown {{ tag, raw }} \
                     => {{ let _: &serde_json::Value = raw; }} _ => {{}} }} v.tag() }}"
                );
            }
            TypeKind::Untagged { variants } => {
                let arms = variant_arms(
                    &name,
                    owner,
                    &shapes,
                    variants.iter().map(|v| (&v.rust_name, &v.ty)),
                );
                let _ = writeln!(
                    out,
                    "fn type_{i}(v: &{name}) {{ match v {{ {arms} {name}::Unknown(raw) => {{ let _: \
                     &serde_json::Value = raw; }} _ => {{}} }} }}"
                );
            }
            TypeKind::Alias(target) if shapes.alias_is_newtype(owner) => {
                let _ = writeln!(out, "fn type_{i}(v: {name}) -> {} {{ v.0 }}", ty(target));
            }
            TypeKind::Alias(target) => {
                let _ = writeln!(out, "fn type_{i}(v: {name}) -> {} {{ v }}", ty(target));
            }
        }
    }
    out.push_str(
        "/// What users rely on of every generated type: it clones, prints, compares, encodes and decodes.\n\
         fn wire<T: Clone + std::fmt::Debug + PartialEq + serde::Serialize + serde::de::DeserializeOwned>() {}\n",
    );
    out
}

/// Match arms over a union's variants, each payload's type written out.
fn variant_arms<'v>(
    name: &str,
    owner: &str,
    shapes: &Shapes,
    variants: impl Iterator<Item = (&'v String, &'v crate::ir::TypeRef)>,
) -> String {
    variants
        .map(|(variant, t)| {
            format!(
                "{name}::{variant}(x) => {{ let _: &{} = x; }}",
                shapes.variant_type(owner, variant, t)
            )
        })
        .collect()
}
