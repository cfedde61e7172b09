//! Cargo features per top-level resource, so that a user who needs one resource compiles only it
//! and the types it reaches (on Stripe, a quarter of the whole crate's check time; BENCHMARKS.md).
//! Every feature is on by default, through `full`.
//!
//! A type is gated by the features of every resource that reaches it. Types that the default error
//! or an operation on the client itself reaches are always compiled.

use std::collections::{BTreeMap, BTreeSet};

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::{Api, Body, Operation, PartKind, ResponseContent, TypeRef};

/// Below this many top-level resources, features would only add noise.
const MIN_RESOURCES: usize = 2;

#[derive(Debug, Default)]
pub struct Features {
    /// Feature name by top-level resource name.
    resources: BTreeMap<String, String>,
    /// The features that need each gated type; types not here are always compiled.
    types: BTreeMap<String, BTreeSet<String>>,
}

impl Features {
    pub fn of(api: &Api, default_error: &TypeRef) -> Self {
        let tops: BTreeSet<&str> = api
            .operations
            .iter()
            .filter_map(|op| op.resource.first().map(String::as_str))
            .collect();
        if tops.len() < MIN_RESOURCES {
            return Self::default();
        }
        let resources: BTreeMap<String, String> = tops
            .iter()
            .map(|t| (t.to_string(), feature_name(t)))
            .collect();
        let graph = Graph::new(api);
        // One walk per top-level resource, from the roots of all its operations.
        let mut roots: BTreeMap<Option<&str>, Vec<&TypeRef>> = BTreeMap::new();
        for op in &api.operations {
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
        let mut types: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for (top, tys) in roots {
            let feature = &resources[top.unwrap_or_default()];
            let mut reached = BTreeSet::new();
            for ty in tys {
                graph.reach(ty, &mut reached);
            }
            for ty in reached.into_iter().filter(|t| !always.contains(t)) {
                types
                    .entry(ty.to_string())
                    .or_default()
                    .insert(feature.clone());
            }
        }
        Self { resources, types }
    }

    /// The feature names, sorted; empty when the crate has no features.
    pub fn names(&self) -> Vec<String> {
        let names: BTreeSet<&String> = self.resources.values().collect();
        names.into_iter().cloned().collect()
    }

    /// `#[cfg(feature = "...")]` for an operation or handle under this top-level resource.
    pub fn resource_cfg(&self, top: Option<&String>) -> TokenStream {
        match top.and_then(|t| self.resources.get(t)) {
            Some(feature) => quote!(#[cfg(feature = #feature)]),
            None => quote!(),
        }
    }

    /// `#[cfg(any(feature = ...))]` for a named type, or nothing when it is always compiled.
    pub fn type_cfg(&self, rust_name: &str) -> Option<TokenStream> {
        let features = self.types.get(rust_name)?;
        if features.len() == 1 {
            let feature = features.first();
            return Some(quote!(#[cfg(feature = #feature)]));
        }
        let features = features.iter();
        Some(quote!(#[cfg(any(#(feature = #features),*))]))
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
    let mut out: Vec<&TypeRef> = op
        .path_params
        .iter()
        .chain(&op.query_params)
        .map(|p| &p.ty)
        .chain(op.header_params.iter().map(|h| &h.param.ty))
        .collect();
    match &op.body {
        Some(Body::Json { ty, .. } | Body::Form { ty, .. }) => out.push(ty),
        Some(Body::Multipart { parts, .. }) => {
            out.extend(parts.iter().filter_map(|p| match &p.kind {
                PartKind::Text(ty) => Some(ty),
                _ => None,
            }))
        }
        Some(Body::Raw { .. }) | None => {}
    }
    match op.success.as_ref().map(|s| &s.content) {
        Some(ResponseContent::Json(ty)) => out.push(ty),
        Some(ResponseContent::JsonLines { item, .. }) => out.push(item),
        _ => {}
    }
    if let Some(ty) = op.error.as_ref().and_then(|e| e.ty.as_ref()) {
        out.push(ty);
    }
    if let Some(p) = &op.pagination {
        out.push(&p.item_type);
    }
    if let Some(events) = &op.events {
        out.push(&events.event_type);
    }
    out
}

/// The named types each named type refers to.
struct Graph<'a> {
    edges: BTreeMap<&'a str, Vec<&'a TypeRef>>,
}

impl<'a> Graph<'a> {
    fn new(api: &'a Api) -> Self {
        let edges = api
            .types
            .iter()
            .map(|t| (t.rust_name.as_str(), t.kind.refs()))
            .collect();
        Self { edges }
    }

    /// Adds every named type `ty` leads to.
    fn reach(&self, ty: &'a TypeRef, seen: &mut BTreeSet<&'a str>) {
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
