//! Sample argument values for the generated tests, taken from the schema itself.
//!
//! The spec's own `example`, `default` and `enum` values come first. Otherwise a value of the right
//! type and format is synthesized to meet the schema's limits (`minimum`, `minLength`, `pattern`,
//! `format: date`, `uuid`, ...). Every choice is deterministic: the same schema always gives the
//! same sample, so the emitted tests are stable in snapshots.

use indexmap::IndexMap;
use openapiv3::{
    AdditionalProperties, ArrayType, ObjectType, ReferenceOr, Schema, SchemaKind, Type,
};
use serde_json::{Map, Value, json};

mod fits;
mod pattern;
mod scalars;

use scalars::{integer, number, string};

use super::schema_facts::{any_is_array, as_reference, const_property, tag_for};
use super::types::all_of::{merge_property, unconstrained};

const SCHEMA_PREFIX: &str = "#/components/schemas/";

/// Each property's definitions across the members of an `allOf`, in member order.
type Definitions<'s> = IndexMap<String, Vec<&'s ReferenceOr<Box<Schema>>>>;

/// Below this depth, objects get their required properties only, which ends recursive types.
const FULL_DEPTH: usize = 3;
/// Past this depth, nothing optional is added at all.
const MAX_DEPTH: usize = 12;
/// Past this depth a sample is cut short, whatever the schema says.
const CYCLE_LIMIT: usize = 48;

/// Which arguments a sample covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Coverage {
    /// Only what the schema requires.
    Required,
    /// Every property, down to a few levels.
    Full,
}

/// How many schemas one sample may visit. Depth alone does not bound the work: required fields
/// that lead back to their own type, two to a level, would visit 2^depth schemas.
const NODE_BUDGET: usize = 20_000;

/// How many schemas one check of a documented value may visit: a union or `allOf` that refers
/// back to itself checks the same value again at each turn, which branches without end.
const FIT_BUDGET: usize = 2_000;

pub struct Sampler<'a> {
    components: Option<&'a IndexMap<String, ReferenceOr<Schema>>>,
    /// Schemas the current sample may still visit.
    budget: std::cell::Cell<usize>,
    /// `allOf` members being sampled, one inside another.
    all_of_frames: std::cell::Cell<usize>,
    /// Schemas the current check of a documented value may still visit (`fits`).
    fit_budget: std::cell::Cell<usize>,
}

impl<'a> Sampler<'a> {
    pub fn new(components: Option<&'a IndexMap<String, ReferenceOr<Schema>>>) -> Self {
        Self {
            components,
            budget: std::cell::Cell::new(NODE_BUDGET),
            all_of_frames: std::cell::Cell::new(0),
            fit_budget: std::cell::Cell::new(0),
        }
    }

    pub fn sample(&self, schema: &ReferenceOr<Schema>, coverage: Coverage) -> Value {
        self.budget.set(NODE_BUDGET);
        self.value(schema, coverage, 0)
    }

    /// Whether a value given in the document (a parameter's own `example`) meets its schema, as
    /// a validating server checks it (`fits`).
    pub fn accepts(&self, schema: &ReferenceOr<Schema>, value: &Value) -> bool {
        self.fit_budget.set(FIT_BUDGET);
        self.fits(schema, value, 0)
    }

    /// A path parameter's sample: a segment cannot be empty, so an empty documented value (VTEX
    /// gives `example: ""`) gives way to one made from the schema.
    pub fn path_segment(&self, schema: &ReferenceOr<Schema>) -> Value {
        let sample = self.sample(schema, Coverage::Full);
        if sample.as_str() != Some("") {
            return sample;
        }
        let own = match schema {
            ReferenceOr::Item(s) => Some(s),
            ReferenceOr::Reference { reference } => self.resolve(reference),
        };
        let Some(own) = own else {
            return sample;
        };
        let mut bare = own.clone();
        bare.schema_data.example = None;
        bare.schema_data.default = None;
        // brex's `enum: ["", mini, master]`: the first value a path can carry.
        match &mut bare.schema_kind {
            SchemaKind::Type(Type::String(st)) => {
                st.enumeration.retain(|v| v.as_deref() != Some(""))
            }
            SchemaKind::Any(any) => any.enumeration.retain(|v| v.as_str() != Some("")),
            _ => {}
        }
        self.budget.set(NODE_BUDGET);
        match self.schema(&bare, Coverage::Full, 0) {
            Value::String(s) if s.is_empty() => sample,
            made => made,
        }
    }

    /// A form body's sample. A required field the schema does not type is any value, sampled
    /// as `{}`; in a form an empty object is no pair at all, so the field is sent as text. Box's
    /// token revocation requires `grant_type` and defines only the other fields; Twilio's Sync
    /// map items define their required `Data` as `{description: ""}`.
    pub fn sample_form(&self, schema: &ReferenceOr<Schema>, coverage: Coverage) -> Value {
        let mut value = self.sample(schema, coverage);
        let (required, definitions) = self.fields(std::slice::from_ref(schema), &[]);
        let untyped_field = |name: &String| {
            definitions
                .get(name)
                .is_none_or(|defs| defs.iter().all(|d| unconstrained(d)))
        };
        if let Value::Object(fields) = &mut value {
            for name in required.iter().filter(|n| untyped_field(n)) {
                if let Some(field) = fields.get_mut(name)
                    && untyped(field)
                {
                    *field = Value::String("string".into());
                }
            }
        }
        value
    }

    pub fn sample_boxed(&self, schema: &ReferenceOr<Box<Schema>>, coverage: Coverage) -> Value {
        self.budget.set(NODE_BUDGET);
        self.property(schema, coverage, 0)
    }

    fn value(&self, schema: &ReferenceOr<Schema>, coverage: Coverage, depth: usize) -> Value {
        match schema {
            ReferenceOr::Reference { reference } => self.by_ref(reference, coverage, depth),
            ReferenceOr::Item(s) => self.schema(s, coverage, depth),
        }
    }

    /// Whether a value the document gives meets `s`, within a budget of its own.
    fn documented_fits(&self, s: &Schema, value: &Value) -> bool {
        self.fit_budget.set(FIT_BUDGET);
        self.fits_schema(s, value, 0)
    }

    /// An `allOf` member describes the same object, not a nested one, so it samples at the
    /// object's own depth: a property typed only in a referenced member is still filled in. The
    /// frames on the stack bound a schema that extends itself.
    fn member(&self, schema: &ReferenceOr<Schema>, coverage: Coverage, depth: usize) -> Value {
        if self.all_of_frames.get() >= CYCLE_LIMIT {
            return Value::Null;
        }
        self.all_of_frames.set(self.all_of_frames.get() + 1);
        let value = self.value(schema, coverage, depth);
        self.all_of_frames.set(self.all_of_frames.get() - 1);
        value
    }

    /// Properties one `allOf` member requires and another defines (Zuora writes `required`
    /// beside its `allOf`, which loading makes a member of its own): each member alone leaves
    /// them out. And a property more than one member defines must meet each definition: the
    /// value is one object, which a validating server checks against every member (Bitbucket's
    /// `object` types `type` a string, `pipeline_selector` narrows it to an enum).
    fn required_across(
        &self,
        members: &[ReferenceOr<Schema>],
        own_required: &[String],
        merged: &mut Map<String, Value>,
        coverage: Coverage,
        depth: usize,
    ) {
        let (required, definitions) = self.fields(members, own_required);
        for name in required {
            if merged.get(&name).is_none_or(untyped)
                && let Some(defs) = definitions.get(&name)
            {
                let property = defs
                    .iter()
                    .fold(None, |kept, next| Some(merge_property(kept, next)));
                if let Some(property) = property {
                    let value = self.property(&property, coverage, depth + 1);
                    merged.insert(name, value);
                }
            }
        }
        for (name, defs) in definitions.iter().filter(|(_, defs)| defs.len() > 1) {
            let Some(value) = merged.get(name) else {
                continue;
            };
            if self.fits_every(defs, value) {
                continue;
            }
            if let Some(value) = defs
                .iter()
                .map(|def| self.property(def, coverage, depth + 1))
                .find(|candidate| self.fits_every(defs, candidate))
            {
                merged.insert(name.clone(), value);
            }
        }
    }

    fn property(
        &self,
        property: &ReferenceOr<Box<Schema>>,
        coverage: Coverage,
        depth: usize,
    ) -> Value {
        match property {
            ReferenceOr::Reference { reference } => self.by_ref(reference, coverage, depth),
            ReferenceOr::Item(s) => self.schema(s, coverage, depth),
        }
    }

    fn fits_every(&self, definitions: &[&ReferenceOr<Box<Schema>>], value: &Value) -> bool {
        self.fit_budget.set(FIT_BUDGET);
        definitions.iter().all(|def| self.fits_boxed(def, value, 0))
    }

    /// The names `members` (and `own_required`) require, and each property's definitions across
    /// the members, in member order.
    fn fields<'s>(
        &'s self,
        members: &'s [ReferenceOr<Schema>],
        own_required: &[String],
    ) -> (Vec<String>, Definitions<'s>) {
        let mut required = own_required.to_vec();
        let mut definitions = IndexMap::new();
        self.gather(
            members,
            &mut required,
            &mut definitions,
            &mut std::collections::BTreeSet::new(),
        );
        (required, definitions)
    }

    /// Each referenced schema is read once: a graph of `allOf` references that meet again (or
    /// cycle) would otherwise be walked once per path through it. Each property keeps every
    /// member's definition of it, in member order.
    fn gather<'s>(
        &'s self,
        members: &'s [ReferenceOr<Schema>],
        required: &mut Vec<String>,
        definitions: &mut Definitions<'s>,
        seen: &mut std::collections::BTreeSet<&'s str>,
    ) where
        'a: 's,
    {
        for member in members {
            let s = match member {
                ReferenceOr::Reference { reference } => {
                    if !seen.insert(reference.as_str()) {
                        continue;
                    }
                    match self.resolve(reference) {
                        Some(s) => s,
                        None => continue,
                    }
                }
                ReferenceOr::Item(s) => s,
            };
            let (own, names) = match &s.schema_kind {
                SchemaKind::Type(Type::Object(o)) => (&o.properties, &o.required),
                SchemaKind::Any(a) => {
                    self.gather(&a.all_of, required, definitions, seen);
                    (&a.properties, &a.required)
                }
                SchemaKind::AllOf { all_of } => {
                    self.gather(all_of, required, definitions, seen);
                    continue;
                }
                _ => continue,
            };
            for (name, property) in own {
                definitions.entry(name.clone()).or_default().push(property);
            }
            required.extend(
                names
                    .iter()
                    .filter(|n| !required.contains(n))
                    .cloned()
                    .collect::<Vec<_>>(),
            );
        }
    }

    fn by_ref(&self, reference: &str, coverage: Coverage, depth: usize) -> Value {
        match self.resolve(reference) {
            Some(s) => self.schema(s, coverage, depth),
            None => Value::Null,
        }
    }

    fn resolve(&self, reference: &str) -> Option<&'a Schema> {
        let mut name = reference.strip_prefix(SCHEMA_PREFIX)?;
        // Reference chains end; a cycle of bare references has no schema to sample.
        for _ in 0..32 {
            match self.components?.get(name)? {
                ReferenceOr::Item(s) => return Some(s),
                ReferenceOr::Reference { reference } => {
                    name = reference.strip_prefix(SCHEMA_PREFIX)?;
                }
            }
        }
        None
    }

    fn schema(&self, s: &Schema, coverage: Coverage, depth: usize) -> Value {
        // Every step into a member or a field deepens; a cycle through required fields, `oneOf`
        // or `allOf` (a member that extends its own union) ends here instead of the stack.
        if depth > CYCLE_LIMIT || self.budget.get() == 0 {
            return Value::Null;
        }
        self.budget.set(self.budget.get() - 1);
        let data = &s.schema_data;
        if let Some(example) = &data.example
            && !example.is_null()
            && self.documented_fits(s, example)
        {
            return self.trim_example(s, example, coverage);
        }
        if let Some(default) = &data.default
            && !default.is_null()
            && !matches!(s.schema_kind, SchemaKind::Type(Type::Object(_)))
            && self.documented_fits(s, default)
        {
            return default.clone();
        }
        match &s.schema_kind {
            SchemaKind::Type(t) => self.typed(t, coverage, depth),
            SchemaKind::OneOf { one_of: members } | SchemaKind::AnyOf { any_of: members } => {
                self.first_member(s, members, coverage, depth)
            }
            SchemaKind::AllOf { all_of } => {
                let mut merged = Map::new();
                for member in all_of {
                    match self.member(member, coverage, depth) {
                        Value::Object(fields) => merge_fields(&mut merged, fields),
                        // A non-object member (e.g. `allOf: [$ref to a string]`) is the value.
                        other if all_of.len() == 1 => return other,
                        _ => {}
                    }
                }
                self.required_across(all_of, &[], &mut merged, coverage, depth);
                Value::Object(merged)
            }
            SchemaKind::Not { .. } => Value::Null,
            SchemaKind::Any(any) => {
                // An enum without a `type` (Azure's `x-ms-enum`s): its first value. Wowza types
                // an enum of numbers `string`; the client's type is then a string, so is this.
                if let Some(first) = any.enumeration.iter().find(|v| !v.is_null()) {
                    return match (any.typ.as_deref(), first) {
                        (Some("string"), Value::Number(n)) => Value::String(n.to_string()),
                        (Some("string"), Value::Bool(b)) => Value::String(b.to_string()),
                        _ => first.clone(),
                    };
                }
                if !any.one_of.is_empty() {
                    return self.first_member(s, &any.one_of, coverage, depth);
                }
                if !any.any_of.is_empty() {
                    return self.first_member(s, &any.any_of, coverage, depth);
                }
                if !any.properties.is_empty() || any.typ.as_deref() == Some("object") {
                    let object = ObjectType {
                        properties: any.properties.clone(),
                        required: any.required.clone(),
                        additional_properties: any.additional_properties.clone(),
                        min_properties: any.min_properties,
                        max_properties: any.max_properties,
                    };
                    let mut value = self.object(&object, coverage, depth);
                    for member in &any.all_of {
                        if let (Value::Object(v), Value::Object(extra)) =
                            (&mut value, self.member(member, coverage, depth))
                        {
                            merge_fields(v, extra);
                        }
                    }
                    if let Value::Object(v) = &mut value {
                        self.required_across(&any.all_of, &any.required, v, coverage, depth);
                    }
                    return value;
                }
                if !any.all_of.is_empty() {
                    let all = Schema {
                        schema_data: Default::default(),
                        schema_kind: SchemaKind::AllOf {
                            all_of: any.all_of.clone(),
                        },
                    };
                    return self.schema(&all, coverage, depth);
                }
                // An untyped schema with `items` is an array, as its type is.
                if any_is_array(any) {
                    let array = ArrayType {
                        items: any.items.clone(),
                        min_items: any.min_items,
                        max_items: any.max_items,
                        unique_items: any.unique_items.unwrap_or(false),
                    };
                    return self.array(&array, coverage, depth);
                }
                match any.typ.as_deref() {
                    Some("string") => Value::String("string".into()),
                    Some("integer") => json!(1),
                    Some("number") => json!(1.5),
                    Some("boolean") => Value::Bool(true),
                    Some("array") => Value::Array(Vec::new()),
                    // Arbitrary JSON: an empty object is the smallest value most servers take.
                    _ => Value::Object(Map::new()),
                }
            }
        }
    }

    /// A union's sample is its first member's, carrying the member's tag where the union has a
    /// discriminator: the property must be present (OpenAPI), and the client reads it to pick
    /// the member, though a member need not list it as required (Mailchimp's segment conditions).
    fn first_member(
        &self,
        union: &Schema,
        members: &[ReferenceOr<Schema>],
        coverage: Coverage,
        depth: usize,
    ) -> Value {
        let Some(first) = members.first() else {
            return Value::Null;
        };
        let mut value = self.value(first, coverage, depth + 1);
        if let (Some(d), Value::Object(fields)) = (&union.schema_data.discriminator, &mut value) {
            let tag = match as_reference(first) {
                Some(reference) => self.resolve(reference).map(|schema| {
                    let component = reference.strip_prefix(SCHEMA_PREFIX).unwrap_or(reference);
                    tag_for(d, reference, component, schema)
                }),
                None => match first {
                    ReferenceOr::Item(schema) => const_property(schema, &d.property_name),
                    ReferenceOr::Reference { .. } => None,
                },
            };
            if let Some(tag) = tag {
                fields.insert(d.property_name.clone(), Value::String(tag));
            }
        }
        value
    }

    /// An object example trimmed to its required properties, for a required-only call.
    fn trim_example(&self, s: &Schema, example: &Value, coverage: Coverage) -> Value {
        let SchemaKind::Type(Type::Object(o)) = &s.schema_kind else {
            return example.clone();
        };
        match (coverage, example) {
            (Coverage::Required, Value::Object(fields)) => Value::Object(
                fields
                    .iter()
                    .filter(|(k, _)| o.required.contains(k) || !o.properties.contains_key(*k))
                    .map(|(k, v)| (k.clone(), v.clone()))
                    .collect(),
            ),
            _ => example.clone(),
        }
    }

    fn typed(&self, t: &Type, coverage: Coverage, depth: usize) -> Value {
        match t {
            Type::String(s) => string(s),
            Type::Integer(i) => integer(i),
            Type::Number(n) => number(n),
            Type::Boolean(_) => Value::Bool(true),
            Type::Array(a) => self.array(a, coverage, depth),
            Type::Object(o) => self.object(o, coverage, depth),
        }
    }

    fn array(&self, a: &ArrayType, coverage: Coverage, depth: usize) -> Value {
        let Some(items) = &a.items else {
            return Value::Array(Vec::new());
        };
        if depth >= MAX_DEPTH {
            return Value::Array(Vec::new());
        }
        let item = match items {
            ReferenceOr::Reference { reference } => self.by_ref(reference, coverage, depth + 1),
            ReferenceOr::Item(s) => self.schema(s, coverage, depth + 1),
        };
        let count = a.min_items.unwrap_or(1).max(1);
        if let (Value::Array(choices), true) = (&item, a.unique_items) {
            return Value::Array(choices.iter().take(count).cloned().collect());
        }
        Value::Array(vec![item; count])
    }

    fn object(&self, o: &ObjectType, coverage: Coverage, depth: usize) -> Value {
        let everything = coverage == Coverage::Full && depth < FULL_DEPTH;
        let mut out = Map::new();
        for (name, property) in &o.properties {
            let required = o.required.contains(name);
            if !required && (!everything || depth >= MAX_DEPTH) {
                continue;
            }
            let read_only = match property {
                ReferenceOr::Item(s) => s.schema_data.read_only,
                ReferenceOr::Reference { reference } => self
                    .resolve(reference)
                    .is_some_and(|s| s.schema_data.read_only),
            };
            // A server sets read-only properties; requests leave them out.
            if read_only && !required {
                continue;
            }
            let value = match property {
                ReferenceOr::Reference { reference } => self.by_ref(reference, coverage, depth + 1),
                ReferenceOr::Item(s) => self.schema(s, coverage, depth + 1),
            };
            out.insert(name.clone(), value);
        }
        if out.is_empty()
            && o.properties.is_empty()
            && everything
            && let Some(AdditionalProperties::Schema(values)) = &o.additional_properties
        {
            out.insert("key".into(), self.value(values, coverage, depth + 1));
        }
        // A required name the object does not define (VTEX's `Updated`, GitHub's renamed
        // members) must still be present for a validating server; its schema is any value. In an
        // `allOf`, a member that defines it replaces this untyped value.
        if !matches!(
            o.additional_properties,
            Some(AdditionalProperties::Any(false))
        ) {
            for name in o.required.iter().filter(|n| !o.properties.contains_key(*n)) {
                out.entry(name.clone())
                    .or_insert_with(|| Value::Object(Map::new()));
            }
        }
        self.fill_to_min(o, &mut out, coverage, depth);
        Value::Object(out)
    }

    /// Properties added until the object has `minProperties` of them (AWS's tag maps ask for one):
    /// the schema's own optional ones first, then entries of its additional properties.
    fn fill_to_min(
        &self,
        o: &ObjectType,
        out: &mut Map<String, Value>,
        coverage: Coverage,
        depth: usize,
    ) {
        let min = o
            .min_properties
            .unwrap_or(0)
            .min(o.max_properties.unwrap_or(usize::MAX));
        for (name, property) in &o.properties {
            if out.len() >= min {
                return;
            }
            if !out.contains_key(name) {
                let value = match property {
                    ReferenceOr::Reference { reference } => {
                        self.by_ref(reference, coverage, depth + 1)
                    }
                    ReferenceOr::Item(s) => self.schema(s, coverage, depth + 1),
                };
                out.insert(name.clone(), value);
            }
        }
        let values = match &o.additional_properties {
            Some(AdditionalProperties::Schema(values)) => Some(values.as_ref()),
            Some(AdditionalProperties::Any(true)) | None => None,
            Some(AdditionalProperties::Any(false)) => return,
        };
        let mut n = 1;
        while out.len() < min {
            let key = if n == 1 {
                "key".to_string()
            } else {
                format!("key{n}")
            };
            n += 1;
            if out.contains_key(&key) {
                continue;
            }
            let value = values.map_or(Value::String("value".into()), |v| {
                self.value(v, coverage, depth + 1)
            });
            out.insert(key, value);
        }
    }
}

/// One `allOf` member's properties added to the others'. A member that only documents a property
/// (any value, sampled as `{}`) does not replace the value another member types.
/// The value of a property with no schema of its own, which a typed one replaces.
fn untyped(v: &Value) -> bool {
    v.as_object().is_some_and(Map::is_empty)
}

fn merge_fields(merged: &mut Map<String, Value>, fields: Map<String, Value>) {
    for (name, value) in fields {
        match merged.get(&name) {
            Some(existing) if untyped(&value) && !untyped(existing) => {}
            _ => {
                merged.insert(name, value);
            }
        }
    }
}

#[cfg(test)]
mod tests;
