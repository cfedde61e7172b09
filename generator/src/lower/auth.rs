//! Security schemes -> IR: which credentials the client can hold, and which each operation sends.
//!
//! An operation's requirement is its own `security`, else the document's (merging moved each
//! document's onto its operations). It sends the credentials of every scheme its alternatives
//! name; the server decides whether an alternative is met, as the official SDKs leave it to.

use openapiv3::{APIKeyLocation, ReferenceOr, SecurityRequirement, SecurityScheme};

use crate::config::Config;
use crate::diag::{Diagnostic, Diagnostics};
use crate::ir::{AuthKind, AuthScheme, Operation};
use crate::load::merge::LoadedApi;

/// The scheme implied by an `Authorization` header parameter.
pub const IMPLIED: &str = "Authorization";

/// The schemes some operation names, in the spec's order. An API key header the config already
/// sets on every request (e.g. `x-api-key`) is the config's, not a scheme's.
pub fn schemes(config: &Config, loaded: &LoadedApi) -> Result<Vec<AuthScheme>, Diagnostics> {
    let mut out = Vec::new();
    let mut diags = Diagnostics::default();
    let defined = loaded
        .openapi
        .components
        .as_ref()
        .map(|c| &c.security_schemes);
    let none = indexmap::IndexMap::new();
    let all = defined.unwrap_or(&none);
    for (name, scheme) in all {
        let at = format!("components.securitySchemes.{name}");
        let scheme = match resolve(scheme, all) {
            Ok(scheme) => scheme,
            Err(message) => {
                diags.push(Diagnostic::at_path(&loaded.first_file, at, message));
                continue;
            }
        };
        let (kind, description) = match scheme {
            SecurityScheme::APIKey {
                location,
                name,
                description,
                ..
            } => {
                let kind = match location {
                    APIKeyLocation::Header => AuthKind::Header(name.clone()),
                    APIKeyLocation::Query => AuthKind::Query(name.clone()),
                    APIKeyLocation::Cookie => AuthKind::Cookie(name.clone()),
                };
                (kind, description)
            }
            SecurityScheme::HTTP {
                scheme,
                description,
                ..
            } => match scheme.to_ascii_lowercase().as_str() {
                "bearer" => (AuthKind::Bearer, description),
                "basic" => (AuthKind::Basic, description),
                // Digest and the rarer HTTP schemes need a challenge round trip: not supported,
                // and the operations that accept only them send no credential.
                _ => continue,
            },
            SecurityScheme::OAuth2 { description, .. } => (AuthKind::Bearer, description),
            SecurityScheme::OpenIDConnect { description, .. } => (AuthKind::Bearer, description),
        };
        // What the credential is, in plain words, for its variable when several schemes exist.
        let env_words = match (scheme, &kind) {
            (SecurityScheme::OAuth2 { .. }, _) => "OAUTH2_TOKEN".to_string(),
            (SecurityScheme::OpenIDConnect { .. }, _) => "OIDC_TOKEN".to_string(),
            (_, AuthKind::Bearer) => "TOKEN".to_string(),
            (_, AuthKind::Basic) => "BASIC_AUTH".to_string(),
            (_, AuthKind::Header(n) | AuthKind::Query(n) | AuthKind::Cookie(n)) => {
                let n = n
                    .strip_prefix("X-")
                    .or_else(|| n.strip_prefix("x-"))
                    .unwrap_or(n);
                heck::ToShoutySnakeCase::to_shouty_snake_case(n)
            }
        };
        if let AuthKind::Header(header) = &kind
            && config.client_header(header).is_some()
        {
            continue;
        }
        out.push(AuthScheme {
            name: name.clone(),
            kind,
            env: config.client.auth.get(name).and_then(|a| a.env.clone()),
            env_words,
            description: description.clone(),
        });
    }
    // Some documents declare `Authorization` as a header parameter instead of a scheme (OpenAPI
    // says to ignore such a parameter). It is still a credential: it goes on the client, secret,
    // as a scheme of that name that the operations declaring it send.
    if !out.iter().any(|s| s.name == IMPLIED) {
        out.push(AuthScheme {
            name: IMPLIED.to_string(),
            kind: AuthKind::Header(IMPLIED.to_string()),
            env: config.client.auth.get(IMPLIED).and_then(|a| a.env.clone()),
            env_words: "AUTHORIZATION".to_string(),
            description: Some(
                "The `Authorization` header the operations declare as a parameter.".to_string(),
            ),
        });
    }
    for name in config.client.auth.keys() {
        if name == IMPLIED {
            continue;
        }
        if !defined.is_some_and(|d| d.contains_key(name)) {
            diags.push(Diagnostic::in_file(
                &loaded.first_file,
                format!(
                    "the config's `[client.auth.{name}]` names no security scheme of the spec \
                     (components.securitySchemes has {:?})",
                    defined
                        .map(|d| d.keys().collect::<Vec<_>>())
                        .unwrap_or_default()
                ),
            ));
        }
    }
    if diags.is_empty() {
        Ok(out)
    } else {
        Err(diags)
    }
}

/// A scheme, following a `$ref` to another of the document's schemes (`alias: {$ref:
/// '#/components/securitySchemes/token'}`); references into other files were bundled by `load`.
fn resolve<'a>(
    scheme: &'a ReferenceOr<SecurityScheme>,
    defined: &'a indexmap::IndexMap<String, ReferenceOr<SecurityScheme>>,
) -> Result<&'a SecurityScheme, String> {
    let mut current = scheme;
    // Each step names a scheme not seen before, so a cycle ends within as many steps.
    for _ in 0..=defined.len() {
        match current {
            ReferenceOr::Item(scheme) => return Ok(scheme),
            ReferenceOr::Reference { reference } => {
                current = reference
                    .strip_prefix("#/components/securitySchemes/")
                    .and_then(|target| defined.get(target))
                    .ok_or_else(|| {
                        format!("`$ref: {reference}` names no scheme in components.securitySchemes")
                    })?;
            }
        }
    }
    Err("the security scheme `$ref`s form a cycle".to_string())
}

/// The operation's security alternatives (any one of them is enough), each the schemes the
/// client holds that it names together, in the document's order. An alternative naming a scheme
/// the client cannot send is left out; when the operation declares an `Authorization` header
/// parameter that no scheme of an alternative covers, the implied scheme joins it. A name the
/// document never defines is an error at the requirement.
pub fn operation_schemes(
    requirement: Option<&[SecurityRequirement]>,
    declares_authorization: bool,
    schemes: &[AuthScheme],
    loaded: &LoadedApi,
    at: &crate::lower::types::At,
) -> Result<Vec<Vec<String>>, Diagnostic> {
    let defined = loaded
        .openapi
        .components
        .as_ref()
        .map(|c| &c.security_schemes);
    let mut out: Vec<Vec<String>> = Vec::new();
    for (i, alternative) in requirement.unwrap_or_default().iter().enumerate() {
        let mut names = Vec::new();
        for name in alternative.keys() {
            if !defined.is_some_and(|d| d.contains_key(name)) {
                return Err(at.join(format!("security[{i}]")).err(format!(
                    "names the security scheme `{name}`, which components.securitySchemes does \
                     not define"
                )));
            }
            if schemes.iter().any(|s| &s.name == name) {
                names.push(name.clone());
            }
        }
        if names.is_empty() || names.len() != alternative.len() {
            continue;
        }
        let names = one_per_place(names, schemes);
        if !out.contains(&names) {
            out.push(names);
        }
    }
    let covers_authorization = |s: &AuthScheme| match &s.kind {
        AuthKind::Bearer | AuthKind::Basic => true,
        AuthKind::Header(h) => h.eq_ignore_ascii_case(IMPLIED),
        AuthKind::Query(_) | AuthKind::Cookie(_) => false,
    };
    if declares_authorization {
        let covered = |names: &Vec<String>| {
            schemes
                .iter()
                .filter(|s| names.contains(&s.name))
                .any(covers_authorization)
        };
        if out.is_empty() {
            out.push(vec![IMPLIED.to_string()]);
        }
        for names in &mut out {
            if !covered(names) {
                names.push(IMPLIED.to_string());
            }
        }
    }
    Ok(out)
}

/// Where a scheme puts its credential: HTTP schemes and an `Authorization` key share a place.
fn place(kind: &AuthKind) -> (&'static str, String) {
    match kind {
        AuthKind::Bearer | AuthKind::Basic => ("header", "authorization".into()),
        AuthKind::Header(h) => ("header", h.to_ascii_lowercase()),
        AuthKind::Query(q) => ("query", q.clone()),
        AuthKind::Cookie(c) => ("cookie", c.clone()),
    }
}

/// The first of the schemes an alternative names together that put their credential in the same
/// place (FEC's `ApiKeyQueryAuth` and `apiKey`, both `?api_key=`): sent twice, one key becomes a
/// list to the server, and only one value can win.
fn one_per_place(names: Vec<String>, schemes: &[AuthScheme]) -> Vec<String> {
    let mut seen = Vec::new();
    names
        .into_iter()
        .filter(|n| match schemes.iter().find(|s| &s.name == n) {
            Some(s) if seen.contains(&place(&s.kind)) => false,
            Some(s) => {
                seen.push(place(&s.kind));
                true
            }
            None => true,
        })
        .collect()
}

/// Keeps the schemes some operation sends, each with the variable `from_env` reads: the config's,
/// else `<PREFIX>_API_KEY`, `_TOKEN` or `_BASIC_AUTH` (`user:password`) for a lone scheme, and
/// for one of several what it is in plain words (`_OAUTH2_TOKEN`, `_OIDC_TOKEN`, `_TOKEN`,
/// `_BASIC_AUTH`, an API key by its header or parameter, `_API_KEY`), or its scheme's name where
/// two would share one.
pub fn used(schemes: Vec<AuthScheme>, operations: &[Operation], prefix: &str) -> Vec<AuthScheme> {
    let mut used: Vec<AuthScheme> = schemes
        .into_iter()
        .filter(|s| {
            operations
                .iter()
                .any(|op| op.auth.iter().flatten().any(|n| n == &s.name))
        })
        .collect();
    let alone = used.len() == 1;
    let mut taken: Vec<String> = used.iter().filter_map(|s| s.env.clone()).collect();
    for s in &mut used {
        if s.env.is_none() {
            let suffix = match (&s.kind, alone) {
                (AuthKind::Bearer, true) => "TOKEN".to_string(),
                (AuthKind::Basic, true) => "BASIC_AUTH".to_string(),
                (_, true) => "API_KEY".to_string(),
                // One of several: what it is (`_OAUTH2_TOKEN`, `_API_KEY`), else its scheme name.
                (_, false) => s.env_words.clone(),
            };
            let mut var = format!("{prefix}_{suffix}");
            if taken.contains(&var) || suffix.is_empty() {
                let scheme = heck::ToShoutySnakeCase::to_shouty_snake_case(s.name.as_str())
                    .replace("O_AUTH", "OAUTH");
                var = format!("{prefix}_{scheme}");
            }
            taken.push(var.clone());
            s.env = Some(var);
        }
    }
    used
}

/// Whether every operation needs one of the client's credentials.
pub fn required(schemes: &[AuthScheme], operations: &[Operation]) -> bool {
    !schemes.is_empty()
        && !operations.is_empty()
        && operations
            .iter()
            .all(|op| !op.auth.is_empty() && !op.auth_optional)
}

#[cfg(test)]
mod tests {
    use openapiv3::{ReferenceOr, SecurityScheme};
    use serde_json::json;

    use super::{one_per_place, resolve};
    use crate::ir::{AuthKind, AuthScheme};

    fn schemes(v: serde_json::Value) -> indexmap::IndexMap<String, ReferenceOr<SecurityScheme>> {
        serde_json::from_value(v).expect("security schemes")
    }

    #[test]
    fn a_reference_to_another_scheme_is_that_scheme() {
        let all = schemes(json!({
            "token": {"type": "http", "scheme": "bearer"},
            "alias": {"$ref": "#/components/securitySchemes/token"},
            "alias2": {"$ref": "#/components/securitySchemes/alias"},
        }));
        for name in ["token", "alias", "alias2"] {
            assert!(
                matches!(resolve(&all[name], &all), Ok(SecurityScheme::HTTP { scheme, .. }) if scheme == "bearer"),
                "{name}"
            );
        }
    }

    #[test]
    fn references_to_nothing_and_cycles_are_errors() {
        let all = schemes(json!({
            "lost": {"$ref": "#/components/securitySchemes/missing"},
            "elsewhere": {"$ref": "#/components/schemas/Token"},
            "a": {"$ref": "#/components/securitySchemes/b"},
            "b": {"$ref": "#/components/securitySchemes/a"},
        }));
        for (name, expected) in [
            (
                "lost",
                "`$ref: #/components/securitySchemes/missing` names no scheme",
            ),
            (
                "elsewhere",
                "`$ref: #/components/schemas/Token` names no scheme",
            ),
            ("a", "the security scheme `$ref`s form a cycle"),
        ] {
            let err = resolve(&all[name], &all).unwrap_err();
            assert!(err.starts_with(expected), "{name}: {err}");
        }
    }

    #[test]
    fn schemes_named_together_in_one_place_send_one_credential() {
        let scheme = |name: &str, kind: AuthKind| AuthScheme {
            name: name.into(),
            kind,
            env: None,
            env_words: String::new(),
            description: None,
        };
        let all = [
            scheme("header", AuthKind::Header("X-Api-Key".into())),
            scheme("query", AuthKind::Query("api_key".into())),
            scheme("again", AuthKind::Query("api_key".into())),
            scheme("other", AuthKind::Query("API_KEY".into())),
            scheme("bearer", AuthKind::Bearer),
            scheme("raw", AuthKind::Header("authorization".into())),
        ];
        let names = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            one_per_place(names(&["header", "query", "again", "other"]), &all),
            names(&["header", "query", "other"])
        );
        assert_eq!(
            one_per_place(names(&["bearer", "raw"]), &all),
            names(&["bearer"])
        );
    }
}
