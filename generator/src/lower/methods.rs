//! Method names, decided with every operation in view. A path's place suggests the verb
//! (`list`, `retrieve`, `create`, `update`, `delete`, or the action it ends in); where two
//! operations would share a name, the document tells them apart: the path's shape, the
//! operation id, the summary. A number is the last resort, never the first.

use std::collections::{BTreeMap, BTreeSet};

use super::resources::{collection_verb, looks_plural};
use crate::ir::{
    HttpMethod, Operation, PathSegment, Place, ResponseContent, TypeDef, TypeKind, TypeRef,
};
use crate::names;

/// Names every operation's method on its resource, moving an action that is really a
/// singleton (`GET` and `PUT /repos/{repo}/topics`) onto a resource of its own.
pub fn name_methods(operations: &mut [Operation], types: &[TypeDef]) {
    let types: BTreeMap<&str, &TypeDef> = types.iter().map(|t| (t.rust_name.as_str(), t)).collect();
    let mut on_path: BTreeMap<String, BTreeSet<HttpMethod>> = BTreeMap::new();
    for op in operations.iter() {
        on_path.entry(route_key(op)).or_default().insert(op.method);
    }
    let handles = handles_of(operations);
    for op in operations.iter_mut() {
        let verbs = &on_path[&route_key(op)];
        if op.place == Place::Action && is_word(&op.method_name) {
            let mut child = op.resource.clone();
            child.push(op.method_name.clone());
            // A literal that also heads a resource is that resource's collection; one that
            // several methods read and write names a thing, not a verb: `GET`/`PUT .../topics`
            // are `topics().retrieve()`/`update()`. `HEAD` and `OPTIONS` only ask about it.
            let methods = verbs
                .iter()
                .filter(|m| !matches!(m, HttpMethod::Head | HttpMethod::Options))
                .count();
            if handles.contains(&child) {
                op.resource = child;
                op.place = Place::Collection;
                op.method_name = collection_verb(op.method).into();
            } else if methods > 1 {
                op.resource = child;
                op.place = Place::Singleton;
            }
        }
        if let Some(verb) = verb(op, verbs, &types) {
            op.method_name = verb.to_string();
        }
    }
    by_query(operations);
    by_fragment(operations);
    settle_clashes(operations, &handles_of(operations));
}

/// The route an operation is sent to: its path key without the fragment.
fn route_key(op: &Operation) -> String {
    let key = op.path_key();
    match key.split_once('#') {
        Some((route, _)) => route.to_string(),
        None => key,
    }
}

/// Operations that one route and method key apart by a fragment (the APIs.guru AWS documents:
/// every query action is `GET /#Action=...`; Box's `PUT /files/{file_id}#add_shared_link`) share
/// the name the route gives. An operation keyed without a fragment keeps it; each keyed with one
/// is named by its fragment (`create_topic`, `add_shared_link`), or by its id when the fragment
/// only lists parameters (`#tagKeys`).
fn by_fragment(operations: &mut [Operation]) {
    let mut groups: BTreeMap<(String, HttpMethod), Vec<usize>> = BTreeMap::new();
    for (i, op) in operations.iter().enumerate() {
        groups
            .entry((route_key(op), op.method))
            .or_default()
            .push(i);
    }
    for members in groups.values().filter(|m| m.len() > 1) {
        // (short, full) names by fragment: `GetPolicy` is `policy`, or `get_policy` where
        // another action of the route would also be `policy`.
        let names: BTreeMap<usize, (String, String)> = members
            .iter()
            .filter_map(|&i| fragment_name(&operations[i]).map(|n| (i, n)))
            .collect();
        // How many fragments give each short name (one fragment's `GET` and `POST` are one).
        let mut fragments: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
        for (&i, (short, _)) in &names {
            fragments
                .entry(short)
                .or_default()
                .extend(operations[i].fragment.clone());
        }
        let fragments_of = |short: &str| fragments.get(short).map_or(0, BTreeSet::len);
        for &i in members {
            let op = &operations[i];
            if op.fragment.is_none() || op.place == Place::Configured {
                continue;
            }
            let named = match names.get(&i) {
                Some((short, _)) if fragments_of(short) == 1 => Some(short.clone()),
                Some((_, full)) => Some(full.clone()),
                None => (!op.id_from_path)
                    .then(|| alternatives(op, &op.method_name).into_iter().next())
                    .flatten(),
            };
            if let Some(name) = named {
                operations[i].method_name = name;
            }
        }
    }
    // The APIs.guru AWS query documents give every action twice, as `GET` and as `POST`: the
    // `POST`, which the SDKs send, keeps the action's name; the other says its method.
    let mut by_name: BTreeMap<(Vec<String>, String), Vec<usize>> = BTreeMap::new();
    for (i, op) in operations.iter().enumerate() {
        if op.fragment.is_some() {
            by_name
                .entry((op.resource.clone(), op.method_name.clone()))
                .or_default()
                .push(i);
        }
    }
    for members in by_name.values().filter(|m| m.len() > 1) {
        let keeper = members
            .iter()
            .copied()
            .find(|&i| operations[i].method == HttpMethod::Post)
            .unwrap_or(members[0]);
        for &i in members.iter().filter(|&&i| i != keeper) {
            let op = &mut operations[i];
            op.method_name = format!(
                "{}_{}",
                names::bare(&op.method_name),
                op.method.as_str().to_ascii_lowercase()
            );
        }
    }
}

/// The names a fragment gives, short and full: the value of `Action=CreateTopic` (the last
/// dotted part of `X-Amz-Target=Service.CreateRoom`), or the fragment itself, without the
/// operation's own HTTP method as its first word; the short one also without a leading `get`.
/// `None` when it only lists the operation's parameters.
fn fragment_name(op: &Operation) -> Option<(String, String)> {
    let fragment = op.fragment.as_deref()?;
    let text = match fragment.split_once('=') {
        Some((_, value)) => value.rsplit('.').next().unwrap_or(value),
        None => {
            let params = op
                .query_params
                .iter()
                .chain(op.header_params.iter().map(|h| &h.param))
                .map(|p| p.wire_name.to_ascii_lowercase())
                .collect::<BTreeSet<_>>();
            if fragment
                .split('&')
                .all(|name| params.contains(&name.to_ascii_lowercase()))
            {
                return None;
            }
            fragment
        }
    };
    let mut left: Vec<String> = words(text);
    // Box's `get_shared_link` on a `GET` is `shared_link`; AWS's `PutPolicy`, sent as a `POST`,
    // keeps its verb, which tells it from `GetPolicy`.
    if left.len() > 1 && left[0].eq_ignore_ascii_case(op.method.as_str()) {
        left.remove(0);
    }
    let full = names::snake(&left.join("_"));
    // A reading action (`GetBucketPolicy`) reads as what it returns, `bucket_policy`, as a `GET`
    // does; `by_fragment` keeps the verb where two actions would then share a name.
    if left.len() > 1 && left[0] == "get" {
        left.remove(0);
    }
    let short = names::snake(&left.join("_"));
    (is_word(&short) && is_word(&full)).then_some((short, full))
}

/// Operations that one route keys several times by the query they take (Weatherbit's
/// `?city_id={city_id}` and `?lat={lat}&lon={lon}`) are told apart by the required query
/// parameters only each one has: `subhourly_by_city_id`, `subhourly_by_lat_lon`.
fn by_query(operations: &mut [Operation]) {
    let mut groups: BTreeMap<(String, HttpMethod), Vec<usize>> = BTreeMap::new();
    for (i, op) in operations.iter().enumerate() {
        groups
            .entry((op.path_key(), op.method))
            .or_default()
            .push(i);
    }
    for members in groups.values().filter(|m| m.len() > 1) {
        let required: Vec<BTreeSet<String>> = members
            .iter()
            .map(|&i| {
                operations[i]
                    .query_params
                    .iter()
                    .filter(|p| p.required)
                    .map(|p| names::bare(&p.rust_name).to_string())
                    .collect()
            })
            .collect();
        let common = required
            .iter()
            .skip(1)
            .fold(required[0].clone(), |acc, s| &acc & s);
        for (&i, own) in members.iter().zip(&required) {
            let own: Vec<&str> = own.difference(&common).map(String::as_str).collect();
            if own.is_empty() || own.len() > 3 {
                continue;
            }
            let op = &mut operations[i];
            op.method_name = format!("{}_by_{}", names::bare(&op.method_name), own.join("_"));
        }
    }
}

/// Every resource handle the operations need, as paths from the client.
fn handles_of(operations: &[Operation]) -> BTreeSet<Vec<String>> {
    operations
        .iter()
        .flat_map(|op| (1..=op.resource.len()).map(|n| op.resource[..n].to_vec()))
        .collect()
}

/// The verb an operation's place and HTTP method give, if they give one.
fn verb(
    op: &Operation,
    verbs: &BTreeSet<HttpMethod>,
    types: &BTreeMap<&str, &TypeDef>,
) -> Option<&'static str> {
    use HttpMethod::*;
    let updated_too = verbs.contains(&Put) || verbs.contains(&Patch);
    Some(match (op.place, op.method) {
        (Place::Item | Place::Singleton | Place::Collection | Place::Root, Get) => {
            let many = match op.place {
                Place::Item => false,
                _ => lists(op, types),
            };
            if many { "list" } else { "retrieve" }
        }
        // PUT replaces where PATCH updates the same thing.
        (Place::Item | Place::Singleton, Put) if verbs.contains(&Patch) => "replace",
        (Place::Item | Place::Singleton, Put | Patch) => "update",
        (Place::Singleton, Post) if updated_too => "create",
        (Place::Item | Place::Singleton, Post) => "update",
        (Place::Item | Place::Singleton, Delete) => "delete",
        _ => return None,
    })
}

/// Whether an operation returns many things: it pages or takes paging inputs, or its body is an
/// array, or an object that holds one. A body the document does not describe leaves the path to
/// say: a plural noun lists.
fn lists(op: &Operation, types: &BTreeMap<&str, &TypeDef>) -> bool {
    if op.pagination.is_some() || op.unpaged.is_some() {
        return true;
    }
    match op.success.as_ref().map(|s| &s.content) {
        Some(ResponseContent::Json(TypeRef::Any))
        | Some(ResponseContent::Bytes | ResponseContent::Empty | ResponseContent::Text)
        | None => op.resource.last().is_some_and(|r| looks_plural(r)),
        Some(ResponseContent::JsonLines { .. }) => true,
        Some(ResponseContent::Json(t)) => holds_many(t, types, 0),
    }
}

fn holds_many(t: &TypeRef, types: &BTreeMap<&str, &TypeDef>, depth: usize) -> bool {
    match t.non_null() {
        TypeRef::Array(_) => true,
        TypeRef::Named(name) if depth < 2 => match types.get(name.as_str()).map(|d| &d.kind) {
            Some(TypeKind::Alias(inner)) => holds_many(inner, types, depth + 1),
            // An envelope (`{data: [..], has_more}`), not an object that happens to hold a list:
            // few members, or a list member named as lists are.
            Some(TypeKind::Struct { fields, .. }) => fields.iter().any(|f| {
                matches!(f.ty.non_null(), TypeRef::Array(_) | TypeRef::Map(_))
                    && (fields.len() <= 4 || LIST_MEMBERS.contains(&f.wire_name.as_str()))
            }),
            _ => false,
        },
        _ => false,
    }
}

/// Members that hold a page's items, by the names the field gives them.
const LIST_MEMBERS: &[&str] = &[
    "data", "items", "results", "entries", "values", "records", "list", "rows", "objects",
    "elements", "content", "hits", "nodes", "edges",
];

/// A name Rust can use as it is: it starts with a letter.
fn is_word(name: &str) -> bool {
    names::bare(name).starts_with(|c: char| c.is_ascii_alphabetic())
}

/// Gives each operation of a resource a distinct name. The operation the name fits best keeps
/// it: the configured one, then the shortest path, then `GET`, `PATCH`, `PUT`, `POST`, `DELETE`.
fn settle_clashes(operations: &mut [Operation], handles: &BTreeSet<Vec<String>>) {
    let mut order: Vec<usize> = (0..operations.len()).collect();
    let rank = |op: &Operation| {
        let verb = match op.method {
            HttpMethod::Get => 0,
            HttpMethod::Patch => 1,
            HttpMethod::Put => 2,
            HttpMethod::Post => 3,
            HttpMethod::Delete => 4,
            HttpMethod::Head => 5,
            HttpMethod::Options => 6,
        };
        // An item's own verbs belong to the item, not to a collection action of the same verb
        // (`DELETE /issues/{n}/labels/{name}` is `delete`, `DELETE /issues/{n}/labels` is not).
        let item_verb = matches!(op.method_name.as_str(), "update" | "replace" | "delete");
        (
            op.place != Place::Configured,
            item_verb && op.place != Place::Item,
            op.segments.len(),
            verb,
            op.path_key(),
        )
    };
    order.sort_by_key(|&i| rank(&operations[i]));
    // Per resource: the names taken, starting with its child handles and the handle's `new`.
    let mut taken: BTreeMap<Vec<String>, BTreeSet<String>> = BTreeMap::new();
    // The client's own methods: a root operation (an AWS action named `Builder`) takes another.
    taken.insert(
        Vec::new(),
        ["from", "from_env", "builder", "base_url", "core"]
            .map(String::from)
            .into(),
    );
    for h in handles {
        let (last, parent) = h.split_last().expect("handles are never empty");
        taken
            .entry(parent.to_vec())
            .or_default()
            .insert(names::snake(last));
    }
    for &i in &order {
        let op = &operations[i];
        let names = taken.entry(op.resource.clone()).or_default();
        let base = op.method_name.clone();
        let free = |n: &str| is_word(n) && n != "new" && !names.contains(names::bare(n));
        let chosen = if free(&base) {
            base
        } else {
            alternatives(op, &base)
                .into_iter()
                .find(|n| free(n))
                .unwrap_or_else(|| {
                    let stem = if is_word(&base) {
                        names::bare(&base).to_string()
                    } else {
                        "call".into()
                    };
                    (2..)
                        .map(|n| format!("{stem}_{n}"))
                        .find(|n| free(n))
                        .expect("an unbounded range always yields a free name")
                })
        };
        names.insert(names::bare(&chosen).to_string());
        operations[i].method_name = chosen;
    }
}

/// Other names for an operation whose first choice is taken, best first.
fn alternatives(op: &Operation, base: &str) -> Vec<String> {
    let own: BTreeSet<String> = resource_words(op);
    // From the operation id and the summary, the shorter first.
    let mut out: Vec<String> = from_words(&words(&op.id), &own).into_iter().collect();
    if let Some(title) = &op.docs.title {
        let summary: Vec<String> = words(&without_possessives(title))
            .into_iter()
            .filter(|w| !STOP_WORDS.contains(&w.as_str()))
            .collect();
        if summary.len() <= 8 {
            out.extend(from_words(&summary, &own));
        }
    }
    out.sort_by_key(|n| n.split('_').count());
    // One OData function called with different arguments (`image(width={width})`,
    // `image(width={width},height={height})`): the arguments tell them apart, before any id.
    let arguments: Vec<&str> = super::odata::call_parameters(&op.path_key())
        .into_iter()
        .filter_map(|wire| op.path_params.iter().find(|p| p.wire_name == wire))
        .map(|p| names::bare(&p.rust_name))
        .collect();
    if !arguments.is_empty() {
        out.insert(
            0,
            format!("{}_by_{}", names::bare(base), arguments.join("_")),
        );
    }
    // `/gists/{gist_id}` and `/gists/{gist_id}/{sha}`: the extra parameter tells them apart.
    if let Some(PathSegment::Param(p)) = op.segments.last()
        && let Some(param) = op.path_params.get(*p)
    {
        out.push(format!(
            "{}_by_{}",
            names::bare(base),
            names::bare(&param.rust_name)
        ));
    }
    // `/files/upload_sessions` and `/files/{file_id}/upload_sessions`: the item it acts for.
    if let Some(item) = item_noun(op) {
        out.push(format!("{}_for_{item}", names::bare(base)));
    }
    out.push(names::snake(&op.id));
    out.retain(|n| is_word(n));
    out
}

/// What the path's last parameter stands for: `{file_id}` is a file, and `/items/{id}` an item.
fn item_noun(op: &Operation) -> Option<String> {
    let at = op
        .segments
        .iter()
        .rposition(|s| matches!(s, PathSegment::Param(_)))?;
    let PathSegment::Param(p) = &op.segments[at] else {
        return None;
    };
    let stem: Vec<String> = words(&op.path_params.get(*p)?.wire_name)
        .into_iter()
        .filter(|w| {
            !matches!(
                w.as_str(),
                "id" | "ids" | "key" | "name" | "sid" | "uuid" | "number"
            )
        })
        .collect();
    if !stem.is_empty() {
        return Some(stem.join("_"));
    }
    let PathSegment::Literal(before) = op.segments.get(at.checked_sub(1)?)? else {
        return None;
    };
    let noun = words(before).pop()?;
    Some(singular(&noun).to_string())
}

/// `files` is `file`, `entries` is `entry`; a crude rule, used only to make a name.
fn singular(word: &str) -> String {
    if let Some(stem) = word.strip_suffix("ies") {
        format!("{stem}y")
    } else if word.ends_with("ss") {
        word.to_string()
    } else {
        word.strip_suffix('s').unwrap_or(word).to_string()
    }
}

/// Words that carry no name in a summary ("Get *a* file *by* its id").
const STOP_WORDS: &[&str] = &[
    "a",
    "an",
    "the",
    "for",
    "of",
    "to",
    "by",
    "in",
    "on",
    "with",
    "from",
    "and",
    "or",
    "its",
    "your",
    "my",
    "this",
    "that",
    "specified",
    "specific",
    "given",
    "single",
    "one",
    "existing",
    "current",
    "id",
    "ids",
    "api",
    "endpoint",
    "operation",
    "using",
    "via",
    "new",
];

/// HTTP verbs, which a method name does not repeat.
const HTTP_WORDS: &[&str] = &["get", "post", "put", "patch", "head", "options"];

/// A method name from an operation id's or a summary's words, without the resource's own words
/// and without an HTTP verb: `gists/get-revision` on `gists` is `revision`, "Restore file" on
/// `files` is `restore`. `None` when nothing of its own is left, or when every word is one the
/// path already says (a machine-made id, `post_files_id`).
fn from_words(words: &[String], own: &BTreeSet<String>) -> Option<String> {
    let mut left: Vec<&String> = words
        .iter()
        .filter(|w| {
            // `repository` is the path's `repos`.
            !own.contains(*w)
                && !own
                    .iter()
                    .any(|o| o.len() >= 4 && w.starts_with(o.as_str()))
                && !HTTP_WORDS.contains(&w.as_str())
                && !STOP_WORDS.contains(&w.as_str())
        })
        .collect();
    left.dedup();
    if left.is_empty() || left.len() > 4 {
        return None;
    }
    let name = left
        .iter()
        .map(|w| w.as_str())
        .collect::<Vec<_>>()
        .join("_");
    Some(names::snake(&name))
}

/// The words the path already says: its literals and parameter names, each also singular.
fn resource_words(op: &Operation) -> BTreeSet<String> {
    let mut own = BTreeSet::new();
    let literals = op.segments.iter().filter_map(|s| match s {
        PathSegment::Literal(l) => Some(l.clone()),
        PathSegment::Param(_) => None,
    });
    let params = op.path_params.iter().map(|p| p.wire_name.clone());
    for w in literals
        .chain(params)
        .chain(op.resource.iter().cloned())
        .flat_map(|s| words(&s))
    {
        own.insert(singular(&w));
        own.insert(w);
    }
    own
}

/// A sentence without its possessives' `s`, which is no word of its own: "a consumer's
/// preferences", "the organization's".
fn without_possessives(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if matches!(c, '\'' | '\u{2019}') {
            let mut rest = chars.clone();
            if rest.next() == Some('s') && rest.next().is_none_or(|n| !n.is_alphanumeric()) {
                chars.next();
                continue;
            }
        }
        out.push(c);
    }
    out
}

/// Lowercase words of an id, path segment or sentence: `gists/get-revision`, `listPets`.
fn words(text: &str) -> Vec<String> {
    names::snake(text)
        .trim_start_matches("r#")
        .split('_')
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

#[cfg(test)]
mod tests;
