//! An operation's names: its id, the type stem its Rust types start with, its resource path and
//! the method its path suggests on that resource.

use openapiv3::Operation as OaOperation;

use super::OpCtx;
use crate::config::OperationOverride;
use crate::ir::{HttpMethod, Place};
use crate::lower::resources;
use crate::names::{self, Scope};

/// What naming one operation needs to know of the others.
pub(super) struct Naming<'a> {
    pub(super) all_paths: &'a [&'a str],
    /// What every path shares that names no resource (`/api/v2`).
    pub(super) mount: resources::Mount,
    /// Type stems handed out so far.
    pub(super) stems: Scope,
}

impl<'a> Naming<'a> {
    pub(super) fn new(all_paths: &'a [&'a str], mount: resources::Mount) -> Self {
        let mut stems = Scope::new();
        for r in crate::lower::RESERVED_TYPE_NAMES {
            stems.reserve(r);
        }
        Naming {
            all_paths,
            mount,
            stems,
        }
    }
}

pub(super) struct Names {
    pub(super) id: String,
    /// Neither an operation id nor a summary named it: its id and types come from the path.
    pub(super) id_from_path: bool,
    pub(super) type_stem: String,
    pub(super) resource: Vec<String>,
    pub(super) method_name: String,
    pub(super) place: Place,
}

impl OpCtx<'_> {
    pub(super) fn names(
        &self,
        op: &OaOperation,
        overrides: &OperationOverride,
        naming: &mut Naming<'_>,
    ) -> Names {
        let mut derived =
            resources::derive_under(self.method, self.path, naming.all_paths, &naming.mount);
        // A fixed `flag=true` marks a variant of the API, and the SDKs give it a namespace:
        // `/v1/files?beta=true` is `client.beta.files`.
        for (flag, _) in self.fixed_query.iter().rev().filter(|(_, v)| v == "true") {
            derived.resource.insert(0, flag.clone());
        }
        // Without an operation id, a short summary names the operation as a person would
        // ("Create Skill Version"); a sentence-long one gives way to the resource and method.
        const SUMMARY_WORDS: usize = 6;
        // An opaque id (Azure API Management's `5476364f031f5909e4fe3314`) names nothing.
        let operation_id = op.operation_id.as_deref().filter(|id| !is_opaque(id));
        let named = operation_id.is_some();
        let mut id_from_path = false;
        let id = operation_id
            .map(|id| {
                resources::fastapi_name(id, self.method, self.path).unwrap_or_else(|| id.into())
            })
            .or_else(|| {
                // A summary with articles or possessives is a sentence ("Get the server
                // version"): the resource and the method name the operation, as without one.
                let words: Vec<&str> = op.summary.as_deref()?.split_whitespace().collect();
                let sentence = words.iter().any(|w| {
                    matches!(
                        w.to_ascii_lowercase().as_str(),
                        "a" | "an" | "the" | "your" | "its" | "my" | "our" | "their"
                    )
                });
                (!words.is_empty() && words.len() <= SUMMARY_WORDS && !sentence)
                    .then(|| names::bare(&names::snake(&words.join(" "))).to_string())
            })
            .unwrap_or_else(|| {
                id_from_path = true;
                let mut words = derived.resource.clone();
                words.push(derived.method.clone());
                // Reading and writing one literal (`GET`/`PUT .../topics`) differ by their verb.
                if derived.place == Place::Action {
                    match self.method {
                        HttpMethod::Post => {}
                        HttpMethod::Get => words.push("retrieve".into()),
                        HttpMethod::Put | HttpMethod::Patch => words.push("update".into()),
                        m => words.push(m.as_str().to_ascii_lowercase()),
                    }
                }
                names::bare(&names::snake(&words.join(" "))).to_string()
            });
        let type_stem = match &overrides.type_name {
            Some(name) => naming.stems.unique(name.clone()),
            None => {
                let full = names::camel(&id);
                // An id that ends in its HTTP verb (Magento's `...ActivateByIdPut`) names types
                // after a route; without the verb they read as what they are, unless another
                // operation already has that name.
                let short = named.then(|| without_verb(&full)).flatten();
                match short {
                    Some(short) if !naming.stems.is_taken(short) => {
                        naming.stems.unique(short.to_string())
                    }
                    _ => naming.stems.unique(full),
                }
            }
        };
        let type_stem = names::bare(&type_stem).to_string();

        let resource: Vec<String> = overrides
            .resource
            .clone()
            .unwrap_or(derived.resource)
            .iter()
            .map(|r| names::bare(&names::snake(r)).to_string())
            .collect();
        // Clashes are settled with every operation in view, by `lower::methods`.
        let (method_name, place) = match &overrides.method {
            Some(m) => (names::snake(m), Place::Configured),
            None => (names::snake(&derived.method), derived.place),
        };
        Names {
            id,
            id_from_path: id_from_path && overrides.type_name.is_none(),
            type_stem,
            resource,
            method_name,
            place,
        }
    }
}

/// An id that is a key, not a name: a hex string of at least 12 digits and letters (a Mongo
/// object id, a UUID with or without its dashes).
fn is_opaque(id: &str) -> bool {
    let hex: Vec<char> = id.chars().filter(|c| !matches!(c, '-' | '_')).collect();
    hex.len() >= 12
        && hex.iter().all(char::is_ascii_hexdigit)
        && hex.iter().any(char::is_ascii_digit)
}

/// `FooByIdPut` without its trailing HTTP verb, when a word is left before it.
fn without_verb(camel: &str) -> Option<&str> {
    ["Get", "Post", "Put", "Patch", "Delete"]
        .iter()
        .find_map(|verb| camel.strip_suffix(verb))
        .filter(|rest| rest.ends_with(|c: char| c.is_ascii_lowercase() || c.is_ascii_digit()))
        .filter(|rest| rest.chars().filter(|c| c.is_ascii_uppercase()).count() >= 2)
}

#[cfg(test)]
mod tests {
    use super::{is_opaque, without_verb};

    #[test]
    fn keys_are_not_names() {
        assert!(is_opaque("5476364f031f5909e4fe3314"));
        assert!(is_opaque("123e4567-e89b-12d3-a456-426614174000"));
        // Words, even of hex letters, and short codes are names.
        assert!(!is_opaque("deadbeefcafe"));
        assert!(!is_opaque("GetCount-27b1"));
        assert!(!is_opaque("add2"));
    }

    #[test]
    fn a_trailing_http_verb_leaves_a_type_stem() {
        assert_eq!(
            without_verb("CustomerAccountManagementV1ActivateByIdPut"),
            Some("CustomerAccountManagementV1ActivateById")
        );
        // Nothing of its own would be left, or the verb is part of a word.
        assert_eq!(without_verb("RepoGet"), None);
        assert_eq!(without_verb("Output"), None);
        assert_eq!(without_verb("ListTargets"), None);
    }
}
