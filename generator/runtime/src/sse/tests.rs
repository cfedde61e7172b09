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
