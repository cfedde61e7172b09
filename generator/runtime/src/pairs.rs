//! Name-value pairs for form bodies and for query parameters whose value is an object, as
//! OpenAPI's `style` and `explode` have them.
//!
//! A query object's default is `form` with `explode`: each member is a parameter of its own
//! (`size=20&page=2`, Spring's `Pageable`). Without `explode` the members and their values are
//! joined into one value (`page=size,20,page,2`), and `deepObject` nests them in brackets
//! (`filter[status]=open`, JSON:API's `page[size]=20`). Deeper objects and lists nest in brackets
//! too (`filter[tags][0]=a`), as Stripe and Rails read them. `null` sends nothing.

use serde_json::Value;

use super::encode::text;

/// How a query object goes on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ObjectStyle {
    /// `form` with `explode` (the default): one pair per member, under the member's name.
    Exploded,
    /// `form` (or a delimited style) without `explode`: one pair whose value joins each member's
    /// name and value with the separator.
    Joined(char),
    /// `deepObject`: one pair per member, under `name[member]`.
    Deep,
}

/// The query pairs of parameter `name` holding `value`. A value that is not an object (a union's
/// string member) is the text of its value, and a list is what a list parameter of the same
/// style sends. The joined style has nowhere to nest, so a nested value there is its JSON text.
pub fn object_pairs<T: serde::Serialize + ?Sized>(
    name: &str,
    value: &T,
    style: ObjectStyle,
) -> Vec<(String, String)> {
    let value = serde_json::to_value(value).unwrap_or(Value::Null);
    let mut out = Vec::new();
    match (style, &value) {
        (ObjectStyle::Joined(sep), Value::Object(members)) => {
            let parts = members
                .iter()
                .filter(|(_, v)| !v.is_null())
                .flat_map(|(k, v)| [k.clone(), text(v)]);
            joined(name, parts, sep, &mut out);
        }
        (ObjectStyle::Joined(sep), Value::Array(items)) => {
            joined(
                name,
                items.iter().filter(|v| !v.is_null()).map(text),
                sep,
                &mut out,
            );
        }
        (ObjectStyle::Deep, _) => bracketed(name.to_string(), &value, &mut out),
        _ => exploded(name, &value, &mut out),
    }
    out
}

/// The pairs of an `application/x-www-form-urlencoded` body, as OpenAPI's encoding of form
/// fields has them. A list is one pair per item under the field's name (`style: form`, the
/// default: Twilio's `CcEmails=a&CcEmails=b`); an object's members are fields of their own. A
/// field in `deep` (`style: deepObject`, Stripe's `metadata` and `expand`) nests in brackets:
/// `metadata[order]=6735`, `expand[0]=customer`, as do lists and objects inside those.
pub fn form_pairs(body: &Value, deep: &[&str]) -> Result<Vec<(String, String)>, String> {
    let Value::Object(fields) = body else {
        return Err("a form body is an object of fields".into());
    };
    let mut out = Vec::new();
    for (name, value) in fields {
        if deep.contains(&name.as_str()) {
            bracketed(name.clone(), value, &mut out);
        } else {
            exploded(name, value, &mut out);
        }
    }
    Ok(out)
}

/// `style: form` with `explode`: a list is one pair per item under `name`, an object's members
/// are pairs of their own (a member's list repeating the member's name); what nests deeper takes
/// brackets.
fn exploded(name: &str, value: &Value, out: &mut Vec<(String, String)>) {
    match value {
        Value::Array(items) => repeated(name, items, out),
        Value::Object(members) => {
            for (member, inner) in members {
                match inner {
                    Value::Array(items) => repeated(member, items, out),
                    _ => bracketed(member.clone(), inner, out),
                }
            }
        }
        _ => bracketed(name.to_string(), value, out),
    }
}

fn repeated(name: &str, items: &[Value], out: &mut Vec<(String, String)>) {
    for (i, item) in items.iter().enumerate() {
        match item {
            Value::Array(_) | Value::Object(_) => bracketed(format!("{name}[{i}]"), item, out),
            Value::Null => {}
            scalar => out.push((name.to_string(), text(scalar))),
        }
    }
}

/// Pairs for `value` under `key`, nesting objects as `key[member]` and lists as `key[index]`.
fn bracketed(key: String, value: &Value, out: &mut Vec<(String, String)>) {
    match value {
        Value::Null => {}
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                bracketed(format!("{key}[{i}]"), item, out);
            }
        }
        Value::Object(members) => {
            for (name, member) in members {
                bracketed(format!("{key}[{name}]"), member, out);
            }
        }
        scalar => out.push((key, text(scalar))),
    }
}

fn joined(
    name: &str,
    parts: impl Iterator<Item = String>,
    sep: char,
    out: &mut Vec<(String, String)>,
) {
    let parts: Vec<String> = parts.collect();
    if !parts.is_empty() {
        out.push((name.to_string(), parts.join(&sep.to_string())));
    }
}

#[cfg(test)]
mod tests;
