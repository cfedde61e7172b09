//! `send_raw()`: the way through when a server breaks its own document. The same request, with the
//! same retries and timeouts, answered with whatever the server sent: any status, any body.

use bytes::Bytes;
use reqwest::StatusCode;
use reqwest::header::HeaderMap;

use super::client::Core;
use super::error::{Error, ErrorBody};
use super::request::{Request, RequestOptions, read_body};

/// A response as the server sent it, undecoded: the final status (an error status too), the
/// headers and the whole body.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct RawResponse {
    /// The HTTP status, whatever it is.
    pub status: StatusCode,
    /// The response headers.
    pub headers: HeaderMap,
    /// The whole body, byte for byte.
    pub body: Bytes,
}

impl RawResponse {
    /// The body as JSON of any shape, for a body the typed call cannot decode.
    pub fn json(&self) -> Result<serde_json::Value, serde_json::Error> {
        serde_json::from_slice(super::bom::json_text(&self.body))
    }

    /// The body as text, with any bytes that are not UTF-8 replaced.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// The `request-id` header, for support requests.
    pub fn request_id(&self) -> Option<&str> {
        self.headers.get("request-id").and_then(|v| v.to_str().ok())
    }
}

impl Core {
    /// Sends `req` as the typed call would, and returns the final response undecoded. Retryable
    /// statuses are still retried; the last answer is returned whatever its status.
    pub async fn send_raw<E: ErrorBody>(
        &self,
        mut req: Request,
        opts: RequestOptions,
    ) -> Result<RawResponse, Error<E>> {
        req.any_status = true;
        let (status, headers, body) = self.execute(req, opts, read_body).await?;
        Ok(RawResponse {
            status,
            headers,
            body,
        })
    }
}
