//! An operation's request body: JSON, form or multipart, with its parts and samples.

use super::*;

impl OpCtx<'_> {
    pub(super) fn body(
        &self,
        body: &ReferenceOr<RequestBody>,
        stem: &str,
        space: &mut TypeSpace,
        scope: &mut Scope,
    ) -> Result<Option<Body>, Diagnostic> {
        let at = self.at.join("requestBody");
        let body = resolve_component(
            body,
            "requestBodies",
            |c| &c.request_bodies,
            self.components(),
            &at,
        )?;
        let docs = Docs {
            description: body.description.clone(),
            ..Docs::default()
        };
        if let Some((media, m)) = body.content.iter().find(|(k, _)| is_json(k)) {
            let Some(schema) = &m.schema else {
                return Ok(None);
            };
            let at = at.join(format!("content.{media}.schema"));
            let ty = space.lower(schema, &format!("{stem}Body"), &at, 0)?;
            self.sample_body(schema, |s, schema, c| s.sample(schema, c));
            return Ok(Some(Body::Json {
                ty,
                required: body.required,
                docs,
            }));
        }
        if let Some((media, m)) = body
            .content
            .iter()
            .find(|(k, _)| k.starts_with("multipart/form-data"))
        {
            let at = at.join(format!("content.{media}"));
            let mut multipart = self.multipart(m, stem, space, scope, &at, docs)?;
            // A required form of one field needs that field: an empty form is no body (xtrf's
            // `FileToUploadDto` is one optional `file`, and a validating server refuses the call
            // without it).
            if let Body::Multipart {
                parts, required, ..
            } = &mut multipart
            {
                *required = body.required;
                if let ([only], true) = (parts.as_mut_slice(), body.required) {
                    only.required = true;
                }
            }
            return Ok(Some(multipart));
        }
        if let Some((media, m)) = body
            .content
            .iter()
            .find(|(k, _)| k.starts_with("application/x-www-form-urlencoded"))
        {
            if let Some(schema) = &m.schema {
                self.sample_body(schema, |s, schema, c| s.sample_form(schema, c));
            }
            let ty = match &m.schema {
                Some(schema) => space.lower(
                    schema,
                    &format!("{stem}Form"),
                    &at.join(format!("content.{media}.schema")),
                    0,
                )?,
                None => TypeRef::Map(Box::new(TypeRef::String)),
            };
            // Stripe declares `metadata` and `expand` as `deepObject`.
            let deep = m
                .encoding
                .iter()
                .filter(|(_, e)| matches!(e.style, Some(openapiv3::QueryStyle::DeepObject)))
                .map(|(name, _)| name.clone())
                .collect();
            return Ok(Some(Body::Form {
                ty,
                required: body.required,
                docs,
                deep,
            }));
        }
        Ok(body.content.keys().next().map(|media| Body::Raw {
            content_type: media.clone(),
            required: body.required,
            docs,
        }))
    }

    /// The body's samples for the generated test, by `sample` (a form's fields are text).
    pub(super) fn sample_body(
        &self,
        schema: &ReferenceOr<Schema>,
        sample: impl Fn(&Sampler, &ReferenceOr<Schema>, Coverage) -> serde_json::Value,
    ) {
        let sampler = self.sampler();
        let mut samples = self.samples.borrow_mut();
        samples.body_required = Some(sample(&sampler, schema, Coverage::Required));
        samples.body_full = Some(sample(&sampler, schema, Coverage::Full));
    }

    pub(super) fn multipart(
        &self,
        m: &MediaType,
        stem: &str,
        space: &mut TypeSpace,
        scope: &mut Scope,
        at: &At,
        docs: Docs,
    ) -> Result<Body, Diagnostic> {
        let Some(schema) = &m.schema else {
            return Err(at.err("multipart body has no schema"));
        };
        let (media_at, at) = (at, &at.join("schema"));
        let (type_name, schema) = match schema {
            ReferenceOr::Reference { reference } => {
                let (name, s) = space.resolve(reference, at)?;
                (Some(name.to_string()), s.clone())
            }
            ReferenceOr::Item(s) => (None, s.clone()),
        };
        let (properties, required) = super::super::forms::form_fields(&schema, space, at)?;
        if properties.is_empty() {
            // No named fields to build a form from: the caller sends an encoded body.
            return Ok(Body::Raw {
                content_type: "multipart/form-data".into(),
                required: true,
                docs,
            });
        }
        let mut parts = Vec::new();
        for (wire, prop) in &properties {
            let prop_at = at.join(format!("properties.{wire}"));
            let resolved: Schema = match prop {
                ReferenceOr::Item(s) => (**s).clone(),
                ReferenceOr::Reference { reference } => {
                    space.resolve(reference, &prop_at)?.1.clone()
                }
            };
            let pdocs = super::super::types::docs_of(&resolved, required.contains(wire));
            let rule = self
                .config
                .upload_rules
                .iter()
                .find(|r| &r.field == wire && self.path.starts_with(&r.path_prefix));
            let (kind, wire_name) = if is_binary(&resolved) {
                (PartKind::File, wire.clone())
            } else if let Some(items) = array_items(&resolved)
                && is_binary(&items)
            {
                // One part per file, named as OpenAPI says, or `files[]` where the operation's
                // curl sample sends it so (the Skills pages, and the official SDKs).
                let name = match rule.and_then(|r| r.part_name.clone()) {
                    Some(name) => name,
                    None if self.bracketed_parts.contains(wire) => format!("{wire}[]"),
                    None => wire.clone(),
                };
                (PartKind::FileArray, name)
            } else {
                let ty = space.lower_boxed(
                    prop,
                    &format!("{stem}{}", names::bare(&names::camel(wire))),
                    &prop_at,
                    0,
                )?;
                (PartKind::Text(ty), wire.clone())
            };
            let content_type = match &kind {
                PartKind::Text(ty) => {
                    let (media, ignored) =
                        super::super::part_media::text_part_media(m.encoding.get(wire), ty, space);
                    if let Some(why) = ignored {
                        let place = media_at.join(format!("encoding.{wire}.contentType"));
                        self.warnings.borrow_mut().push(place.err(why));
                    }
                    media
                }
                PartKind::File | PartKind::FileArray => None,
            };
            let rust_name = scope.unique(names::snake(wire));
            if matches!(kind, PartKind::Text(_)) {
                let sample = self.sampler().sample_boxed(prop, Coverage::Full);
                self.samples
                    .borrow_mut()
                    .args
                    .insert(rust_name.clone(), sample);
            }
            let rules = rule.map(|r| r.rules.clone());
            parts.push(MultipartPart {
                wire_name,
                rust_name,
                kind,
                required: required.contains(wire),
                docs: pdocs,
                rules,
                content_type,
            });
        }
        Ok(Body::Multipart {
            type_name,
            parts,
            required: false,
            docs,
        })
    }
}

pub(super) fn is_binary(s: &Schema) -> bool {
    match &s.schema_kind {
        SchemaKind::Type(Type::String(st)) => {
            matches!(
                &st.format,
                openapiv3::VariantOrUnknownOrEmpty::Item(openapiv3::StringFormat::Binary)
            )
        }
        SchemaKind::Any(a) => a.format.as_deref() == Some("binary"),
        _ => false,
    }
}

pub(super) fn array_items(s: &Schema) -> Option<Schema> {
    let items = match &s.schema_kind {
        SchemaKind::Type(Type::Array(a)) => a.items.as_ref()?,
        SchemaKind::Any(a) => a.items.as_ref()?,
        _ => return None,
    };
    match items {
        ReferenceOr::Item(s) => Some((**s).clone()),
        ReferenceOr::Reference { .. } => None,
    }
}
