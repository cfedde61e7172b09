//! Samples of scalar schemas: a string that meets its enum, format, pattern and lengths, and
//! numbers that meet their bounds.

use openapiv3::{IntegerType, NumberType, StringFormat, StringType, VariantOrUnknownOrEmpty};
use serde_json::{Value, json};

use super::pattern;

pub(super) fn string(s: &StringType) -> Value {
    if let Some(first) = s.enumeration.iter().flatten().next() {
        return Value::String(first.clone());
    }
    let by_format = match &s.format {
        VariantOrUnknownOrEmpty::Item(f) => match f {
            StringFormat::Date => Some("2024-01-01"),
            StringFormat::DateTime => Some("2024-01-01T00:00:00Z"),
            StringFormat::Password => Some("password"),
            StringFormat::Byte => Some("AAAA"),
            StringFormat::Binary => Some("binary"),
        },
        VariantOrUnknownOrEmpty::Unknown(f) => match f.as_str() {
            "uuid" => Some("00000000-0000-4000-8000-000000000000"),
            "email" => Some("user@example.com"),
            "uri" | "url" | "uri-reference" => Some("https://example.com"),
            "hostname" => Some("example.com"),
            "ipv4" => Some("192.0.2.1"),
            "ipv6" => Some("2001:db8::1"),
            "time" => Some("00:00:00Z"),
            "duration" => Some("P1D"),
            _ => None,
        },
        VariantOrUnknownOrEmpty::Empty => None,
    };
    // The format's value when the pattern takes it; else what the pattern makes (AWS marks
    // e-mail addresses and key ARNs `format: password`, which constrains nothing).
    let from_pattern = s
        .pattern
        .as_deref()
        .filter(|p| by_format.is_none_or(|t| !pattern::matches(p, t)))
        .and_then(|p| pattern::sample(p, s.min_length, s.max_length));
    let text = match (from_pattern, by_format) {
        (Some(text), _) => return Value::String(text),
        (None, Some(t)) => t.to_string(),
        (None, None) => "string".into(),
    };
    Value::String(fit_length(text, s.min_length, s.max_length))
}

fn fit_length(mut text: String, min: Option<usize>, max: Option<usize>) -> String {
    let len = text.chars().count();
    if let Some(min) = min
        && len < min
    {
        text.extend(std::iter::repeat_n('x', min - len));
    }
    if let Some(max) = max {
        text = text.chars().take(max).collect();
    }
    text
}

pub(super) fn integer(i: &IntegerType) -> Value {
    if let Some(first) = i.enumeration.iter().flatten().next() {
        return json!(first);
    }
    let mut low = i
        .minimum
        .map(|m| if i.exclusive_minimum { m + 1 } else { m });
    let high = i
        .maximum
        .map(|m| if i.exclusive_maximum { m - 1 } else { m });
    if let (Some(l), Some(h)) = (low, high)
        && l > h
    {
        low = Some(h);
    }
    let mut value = low.unwrap_or(1).max(1);
    if let Some(h) = high {
        value = value.min(h);
    }
    if let Some(step) = i.multiple_of.filter(|s| *s > 0)
        && value % step != 0
    {
        value += step - value.rem_euclid(step);
    }
    json!(value)
}

pub(super) fn number(n: &NumberType) -> Value {
    if let Some(first) = n.enumeration.iter().flatten().next() {
        return json!(first);
    }
    let low = n
        .minimum
        .map(|m| if n.exclusive_minimum { m + 0.5 } else { m });
    let high = n
        .maximum
        .map(|m| if n.exclusive_maximum { m - 0.5 } else { m });
    let mut value = low.map_or(1.0, |l| l.max(1.0).min(high.unwrap_or(f64::MAX)));
    if let Some(h) = high
        && value > h
    {
        value = (low.unwrap_or(h) + h) / 2.0;
    }
    if value.fract() == 0.0 && value.abs() < 1e15 {
        json!(value as i64)
    } else {
        json!(value)
    }
}
