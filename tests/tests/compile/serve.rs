//! Copied by the compile test beside its tests in generated crates: a server on 127.0.0.1 that
//! answers each request with the next of its replies, and records each request line.
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};

/// The server's URL and the request lines it has seen.
pub fn serve(replies: Vec<(u16, &'static str)>) -> (String, Arc<Mutex<Vec<String>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let url = format!("http://{}", listener.local_addr().expect("address"));
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = Arc::clone(&seen);
    std::thread::spawn(move || {
        for (status, body) in replies {
            let (stream, _) = listener.accept().expect("accept");
            let mut reader = BufReader::new(stream);
            let mut line = String::new();
            reader.read_line(&mut line).expect("request line");
            log.lock().expect("log").push(line.trim_end().to_string());
            let mut header = String::new();
            while reader.read_line(&mut header).expect("header") > 2 {
                header.clear();
            }
            write!(
                reader.into_inner(),
                "HTTP/1.1 {status} X\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\
                 connection: close\r\n\r\n{body}",
                body.len()
            )
            .expect("answer");
        }
    });
    (url, seen)
}
