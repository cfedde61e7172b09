//! A recording HTTP server on 127.0.0.1: it keeps every request it receives (method, raw path,
//! headers, multipart parts) and answers from a script, including faults.

use std::collections::VecDeque;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderName, HeaderValue, StatusCode};
use axum::response::Response;

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct RecordedPart {
    pub name: String,
    pub filename: Option<String>,
    pub content_type: Option<String>,
    pub bytes: Vec<u8>,
    pub sha256: String,
}

#[derive(Debug, Clone)]
pub struct Recorded {
    pub method: String,
    /// The path exactly as sent, still percent-encoded.
    pub path: String,
    pub query: Option<String>,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
    pub parts: Vec<RecordedPart>,
    pub at: Instant,
}

impl Recorded {
    /// Method, raw path and raw query, for comparing a sequence of requests at a glance.
    pub fn line(&self) -> (&str, &str, Option<&str>) {
        (
            self.method.as_str(),
            self.path.as_str(),
            self.query.as_deref(),
        )
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
}

/// What the server does with the next request.
#[derive(Debug, Clone)]
pub enum Reply {
    Respond {
        status: u16,
        headers: Vec<(String, String)>,
        body: Vec<u8>,
    },
    /// Waits, then responds.
    Delayed(Duration, Box<Reply>),
    /// Sends a redirect to another URL.
    Redirect { status: u16, location: String },
}

impl Reply {
    pub fn json(status: u16, body: serde_json::Value) -> Self {
        Reply::Respond {
            status,
            headers: vec![("content-type".into(), "application/json".into())],
            body: body.to_string().into(),
        }
    }

    pub fn with_header(self, name: &str, value: &str) -> Self {
        match self {
            Reply::Respond {
                status,
                mut headers,
                body,
            } => {
                headers.push((name.into(), value.into()));
                Reply::Respond {
                    status,
                    headers,
                    body,
                }
            }
            other => other,
        }
    }

    /// The body gzipped and labelled so, as a server that compresses its answers sends it.
    pub fn gzipped(self) -> Self {
        use std::io::Write;
        match self {
            Reply::Respond {
                status,
                headers,
                body,
            } => {
                let mut encoder = flate2::write::GzEncoder::new(Vec::new(), Default::default());
                let body = encoder
                    .write_all(&body)
                    .and_then(|()| encoder.finish())
                    .expect("compressing into memory");
                Reply::Respond {
                    status,
                    headers,
                    body,
                }
                .with_header("content-encoding", "gzip")
            }
            other => other,
        }
    }

    pub fn text(status: u16, body: &str) -> Self {
        Reply::Respond {
            status,
            headers: vec![("content-type".into(), "text/plain".into())],
            body: body.into(),
        }
    }
}

#[derive(Clone, Default)]
struct Shared {
    script: Arc<Mutex<VecDeque<Reply>>>,
    recorded: Arc<Mutex<Vec<Recorded>>>,
    fallback: Arc<Mutex<Option<Reply>>>,
}

pub struct RecordingServer {
    pub addr: SocketAddr,
    shared: Shared,
}

impl RecordingServer {
    /// Starts a server that answers with `script` in order, then with the last reply again.
    pub async fn start(script: Vec<Reply>) -> Self {
        let shared = Shared::default();
        *shared.fallback.lock().unwrap() = script.last().cloned();
        shared.script.lock().unwrap().extend(script);
        let app = axum::Router::new()
            .fallback(handle)
            .with_state(shared.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind 127.0.0.1");
        let addr = listener.local_addr().expect("local addr");
        tokio::spawn(async move {
            axum::serve(listener, app).await.expect("server runs");
        });
        Self { addr, shared }
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn requests(&self) -> Vec<Recorded> {
        self.shared.recorded.lock().unwrap().clone()
    }
}

async fn handle(State(shared): State<Shared>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let body = match axum::body::to_bytes(body, usize::MAX).await {
        Ok(b) => b.to_vec(),
        Err(e) => {
            eprintln!("recording server: body error: {e}");
            Vec::new()
        }
    };
    let mut recorded = Recorded {
        method: parts.method.to_string(),
        path: parts.uri.path().to_string(),
        query: parts.uri.query().map(str::to_string),
        headers: parts.headers.clone(),
        body: body.clone(),
        parts: Vec::new(),
        at: Instant::now(),
    };
    let boundary = parts
        .headers
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .and_then(|c| multer::parse_boundary(c).ok());
    if let Some(boundary) = boundary {
        // multer directly: axum's extractor caps bodies at 2 MB, below the test uploads.
        let stream =
            futures_util::stream::once(
                async move { Ok::<_, std::io::Error>(bytes::Bytes::from(body)) },
            );
        let mut multipart = multer::Multipart::new(stream, boundary);
        loop {
            let field = match multipart.next_field().await {
                Ok(Some(field)) => field,
                Ok(None) => break,
                Err(e) => {
                    eprintln!("recording server: multipart error: {e}");
                    break;
                }
            };
            let name = field.name().unwrap_or_default().to_string();
            let filename = field.file_name().map(str::to_string);
            let content_type = field.content_type().map(|m| m.to_string());
            let bytes = field.bytes().await.map(|b| b.to_vec()).unwrap_or_default();
            let sha256 = crate::sha256_hex(&bytes);
            recorded.parts.push(RecordedPart {
                name,
                filename,
                content_type,
                bytes,
                sha256,
            });
        }
    }
    shared.recorded.lock().unwrap().push(recorded);
    let reply = shared
        .script
        .lock()
        .unwrap()
        .pop_front()
        .or_else(|| shared.fallback.lock().unwrap().clone());
    play(reply.unwrap_or(Reply::text(500, "script exhausted"))).await
}

async fn play(mut reply: Reply) -> Response {
    loop {
        match reply {
            Reply::Delayed(d, inner) => {
                tokio::time::sleep(d).await;
                reply = *inner;
            }
            Reply::Redirect { status, location } => {
                return Response::builder()
                    .status(status)
                    .header("location", location)
                    .body(Body::empty())
                    .expect("valid redirect");
            }
            Reply::Respond {
                status,
                headers,
                body,
            } => {
                let mut response = Response::new(Body::from(body));
                *response.status_mut() = StatusCode::from_u16(status).expect("valid status");
                for (k, v) in headers {
                    response.headers_mut().insert(
                        HeaderName::from_bytes(k.as_bytes()).expect("valid header name"),
                        HeaderValue::from_str(&v).expect("valid header value"),
                    );
                }
                return response;
            }
        }
    }
}

/// A server that accepts connections and closes the first `drops` of them without answering,
/// then relays the rest to `target`.
pub async fn dropping_server(drops: usize, target: SocketAddr) -> (SocketAddr, Arc<Mutex<usize>>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind 127.0.0.1");
    let addr = listener.local_addr().expect("local addr");
    let seen = Arc::new(Mutex::new(0usize));
    let counter = seen.clone();
    tokio::spawn(async move {
        loop {
            let Ok((mut socket, _)) = listener.accept().await else {
                return;
            };
            let n = {
                let mut c = counter.lock().unwrap();
                *c += 1;
                *c
            };
            if n <= drops {
                use tokio::io::AsyncReadExt;
                let mut buf = vec![0u8; 4096];
                // Read part of the request so the client is mid-upload, then reset.
                let _ = socket.read(&mut buf).await;
                drop(socket);
            } else {
                tokio::spawn(async move {
                    if let Ok(mut upstream) = tokio::net::TcpStream::connect(target).await {
                        let _ = tokio::io::copy_bidirectional(&mut socket, &mut upstream).await;
                    }
                });
            }
        }
    });
    (addr, seen)
}

/// For the benchmark servers run as processes: binds 127.0.0.1 on a free port and writes the
/// port to the file named by the first argument, where the benchmark script waits for it.
pub async fn listen_for_bench(program: &str) -> tokio::net::TcpListener {
    let port_file = std::env::args()
        .nth(1)
        .unwrap_or_else(|| panic!("usage: {program} PORT_FILE"));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind 127.0.0.1");
    std::fs::write(
        &port_file,
        listener.local_addr().expect("addr").port().to_string(),
    )
    .expect("write port file");
    listener
}
