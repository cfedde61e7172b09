//! One attempt on the wire: the request sent, redirects followed by hand (unless a redirect is
//! the operation's documented outcome) so that secret headers stay with their origin, the body
//! re-sent or dropped as the redirect's status says, and send errors reported without the URL's
//! credentials.

use std::sync::Arc;
use std::time::Duration;

use reqwest::header::{CONTENT_LENGTH, CONTENT_TYPE, HeaderMap, HeaderName, HeaderValue, LOCATION};
use reqwest::{Method, StatusCode, Url};

use super::client::Core;
use super::error::Error;
use super::request::{Body, Field, Request};
use super::upload::{ProgressFn, Tracker};

/// Redirects followed before giving up, as browsers and curl's `-L` default roughly do.
const MAX_REDIRECTS: usize = 10;

pub(crate) struct Sending<'a> {
    pub(crate) core: &'a Core,
    pub(crate) req: &'a Request,
    pub(crate) headers: &'a HeaderMap,
    /// The credential headers of this request; with the client's secret headers, never sent to
    /// another origin.
    pub(crate) credential_names: &'a [HeaderName],
    pub(crate) progress: Option<ProgressFn>,
}

impl Sending<'_> {
    /// One attempt, following redirects. Secret headers go only to the origin they were meant for:
    /// reqwest strips `Authorization` on a cross-origin redirect but not custom headers such as
    /// `x-api-key`.
    pub(crate) async fn attempt<E>(&self, mut url: Url) -> Result<reqwest::Response, Error<E>> {
        let http = &self.core.inner.http;
        let mut method = self.req.method.clone();
        let mut keep_body = true;
        let mut cross_origin = false;
        for _ in 0..=MAX_REDIRECTS {
            // A redirect continues from the response's URL, so the request can take this one.
            let mut request = reqwest::Request::new(method.clone(), url);
            // Moved in whole: the builder's `.headers()` would insert them one by one.
            let headers = request.headers_mut();
            *headers = self.headers.clone();
            if cross_origin {
                for name in self
                    .core
                    .inner
                    .secret_names
                    .iter()
                    .chain(self.credential_names)
                {
                    headers.remove(name);
                }
            }
            let mut tracker = None;
            if keep_body {
                match &self.req.body {
                    // Servers behind Google's front end, nginx and others answer 411 to a POST
                    // that does not say its length, and hyper sends none without a body; RFC 9110
                    // asks for `Content-Length: 0` where the method defines content.
                    Body::Empty => {
                        if matches!(method, Method::POST | Method::PUT | Method::PATCH) {
                            headers.insert(CONTENT_LENGTH, HeaderValue::from_static("0"));
                        }
                    }
                    Body::Bytes {
                        content_type,
                        bytes,
                    } => {
                        let value = HeaderValue::from_str(content_type).map_err(|_| {
                            Error::InvalidInput(format!("bad content type `{content_type}`"))
                        })?;
                        headers.insert(CONTENT_TYPE, value);
                        *request.body_mut() = Some(bytes.clone().into());
                    }
                    Body::Multipart(fields) => {
                        let (form, t) = self.form(fields).await?;
                        tracker = Some(t);
                        request = reqwest::RequestBuilder::from_parts(http.clone(), request)
                            .multipart(form)
                            .build()
                            .map_err(|e| send_error(e, None, self.core.inner.connect_timeout))?;
                    }
                }
            }
            let response = match http.execute(request).await {
                Ok(r) => r,
                Err(e) => {
                    return Err(send_error(
                        e,
                        tracker.as_deref(),
                        self.core.inner.connect_timeout,
                    ));
                }
            };
            let status = response.status();
            // A redirect that is the operation's documented outcome is the answer.
            if status.is_redirection()
                && !self.req.redirect_outcome
                && let Some(location) = response
                    .headers()
                    .get(LOCATION)
                    .and_then(|l| l.to_str().ok())
            {
                let here = response.url();
                let next = here.join(location).map_err(|e| Error::Connection {
                    message: format!("bad redirect location `{location}`: {e}"),
                    source: None,
                })?;
                cross_origin |= next.origin() != here.origin();
                url = next;
                // 303, and 301/302 after a POST, turn into a GET without body, as browsers do.
                if status == StatusCode::SEE_OTHER
                    || (matches!(status.as_u16(), 301 | 302) && method == Method::POST)
                {
                    method = Method::GET;
                    keep_body = false;
                }
                continue;
            }
            return Ok(response);
        }
        Err(Error::Connection {
            message: format!("more than {MAX_REDIRECTS} redirects"),
            source: None,
        })
    }

    async fn form<E>(
        &self,
        fields: &[(String, Field)],
    ) -> Result<(reqwest::multipart::Form, Arc<Tracker>), Error<E>> {
        let tracker = Arc::new(Tracker::new(self.progress.clone()));
        let mut form = reqwest::multipart::Form::new();
        for (name, field) in fields {
            form = match field {
                Field::Text(text) => form.text(name.clone(), text.clone()),
                Field::Typed { text, content_type } => form.part(
                    name.clone(),
                    reqwest::multipart::Part::text(text.clone())
                        .mime_str(content_type)
                        .map_err(|_| {
                            Error::InvalidInput(format!(
                                "`{content_type}` is not a valid content type for `{name}`"
                            ))
                        })?,
                ),
                Field::File(file) => form.part(name.clone(), file.to_part(&tracker).await?),
            };
        }
        Ok((form, tracker))
    }
}

/// `connect_timeout` is the only timeout reqwest enforces itself; the per-attempt timeout is
/// enforced around the whole attempt.
pub(crate) fn send_error<E>(
    mut e: reqwest::Error,
    tracker: Option<&Tracker>,
    connect_timeout: Duration,
) -> Error<E> {
    // The query may carry an API key; the path is enough to say which request failed.
    if let Some(url) = e.url_mut() {
        url.set_query(None);
    }
    if let Some(fault) = tracker.and_then(Tracker::fault) {
        return fault.into();
    }
    if e.is_timeout() {
        return Error::Timeout {
            after: connect_timeout,
        };
    }
    let mut message = e.to_string();
    let mut source: Option<&dyn std::error::Error> = std::error::Error::source(&e);
    while let Some(s) = source {
        message.push_str(": ");
        message.push_str(&s.to_string());
        source = s.source();
    }
    Error::Connection {
        message,
        source: Some(e),
    }
}
