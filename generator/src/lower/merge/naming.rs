//! The names a merged type may take: what its copies' names share, one title they give, its
//! status (error bodies) or what it holds. `merges` also asks whether copies share a name at
//! all, which tells one definition from two that only look alike.

use std::collections::{BTreeMap, BTreeSet};

use super::super::schema_facts::variant_name;
use crate::ir::{StatusMatch, TypeKind, TypeRef};
use crate::names::{self, camel_words};

/// Words that say where a type sits, not what it is: a shared name does not start with them,
/// and a name of only these says nothing.
pub(super) const PLACE_WORDS: &[&str] = &[
    "Form",
    "Body",
    "Query",
    "Item",
    "Items",
    "Request",
    "Response",
    "Param",
    "Params",
    "Value",
    "Data",
    "Result",
    "Results",
    "Object",
    "Error",
    "Errors",
    "Variant",
    "Inner",
    "Entry",
    "Properties",
];

/// Member names that say what a value is for, not what it is: alone, as the word every copy
/// ends with, they name nothing (`Type` for a `type` that is "base64" in one place and a role
/// in another).
pub(super) const ROLE_WORDS: &[&str] = &[
    "Type", "Status", "Name", "Kind", "Mode", "Role", "State", "Code", "Format", "Category",
];

/// Words that make a name an operation's, not a thing's (`PostTransferData`).
pub(super) const VERBS: &[&str] = &[
    "Get", "Post", "Put", "Patch", "Delete", "Head", "Options", "List", "Create", "Update",
];

/// Words a shared prefix does not end on (`ChecksListFor`).
pub(super) const DANGLING: &[&str] = &[
    "For", "By", "In", "Of", "To", "With", "And", "Or", "From", "On", "At", "The", "A", "An",
];

/// Whether a constant is told apart by its value before what its copies share: when they share
/// only a short ending, so that `Base64SourceType` and `FileSourceType` are named, not whichever
/// group takes the bare `SourceType` first.
pub(super) fn value_first(kind: &TypeKind, all: &[&str]) -> bool {
    let words: Vec<Vec<String>> = all.iter().map(|n| camel_words(n)).collect();
    matches!(kind, TypeKind::Const { value } if is_word_like(value))
        && (1..=2).contains(&common_ending(&words).len())
}

/// A constant that reads as words ("base64", "api_error", "CSV"), not an opaque key
/// ("securityClassification-6VMVochwUWo"): a name may start with it.
pub(super) fn is_word_like(value: &str) -> bool {
    let lower = value.chars().all(|c| !c.is_ascii_uppercase());
    let upper = value.chars().all(|c| !c.is_ascii_lowercase());
    value.len() <= 32
        && (lower || upper)
        && value
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "_-./ ".contains(c))
}

/// The status whose body a type is, from its origin: `paths./a.get.responses.503.content.
/// application/json.schema` is `503`. `None` for anything else, a member of a body included.
pub(super) fn error_status(origin: &str) -> Option<&str> {
    let (_, rest) = origin.split_once(".responses.")?;
    let (status, place) = rest.split_once('.')?;
    let body = place.starts_with("content.") && place.ends_with(".schema");
    (body && !status.starts_with('2')).then_some(status)
}

/// `503` is `ServiceUnavailableError`, `4XX` is `ClientError`.
pub(super) fn status_error_name(status: &str) -> Option<String> {
    let status = match status.parse::<u16>() {
        Ok(code) => StatusMatch::Code(code),
        Err(_) => match status.to_ascii_uppercase().as_str() {
            "4XX" => StatusMatch::Range(4),
            "5XX" => StatusMatch::Range(5),
            _ => return None,
        },
    };
    Some(format!(
        "{}Error",
        super::super::operations::status_words(&status)?
    ))
}

/// A name from what a type holds, for copies whose names share nothing: a constant by its value
/// and the words its copies end with (`ListObject`, `NoneSetupFutureUsage`), a union of two or three by its
/// variants (`StringOrEmpty`).
pub(super) fn shape_name(
    kind: &TypeKind,
    final_name: &dyn Fn(&str) -> String,
    all: &[&str],
) -> Option<String> {
    match kind {
        TypeKind::Const { value } => {
            let words: Vec<Vec<String>> = all.iter().map(|n| camel_words(n)).collect();
            let ending = common_ending(&words).concat();
            // An ending that already says the value (`ToolChoiceAnyType` for "any",
            // `Base64PdfSourceMediaType` for "application/pdf") is not prefixed with it again.
            let lower = ending.to_ascii_lowercase();
            let value = if value.is_empty() { "empty" } else { value };
            let says_value = value
                .to_ascii_lowercase()
                .split(|c: char| !c.is_ascii_alphanumeric())
                .any(|w| w.len() >= 3 && lower.contains(w));
            match says_value {
                true => Some(ending),
                false => Some(format!("{}{ending}", names::camel(value))),
            }
        }
        TypeKind::Untagged { variants } if (2..=3).contains(&variants.len()) => {
            let parts: Vec<String> = variants
                .iter()
                .map(|v| match v.ty.non_null() {
                    TypeRef::Named(n) => final_name(n),
                    other => variant_name(other),
                })
                .collect();
            parts
                .iter()
                .all(|p| camel_words(p).len() <= 2)
                .then(|| parts.join("Or"))
        }
        _ => None,
    }
}

/// A name for copies that were all inline, or `None` to keep the shortest copy's name:
/// - the one title they give;
/// - a copy's own name that is the words they all end with and one more (`ReactionContent`
///   beside `ReactionsCreateForIssueBodyContent`);
/// - the words they all end with, less leading words of place (`PostChargesFormTransferData` and
///   `PostInvoicesFormTransferData` are `TransferData`);
/// - the longest ending that most of them share (`UnsupportedMediaTypeError`, where one copy is
///   `OrgsListBlockedUsersError`);
/// - the words they all start and end with (`ChecksListForRefResponse` and
///   `ChecksListForSuiteResponse` are `ChecksListResponse`).
#[cfg(test)]
pub(super) fn shared_name(
    all: &[&str],
    titles: &[&str],
    taken: &BTreeSet<String>,
) -> Option<String> {
    first_free(shared_candidates(all, titles, true), all, taken)
}

/// The first name no other type has: one of the copies' own names is free for them.
pub(super) fn first_free(
    candidates: Vec<String>,
    all: &[&str],
    taken: &BTreeSet<String>,
) -> Option<String> {
    let name = |n: String| names::type_name(names::camel(&n));
    candidates.into_iter().map(name).find(|n| {
        (!taken.contains(n) || all.contains(&n.as_str()))
            && !crate::lower::RESERVED_TYPE_NAMES.contains(&n.as_str())
    })
}

/// `naming` leaves out what tells copies together but would not name them well: a title or an
/// ending that is only a role word (`Type`).
pub(super) fn shared_candidates(all: &[&str], titles: &[&str], naming: bool) -> Vec<String> {
    let names_enough = |words: &[String]| match naming {
        true => says_something(words) && !matches!(words, [w] if ROLE_WORDS.contains(&w.as_str())),
        false => says_something(words),
    };
    let mut candidates = Vec::new();
    let mut titles: Vec<&str> = titles
        .iter()
        .copied()
        .filter(|t| t.chars().all(|c| c.is_ascii_alphanumeric()) && !t.starts_with("Body"))
        .collect();
    titles.sort();
    titles.dedup();
    let words: Vec<Vec<String>> = all.iter().map(|n| camel_words(n)).collect();
    let suffix = common_ending(&words);
    // A title that is only a role word or the words every copy ends with says less than they
    // do: Pydantic titles each member after its name (`title: Type` on every `type`), so
    // `ApiErrorType` and `BetaApiErrorType` stay `ApiErrorType`, not `Type`.
    if let [title] = titles.as_slice()
        && title.starts_with(|c: char| c.is_ascii_uppercase())
        && !(naming && (suffix.ends_with(&camel_words(title)) || ROLE_WORDS.contains(title)))
    {
        candidates.push(names::camel(title));
    }
    let tail = without_place_start(&suffix);
    if tail.iter().any(|w| !is_place_word(w)) {
        // One copy named by exactly what they all end with names the rest.
        if names_enough(tail) && words.iter().any(|w| w.as_slice() == tail) {
            candidates.push(tail.concat());
        }
        let own = words
            .iter()
            .filter(|w| w.len() == tail.len() + 1)
            .filter(|w| {
                let first = w[0].as_str();
                !is_place_word(first) && first != tail[0] && !VERBS.contains(&first)
            })
            .map(|w| w.concat())
            .min();
        candidates.extend(own);
        if names_enough(tail) {
            candidates.push(tail.concat());
        }
    }
    if let Some(ending) = most_shared_ending(&words, suffix.len() + 1, &names_enough) {
        candidates.push(ending);
    }
    let mut prefix = common(&words, |w| w.clone());
    while prefix
        .last()
        .is_some_and(|w| DANGLING.contains(&w.as_str()))
    {
        prefix.pop();
    }
    if prefix.len() > 1 && !suffix.is_empty() {
        let shortest = words.iter().map(Vec::len).min().unwrap_or(0);
        if prefix.len() + suffix.len() < shortest {
            candidates.push(format!("{}{}", prefix.concat(), suffix.concat()));
        }
    }
    candidates
}

/// The words every name ends with.
pub(super) fn common_ending(words: &[Vec<String>]) -> Vec<String> {
    let reversed = common(words, |w| w.iter().rev().cloned().collect());
    reversed.into_iter().rev().collect()
}

pub(super) fn without_place_start(words: &[String]) -> &[String] {
    let mut tail = words;
    while let [first, rest @ ..] = tail
        && is_place_word(first)
        && !rest.is_empty()
    {
        tail = rest;
    }
    tail
}

pub(super) fn says_something(words: &[String]) -> bool {
    words.iter().any(|w| !is_place_word(w))
}

/// The longest ending of at least `min_len` words that the most names share: at least two of
/// them, and more than half.
pub(super) fn most_shared_ending(
    words: &[Vec<String>],
    min_len: usize,
    names_enough: &dyn Fn(&[String]) -> bool,
) -> Option<String> {
    let mut counts: BTreeMap<&[String], usize> = BTreeMap::new();
    for w in words {
        for len in min_len..w.len() {
            *counts.entry(&w[w.len() - len..]).or_default() += 1;
        }
    }
    counts
        .into_iter()
        .filter(|(ending, n)| {
            *n >= 2 && *n * 2 > words.len() && names_enough(without_place_start(ending))
        })
        .max_by_key(|(ending, n)| (*n, ending.len()))
        .map(|(ending, _)| without_place_start(ending).concat())
}

/// `Form`, `Item`, `Variant0`: a word that says where a type sits.
pub(super) fn is_place_word(word: &str) -> bool {
    let word = word.trim_end_matches(|c: char| c.is_ascii_digit());
    word.is_empty() || PLACE_WORDS.contains(&word)
}

/// The longest run of words every list starts with, after `order` arranges each list.
pub(super) fn common(
    lists: &[Vec<String>],
    order: impl Fn(&Vec<String>) -> Vec<String>,
) -> Vec<String> {
    let ordered: Vec<Vec<String>> = lists.iter().map(order).collect();
    let Some(first) = ordered.first() else {
        return Vec::new();
    };
    let mut n = 0;
    while n < first.len() && ordered.iter().all(|l| l.get(n) == Some(&first[n])) {
        n += 1;
    }
    first[..n].to_vec()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn taken(names: &[&str]) -> BTreeSet<String> {
        names.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn copies_share_the_words_they_end_with() {
        let all = [
            "PostChargesFormTransferData",
            "PostInvoicesFormTransferData",
        ];
        assert_eq!(
            shared_name(&all, &[], &taken(&all)).as_deref(),
            Some("TransferData")
        );
    }

    #[test]
    fn a_name_of_place_words_takes_the_shared_start_too() {
        let all = ["ChecksListForRefResponse", "ChecksListForSuiteResponse"];
        assert_eq!(
            shared_name(&all, &[], &taken(&all)).as_deref(),
            Some("ChecksListResponse")
        );
    }

    #[test]
    fn most_copies_name_the_rest() {
        let all = [
            "AppsGetBySlugUnsupportedMediaTypeError",
            "OrgsUpdateUnsupportedMediaTypeError",
            "OrgsListBlockedUsersError",
        ];
        assert_eq!(
            shared_name(&all, &[], &taken(&all)).as_deref(),
            Some("UnsupportedMediaTypeError")
        );
    }

    #[test]
    fn a_copy_named_by_the_shared_words_and_one_more_keeps_its_name() {
        let all = ["ReactionContent", "ReactionsCreateForIssueBodyContent"];
        assert_eq!(
            shared_name(&all, &[], &taken(&all)).as_deref(),
            Some("ReactionContent")
        );
    }

    #[test]
    fn a_taken_name_is_not_given_twice() {
        let all = ["AFooPeriod", "BBarPeriod"];
        assert_eq!(shared_name(&all, &[], &taken(&["Period"])), None);
    }

    #[test]
    fn one_title_names_the_copies() {
        let all = ["PostAFormOwner", "PostBFormHolder"];
        assert_eq!(
            shared_name(&all, &["Account", "Account"], &taken(&[])).as_deref(),
            Some("Account")
        );
    }

    #[test]
    fn a_title_that_is_only_the_shared_ending_does_not_name_the_copies() {
        let all = ["ApiErrorType", "BetaApiErrorType"];
        assert_eq!(
            shared_name(&all, &["Type"], &taken(&[])).as_deref(),
            Some("ApiErrorType")
        );
    }

    #[test]
    fn constants_and_small_unions_are_named_by_what_they_hold() {
        let value = |v: &str| TypeKind::Const { value: v.into() };
        let same = |n: &str| n.to_string();
        let objects = ["FileLinksObject", "PlansObject"];
        assert_eq!(
            shape_name(&value("list"), &same, &objects).as_deref(),
            Some("ListObject")
        );
        assert_eq!(
            shape_name(&value(""), &same, &["AEmpty", "BEmpty"]).as_deref(),
            Some("Empty")
        );
        let union = TypeKind::Untagged {
            variants: vec![
                crate::ir::UntaggedVariant {
                    rust_name: "String".into(),
                    ty: TypeRef::String,
                },
                crate::ir::UntaggedVariant {
                    rust_name: "FooEmpty".into(),
                    ty: TypeRef::Named("FooEmpty".into()),
                },
            ],
        };
        let renamed = |n: &str| {
            if n == "FooEmpty" {
                "Empty".to_string()
            } else {
                n.to_string()
            }
        };
        assert_eq!(
            shape_name(&union, &renamed, &[]).as_deref(),
            Some("StringOrEmpty")
        );
    }

    #[test]
    fn error_bodies_are_named_by_their_status() {
        let body = "paths./a/{id}.get.responses.503.content.application/json.schema";
        assert_eq!(error_status(body), Some("503"));
        assert_eq!(error_status(&format!("{body}.properties.detail")), None);
        assert_eq!(
            error_status("paths./a.get.responses.200.content.application/json.schema"),
            None
        );
        assert_eq!(
            status_error_name("503").as_deref(),
            Some("ServiceUnavailableError")
        );
        assert_eq!(status_error_name("4XX").as_deref(), Some("ClientError"));
        assert_eq!(status_error_name("default"), None);
    }
}
