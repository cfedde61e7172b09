//! Words for the inline object members of an untagged union, from what tells each one from the
//! others, so that a member is `ProjectsCreateCardBody::Note`, not `...BodyVariant0`, and keeps
//! its name when a member is added before it. A lone object beside strings, arrays or numbers is
//! the `Object`, or its one required property's name (serde's externally tagged variants). Among
//! several objects, in order: the member's `title` (GitHub's `User` and `Team` reviewers), a
//! one-value property no other member has with that value (`type: gitlab`; the value and a
//! property when two share it: Vercel's `GithubRepoId`), a required property no other member has
//! (the first of at most two), then the one property no other member has. A member none of these
//! tells apart keeps its position.

use std::collections::BTreeSet;

use openapiv3::{ReferenceOr, Schema, SchemaKind, Type};

use super::super::schema_facts::{as_reference, const_value};
use super::{At, TypeSpace};
use crate::names::{self, camel_words};

/// The longest word a member's name takes: longer titles are sentences, not names.
const MAX_WORD: usize = 32;

/// What the rules read off one member.
struct Facts<'s> {
    inline: bool,
    title: Option<&'s str>,
    /// Properties in the document's order, each with its one value if it has one.
    properties: Vec<(&'s str, Option<String>)>,
    required: BTreeSet<&'s str>,
}

impl<'a> TypeSpace<'a> {
    /// One word per member: `Some` for an inline object member that something tells apart.
    pub(super) fn member_words<'s>(
        &'s self,
        union_name: &str,
        members: &'s [ReferenceOr<Schema>],
        at: &At,
    ) -> Vec<Option<String>> {
        let facts: Vec<Option<Facts<'s>>> = members
            .iter()
            .enumerate()
            .map(|(i, m)| self.facts(m, &at.join(format!("[{i}]"))))
            .collect();
        let objects = facts.iter().flatten().count();
        let titles: Vec<Option<String>> = facts
            .iter()
            .map(|f| f.as_ref().and_then(|f| title_word(union_name, f.title?)))
            .collect();
        let mut taken = BTreeSet::new();
        let mut words = Vec::with_capacity(members.len());
        for (i, own) in facts.iter().enumerate() {
            let Some(own) = own.as_ref().filter(|f| f.inline) else {
                words.push(None);
                continue;
            };
            let others: Vec<&Facts> = facts
                .iter()
                .enumerate()
                .filter(|(j, _)| *j != i)
                .filter_map(|(_, f)| f.as_ref())
                .collect();
            let title = titles[i]
                .clone()
                .filter(|t| titles.iter().filter(|o| o.as_ref() == Some(t)).count() == 1);
            // A lone object needs no more than that; Stripe's titles (`billing_thresholds_param`)
            // name a schema of theirs, not what sets the member apart.
            // serde's externally tagged variants (schemars: `{attached: Uuid}` beside the unit
            // variants' strings) are one required property, named after the variant.
            let candidates = match objects {
                1 => match own.properties.as_slice() {
                    [(only, _)] if own.required.contains(only) => {
                        vec![names::camel(only), "Object".to_string()]
                    }
                    _ => vec!["Object".to_string()],
                },
                _ => title.into_iter().chain(telling(own, &others)).collect(),
            };
            let word = candidates
                .into_iter()
                .find(|w| is_word(w) && !taken.contains(w));
            if let Some(w) = &word {
                taken.insert(w.clone());
            }
            words.push(word);
        }
        words
    }

    /// The facts of an object member, inline or by reference; `None` for anything else.
    fn facts<'s>(&'s self, member: &'s ReferenceOr<Schema>, at: &At) -> Option<Facts<'s>> {
        let (inline, schema): (bool, &'s Schema) = match (as_reference(member), member) {
            (Some(reference), _) => (false, self.resolve(reference, at).ok()?.1),
            (None, ReferenceOr::Item(schema)) => (true, schema),
            (None, ReferenceOr::Reference { .. }) => return None,
        };
        let mut facts = Facts {
            inline,
            title: schema.schema_data.title.as_deref(),
            properties: Vec::new(),
            required: BTreeSet::new(),
        };
        self.gather(schema, &mut facts, at, 0).then_some(facts)
    }

    /// Adds an object's properties to `facts`, through `allOf` (here.com's events are each
    /// `allOf` a common part and their own); false when the schema is not an object.
    fn gather<'s>(
        &'s self,
        schema: &'s Schema,
        facts: &mut Facts<'s>,
        at: &At,
        depth: usize,
    ) -> bool {
        let (properties, required) = match &schema.schema_kind {
            SchemaKind::Type(Type::Object(o)) => (&o.properties, &o.required),
            SchemaKind::Any(a)
                if !a.properties.is_empty() || a.typ.as_deref() == Some("object") =>
            {
                (&a.properties, &a.required)
            }
            SchemaKind::AllOf { all_of } if depth < 4 => {
                let mut object = false;
                for part in all_of {
                    let part = match part {
                        ReferenceOr::Reference { reference } => match self.resolve(reference, at) {
                            Ok((_, s)) => s,
                            Err(_) => continue,
                        },
                        ReferenceOr::Item(s) => s,
                    };
                    object |= self.gather(part, facts, at, depth + 1);
                }
                return object;
            }
            _ => return false,
        };
        for (name, p) in properties {
            if facts.properties.iter().any(|(n, _)| n == name) {
                continue;
            }
            let one = match p {
                ReferenceOr::Item(p) => const_value(p),
                ReferenceOr::Reference { .. } => None,
            };
            facts.properties.push((name.as_str(), one));
        }
        facts.required.extend(required.iter().map(String::as_str));
        true
    }
}

/// What tells `own` from every other object member, in the module's order of rules.
fn telling(own: &Facts, others: &[&Facts]) -> Vec<String> {
    let value_of = |f: &Facts, name: &str| {
        f.properties
            .iter()
            .find(|(n, _)| *n == name)
            .and_then(|(_, v)| v.clone())
    };
    let mut words = Vec::new();
    for (name, value) in &own.properties {
        let Some(value) = value else { continue };
        let peers: Vec<&Facts> = others
            .iter()
            .copied()
            .filter(|o| value_of(o, name).as_ref() == Some(value))
            .collect();
        let value = names::camel(value);
        match peers.as_slice() {
            [] => words.push(value),
            // Vercel's two `type: github` sources: `GithubRepoId` and `GithubOrg`.
            peers => words.extend(own_properties(own, peers).map(|p| format!("{value}{p}"))),
        }
    }
    words.extend(own_properties(own, others));
    words
}

/// A required property no other member has (the first of at most two), then the one property no
/// other member has. A property names the member only when it is what sets it apart, not one of
/// many of its own (Zoom's settings groups each hold a dozen): then the first would mislead.
fn own_properties(own: &Facts, others: &[&Facts]) -> impl Iterator<Item = String> {
    let has = |f: &Facts, name: &str| f.properties.iter().any(|(n, _)| *n == name);
    let unique: Vec<&str> = own
        .properties
        .iter()
        .map(|(n, _)| *n)
        .filter(|n| others.iter().all(|o| !has(o, n)))
        .collect();
    let required: Vec<&str> = unique
        .iter()
        .copied()
        .filter(|n| own.required.contains(n))
        .collect();
    let by_required = match required.as_slice() {
        [first] | [first, _] => Some(names::camel(first)),
        _ => None,
    };
    let by_any = match unique.as_slice() {
        [only] => Some(names::camel(only)),
        _ => None,
    };
    by_required.into_iter().chain(by_any)
}

/// A word that can start a variant and end a type name: not `Self_` or `r#..`, not a sentence.
fn is_word(w: &str) -> bool {
    w.len() <= MAX_WORD
        && w.starts_with(|c: char| c.is_ascii_uppercase())
        && w.chars().all(|c| c.is_ascii_alphanumeric())
        && w != "Self"
}

/// A title as the words it adds to the union's name: `TemplateInputMessages` under
/// `RunDataSourceInputMessages` is `Template`, `User` under `RequestedReviewersItem` is `User`.
/// `None` when the title adds nothing.
fn title_word(union_name: &str, title: &str) -> Option<String> {
    let title = names::camel(title);
    if !title.starts_with(|c: char| c.is_ascii_uppercase()) {
        return None;
    }
    let own = camel_words(union_name);
    let rest: String = camel_words(&title)
        .into_iter()
        .filter(|w| !own.contains(w))
        .collect();
    (!rest.is_empty()).then_some(rest)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts<'s>(props: &[(&'s str, Option<&str>)], required: &[&'s str]) -> Facts<'s> {
        Facts {
            inline: true,
            title: None,
            properties: props
                .iter()
                .map(|(n, v)| (*n, v.map(str::to_string)))
                .collect(),
            required: required.iter().copied().collect(),
        }
    }

    #[test]
    fn titles_add_their_own_words() {
        let word = |name, title| title_word(name, title);
        assert_eq!(word("RequestedReviewersItem", "User"), Some("User".into()));
        assert_eq!(
            word("RunDataSourceInputMessages", "TemplateInputMessages"),
            Some("Template".into())
        );
        assert_eq!(word("Segment", "VIP Segment"), Some("Vip".into()));
        assert_eq!(word("CardDetails", "details"), None);
        assert_eq!(word("Card", "3ds"), None);
        assert!(!is_word("Self_") && !is_word("Self") && !is_word("_3ds") && is_word("WaitTimer"));
    }

    #[test]
    fn a_value_then_a_required_property_then_any_property_tells_members_apart() {
        let github = facts(&[("type", Some("github")), ("repo", None)], &["repo"]);
        let gitlab = facts(&[("type", Some("gitlab")), ("project", None)], &[]);
        assert_eq!(telling(&github, &[&gitlab]), ["Github", "Repo", "Repo"]);
        // Two members with one value: the value and what tells them apart.
        let by_id = facts(&[("type", Some("github")), ("repo_id", None)], &["repo_id"]);
        let by_org = facts(&[("type", Some("github")), ("org", None)], &["org"]);
        assert_eq!(
            telling(&by_id, &[&by_org, &gitlab]),
            ["GithubRepoId", "GithubRepoId", "RepoId", "RepoId"]
        );
        // Many properties of its own: none of them names it.
        let many = facts(&[("a", None), ("b", None), ("c", None)], &["a", "b", "c"]);
        assert!(telling(&many, &[&gitlab]).is_empty());
        let note = facts(&[("note", None)], &["note"]);
        let content = facts(
            &[("content_id", None), ("content_type", None)],
            &["content_id"],
        );
        assert_eq!(telling(&note, &[&content]), ["Note", "Note"]);
        assert_eq!(telling(&content, &[&note]), ["ContentId"]);
        // The same properties with no value between them: nothing tells them apart.
        assert!(telling(&note, &[&note]).is_empty());
    }
}
