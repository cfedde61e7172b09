//! A server on 127.0.0.1 that plays back scripted HTTP/1.1 responses over a raw socket, body piece
//! by piece, each piece its own chunk of the chunked encoding, with a pause between them. The
//! client then reads the body in exactly the pieces the test chose: split inside a line, a UTF-8
//! character or a `\r\n`. A response can also be cut off: the socket closes before the last chunk.
//!
//! It needs only tokio and std, so that the tests of a generated crate can carry it as a module.

#![allow(dead_code)]

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// One scripted response.
#[derive(Debug, Clone)]
pub struct Playback {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    /// The body, in the pieces the client will read it in.
    pub pieces: Vec<Vec<u8>>,
    /// Close the connection after the pieces, without the chunked encoding's last chunk.
    pub cut: bool,
    /// The pause between pieces, so that each arrives in its own read.
    pub pause: Duration,
}

impl Playback {
    pub fn new(status: u16, content_type: &str, body: impl Into<Vec<u8>>) -> Self {
        Self {
            status,
            headers: vec![
                ("content-type".into(), content_type.into()),
                ("request-id".into(), "req_replay".into()),
            ],
            pieces: vec![body.into()],
            cut: false,
            pause: Duration::from_millis(2),
        }
    }

    /// Splits the body before each of these offsets (in any order; out-of-range ones are dropped).
    pub fn split_at(mut self, offsets: &[usize]) -> Self {
        let body: Vec<u8> = self.pieces.concat();
        let mut cuts: Vec<usize> = offsets
            .iter()
            .copied()
            .filter(|&o| o > 0 && o < body.len())
            .collect();
        cuts.sort_unstable();
        cuts.dedup();
        let mut pieces = Vec::new();
        let mut start = 0;
        for cut in cuts.into_iter().chain([body.len()]) {
            pieces.push(body[start..cut].to_vec());
            start = cut;
        }
        self.pieces = pieces;
        self
    }

    /// Splits the body into pieces of `size` bytes.
    pub fn every(self, size: usize) -> Self {
        let len: usize = self.pieces.iter().map(Vec::len).sum();
        let offsets: Vec<usize> = (size..len).step_by(size.max(1)).collect();
        self.split_at(&offsets)
    }

    /// Ends the connection after the first `bytes` bytes of the body, mid-response.
    pub fn cut_after(self, bytes: usize) -> Self {
        let body: Vec<u8> = self.pieces.concat();
        let keep = bytes.min(body.len());
        let mut out = self;
        out.pieces = vec![body[..keep].to_vec()];
        out.cut = true;
        out
    }

    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }
}

/// A request as the server received it.
#[derive(Debug, Clone)]
pub struct Received {
    /// The request line, e.g. `POST /v1/messages HTTP/1.1`.
    pub line: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Received {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

pub struct ReplayServer {
    addr: SocketAddr,
    received: Arc<Mutex<Vec<Received>>>,
}

impl ReplayServer {
    /// Answers the n-th connection with the n-th playback; once the script is used up, with 500.
    pub async fn start(script: Vec<Playback>) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let addr = listener.local_addr().expect("local address");
        let received = Arc::new(Mutex::new(Vec::new()));
        let log = received.clone();
        tokio::spawn(async move {
            let mut script = script.into_iter();
            while let Ok((socket, _)) = listener.accept().await {
                let playback = script
                    .next()
                    .unwrap_or_else(|| Playback::new(500, "text/plain", "script used up"));
                let log = log.clone();
                tokio::spawn(async move {
                    let _ = serve(socket, playback, log).await;
                });
            }
        });
        Self { addr, received }
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn received(&self) -> Vec<Received> {
        self.received.lock().expect("lock").clone()
    }
}

async fn serve(
    mut socket: TcpStream,
    playback: Playback,
    log: Arc<Mutex<Vec<Received>>>,
) -> std::io::Result<()> {
    socket.set_nodelay(true)?;
    let request = read_request(&mut socket).await?;
    log.lock().expect("lock").push(request);
    let mut head = format!("HTTP/1.1 {} Replay\r\n", playback.status);
    for (name, value) in &playback.headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("transfer-encoding: chunked\r\nconnection: close\r\n\r\n");
    socket.write_all(head.as_bytes()).await?;
    socket.flush().await?;
    for piece in playback.pieces.iter().filter(|p| !p.is_empty()) {
        tokio::time::sleep(playback.pause).await;
        let mut chunk = format!("{:x}\r\n", piece.len()).into_bytes();
        chunk.extend_from_slice(piece);
        chunk.extend_from_slice(b"\r\n");
        socket.write_all(&chunk).await?;
        socket.flush().await?;
    }
    if !playback.cut {
        socket.write_all(b"0\r\n\r\n").await?;
    }
    socket.flush().await?;
    socket.shutdown().await
}

async fn read_request(socket: &mut TcpStream) -> std::io::Result<Received> {
    let mut data = Vec::new();
    let mut buf = [0u8; 8192];
    let head_end = loop {
        if let Some(i) = data.windows(4).position(|w| w == b"\r\n\r\n") {
            break i;
        }
        let n = socket.read(&mut buf).await?;
        if n == 0 {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        data.extend_from_slice(&buf[..n]);
    };
    let head = String::from_utf8_lossy(&data[..head_end]).into_owned();
    let mut lines = head.split("\r\n");
    let line = lines.next().unwrap_or_default().to_string();
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_string(), v.trim().to_string()))
        .collect();
    let length: usize = headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case("content-length"))
        .and_then(|(_, v)| v.parse().ok())
        .unwrap_or(0);
    let mut body = data[head_end + 4..].to_vec();
    while body.len() < length {
        let n = socket.read(&mut buf).await?;
        if n == 0 {
            break;
        }
        body.extend_from_slice(&buf[..n]);
    }
    Ok(Received {
        line,
        headers,
        body,
    })
}
