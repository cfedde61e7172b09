//! `openapiv3::OpenAPI` -> IR.

mod auth;
mod forms;
pub(crate) mod operations;
mod pagination;
pub mod resources;
pub mod samples;
mod streams;
pub mod types;

use crate::config::Config;
use crate::diag::Diagnostics;
use crate::ir::{Api, Server};
use crate::load::merge::LoadedApi;

/// Names the emitted `resources` module imports; its own items must not shadow them.
pub const RESERVED_TYPE_NAMES: &[&str] = &["Client", "Error", "ApiResponse", "RequestOptions"];

pub fn lower(config: &Config, loaded: &LoadedApi) -> Result<Api, Diagnostics> {
    let empty = indexmap::IndexMap::new();
    let components = loaded
        .openapi
        .components
        .as_ref()
        .map_or(&empty, |c| &c.schemas);
    let mut space = types::TypeSpace::new(
        components,
        &loaded.schema_files,
        loaded.first_file.clone(),
        &[],
    );
    let schemes = auth::schemes(config, loaded)?;
    let operations = operations::lower_operations(config, loaded, &mut space, &schemes)?;
    let servers = loaded
        .openapi
        .servers
        .iter()
        .map(|s| Server {
            url: s.url.trim_end_matches('/').to_string(),
            description: s.description.clone(),
        })
        .collect();
    Ok(Api {
        title: loaded.openapi.info.title.clone(),
        servers,
        auth: auth::used(schemes, &operations),
        operations,
        types: space.into_types(),
    })
}
