//! Names for operations the document does not name. Without an operation id or a summary, an
//! operation's id and type stem are made from its path and the method the path suggests
//! (`health list`); `lower::methods` may then call it otherwise (`health().retrieve()`), and its
//! builder and types follow: `HealthRetrieveRequest` and `HealthRetrieveResponse`, not
//! `HealthListRequest`.

use std::collections::{BTreeMap, BTreeSet};

use crate::ir::{Api, Place};
use crate::names;

/// What the path suggested for each operation, before `lower::methods` named it.
pub struct Suggested(Vec<(Vec<String>, String)>);

pub fn suggested(api: &Api) -> Suggested {
    Suggested(
        api.operations
            .iter()
            .map(|op| (op.resource.clone(), op.method_name.clone()))
            .collect(),
    )
}

/// Re-stems the operations named from their path whose resource or method changed.
pub fn restem(api: &mut Api, before: &Suggested) {
    let mut stems: BTreeSet<String> = api.operations.iter().map(|o| o.type_stem.clone()).collect();
    let mut types: BTreeSet<String> = api.types.iter().map(|t| t.rust_name.clone()).collect();
    let mut renames = BTreeMap::new();
    for (op, (resource, method)) in api.operations.iter_mut().zip(&before.0) {
        let changed = &op.resource != resource || &op.method_name != method;
        if !op.id_from_path || !changed || matches!(op.place, Place::Action | Place::Configured) {
            continue;
        }
        let mut words = op.resource.clone();
        words.push(op.method_name.clone());
        let id = names::bare(&names::snake(&words.join(" "))).to_string();
        let stem = names::bare(&names::camel(&id)).to_string();
        if stems.contains(&stem) {
            continue;
        }
        // The operation's own types, named after its stem: `HealthListResponse`.
        // Under the operation's own key, fixed query included: `paths./v1/files?beta=true.get.`.
        let prefix = format!(
            "paths.{}.{}.",
            op.path_key(),
            op.method.as_str().to_ascii_lowercase()
        );
        let in_op = |origin: &str| origin.starts_with(&prefix);
        let own: Vec<(String, String)> = api
            .types
            .iter()
            .filter(|t| in_op(&t.origin))
            .filter_map(|t| {
                let rest = t.rust_name.strip_prefix(&op.type_stem)?;
                Some((t.rust_name.clone(), format!("{stem}{rest}")))
            })
            .collect();
        if own.iter().any(|(_, to)| types.contains(to)) {
            continue;
        }
        for (from, to) in own {
            types.remove(&from);
            types.insert(to.clone());
            renames.insert(from, to);
        }
        stems.remove(&op.type_stem);
        stems.insert(stem.clone());
        op.id = id;
        op.type_stem = stem;
    }
    if !renames.is_empty() {
        super::merge::rename_types(api, &renames);
    }
}
