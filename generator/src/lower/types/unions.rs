//! Unions: `oneOf`/`anyOf` lowered to a tagged union when a discriminator or a constant member
//! tells the variants apart, else to an untagged one; a union of one member is that member.

use std::collections::BTreeSet;

use openapiv3::{ReferenceOr, Schema, SchemaData};

use super::super::schema_facts::{
    as_reference, const_property, const_value, tag_for, value_name, variant_name,
};
use super::{At, Defined, MAX_DEPTH, SCHEMA_PREFIX, TypeSpace};
use crate::diag::Diagnostic;
use crate::ir::{TaggedUnion, TypeKind, TypeRef, UnionVariant, UntaggedVariant};
use crate::names::{self, Scope};

impl<'a> TypeSpace<'a> {
    pub(super) fn union(
        &mut self,
        name: &str,
        members: &[ReferenceOr<Schema>],
        data: &SchemaData,
        at: At,
        depth: usize,
    ) -> Result<Defined, Diagnostic> {
        if let [only] = members {
            return self.only_member(only, name, &at.join("[0]"), depth);
        }
        if let Some(defined) = self.string_union(members, &at)? {
            return Ok(defined);
        }
        if let Some(d) = &data.discriminator {
            self.check_mapping(d, members, &at)?;
            // A discriminator whose inline members carry no tag value cannot dispatch on it;
            // such unions are decoded by trying each member instead.
            let taggable = members.iter().all(|m| {
                as_reference(m).is_some() || matches!(m, ReferenceOr::Item(s) if const_property(s, &d.property_name).is_some())
            });
            // Two members with one tag value cannot be told apart by it; such unions, too, are
            // decoded by trying each member.
            if taggable && self.tags_are_distinct(members, d, &at) {
                return self.tagged(name, members, d, at, depth);
            }
        }
        let mut scope = Scope::new();
        // The fallback variant for a value no member accepts.
        scope.reserve("Unknown");
        let mut variants = Vec::new();
        let words = self.member_words(name, members, &at);
        for (i, member) in members.iter().enumerate() {
            let member_at = at.join(format!("[{i}]"));
            let word = words[i].as_deref();
            // A one-value member is named after its value, not its position, so that adding a
            // value elsewhere in the list renames nothing (`ModelClaudeOpus46`, not
            // `ModelVariant9`).
            let hint = match member {
                ReferenceOr::Item(schema) => {
                    const_value(schema).map(|v| format!("{}{}", names::bare(name), value_name(&v)))
                }
                ReferenceOr::Reference { .. } => None,
            }
            .or_else(|| word.map(|w| format!("{}{w}", names::bare(name))))
            .unwrap_or_else(|| format!("{name}Variant{i}"));
            let ty = self.lower(member, &hint, &member_at, depth + 1)?;
            // Members that differ only in what Rust does not check (`pattern`, `format`: a year,
            // a date, a date-time) hold one Rust type, and an untagged union decodes into the
            // first that accepts a value: a second `String` variant could never hold one.
            if variants.iter().any(|v: &UntaggedVariant| v.ty == ty) {
                continue;
            }
            // An inline member that a word tells apart is that word, as a tagged member is its
            // tag: `ProjectsCreateCardBody::Note`, not the type's whole name again.
            let rust_name = match (word, ty.non_null()) {
                (Some(w), TypeRef::Named(_)) => scope.unique(w.to_string()),
                _ => scope.unique(variant_name(&ty)),
            };
            variants.push(UntaggedVariant { rust_name, ty });
        }
        Ok(Defined::Kind(TypeKind::Untagged { variants }))
    }

    /// The one member of a `oneOf`, `anyOf` or `allOf`: a reference is that type; an inline
    /// schema is the definition itself, under the name its parent would take, so that a component
    /// written `Digest: {oneOf: [{...}]}` is `Digest`, not an alias of `Digest2`.
    pub(super) fn only_member(
        &mut self,
        only: &ReferenceOr<Schema>,
        name: &str,
        at: &At,
        depth: usize,
    ) -> Result<Defined, Diagnostic> {
        if depth > MAX_DEPTH {
            return Err(at.err(format!("schema nesting is deeper than {MAX_DEPTH} levels")));
        }
        match only {
            ReferenceOr::Item(s) if !s.schema_data.nullable => {
                self.lower_named(name, s, at, depth + 1)
            }
            _ => Ok(Defined::Ref(self.lower(only, name, at, depth + 1)?)),
        }
    }

    /// Whether every member of a discriminated union has its own tag value.
    fn tags_are_distinct(
        &self,
        members: &[ReferenceOr<Schema>],
        d: &openapiv3::Discriminator,
        at: &At,
    ) -> bool {
        let mut seen = BTreeSet::new();
        members.iter().all(|member| {
            let tag = match member {
                ReferenceOr::Reference { reference } => match self.resolve(reference, at) {
                    Ok((component, schema)) => tag_for(d, reference, component, schema),
                    Err(_) => return true,
                },
                ReferenceOr::Item(schema) => match const_property(schema, &d.property_name) {
                    Some(tag) => tag,
                    None => return true,
                },
            };
            seen.insert(tag)
        })
    }

    /// Every mapping target must be one of the union's members: a mapping that points elsewhere
    /// (or into a `$ref` cycle) would silently never match.
    fn check_mapping(
        &self,
        d: &openapiv3::Discriminator,
        members: &[ReferenceOr<Schema>],
        at: &At,
    ) -> Result<(), Diagnostic> {
        // `at` is the `oneOf`/`anyOf` itself; the discriminator is its sibling.
        let parent = at
            .path
            .rsplit_once('.')
            .map_or(at.path.as_str(), |(parent, _)| parent);
        let keyword = at.path.rsplit('.').next().unwrap_or("oneOf");
        let mut member_names = Vec::new();
        for (i, member) in members.iter().enumerate() {
            if let Some(reference) = as_reference(member) {
                let (component, _) = self.resolve(reference, &at.join(format!("[{i}]")))?;
                member_names.push(component);
            }
        }
        for (tag, target) in &d.mapping {
            let mapping_at = At::new(
                at.file.clone(),
                format!("{parent}.discriminator.mapping.{tag}"),
            );
            // The mapping may name a schema bare (`Cat`) or by reference.
            let reference = if target.contains('/') {
                target.clone()
            } else {
                format!("{SCHEMA_PREFIX}{target}")
            };
            let (component, _) = self.resolve(&reference, &mapping_at)?;
            if !member_names.contains(&component) {
                return Err(mapping_at.err(format!(
                    "maps `{tag}` to `{target}`, which is not one of the {keyword} members \
                     ({})",
                    if member_names.is_empty() {
                        "they are all inline schemas".to_string()
                    } else {
                        member_names.join(", ")
                    }
                )));
            }
        }
        Ok(())
    }

    fn tagged(
        &mut self,
        name: &str,
        members: &[ReferenceOr<Schema>],
        d: &openapiv3::Discriminator,
        at: At,
        depth: usize,
    ) -> Result<Defined, Diagnostic> {
        let mut scope = Scope::new();
        // The fallback variant for tags this client has never seen.
        scope.reserve("Unknown");
        let mut variants = Vec::new();
        for (i, member) in members.iter().enumerate() {
            let member_at = at.join(format!("[{i}]"));
            let (tag, ty) = match as_reference(member) {
                Some(reference) => {
                    let (component, schema) = self.resolve(reference, &member_at)?;
                    (
                        tag_for(d, reference, component, schema),
                        self.named(reference, &member_at)?,
                    )
                }
                // Pages inline the members; the tag is then the member's one-value tag property.
                None => {
                    let ReferenceOr::Item(schema) = member else {
                        unreachable!("references are handled above")
                    };
                    let tag = const_property(schema, &d.property_name).ok_or_else(|| {
                        member_at.err(format!(
                            "inline member has no one-value `{}` property",
                            d.property_name
                        ))
                    })?;
                    let hint = format!("{}{}", names::bare(name), names::bare(&names::camel(&tag)));
                    (
                        tag,
                        self.lower_inline(schema, &hint, &member_at, depth + 1)?,
                    )
                }
            };
            if variants.iter().any(|v: &UnionVariant| v.tag == tag) {
                return Err(member_at.err(format!(
                    "discriminator value `{tag}` maps to more than one member"
                )));
            }
            variants.push(UnionVariant {
                rust_name: scope.unique(names::camel(&tag)),
                tag,
                ty,
            });
        }
        for (tag, target) in &d.mapping {
            if !variants.iter().any(|v| &v.tag == tag) {
                let _ = self.resolve(target, &at.join(format!("discriminator.mapping.{tag}")))?;
                let ty = self.named(target, &at)?;
                variants.push(UnionVariant {
                    rust_name: scope.unique(names::camel(tag)),
                    tag: tag.clone(),
                    ty,
                });
            }
        }
        Ok(Defined::Kind(TypeKind::TaggedUnion(TaggedUnion {
            property: d.property_name.clone(),
            variants,
        })))
    }
}

/// Stripe's `card: anyOf [$ref payment_intent_payment_method_options_card, $ref ..._client]`
/// would be named as its first member is: it is the one or the other, `...CardOrClient`, not
/// `...Card2`.
pub(super) fn union_beside_member(kind: &TypeKind, hint: &str) -> Option<String> {
    let TypeKind::Untagged { variants } = kind else {
        return None;
    };
    let [a, b] = variants.as_slice() else {
        return None;
    };
    let own = names::type_name(names::camel(hint));
    let other = match (a.ty.non_null(), b.ty.non_null()) {
        (TypeRef::Named(n), other) | (other, TypeRef::Named(n)) if *n == own => other,
        _ => return None,
    };
    // The other member's last word: `Client`, `String`.
    let other = variant_name(other);
    let start = other.rfind(|c: char| c.is_ascii_uppercase()).unwrap_or(0);
    let word = &other[start..];
    Some(format!("{}Or{word}", names::bare(&own)))
}
