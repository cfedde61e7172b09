//! Which struct members and union variants must be boxed: those that hold their own type without
//! indirection, directly or through a cycle, and would otherwise have no size.

use std::collections::{BTreeMap, BTreeSet};

use crate::ir::{TypeDef, TypeKind, TypeRef};

/// Fields that hold their own type without indirection (directly or through a cycle), which must be
/// boxed to have a size.
pub fn recursive_fields(types: &[TypeDef]) -> BTreeSet<(String, String)> {
    fn direct(ty: &TypeRef) -> Option<&str> {
        match ty {
            TypeRef::Named(n) => Some(n),
            TypeRef::Nullable(inner) => direct(inner),
            _ => None,
        }
    }
    let mut edges: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for t in types {
        let targets = t.kind.refs().into_iter().filter_map(direct).collect();
        edges.insert(&t.rust_name, targets);
    }
    let reaches = |from: &str, to: &str| {
        let mut stack = vec![from];
        let mut seen = BTreeSet::new();
        while let Some(n) = stack.pop() {
            if n == to {
                return true;
            }
            if seen.insert(n) {
                stack.extend(edges.get(n).into_iter().flatten().copied());
            }
        }
        false
    };
    let mut out = BTreeSet::new();
    // Aliases that expand to themselves (`S = Vec<S>`): Rust refuses a recursive `type`, so these
    // become newtype structs, marked with an empty member name.
    fn named(ty: &TypeRef, out: &mut Vec<String>) {
        match ty {
            TypeRef::Named(n) => out.push(n.clone()),
            TypeRef::Array(inner) | TypeRef::Map(inner) | TypeRef::Nullable(inner) => {
                named(inner, out)
            }
            _ => {}
        }
    }
    let aliases: BTreeMap<&str, Vec<String>> = types
        .iter()
        .filter_map(|t| match &t.kind {
            TypeKind::Alias(ty) => {
                let mut targets = Vec::new();
                named(ty, &mut targets);
                Some((t.rust_name.as_str(), targets))
            }
            _ => None,
        })
        .collect();
    for start in aliases.keys() {
        let mut stack: Vec<&str> = aliases[start].iter().map(String::as_str).collect();
        let mut seen = BTreeSet::new();
        while let Some(n) = stack.pop() {
            if n == *start {
                out.insert((start.to_string(), String::new()));
                break;
            }
            if seen.insert(n)
                && let Some(next) = aliases.get(n)
            {
                stack.extend(next.iter().map(String::as_str));
            }
        }
    }
    // A struct's recursive fields are boxed, which breaks every cycle through a struct; a cycle
    // made of unions alone (`A = oneOf [B, ..]`, `B = oneOf [A, ..]`) is broken at its variants.
    let structs: BTreeSet<&str> = types
        .iter()
        .filter(|t| matches!(t.kind, TypeKind::Struct { .. }))
        .map(|t| t.rust_name.as_str())
        .collect();
    let reaches_without_structs = |from: &str, to: &str| {
        let mut stack = vec![from];
        let mut seen = BTreeSet::new();
        while let Some(n) = stack.pop() {
            if n == to {
                return true;
            }
            if !structs.contains(n) && seen.insert(n) {
                stack.extend(edges.get(n).into_iter().flatten().copied());
            }
        }
        false
    };
    for t in types {
        match &t.kind {
            TypeKind::Struct { fields, .. } => {
                for f in fields {
                    if let Some(target) = direct(&f.ty)
                        && reaches(target, &t.rust_name)
                    {
                        out.insert((t.rust_name.clone(), f.rust_name.clone()));
                    }
                }
            }
            TypeKind::Untagged { .. } | TypeKind::TaggedUnion(_) => {
                let variants: Vec<(&String, &TypeRef)> = match &t.kind {
                    TypeKind::Untagged { variants } => {
                        variants.iter().map(|v| (&v.rust_name, &v.ty)).collect()
                    }
                    TypeKind::TaggedUnion(u) => {
                        u.variants.iter().map(|v| (&v.rust_name, &v.ty)).collect()
                    }
                    _ => Vec::new(),
                };
                for (variant, ty) in variants {
                    if let Some(target) = direct(ty)
                        && reaches_without_structs(target, &t.rust_name)
                    {
                        out.insert((t.rust_name.clone(), variant.clone()));
                    }
                }
            }
            _ => {}
        }
    }
    out
}
