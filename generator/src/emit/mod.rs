use crate::{Config, Diagnostics, GeneratedCrate, ir::Api};
pub fn emit_crate(_config: &Config, _api: &Api) -> Result<GeneratedCrate, Diagnostics> { todo!() }
