//! Credentials for the spec's security schemes (`components.securitySchemes`): HTTP bearer and
//! basic, OAuth 2 and OpenID Connect access tokens, and API keys in a header, query or cookie.
//!
//! Each operation names the schemes it accepts; a request carries the configured credentials of
//! those schemes only. Credentials are secrets: redacted in `Debug`, never sent to another origin
//! on a redirect, and never part of an error message.

use base64::Engine;
use reqwest::header::{AUTHORIZATION, COOKIE, HeaderName, HeaderValue};

use super::encode;
use super::error::Error;

/// How a scheme carries its credential.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuthKind {
    /// `Authorization: Bearer <token>`: HTTP bearer, and OAuth 2 or OpenID Connect access tokens.
    Bearer,
    /// `Authorization: Basic <base64(user:password)>`.
    Basic,
    /// An API key in this header.
    Header(&'static str),
    /// An API key in this query parameter.
    Query(&'static str),
    /// An API key in this cookie.
    Cookie(&'static str),
}

/// A security scheme of the spec, fixed at generation time.
#[derive(Debug, Clone, Copy)]
pub struct AuthScheme {
    /// The scheme's name in the spec.
    pub name: &'static str,
    pub kind: AuthKind,
    /// Environment variable `with_env()` reads the credential from.
    pub env: Option<&'static str>,
}

/// A configured credential, encoded for the wire.
#[derive(Clone)]
pub(crate) struct Credential {
    pub(crate) scheme: &'static str,
    pub(crate) wire: Wire,
}

#[derive(Clone)]
pub(crate) enum Wire {
    Header(HeaderName, HeaderValue),
    Query(&'static str, String),
}

impl AuthScheme {
    /// Encodes `value`: a token or key, or `user:password` for basic authentication.
    pub(crate) fn credential<E>(&self, value: &str) -> Result<Credential, Error<E>> {
        let header = |name: &str, text: String| -> Result<Wire, Error<E>> {
            let (name, mut value) = encode::header::<E>(name, &text).map_err(|_| {
                Error::Config(format!(
                    "the `{}` credential is not a valid header value",
                    self.name
                ))
            })?;
            value.set_sensitive(true);
            Ok(Wire::Header(name, value))
        };
        let wire = match self.kind {
            AuthKind::Bearer => header(AUTHORIZATION.as_str(), format!("Bearer {value}"))?,
            AuthKind::Basic => {
                let encoded = base64::engine::general_purpose::STANDARD.encode(value);
                header(AUTHORIZATION.as_str(), format!("Basic {encoded}"))?
            }
            AuthKind::Header(name) => header(name, value.to_string())?,
            AuthKind::Cookie(name) => header(COOKIE.as_str(), format!("{name}={value}"))?,
            AuthKind::Query(name) => Wire::Query(name, value.to_string()),
        };
        Ok(Credential {
            scheme: self.name,
            wire,
        })
    }
}

#[cfg(test)]
mod tests;
