//! `API.md`: the crate's public API, one line per item, sorted, committed with the crate. A
//! reviewer reads an API change from its diff in a few lines; a change to docs alone leaves it
//! as it was. It is built from the IR, with the call chains `lower` named, the same sources the
//! code comes from.

use super::surface::{self, Shapes, ty};
use crate::ir::{Api, Operation, TypeDef, TypeKind};

/// The text of `API.md`.
pub fn listing(api: &Api, header: &str) -> String {
    let features = &api.shape.features.names();
    let mut lines: Vec<String> = Vec::new();
    for op in &api.operations {
        operation_lines(op, &mut lines);
    }
    handle_lines(api, &mut lines);
    let shapes = Shapes::of(api);
    for t in &api.types {
        type_lines(t, &shapes, &mut lines);
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
         code, sorted: operations (`op`) with their request builders, resource handles (`handle`), \
         types (`type`) and Cargo features (`feature`). It changes when the API changes, and \
         only then.\n\n```text\n{}\n```\n",
        p.name,
        lines.join("\n")
    )
}

fn operation_lines(op: &Operation, out: &mut Vec<String>) {
    let s = surface::operation(op);
    let key = format!("op `{}`", s.route);
    let positional: Vec<String> = s
        .positional
        .iter()
        .map(|(n, t)| format!("{n}: {t}"))
        .collect();
    out.push(format!(
        "{key} call `client{}({})` -> `{}`, error `{}`{}",
        s.chain,
        positional.join(", "),
        s.response,
        s.error,
        if s.deprecated { ", deprecated" } else { "" }
    ));
    // Code that names the builder (a helper that takes one) breaks when it is renamed.
    out.push(format!("{key} builder `resources::{}`", op.call.builder));
    for (name, t) in &s.required {
        out.push(format!("{key} required `.{name}({t})`"));
    }
    for (name, t) in &s.optional {
        out.push(format!("{key} optional `.{name}({t})`"));
    }
    if let Some(paging) = &s.paging {
        out.push(format!("{key} pages `.pages()`, `.items()` by `{paging}`"));
    }
    if let Some(events) = &s.events {
        out.push(format!("{key} stream `.stream()` of `{events}`"));
    }
}

/// Each resource handle's type, and the accessors that reach it from the client.
fn handle_lines(api: &Api, out: &mut Vec<String>) {
    let accessors: std::collections::BTreeMap<&[String], &str> = api
        .shape
        .handles
        .iter()
        .map(|h| (h.path.as_slice(), h.accessor.as_str()))
        .collect();
    for h in &api.shape.handles {
        let chain: String = (1..=h.path.len())
            .filter_map(|n| accessors.get(&h.path[..n]))
            .map(|a| format!(".{a}()"))
            .collect();
        out.push(format!(
            "handle `resources::{}` at `client{chain}`",
            h.rust_name
        ));
    }
}

fn type_lines(t: &TypeDef, shapes: &Shapes, out: &mut Vec<String>) {
    let key = format!("type `types::{}`", t.rust_name);
    let owner = t.rust_name.as_str();
    match &t.kind {
        TypeKind::Struct { fields, extra } => {
            // The constructor's arguments are positional: their order is API, and the sorted
            // field lines cannot show it.
            let build = match shapes.constructor(owner, fields) {
                None => "Default::default()".to_string(),
                Some(args) => format!(
                    "new({})",
                    args.iter()
                        .map(|(f, t)| format!("{}: {t}", f.rust_name))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            };
            out.push(format!("{key} = struct, non_exhaustive"));
            out.push(format!("{key} built `{build}`"));
            for f in fields {
                out.push(format!(
                    "{key} field `{}: {}`{}{}",
                    f.rust_name,
                    shapes.field_type(owner, f),
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
                out.push(format!(
                    "{key} value `{:?}` variant `{}`",
                    v.wire_name, v.rust_name
                ));
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
                    shapes.variant_type(owner, &v.rust_name, &v.ty),
                    v.tag
                ));
            }
        }
        TypeKind::Untagged { variants } => {
            out.push(format!("{key} = union, non_exhaustive, `Unknown`"));
            for v in variants {
                out.push(format!(
                    "{key} variant `{}({})`",
                    v.rust_name,
                    shapes.variant_type(owner, &v.rust_name, &v.ty)
                ));
            }
        }
        TypeKind::Alias(target) if shapes.alias_is_newtype(owner) => {
            out.push(format!("{key} = newtype of `{}`", ty(target)))
        }
        TypeKind::Alias(target) => out.push(format!("{key} = alias of `{}`", ty(target))),
    }
}
