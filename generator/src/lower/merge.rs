//! One type per definition. Documents repeat a definition: a page inlines the component it was
//! rendered from, a document hoists a copy of a component into each request body, and a
//! per-operation response model (`GetSkillResponse`) is the very `Skill` another operation returns.
//! Types that are the same definition become one type, named by the best name available: a
//! component the author named after a thing, else a per-operation component, else the name the
//! copies share. Two components the author named differently stay two types.

use std::collections::{BTreeMap, BTreeSet};

use heck::{ToSnakeCase, ToUpperCamelCase};

use super::schema_facts::variant_name;
use crate::ir::{
    Api, Body, Operation, PartKind, ResponseContent, StatusMatch, TypeDef, TypeKind, TypeRef,
};
use crate::names;

const COMPONENT: &str = "#/components/schemas/";

/// Suffixes that make a component one operation's model rather than a thing's name:
/// `GetSkillResponse` is `get_skill`'s.
const OPERATION_SUFFIXES: &[&str] = &[
    "Response",
    "Request",
    "Body",
    "Result",
    "Output",
    "Input",
    "Params",
    "Parameters",
    "Payload",
    "Reply",
    "RequestBody",
    "ResponseBody",
];

/// Words that say where a type sits, not what it is: a shared name does not start with them,
/// and a name of only these says nothing.
const PLACE_WORDS: &[&str] = &[
    "Form",
    "Body",
    "Query",
    "Item",
    "Items",
    "Request",
    "Response",
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
const ROLE_WORDS: &[&str] = &[
    "Type", "Status", "Name", "Kind", "Mode", "Role", "State", "Code", "Format", "Category",
];

/// Words that make a name an operation's, not a thing's (`PostTransferData`).
const VERBS: &[&str] = &[
    "Get", "Post", "Put", "Patch", "Delete", "Head", "Options", "List", "Create", "Update",
];

/// Words a shared prefix does not end on (`ChecksListFor`).
const DANGLING: &[&str] = &[
    "For", "By", "In", "Of", "To", "With", "And", "Or", "From", "On", "At", "The", "A", "An",
];

/// How strongly the document names a type. A merge keeps the strongest name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Rank {
    /// An inline schema, named from where it sits.
    Inline,
    /// A component named after one operation (`GetSkillResponse`, `Body_create_skill_...`).
    PerOperation,
    /// A component named after a thing (`Skill`).
    Thing,
}

/// Merges the types that are one definition and renames every reference to them. Returns what
/// each merged or renamed type became.
pub fn merge_types(api: &mut Api) -> BTreeMap<String, String> {
    let ranks = ranks(api);
    let all_names: BTreeSet<String> = api.types.iter().map(|d| d.rust_name.clone()).collect();
    let mut into: BTreeMap<String, String> = BTreeMap::new();
    // Each round merges what is equal once the previous round's merges are applied, so copies
    // that hold copies merge from the leaves up.
    loop {
        let mut groups: BTreeMap<String, Vec<&TypeDef>> = BTreeMap::new();
        for def in &api.types {
            if into.contains_key(&def.rust_name) || matches!(def.kind, TypeKind::Alias(_)) {
                continue;
            }
            groups.entry(key(def, &into, false)).or_default().push(def);
        }
        let mut merged = false;
        for group in groups.values().filter(|g| g.len() > 1) {
            for (copy, target) in merges(group, &ranks, &into, &all_names) {
                into.insert(copy, target);
                merged = true;
            }
        }
        if !merged {
            break;
        }
    }
    let mut renames: BTreeMap<String, String> = into
        .keys()
        .map(|name| (name.clone(), root(&into, name)))
        .collect();
    let better = name_groups(api, &ranks, &renames);
    let dropped: BTreeSet<String> = renames.keys().cloned().collect();
    for target in renames.values_mut() {
        if let Some(name) = better.get(target) {
            *target = name.clone();
        }
    }
    renames.extend(better);
    apply(api, &dropped, &renames);
    renames
}

/// Names the groups of copies that were all inline, each by the name the copies share; unions
/// last, since a union with no shared name is named after its variants' types. Drops a
/// description that does not hold for every copy: an inline copy's is often about the member it
/// sits in.
fn name_groups(
    api: &mut Api,
    ranks: &BTreeMap<String, Rank>,
    renames: &BTreeMap<String, String>,
) -> BTreeMap<String, String> {
    let mut groups: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (from, to) in renames {
        if ranks[to] == Rank::Inline {
            let group = groups
                .entry(to.as_str())
                .or_insert_with(|| vec![to.as_str()]);
            group.push(from.as_str());
        }
    }
    let by_name: BTreeMap<&str, &TypeDef> = api
        .types
        .iter()
        .map(|d| (d.rust_name.as_str(), d))
        .collect();
    let mut taken: BTreeSet<String> = api
        .types
        .iter()
        .map(|d| d.rust_name.clone())
        .filter(|n| !renames.contains_key(n))
        .collect();
    let mut better: BTreeMap<String, String> = BTreeMap::new();
    let mut undescribed = Vec::new();
    let is_union = |rep: &str| matches!(by_name[rep].kind, TypeKind::Untagged { .. });
    let order = groups
        .iter()
        .filter(|(rep, _)| !is_union(rep))
        .chain(groups.iter().filter(|(rep, _)| is_union(rep)));
    for (rep, all) in order {
        let defs: Vec<&TypeDef> = all.iter().map(|n| by_name[n]).collect();
        let titles: Vec<&str> = defs
            .iter()
            .filter_map(|d| d.docs.title.as_deref())
            .collect();
        let final_name = |n: &str| {
            let n = renames.get(n).map_or(n, String::as_str);
            better.get(n).cloned().unwrap_or_else(|| n.to_string())
        };
        // Error bodies copied between operations are named after their status, else they are
        // the API's error response; not after the operation whose copy sorts first.
        let statuses: BTreeSet<Option<&str>> =
            defs.iter().map(|d| error_status(&d.origin)).collect();
        let errors = !statuses.contains(&None);
        let mut candidates: Vec<String> = match statuses.iter().collect::<Vec<_>>().as_slice() {
            [Some(status)] => status_error_name(status).into_iter().collect(),
            _ => Vec::new(),
        };
        // A constant whose copies share only a short ending is told apart by its value first:
        // `Base64SourceType` and `FileSourceType`, not whichever takes the bare `SourceType`.
        let by_shape = shape_name(&by_name[rep].kind, &final_name, all);
        if let TypeKind::Const { value } = &by_name[rep].kind
            && is_word_like(value)
            && (1..=2).contains(
                &common_ending(&all.iter().map(|n| camel_words(n)).collect::<Vec<_>>()).len(),
            )
        {
            candidates.extend(by_shape.clone());
        }
        candidates.extend(shared_candidates(all, &titles, true));
        candidates.extend(by_shape);
        if errors {
            candidates.extend(["ErrorResponse".to_string(), "ApiErrorResponse".to_string()]);
        }
        if let Some(name) = first_free(candidates, all, &taken) {
            taken.insert(name.clone());
            better.insert(rep.to_string(), name);
        }
        if defs
            .iter()
            .any(|d| d.docs.description != defs[0].docs.description)
        {
            undescribed.push(rep.to_string());
        }
    }
    for def in &mut api.types {
        if undescribed.contains(&def.rust_name) {
            def.docs.description = None;
        }
    }
    better
}

/// A constant that reads as words ("base64", "api_error", "CSV"), not an opaque key
/// ("securityClassification-6VMVochwUWo"): a name may start with it.
fn is_word_like(value: &str) -> bool {
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
fn error_status(origin: &str) -> Option<&str> {
    let (_, rest) = origin.split_once(".responses.")?;
    let (status, place) = rest.split_once('.')?;
    let body = place.starts_with("content.") && place.ends_with(".schema");
    (body && !status.starts_with('2')).then_some(status)
}

/// `503` is `ServiceUnavailableError`, `4XX` is `ClientError`.
fn status_error_name(status: &str) -> Option<String> {
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
        super::operations::status_words(&status)?
    ))
}

/// A name from what a type holds, for copies whose names share nothing: a constant by its value
/// and the words its copies end with (`ListObject`, `NoneSetupFutureUsage`), a union of two or three by its
/// variants (`StringOrEmpty`).
fn shape_name(
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

/// Which members of a group of equal shapes merge, and into which. The strongest-named member
/// keeps its name: components of that rank stay apart, the weaker ones merge into it. Inline
/// copies of each other merge when they hold two or more members, when they share a name, or
/// when their docs agree too.
fn merges(
    group: &[&TypeDef],
    ranks: &BTreeMap<String, Rank>,
    into: &BTreeMap<String, String>,
    all_names: &BTreeSet<String>,
) -> Vec<(String, String)> {
    let Some(best) = group.iter().map(|d| ranks[&d.rust_name]).max() else {
        return Vec::new();
    };
    let into_first = |members: &[&&TypeDef]| -> Vec<(String, String)> {
        // The shortest name reads best when none is shared.
        let Some(target) = members
            .iter()
            .filter(|d| ranks[&d.rust_name] == best)
            .map(|d| &d.rust_name)
            .min_by_key(|n| (camel_words(n).len(), n.len(), n.as_str()))
        else {
            return Vec::new();
        };
        members
            .iter()
            .filter(|d| &d.rust_name != target)
            .filter(|d| ranks[&d.rust_name] < best || best == Rank::Inline)
            .map(|d| (d.rust_name.clone(), target.clone()))
            .collect()
    };
    let members: Vec<&&TypeDef> = group.iter().collect();
    if best != Rank::Inline {
        return into_first(&members);
    }
    let names: Vec<&str> = group.iter().map(|d| d.rust_name.as_str()).collect();
    let titles: Vec<&str> = group
        .iter()
        .filter_map(|d| d.docs.title.as_deref())
        .collect();
    // Two or more members in common are a definition, whatever each copy says of them; one
    // member, an enum or a constant is too little to tell two things apart without their docs.
    let structure = matches!(&group[0].kind, TypeKind::Struct { fields, .. } if fields.len() > 1)
        || matches!(
            group[0].kind,
            TypeKind::Untagged { .. } | TypeKind::TaggedUnion(_)
        );
    // Copies that end with the same words (even only `Type`) or give one title are one thing.
    let shares_a_name = first_free(shared_candidates(&names, &titles, false), &names, all_names);
    if structure || shares_a_name.is_some() {
        return into_first(&members);
    }
    let mut by_docs: BTreeMap<String, Vec<&&TypeDef>> = BTreeMap::new();
    for def in &members {
        by_docs.entry(key(def, into, true)).or_default().push(def);
    }
    by_docs.values().flat_map(|same| into_first(same)).collect()
}

fn root(into: &BTreeMap<String, String>, name: &str) -> String {
    let mut current = name;
    while let Some(next) = into.get(current) {
        current = next;
    }
    current.to_string()
}

fn ranks(api: &Api) -> BTreeMap<String, Rank> {
    let stems: BTreeSet<String> = api
        .operations
        .iter()
        .flat_map(|op| [names::camel(&op.id), op.type_stem.clone()])
        .collect();
    api.types
        .iter()
        .map(|def| {
            let rank = match def.origin.strip_prefix(COMPONENT) {
                None => Rank::Inline,
                Some(_) if per_operation(&def.rust_name, &stems) => Rank::PerOperation,
                Some(_) => Rank::Thing,
            };
            (def.rust_name.clone(), rank)
        })
        .collect()
}

/// `GetSkillResponse` for operation `get_skill`; FastAPI's `BodyCreateSkillV1SkillsPost`.
fn per_operation(name: &str, stems: &BTreeSet<String>) -> bool {
    let name = names::bare(name);
    if let Some(rest) = name.strip_prefix("Body")
        && stems.iter().any(|s| rest.starts_with(s.as_str()))
    {
        return true;
    }
    OPERATION_SUFFIXES.iter().any(|suffix| {
        name.strip_suffix(suffix)
            .is_some_and(|stem| stems.contains(stem))
    })
}

/// What makes two definitions the same shape: their members, variants or values, and the types
/// they hold as merged so far. With `docs`, also what the document says of them and of their
/// members; never the type's own title, which names where a copy sits.
fn key(def: &TypeDef, into: &BTreeMap<String, String>, docs: bool) -> String {
    let mut kind = def.kind.clone();
    for ty in kind.refs_mut() {
        if let Some(name) = ty.named_mut() {
            *name = root(into, name);
        }
    }
    match &mut kind {
        // Variant names follow the types they hold, which differ between copies until merged.
        TypeKind::Untagged { variants } => variants.iter_mut().for_each(|v| v.rust_name.clear()),
        // The JSON is the same in any member order.
        TypeKind::Struct { fields, .. } => {
            fields.sort_by(|a, b| a.wire_name.cmp(&b.wire_name));
            // An optional member is an `Option` that is left out when `None`, null allowed or
            // not: the generated code never sends a null for it, and reads one as `None`.
            for f in fields.iter_mut().filter(|f| !f.required) {
                if let TypeRef::Nullable(inner) = &f.ty {
                    f.ty = (**inner).clone();
                }
            }
            // A member's default is only said, never sent: the generated code leaves it to
            // the server.
            if !docs {
                for f in fields.iter_mut() {
                    f.docs = Default::default();
                    f.default = None;
                }
            }
        }
        _ => {}
    }
    let description = docs.then_some(&def.docs.description);
    serde_json::to_string(&(description, &kind)).unwrap_or_default()
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
fn shared_name(all: &[&str], titles: &[&str], taken: &BTreeSet<String>) -> Option<String> {
    first_free(shared_candidates(all, titles, true), all, taken)
}

/// The first name no other type has: one of the copies' own names is free for them.
fn first_free(candidates: Vec<String>, all: &[&str], taken: &BTreeSet<String>) -> Option<String> {
    let name = |n: String| names::type_name(names::camel(&n));
    candidates.into_iter().map(name).find(|n| {
        (!taken.contains(n) || all.contains(&n.as_str()))
            && !crate::lower::RESERVED_TYPE_NAMES.contains(&n.as_str())
    })
}

/// `naming` leaves out what tells copies together but would not name them well: a title or an
/// ending that is only a role word (`Type`).
fn shared_candidates(all: &[&str], titles: &[&str], naming: bool) -> Vec<String> {
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
fn common_ending(words: &[Vec<String>]) -> Vec<String> {
    let reversed = common(words, |w| w.iter().rev().cloned().collect());
    reversed.into_iter().rev().collect()
}

fn without_place_start(words: &[String]) -> &[String] {
    let mut tail = words;
    while let [first, rest @ ..] = tail
        && is_place_word(first)
        && !rest.is_empty()
    {
        tail = rest;
    }
    tail
}

fn says_something(words: &[String]) -> bool {
    words.iter().any(|w| !is_place_word(w))
}

/// The longest ending of at least `min_len` words that the most names share: at least two of
/// them, and more than half.
fn most_shared_ending(
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
fn is_place_word(word: &str) -> bool {
    let word = word.trim_end_matches(|c: char| c.is_ascii_digit());
    word.is_empty() || PLACE_WORDS.contains(&word)
}

/// `PostChargesFormTransferData` -> `[Post, Charges, Form, Transfer, Data]`.
fn camel_words(name: &str) -> Vec<String> {
    names::bare(name)
        .to_snake_case()
        .split('_')
        .filter(|w| !w.is_empty())
        .map(|w| w.to_upper_camel_case())
        .collect()
}

/// The longest run of words every list starts with, after `order` arranges each list.
fn common(lists: &[Vec<String>], order: impl Fn(&Vec<String>) -> Vec<String>) -> Vec<String> {
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

/// Renames types and every reference to them.
pub(super) fn rename_types(api: &mut Api, renames: &BTreeMap<String, String>) {
    apply(api, &BTreeSet::new(), renames);
}

/// Drops the copies, renames the kept types that take a shared name, and points every reference
/// at what it became.
fn apply(api: &mut Api, dropped: &BTreeSet<String>, renames: &BTreeMap<String, String>) {
    if renames.is_empty() {
        return;
    }
    let rename = |ty: &mut TypeRef| {
        if let Some(name) = ty.named_mut()
            && let Some(to) = renames.get(name.as_str())
        {
            *name = to.clone();
        }
    };
    api.types.retain(|d| !dropped.contains(&d.rust_name));
    for def in &mut api.types {
        if let Some(to) = renames.get(&def.rust_name) {
            def.rust_name = to.clone();
        }
    }
    for def in &mut api.types {
        if let TypeKind::Untagged { variants } = &mut def.kind {
            let mut used: BTreeSet<String> = variants.iter().map(|v| v.rust_name.clone()).collect();
            used.insert("Unknown".into());
            for v in variants.iter_mut() {
                let was = variant_name(&v.ty);
                rename(&mut v.ty);
                let now = variant_name(&v.ty);
                if v.rust_name == was && now != was && !used.contains(&now) {
                    used.remove(&v.rust_name);
                    v.rust_name = now.clone();
                    used.insert(now);
                }
            }
        }
        for ty in def.kind.refs_mut() {
            rename(ty);
        }
    }
    api.types.sort_by(|a, b| a.rust_name.cmp(&b.rust_name));
    for op in &mut api.operations {
        for ty in operation_refs(op) {
            rename(ty);
        }
        if let Some(page) = op.pagination.as_mut().and_then(|p| p.page_type.as_mut())
            && let Some(to) = renames.get(page.as_str())
        {
            *page = to.clone();
        }
    }
}

/// Every type an operation names: parameters, body, responses, pages and events.
fn operation_refs(op: &mut Operation) -> Vec<&mut TypeRef> {
    let mut refs: Vec<&mut TypeRef> = Vec::new();
    refs.extend(op.path_params.iter_mut().map(|p| &mut p.ty));
    refs.extend(op.query_params.iter_mut().map(|p| &mut p.ty));
    refs.extend(op.header_params.iter_mut().map(|h| &mut h.param.ty));
    match &mut op.body {
        Some(Body::Json { ty, .. } | Body::Form { ty, .. }) => refs.push(ty),
        Some(Body::Multipart { parts, .. }) => {
            for part in parts {
                if let PartKind::Text(ty) = &mut part.kind {
                    refs.push(ty);
                }
            }
        }
        Some(Body::Raw { .. }) | None => {}
    }
    if let Some(success) = &mut op.success {
        match &mut success.content {
            ResponseContent::Json(ty) | ResponseContent::JsonLines { item: ty } => refs.push(ty),
            ResponseContent::Text | ResponseContent::Bytes | ResponseContent::Empty => {}
        }
    }
    if let Some(error) = &mut op.error {
        refs.extend(error.ty.as_mut());
        refs.extend(error.bodies.iter_mut());
    }
    if let Some(p) = &mut op.pagination {
        refs.push(&mut p.item_type);
    }
    if let Some(e) = &mut op.events {
        refs.push(&mut e.event_type);
    }
    refs
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

    #[test]
    fn per_operation_models_are_told_from_things() {
        let stems = taken(&["GetSkill", "CreateSkill"]);
        assert!(per_operation("GetSkillResponse", &stems));
        assert!(per_operation("BodyCreateSkillV1SkillsPost", &stems));
        assert!(!per_operation("Skill", &stems));
        assert!(!per_operation("GetSkillVersionResponse", &stems));
    }
}
