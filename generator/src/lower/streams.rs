//! Event streams declared in the config. The Claude documents say only in prose that a message
//! with `"stream": true` answers with server-sent events, so `codegen.toml` names the body flag and
//! the event union, and lowering checks both against the spec.

use openapiv3::ReferenceOr;

use super::types::{At, TypeSpace};
use crate::config::StreamConfig;
use crate::diag::Diagnostic;
use crate::ir::{Body, EventStream, PageField, TypeKind, TypeRef};

pub fn lower(
    stream: &StreamConfig,
    key: &str,
    body: Option<&Body>,
    space: &mut TypeSpace,
    at: &At,
) -> Result<EventStream, Diagnostic> {
    let declared = |why: String| {
        at.err(format!(
            "codegen.toml declares an event stream for `{key}`, but {why}"
        ))
    };
    let ty = match body {
        Some(Body::Json {
            ty, required: true, ..
        }) if matches!(ty, TypeRef::Named(_)) => ty,
        _ => {
            return Err(declared(
                "the operation has no required JSON object body to set the flag in".into(),
            ));
        }
    };
    let flag = flag_field(ty, &stream.flag, space).map_err(declared)?;

    let reference = format!("#/components/schemas/{}", stream.event);
    if space.resolve(&reference, at).is_err() {
        return Err(declared(format!(
            "the spec has no schema `{}` under components.schemas",
            stream.event
        )));
    }
    let event_type = space.lower(
        &ReferenceOr::Reference {
            reference: reference.clone(),
        },
        &stream.event,
        at,
        0,
    )?;
    let tags = match named_kind(&event_type, space) {
        Some(TypeKind::TaggedUnion(union)) => union
            .variants
            .iter()
            .map(|v| v.tag.clone())
            .collect::<Vec<_>>(),
        _ => {
            return Err(declared(format!(
                "`{}` is not a oneOf with a discriminator, so events cannot be told apart",
                stream.event
            )));
        }
    };
    if let Some(end) = &stream.end_event
        && !tags.contains(end)
    {
        return Err(declared(format!(
            "its end_event `{end}` is not one of the events of `{}`: {}",
            stream.event,
            tags.join(", ")
        )));
    }
    Ok(EventStream {
        flag,
        event_type,
        events: tags
            .into_iter()
            .filter(|t| !stream.skip_events.contains(t))
            .collect(),
        end_event: stream.end_event.clone(),
        error_event: stream.error_event.clone(),
    })
}

/// The boolean property `wire` of the body's struct.
fn flag_field(body: &TypeRef, wire: &str, space: &TypeSpace) -> Result<PageField, String> {
    let Some(TypeKind::Struct { fields, .. }) = named_kind(body, space) else {
        return Err("its JSON body is not an object type".into());
    };
    let Some(field) = fields.iter().find(|f| f.wire_name == wire) else {
        return Err(format!("its JSON body has no `{wire}` property"));
    };
    if *field.ty.non_null() != TypeRef::Boolean {
        return Err(format!("the body's `{wire}` property is not a boolean"));
    }
    Ok(PageField {
        wire_name: field.wire_name.clone(),
        rust_name: field.rust_name.clone(),
        optional: !field.required || matches!(field.ty, TypeRef::Nullable(_)),
    })
}

/// The definition behind a named type, through aliases.
fn named_kind<'s>(ty: &TypeRef, space: &'s TypeSpace) -> Option<&'s TypeKind> {
    match ty {
        TypeRef::Named(name) => Some(&space.through_aliases(name)?.kind),
        _ => None,
    }
}
