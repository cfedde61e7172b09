//! Schemas -> named types. One type space owns every named type and hands out stable names:
//! components keep their own names, inline schemas are named from where they sit.

pub(in crate::lower) mod all_of;
mod member_names;
mod string_unions;
mod unions;
use unions::union_beside_member;

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use indexmap::IndexMap;
use openapiv3::{AdditionalProperties, ReferenceOr, Schema, SchemaKind, Type};

use super::schema_facts::{any_is_array, string_kind};
use crate::diag::Diagnostic;
use crate::ir::{Docs, Field, OneWay, TypeDef, TypeKind, TypeRef};
use crate::names::{self, Scope};

/// Deeper inline nesting than this is refused rather than risking the stack.
const MAX_DEPTH: usize = 64;
const SCHEMA_PREFIX: &str = "#/components/schemas/";

pub struct TypeSpace<'a> {
    components: &'a IndexMap<String, ReferenceOr<Schema>>,
    component_files: &'a BTreeMap<String, PathBuf>,
    default_file: PathBuf,
    /// Component name -> Rust name, assigned up front so that recursive references resolve.
    component_names: BTreeMap<String, String>,
    names: Scope,
    defs: BTreeMap<String, TypeDef>,
}

/// Where a schema sits: the file and the spec path, for errors and type origins.
#[derive(Clone)]
pub struct At {
    pub file: PathBuf,
    pub path: String,
}

impl At {
    pub fn new(file: PathBuf, path: impl Into<String>) -> Self {
        Self {
            file,
            path: path.into(),
        }
    }
    /// `at.join("oneOf").join("[4]")` is `...oneOf[4]`: an index takes no dot.
    pub fn join(&self, part: impl std::fmt::Display) -> Self {
        let part = part.to_string();
        let dot = if part.starts_with('[') { "" } else { "." };
        Self {
            file: self.file.clone(),
            path: format!("{}{dot}{part}", self.path),
        }
    }
    pub fn err(&self, message: impl Into<String>) -> Diagnostic {
        Diagnostic::at_path(&self.file, &self.path, message)
    }
}

/// A schema's docs; a schema that is only a wrapper around one inline member (`oneOf: [{...}]`)
/// and says nothing itself is described by that member.
fn schema_docs(schema: &Schema) -> Docs {
    let mut docs = docs_of(schema, false);
    let only = match &schema.schema_kind {
        SchemaKind::OneOf { one_of: m }
        | SchemaKind::AnyOf { any_of: m }
        | SchemaKind::AllOf { all_of: m } => m,
        _ => return docs,
    };
    if let ([ReferenceOr::Item(member)], None) = (only.as_slice(), &docs.description) {
        docs.description = member.schema_data.description.clone();
    }
    docs
}

/// The docs of a value of `schema`; a `required` one is always there, so its default is moot.
pub fn docs_of(schema: &Schema, required: bool) -> Docs {
    let data = &schema.schema_data;
    Docs {
        title: data.title.clone(),
        description: data.description.clone(),
        values: super::value_docs::value_note(schema, data.description.as_deref(), required),
    }
}

impl<'a> TypeSpace<'a> {
    /// `reserved` are names the emitted crate already uses at the type level.
    pub fn new(
        components: &'a IndexMap<String, ReferenceOr<Schema>>,
        component_files: &'a BTreeMap<String, PathBuf>,
        default_file: PathBuf,
        reserved: &[&str],
    ) -> Self {
        let mut names = Scope::new();
        for r in reserved {
            names.reserve(r);
        }
        let mut sorted: Vec<&String> = components.keys().collect();
        sorted.sort();
        // FastAPI qualifies a model with its Python module when two share a name
        // (`api__schemas__skills__Skill`); the plain name reads better wherever it is unambiguous.
        let short = |c: &str| match c.rsplit_once("__") {
            Some((_, last)) if !last.is_empty() => names::type_name(names::camel(last)),
            _ => names::type_name(names::camel(c)),
        };
        let mut uses: BTreeMap<String, usize> = BTreeMap::new();
        for c in &sorted {
            *uses.entry(short(c)).or_default() += 1;
        }
        let component_names = sorted
            .into_iter()
            .map(|c| {
                let preferred = match short(c) {
                    s if uses[&s] == 1 => s,
                    _ => names::type_name(names::camel(c)),
                };
                (c.clone(), names.unique(preferred))
            })
            .collect();
        Self {
            components,
            component_files,
            default_file,
            component_names,
            names,
            defs: BTreeMap::new(),
        }
    }

    /// A named type lowered so far, by Rust name.
    pub fn def(&self, rust_name: &str) -> Option<&TypeDef> {
        self.defs.get(rust_name)
    }

    /// The definition a named type ends at, following aliases of named types. The bound keeps
    /// an alias cycle finite.
    pub fn through_aliases(&self, rust_name: &str) -> Option<&TypeDef> {
        let mut def = self.def(rust_name)?;
        for _ in 0..16 {
            match &def.kind {
                TypeKind::Alias(TypeRef::Named(next)) => def = self.def(next)?,
                _ => return Some(def),
            }
        }
        None
    }

    pub fn into_types(mut self) -> Vec<TypeDef> {
        // An alias that only leads back to itself (`S: {allOf: [$ref: S]}`, or two schemas that
        // are each only the other) names no value: any JSON fits it.
        let cyclic: Vec<String> = self
            .defs
            .keys()
            .filter(|name| {
                // Through `Option` too: `S = Option<S>` holds no more than `S` does.
                let mut seen = BTreeSet::new();
                let mut current = name.as_str();
                while let Some(TypeDef {
                    kind: TypeKind::Alias(ty),
                    ..
                }) = self.defs.get(current)
                {
                    let TypeRef::Named(next) = ty.non_null() else {
                        return false;
                    };
                    if !seen.insert(current) {
                        return true;
                    }
                    current = next;
                }
                false
            })
            .cloned()
            .collect();
        for name in cyclic {
            if let Some(def) = self.defs.get_mut(&name) {
                def.kind = TypeKind::Alias(TypeRef::Any);
                let note = "The document defines this schema only through itself, so any JSON \
                            value fits it.";
                def.docs.description = Some(match def.docs.description.take() {
                    Some(d) if !d.trim().is_empty() => format!("{}\n\n{note}", d.trim_end()),
                    _ => note.to_string(),
                });
            }
        }
        self.defs.into_values().collect()
    }

    pub fn fresh_name(&mut self, hint: &str) -> String {
        self.names.unique(names::type_name(names::camel(hint)))
    }

    fn component_at(&self, name: &str) -> At {
        let file = self
            .component_files
            .get(name)
            .cloned()
            .unwrap_or_else(|| self.default_file.clone());
        At::new(file, format!("components.schemas.{name}"))
    }

    /// Resolves `#/components/schemas/X` to the schema, following reference chains.
    pub fn resolve(&self, reference: &str, at: &At) -> Result<(&'a str, &'a Schema), Diagnostic> {
        let components: &'a IndexMap<String, ReferenceOr<Schema>> = self.components;
        let start = reference;
        let mut reference = reference;
        for _ in 0..MAX_DEPTH {
            let name = reference.strip_prefix(SCHEMA_PREFIX).ok_or_else(|| {
                at.err(format!(
                    "unsupported $ref `{reference}`: only `{SCHEMA_PREFIX}Name` is supported"
                ))
            })?;
            match components.get_key_value(name) {
                Some((key, ReferenceOr::Item(schema))) => return Ok((key.as_str(), schema)),
                Some((_, ReferenceOr::Reference { reference: next })) => reference = next,
                None => {
                    return Err(at.err(format!(
                        "unknown $ref `{reference}`: no schema `{name}` in components.schemas"
                    )));
                }
            }
        }
        Err(at.err(format!(
            "$ref chain starting at `{start}` does not end: it is a cycle with no schema in it"
        )))
    }

    /// The Rust type for a referenced component, lowering it on first use.
    pub fn named(&mut self, reference: &str, at: &At) -> Result<TypeRef, Diagnostic> {
        let (name, schema) = self.resolve(reference, at)?;
        let name = name.to_string();
        let rust = self.component_names[&name].clone();
        // A nullable component (e.g. `anyOf: [array, null]`) is the non-null type by name, and
        // every reference to it may be null.
        let reference_to =
            |rust: String| nullable(TypeRef::Named(rust), schema.schema_data.nullable);
        if self.defs.contains_key(&rust) {
            return Ok(reference_to(rust));
        }
        // Placeholder first: a recursive schema finds its own name and stops there.
        let origin = format!("{SCHEMA_PREFIX}{name}");
        self.defs.insert(
            rust.clone(),
            TypeDef {
                rust_name: rust.clone(),
                origin: origin.clone(),
                docs: Docs::default(),
                kind: TypeKind::Alias(TypeRef::Any),
            },
        );
        let schema = schema.clone();
        let is_nullable = schema.schema_data.nullable;
        let at = self.component_at(&name);
        let ty = self.lower_named(&rust, &schema, &at, 0)?;
        let def = match ty {
            Defined::Kind(kind) => TypeDef {
                rust_name: rust.clone(),
                origin,
                docs: schema_docs(&schema),
                kind,
            },
            Defined::Ref(r) => {
                let kind = TypeKind::Alias(r);
                TypeDef {
                    rust_name: rust.clone(),
                    origin,
                    docs: schema_docs(&schema),
                    kind,
                }
            }
        };
        self.defs.insert(rust.clone(), def);
        Ok(nullable(TypeRef::Named(rust), is_nullable))
    }

    /// Lowers a schema in a position where it needs no name of its own if it is simple, and gets
    /// `hint` as its name if it is a struct, enum or union.
    pub fn lower(
        &mut self,
        schema: &ReferenceOr<Schema>,
        hint: &str,
        at: &At,
        depth: usize,
    ) -> Result<TypeRef, Diagnostic> {
        match schema {
            ReferenceOr::Reference { reference } => self.named(reference, at),
            ReferenceOr::Item(s) => self.lower_inline(s, hint, at, depth),
        }
    }

    pub fn lower_boxed(
        &mut self,
        schema: &ReferenceOr<Box<Schema>>,
        hint: &str,
        at: &At,
        depth: usize,
    ) -> Result<TypeRef, Diagnostic> {
        match schema {
            ReferenceOr::Reference { reference } => self.named(reference, at),
            ReferenceOr::Item(s) => self.lower_inline(s, hint, at, depth),
        }
    }

    fn lower_inline(
        &mut self,
        schema: &Schema,
        hint: &str,
        at: &At,
        depth: usize,
    ) -> Result<TypeRef, Diagnostic> {
        if depth > MAX_DEPTH {
            return Err(at.err(format!("schema nesting is deeper than {MAX_DEPTH} levels")));
        }
        let ty = match self.lower_named(hint, schema, at, depth)? {
            Defined::Ref(r) => r,
            Defined::Kind(kind) => {
                let name = match union_beside_member(&kind, hint) {
                    Some(name) if !self.names.is_taken(&name) => self.fresh_name(&name),
                    _ => self.fresh_name(hint),
                };
                let def = TypeDef {
                    rust_name: name.clone(),
                    origin: at.path.clone(),
                    docs: schema_docs(schema),
                    kind,
                };
                self.defs.insert(name.clone(), def);
                TypeRef::Named(name)
            }
        };
        Ok(nullable(ty, schema.schema_data.nullable))
    }

    /// Lowers a schema that would be called `name` if it needs a definition.
    fn lower_named(
        &mut self,
        name: &str,
        schema: &Schema,
        at: &At,
        depth: usize,
    ) -> Result<Defined, Diagnostic> {
        let data = &schema.schema_data;
        Ok(match &schema.schema_kind {
            SchemaKind::Type(Type::String(s)) => {
                let values: Vec<String> = s.enumeration.iter().flatten().cloned().collect();
                string_kind(values).map_or(Defined::Ref(TypeRef::String), Defined::Kind)
            }
            SchemaKind::Type(Type::Integer(_)) => Defined::Ref(TypeRef::Integer),
            SchemaKind::Type(Type::Number(_)) => Defined::Ref(TypeRef::Number),
            SchemaKind::Type(Type::Boolean(_)) => Defined::Ref(TypeRef::Boolean),
            SchemaKind::Type(Type::Array(a)) => {
                Defined::Ref(self.array(a.items.as_ref(), name, at, depth)?)
            }
            SchemaKind::Type(Type::Object(o)) => self.object(
                name,
                &o.properties,
                &o.required,
                o.additional_properties.as_ref(),
                at,
                depth,
            )?,
            SchemaKind::OneOf { one_of } => {
                self.union(name, one_of, data, at.join("oneOf"), depth)?
            }
            SchemaKind::AnyOf { any_of } => {
                self.union(name, any_of, data, at.join("anyOf"), depth)?
            }
            SchemaKind::AllOf { all_of } => self.all_of(name, all_of, at, depth)?,
            SchemaKind::Not { .. } => Defined::Ref(TypeRef::Any),
            SchemaKind::Any(any) => {
                let strings: Option<Vec<String>> = any
                    .enumeration
                    .iter()
                    .filter(|v| !v.is_null())
                    .map(|v| v.as_str().map(str::to_string))
                    .collect();
                if !any.properties.is_empty() || any.typ.as_deref() == Some("object") {
                    self.object(
                        name,
                        &any.properties,
                        &any.required,
                        any.additional_properties.as_ref(),
                        at,
                        depth,
                    )?
                } else if let Some(kind) = strings.and_then(string_kind) {
                    Defined::Kind(kind)
                } else if any_is_array(any) {
                    Defined::Ref(self.array(any.items.as_ref(), name, at, depth)?)
                } else {
                    match any.typ.as_deref() {
                        Some("string") => Defined::Ref(TypeRef::String),
                        Some("integer") => Defined::Ref(TypeRef::Integer),
                        Some("number") => Defined::Ref(TypeRef::Number),
                        Some("boolean") => Defined::Ref(TypeRef::Boolean),
                        _ => Defined::Ref(TypeRef::Any),
                    }
                }
            }
        })
    }

    fn array(
        &mut self,
        items: Option<&ReferenceOr<Box<Schema>>>,
        name: &str,
        at: &At,
        depth: usize,
    ) -> Result<TypeRef, Diagnostic> {
        let item = match items {
            Some(items) => {
                self.lower_boxed(items, &format!("{name}Item"), &at.join("items"), depth + 1)?
            }
            None => TypeRef::Any,
        };
        Ok(TypeRef::Array(Box::new(item)))
    }

    fn object(
        &mut self,
        name: &str,
        properties: &IndexMap<String, ReferenceOr<Box<Schema>>>,
        required: &[String],
        additional: Option<&AdditionalProperties>,
        at: &At,
        depth: usize,
    ) -> Result<Defined, Diagnostic> {
        if properties.is_empty() {
            let value = match additional {
                Some(AdditionalProperties::Schema(s)) => self.lower(
                    s,
                    &format!("{name}Value"),
                    &at.join("additionalProperties"),
                    depth + 1,
                )?,
                _ => TypeRef::Any,
            };
            return Ok(Defined::Ref(TypeRef::Map(Box::new(value))));
        }
        let mut fields = Vec::new();
        let mut scope = Scope::new();
        for (wire, prop) in properties {
            let prop_at = at.join(format!("properties.{wire}"));
            let hint = format!("{}{}", names::bare(name), names::bare(&names::camel(wire)));
            let ty = self.lower_boxed(prop, &hint, &prop_at, depth + 1)?;
            let (docs, default, deprecated, one_way) = match prop {
                ReferenceOr::Item(s) => (
                    docs_of(s, required.contains(wire)),
                    s.schema_data.default.as_ref().map(|d| d.to_string()),
                    s.schema_data.deprecated,
                    match (s.schema_data.read_only, s.schema_data.write_only) {
                        (true, false) => Some(OneWay::ReadOnly),
                        (false, true) => Some(OneWay::WriteOnly),
                        _ => None,
                    },
                ),
                ReferenceOr::Reference { .. } => (Docs::default(), None, false, None),
            };
            fields.push(Field {
                wire_name: wire.clone(),
                rust_name: scope.unique(names::snake(wire)),
                ty,
                required: required.contains(wire),
                default,
                docs,
                deprecated,
                one_way,
            });
        }
        // Members the spec does not name are kept (and sent back) rather than dropped, in a field
        // no spec member names: `extra`, else a longer plain name, never `extra_2`.
        let extra = ["extra", "unknown_members", "additional_members"]
            .into_iter()
            .find(|n| !scope.is_taken(n))
            .map(str::to_string)
            .unwrap_or_else(|| scope.unique("extra".to_string()));
        Ok(Defined::Kind(TypeKind::Struct { fields, extra }))
    }

    fn all_of(
        &mut self,
        name: &str,
        members: &[ReferenceOr<Schema>],
        at: &At,
        depth: usize,
    ) -> Result<Defined, Diagnostic> {
        if let [only] = members {
            // `allOf: [$ref]` with siblings: the reference, documented by its parent.
            return self.only_member(only, name, &at.join("allOf[0]"), depth);
        }
        let mut properties = IndexMap::new();
        let mut required = Vec::new();
        let mut seen = Vec::new();
        for (i, member) in members.iter().enumerate() {
            let member_at = at.join(format!("allOf[{i}]"));
            self.collect_object(
                member,
                &member_at,
                &mut properties,
                &mut required,
                &mut seen,
                depth + 1,
            )?;
        }
        if properties.is_empty() {
            // Not objects (e.g. constraints layered on a scalar): the first member carries the type.
            return match members.first() {
                Some(first) => Ok(Defined::Ref(self.lower(
                    first,
                    name,
                    &at.join("allOf[0]"),
                    depth + 1,
                )?)),
                None => Ok(Defined::Ref(TypeRef::Any)),
            };
        }
        self.object(name, &properties, &required, None, at, depth)
    }

    /// Gathers the properties of an `allOf` member, following references and nested `allOf`.
    /// Each referenced schema is gathered once: a schema that extends itself through a cycle of
    /// `allOf` (valid, if odd) adds nothing the second time round.
    fn collect_object(
        &self,
        schema: &ReferenceOr<Schema>,
        at: &At,
        properties: &mut IndexMap<String, ReferenceOr<Box<Schema>>>,
        required: &mut Vec<String>,
        seen: &mut Vec<String>,
        depth: usize,
    ) -> Result<(), Diagnostic> {
        if depth > MAX_DEPTH {
            return Err(at.err(format!("allOf nesting is deeper than {MAX_DEPTH} levels")));
        }
        let schema = match schema {
            ReferenceOr::Reference { reference } => {
                if seen.contains(reference) {
                    return Ok(());
                }
                seen.push(reference.clone());
                self.resolve(reference, at)?.1
            }
            ReferenceOr::Item(s) => s,
        };
        let (props, req) = match &schema.schema_kind {
            SchemaKind::Type(Type::Object(o)) => (&o.properties, &o.required),
            SchemaKind::Any(a) => (&a.properties, &a.required),
            SchemaKind::AllOf { all_of } => {
                for (i, m) in all_of.iter().enumerate() {
                    self.collect_object(
                        m,
                        &at.join(format!("allOf[{i}]")),
                        properties,
                        required,
                        seen,
                        depth + 1,
                    )?;
                }
                return Ok(());
            }
            _ => return Ok(()),
        };
        for (k, v) in props {
            let merged = all_of::merge_property(properties.get(k).cloned(), v);
            properties.insert(k.clone(), merged);
        }
        for r in req {
            if !required.contains(r) {
                required.push(r.clone());
            }
        }
        Ok(())
    }
}

enum Defined {
    /// Needs no definition of its own.
    Ref(TypeRef),
    /// Needs a named definition.
    Kind(TypeKind),
}

fn nullable(ty: TypeRef, is_nullable: bool) -> TypeRef {
    match ty {
        TypeRef::Nullable(_) | TypeRef::Any => ty,
        ty if is_nullable => TypeRef::Nullable(Box::new(ty)),
        ty => ty,
    }
}
