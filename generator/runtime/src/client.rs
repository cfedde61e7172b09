//! Client configuration: environment, defaults, headers and the shared HTTP connection pool.

use std::fmt;
use std::marker::PhantomData;
use std::sync::Arc;
use std::time::Duration;

use reqwest::header::{HeaderName, HeaderValue};

use super::auth::{AuthKind, AuthScheme, Credential};
use super::encode;
use super::error::Error;
use super::retry::RetryPolicy;
use super::server::{self, ServerVariable};

/// A header the generator config sets on the client rather than on each operation.
#[derive(Debug, Clone, Copy)]
pub struct HeaderSetting {
    pub name: &'static str,
    /// Environment variable `from_env()` reads it from.
    pub env: Option<&'static str>,
    pub default: Option<&'static str>,
    /// A credential: required, and never shown in `Debug`, errors or logs.
    pub secret: bool,
}

/// What the generator knows about the API, fixed at generation time.
#[derive(Debug)]
pub struct ApiSettings {
    pub crate_name: &'static str,
    pub crate_version: &'static str,
    /// The spec's first server: absolute, or relative to the base URL the user gives, or empty
    /// when the spec names none; it may hold `{variables}`.
    pub default_base_url: &'static str,
    pub base_url_env: Option<&'static str>,
    /// The variables of `default_base_url`.
    pub server_variables: &'static [ServerVariable],
    pub headers: &'static [HeaderSetting],
    /// The spec's security schemes that some operation accepts.
    pub auth: &'static [AuthScheme],
}

pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(600);
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(5);

/// The configured client all resources share; cheap to clone.
#[derive(Clone)]
pub struct Core {
    pub(crate) inner: Arc<Inner>,
}

pub(crate) struct Inner {
    pub(crate) http: reqwest::Client,
    pub(crate) base_url: String,
    /// Sent on every request; `bool` marks secrets, which never cross to another origin.
    pub(crate) headers: Vec<(HeaderName, HeaderValue, bool)>,
    /// `User-Agent`, `Accept` and the headers above, as every request starts with them.
    pub(crate) base_headers: reqwest::header::HeaderMap,
    /// The names of the secret headers above.
    pub(crate) secret_names: Vec<HeaderName>,
    /// Encoded credentials; a request sends those of the schemes its operation accepts.
    pub(crate) credentials: Vec<Credential>,
    pub(crate) retry: RetryPolicy,
    pub(crate) timeout: Duration,
    pub(crate) connect_timeout: Duration,
    /// The `<PREFIX>_LOG` switch: what the client also writes to stderr.
    pub(crate) log: LogLevel,
    pub(crate) crate_name: &'static str,
}

/// The SDKs' `ANTHROPIC_LOG` switch: `info` writes retries and failed calls to stderr, `debug`
/// also every attempt with its status and timing. The same events always go to `tracing`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum LogLevel {
    Off,
    Info,
    Debug,
}

impl LogLevel {
    /// The level `<PREFIX>_LOG` asks for, where the prefix is the base URL variable's
    /// (`ANTHROPIC_BASE_URL` -> `ANTHROPIC_LOG`).
    fn from_env(base_url_env: Option<&str>) -> Self {
        let Some(var) = base_url_env.and_then(|v| v.strip_suffix("_BASE_URL")) else {
            return Self::Off;
        };
        match std::env::var(format!("{var}_LOG"))
            .as_deref()
            .map(str::trim)
        {
            Ok(v) if v.eq_ignore_ascii_case("debug") || v.eq_ignore_ascii_case("trace") => {
                Self::Debug
            }
            Ok(v) if v.eq_ignore_ascii_case("info") => Self::Info,
            _ => Self::Off,
        }
    }

    pub(crate) fn write(self, at: LogLevel, crate_name: &str, line: std::fmt::Arguments<'_>) {
        if at <= self && self != Self::Off {
            eprintln!("[{crate_name}] {line}");
        }
    }
}

/// Whether a header the user adds carries a secret, by its name: it is then redacted in `Debug`
/// and never sent to another origin, as a configured credential is.
pub(crate) fn is_secret_header(name: &str) -> bool {
    // Called for every header of every request: compared without allocating.
    [
        "authorization",
        "proxy-authorization",
        "cookie",
        "x-api-key",
    ]
    .iter()
    .any(|known| name.eq_ignore_ascii_case(known))
        || ["token", "secret", "key", "password", "session"]
            .iter()
            .any(|word| {
                name.as_bytes()
                    .windows(word.len())
                    .any(|w| w.eq_ignore_ascii_case(word.as_bytes()))
            })
}

impl fmt::Debug for Core {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let headers: Vec<(String, String)> = self
            .inner
            .headers
            .iter()
            .map(|(n, v, secret)| {
                (
                    n.to_string(),
                    if *secret {
                        "<redacted>".into()
                    } else {
                        v.to_str().unwrap_or("<binary>").to_string()
                    },
                )
            })
            .collect();
        let credentials: Vec<&str> = self.inner.credentials.iter().map(|c| c.scheme).collect();
        f.debug_struct("Client")
            .field("base_url", &self.inner.base_url)
            .field("headers", &headers)
            .field("credentials", &credentials)
            .field("timeout", &self.inner.timeout)
            .field("max_retries", &self.inner.retry.max_retries)
            .finish()
    }
}

impl Core {
    pub fn base_url(&self) -> &str {
        &self.inner.base_url
    }
}

/// Builds a client; `C` is the generated `Client` type and `E` the error body type its `Error`
/// defaults to, so that `?` on `build()` and on requests meet in one error type.
pub struct ClientBuilder<C, E = serde_json::Value> {
    settings: &'static ApiSettings,
    base_url: Option<String>,
    /// Values for the server URL's variables, in the order set.
    server_values: Vec<(String, String)>,
    /// Values for the settings' headers, by index; `None` falls back to the default.
    header_values: Vec<Option<String>>,
    /// Credentials for the settings' security schemes, by index.
    auth_values: Vec<Option<String>>,
    /// Scheme names given to `credential` that the API does not have.
    unknown_schemes: Vec<String>,
    extra_headers: Vec<(String, String)>,
    /// `build` fails unless some security scheme has a credential.
    credentials_required: bool,
    timeout: Duration,
    connect_timeout: Duration,
    retry: RetryPolicy,
    http: Option<reqwest::Client>,
    client: PhantomData<fn() -> (C, E)>,
}

impl<C, E> fmt::Debug for ClientBuilder<C, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("base_url", &self.base_url)
            .field("timeout", &self.timeout)
            .field("max_retries", &self.retry.max_retries)
            .finish_non_exhaustive()
    }
}

impl<C: From<Core>, E> ClientBuilder<C, E> {
    pub fn new(settings: &'static ApiSettings) -> Self {
        Self {
            settings,
            base_url: None,
            server_values: Vec::new(),
            header_values: vec![None; settings.headers.len()],
            auth_values: vec![None; settings.auth.len()],
            unknown_schemes: Vec::new(),
            extra_headers: Vec::new(),
            credentials_required: false,
            timeout: DEFAULT_TIMEOUT,
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            retry: RetryPolicy::default(),
            http: None,
            client: PhantomData,
        }
    }

    /// Reads every configured variable that is set, such as the API key and the base URL.
    pub fn with_env(mut self) -> Self {
        for (i, h) in self.settings.headers.iter().enumerate() {
            if let Some(value) = h
                .env
                .and_then(|var| std::env::var(var).ok())
                .filter(|v| !v.is_empty())
            {
                self.header_values[i] = Some(value);
            }
        }
        for (i, scheme) in self.settings.auth.iter().enumerate() {
            if let Some(value) = scheme
                .env
                .and_then(|var| std::env::var(var).ok())
                .filter(|v| !v.is_empty())
            {
                self.auth_values[i] = Some(value);
            }
        }
        if let Some(url) = self
            .settings
            .base_url_env
            .and_then(|var| std::env::var(var).ok())
            .filter(|v| !v.is_empty())
        {
            self.base_url = Some(url);
        }
        self
    }

    /// Makes `build` fail unless a credential of some security scheme is set, naming the
    /// variables `with_env` reads: for an API whose every operation needs one.
    pub fn require_credentials(mut self) -> Self {
        self.credentials_required = true;
        self
    }

    /// Sets the API key: the first secret header (e.g. `x-api-key`), else the first API-key
    /// scheme of the spec. For an API with several keys, see [`Self::credential`].
    pub fn api_key(mut self, key: impl Into<String>) -> Self {
        if let Some(i) = self.settings.headers.iter().position(|h| h.secret) {
            self.header_values[i] = Some(key.into());
        } else if let Some(i) = self.settings.auth.iter().position(|s| {
            matches!(
                s.kind,
                AuthKind::Header(_) | AuthKind::Query(_) | AuthKind::Cookie(_)
            )
        }) {
            self.auth_values[i] = Some(key.into());
        }
        self
    }

    /// Sets the token of every bearer scheme (HTTP bearer, OAuth 2, OpenID Connect).
    pub fn bearer_token(mut self, token: impl Into<String>) -> Self {
        let token = token.into();
        for (i, s) in self.settings.auth.iter().enumerate() {
            if s.kind == AuthKind::Bearer {
                self.auth_values[i] = Some(token.clone());
            }
        }
        self
    }

    /// Sets the user and password of every HTTP basic scheme.
    pub fn basic_auth(mut self, user: impl AsRef<str>, password: impl AsRef<str>) -> Self {
        let pair = format!("{}:{}", user.as_ref(), password.as_ref());
        for (i, s) in self.settings.auth.iter().enumerate() {
            if s.kind == AuthKind::Basic {
                self.auth_values[i] = Some(pair.clone());
            }
        }
        self
    }

    /// The spec's security schemes this client can send credentials for.
    pub fn auth_schemes(&self) -> &'static [AuthScheme] {
        self.settings.auth
    }

    /// Sets the credential of one security scheme, by its name in the spec: a token, a key, or
    /// `user:password` for basic authentication. An unknown name fails `build()`.
    pub fn credential(mut self, scheme: &str, value: impl Into<String>) -> Self {
        match self.settings.auth.iter().position(|s| s.name == scheme) {
            Some(i) => self.auth_values[i] = Some(value.into()),
            None => self.unknown_schemes.push(scheme.to_string()),
        }
        self
    }

    /// The URL requests start from, overriding the API document's server. When that server is
    /// relative (`/api`), it is joined onto this URL when it is a bare origin
    /// (`http://127.0.0.1:8080`); a URL with a path (`https://example.com/prefix`) is used as given.
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = Some(url.into());
        self
    }

    /// Sets a variable of the server URL, such as `region` in `https://{region}.example.com`;
    /// unset variables take the document's default.
    pub fn server_variable(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.server_values.push((name.into(), value.into()));
        self
    }

    /// Sets a configured header (e.g. `anthropic-version`) or adds another default header.
    pub fn default_header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        let name = name.into();
        match self
            .settings
            .headers
            .iter()
            .position(|h| h.name.eq_ignore_ascii_case(&name))
        {
            Some(i) => self.header_values[i] = Some(value.into()),
            None => self.extra_headers.push((name, value.into())),
        }
        self
    }

    /// The limit for a whole attempt, from connecting to the last byte of the body; 600 s by default.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// 5 s by default. Ignored with [`Self::http_client`], which carries its own.
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// Retries after the first attempt; 2 by default.
    pub fn max_retries(mut self, retries: u32) -> Self {
        self.retry.max_retries = retries;
        self
    }

    /// The backoff's first step and cap (0.5 s and 8 s by default, as in the official SDKs).
    pub fn retry_backoff(mut self, initial: Duration, max: Duration) -> Self {
        self.retry.initial_delay = initial;
        self.retry.max_delay = max;
        self
    }

    /// Uses the caller's `reqwest::Client` (proxies, certificates). It should not follow
    /// redirects itself (`redirect::Policy::none()`): this client follows them and keeps secret
    /// headers from other origins, which reqwest alone does not do for custom headers.
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.http = Some(client);
        self
    }

    pub fn build(self) -> Result<C, Error<E>> {
        let mut headers = Vec::new();
        for (setting, value) in self.settings.headers.iter().zip(&self.header_values) {
            let value = value.as_deref().or(setting.default);
            match value {
                Some(v) => {
                    let (name, mut value) = encode::header::<E>(setting.name, v)?;
                    let secret = setting.secret || is_secret_header(setting.name);
                    value.set_sensitive(secret);
                    headers.push((name, value, secret));
                }
                None if setting.secret => {
                    let how = match setting.env {
                        Some(var) => {
                            format!("set the {var} environment variable or call `.api_key()`")
                        }
                        None => "call `.api_key()`".to_string(),
                    };
                    return Err(Error::Config(format!(
                        "missing credential for header `{}`: {how}",
                        setting.name
                    )));
                }
                None => {}
            }
        }
        for (name, value) in &self.extra_headers {
            let secret = is_secret_header(name);
            let (name, mut value) = encode::header(name, value)?;
            value.set_sensitive(secret);
            headers.push((name, value, secret));
        }
        if let Some(name) = self.unknown_schemes.first() {
            let known: Vec<&str> = self.settings.auth.iter().map(|s| s.name).collect();
            return Err(Error::Config(format!(
                "`{name}` is not a security scheme of this API; it has {known:?}"
            )));
        }
        if self.credentials_required && self.auth_values.iter().all(Option::is_none) {
            let ways: Vec<String> = self
                .settings
                .auth
                .iter()
                .map(|s| match s.env {
                    Some(var) => format!("{var} (the `{}` scheme)", s.name),
                    None => format!("a credential for the `{}` scheme", s.name),
                })
                .collect();
            return Err(Error::Config(format!(
                "missing credential: every operation needs one; set {}, or call \
                 `.credential(scheme, value)` (or `.bearer_token()`, `.api_key()`, `.basic_auth()`)",
                ways.join(" or ")
            )));
        }
        let mut credentials = Vec::new();
        for (scheme, value) in self.settings.auth.iter().zip(&self.auth_values) {
            if let Some(value) = value {
                credentials.push(scheme.credential(value)?);
            }
        }
        let server = server::fill(
            self.settings.default_base_url,
            self.settings.server_variables,
            &self.server_values,
        )
        .map_err(Error::Config)?;
        let base_url = server::base_url(
            &server,
            self.base_url.as_deref(),
            self.settings.base_url_env,
        )
        .map_err(Error::Config)?;
        let http = match self.http {
            Some(http) => http,
            None => reqwest::Client::builder()
                .connect_timeout(self.connect_timeout)
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .map_err(|e| Error::Config(format!("cannot build the HTTP client: {e}")))?,
        };
        let user_agent = format!(
            "{}/{}",
            self.settings.crate_name, self.settings.crate_version
        );
        let mut base_headers = reqwest::header::HeaderMap::new();
        base_headers.insert(
            reqwest::header::USER_AGENT,
            HeaderValue::from_str(&user_agent).unwrap_or(HeaderValue::from_static("rust-client")),
        );
        base_headers.insert(
            reqwest::header::ACCEPT,
            HeaderValue::from_static("application/json"),
        );
        for (name, value, _) in &headers {
            base_headers.insert(name.clone(), value.clone());
        }
        let secret_names = headers
            .iter()
            .filter(|(_, _, secret)| *secret)
            .map(|(name, _, _)| name.clone())
            .collect();
        let inner = Inner {
            base_headers,
            secret_names,
            connect_timeout: self.connect_timeout,
            http,
            base_url: base_url.as_str().trim_end_matches('/').to_string(),
            headers,
            credentials,
            retry: self.retry,
            timeout: self.timeout,
            log: LogLevel::from_env(self.settings.base_url_env),
            crate_name: self.settings.crate_name,
        };
        Ok(C::from(Core {
            inner: Arc::new(inner),
        }))
    }
}

#[cfg(test)]
mod tests;
