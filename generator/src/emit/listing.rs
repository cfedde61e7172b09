//! `API.md`: the crate's public API, one line per item, sorted, committed with the crate. A
//! reviewer reads an API change from its diff in a few lines; a change to docs alone leaves it
//! as it was. It is built from the IR and the call chains the resource tree gives, the same
//! sources the code comes from.

use std::collections::BTreeMap;

use quote::quote;

use super::types::rust_type;
use crate::ir::{Api, Body, Operation, PartKind, ResponseContent, TypeDef, TypeKind, TypeRef};

/// The text of `API.md`. `calls` maps each operation's type stem to its call chain as text
/// (`.skills().list`); `features` are the crate's Cargo features.
pub fn listing(
    api: &Api,
    header: &str,
    calls: &BTreeMap<String, String>,
    features: &[String],
) -> String {
    let mut lines: Vec<String> = Vec::new();
    for op in &api.operations {
        operation_lines(op, calls, &mut lines);
    }
    for t in &api.types {
        type_lines(t, &mut lines);
    }
    if !features.is_empty() {
        lines.push(format!(
            "feature `default = [\"full\"]`, `full = [{}]`",
            features
                .iter()
                .map(|f| format!("\"{f}\""))
                .collect::<Vec<_>>()
                .join(", ")
        ));
        for f in features {
            lines.push(format!("feature `{f}`"));
        }
    }
    lines.sort();
    lines.dedup();
    let p = &api.package;
    format!(
        "<!-- {header} -->\n# {}: public API\n\nOne line per public item of the generated \
         code, sorted: operations (`op`), types (`type`) and Cargo features (`feature`). It changes \
         when the API changes, and only then.\n\n```text\n{}\n```\n",
        p.name,
        lines.join("\n")
    )
}

fn ty(t: &TypeRef) -> String {
    rust_type(t, &quote!(types::))
        .to_string()
        .replace(" :: ", "::")
        .replace(" < ", "<")
        .replace(" >", ">")
        .replace(" , ", ", ")
}

fn operation_lines(op: &Operation, calls: &BTreeMap<String, String>, out: &mut Vec<String>) {
    let key = format!("op `{} {}`", op.method.as_str().to_uppercase(), op.path_key());
    let mut positional: Vec<String> = op
        .path_params
        .iter()
        .map(|p| format!("{}: {}", p.rust_name, ty(p.ty.non_null())))
        .collect();
    let mut optional: Vec<(String, String)> = Vec::new();
    let mut required: Vec<(String, String)> = Vec::new();
    for p in &op.query_params {
        let list = if p.required { &mut required } else { &mut optional };
        list.push((p.rust_name.clone(), ty(p.ty.non_null())));
    }
    for h in &op.header_params {
        let list = if h.param.required {
            &mut required
        } else {
            &mut optional
        };
        list.push((h.param.rust_name.clone(), ty(h.param.ty.non_null())));
    }
    match &op.body {
        Some(Body::Json { ty: t, required: true, .. }) => {
            positional.push(format!("body: {}", ty(t)));
        }
        Some(Body::Json { ty: t, .. }) | Some(Body::Form { ty: t, .. }) => {
            let is_required = matches!(op.body, Some(Body::Form { required: true, .. }));
            let list = if is_required { &mut required } else { &mut optional };
            list.push(("body".into(), ty(t)));
        }
        Some(Body::Raw { required: r, .. }) => {
            let list = if *r { &mut required } else { &mut optional };
            list.push(("body".into(), "bytes::Bytes".into()));
        }
        Some(Body::Multipart { parts, .. }) => {
            for part in parts {
                let t = match &part.kind {
                    PartKind::File => "FilePart".to_string(),
                    PartKind::FileArray => "Vec<FilePart>".to_string(),
                    PartKind::Text(t) => ty(t.non_null()),
                };
                let list = if part.required {
                    &mut required
                } else {
                    &mut optional
                };
                list.push((part.rust_name.clone(), t));
            }
        }
        None => {}
    }
    let call = format!(
        "client{}({})",
        calls.get(&op.type_stem).map(String::as_str).unwrap_or(""),
        positional.join(", ")
    );
    let response = match op.success.as_ref().map(|s| &s.content) {
        Some(ResponseContent::Json(t)) => ty(t),
        Some(ResponseContent::JsonLines { item, .. }) => format!("JsonLines<{}>", ty(item)),
        Some(ResponseContent::Text { .. }) => "String".into(),
        Some(ResponseContent::Bytes { .. }) => "ByteStream".into(),
        Some(ResponseContent::Empty) | None => "()".into(),
    };
    let error = op
        .error
        .as_ref()
        .and_then(|e| e.ty.as_ref())
        .map(ty)
        .unwrap_or_else(|| "serde_json::Value".into());
    out.push(format!(
        "{key} call `{call}` -> `{response}`, error `{error}`{}",
        if op.deprecated { ", deprecated" } else { "" }
    ));
    for (name, t) in required {
        out.push(format!("{key} required `.{name}({t})`"));
    }
    for (name, t) in optional {
        out.push(format!("{key} optional `.{name}({t})`"));
    }
    if op.pagination.is_some() {
        out.push(format!("{key} pages `.pages()`, `.items()`"));
    }
    if let Some(events) = &op.events {
        out.push(format!("{key} stream `.stream()` of `{}`", ty(&events.event_type)));
    }
}

fn type_lines(t: &TypeDef, out: &mut Vec<String>) {
    let key = format!("type `types::{}`", t.rust_name);
    match &t.kind {
        TypeKind::Struct { fields, extra } => {
            out.push(format!("{key} = struct, non_exhaustive"));
            for f in fields {
                let field_ty = match (&f.ty, f.required) {
                    (TypeRef::Nullable(_), _) | (_, true) => ty(&f.ty),
                    (other, false) => format!("Option<{}>", ty(other)),
                };
                out.push(format!(
                    "{key} field `{}: {field_ty}`{}{}",
                    f.rust_name,
                    if f.required { ", required" } else { "" },
                    if f.deprecated { ", deprecated" } else { "" }
                ));
            }
            out.push(format!(
                "{key} field `{extra}: serde_json::Map<String, serde_json::Value>`, unknown members"
            ));
        }
        TypeKind::Enum { variants } => {
            out.push(format!("{key} = enum, non_exhaustive, `Other(String)`"));
            for v in variants {
                out.push(format!("{key} value `{:?}` variant `{}`", v.wire_name, v.rust_name));
            }
        }
        TypeKind::Const { value } => out.push(format!("{key} = const `{value:?}`")),
        TypeKind::TaggedUnion(u) => {
            out.push(format!(
                "{key} = union tagged by `{}`, non_exhaustive, `Unknown`",
                u.property
            ));
            for v in &u.variants {
                out.push(format!(
                    "{key} variant `{}({})` tag `{:?}`",
                    v.rust_name,
                    ty(&v.ty),
                    v.tag
                ));
            }
        }
        TypeKind::Untagged { variants } => {
            out.push(format!("{key} = union, non_exhaustive, `Unknown`"));
            for v in variants {
                out.push(format!("{key} variant `{}({})`", v.rust_name, ty(&v.ty)));
            }
        }
        TypeKind::Alias(target) => out.push(format!("{key} = alias of `{}`", ty(target))),
    }
}
