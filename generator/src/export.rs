//! The merged, normalized document the pipeline lowers from, as standard OpenAPI 3 JSON that other
//! tools read (Prism, Redocly, Swagger UI): `cargo xtask openapi`.
//!
//! Mintlify pages carry no API version and a merged set has no one title, so those come from the
//! config's crate when the sources leave them out. A path key with a fixed query
//! (`/v1/files?beta=true`) is not standard: the query becomes a required one-value query parameter
//! on the route. Where the document also keys the plain route with the same method, a standard
//! document cannot hold both operations, and [`ExportOptions::prefer_query`] picks which one stays.

use indexmap::IndexMap;
use openapiv3::{
    Operation, Parameter, ParameterData, ParameterSchemaOrContent, PathItem, QueryStyle,
    ReferenceOr, Schema, SchemaData, SchemaKind, StringType, Type,
};

use crate::diag::{Diagnostic, Diagnostics};
use crate::lower::operations::fixed_query;
use crate::{Config, SpecSource, load};

#[derive(Debug, Clone, Default)]
pub struct ExportOptions {
    /// Where a route is keyed both plain and with a fixed query, keep the operation whose query is
    /// this one (e.g. `beta=true`); by default the plain route's operation stays.
    pub prefer_query: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Export {
    /// The document, pretty-printed JSON with a final newline.
    pub document: String,
    /// Operations a standard document cannot hold beside the ones kept, as `METHOD path-key`.
    pub omitted: Vec<String>,
}

pub fn openapi_document(
    config: &Config,
    sources: &[SpecSource],
    options: &ExportOptions,
) -> Result<Export, Diagnostics> {
    let loaded = load::load_all(sources)?;
    let mut openapi = loaded.openapi;
    // Loading gave 3.1 spellings their 3.0 forms (load/normalize.rs), so say which it now is.
    if !openapi.openapi.starts_with("3.0.") {
        openapi.openapi = "3.0.3".to_string();
    }
    if openapi.info.version.trim().is_empty() {
        openapi.info.version = config
            .krate
            .version
            .clone()
            .unwrap_or_else(|| "0.1.0".to_string());
    }
    let files: std::collections::BTreeSet<_> = loaded.operation_files.values().collect();
    if files.len() > 1 && sources.iter().any(SpecSource::is_page) {
        openapi.info.title = config
            .krate
            .description
            .clone()
            .unwrap_or_else(|| config.krate.name.clone());
    }
    let (paths, omitted) = standard_paths(
        std::mem::take(&mut openapi.paths.paths),
        options.prefer_query.as_deref(),
    );
    openapi.paths.paths = paths;
    let mut document = serde_json::to_string_pretty(&openapi).map_err(|e| {
        Diagnostics::one(Diagnostic::in_file(
            &loaded.first_file,
            format!("cannot write the document as JSON: {e}"),
        ))
    })?;
    document.push('\n');
    Ok(Export { document, omitted })
}

type Paths = IndexMap<String, ReferenceOr<PathItem>>;

/// Folds each `route?query` key into its route, in the document's order.
fn standard_paths(paths: Paths, prefer: Option<&str>) -> (Paths, Vec<String>) {
    let mut out = Paths::new();
    // The fixed query of each kept operation, by route and method ("" for none).
    let mut holders: IndexMap<(String, &'static str), String> = IndexMap::new();
    let mut omitted = Vec::new();
    for (key, item) in paths {
        let (route_key, query) = match key.split_once('?') {
            Some((r, q)) => (r.to_string(), q.to_string()),
            None => (key.clone(), String::new()),
        };
        let ReferenceOr::Item(mut item) = item else {
            out.insert(key, item);
            continue;
        };
        if !query.is_empty() {
            fix_query(&mut item, &key);
        }
        let slot = out
            .entry(route_key.clone())
            .or_insert_with(|| ReferenceOr::Item(PathItem::default()));
        let ReferenceOr::Item(target) = slot else {
            omitted.extend(operations(&mut item).map(|(m, _)| format!("{m} {key}")));
            continue;
        };
        if target.parameters.is_empty() {
            target.parameters = std::mem::take(&mut item.parameters);
        }
        for ((method, incoming), (_, existing)) in operations(&mut item).zip(operations(target)) {
            let Some(op) = incoming.take() else { continue };
            let holder = holders.entry((route_key.clone(), method));
            let keep_new = match &holder {
                indexmap::map::Entry::Vacant(_) => true,
                indexmap::map::Entry::Occupied(held) => {
                    prefer.is_some_and(|p| p == query && held.get() != p)
                }
            };
            let held = holder.or_default();
            if keep_new {
                if existing.is_some() {
                    omitted.push(format!("{method} {}", path_key(&route_key, held)));
                }
                *existing = Some(op);
                *held = query.clone();
            } else {
                omitted.push(format!("{method} {key}"));
            }
        }
        target.summary = target.summary.take().or(item.summary);
        target.description = target.description.take().or(item.description);
        if target.servers.is_empty() {
            target.servers = item.servers;
        }
    }
    (out, omitted)
}

fn path_key(route: &str, query: &str) -> String {
    if query.is_empty() {
        route.to_string()
    } else {
        format!("{route}?{query}")
    }
}

fn operations(item: &mut PathItem) -> impl Iterator<Item = (&'static str, &mut Option<Operation>)> {
    [
        ("GET", &mut item.get),
        ("PUT", &mut item.put),
        ("POST", &mut item.post),
        ("DELETE", &mut item.delete),
        ("OPTIONS", &mut item.options),
        ("HEAD", &mut item.head),
        ("PATCH", &mut item.patch),
        ("TRACE", &mut item.trace),
    ]
    .into_iter()
}

/// Moves the path item's own parameters into each operation, and adds each fixed pair as a
/// required query parameter with that one value.
fn fix_query(item: &mut PathItem, key: &str) {
    let shared = std::mem::take(&mut item.parameters);
    let pairs = fixed_query(key);
    for (_, op) in operations(item) {
        let Some(op) = op else { continue };
        for p in &shared {
            if !op.parameters.contains(p) {
                op.parameters.push(p.clone());
            }
        }
        for (name, value) in &pairs {
            op.parameters
                .push(ReferenceOr::Item(fixed_parameter(name, value, key)));
        }
    }
}

fn fixed_parameter(name: &str, value: &str, key: &str) -> Parameter {
    let schema = Schema {
        schema_data: SchemaData::default(),
        schema_kind: SchemaKind::Type(Type::String(StringType {
            enumeration: vec![Some(value.to_string())],
            ..StringType::default()
        })),
    };
    Parameter::Query {
        parameter_data: ParameterData {
            name: name.to_string(),
            description: Some(format!(
                "Always `{value}`: the source document keys this operation as `{key}`."
            )),
            required: true,
            deprecated: None,
            format: ParameterSchemaOrContent::Schema(ReferenceOr::Item(schema)),
            example: None,
            examples: IndexMap::new(),
            explode: None,
            extensions: IndexMap::new(),
        },
        allow_reserved: false,
        style: QueryStyle::Form,
        allow_empty_value: None,
    }
}
