//! The one public error type of a generated client.

use std::fmt;
use std::path::PathBuf;
use std::time::Duration;

use reqwest::StatusCode;
use reqwest::header::HeaderMap;

/// Longest excerpt of a body kept in messages, so a huge HTML error page does not flood logs.
const EXCERPT_CHARS: usize = 500;

/// Everything that can go wrong with a request. `E` is the operation's typed error body.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error<E = serde_json::Value> {
    /// The server answered with an error status.
    Api(Box<ApiError<E>>),
    /// The connection failed or dropped before a response arrived.
    Connection {
        /// What failed, with the URL's credentials cut out.
        message: String,
        /// The HTTP client's own error.
        source: Option<reqwest::Error>,
    },
    /// No complete response arrived within the timeout.
    Timeout {
        /// The timeout of the attempt.
        after: Duration,
    },
    /// A success response whose body did not match the expected type.
    Decode {
        /// The HTTP status.
        status: StatusCode,
        /// The `request-id` header.
        request_id: Option<String>,
        /// Where in the body decoding failed, e.g. `data[3].created_at`.
        path: String,
        /// What did not match.
        message: String,
        /// The whole body as received (for a streamed response, the line or event that did not
        /// decode): nothing is lost, so a caller can still read what the server sent.
        raw: bytes::Bytes,
        /// The response headers, e.g. a mock server's report on the response it made up.
        headers: Box<HeaderMap>,
    },
    /// A request the client refused to send, e.g. a header with a line break.
    InvalidInput(String),
    /// A file to upload could not be read, or changed while it was read.
    File {
        /// The file, as given.
        path: PathBuf,
        /// What is wrong with it.
        message: String,
    },
    /// The client is misconfigured, e.g. the API key variable is not set.
    Config(String),
    /// A paginated walk stopped because the server would make it loop, e.g. by handing back a
    /// cursor it already gave.
    Pagination {
        /// What the server did.
        message: String,
    },
}

/// An error status from the server, with its typed body when it decoded.
#[derive(Debug)]
#[non_exhaustive]
pub struct ApiError<E = serde_json::Value> {
    /// The HTTP status.
    pub status: StatusCode,
    /// The `request-id` header, for support requests.
    pub request_id: Option<String>,
    /// The typed error body; `None` when the body was not the documented JSON.
    pub body: Option<E>,
    /// The body as received.
    pub raw: String,
    /// The response headers.
    pub headers: HeaderMap,
    /// `error.type` (or `type`) from a JSON body.
    pub kind: Option<String>,
    /// `error.message` (or `message`), else the raw text for non-JSON bodies.
    pub message: Option<String>,
}

impl<E> ApiError<E> {
    /// An error for this status and body; `request_id`, `kind` and `message` are read from them.
    pub fn new(status: StatusCode, headers: HeaderMap, raw: String, body: Option<E>) -> Self {
        let request_id = headers
            .get("request-id")
            .and_then(|v| v.to_str().ok())
            .map(str::to_string);
        let json: Option<serde_json::Value> = serde_json::from_str(&raw).ok();
        let field = |name: &str| {
            let json = json.as_ref()?;
            let nested = json.get("error").and_then(|e| e.get(name));
            nested
                .or_else(|| json.get(name))
                .and_then(|v| v.as_str())
                .map(str::to_string)
        };
        let kind = field("type").filter(|k| k != "error");
        let message = match &json {
            Some(_) => field("message").or_else(|| field("detail")),
            None if raw.trim().is_empty() => None,
            None => Some(excerpt(&raw)),
        };
        Self {
            status,
            request_id,
            body,
            raw,
            headers,
            kind,
            message,
        }
    }
}

impl<E> ApiError<E> {
    /// The body decoded as `T`, e.g. the documented error of another operation after `?` carried
    /// this error across; `None` when the body is not that type.
    pub fn body_as<T: ErrorBody>(&self) -> Option<T> {
        typed_error(&self.headers, self.raw.as_bytes())
    }

    /// The same error with `body` as its typed body.
    fn with_body<F>(self, body: Option<F>) -> ApiError<F> {
        ApiError {
            status: self.status,
            request_id: self.request_id,
            body,
            raw: self.raw,
            headers: self.headers,
            kind: self.kind,
            message: self.message,
        }
    }
}

impl<E> fmt::Display for ApiError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "API error {}", self.status)?;
        if let Some(kind) = &self.kind {
            write!(f, ": {kind}")?;
        }
        if let Some(message) = &self.message {
            write!(f, ": {message}")?;
        }
        if let Some(id) = &self.request_id {
            write!(f, " (request-id: {id})")?;
        }
        Ok(())
    }
}

pub fn excerpt(body: &str) -> String {
    let mut out: String = body.chars().take(EXCERPT_CHARS).collect();
    if out.len() < body.len() {
        out.push('…');
    }
    out
}

impl<E> Error<E> {
    /// The HTTP status, when a response arrived.
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            Self::Api(e) => Some(e.status),
            Self::Decode { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// The `request-id` header, when a response arrived.
    pub fn request_id(&self) -> Option<&str> {
        match self {
            Self::Api(e) => e.request_id.as_deref(),
            Self::Decode { request_id, .. } => request_id.as_deref(),
            _ => None,
        }
    }

    /// The error status and its body, when the server answered with one.
    pub fn api(&self) -> Option<&ApiError<E>> {
        match self {
            Self::Api(e) => Some(e),
            _ => None,
        }
    }

    fn has_status(&self, test: impl Fn(u16) -> bool) -> bool {
        matches!(self, Self::Api(e) if test(e.status.as_u16()))
    }

    /// HTTP 400: the SDKs' `BadRequestError`.
    pub fn is_bad_request(&self) -> bool {
        self.has_status(|s| s == 400)
    }

    /// HTTP 401: the SDKs' `AuthenticationError`.
    pub fn is_authentication(&self) -> bool {
        self.has_status(|s| s == 401)
    }

    /// HTTP 403: the SDKs' `PermissionDeniedError`.
    pub fn is_permission_denied(&self) -> bool {
        self.has_status(|s| s == 403)
    }

    /// HTTP 404: the SDKs' `NotFoundError`.
    pub fn is_not_found(&self) -> bool {
        self.has_status(|s| s == 404)
    }

    /// HTTP 409: the SDKs' `ConflictError`.
    pub fn is_conflict(&self) -> bool {
        self.has_status(|s| s == 409)
    }

    /// HTTP 422: the SDKs' `UnprocessableEntityError`.
    pub fn is_unprocessable(&self) -> bool {
        self.has_status(|s| s == 422)
    }

    /// HTTP 429: the SDKs' `RateLimitError`.
    pub fn is_rate_limited(&self) -> bool {
        self.has_status(|s| s == 429)
    }

    /// HTTP 5xx: the SDKs' `InternalServerError`.
    pub fn is_server_error(&self) -> bool {
        self.has_status(|s| s >= 500)
    }

    /// No response within the timeout: the SDKs' `APITimeoutError`.
    pub fn is_timeout(&self) -> bool {
        matches!(self, Self::Timeout { .. })
    }

    /// The connection failed: the SDKs' `APIConnectionError`.
    pub fn is_connection(&self) -> bool {
        matches!(self, Self::Connection { .. })
    }

    /// The same error with another typed body, decoded again from the raw body (`None` when it
    /// is not that type). This is what `?` does to carry one operation's error into another's.
    pub fn retype<F: ErrorBody>(self) -> Error<F> {
        match self {
            Self::Api(e) => {
                let body = e.body_as::<F>();
                Error::Api(Box::new(e.with_body(body)))
            }
            // No other variant holds a body, so the mapping never runs.
            other => other.map_api(|_| unreachable!("only an API error has a body")),
        }
    }

    /// Whether the official SDKs' policy would retry this error.
    pub fn is_retryable(&self) -> bool {
        match self {
            Self::Api(e) => super::retry::should_retry(e.status, &e.headers),
            Self::Connection { .. } | Self::Timeout { .. } => true,
            _ => false,
        }
    }

    /// Changes the typed error body, e.g. to the caller's own error type.
    pub fn map_api<F>(self, f: impl FnOnce(E) -> F) -> Error<F> {
        match self {
            Self::Api(mut e) => {
                let body = e.body.take().map(f);
                Error::Api(Box::new(e.with_body(body)))
            }
            Self::Connection { message, source } => Error::Connection { message, source },
            Self::Timeout { after } => Error::Timeout { after },
            Self::Decode {
                status,
                request_id,
                path,
                message,
                raw,
                headers,
            } => Error::Decode {
                status,
                request_id,
                path,
                message,
                raw,
                headers,
            },
            Self::InvalidInput(m) => Error::InvalidInput(m),
            Self::File { path, message } => Error::File { path, message },
            Self::Config(m) => Error::Config(m),
            Self::Pagination { message } => Error::Pagination { message },
        }
    }
}

impl<E> fmt::Display for Error<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Api(e) => e.fmt(f),
            Self::Connection { message, .. } => write!(f, "connection error: {message}"),
            // Debug picks the unit: `1ms`, `2.5s`, `600s`.
            Self::Timeout { after } => write!(f, "request timed out after {after:?}"),
            Self::Decode {
                status,
                request_id,
                path,
                message,
                raw,
                ..
            } => {
                write!(
                    f,
                    "could not decode the {status} response at `{path}`: {message}"
                )?;
                if let Some(id) = request_id {
                    write!(f, " (request-id: {id})")?;
                }
                write!(
                    f,
                    "; body starts: {}",
                    excerpt(&String::from_utf8_lossy(raw))
                )
            }
            Self::InvalidInput(m) => write!(f, "invalid input: {m}"),
            Self::File { path, message } => write!(f, "{}: {message}", path.display()),
            Self::Config(m) => write!(f, "configuration error: {m}"),
            Self::Pagination { message } => write!(f, "pagination error: {message}"),
        }
    }
}

impl<E: fmt::Debug> std::error::Error for Error<E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Connection {
                source: Some(s), ..
            } => Some(s),
            _ => None,
        }
    }
}

/// What the runtime knows of an operation's typed error body. A JSON object that has members but
/// none the type names (a proxy's or a framework's own error, met by a type whose members are all
/// optional) is not taken for it: it stays in [`ApiError::raw`].
pub trait ErrorBody: serde::de::DeserializeOwned {
    /// Whether the type names this top-level member; a type that is not an object names any.
    fn names_member(member: &str) -> bool {
        let _ = member;
        true
    }
}

impl ErrorBody for serde_json::Value {}

/// The documented error body, when the response is one: JSON by its content type (or with none
/// stated), and, for a JSON object, at least one member the type knows. A type whose fields are
/// all optional would otherwise claim any object, such as a proxy's or a framework's own error;
/// that body stays in `raw`.
pub(crate) fn typed_error<E: ErrorBody>(headers: &HeaderMap, body: &[u8]) -> Option<E> {
    if !media_type(headers).as_deref().is_none_or(is_json) {
        return None;
    }
    let value: serde_json::Value = serde_json::from_slice(super::bom::json_text(body)).ok()?;
    if let serde_json::Value::Object(members) = &value
        && !members.is_empty()
        && !members.keys().any(|m| E::names_member(m))
    {
        return None;
    }
    super::numbers::from_value(value).ok()
}

/// The response's media type, lowercased and without parameters; `None` when it states none.
pub(crate) fn media_type(headers: &HeaderMap) -> Option<String> {
    let ct = headers.get(reqwest::header::CONTENT_TYPE)?.to_str().ok()?;
    Some(
        ct.split(';')
            .next()
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase(),
    )
}

/// JSON and its structured-syntax suffix (`application/problem+json`).
pub(crate) fn is_json(media: &str) -> bool {
    media == "application/json" || media.ends_with("+json") || media == "text/json"
}

#[cfg(test)]
mod tests;
