//! An operation's responses: the success type, the error union's member, and the `Accept` the
//! operation sends.

use super::*;
use crate::load::media_keys::essence;
pub(super) use crate::load::media_keys::is_json;

impl OpCtx<'_> {
    pub(super) fn responses(
        &self,
        op: &OaOperation,
        stem: &str,
        space: &mut TypeSpace,
    ) -> Result<Responses, Diagnostic> {
        let at = self.at.join("responses");
        let mut all: Vec<(StatusMatch, &ReferenceOr<Response>)> = op
            .responses
            .responses
            .iter()
            .map(|(code, r)| {
                let status = match code {
                    StatusCode::Code(c) => StatusMatch::Code(*c),
                    StatusCode::Range(r) => StatusMatch::Range(*r as u8),
                };
                (status, r)
            })
            .collect();
        if let Some(d) = &op.responses.default {
            all.push((StatusMatch::Default, d));
        }
        // An operation that documents a redirect and no 2xx (GitHub's archive downloads, a
        // booking page's link) has the redirect as its outcome, not as an error.
        let only_redirects = !all.iter().any(|(s, _)| is_2xx(s));
        let is_success = |s: &StatusMatch| is_2xx(s) || (only_redirects && is_redirect(s));
        // `default` documents every answer no code names (OpenAPI 3.1 §4.8.16), so where nothing
        // names a success or a redirect it documents the success too, as well as the errors:
        // FEC's and Reverb's operations document nothing else.
        let default_succeeds = only_redirects && !all.iter().any(|(s, _)| is_redirect(s));
        let mut success_entries: Vec<_> = all
            .iter()
            .filter(|(s, _)| {
                is_success(s) || (default_succeeds && matches!(s, StatusMatch::Default))
            })
            .collect();
        success_entries.sort_by(|a, b| a.0.cmp(&b.0));
        let mut success_schema = None;
        let mut headers = Vec::new();
        let success = match success_entries.first() {
            Some((status, r)) => {
                let r = self.resolve_response(r, &at)?;
                headers = r.headers.keys().cloned().collect();
                // HTTP gives 204 and 205 no body, whatever the document declares (AWS's documents
                // give every `204` a JSON schema); reading one would fail on the empty body.
                let bodiless = matches!(status, StatusMatch::Code(204 | 205));
                success_schema = r
                    .content
                    .iter()
                    .find(|(k, _)| is_json(k) && !bodiless)
                    .and_then(|(_, m)| m.schema.clone());
                let content = if bodiless {
                    ResponseContent::Empty
                } else {
                    self.response_content(
                        r,
                        &format!("{stem}Response"),
                        space,
                        &at.join(status_key(status)),
                    )?
                };
                Some(SuccessResponse {
                    status: status.clone(),
                    content,
                })
            }
            None => None,
        };
        let mut statuses = Vec::new();
        let mut error_ty: Option<TypeRef> = None;
        let mut bodies: Vec<TypeRef> = Vec::new();
        let mut docs = Docs::default();
        let mut without_body = Vec::new();
        // Statuses whose bodies differ name theirs after the status (`ReadFlowRunNotFoundError`,
        // `...UnprocessableEntityError`), not `Error`, `Error2`, `Error3`.
        let errors = all
            .iter()
            .filter(|(s, _)| !is_success(s))
            .map(|(s, r)| Ok((s, self.resolve_response(r, &at)?)))
            .collect::<Result<Vec<_>, Diagnostic>>()?;
        let mut schemas: Vec<&Option<ReferenceOr<Schema>>> = Vec::new();
        for (_, r) in &errors {
            if let Some((_, m)) = r.content.iter().find(|(k, _)| is_json(k))
                && m.schema.is_some()
                && !schemas.contains(&&m.schema)
            {
                schemas.push(&m.schema);
            }
        }
        let per_status = schemas.len() > 1;
        for (status, r) in errors.iter().copied() {
            statuses.push(status.clone());
            if docs.description.is_none() && !r.description.is_empty() {
                docs.description = Some(r.description.clone());
            }
            let hint = match (per_status, status_words(status)) {
                (true, Some(words)) => format!("{stem}{words}Error"),
                _ => format!("{stem}Error"),
            };
            // JSON without a schema (xtrf's `default: {application/json: {}}`) documents no body
            // either: it neither types the errors nor turns the others' type into any JSON.
            let schema_less = r
                .content
                .iter()
                .find(|(k, _)| is_json(k))
                .is_some_and(|(_, m)| m.schema.is_none());
            match self.response_content(r, &hint, space, &at.join(status_key(status)))? {
                ResponseContent::Json(ty) if !schema_less => {
                    if error_ty.is_none() {
                        error_ty = Some(ty.clone());
                    }
                    if !bodies.contains(&ty) {
                        bodies.push(ty);
                    }
                }
                _ => without_body.push(status.clone()),
            }
        }
        let mixed = bodies.len() > 1;
        let accept = self.accept(&success_entries, &all, &at)?;
        // Statuses with different bodies: keep the raw JSON rather than guess which one arrived.
        let ty = if mixed { Some(TypeRef::Any) } else { error_ty };
        let error = (!statuses.is_empty()).then_some(ErrorResponse {
            statuses,
            ty,
            bodies: if mixed { bodies } else { Vec::new() },
            without_body,
            docs,
        });
        Ok(Responses {
            success,
            accept,
            headers,
            error,
            success_schema,
        })
    }

    /// The `Accept` header: the success media types (JSON first), then every other media type
    /// the operation's responses declare, each once; `None` when `application/json` alone is it.
    pub(super) fn accept(
        &self,
        success: &[&(StatusMatch, &ReferenceOr<Response>)],
        all: &[(StatusMatch, &ReferenceOr<Response>)],
        at: &At,
    ) -> Result<Option<String>, Diagnostic> {
        let mut media: Vec<String> = Vec::new();
        let mut add = |r: &Response, json_first: bool| {
            let mut keys: Vec<&String> = r.content.keys().collect();
            if json_first {
                keys.sort_by_key(|k| !is_json(k));
            }
            for key in keys {
                push_media_type(&mut media, key);
            }
        };
        for (i, (_, r)) in success.iter().enumerate() {
            add(self.resolve_response(r, at)?, i == 0);
        }
        for (status, r) in all {
            if !success.iter().any(|(s, _)| s == status) {
                add(self.resolve_response(r, at)?, false);
            }
        }
        Ok(match media.as_slice() {
            [] => None,
            [only] if only.eq_ignore_ascii_case("application/json") => None,
            _ => Some(media.join(", ")),
        })
    }

    pub(super) fn resolve_response<'r>(
        &'r self,
        r: &'r ReferenceOr<Response>,
        at: &At,
    ) -> Result<&'r Response, Diagnostic> {
        resolve_component(r, "responses", |c| &c.responses, self.components(), at)
    }

    pub(super) fn response_content(
        &self,
        r: &Response,
        hint: &str,
        space: &mut TypeSpace,
        at: &At,
    ) -> Result<ResponseContent, Diagnostic> {
        if let Some((media, m)) = r.content.iter().find(|(k, _)| is_json(k)) {
            return Ok(match &m.schema {
                Some(schema) => ResponseContent::Json(space.lower(
                    schema,
                    hint,
                    &at.join(format!("content.{media}.schema")),
                    0,
                )?),
                None => ResponseContent::Json(TypeRef::Any),
            });
        }
        if let Some((media, m)) = r.content.iter().find(|(k, _)| is_json_lines(k)) {
            let item = match &m.schema {
                Some(schema) => space.lower(
                    schema,
                    &format!("{hint}Line"),
                    &at.join(format!("content.{media}.schema")),
                    0,
                )?,
                None => TypeRef::Any,
            };
            return Ok(ResponseContent::JsonLines { item });
        }
        // Text whose schema is a string (or unsaid) reads as a `String`, not a stream of bytes.
        let text: Vec<&String> = r
            .content
            .iter()
            .filter(|(k, m)| {
                k.starts_with("text/")
                    && *k != "text/event-stream"
                    && match &m.schema {
                        None => true,
                        Some(ReferenceOr::Item(s)) => {
                            matches!(&s.schema_kind, SchemaKind::Type(Type::String(_)))
                                && !is_binary(s)
                        }
                        Some(ReferenceOr::Reference { reference }) => {
                            space.resolve(reference, at).is_ok_and(|(_, s)| {
                                matches!(&s.schema_kind, SchemaKind::Type(Type::String(_)))
                                    && !is_binary(s)
                            })
                        }
                    }
            })
            .map(|(k, _)| k)
            .collect();
        if !text.is_empty() && text.len() == r.content.len() {
            return Ok(ResponseContent::Text);
        }
        Ok(match r.content.keys().next() {
            None => ResponseContent::Empty,
            Some(_) => ResponseContent::Bytes,
        })
    }
}

/// Resolves a `$ref` to `#/components/<section>/<name>` within one components map.
pub(super) fn resolve_component<'a, T>(
    item: &'a ReferenceOr<T>,
    section: &str,
    pick: impl FnOnce(&'a openapiv3::Components) -> &'a indexmap::IndexMap<String, ReferenceOr<T>>,
    components: Option<&'a openapiv3::Components>,
    at: &At,
) -> Result<&'a T, Diagnostic> {
    let reference = match item {
        ReferenceOr::Item(t) => return Ok(t),
        ReferenceOr::Reference { reference } => reference,
    };
    let prefix = format!("#/components/{section}/");
    let map = components.map(pick);
    // A component may itself be a reference to another; follow the chain, at most once per entry.
    let mut current = reference;
    for _ in 0..=map.map_or(0, |m| m.len()) {
        match current.strip_prefix(&prefix).and_then(|n| map?.get(n)) {
            Some(ReferenceOr::Item(t)) => return Ok(t),
            Some(ReferenceOr::Reference { reference }) => current = reference,
            None => break,
        }
    }
    // Say where the name is, when it is a component of another section.
    let name = current.rsplit('/').next().unwrap_or(current);
    let elsewhere: Vec<String> = components
        .map(|c| {
            [
                ("schemas", c.schemas.contains_key(name)),
                ("parameters", c.parameters.contains_key(name)),
                ("responses", c.responses.contains_key(name)),
                ("requestBodies", c.request_bodies.contains_key(name)),
                ("headers", c.headers.contains_key(name)),
                ("securitySchemes", c.security_schemes.contains_key(name)),
                ("examples", c.examples.contains_key(name)),
            ]
            .into_iter()
            .filter(|(s, found)| *found && *s != section)
            .map(|(s, _)| format!("`#/components/{s}/{name}`"))
            .collect()
        })
        .unwrap_or_default();
    let hint = if elsewhere.is_empty() {
        String::new()
    } else {
        format!(
            "; `{name}` is at {}, which holds no {}",
            elsewhere.join(" and "),
            crate::load::ref_places::kind_word(section)
        )
    };
    Err(at.err(format!(
        "unknown $ref `{reference}`: no `{section}` component of that name{hint}"
    )))
}

/// Adds a media type to an `Accept` list unless one of the same essence is there: the list
/// asks for `application/json` once, not again as `application/json;charset=UTF-8`.
fn push_media_type(list: &mut Vec<String>, media: &str) {
    if !list
        .iter()
        .any(|m| essence(m).eq_ignore_ascii_case(essence(media)))
    {
        list.push(media.to_string());
    }
}

fn is_2xx(s: &StatusMatch) -> bool {
    matches!(s, StatusMatch::Code(200..=299) | StatusMatch::Range(2))
}

pub(super) fn is_redirect(s: &StatusMatch) -> bool {
    matches!(s, StatusMatch::Code(300..=399) | StatusMatch::Range(3))
}

pub(super) fn status_key(s: &StatusMatch) -> String {
    match s {
        StatusMatch::Code(c) => c.to_string(),
        StatusMatch::Range(r) => format!("{r}XX"),
        StatusMatch::Default => "default".into(),
    }
}

/// Newline-delimited JSON under its common names.
pub(super) fn is_json_lines(media: &str) -> bool {
    matches!(
        essence(media),
        "application/x-jsonl" | "application/jsonl" | "application/x-ndjson" | "application/ndjson"
    )
}

/// A status's name as words for a type name: 404 is `NotFound`, `4XX` is `ClientError`.
pub(crate) fn status_words(status: &StatusMatch) -> Option<String> {
    let reason = match status {
        StatusMatch::Code(code) => http::StatusCode::from_u16(*code)
            .ok()
            .and_then(|c| c.canonical_reason())?
            .to_string(),
        StatusMatch::Range(4) => "Client".to_string(),
        StatusMatch::Range(5) => "Server".to_string(),
        _ => return None,
    };
    Some(crate::names::camel(&reason))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_lists_each_media_type_once() {
        let mut list = Vec::new();
        for media in [
            "application/json",
            "application/json;charset=UTF-8",
            "Application/JSON; charset=utf-8",
            "text/plain",
            "application/problem+json",
            "text/plain; charset=utf-8",
        ] {
            push_media_type(&mut list, media);
        }
        assert_eq!(
            list,
            ["application/json", "text/plain", "application/problem+json"]
        );
    }
}
