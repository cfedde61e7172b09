//! The `Content-Type` of a multipart part that is not a file. OpenAPI 3 (Encoding Object) gives
//! an object part `application/json` by default and lets `encoding.<part>.contentType` name
//! another; a primitive part is plain text. Spring's `@RequestPart` (zeno.fm's podcasts, most
//! springdoc documents) refuses an object part that arrives without `application/json`, while
//! servers that read parts as fields (multer, Starlette, Django) ignore the header, so an object
//! part says what it is. A list part sends one part per item, each typed so.

use openapiv3::Encoding;

use super::types::TypeSpace;
use crate::ir::{TypeKind, TypeRef};
use crate::load::media_keys;

/// The media type to send a text part of type `ty` with, or `None` for plain text: the
/// document's `contentType` for the part when it is one valid media type (the first of a list),
/// else `application/json` where the value, or each item of a list, is a JSON object. The second
/// value says why a declared `contentType` was not used.
pub fn text_part_media(
    encoding: Option<&Encoding>,
    ty: &TypeRef,
    space: &TypeSpace,
) -> (Option<String>, Option<String>) {
    let mut ignored = None;
    if let Some(declared) = encoding.and_then(|e| e.content_type.as_deref()) {
        let first = declared.split(',').next().unwrap_or_default().trim();
        if is_media_type(first) {
            let named = (!first.eq_ignore_ascii_case("text/plain")).then(|| first.to_string());
            return (named, None);
        }
        ignored = Some(format!(
            "`contentType: {declared}` names no one media type (`type/subtype`); the part is \
             sent with the default for its schema"
        ));
    }
    let value = match ty.non_null() {
        TypeRef::Array(item) => item.non_null(),
        other => other,
    };
    let default = is_object(value, space).then(|| "application/json".to_string());
    (default, ignored)
}

/// Whether values of `ty` are JSON objects: maps, structs, tagged unions, and untagged unions
/// whose every member is one.
fn is_object(ty: &TypeRef, space: &TypeSpace) -> bool {
    match ty.non_null() {
        TypeRef::Map(_) => true,
        TypeRef::Named(name) => match space.through_aliases(name).map(|d| &d.kind) {
            Some(TypeKind::Struct { .. } | TypeKind::TaggedUnion(_)) => true,
            Some(TypeKind::Alias(inner)) => is_object(inner, space),
            Some(TypeKind::Untagged { variants }) => {
                !variants.is_empty() && variants.iter().all(|v| is_object(&v.ty, space))
            }
            _ => false,
        },
        _ => false,
    }
}

/// One media type to send: a media type as content keys are checked, not a range (`image/*`
/// names no one type), and printable ASCII throughout, so the runtime's header never fails to
/// parse.
fn is_media_type(text: &str) -> bool {
    media_keys::is_media_type(text)
        && !media_keys::essence(text).contains('*')
        && text.chars().all(|c| c.is_ascii() && !c.is_ascii_control())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn media_types_are_checked_before_they_reach_a_header() {
        assert!(is_media_type("application/json"));
        assert!(is_media_type("application/vnd.api+json; charset=utf-8"));
        assert!(!is_media_type("json"));
        assert!(!is_media_type("application/json\r\nX-Injected: 1"));
        assert!(!is_media_type("image/*, text/plain"));
        assert!(!is_media_type("image/*"));
    }
}
