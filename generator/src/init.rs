//! `cargo xtask init`: a commented starter `codegen.toml` for a spec, filled in with what the
//! spec says and the defaults, so that a newcomer edits rather than reads a reference first.

use crate::config::Config;
use crate::diag::Diagnostics;
use crate::ir::AuthKind;
use crate::load::SpecSource;

/// The starter config for `sources`, for a crate called `name`. It parses as a `Config` and
/// generates the same crate as no config would.
pub fn starter_config(name: &str, sources: &[SpecSource]) -> Result<String, Diagnostics> {
    let api = crate::lower_sources(&Config::minimal(name), sources)?;
    let p = &api.package;
    let mut out = String::new();
    let mut line = |text: &str| {
        out.push_str(text);
        out.push('\n');
    };
    line("# Generator config: only what the spec cannot say. Every key but `[crate] name` is");
    line("# optional; the README's `codegen.toml` reference lists them all with their defaults.");
    line("");
    line("[crate]");
    line(&format!("name = {:?}", p.name));
    line(&format!(
        "# version = {:?}          # default: the spec's info.version when semver, else 0.1.0",
        p.version
    ));
    line(&format!("# description = {:?}", p.description));
    line("# license = \"MIT OR Apache-2.0\"   # no default: you decide");
    line("# repository = \"https://github.com/OWNER/REPO\"");
    line("# keywords = [\"api\", \"client\"]");
    line("# categories = [\"api-bindings\"]");
    line(&format!(
        "# rust-version = {:?}          # the default: the oldest Rust the runtime builds with",
        p.rust_version.as_deref().unwrap_or_default()
    ));
    line("");
    line("[client]");
    line(&format!(
        "# base_url_env = {:?}   # the default; its prefix also names {}_LOG",
        api.base_url_env,
        api.base_url_env.trim_end_matches("_BASE_URL")
    ));
    match api.servers.first() {
        Some(s) => line(&format!(
            "# The spec's first server, the default base URL: {}",
            s.url
        )),
        None => line("# The spec names no server: users must set the base URL."),
    }
    if !api.auth.is_empty() {
        line("");
        line(
            "# The spec's security schemes and the variables `Client::from_env()` reads them from:",
        );
    }
    for scheme in &api.auth {
        let what = match &scheme.kind {
            AuthKind::Bearer => "a bearer token".to_string(),
            AuthKind::Basic => "`user:password`".to_string(),
            AuthKind::Header(h) => format!("an API key in the `{h}` header"),
            AuthKind::Query(q) => format!("an API key in the `{q}` query parameter"),
            AuthKind::Cookie(c) => format!("an API key in the `{c}` cookie"),
        };
        line(&format!(
            "# [client.auth.{}]   # {what}",
            toml_key(&scheme.name)
        ));
        line(&format!(
            "# env = {:?}",
            scheme.env.as_deref().unwrap_or_default()
        ));
    }
    line("");
    line("# Headers set once on the client instead of on each call, e.g. a version header:");
    line("# [[client.headers]]");
    line("# name = \"x-api-version\"");
    line("# default = \"2024-01-01\"");
    line("");
    line(&format!(
        "# Per-operation names, keyed by `METHOD /path` ({} operations), e.g.:",
        api.operations.len()
    ));
    if let Some(op) = api.operations.first() {
        line(&format!(
            "# [operations.\"{} {}\"]",
            op.method.as_str(),
            op.path_key()
        ));
        line(&format!("# resource = {:?}", op.resource));
        line(&format!("# method = {:?}", op.method_name));
    }
    Ok(out)
}

/// A table key as TOML writes it: bare when it can be.
fn toml_key(key: &str) -> String {
    if !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    {
        key.to_string()
    } else {
        format!("{key:?}")
    }
}
