//! Streamed responses: raw bytes, JSON Lines and server-sent events, each decoded as it arrives
//! so that memory stays bounded whatever the body's size.
//!
//! Retries end where the body starts: a request is retried until a success status arrives, and
//! a failure after that ends the stream with an error, never with a silent restart. The client's
//! timeout limits each attempt until then, and after that every wait for the next chunk.

use std::collections::VecDeque;
use std::fmt;
use std::marker::PhantomData;
use std::path::{Path, PathBuf};
use std::pin::Pin;
use std::task::{Context, Poll, ready};
use std::time::Duration;

use bytes::{Bytes, BytesMut};
use futures_util::{Stream, StreamExt};
use reqwest::StatusCode;
use reqwest::header::HeaderMap;
use serde::de::DeserializeOwned;
use tokio::io::AsyncWriteExt;

use super::attempt;
use super::client::Core;
use super::error::{ApiError, Error, ErrorBody};
use super::request::{self, ApiResponse, Request, RequestOptions};
use super::sse;

/// What the generator knows about an operation's event stream.
#[derive(Debug)]
pub struct EventSpec {
    /// Event names the event union decodes; other names, such as `ping`, are skipped.
    pub events: &'static [&'static str],
    /// The event that ends a complete stream; a stream that stops before it is an error.
    pub end_event: Option<&'static str>,
    /// The event that carries an error body in place of the next event.
    pub error_event: Option<&'static str>,
}

/// The status, headers and request id of a streamed response.
#[derive(Debug, Clone)]
struct Meta {
    status: StatusCode,
    headers: HeaderMap,
    request_id: Option<String>,
}

impl Meta {
    fn decode_error<E>(&self, path: String, message: String, body: &str) -> Error<E> {
        Error::Decode {
            status: self.status,
            request_id: self.request_id.clone(),
            path,
            message,
            raw: Bytes::copy_from_slice(body.as_bytes()),
            headers: Box::new(self.headers.clone()),
        }
    }
}

/// A response body as it arrives; each chunk must come within the idle timeout of the moment the
/// reader starts waiting for it, so a caller that pauses between reads is not timed out.
struct Body {
    chunks: Pin<Box<dyn Stream<Item = reqwest::Result<Bytes>> + Send>>,
    idle: Duration,
    deadline: Pin<Box<tokio::time::Sleep>>,
    /// The deadline is set for the current wait.
    waiting: bool,
}

impl Body {
    fn new(response: reqwest::Response, idle: Duration) -> Self {
        Self {
            chunks: Box::pin(response.bytes_stream()),
            idle,
            deadline: Box::pin(tokio::time::sleep(idle)),
            waiting: false,
        }
    }

    fn poll_chunk<E>(&mut self, cx: &mut Context<'_>) -> Poll<Option<Result<Bytes, Error<E>>>> {
        match self.chunks.as_mut().poll_next(cx) {
            Poll::Ready(Some(Ok(chunk))) => {
                self.waiting = false;
                Poll::Ready(Some(Ok(chunk)))
            }
            Poll::Ready(Some(Err(e))) => {
                Poll::Ready(Some(Err(attempt::send_error(e, None, self.idle))))
            }
            Poll::Ready(None) => Poll::Ready(None),
            Poll::Pending => {
                if !self.waiting {
                    self.waiting = true;
                    let deadline = tokio::time::Instant::now() + self.idle;
                    self.deadline.as_mut().reset(deadline);
                }
                self.poll_deadline(cx)
            }
        }
    }

    fn poll_deadline<E>(&mut self, cx: &mut Context<'_>) -> Poll<Option<Result<Bytes, Error<E>>>> {
        match self.deadline.as_mut().poll(cx) {
            Poll::Ready(()) => Poll::Ready(Some(Err(Error::Timeout { after: self.idle }))),
            Poll::Pending => Poll::Pending,
        }
    }
}

macro_rules! meta_accessors {
    () => {
        /// The response's HTTP status.
        pub fn status(&self) -> StatusCode {
            self.meta.status
        }

        /// The response headers.
        pub fn headers(&self) -> &HeaderMap {
            &self.meta.headers
        }

        /// The `request-id` header, for support requests.
        pub fn request_id(&self) -> Option<&str> {
            self.meta.request_id.as_deref()
        }
    };
}

/// A binary body, chunk by chunk as it arrives. It ends after the first error.
pub struct ByteStream<E = serde_json::Value> {
    meta: Meta,
    body: Body,
    done: bool,
    error: PhantomData<fn() -> E>,
}

impl<E> fmt::Debug for ByteStream<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ByteStream")
            .field("meta", &self.meta)
            .field("done", &self.done)
            .finish_non_exhaustive()
    }
}

impl<E> Stream for ByteStream<E> {
    type Item = Result<Bytes, Error<E>>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        if self.done {
            return Poll::Ready(None);
        }
        let item = ready!(self.body.poll_chunk(cx));
        if !matches!(item, Some(Ok(_))) {
            self.done = true;
        }
        Poll::Ready(item)
    }
}

impl<E> ByteStream<E> {
    meta_accessors!();

    /// The `Content-Length` the server announced, if any.
    pub fn content_length(&self) -> Option<u64> {
        self.meta
            .headers
            .get(reqwest::header::CONTENT_LENGTH)?
            .to_str()
            .ok()?
            .parse()
            .ok()
    }

    /// Reads the whole body into memory; for small bodies.
    pub async fn bytes(mut self) -> Result<Bytes, Error<E>> {
        let mut all = BytesMut::new();
        while let Some(chunk) = self.next().await {
            all.extend_from_slice(&chunk?);
        }
        Ok(all.freeze())
    }

    /// Writes the body to `path` as it arrives and returns its length. The bytes go to a
    /// temporary file beside `path` that replaces it only once the whole body is in, so a failed
    /// download never leaves a truncated file or clobbers an existing one.
    pub async fn write_to_file(mut self, path: impl AsRef<Path>) -> Result<u64, Error<E>> {
        let path = path.as_ref();
        let partial = partial_path(path);
        let file_error = |at: &Path, e: std::io::Error| Error::File {
            path: at.to_path_buf(),
            message: e.to_string(),
        };
        let mut file = tokio::fs::File::create(&partial)
            .await
            .map_err(|e| file_error(&partial, e))?;
        let mut written = 0u64;
        let copied: Result<(), Error<E>> = async {
            while let Some(chunk) = self.next().await {
                let chunk = chunk?;
                file.write_all(&chunk)
                    .await
                    .map_err(|e| file_error(&partial, e))?;
                written += chunk.len() as u64;
            }
            file.flush().await.map_err(|e| file_error(&partial, e))?;
            drop(file);
            tokio::fs::rename(&partial, path)
                .await
                .map_err(|e| file_error(path, e))
        }
        .await;
        if let Err(e) = copied {
            let _ = tokio::fs::remove_file(&partial).await;
            return Err(e);
        }
        Ok(written)
    }
}

/// `dir/.name.part-RANDOM`, beside the destination so that the final rename stays on one disk.
fn partial_path(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "download".into());
    path.with_file_name(format!(".{name}.part-{:016x}", fastrand::u64(..)))
}

/// Newline-delimited JSON (`application/x-jsonl`), one typed value per line, decoded as the lines
/// arrive. A line that does not decode ends the stream with an error naming it.
pub struct JsonLines<T, E = serde_json::Value> {
    meta: Meta,
    body: Body,
    buffer: BytesMut,
    /// How far `buffer` has been searched for a line end.
    scanned: usize,
    line: u64,
    done: bool,
    item: PhantomData<fn() -> (T, E)>,
}

impl<T, E> fmt::Debug for JsonLines<T, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("JsonLines")
            .field("meta", &self.meta)
            .field("line", &self.line)
            .field("done", &self.done)
            .finish_non_exhaustive()
    }
}

impl<T: DeserializeOwned, E> JsonLines<T, E> {
    meta_accessors!();

    fn decode_line(&mut self, line: &[u8]) -> Result<T, Error<E>> {
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        request::decode(line).map_err(|(path, message)| {
            self.done = true;
            self.meta.decode_error(
                format!("line {}: {path}", self.line),
                message,
                &String::from_utf8_lossy(line),
            )
        })
    }
}

impl<T: DeserializeOwned, E> Stream for JsonLines<T, E> {
    type Item = Result<T, Error<E>>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = &mut *self;
        loop {
            if this.done {
                return Poll::Ready(None);
            }
            if let Some(end) = this.buffer[this.scanned..].iter().position(|&b| b == b'\n') {
                let line = this.buffer.split_to(this.scanned + end + 1);
                this.scanned = 0;
                this.line += 1;
                let line = &line[..line.len() - 1];
                if line.trim_ascii().is_empty() {
                    continue;
                }
                return Poll::Ready(Some(this.decode_line(line)));
            }
            this.scanned = this.buffer.len();
            match ready!(this.body.poll_chunk(cx)) {
                Some(Ok(chunk)) => this.buffer.extend_from_slice(&chunk),
                Some(Err(e)) => {
                    this.done = true;
                    return Poll::Ready(Some(Err(e)));
                }
                None => {
                    // The last line may lack its newline.
                    let rest = std::mem::take(&mut this.buffer);
                    this.line += 1;
                    let item = (!rest.trim_ascii().is_empty()).then(|| this.decode_line(&rest));
                    this.done = true;
                    return Poll::Ready(item);
                }
            }
        }
    }
}

/// Server-sent events decoded into the event union `T`, as they arrive. An error event ends the
/// stream with `Error::Api`, and so does a stream that stops before its final event.
pub struct EventStream<T, E = serde_json::Value> {
    meta: Meta,
    body: Body,
    spec: &'static EventSpec,
    parser: sse::Parser,
    queue: VecDeque<sse::Event>,
    /// Events dispatched so far, counted from 1, for error messages.
    count: u64,
    /// An error met in a chunk, given once the events before it in that chunk are out.
    failed: Option<Error<E>>,
    done: bool,
    item: PhantomData<fn() -> (T, E)>,
}

impl<T, E> fmt::Debug for EventStream<T, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EventStream")
            .field("meta", &self.meta)
            .field("events", &self.count)
            .field("done", &self.done)
            .finish_non_exhaustive()
    }
}

impl<T: DeserializeOwned, E: ErrorBody> EventStream<T, E> {
    meta_accessors!();

    /// The next item an event gives, or `None` when the event is skipped.
    fn event(&mut self, event: sse::Event) -> Option<Result<T, Error<E>>> {
        self.count += 1;
        let name = event.event.as_deref();
        if name.is_some() && name == self.spec.error_event {
            self.done = true;
            let typed = serde_json::from_str::<E>(&event.data).ok();
            let error = ApiError::new(
                self.meta.status,
                self.meta.headers.clone(),
                event.data,
                typed,
            );
            return Some(Err(Error::Api(Box::new(error))));
        }
        // Unnamed events carry their type in the data; named ones must be in the union.
        if name.is_some_and(|n| !self.spec.events.contains(&n)) {
            return None;
        }
        if name.is_some() && name == self.spec.end_event {
            self.done = true;
        }
        Some(decode_event(name, &event.data).map_err(|(path, message)| {
            self.done = true;
            let at = match name {
                Some(name) => format!("event {} `{name}`: {path}", self.count),
                None => format!("event {}: {path}", self.count),
            };
            self.meta.decode_error(at, message, &event.data)
        }))
    }

    fn cut_off(&self) -> Error<E> {
        let what = match self.spec.end_event {
            Some(end) => format!("before its final `{end}` event"),
            None => "in the middle of an event".to_string(),
        };
        Error::Connection {
            message: format!("the event stream ended {what}, after {} events", self.count),
            source: None,
        }
    }
}

/// Decodes an event's data; data without a `type` takes the event's name, as the SDKs do.
fn decode_event<T: DeserializeOwned>(
    name: Option<&str>,
    data: &str,
) -> Result<T, (String, String)> {
    if let Ok(value) = serde_json::from_str(data) {
        return Ok(value);
    }
    let mut value: serde_json::Value =
        serde_json::from_str(data).map_err(|e| (".".to_string(), e.to_string()))?;
    if let (Some(name), Some(object)) = (name, value.as_object_mut())
        && !object.contains_key("type")
    {
        object.insert("type".into(), name.into());
    }
    serde_path_to_error::deserialize(super::numbers::Lenient(&value))
        .map_err(|e| (e.path().to_string(), e.inner().to_string()))
}

impl<T: DeserializeOwned, E: ErrorBody> Stream for EventStream<T, E> {
    type Item = Result<T, Error<E>>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = &mut *self;
        loop {
            if this.done {
                return Poll::Ready(None);
            }
            if let Some(event) = this.queue.pop_front() {
                match this.event(event) {
                    Some(item) => return Poll::Ready(Some(item)),
                    None => continue,
                }
            }
            if let Some(error) = this.failed.take() {
                this.done = true;
                return Poll::Ready(Some(Err(error)));
            }
            match ready!(this.body.poll_chunk(cx)) {
                Some(Ok(chunk)) => {
                    if let Err(sse::NotUtf8 { line }) = this.parser.feed(&chunk, &mut this.queue) {
                        this.failed = Some(this.meta.decode_error(
                            format!("line {line}"),
                            "the event stream is not UTF-8".into(),
                            &String::from_utf8_lossy(&chunk),
                        ));
                    }
                }
                Some(Err(e)) => {
                    this.done = true;
                    return Poll::Ready(Some(Err(e)));
                }
                None => {
                    this.done = true;
                    if this.spec.end_event.is_some() || this.parser.is_mid_event() {
                        return Poll::Ready(Some(Err(this.cut_off())));
                    }
                    return Poll::Ready(None);
                }
            }
        }
    }
}

/// Hands a success response on unread: its body becomes the stream.
async fn open<E>(response: reqwest::Response, _: Duration) -> Result<reqwest::Response, Error<E>> {
    Ok(response)
}

impl Core {
    async fn send_streamed<E: ErrorBody>(
        &self,
        req: Request,
        opts: RequestOptions,
    ) -> Result<(Meta, Body), Error<E>> {
        let idle = opts.timeout.unwrap_or(self.inner.timeout);
        let (status, headers, response) = self.execute(req, opts, open).await?;
        let meta = Meta {
            status,
            request_id: request::request_id(&headers),
            headers,
        };
        Ok((meta, Body::new(response, idle)))
    }

    pub async fn send_byte_stream<E: ErrorBody>(
        &self,
        req: Request,
        opts: RequestOptions,
    ) -> Result<ApiResponse<ByteStream<E>>, Error<E>> {
        let (meta, body) = self.send_streamed(req, opts).await?;
        Ok(respond(
            meta.clone(),
            ByteStream {
                meta,
                body,
                done: false,
                error: PhantomData,
            },
        ))
    }

    pub async fn send_json_lines<T: DeserializeOwned, E: ErrorBody>(
        &self,
        req: Request,
        opts: RequestOptions,
    ) -> Result<ApiResponse<JsonLines<T, E>>, Error<E>> {
        let (meta, body) = self.send_streamed(req, opts).await?;
        Ok(respond(
            meta.clone(),
            JsonLines {
                meta,
                body,
                buffer: BytesMut::new(),
                scanned: 0,
                line: 0,
                done: false,
                item: PhantomData,
            },
        ))
    }

    pub async fn send_events<T: DeserializeOwned, E: ErrorBody>(
        &self,
        req: Request,
        opts: RequestOptions,
        spec: &'static EventSpec,
    ) -> Result<ApiResponse<EventStream<T, E>>, Error<E>> {
        let (meta, body) = self.send_streamed(req, opts).await?;
        Ok(respond(
            meta.clone(),
            EventStream {
                meta,
                body,
                spec,
                parser: sse::Parser::new(),
                queue: VecDeque::new(),
                count: 0,
                failed: None,
                done: false,
                item: PhantomData,
            },
        ))
    }
}

fn respond<S>(meta: Meta, stream: S) -> ApiResponse<S> {
    ApiResponse {
        data: stream,
        status: meta.status,
        request_id: meta.request_id,
        headers: meta.headers,
        raw: Bytes::new(),
    }
}
