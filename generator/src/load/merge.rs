//! Merges several loaded documents (e.g. a directory of pages) into one API.

use std::collections::BTreeMap;
use std::path::PathBuf;

use openapiv3::{OpenAPI, PathItem, ReferenceOr};

use super::LoadedSpec;
use crate::diag::{Diagnostic, Diagnostics};

/// The merged document plus which file each part came from, so that later errors can name it.
#[derive(Debug, Clone)]
pub struct LoadedApi {
    pub openapi: OpenAPI,
    /// `METHOD /path` -> file.
    pub operation_files: BTreeMap<String, PathBuf>,
    /// Component schema name -> file.
    pub schema_files: BTreeMap<String, PathBuf>,
    pub first_file: PathBuf,
    /// For each converted Swagger 2.0 file, where its parts were in the original.
    pub origins: BTreeMap<PathBuf, super::swagger2::Origins>,
    /// What loading assumed where a document breaks a rule but leaves one reading.
    pub warnings: Vec<Diagnostic>,
    /// Where each document's copied parts were written, for diagnostics.
    pub inlined: Vec<super::refs::Inlined>,
}

impl LoadedApi {
    pub fn file_of_operation(&self, key: &str) -> &PathBuf {
        self.operation_files.get(key).unwrap_or(&self.first_file)
    }
}

pub fn operation_key(method: &str, path: &str) -> String {
    format!("{} {path}", method.to_ascii_uppercase())
}

fn methods(item: &PathItem) -> [(&'static str, bool); 8] {
    [
        ("get", item.get.is_some()),
        ("put", item.put.is_some()),
        ("post", item.post.is_some()),
        ("delete", item.delete.is_some()),
        ("options", item.options.is_some()),
        ("head", item.head.is_some()),
        ("patch", item.patch.is_some()),
        ("trace", item.trace.is_some()),
    ]
}

pub fn merge(specs: Vec<LoadedSpec>) -> Result<LoadedApi, Diagnostics> {
    let mut specs = specs.into_iter();
    let Some(first) = specs.next() else {
        return Err(Diagnostic::in_file("spec/", "no spec files given").into());
    };
    let mut api = LoadedApi {
        operation_files: BTreeMap::new(),
        schema_files: BTreeMap::new(),
        first_file: first.file.clone(),
        origins: BTreeMap::new(),
        warnings: Vec::new(),
        inlined: Vec::new(),
        openapi: OpenAPI {
            openapi: first.openapi.openapi.clone(),
            info: first.openapi.info.clone(),
            ..Default::default()
        },
    };
    let mut diags = Diagnostics::default();
    for spec in std::iter::once(first).chain(specs) {
        merge_one(&mut api, spec, &mut diags);
    }
    if diags.is_empty() {
        Ok(api)
    } else {
        Err(diags)
    }
}

fn merge_one(api: &mut LoadedApi, spec: LoadedSpec, diags: &mut Diagnostics) {
    let file = spec.file;
    let doc = spec.openapi;
    api.origins.insert(file.clone(), spec.origins);
    api.warnings.extend(spec.warnings);
    api.inlined.push(spec.inlined);
    for server in doc.servers {
        if !api.openapi.servers.iter().any(|s| s.url == server.url) {
            api.openapi.servers.push(server);
        }
    }
    // A path item holds eight operations inline: growing the map a step at a time would copy
    // them again and again into fresh memory.
    api.openapi.paths.paths.reserve(doc.paths.paths.len());
    for (path, item) in doc.paths.paths {
        let ReferenceOr::Item(mut item) = item else {
            diags.push(Diagnostic::at_path(
                &file,
                format!("paths.{path}"),
                "path item `$ref` is not supported",
            ));
            continue;
        };
        for (method, present) in methods(&item) {
            if !present {
                continue;
            }
            let key = operation_key(method, &path);
            if let Some(other) = api.operation_files.get(&key) {
                diags.push(Diagnostic::at_path(
                    &file,
                    format!("paths.{path}.{method}"),
                    format!("operation `{key}` is also defined in {}", other.display()),
                ));
                continue;
            }
            api.operation_files.insert(key, file.clone());
        }
        // The merged document has no global requirement: each document's own moves onto its
        // operations that do not state theirs.
        if let Some(global) = &doc.security {
            for op in [
                &mut item.get,
                &mut item.put,
                &mut item.post,
                &mut item.delete,
                &mut item.options,
                &mut item.head,
                &mut item.patch,
                &mut item.trace,
            ]
            .into_iter()
            .flatten()
            {
                op.security.get_or_insert_with(|| global.clone());
            }
        }
        match api.openapi.paths.paths.get_mut(&path) {
            Some(ReferenceOr::Item(existing)) => {
                let PathItem {
                    get,
                    put,
                    post,
                    delete,
                    options,
                    head,
                    patch,
                    trace,
                    parameters,
                    ..
                } = item;
                for (slot, new) in [
                    (&mut existing.get, get),
                    (&mut existing.put, put),
                    (&mut existing.post, post),
                    (&mut existing.delete, delete),
                    (&mut existing.options, options),
                    (&mut existing.head, head),
                    (&mut existing.patch, patch),
                    (&mut existing.trace, trace),
                ] {
                    if slot.is_none() {
                        *slot = new;
                    }
                }
                for p in parameters {
                    if !existing.parameters.contains(&p) {
                        existing.parameters.push(p);
                    }
                }
            }
            _ => {
                api.openapi
                    .paths
                    .paths
                    .insert(path, ReferenceOr::Item(item));
            }
        }
    }
    let Some(components) = doc.components else {
        return;
    };
    let target = api.openapi.components.get_or_insert_with(Default::default);
    target.schemas.reserve(components.schemas.len());
    for (name, schema) in components.schemas {
        match target.schemas.get(&name) {
            Some(existing) if *existing == schema => {}
            Some(_) => diags.push(Diagnostic::at_path(
                &file,
                format!("components.schemas.{name}"),
                format!(
                    "schema `{name}` differs from the one with the same name in {}",
                    api.schema_files
                        .get(&name)
                        .map_or_else(|| "another file".to_string(), |f| f.display().to_string())
                ),
            )),
            None => {
                api.schema_files.insert(name.clone(), file.clone());
                target.schemas.insert(name, schema);
            }
        }
    }
    for (name, p) in components.parameters {
        target.parameters.entry(name).or_insert(p);
    }
    for (name, b) in components.request_bodies {
        target.request_bodies.entry(name).or_insert(b);
    }
    for (name, r) in components.responses {
        target.responses.entry(name).or_insert(r);
    }
    for (name, s) in components.security_schemes {
        target.security_schemes.entry(name).or_insert(s);
    }
}
