//! Deserialize for the generated structs: members read as they arrive, the rest kept.
//!
//! serde's derive, on a struct whose unknown members go into a `#[serde(flatten)]` map, expands
//! into a field visitor (five `visit_*` methods and `expecting`), a map visitor that buffers
//! unknown members as `Content`, and the map's own decoding from that buffer. Over a large API
//! that was the biggest share of `cargo check` of the generated crate. A generated struct instead
//! implements [`Object::visit`], one loop over its members that calls the small functions here,
//! and [`deserialize`] supplies the visitor. The generated code writes both impls as one call of
//! [`impl_deserialize!`], a struct literal that pairs each field with its member's name. What decodes, what fails and how the error reads
//! are serde's derive's: members are read as they arrive, so a bad one is named by its path; a
//! repeated member and a missing required one are errors; a missing `Option` member is `None`.

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserialize, Deserializer, MapAccess, Visitor};

/// `Deserialize` and [`Object`] for a struct, written as a struct literal whose fields hold their
/// members' names and whose base is the field that keeps the unknown members:
///
/// ```text
/// impl_deserialize!(Pet { name: "name", kind: "type", ..extra });
/// ```
///
/// Every field reads through [`required`], which gives a missing `Option` member `None` and
/// fails for any other missing member, as serde's derive does with `#[serde(default)]` on the
/// optional fields.
#[allow(unused_macros)]
macro_rules! impl_deserialize {
    ($name:ident { $($field:ident: $wire:literal,)* ..$extra:ident }) => {
        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(
                d: D,
            ) -> ::core::result::Result<Self, D::Error> {
                $crate::runtime::object::deserialize(d)
            }
        }
        #[allow(deprecated)]
        impl $crate::runtime::object::Object for $name {
            const NAME: &'static str = stringify!($name);
            fn visit<'de, A: serde::de::MapAccess<'de>>(
                mut map: A,
            ) -> ::core::result::Result<Self, A::Error> {
                $(let mut $field = ::core::option::Option::None;)*
                let mut $extra = $crate::runtime::object::Extra::new();
                while let ::core::option::Option::Some(key) =
                    $crate::runtime::object::next_key(&mut map)?
                {
                    $crate::runtime::object::impl_deserialize!(@member key, map, $extra,
                        $($field $wire)*);
                }
                ::core::result::Result::Ok(Self {
                    $($field: $crate::runtime::object::required($field, $wire)?,)*
                    $extra,
                })
            }
        }
    };
    // With no named members every member is kept; a `match` with one arm would be linted.
    (@member $key:ident, $map:ident, $extra:ident,) => {
        $crate::runtime::object::keep(&mut $extra, $key, &mut $map)?
    };
    (@member $key:ident, $map:ident, $extra:ident, $($field:ident $wire:literal)+) => {
        match &*$key {
            $($wire => $crate::runtime::object::set(&mut $field, $wire, &mut $map)?,)+
            _ => $crate::runtime::object::keep(&mut $extra, $key, &mut $map)?,
        }
    };
}
#[allow(unused_imports)]
pub(crate) use impl_deserialize;

/// The members a struct does not name, as received.
pub type Extra = serde_json::Map<String, serde_json::Value>;

/// A struct decoded from a map, member by member.
pub trait Object: Sized {
    /// The type's name, as serde's derive names it in errors ("expected struct Pet").
    const NAME: &'static str;
    /// Reads every member from `map`.
    fn visit<'de, A: MapAccess<'de>>(map: A) -> Result<Self, A::Error>;
}

/// `Deserialize::deserialize` for a generated struct.
pub fn deserialize<'de, T: Object, D: Deserializer<'de>>(d: D) -> Result<T, D::Error> {
    d.deserialize_map(ObjectVisitor::<T>(PhantomData))
}

struct ObjectVisitor<T>(PhantomData<T>);

impl<'de, T: Object> Visitor<'de> for ObjectVisitor<T> {
    type Value = T;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "struct {}", T::NAME)
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
        T::visit(map)
    }
}

/// A member's name, borrowed from the input when it can be.
struct Key<'de>(Cow<'de, str>);

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("field identifier")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Borrowed(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v.to_owned())))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v)))
            }
        }
        d.deserialize_identifier(KeyVisitor)
    }
}

/// The next member's name, or `None` at the end of the map.
pub fn next_key<'de, A: MapAccess<'de>>(map: &mut A) -> Result<Option<Cow<'de, str>>, A::Error> {
    Ok(map.next_key::<Key<'de>>()?.map(|k| k.0))
}

/// Reads a member's value into its slot; a second value for it is an error.
pub fn set<'de, T: Deserialize<'de>, A: MapAccess<'de>>(
    slot: &mut Option<T>,
    key: &'static str,
    map: &mut A,
) -> Result<(), A::Error> {
    if slot.is_some() {
        return Err(de::Error::duplicate_field(key));
    }
    *slot = Some(map.next_value()?);
    Ok(())
}

/// Keeps a member the struct does not name.
pub fn keep<'de, A: MapAccess<'de>>(
    extra: &mut Extra,
    key: Cow<'de, str>,
    map: &mut A,
) -> Result<(), A::Error> {
    let value = map.next_value()?;
    extra.insert(key.into_owned(), value);
    Ok(())
}

/// A required member's value. A missing one is an error, unless its type reads nothing as a
/// value (an `Option` is `None`).
pub fn required<'de, T: Deserialize<'de>, E: de::Error>(
    slot: Option<T>,
    key: &'static str,
) -> Result<T, E> {
    match slot {
        Some(value) => Ok(value),
        None => T::deserialize(Missing(key)).map_err(|_: de::value::Error| E::missing_field(key)),
    }
}

/// What a missing member reads as: `None` to an `Option`, an error to anything else.
struct Missing(&'static str);

impl<'de> Deserializer<'de> for Missing {
    type Error = de::value::Error;
    fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Self::Error> {
        Err(de::Error::missing_field(self.0))
    }
    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        visitor.visit_none()
    }
    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct newtype_struct seq tuple
        tuple_struct map struct enum identifier ignored_any
    }
}

#[cfg(test)]
mod tests;
