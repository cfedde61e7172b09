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
mod tests {
    use super::*;

    type E = Error<()>;

    #[test]
    fn segments_stay_single() {
        let enc = |v: &str| path_segment::<()>("p", v).unwrap();
        assert_eq!(enc("skill_01Ab"), "skill_01Ab");
        assert_eq!(enc("../x"), "..%2Fx");
        assert_eq!(enc("a/b"), "a%2Fb");
        assert_eq!(enc("a?b#c"), "a%3Fb%23c");
        assert_eq!(enc("a b%"), "a%20b%25");
        assert_eq!(enc("é"), "%C3%A9");
        assert_eq!(enc("..."), "...");
        for bad in ["", ".", ".."] {
            assert!(
                matches!(path_segment::<()>("p", bad), Err(E::InvalidInput(_))),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn headers_reject_line_breaks() {
        assert!(header::<()>("x-a", "ok").is_ok());
        for bad in ["a\r\nx-evil: 1", "a\nb", "a\rb"] {
            let err = header::<()>("x-a", bad).unwrap_err();
            assert!(err.to_string().contains("x-a"), "{err}");
        }
    }

    #[test]
    fn text_of_values() {
        assert_eq!(text("a b"), "a b");
        assert_eq!(text(&20), "20");
        assert_eq!(text(&true), "true");
    }

    #[test]
    fn list_values_are_deduplicated_in_order() {
        assert_eq!(
            join_list(&["skills-2025-10-02"], ["skills-2025-10-02", "b"]),
            "skills-2025-10-02,b"
        );
        assert_eq!(join_list(&["a"], ["b,a", " c "]), "a,b,c");
        assert_eq!(join_list(&[], []), "");
    }
}
