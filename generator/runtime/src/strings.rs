//! Serde for the generated string types: one-value consts and enums with an `Other` fallback.
//!
//! serde's derive expands a unit-variant enum into a field visitor, a variant visitor and, for an
//! untagged fallback, content buffering: about 160 lines per type, which dominated `cargo check`
//! of large generated crates. These types are strings on the wire, so the generated impls call
//! the two small functions here instead.

use std::fmt;

use serde::de::{self, Deserializer, Visitor};

/// Reads a string without copying it when the input allows, and passes it to `f`.
pub fn with_str<'de, D, T>(
    d: D,
    expecting: &'static str,
    f: impl FnOnce(&str) -> Result<T, &'static str>,
) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
{
    struct StrVisitor<F> {
        expecting: &'static str,
        f: F,
    }
    impl<'de, T, F: FnOnce(&str) -> Result<T, &'static str>> Visitor<'de> for StrVisitor<F> {
        type Value = T;
        fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
            formatter.write_str(self.expecting)
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<T, E> {
            let expecting = self.expecting;
            (self.f)(v).map_err(|_| E::invalid_value(de::Unexpected::Str(v), &expecting))
        }
    }
    d.deserialize_str(StrVisitor { expecting, f })
}

/// Deserializes the one string a const type allows.
pub fn constant<'de, D: Deserializer<'de>>(d: D, value: &'static str) -> Result<(), D::Error> {
    with_str(d, value, |s| if s == value { Ok(()) } else { Err(value) })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq)]
    struct Tag;
    impl<'de> serde::Deserialize<'de> for Tag {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            constant(d, "message").map(|()| Tag)
        }
    }

    #[derive(Debug, PartialEq)]
    enum Color {
        Red,
        Other(String),
    }
    impl<'de> serde::Deserialize<'de> for Color {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            with_str(d, "a string", |s| {
                Ok(match s {
                    "red" => Color::Red,
                    other => Color::Other(other.to_string()),
                })
            })
        }
    }

    #[test]
    fn constants_accept_their_value_only() {
        assert_eq!(serde_json::from_str::<Tag>(r#""message""#).unwrap(), Tag);
        let err = serde_json::from_str::<Tag>(r#""error""#)
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("\"error\"") && err.contains("message"),
            "{err}"
        );
        assert!(serde_json::from_str::<Tag>("1").is_err());
        // Escaped strings arrive owned, not borrowed; both work.
        assert_eq!(
            serde_json::from_str::<Tag>(r#""mess\u0061ge""#).unwrap(),
            Tag
        );
    }

    #[test]
    fn enums_keep_values_they_do_not_know() {
        assert_eq!(
            serde_json::from_str::<Color>(r#""red""#).unwrap(),
            Color::Red
        );
        assert_eq!(
            serde_json::from_str::<Color>(r#""teal""#).unwrap(),
            Color::Other("teal".into())
        );
        assert!(serde_json::from_str::<Color>("null").is_err());
        // Inside an internally tagged union serde buffers the value first; that path works too.
        let v: serde_json::Value = serde_json::json!("red");
        assert_eq!(serde_json::from_value::<Color>(v).unwrap(), Color::Red);
    }
}
