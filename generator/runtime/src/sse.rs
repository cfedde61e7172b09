//! A server-sent events parser that follows the WHATWG rules, fed chunk by chunk as bytes arrive.
//!
//! A chunk may end anywhere: inside a line, inside a UTF-8 character, or between the `\r` and `\n`
//! of a line ending. Lines are decoded only once whole, so a split character is never seen.

use std::collections::VecDeque;

/// One dispatched event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    /// The `event:` field; `None` when the server sent none (the spec's default, `message`).
    pub event: Option<String>,
    /// The `data:` lines joined with `\n`.
    pub data: String,
    /// The last `id:` seen so far in the stream, as the spec carries it over.
    pub id: Option<String>,
    /// The last `retry:` the server asked for, in milliseconds.
    pub retry: Option<u64>,
}

/// Text that is not UTF-8, at this line of the stream (1-based).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotUtf8 {
    pub line: u64,
}

#[derive(Debug, Default)]
pub struct Parser {
    /// The start of a line whose end has not arrived yet.
    partial: Vec<u8>,
    /// The last chunk ended with `\r`: a `\n` opening the next one ends the same line.
    after_cr: bool,
    lines: u64,
    event: Option<String>,
    data: String,
    id: Option<String>,
    retry: Option<u64>,
}

impl Parser {
    pub fn new() -> Self {
        Self::default()
    }

    /// Parses a chunk and appends every event it completes to `out`.
    pub fn feed(&mut self, chunk: &[u8], out: &mut VecDeque<Event>) -> Result<(), NotUtf8> {
        let mut rest = chunk;
        if self.after_cr && !rest.is_empty() {
            self.after_cr = false;
            if rest[0] == b'\n' {
                rest = &rest[1..];
            }
        }
        while let Some(end) = rest.iter().position(|&b| b == b'\n' || b == b'\r') {
            let mut next = end + 1;
            if rest[end] == b'\r' {
                match rest.get(next) {
                    Some(b'\n') => next += 1,
                    Some(_) => {}
                    None => self.after_cr = true,
                }
            }
            if self.partial.is_empty() {
                self.line(&rest[..end], out)?;
            } else {
                let mut line = std::mem::take(&mut self.partial);
                line.extend_from_slice(&rest[..end]);
                self.line(&line, out)?;
                line.clear();
                self.partial = line;
            }
            rest = &rest[next..];
        }
        self.partial.extend_from_slice(rest);
        Ok(())
    }

    /// Whether the bytes so far stop inside an event: a line without its end, or fields without
    /// the blank line that dispatches them. A stream that ends here was cut off.
    pub fn is_mid_event(&self) -> bool {
        !self.partial.is_empty() || !self.data.is_empty() || self.event.is_some()
    }

    fn line(&mut self, bytes: &[u8], out: &mut VecDeque<Event>) -> Result<(), NotUtf8> {
        self.lines += 1;
        let mut bytes = bytes;
        if self.lines == 1 {
            bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        }
        let line = std::str::from_utf8(bytes).map_err(|_| NotUtf8 { line: self.lines })?;
        if line.is_empty() {
            self.dispatch(out);
            return Ok(());
        }
        let (field, value) = match line.split_once(':') {
            Some(("", _)) => return Ok(()), // a comment
            Some((field, value)) => (field, value.strip_prefix(' ').unwrap_or(value)),
            None => (line, ""),
        };
        match field {
            "event" => self.event = Some(value.to_string()),
            "data" => {
                self.data.push_str(value);
                self.data.push('\n');
            }
            "id" if !value.contains('\0') => self.id = Some(value.to_string()),
            "retry" if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) => {
                self.retry = value.parse().ok();
            }
            _ => {}
        }
        Ok(())
    }

    fn dispatch(&mut self, out: &mut VecDeque<Event>) {
        let event = self.event.take();
        if self.data.is_empty() {
            return;
        }
        let mut data = std::mem::take(&mut self.data);
        data.pop(); // the `\n` after the last data line
        out.push_back(Event {
            event,
            data,
            id: self.id.clone(),
            retry: self.retry,
        });
    }
}

#[cfg(test)]
mod tests;
