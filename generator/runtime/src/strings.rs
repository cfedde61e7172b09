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
mod tests;
