//! A byte-order mark before a JSON body. Some servers (IIS and other .NET stacks among them)
//! start a UTF-8 body with one. JSON forbids it, and serde reads it as an error at the first
//! byte, while the official SDKs' clients drop it (Python's `json.loads` on bytes, and `fetch`'s
//! `text()`). It carries no data, so every reading of a JSON body skips it; the body as
//! received keeps it.

/// `body` without a leading UTF-8 byte-order mark.
pub fn json_text(body: &[u8]) -> &[u8] {
    body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(body)
}

#[cfg(test)]
mod tests;
