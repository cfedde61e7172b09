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
mod tests {
    use super::*;

    fn parse_chunks(chunks: &[&[u8]]) -> (Vec<Event>, bool) {
        let mut parser = Parser::new();
        let mut out = VecDeque::new();
        for chunk in chunks {
            parser.feed(chunk, &mut out).unwrap();
        }
        (out.into(), parser.is_mid_event())
    }

    fn named(event: &str, data: &str) -> (Option<String>, String) {
        (Some(event.to_string()), data.to_string())
    }

    fn pairs(events: &[Event]) -> Vec<(Option<String>, String)> {
        events
            .iter()
            .map(|e| (e.event.clone(), e.data.clone()))
            .collect()
    }

    const TRANSCRIPT: &str = "event: message_start\ndata: {\"type\":\"message_start\"}\n\n\
        event: ping\ndata: {\"type\": \"ping\"}\n\n\
        : a comment\n\
        event: content_block_delta\ndata: {\"text\":\"h\u{e9}llo \u{1F600}\"}\n\n";

    #[test]
    fn events_fields_and_comments() {
        let (events, mid) = parse_chunks(&[TRANSCRIPT.as_bytes()]);
        assert_eq!(
            pairs(&events),
            vec![
                named("message_start", "{\"type\":\"message_start\"}"),
                named("ping", "{\"type\": \"ping\"}"),
                named("content_block_delta", "{\"text\":\"h\u{e9}llo \u{1F600}\"}"),
            ]
        );
        assert!(!mid);
    }

    #[test]
    fn every_split_point_and_line_ending_gives_the_same_events() {
        let expected = parse_chunks(&[TRANSCRIPT.as_bytes()]).0;
        for ending in ["\n", "\r\n", "\r"] {
            let text = TRANSCRIPT.replace('\n', ending);
            let bytes = text.as_bytes();
            // Every single split, including inside the multi-byte characters and inside `\r\n`.
            for at in 0..=bytes.len() {
                let (events, mid) = parse_chunks(&[&bytes[..at], &bytes[at..]]);
                assert_eq!(events, expected, "ending {ending:?}, split at {at}");
                assert!(!mid);
            }
            // One byte at a time.
            let singles: Vec<&[u8]> = bytes.chunks(1).collect();
            assert_eq!(parse_chunks(&singles).0, expected, "ending {ending:?}");
        }
    }

    #[test]
    fn multi_line_data_is_joined_with_newlines() {
        let (events, _) = parse_chunks(&[b"data: first\ndata:second\ndata\ndata:  two spaces\n\n"]);
        assert_eq!(
            pairs(&events),
            vec![(None, "first\nsecond\n\n two spaces".to_string())]
        );
    }

    #[test]
    fn a_block_without_data_dispatches_nothing_and_resets_the_name() {
        let (events, _) = parse_chunks(&[b"event: lonely\n\ndata: x\n\n"]);
        assert_eq!(pairs(&events), vec![(None, "x".to_string())]);
    }

    #[test]
    fn empty_data_is_an_event() {
        let (events, _) = parse_chunks(&[b"event: e\ndata:\n\n"]);
        assert_eq!(pairs(&events), vec![named("e", "")]);
    }

    #[test]
    fn id_and_retry_carry_over_and_bad_ones_are_ignored() {
        let (events, _) =
            parse_chunks(&[b"id: 7\nretry: 1500\ndata: a\n\nretry: soon\nid: x\0y\ndata: b\n\n"]);
        assert_eq!(events[0].id.as_deref(), Some("7"));
        assert_eq!(events[0].retry, Some(1500));
        assert_eq!(events[1].id.as_deref(), Some("7"));
        assert_eq!(events[1].retry, Some(1500));
    }

    #[test]
    fn a_leading_byte_order_mark_is_dropped() {
        let (events, _) = parse_chunks(&[b"\xEF\xBB", b"\xBFdata: a\n\n"]);
        assert_eq!(pairs(&events), vec![(None, "a".to_string())]);
    }

    #[test]
    fn a_stream_cut_inside_an_event_is_mid_event() {
        assert!(parse_chunks(&[b"event: message_delta\ndata: {\"ty"]).1);
        assert!(parse_chunks(&[b"event: message_delta\ndata: {}\n"]).1);
        assert!(parse_chunks(&[b"event: message_delta\n"]).1);
        assert!(!parse_chunks(&[b"data: {}\n\n: trailing comment\n"]).1);
    }

    #[test]
    fn invalid_utf8_names_the_line() {
        let mut parser = Parser::new();
        let mut out = VecDeque::new();
        let err = parser
            .feed(b"data: ok\n\ndata: \xFF\xFE\n\n", &mut out)
            .unwrap_err();
        assert_eq!(err, NotUtf8 { line: 3 });
        assert_eq!(out.len(), 1);
    }
}
