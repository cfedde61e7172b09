//! Spec paths back to lines: a diagnostic that names `paths./x.post.parameters[1].schema` also
//! gets the line and column where that key is written, in the file the user wrote.
//!
//! The JSON values the pipeline works on carry no positions, so the file is read again with
//! granit-parser's event stream (the parser under serde-saphyr; it also reads JSON), and only when
//! there is something to report. A path that does not exist as written, such as a component
//! hoisted from another file or a part of a page that the loader builds, gets no line: a line for
//! its nearest ancestor would point at the wrong thing.

use std::borrow::Cow;
use std::path::Path;

use granit_parser::{Event, Marker, Parser};

use super::SpecSource;
use crate::diag::{Diagnostics, Location};

/// Adds the line and column to every diagnostic whose spec path is found in its file. Files are
/// taken from `sources`, or read from disk for the files that references led to.
pub fn attach_lines(diags: &mut Diagnostics, sources: &[SpecSource]) {
    let mut cache: Vec<(std::path::PathBuf, Option<Cow<'_, str>>)> = Vec::new();
    for d in &mut diags.0 {
        let Location::SpecPath(path) = &d.location else {
            continue;
        };
        let text = match cache.iter().position(|(f, _)| *f == d.file) {
            Some(i) => &cache[i].1,
            None => {
                let text = match sources.iter().find(|s| s.path == d.file) {
                    Some(s) => Some(Cow::Borrowed(s.text.as_str())),
                    None => std::fs::read_to_string(&d.file).ok().map(Cow::Owned),
                };
                cache.push((d.file.clone(), text));
                &cache.last().expect("just pushed").1
            }
        };
        if let Some((line, col)) = text
            .as_deref()
            .and_then(|t| locate_in_file(&d.file, t, path))
        {
            d.location = Location::SpecLine {
                path: path.clone(),
                line,
                col,
            };
        }
    }
}

/// The 1-based line and column of `path` in a file: a Mintlify page's fenced block, or a whole
/// YAML or JSON document.
fn locate_in_file(file: &Path, text: &str, path: &str) -> Option<(usize, usize)> {
    let is_page = matches!(
        file.extension().and_then(|e| e.to_str()),
        Some("md" | "mdx")
    );
    if is_page {
        let fence = super::mintlify::find_fence(file, text).ok()?;
        let (line, col) = locate(fence.body, path)?;
        return Some((line + fence.line_offset, col));
    }
    locate(text, path)
}

/// The 1-based line and column where the key (or item) that `path` names is written.
pub fn locate(text: &str, path: &str) -> Option<(usize, usize)> {
    // Only nodes: anchors and comments (when a feature turns them on) are not part of the tree.
    let mut events = Parser::new_from_str(text)
        .filter_map(Result::ok)
        .filter(|(e, _)| {
            matches!(
                e,
                Event::StreamStart
                    | Event::DocumentStart(..)
                    | Event::Scalar(..)
                    | Event::Alias(..)
                    | Event::UnresolvedAlias(..)
                    | Event::SequenceStart(..)
                    | Event::SequenceEnd
                    | Event::MappingStart(..)
                    | Event::MappingEnd
            )
        });
    let root = loop {
        match events.next()? {
            (Event::StreamStart | Event::DocumentStart(..), _) => continue,
            (event, span) => break build(event, span.start, &mut events)?,
        }
    };
    let marker = if matches!(path, "" | "$") {
        root.start
    } else {
        find(&root, path)?
    };
    Some((marker.line(), marker.col() + 1))
}

struct Node {
    start: Marker,
    kind: Kind,
}

enum Kind {
    /// Keys with where each is written, and their values.
    Map(Vec<(String, Marker, Node)>),
    Seq(Vec<Node>),
    Leaf,
}

/// The node that `event` opens, with all it holds. `None` when the stream ends early.
fn build<'a>(
    event: Event<'a>,
    start: Marker,
    events: &mut impl Iterator<Item = (Event<'a>, granit_parser::Span)>,
) -> Option<Node> {
    let kind = match event {
        Event::MappingStart(..) => {
            let mut entries = Vec::new();
            loop {
                let (key_event, key_span) = events.next()?;
                if matches!(key_event, Event::MappingEnd) {
                    break;
                }
                let key = match &key_event {
                    Event::Scalar(text, ..) => text.to_string(),
                    _ => String::new(),
                };
                build(key_event, key_span.start, events)?;
                let (value_event, value_span) = events.next()?;
                entries.push((
                    key,
                    key_span.start,
                    build(value_event, value_span.start, events)?,
                ));
            }
            Kind::Map(entries)
        }
        Event::SequenceStart(..) => {
            let mut items = Vec::new();
            loop {
                let (item, span) = events.next()?;
                if matches!(item, Event::SequenceEnd) {
                    break;
                }
                items.push(build(item, span.start, events)?);
            }
            Kind::Seq(items)
        }
        _ => Kind::Leaf,
    };
    Some(Node { start, kind })
}

/// Follows a dotted spec path (`a.b[2].c`; keys may hold dots, so every key that fits is tried).
fn find(node: &Node, rest: &str) -> Option<Marker> {
    match &node.kind {
        Kind::Seq(items) => {
            let inner = rest.strip_prefix('[').unwrap_or(rest);
            let digits = inner.len() - inner.trim_start_matches(|c: char| c.is_ascii_digit()).len();
            let index: usize = inner[..digits].parse().ok()?;
            let after = &inner[digits..];
            let after = after.strip_prefix(']').unwrap_or(after);
            let item = items.get(index)?;
            match after.strip_prefix('.').unwrap_or(after) {
                "" => Some(item.start),
                deeper => find(item, deeper),
            }
        }
        Kind::Map(entries) => entries.iter().find_map(|(key, at, value)| {
            let after = rest.strip_prefix(key.as_str())?;
            if after.is_empty() {
                return Some(*at);
            }
            if after.starts_with('[') {
                return find(value, after);
            }
            find(value, after.strip_prefix('.')?)
        }),
        Kind::Leaf => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const YAML: &str = "\
openapi: 3.0.0
paths:
  /v1/x.json:
    post:
      parameters:
        - name: a
          in: query
        - name: b
          schema:
            type: strin
  /v1/x:
    get: {}
";

    #[test]
    fn finds_keys_holding_dots_and_items_by_index() {
        assert_eq!(locate(YAML, "paths./v1/x.json.post"), Some((4, 5)));
        assert_eq!(locate(YAML, "paths./v1/x.get"), Some((12, 5)));
        assert_eq!(
            locate(YAML, "paths./v1/x.json.post.parameters[1].schema.type"),
            Some((10, 13))
        );
        assert_eq!(
            locate(YAML, "paths./v1/x.json.post.parameters[1]"),
            Some((8, 11))
        );
    }

    #[test]
    fn reads_json() {
        let json =
            "{\n  \"swagger\": \"2.0\",\n  \"paths\": {\n    \"/a\": {\"get\": {}}\n  }\n}\n";
        assert_eq!(locate(json, "paths./a.get"), Some((4, 12)));
    }

    #[test]
    fn a_path_not_written_gets_no_line() {
        assert_eq!(locate(YAML, "paths./v1/y"), None);
        assert_eq!(locate(YAML, "paths./v1/x.json.post.parameters[5]"), None);
        assert_eq!(locate(YAML, "components.schemas.Pet"), None);
        assert_eq!(locate(YAML, "openapi.x"), None);
        assert_eq!(locate("a: [", "a"), None);
    }
}
