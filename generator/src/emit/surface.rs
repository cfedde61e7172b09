//! The public surface of a generated crate, as the Rust text users write: each operation's call
//! with its arguments, response and error types, and each type's members with the types users
//! see (boxed where the code boxes them). `API.md` lists it and the surface test compiles against
//! it, so the two cannot disagree about what the crate offers.

use std::collections::{BTreeMap, BTreeSet};

use super::types::{constructor_members, ident};
use crate::ir::{Api, Body, Field, Operation, PartKind, ResponseContent, TypeDef, TypeRef};

/// A type as users write it, with `types::` before generated names: the text of what
/// [`rust_type`](super::types::rust_type) prints.
pub fn ty(t: &TypeRef) -> String {
    match t {
        TypeRef::String => "String".into(),
        TypeRef::Integer => "i64".into(),
        TypeRef::Number => "f64".into(),
        TypeRef::Boolean => "bool".into(),
        TypeRef::Any => "serde_json::Value".into(),
        TypeRef::Array(inner) => format!("Vec<{}>", ty(inner)),
        TypeRef::Map(inner) => format!("std::collections::BTreeMap<String, {}>", ty(inner)),
        TypeRef::Nullable(inner) => format!("Option<{}>", ty(inner)),
        TypeRef::Named(n) => format!("types::{}", ident(n)),
    }
}

/// One operation: how it is called and what it gives back.
pub struct OpSurface {
    /// `GET /pets/{id}`.
    pub route: String,
    /// The call chain from the client, e.g. `.pets().retrieve`.
    pub chain: String,
    /// The method's own arguments, in order.
    pub positional: Vec<(String, String)>,
    /// Setters the request needs before it is sent.
    pub required: Vec<(String, String)>,
    /// Setters it may take.
    pub optional: Vec<(String, String)>,
    /// What `send()` gives on success, abbreviated as the listing shows it.
    pub response: String,
    /// What `send()` gives on success, written out in full.
    pub response_full: String,
    /// The documented error body, `serde_json::Value` when none is.
    pub error: String,
    pub deprecated: bool,
    /// The page type, for operations that page.
    /// The page type, as the surface test names it.
    pub pages: Option<String>,
    /// How it pages (`cursor`, `offset`, `link`, ...), which the listing names.
    pub paging: Option<String>,
    /// The event type, for operations that stream events.
    pub events: Option<String>,
}

pub fn operation(op: &Operation) -> OpSurface {
    let mut positional: Vec<(String, String)> = op
        .path_params
        .iter()
        .map(|p| (p.rust_name.clone(), ty(p.ty.non_null())))
        .collect();
    let mut optional: Vec<(String, String)> = Vec::new();
    let mut required: Vec<(String, String)> = Vec::new();
    let mut add = |needed: bool, name: &str, t: String| {
        let list = if needed { &mut required } else { &mut optional };
        list.push((name.to_string(), t));
    };
    // Required query and header parameters are positional, after the path's.
    let params = op
        .query_params
        .iter()
        .chain(op.header_params.iter().map(|h| &h.param));
    for p in params {
        if p.required {
            positional.push((p.rust_name.clone(), ty(p.ty.non_null())));
        } else {
            add(false, &p.rust_name, ty(p.ty.non_null()));
        }
    }
    match &op.body {
        Some(Body::Json {
            ty: t,
            required: true,
            ..
        }) => positional.push(("body".into(), ty(t))),
        Some(Body::Json { ty: t, .. }) => add(false, "body", ty(t)),
        Some(Body::Form {
            ty: t, required: r, ..
        }) => add(*r, "body", ty(t)),
        Some(Body::Raw { required: r, .. }) => add(*r, "body", "bytes::Bytes".into()),
        Some(Body::Multipart { parts, .. }) => {
            for part in parts {
                let t = match &part.kind {
                    PartKind::File => "FilePart".to_string(),
                    PartKind::FileArray => "Vec<FilePart>".to_string(),
                    PartKind::Text(t) => ty(t.non_null()),
                };
                add(part.required, &part.rust_name, t);
            }
        }
        None => {}
    }
    let error = op
        .error
        .as_ref()
        .and_then(|e| e.ty.as_ref())
        .map(ty)
        .unwrap_or_else(|| "serde_json::Value".into());
    let (response, response_full) = match op.success.as_ref().map(|s| &s.content) {
        Some(ResponseContent::Json(t)) => (ty(t), ty(t)),
        Some(ResponseContent::JsonLines { item, .. }) => (
            format!("JsonLines<{}>", ty(item)),
            format!("JsonLines<{}, {error}>", ty(item)),
        ),
        Some(ResponseContent::Text) => ("String".into(), "String".into()),
        Some(ResponseContent::Bytes) => ("ByteStream".into(), format!("ByteStream<{error}>")),
        Some(ResponseContent::Empty) | None => ("()".into(), "()".into()),
    };
    OpSurface {
        route: format!("{} {}", op.method.as_str().to_uppercase(), op.path_key()),
        chain: op.call.chain(),
        positional,
        required,
        optional,
        response,
        response_full,
        error,
        deprecated: op.deprecated,
        pages: op.pagination.as_ref().map(|p| match &p.page_type {
            Some(name) => format!("types::{name}"),
            None => format!("Vec<{}>", ty(&p.item_type)),
        }),
        paging: op.pagination.as_ref().map(|p| p.convention.clone()),
        events: op.events.as_ref().map(|e| ty(&e.event_type)),
    }
}

/// The Rust types of members and variants, which depend on which of them the code boxes.
pub struct Shapes<'a> {
    boxed: &'a BTreeSet<(String, String)>,
    by_name: BTreeMap<&'a str, &'a TypeDef>,
}

impl<'a> Shapes<'a> {
    pub fn of(api: &'a Api) -> Self {
        Shapes {
            boxed: &api.shape.boxed,
            by_name: api
                .types
                .iter()
                .map(|t| (t.rust_name.as_str(), t))
                .collect(),
        }
    }

    fn boxed(&self, owner: &str, member: &str, t: String) -> String {
        if self
            .boxed
            .contains(&(owner.to_string(), member.to_string()))
        {
            format!("Box<{t}>")
        } else {
            t
        }
    }

    /// A struct member's type as declared: `Option` when it may be absent, boxed on a cycle.
    pub fn field_type(&self, owner: &str, f: &Field) -> String {
        let boxed = |t: &TypeRef| self.boxed(owner, &f.rust_name, ty(t));
        match &f.ty {
            TypeRef::Nullable(inner) => format!("Option<{}>", boxed(inner)),
            t if f.required => boxed(t),
            t => format!("Option<{}>", boxed(t)),
        }
    }

    /// A union variant's payload type.
    pub fn variant_type(&self, owner: &str, variant: &str, t: &TypeRef) -> String {
        self.boxed(owner, variant, ty(t))
    }

    /// An alias that closes a cycle is a newtype struct, not a `type` alias.
    pub fn alias_is_newtype(&self, owner: &str) -> bool {
        self.boxed.contains(&(owner.to_string(), String::new()))
    }

    /// The members `new` takes, in order, with the types it takes; `None` when the type derives
    /// `Default` instead.
    pub fn constructor<'f>(
        &self,
        owner: &str,
        fields: &'f [Field],
    ) -> Option<Vec<(&'f Field, String)>> {
        let given = constructor_members(fields, &self.by_name)?;
        Some(
            given
                .into_iter()
                .map(|f| match f.ty {
                    // Taken as `Option<T>` and boxed inside.
                    TypeRef::Nullable(_) => (f, ty(&f.ty)),
                    _ => (f, self.boxed(owner, &f.rust_name, ty(&f.ty))),
                })
                .collect(),
        )
    }
}
