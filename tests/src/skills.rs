//! The Skills client as the runtime tests drive it: a client with shrunk backoff, the seed call,
//! and the bodies a server scripts for it.

use std::time::Duration;

use anthropic_skills::{Client, Error, FilePart, types::SkillVersion};
use serde_json::json;

use crate::server::Reply;

/// The first backoff step of [`client_for`], kept short so retry tests run fast.
pub const INITIAL_BACKOFF: Duration = Duration::from_millis(100);

/// A client for `url` with a recognisable key, so tests can check it never leaks.
pub fn client_for(url: &str) -> Client {
    Client::builder()
        .api_key("sk-secret-key")
        .base_url(url)
        .retry_backoff(INITIAL_BACKOFF, Duration::from_secs(1))
        .build()
        .expect("client builds")
}

/// A Create Skill Version response body.
pub fn ok_body() -> serde_json::Value {
    json!({"created_at": "t", "description": "d", "directory": "s", "id": "v", "name": "n", "skill_id": "s", "type": "skill_version", "version": "1"})
}

/// The API's 529 answer, which the SDKs retry.
pub fn overloaded() -> Reply {
    Reply::json(
        529,
        json!({"type": "error", "error": {"type": "overloaded_error", "message": "Overloaded"}, "request_id": null}),
    )
}

/// Create Skill Version with a one-file upload.
pub async fn create(client: &Client) -> Result<SkillVersion, Error> {
    client
        .skills()
        .versions()
        .create("skill_1")
        .files([FilePart::from_bytes("s/SKILL.md", "# s")])
        .send()
        .await
}
