//! One request: how it is built, sent, retried and decoded.

use std::time::{Duration, SystemTime};

use bytes::Bytes;
use reqwest::header::HeaderMap;
use reqwest::{Method, StatusCode, Url};
use serde::de::DeserializeOwned;
use tracing::Instrument;

use super::attempt::{Sending, send_error};
use super::auth::Wire;
use super::client::is_secret_header;
use super::client::{Core, LogLevel};
use super::encode;
use super::error::{ApiError, Error, ErrorBody, is_json, media_type, typed_error};
use super::retry;
use super::upload::{FilePart, ProgressFn};

/// Per-request overrides of the client's settings.
#[derive(Clone, Default)]
pub struct RequestOptions {
    pub timeout: Option<Duration>,
    pub max_retries: Option<u32>,
    pub extra_headers: Vec<(String, String)>,
    /// Query pairs the spec does not name, sent after the operation's own.
    pub extra_query: Vec<(String, String)>,
    /// Body members the spec does not name: merged into a JSON body (replacing a member of the
    /// same name), appended to a form, or sent as text parts of a multipart body.
    pub extra_body: Vec<(String, serde_json::Value)>,
    /// Set when a builder method was given a value it cannot send; the send fails with it.
    pub invalid: Option<String>,
    pub progress: Option<ProgressFn>,
}

impl std::fmt::Debug for RequestOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let names: Vec<&str> = self.extra_headers.iter().map(|(n, _)| n.as_str()).collect();
        f.debug_struct("RequestOptions")
            .field("timeout", &self.timeout)
            .field("max_retries", &self.max_retries)
            .field("extra_headers", &names)
            .field("extra_query", &self.extra_query)
            .field("extra_body", &self.extra_body)
            .field("progress", &self.progress.is_some())
            .finish()
    }
}

/// A successful response: the typed body with the request id, the headers and the body as
/// received.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct ApiResponse<T> {
    /// The body, decoded.
    pub data: T,
    /// The HTTP status.
    pub status: StatusCode,
    /// The `request-id` header, for support requests.
    pub request_id: Option<String>,
    /// The response headers.
    pub headers: HeaderMap,
    /// The body as received (decompressed, if the server sent it gzip encoded),
    /// e.g. to store or forward it unchanged; empty for a streamed body, which `data` reads.
    pub raw: Bytes,
}

impl<T> ApiResponse<T> {
    /// The same response with its body changed, e.g. a stream read to its end.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> ApiResponse<U> {
        ApiResponse {
            data: f(self.data),
            status: self.status,
            request_id: self.request_id,
            headers: self.headers,
            raw: self.raw,
        }
    }
}

#[derive(Debug, Clone)]
pub(crate) enum Field {
    Text(String),
    /// Text with its media type: an object part as JSON (OpenAPI's default for objects), or the
    /// type the document's `encoding` names.
    Typed {
        text: String,
        content_type: &'static str,
    },
    File(FilePart),
}

#[derive(Debug, Clone)]
pub(crate) enum Body {
    Empty,
    /// Already encoded bytes with their content type: JSON, forms and raw bodies.
    Bytes {
        content_type: String,
        bytes: Bytes,
    },
    /// Kept as sources, not bytes: every attempt re-opens the files.
    Multipart(Vec<(String, Field)>),
}

/// A request as the generated builders describe it; the path is already encoded.
#[derive(Debug, Clone)]
pub struct Request {
    pub(crate) method: Method,
    path: String,
    query: Vec<(String, String)>,
    headers: Vec<(String, String)>,
    /// The operation's security alternatives, each the schemes it names together.
    auth: &'static [&'static [&'static str]],
    pub(crate) body: Body,
    /// Any final status is the answer (`send_raw`), not an error; retries still apply.
    pub(crate) any_status: bool,
    /// A redirect is the operation's documented outcome: the 3xx is the answer, not followed.
    pub(crate) redirect_outcome: bool,
    /// A whole URL to send to instead of the base URL, path and query: a next page's link.
    pub(crate) url: Option<Url>,
}

impl Request {
    pub fn new(method: Method, path: String) -> Self {
        Self {
            method,
            path,
            query: Vec::new(),
            headers: Vec::new(),
            auth: &[],
            body: Body::Empty,
            any_status: false,
            redirect_outcome: false,
            url: None,
        }
    }

    /// The operation documents a redirect as its outcome and no 2xx (GitHub's archive downloads,
    /// a booking page's link): the 3xx is the answer, as documented, and its `Location` is for
    /// the caller to read. It is not followed, so the caller fetches the target with a client
    /// and credentials of its choosing.
    pub fn redirect_outcome(&mut self) {
        self.redirect_outcome = true;
    }

    /// The operation's security alternatives, any one of which is enough: the request carries
    /// the credentials of the first alternative the client holds them all for, and no others.
    pub fn auth(&mut self, alternatives: &'static [&'static [&'static str]]) {
        self.auth = alternatives;
    }

    pub fn query(&mut self, name: &str, value: impl ToString) {
        self.query.push((name.to_string(), value.to_string()));
    }

    /// Replaces every value of a query parameter with one, e.g. the cursor of the next page.
    pub fn set_query(&mut self, name: &str, value: impl ToString) {
        self.query.retain(|(k, _)| k != name);
        self.query(name, value);
    }

    /// The first value of a query parameter.
    pub fn query_value(&self, name: &str) -> Option<&str> {
        self.query
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn query_pairs(&self) -> impl Iterator<Item = (&str, &str)> {
        self.query.iter().map(|(k, v)| (k.as_str(), v.as_str()))
    }

    pub fn header(&mut self, name: &str, value: impl Into<String>) {
        self.headers.push((name.to_string(), value.into()));
    }

    /// Replaces every value of a header with one, e.g. the continuation token of the next page.
    /// Header names are case-insensitive.
    pub fn set_header(&mut self, name: &str, value: impl Into<String>) {
        self.headers.retain(|(k, _)| !k.eq_ignore_ascii_case(name));
        self.header(name, value);
    }

    /// The first value of a header.
    pub fn header_value(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn json<E>(&mut self, body: &impl serde::Serialize) -> Result<(), Error<E>> {
        let bytes = serde_json::to_vec(body)
            .map_err(|e| Error::InvalidInput(format!("request body cannot be serialized: {e}")))?;
        self.body = Body::Bytes {
            content_type: "application/json".into(),
            bytes: bytes.into(),
        };
        Ok(())
    }

    /// A form body; the fields named in `deep` are encoded as `deepObject`
    /// ([`pairs::form_pairs`](super::pairs::form_pairs)).
    pub fn form<E>(&mut self, body: &impl serde::Serialize, deep: &[&str]) -> Result<(), Error<E>> {
        let cannot =
            |e: String| Error::InvalidInput(format!("request body cannot be form-encoded: {e}"));
        let value = serde_json::to_value(body).map_err(|e| cannot(e.to_string()))?;
        let pairs = super::pairs::form_pairs(&value, deep).map_err(cannot)?;
        let text = serde_urlencoded::to_string(&pairs).map_err(|e| cannot(e.to_string()))?;
        self.body = Body::Bytes {
            content_type: "application/x-www-form-urlencoded".into(),
            bytes: text.into(),
        };
        Ok(())
    }

    /// The JSON body, when the request has one.
    pub(crate) fn json_body(&self) -> Option<serde_json::Value> {
        match &self.body {
            Body::Bytes {
                content_type,
                bytes,
            } if content_type == "application/json" => serde_json::from_slice(bytes).ok(),
            _ => None,
        }
    }

    /// Replaces the JSON body, keeping its content type.
    pub(crate) fn set_json_body(&mut self, value: &serde_json::Value) -> Result<(), String> {
        let bytes = serde_json::to_vec(value).map_err(|e| format!("the body: {e}"))?;
        self.body = Body::Bytes {
            content_type: "application/json".into(),
            bytes: bytes.into(),
        };
        Ok(())
    }

    pub fn raw(&mut self, content_type: &str, bytes: Bytes) {
        self.body = Body::Bytes {
            content_type: content_type.into(),
            bytes,
        };
    }

    /// Adds the caller's extra query pairs and body members (the SDKs' `extra_query` and
    /// `extra_body`).
    fn apply_extras<E>(&mut self, opts: &RequestOptions) -> Result<(), Error<E>> {
        if let Some(invalid) = &opts.invalid {
            return Err(Error::InvalidInput(invalid.clone()));
        }
        self.query.extend(opts.extra_query.iter().cloned());
        if opts.extra_body.is_empty() {
            return Ok(());
        }
        let text = |v: &serde_json::Value| match v {
            serde_json::Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        match &mut self.body {
            Body::Multipart(fields) => {
                for (name, value) in &opts.extra_body {
                    fields.push((name.clone(), Field::Text(text(value))));
                }
            }
            Body::Bytes {
                content_type,
                bytes,
            } if content_type == "application/x-www-form-urlencoded" => {
                let mut form = form_urlencoded_pairs(bytes);
                form.extend(opts.extra_body.iter().map(|(k, v)| (k.clone(), text(v))));
                let encoded = serde_urlencoded::to_string(&form).map_err(|e| {
                    Error::InvalidInput(format!("extra body cannot be form-encoded: {e}"))
                })?;
                *bytes = encoded.into();
            }
            Body::Bytes { content_type, .. } if content_type != "application/json" => {
                return Err(Error::InvalidInput(format!(
                    "extra body members need a JSON, form or multipart body, not `{content_type}`"
                )));
            }
            body => {
                let mut object = match body {
                    Body::Bytes { bytes, .. } => match serde_json::from_slice(bytes) {
                        Ok(serde_json::Value::Object(o)) => o,
                        _ => {
                            return Err(Error::InvalidInput(
                                "extra body members need a JSON object body".into(),
                            ));
                        }
                    },
                    _ => serde_json::Map::new(),
                };
                for (name, value) in &opts.extra_body {
                    object.insert(name.clone(), value.clone());
                }
                *body = Body::Bytes {
                    content_type: "application/json".into(),
                    bytes: serde_json::to_vec(&object)
                        .map_err(|e| Error::InvalidInput(format!("extra body: {e}")))?
                        .into(),
                };
            }
        }
        Ok(())
    }

    fn fields(&mut self) -> &mut Vec<(String, Field)> {
        if !matches!(self.body, Body::Multipart(_)) {
            self.body = Body::Multipart(Vec::new());
        }
        match &mut self.body {
            Body::Multipart(fields) => fields,
            _ => unreachable!("set to multipart just above"),
        }
    }

    pub fn text_part(&mut self, name: &str, value: impl Into<String>) {
        self.fields()
            .push((name.to_string(), Field::Text(value.into())));
    }

    /// A text part sent with its own `Content-Type`, as Spring's `@RequestPart` needs an object
    /// part to be `application/json`.
    pub fn typed_part(&mut self, name: &str, value: impl Into<String>, content_type: &'static str) {
        self.fields().push((
            name.to_string(),
            Field::Typed {
                text: value.into(),
                content_type,
            },
        ));
    }

    pub fn file_part(&mut self, name: &str, file: FilePart) {
        self.fields().push((name.to_string(), Field::File(file)));
    }

    /// Makes this an (empty) multipart request even before any part is added.
    pub fn multipart(&mut self) {
        self.fields();
    }
}

impl Core {
    pub async fn send_json<T: DeserializeOwned, E: ErrorBody>(
        &self,
        req: Request,
        opts: RequestOptions,
    ) -> Result<ApiResponse<T>, Error<E>> {
        let (status, headers, body) = self.execute(req, opts, read_body).await?;
        let request_id = request_id(&headers);
        let decode_error = |path: String, message: String| Error::Decode {
            status,
            request_id: request_id.clone(),
            path,
            message,
            raw: body.clone(),
            headers: Box::new(headers.clone()),
        };
        let data: T = decode(&body).map_err(|(path, message)| decode_error(path, message))?;
        Ok(ApiResponse {
            data,
            status,
            request_id,
            headers,
            raw: body,
        })
    }

    /// A text body (`text/plain` and the like), as UTF-8; a body that is not is a decode error.
    /// Read by the content type the server sent: a JSON string (`"1.0.0"` as `application/json`)
    /// is its value, without the quotes; anything else stays the text it is.
    pub async fn send_text<E: ErrorBody>(
        &self,
        req: Request,
        opts: RequestOptions,
    ) -> Result<ApiResponse<String>, Error<E>> {
        let (status, headers, body) = self.execute(req, opts, read_body).await?;
        let request_id = request_id(&headers);
        let json_string = || match media_type(&headers) {
            Some(media) if is_json(&media) => {
                serde_json::from_slice::<String>(super::bom::json_text(&body)).ok()
            }
            _ => None,
        };
        let data = match String::from_utf8(body.to_vec()) {
            Ok(text) => json_string().unwrap_or(text),
            Err(e) => {
                return Err(Error::Decode {
                    status,
                    request_id,
                    path: String::new(),
                    message: format!(
                        "the text body is not UTF-8 (byte {})",
                        e.utf8_error().valid_up_to()
                    ),
                    raw: body,
                    headers: Box::new(headers),
                });
            }
        };
        Ok(ApiResponse {
            data,
            status,
            request_id,
            headers,
            raw: body,
        })
    }

    pub async fn send_empty<E: ErrorBody>(
        &self,
        req: Request,
        opts: RequestOptions,
    ) -> Result<ApiResponse<()>, Error<E>> {
        let (status, headers, body) = self.execute(req, opts, read_body).await?;
        Ok(ApiResponse {
            data: (),
            status,
            request_id: request_id(&headers),
            headers,
            raw: body,
        })
    }

    /// Sends with the retry policy; returns the first success, or the final error. `on_success`
    /// takes a success response within the attempt's timeout and retries: `read_body` reads it
    /// whole, while a streamed response is handed on unread, so that retries end where its body
    /// starts.
    pub(crate) async fn execute<E: ErrorBody, T, F>(
        &self,
        mut req: Request,
        opts: RequestOptions,
        on_success: impl Fn(reqwest::Response, Duration) -> F,
    ) -> Result<(StatusCode, HeaderMap, T), Error<E>>
    where
        F: Future<Output = Result<T, Error<E>>>,
    {
        req.apply_extras(&opts)?;
        let inner = &self.inner;
        // Every header is checked before the first byte goes out; the client's were at build.
        let mut headers = inner.base_headers.clone();
        // Credential headers join the client's secret headers, which never cross origins.
        let mut credential_names = Vec::new();
        let mut query_credentials = Vec::new();
        // Alternatives are OR: two bearer schemes must not both send `Authorization`.
        let held = |scheme: &&str| inner.credentials.iter().any(|c| c.scheme == *scheme);
        let chosen: &[&str] = req
            .auth
            .iter()
            .find(|alternative| alternative.iter().all(held))
            .copied()
            .unwrap_or_default();
        for credential in inner
            .credentials
            .iter()
            .filter(|c| chosen.contains(&c.scheme))
        {
            match &credential.wire {
                Wire::Header(name, value) => {
                    headers.append(name.clone(), value.clone());
                    credential_names.push(name.clone());
                }
                Wire::Query(name, value) => query_credentials.push((*name, value.as_str())),
            }
        }
        for (name, value) in req.headers.iter().chain(&opts.extra_headers) {
            let secret = is_secret_header(name);
            let (name, mut value) = encode::header(name, value)?;
            if secret {
                value.set_sensitive(true);
                credential_names.push(name.clone());
            }
            headers.insert(name, value);
        }
        // A next page's link carries its own path and query; the paging checked its origin.
        let mut url = match &req.url {
            Some(url) => url.clone(),
            None => {
                let mut url = String::with_capacity(inner.base_url.len() + req.path.len());
                url.push_str(&inner.base_url);
                url.push_str(&req.path);
                let mut url = Url::parse(&url)
                    .map_err(|e| Error::InvalidInput(format!("`{url}` is not a valid URL: {e}")))?;
                if !req.query.is_empty() {
                    url.query_pairs_mut().extend_pairs(&req.query);
                }
                url
            }
        };
        if !query_credentials.is_empty() {
            url.query_pairs_mut().extend_pairs(&query_credentials);
        }
        let max_retries = opts.max_retries.unwrap_or(inner.retry.max_retries);
        let timeout = opts.timeout.unwrap_or(inner.timeout);
        let sending = Sending {
            core: self,
            req: &req,
            headers: &headers,
            credential_names: &credential_names,
            progress: opts.progress.clone(),
        };
        let failed = |err: Error<E>| {
            inner.log.write(
                LogLevel::Info,
                inner.crate_name,
                format_args!("{} {} failed: {err}", req.method, req.path),
            );
            err
        };
        let mut retry = 0;
        loop {
            // `delay_ms` is filled in when this attempt ends in a retry: the wait that follows it.
            let span = tracing::info_span!(
                "attempt",
                attempt = retry + 1,
                method = %req.method,
                path = %req.path,
                delay_ms = tracing::field::Empty
            );
            let answer = async {
                let mut response = sending.attempt(url.clone()).await?;
                // Taken, not cloned: nothing reads the response's headers after this.
                let (status, headers) = (response.status(), std::mem::take(response.headers_mut()));
                let last = retry >= max_retries || !retry::should_retry(status, &headers);
                if status.is_success()
                    || (req.redirect_outcome && status.is_redirection())
                    || (req.any_status && last)
                {
                    let body = on_success(response, inner.connect_timeout).await?;
                    return Ok((status, headers, Ok(body)));
                }
                Ok((
                    status,
                    headers,
                    Err(read_body(response, inner.connect_timeout).await?),
                ))
            };
            // The attempt's timing and result are formatted only when someone reads them.
            let reported = inner.log >= LogLevel::Debug || tracing::enabled!(tracing::Level::DEBUG);
            let started = reported.then(std::time::Instant::now);
            let outcome = match tokio::time::timeout(timeout, answer.instrument(span.clone())).await
            {
                Ok(outcome) => outcome,
                Err(_) => Err(Error::Timeout { after: timeout }),
            };
            if let Some(started) = started {
                let elapsed = started.elapsed();
                let result = match &outcome {
                    Ok((status, ..)) => status.to_string(),
                    Err(e) => e.to_string(),
                };
                span.in_scope(|| {
                    tracing::debug!(elapsed_ms = elapsed.as_millis() as u64, result = %result, "attempt done")
                });
                inner.log.write(
                    LogLevel::Debug,
                    inner.crate_name,
                    format_args!(
                        "{} {} attempt {}: {result} in {elapsed:?}",
                        req.method,
                        req.path,
                        retry + 1
                    ),
                );
            }
            let (err, server_headers) = match outcome {
                Ok((status, h, Ok(body))) => return Ok((status, h, body)),
                Ok((status, h, Err(body))) => {
                    let raw = String::from_utf8_lossy(&body).into_owned();
                    let typed = typed_error::<E>(&h, &body);
                    let retryable = retry::should_retry(status, &h);
                    let err = Error::Api(Box::new(ApiError::new(status, h.clone(), raw, typed)));
                    if !retryable {
                        return Err(failed(err));
                    }
                    (err, Some(h))
                }
                Err(e) if e.is_retryable() => (e, None),
                Err(e) => return Err(failed(e)),
            };
            if retry >= max_retries {
                return Err(failed(err));
            }
            let delay = retry::delay(
                &inner.retry,
                retry,
                server_headers.as_ref(),
                SystemTime::now(),
                fastrand::f64(),
            );
            span.record("delay_ms", delay.as_millis() as u64);
            span.in_scope(
                || tracing::info!(delay_ms = delay.as_millis() as u64, error = %err, "retrying"),
            );
            inner.log.write(
                LogLevel::Info,
                inner.crate_name,
                format_args!(
                    "{} {} retrying in {delay:?} (retry {} of {max_retries}): {err}",
                    req.method,
                    req.path,
                    retry + 1
                ),
            );
            tokio::time::sleep(delay).await;
            retry += 1;
        }
    }
}

/// Reads a whole body; a connection that drops mid-body fails the attempt, which may be retried.
pub(crate) async fn read_body<E>(
    response: reqwest::Response,
    connect_timeout: Duration,
) -> Result<Bytes, Error<E>> {
    response
        .bytes()
        .await
        .map_err(|e| send_error(e, None, connect_timeout))
}

/// The pairs of a form-encoded body.
fn form_urlencoded_pairs(bytes: &[u8]) -> Vec<(String, String)> {
    serde_urlencoded::from_bytes(bytes).unwrap_or_default()
}

/// Decodes a JSON body. The fast path is plain serde_json; only a body that fails is decoded again
/// to find where, since tracking the path costs on every success.
pub(crate) fn decode<T: DeserializeOwned>(body: &[u8]) -> Result<T, (String, String)> {
    let body = super::bom::json_text(body);
    if let Ok(data) = serde_json::from_slice(body) {
        return Ok(data);
    }
    // An empty body where the document gives no schema (xtrf's `default` answers, a `PUT` that
    // answers 200 with nothing) is no value: `null` to a type that takes one, an error to others.
    if body.iter().all(u8::is_ascii_whitespace)
        && let Ok(data) = T::deserialize(serde_json::Value::Null)
    {
        return Ok(data);
    }
    // The second reading takes integers written as floats, and names the place of any error.
    let mut de = serde_json::Deserializer::from_slice(body);
    let data: T = serde_path_to_error::deserialize(super::numbers::Lenient(&mut de))
        .map_err(|e| (e.path().to_string(), e.inner().to_string()))?;
    de.end().map_err(|e| (".".to_string(), e.to_string()))?;
    Ok(data)
}

pub(crate) fn request_id(headers: &HeaderMap) -> Option<String> {
    headers
        .get("request-id")
        .and_then(|v| v.to_str().ok())
        .map(str::to_string)
}
