//! Struct members whose type is large are boxed. Documents written from XML schemas nest objects
//! inline many levels deep (the BBC's `Nitro` response was 57 KB in one value), and serde moves
//! each member through several stack frames while it reads it: a response of such a type
//! overflowed a 2 MB thread's stack in a debug build and aborted the process. Boxed, a member
//! costs a pointer in its parent, so no struct in a crate grows past a few kilobytes; members of
//! a struct within the bound stay in place.

use std::collections::{BTreeMap, BTreeSet};

use crate::ir::{TypeDef, TypeKind, TypeRef};

/// The most a struct may hold in place, in bytes (estimated for x86-64): past it, its largest
/// members are boxed. serde moves a member through several frames while it reads it, so a
/// response's stack use grows with the sizes along its nesting; bounded at every level, a deep
/// response stays far inside a 2 MB thread's stack.
const CAP: usize = 4096;
/// Members smaller than this stay in place even past the cap: boxing an enum saves little, and
/// a wide flat form (Twilio's, of two hundred strings) is not deep.
const MIN_BOXED: usize = 256;

/// The `(type, member)` pairs to box for size, given those `boxed` already for recursion.
pub fn large_fields(
    types: &[TypeDef],
    boxed: &BTreeSet<(String, String)>,
) -> BTreeSet<(String, String)> {
    let mut sizes = Sizes {
        types: types.iter().map(|t| (t.rust_name.as_str(), t)).collect(),
        boxed,
        memo: BTreeMap::new(),
        visiting: BTreeSet::new(),
        out: BTreeSet::new(),
    };
    for t in types {
        sizes.of_type(&t.rust_name);
    }
    sizes.out
}

struct Sizes<'a> {
    types: BTreeMap<&'a str, &'a TypeDef>,
    boxed: &'a BTreeSet<(String, String)>,
    memo: BTreeMap<String, usize>,
    visiting: BTreeSet<String>,
    out: BTreeSet<(String, String)>,
}

impl Sizes<'_> {
    /// An estimate of a named type's size on x86-64, after its own large members are boxed.
    fn of_type(&mut self, name: &str) -> usize {
        if let Some(&size) = self.memo.get(name) {
            return size;
        }
        // A cycle runs through a box or a collection, which a reference stands for.
        if !self.visiting.insert(name.to_string()) {
            return 8;
        }
        let size = match self.types.get(name).map(|t| &t.kind) {
            Some(TypeKind::Struct { fields, .. }) => {
                // The map of unknown members, then each member in place; past the cap, the
                // largest members that hold a named type move behind a box until it fits.
                let mut total = 32;
                let mut candidates: Vec<(usize, String)> = Vec::new();
                for f in fields {
                    if self
                        .boxed
                        .contains(&(name.to_string(), f.rust_name.clone()))
                    {
                        total += 8;
                        continue;
                    }
                    let size = self.of_ref(&f.ty);
                    total += size;
                    if named(&f.ty).is_some() && size >= MIN_BOXED {
                        candidates.push((size, f.rust_name.clone()));
                    }
                }
                // Largest first; the name settles ties, so the choice is deterministic.
                candidates.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
                for (size, member) in candidates {
                    if total <= CAP {
                        break;
                    }
                    self.out.insert((name.to_string(), member));
                    total = total - size + 8;
                }
                total
            }
            Some(TypeKind::Enum { .. }) => 24,
            Some(TypeKind::Const { .. }) => 0,
            Some(TypeKind::TaggedUnion(u)) => {
                let variants: Vec<TypeRef> = u.variants.iter().map(|v| v.ty.clone()).collect();
                self.largest(&variants) + 8
            }
            Some(TypeKind::Untagged { variants }) => {
                let variants: Vec<TypeRef> = variants.iter().map(|v| v.ty.clone()).collect();
                self.largest(&variants) + 8
            }
            Some(TypeKind::Alias(ty)) => {
                let ty = ty.clone();
                self.of_ref(&ty)
            }
            None => 8,
        };
        self.visiting.remove(name);
        self.memo.insert(name.to_string(), size);
        size
    }

    fn largest(&mut self, variants: &[TypeRef]) -> usize {
        variants.iter().map(|v| self.of_ref(v)).max().unwrap_or(0)
    }

    fn of_ref(&mut self, ty: &TypeRef) -> usize {
        match ty {
            TypeRef::Named(n) => self.of_type(n),
            TypeRef::Nullable(inner) => self.of_ref(inner) + 8,
            TypeRef::Any => 32,
            TypeRef::Map(_) => 32,
            TypeRef::Array(_) | TypeRef::String => 24,
            _ => 8,
        }
    }
}

/// The named type a member holds in place (not behind a collection).
fn named(ty: &TypeRef) -> Option<&str> {
    match ty {
        TypeRef::Named(n) => Some(n),
        TypeRef::Nullable(inner) => named(inner),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::{Docs, Field};

    fn strukt(name: &str, fields: &[(&str, TypeRef)]) -> TypeDef {
        let fields = fields
            .iter()
            .map(|(n, ty)| Field {
                wire_name: n.to_string(),
                rust_name: n.to_string(),
                ty: ty.clone(),
                required: false,
                default: None,
                docs: Docs::default(),
                deprecated: false,
                one_way: None,
            })
            .collect();
        TypeDef {
            rust_name: name.into(),
            origin: String::new(),
            docs: Docs::default(),
            kind: TypeKind::Struct {
                fields,
                extra: "extra".into(),
            },
        }
    }

    #[test]
    fn a_struct_past_the_cap_boxes_its_largest_members_until_it_fits() {
        // 100 strings: about 2.4 KB each.
        let wide: Vec<(String, TypeRef)> = (0..100)
            .map(|i| (format!("f{i}"), TypeRef::String))
            .collect();
        let wide: Vec<(&str, TypeRef)> =
            wide.iter().map(|(n, t)| (n.as_str(), t.clone())).collect();
        let named = |n: &str| TypeRef::Named(n.into());
        let types = vec![
            strukt("Wide", &wide),
            strukt("Small", &[("a", TypeRef::String)]),
            // Two wide members (4.8 KB) pass the cap: one moves behind a box, then it fits.
            strukt(
                "Parent",
                &[
                    ("first", TypeRef::Nullable(Box::new(named("Wide")))),
                    ("second", named("Wide")),
                    ("small", named("Small")),
                    ("many", TypeRef::Array(Box::new(named("Wide")))),
                ],
            ),
            // One wide member fits: nothing moves.
            strukt(
                "Lone",
                &[("only", named("Wide")), ("small", named("Small"))],
            ),
        ];
        let out = large_fields(&types, &BTreeSet::new());
        assert_eq!(
            out,
            BTreeSet::from([("Parent".to_string(), "first".to_string())])
        );
        // A wide, flat struct of small members (Twilio's forms) stays as written.
        let kind = TypeDef {
            rust_name: "Kind".into(),
            origin: String::new(),
            docs: Docs::default(),
            kind: TypeKind::Enum {
                variants: Vec::new(),
            },
        };
        let flat: Vec<(String, TypeRef)> = (0..300)
            .map(|i| (format!("k{i}"), TypeRef::Named("Kind".into())))
            .collect();
        let flat: Vec<(&str, TypeRef)> =
            flat.iter().map(|(n, t)| (n.as_str(), t.clone())).collect();
        let out = large_fields(&[kind, strukt("Form", &flat)], &BTreeSet::new());
        assert!(out.is_empty(), "{out:?}");
    }
}
