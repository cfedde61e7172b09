//! Keywords written with the wrong JSON type but one reading: `pattern: 0` (api.video),
//! `maxLength: "10"`, `minimum: "0"`, `readOnly: "true"`, `enum: open`. YAML turns an unquoted
//! `0` into a number and a quoted `"10"` into a string, and hand-written documents carry both.
//! The openapiv3 model refuses the whole document over one such keyword; swagger-parser and
//! redocly read the value. Each is read as the type the keyword takes, with a warning naming the
//! place; a value with no reading as that type (`maxLength: ten`) is dropped, also with a
//! warning: it only narrows values, and the type stays.
//!
//! Only keywords are read this way: examples, defaults, constants, enum values, extensions and
//! maps of names (`mapping`, `scopes`, `links`) hold data, whatever their keys.
//!
//! This runs on the document as written, before any conversion, so warnings name the places the
//! user wrote.

use std::path::Path;

use serde_json::{Map, Number, Value};

use crate::diag::Diagnostic;

/// Keywords whose value is text.
const TEXT: &[&str] = &[
    "description",
    "title",
    "summary",
    "pattern",
    "format",
    "operationId",
    "name",
    "version",
];
/// Keywords whose value is a count.
const COUNT: &[&str] = &[
    "maxLength",
    "minLength",
    "maxItems",
    "minItems",
    "maxProperties",
    "minProperties",
];
/// Keywords whose value is a number.
const NUMBER: &[&str] = &["minimum", "maximum", "multipleOf"];
/// Keywords whose value is a flag.
const FLAG: &[&str] = &[
    "readOnly",
    "writeOnly",
    "nullable",
    "deprecated",
    "uniqueItems",
    "required",
    "explode",
    "allowEmptyValue",
    "allowReserved",
];
/// Keys whose value is data, or a map whose keys are names rather than keywords.
const DATA: &[&str] = &[
    "example",
    "examples",
    "default",
    "const",
    "mapping",
    "scopes",
    "links",
    "variables",
];

/// Reads each mistyped keyword as its type, in place, and says what it assumed.
pub fn coerce(file: &Path, doc: &mut Value) -> Vec<Diagnostic> {
    let mut warnings = Vec::new();
    walk(doc, String::new(), &mut |at, message| {
        warnings.push(Diagnostic::at_path(file, at, message));
    });
    warnings
}

fn walk(value: &mut Value, at: String, warn: &mut impl FnMut(String, String)) {
    match value {
        Value::Object(m) => {
            object(m, &at, warn);
            for (key, child) in m.iter_mut() {
                if DATA.contains(&key.as_str()) || key.starts_with("x-") || key == "enum" {
                    continue;
                }
                let child_at = if at.is_empty() {
                    key.clone()
                } else {
                    format!("{at}.{key}")
                };
                walk(child, child_at, warn);
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter_mut().enumerate() {
                walk(item, format!("{at}[{i}]"), warn);
            }
        }
        _ => {}
    }
}

/// The keywords of one object.
fn object(m: &mut Map<String, Value>, at: &str, warn: &mut impl FnMut(String, String)) {
    let place = |key: &str| {
        if at.is_empty() {
            key.to_string()
        } else {
            format!("{at}.{key}")
        }
    };
    let mut dropped = Vec::new();
    for (key, value) in m.iter_mut() {
        let key = key.as_str();
        // A mapping or a list under a keyword's name is a member or a name (a property called
        // `maxLength`), or the model's to refuse; only scalars are read here.
        if (value.is_object() || value.is_array()) && key != "enum" {
            continue;
        }
        let read = if TEXT.contains(&key) {
            as_text(value)
        } else if COUNT.contains(&key) {
            as_count(value)
        } else if NUMBER.contains(&key) {
            as_number(value)
        } else if FLAG.contains(&key) {
            as_flag(value)
        } else if key == "enum" {
            as_list(value)
        } else {
            continue;
        };
        match read {
            Read::Fits => {}
            Read::As(new) => {
                warn(
                    place(key),
                    format!("`{key}` is written as {}: read as {new}", describe(value)),
                );
                *value = new;
            }
            Read::Not(wanted) => {
                warn(
                    place(key),
                    format!(
                        "`{key}` is written as {}, which is not {wanted}: the keyword is ignored",
                        describe(value)
                    ),
                );
                dropped.push(key.to_string());
            }
        }
    }
    for key in dropped {
        m.remove(&key);
    }
}

enum Read {
    /// Already the keyword's type, or a shape this pass leaves to the model (`required: [a]`).
    Fits,
    As(Value),
    /// No reading as the keyword's type, which this names.
    Not(&'static str),
}

fn as_text(value: &Value) -> Read {
    match value {
        Value::Number(n) => Read::As(Value::String(n.to_string())),
        Value::Bool(b) => Read::As(Value::String(b.to_string())),
        _ => Read::Fits,
    }
}

fn as_count(value: &Value) -> Read {
    let count = match value {
        Value::Number(n) if n.is_u64() => return Read::Fits,
        Value::Null => return Read::Fits,
        Value::Number(n) => n.as_f64().filter(|f| f.fract() == 0.0 && *f >= 0.0),
        Value::String(s) => s.trim().parse::<u64>().ok().map(|n| n as f64),
        _ => None,
    };
    match count {
        Some(n) if n <= u32::MAX as f64 => Read::As(Value::from(n as u64)),
        _ => Read::Not("a count"),
    }
}

fn as_number(value: &Value) -> Read {
    match value {
        Value::Number(_) | Value::Null => Read::Fits,
        Value::String(s) => match s.trim().parse::<Number>() {
            Ok(n) => Read::As(Value::Number(n)),
            Err(_) => Read::Not("a number"),
        },
        _ => Read::Not("a number"),
    }
}

fn as_flag(value: &Value) -> Read {
    match value {
        Value::String(s) if s.eq_ignore_ascii_case("true") => Read::As(Value::Bool(true)),
        Value::String(s) if s.eq_ignore_ascii_case("false") => Read::As(Value::Bool(false)),
        Value::Null => Read::Not("true or false"),
        // A schema's `required` list, or a string naming one member: the model's to judge.
        _ => Read::Fits,
    }
}

fn as_list(value: &Value) -> Read {
    match value {
        Value::Array(_) | Value::Null | Value::Object(_) => Read::Fits,
        one => Read::As(Value::Array(vec![one.clone()])),
    }
}

fn describe(value: &Value) -> String {
    match value {
        Value::String(s) => format!("the string {s:?}"),
        other => format!("`{other}`"),
    }
}

#[cfg(test)]
mod tests;
