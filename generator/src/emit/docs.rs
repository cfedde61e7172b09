//! Doc comments from spec text. The text goes into `#[doc = "..."]` string literals, so no
//! description can close a comment or inject code; code blocks are marked `text` so rustdoc never
//! compiles spec samples as doctests.

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::Docs;

/// Makes spec Markdown safe as rustdoc.
pub fn sanitize(text: &str) -> String {
    let mut out = Vec::new();
    let mut in_fence: Option<String> = None;
    let mut previous_blank = true;
    for line in line_breaks(text).lines() {
        // Markdown reads a tab as four columns; clippy refuses tabs in doc comments.
        let line = &line.replace('\t', "    ");
        let trimmed = line.trim_start();
        let ticks: String = trimmed
            .chars()
            .take_while(|c| *c == '`' || *c == '~')
            .collect();
        if ticks.len() >= 3
            && ticks
                .chars()
                .all(|c| c == ticks.chars().next().unwrap_or('`'))
        {
            match &in_fence {
                None => {
                    in_fence = Some(ticks.clone());
                    out.push(format!("{ticks}text"));
                }
                Some(open) if trimmed.trim_end() == open.as_str() => {
                    in_fence = None;
                    out.push(ticks.clone());
                }
                Some(_) => out.push(line.to_string()),
            }
            previous_blank = false;
            continue;
        }
        if in_fence.is_some() {
            out.push(line.to_string());
            continue;
        }
        // An indented block after a blank line is a code block in Markdown, hence a doctest.
        let indent = line.len() - trimmed.len();
        if previous_blank
            && indent >= 4
            && !trimmed.is_empty()
            && !trimmed.starts_with(['*', '-', '+'])
        {
            out.push(trimmed.to_string());
        } else {
            out.push(line.trim_end().to_string());
        }
        previous_blank = trimmed.is_empty();
    }
    if let Some(open) = in_fence {
        out.push(open);
    }
    while out.last().is_some_and(|l| l.is_empty()) {
        out.pop();
    }
    out.join("\n")
}

/// [`attrs`], or `fallback` when the spec says nothing: every public item has a doc.
pub fn attrs_or(docs: &Docs, fallback: &str) -> TokenStream {
    let mut parts = described(docs);
    if parts.is_empty() {
        parts.push(fallback.to_string());
    }
    lines(&with_values(parts, docs).join("\n\n"))
}

/// `#[doc]` attributes: the title as a first line, then the description, then what the schema
/// says of the values.
pub fn attrs(docs: &Docs) -> TokenStream {
    lines(&with_values(described(docs), docs).join("\n\n"))
}

fn with_values(mut parts: Vec<String>, docs: &Docs) -> Vec<String> {
    parts.extend(docs.values.clone());
    parts
}

/// The title and the description, each a paragraph; a description that starts with the title
/// stands alone.
fn described(docs: &Docs) -> Vec<String> {
    let mut parts = Vec::new();
    if let Some(t) = docs
        .title
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
    {
        parts.push(t.to_string());
    }
    if let Some(d) = docs
        .description
        .as_deref()
        .map(str::trim)
        .filter(|d| !d.is_empty())
    {
        let d = sanitize(d);
        if parts.first().is_none_or(|t| !d.starts_with(t.as_str())) {
            parts.push(d);
        } else {
            parts = vec![d];
        }
    }
    parts
}

/// The text with every line break a `\n`. A carriage return that is not part of a CRLF
/// (`\n\r`, an old Mac line end) breaks the line too: rustc refuses one in a doc comment.
fn line_breaks(text: &str) -> std::borrow::Cow<'_, str> {
    if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n").into()
    } else {
        text.into()
    }
}

/// One `#[doc]` attribute per line, as `///` comments print.
pub fn lines(text: &str) -> TokenStream {
    let text = line_breaks(text);
    let lines = text.lines().map(|l| {
        if l.is_empty() {
            String::new()
        } else {
            format!(" {}", l.replace('\t', "    "))
        }
    });
    quote! { #( #[doc = #lines] )* }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fences_become_text_and_indented_code_is_flattened() {
        assert_eq!(
            sanitize("a\n```\nfn x() {}\n```"),
            "a\n```text\nfn x() {}\n```"
        );
        assert_eq!(sanitize("a\n```python\nx\n```"), "a\n```text\nx\n```");
        assert_eq!(sanitize("a\n\n    code\nb"), "a\n\ncode\nb");
        assert_eq!(
            sanitize("open\n```\nnever closed"),
            "open\n```text\nnever closed\n```"
        );
    }

    #[test]
    fn a_lone_carriage_return_breaks_the_line() {
        assert_eq!(sanitize("a\r\nb\n\r> c\rd"), "a\nb\n\n> c\nd");
        // The literal would spell a carriage return as `\r`.
        assert!(!lines("a\n\r> b\rc").to_string().contains("\\r"));
    }
}
