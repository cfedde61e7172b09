//! Tracing output of a retried call. This is its own test binary, with one test and a global
//! subscriber: tracing caches each call site's interest process-wide, and a call site first hit by
//! a concurrent test while no subscriber was installed could stay disabled for a scoped one.

use std::sync::{Arc, Mutex};

use tests::server::{RecordingServer, Reply};
use tests::skills::{client_for, create, ok_body, overloaded};

/// A writer the subscriber appends to, shared with the test.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl std::io::Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn each_attempt_is_a_traced_span_without_the_key() {
    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_writer(move || writer.clone())
        .with_ansi(false)
        .with_max_level(tracing::Level::TRACE)
        .with_span_events(tracing_subscriber::fmt::format::FmtSpan::CLOSE)
        .finish();
    tracing::subscriber::set_global_default(subscriber).expect("the only subscriber");
    let server = RecordingServer::start(vec![overloaded(), Reply::json(200, ok_body())]).await;
    create(&client_for(&server.url())).await.expect("retried");
    let log = String::from_utf8(captured.0.lock().unwrap().clone()).expect("utf-8 log");
    assert!(
        log.contains("attempt{attempt=1 method=POST path=/v1/skills/skill_1/versions}"),
        "{log}"
    );
    assert!(
        log.contains("retrying") && log.contains("delay_ms="),
        "{log}"
    );
    assert!(
        log.contains("attempt{attempt=2 method=POST"),
        "the retry has its own span: {log}"
    );
    assert!(
        !log.contains("sk-secret-key"),
        "the key reached the logs: {log}"
    );
}
