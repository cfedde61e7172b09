//! Encoding of values into URLs and headers.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use reqwest::header::{HeaderName, HeaderValue};

use super::error::Error;

/// Everything but RFC 3986 unreserved characters is escaped, so a value is always one segment.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Encodes a path parameter as exactly one path segment.
///
/// `/`, `?`, `#`, `%` and spaces are escaped. An empty value, `.` and `..` are refused: the first
/// would change which endpoint is called, and URL parsers resolve the others (even escaped as
/// `%2E%2E`) as "this" and "parent" segments.
pub fn path_segment<E>(param: &str, value: &str) -> Result<String, Error<E>> {
    match value {
        "" => Err(Error::InvalidInput(format!(
            "path parameter `{param}` is empty"
        ))),
        "." | ".." => Err(Error::InvalidInput(format!(
            "path parameter `{param}` cannot be `{value}`"
        ))),
        _ => Ok(utf8_percent_encode(value, SEGMENT).to_string()),
    }
}

/// Encodes a path parameter whose value is itself a path (a resource id such as
/// `subscriptions/1/resourceGroups/rg`): its slashes stay, and each piece between them is
/// escaped as [`path_segment`] escapes a value. Slashes at either end are dropped, as the
/// template has its own around the parameter; a value that is empty without them, or has a `.`
/// or `..` piece, is refused, as either would change which endpoint is called.
pub fn path_segments<E>(param: &str, value: &str) -> Result<String, Error<E>> {
    // An empty piece (`a//b`) stays empty; any other is one segment as `path_segment` has it.
    let pieces = value
        .trim_matches('/')
        .split('/')
        .map(|piece| match piece {
            "" => Ok(String::new()),
            _ => path_segment(param, piece),
        })
        .collect::<Result<Vec<_>, _>>()?;
    match pieces.join("/") {
        path if path.is_empty() => Err(Error::InvalidInput(format!(
            "path parameter `{param}` is empty"
        ))),
        path => Ok(path),
    }
}

/// Encodes a list path parameter as the `simple` style has it: each item escaped as
/// [`path_segment`] escapes a value, joined by literal commas (`a,b`). An empty list, or an
/// empty item, is refused as an empty value is.
pub fn path_list<E, T: serde::Serialize>(param: &str, values: &[T]) -> Result<String, Error<E>> {
    if values.is_empty() {
        return Err(Error::InvalidInput(format!(
            "path parameter `{param}` is an empty list"
        )));
    }
    let items = values
        .iter()
        .map(|v| path_segment(param, &text(v)))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(items.join(","))
}

/// Checks a header before anything is sent: CR, LF or NUL in a value would let a caller inject
/// headers or split the request.
pub fn header<E>(name: &str, value: &str) -> Result<(HeaderName, HeaderValue), Error<E>> {
    let header_name = HeaderName::from_bytes(name.as_bytes())
        .map_err(|_| Error::InvalidInput(format!("`{name}` is not a valid header name")))?;
    if value.bytes().any(|b| b == b'\r' || b == b'\n' || b == 0) {
        return Err(Error::InvalidInput(format!(
            "header `{name}` contains a CR, LF or NUL character"
        )));
    }
    let header_value = HeaderValue::from_str(value).map_err(|_| {
        Error::InvalidInput(format!(
            "header `{name}` has a value that is not visible ASCII"
        ))
    })?;
    Ok((header_name, header_value))
}

/// The text of a parameter value: strings as they are, numbers and booleans as JSON prints them,
/// and anything else as JSON text.
pub fn text<T: serde::Serialize + ?Sized>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        Ok(other) => other.to_string(),
        Err(_) => String::new(),
    }
}

/// Joins list-header values: defaults first, then the caller's, each once, in first-seen order,
/// with `,` and no spaces.
pub fn join_list<'a>(defaults: &'a [&'a str], given: impl IntoIterator<Item = &'a str>) -> String {
    let mut seen: Vec<&str> = Vec::new();
    for v in defaults.iter().copied().chain(given) {
        for part in v.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            if !seen.contains(&part) {
                seen.push(part);
            }
        }
    }
    seen.join(",")
}

#[cfg(test)]
mod tests;
