//! One type per definition. Documents repeat a definition: a page inlines the component it was
//! rendered from, a document hoists a copy of a component into each request body, and a
//! per-operation response model (`GetSkillResponse`) is the very `Skill` another operation returns.
//! Types that are the same definition become one type, named by the best name available: a
//! component the author named after a thing, else a per-operation component, else the name the
//! copies share. Two components the author named differently stay two types.

mod naming;

use std::collections::{BTreeMap, BTreeSet};

use super::schema_facts::variant_name;
use crate::ir::{Api, Body, Operation, PartKind, ResponseContent, TypeDef, TypeKind, TypeRef};
use crate::names::{self, camel_words};
use naming::{
    error_status, first_free, shape_name, shared_candidates, status_error_name, value_first,
};

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
        let by_shape = shape_name(&by_name[rep].kind, &final_name, all);
        if value_first(&by_name[rep].kind, all) {
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
            // Which way a member travels decides, after merging, whether it is required
            // (`one_way`); copies that differ only in marking it are one definition.
            fields.iter_mut().for_each(|f| f.one_way = None);
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
    fn per_operation_models_are_told_from_things() {
        let stems = taken(&["GetSkill", "CreateSkill"]);
        assert!(per_operation("GetSkillResponse", &stems));
        assert!(per_operation("BodyCreateSkillV1SkillsPost", &stems));
        assert!(!per_operation("Skill", &stems));
        assert!(!per_operation("GetSkillVersionResponse", &stems));
    }
}
