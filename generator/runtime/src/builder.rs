//! The request builder every operation shares. An operation's builder is `RequestBuilder<'c, P>`
//! for its own parameters `P`: the operation's setters live on that type, and what every request
//! takes (timeout, retries, extra headers, query pairs and body members, the sends) lives here,
//! once, instead of in every operation.

use std::future::Future;
use std::marker::PhantomData;
use std::time::Duration;

use serde::de::DeserializeOwned;

use super::client::Core;
use super::error::{Error, ErrorBody};
use super::raw::RawResponse;
use super::request::{ApiResponse, Request, RequestOptions};
use super::stream::{ByteStream, JsonLines};

/// A request being built; finish it with [`send`](Self::send).
#[derive(Debug, Clone)]
#[must_use = "a request does nothing until `.send()` is awaited"]
pub struct RequestBuilder<'c, P> {
    pub(crate) core: &'c Core,
    pub(crate) params: P,
    pub(crate) options: RequestOptions,
}

/// One operation's parameters: how they become a request, and how its response is read.
pub trait Endpoint {
    /// The documented error body.
    type Error: ErrorBody;
    /// How the success body is read: [`Json`], [`Text`], [`Empty`], [`Bytes`] or [`Lines`].
    type Response: Receive<Self::Error>;
    /// The request as set so far, checked and encoded.
    fn to_request(&self) -> Result<Request, Error<Self::Error>>;
    /// Refuses a plain send that the server would answer in a form it cannot read (an
    /// operation whose stream flag is set).
    fn check_plain_send(&self) -> Result<(), Error<Self::Error>> {
        Ok(())
    }
}

/// Reads a success response, decoding or streaming it.
pub trait Receive<E> {
    type Output;
    fn receive(
        core: &Core,
        request: Request,
        options: RequestOptions,
    ) -> impl Future<Output = Result<ApiResponse<Self::Output>, Error<E>>> + Send + '_;
}

/// A JSON body decoded as `T`.
pub struct Json<T>(PhantomData<fn() -> T>);
/// A text body.
pub struct Text;
/// No body.
pub struct Empty;
/// A body streamed as chunks.
pub struct Bytes;
/// A body of JSON lines, each decoded as `T` as it arrives.
pub struct Lines<T>(PhantomData<fn() -> T>);

impl<T: DeserializeOwned + Send + 'static, E: ErrorBody + Send + 'static> Receive<E> for Json<T> {
    type Output = T;
    fn receive(
        core: &Core,
        request: Request,
        options: RequestOptions,
    ) -> impl Future<Output = Result<ApiResponse<T>, Error<E>>> + Send + '_ {
        core.send_json(request, options)
    }
}

impl<E: ErrorBody + Send + 'static> Receive<E> for Text {
    type Output = String;
    fn receive(
        core: &Core,
        request: Request,
        options: RequestOptions,
    ) -> impl Future<Output = Result<ApiResponse<String>, Error<E>>> + Send + '_ {
        core.send_text(request, options)
    }
}

impl<E: ErrorBody + Send + 'static> Receive<E> for Empty {
    type Output = ();
    fn receive(
        core: &Core,
        request: Request,
        options: RequestOptions,
    ) -> impl Future<Output = Result<ApiResponse<()>, Error<E>>> + Send + '_ {
        core.send_empty(request, options)
    }
}

impl<E: ErrorBody + Send + 'static> Receive<E> for Bytes {
    type Output = ByteStream<E>;
    fn receive(
        core: &Core,
        request: Request,
        options: RequestOptions,
    ) -> impl Future<Output = Result<ApiResponse<ByteStream<E>>, Error<E>>> + Send + '_ {
        core.send_byte_stream(request, options)
    }
}

impl<T: DeserializeOwned + Send + 'static, E: ErrorBody + Send + 'static> Receive<E> for Lines<T> {
    type Output = JsonLines<T, E>;
    fn receive(
        core: &Core,
        request: Request,
        options: RequestOptions,
    ) -> impl Future<Output = Result<ApiResponse<JsonLines<T, E>>, Error<E>>> + Send + '_ {
        core.send_json_lines(request, options)
    }
}

/// What `send()` gives for an operation.
pub type Output<P> = <<P as Endpoint>::Response as Receive<<P as Endpoint>::Error>>::Output;

impl<'c, P> RequestBuilder<'c, P> {
    // Called by the generated operations, which this crate alone does not hold.
    #[allow(dead_code)]
    pub(crate) fn of(core: &'c Core, params: P) -> Self {
        Self {
            core,
            params,
            options: RequestOptions::default(),
        }
    }

    /// Overrides the client's timeout for this request (each attempt).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.options.timeout = Some(timeout);
        self
    }

    /// Overrides the client's retry count for this request.
    pub fn max_retries(mut self, retries: u32) -> Self {
        self.options.max_retries = Some(retries);
        self
    }

    /// Adds a header to this request only.
    pub fn extra_header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.options.extra_headers.push((name.into(), value.into()));
        self
    }

    /// Adds a query pair the spec does not name, e.g. a parameter newer than this crate.
    pub fn extra_query(mut self, name: impl Into<String>, value: impl ToString) -> Self {
        self.options
            .extra_query
            .push((name.into(), value.to_string()));
        self
    }
}

impl<'c, P: HasBody> RequestBuilder<'c, P> {
    /// Adds a body member the spec does not name, e.g. a field newer than this crate: merged
    /// into a JSON body (replacing a member of that name), appended to a form, or sent as a text
    /// part of a multipart body. A value that cannot be encoded fails the send.
    pub fn extra_body(mut self, name: impl Into<String>, value: impl serde::Serialize) -> Self {
        let name = name.into();
        match serde_json::to_value(value) {
            Ok(value) => self.options.extra_body.push((name, value)),
            Err(e) => self.options.invalid = Some(format!("extra body member `{name}`: {e}")),
        }
        self
    }
}

impl<'c, P: HasFiles> RequestBuilder<'c, P> {
    /// Reports upload progress: bytes of file contents sent so far, and the total. Called again
    /// from zero if a retry resends the files.
    pub fn on_progress(mut self, progress: impl Fn(u64, u64) + Send + Sync + 'static) -> Self {
        self.options.progress = Some(std::sync::Arc::new(progress));
        self
    }
}

/// An operation that sends a body, which [`RequestBuilder::extra_body`] adds to.
pub trait HasBody {}

/// An operation that uploads files, whose progress [`RequestBuilder::on_progress`] reports.
pub trait HasFiles {}

impl<'c, P: Endpoint> RequestBuilder<'c, P> {
    /// Sends the request and returns the response body: decoded, or for a streamed body, read as
    /// it arrives.
    pub async fn send(self) -> Result<Output<P>, Error<P::Error>> {
        self.send_with_meta().await.map(|response| response.data)
    }

    /// Sends the request and returns the body with the status, request id and headers.
    pub async fn send_with_meta(self) -> Result<ApiResponse<Output<P>>, Error<P::Error>> {
        self.params.check_plain_send()?;
        let request = self.params.to_request()?;
        P::Response::receive(self.core, request, self.options).await
    }

    /// Sends the same request with the same retries, and returns the final status, headers and
    /// whole body undecoded, whatever the status and the document say: the way through when a
    /// server's answer does not match its document.
    pub async fn send_raw(self) -> Result<RawResponse, Error<P::Error>> {
        let request = self.params.to_request()?;
        self.core.send_raw(request, self.options).await
    }
}
