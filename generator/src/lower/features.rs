//! Cargo features per top-level resource, so that a user who needs one resource compiles only it
//! and the types it reaches (on Stripe, a quarter of the whole crate's check time; BENCHMARKS.md).
//! Every feature is on by default, through `full`.
//!
//! A type is gated by the features of every resource that reaches it. Types that the default error
//! or an operation on the client itself reaches are always compiled.

use std::collections::{BTreeMap, BTreeSet};

use crate::ir::{Body, Features, Operation, PartKind, ResponseContent, TypeRef};

/// Below this many top-level resources, features would only add noise.
const MIN_RESOURCES: usize = 2;

/// The crate's features: none below two top-level resources.
pub fn features(
    api_operations: &[Operation],
    types: &[crate::ir::TypeDef],
    default_error: &TypeRef,
) -> Features {
    let tops: BTreeSet<&str> = api_operations
        .iter()
        .filter_map(|op| op.resource.first().map(String::as_str))
        .collect();
    if tops.len() < MIN_RESOURCES {
        return Features::default();
    }
    let resources: BTreeMap<String, String> = tops
        .iter()
        .map(|t| (t.to_string(), feature_name(t)))
        .collect();
    let graph = Graph::new(types);
    // One walk per top-level resource, from the roots of all its operations.
    let mut roots: BTreeMap<Option<&str>, Vec<&TypeRef>> = BTreeMap::new();
    for op in api_operations {
        roots
            .entry(op.resource.first().map(String::as_str))
            .or_default()
            .extend(op_types(op));
    }
    let mut always: BTreeSet<&str> = BTreeSet::new();
    graph.reach(default_error, &mut always);
    if let Some(on_client) = roots.remove(&None) {
        for ty in on_client {
            graph.reach(ty, &mut always);
        }
    }
    let mut gated: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (top, tys) in roots {
        let feature = &resources[top.unwrap_or_default()];
        let mut reached = BTreeSet::new();
        for ty in tys {
            graph.reach(ty, &mut reached);
        }
        for ty in reached.into_iter().filter(|t| !always.contains(t)) {
            gated
                .entry(ty.to_string())
                .or_default()
                .insert(feature.clone());
        }
    }
    Features {
        resources,
        types: gated,
    }
}

/// A resource name as a feature name; `default` and `full` belong to Cargo and to this module.
fn feature_name(resource: &str) -> String {
    let name = crate::names::bare(resource).to_string();
    if matches!(name.as_str(), "default" | "full") {
        format!("{name}-resource")
    } else {
        name
    }
}

/// Every type reference an operation's signature holds.
fn op_types(op: &Operation) -> Vec<&TypeRef> {
    let (mut out, received) = sides(op);
    out.extend(received);
    out
}

/// The type references an operation sends (parameters and body) and those it receives
/// (responses, errors, page items and events).
pub(super) fn sides(op: &Operation) -> (Vec<&TypeRef>, Vec<&TypeRef>) {
    let mut sent: Vec<&TypeRef> = op
        .path_params
        .iter()
        .chain(&op.query_params)
        .map(|p| &p.ty)
        .chain(op.header_params.iter().map(|h| &h.param.ty))
        .collect();
    match &op.body {
        Some(Body::Json { ty, .. } | Body::Form { ty, .. }) => sent.push(ty),
        Some(Body::Multipart { parts, .. }) => {
            sent.extend(parts.iter().filter_map(|p| match &p.kind {
                PartKind::Text(ty) => Some(ty),
                _ => None,
            }))
        }
        Some(Body::Raw { .. }) | None => {}
    }
    let mut received = Vec::new();
    match op.success.as_ref().map(|s| &s.content) {
        Some(ResponseContent::Json(ty)) => received.push(ty),
        Some(ResponseContent::JsonLines { item, .. }) => received.push(item),
        _ => {}
    }
    if let Some(ty) = op.error.as_ref().and_then(|e| e.ty.as_ref()) {
        received.push(ty);
    }
    if let Some(p) = &op.pagination {
        received.push(&p.item_type);
    }
    if let Some(events) = &op.events {
        received.push(&events.event_type);
    }
    (sent, received)
}

/// The named types each named type refers to.
pub(super) struct Graph<'a> {
    edges: BTreeMap<&'a str, Vec<&'a TypeRef>>,
}

impl<'a> Graph<'a> {
    pub(super) fn new(types: &'a [crate::ir::TypeDef]) -> Self {
        let edges = types
            .iter()
            .map(|t| (t.rust_name.as_str(), t.kind.refs()))
            .collect();
        Self { edges }
    }

    /// Adds every named type `ty` leads to.
    pub(super) fn reach(&self, ty: &'a TypeRef, seen: &mut BTreeSet<&'a str>) {
        let mut stack = vec![ty];
        while let Some(ty) = stack.pop() {
            match ty {
                TypeRef::Array(inner) | TypeRef::Map(inner) | TypeRef::Nullable(inner) => {
                    stack.push(inner)
                }
                TypeRef::Named(name) if seen.insert(name.as_str()) => {
                    stack.extend(self.edges.get(name.as_str()).into_iter().flatten());
                }
                _ => {}
            }
        }
    }
}
