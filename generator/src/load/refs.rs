//! Bundles a document that spreads over several files into one, and resolves local `$ref`s that
//! point anywhere but a component.
//!
//! What the later stages read is a single document whose references are all
//! `#/components/<section>/<Name>` (or `#/definitions/<Name>` in Swagger 2.0):
//!
//! - A reference in a schema position that points into another file, or at a schema that is not a
//!   component, becomes a component schema, named after the target (`Name` of
//!   `other.yaml#/components/schemas/Name`, the file stem of `schemas/Pet.yaml`). Each target gets one
//!   name, chosen in document order, so recursion and cycles across files end at that name and the
//!   same input always gives the same names. A name already taken by a different target gets the
//!   file stem in front, then a number.
//! - Any other reference (a path item, parameter, response, example) is replaced by a copy of its
//!   target, whose own references resolve from the file that holds it.
//! - `discriminator.mapping` values that name other files become component references too.
//! - Extensions (`x-…`) and examples are left as written: nothing here reads them, and
//!   tools put references to code samples in them that need not exist.
//!
//! Generation never touches the network: a URL reference is refused.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

use super::pointer::{
    dotted, dotted_pointer, escape, lexical, percent_decode, pointer_of, unescape,
};
use super::ref_ctx::{Ctx, is_component_ref, needs_bundling, next_ctx};
use super::ref_places;
use crate::diag::{Diagnostic, Diagnostics};

/// Where copied parts of the document were written: a place in the bundled document (file and
/// dotted path) and the file and path its content came from. Diagnostics raised on the bundled
/// document are moved back to where the user wrote the part, so they get its line.
#[derive(Debug, Clone, Default)]
pub struct Inlined {
    moves: Vec<((PathBuf, String), (PathBuf, String))>,
}

impl Inlined {
    fn add(&mut self, at: (PathBuf, String), from: (PathBuf, String)) {
        if at != from {
            self.moves.push((at, from));
        }
    }

    /// Names the place where the diagnostic's subject is written, following copies of copies.
    pub fn restore(&self, d: &mut Diagnostic) {
        for _ in 0..MAX_REF_DEPTH {
            let crate::diag::Location::SpecPath(path) = &d.location else {
                return;
            };
            let at_boundary = |prefix: &str| {
                path.strip_prefix(prefix)
                    .is_some_and(|rest| rest.is_empty() || rest.starts_with(['.', '[']))
            };
            let Some(((_, prefix), (file, origin))) = self
                .moves
                .iter()
                .filter(|((file, prefix), _)| *file == d.file && at_boundary(prefix))
                .max_by_key(|((_, prefix), _)| prefix.len())
            else {
                return;
            };
            let rest = &path[prefix.len()..];
            let moved = match (origin.is_empty(), rest.strip_prefix('.')) {
                (true, Some(rest)) => rest.to_string(),
                (true, None) if rest.is_empty() => "$".to_string(),
                _ => format!("{origin}{rest}"),
            };
            d.file = file.clone();
            d.location = crate::diag::Location::SpecPath(moved);
        }
    }
}

/// The result of bundling: the files read besides the root, and what was assumed on the way.
#[derive(Debug, Default)]
pub struct Bundled {
    pub files_read: BTreeSet<PathBuf>,
    /// Where copied parts came from, for diagnostics.
    pub inlined: Inlined,
    /// References read as bundlers read them, beyond the letter of the standard.
    pub warnings: Vec<Diagnostic>,
}

/// How deep references may lead through other references before we call it a runaway.
const MAX_REF_DEPTH: usize = 64;

/// Bundles `doc`, read from `file`, in place. `known` holds files already read and parsed (the
/// other files of a directory given as the spec), by [`lexical`] path; any other is read here.
pub fn bundle(
    file: &Path,
    doc: &mut Value,
    swagger2: bool,
    known: &BTreeMap<PathBuf, Value>,
) -> Result<Bundled, Diagnostics> {
    if !needs_bundling(doc) {
        return Ok(Bundled::default());
    }
    let root = lexical(file);
    let section = if swagger2 {
        vec!["definitions".to_string()]
    } else {
        vec!["components".to_string(), "schemas".to_string()]
    };
    let mut files = BTreeMap::new();
    files.insert(root.clone(), doc.clone());
    let mut bundler = Bundler {
        known,
        root: root.clone(),
        section,
        files,
        hoisted: BTreeMap::new(),
        taken: BTreeSet::new(),
        new_schemas: Vec::new(),
        active: Vec::new(),
        diags: Diagnostics::default(),
        warnings: Vec::new(),
        inlined: Inlined::default(),
        files_read: BTreeSet::new(),
    };
    bundler.component_maps(doc, swagger2);
    if let Some(Value::Object(schemas)) = doc.pointer(&pointer_of(&bundler.section)) {
        bundler
            .taken
            .extend(schemas.keys().map(|k| crate::names::camel(k)));
    }
    // Component entries that are references name their targets before anything else can.
    if let Some(Value::Object(schemas)) = doc.pointer(&pointer_of(&bundler.section)) {
        for (name, schema) in schemas {
            if let Some(Value::String(r)) = schema.get("$ref")
                && let Ok((target, pointer)) = bundler.locate(r, &root)
                && !(target == root && is_component_ref(&format!("#{pointer}")))
            {
                bundler
                    .hoisted
                    .entry((target, pointer))
                    .or_insert(name.clone());
            }
        }
    }
    let mut path = Vec::new();
    bundler.walk(doc, &root, Ctx::Doc, &mut path);
    if !bundler.diags.is_empty() {
        return Err(bundler.diags);
    }
    if !bundler.new_schemas.is_empty() {
        let mut target = &mut *doc;
        for key in &bundler.section {
            let Value::Object(m) = target else { break };
            target = m
                .entry(key.clone())
                .or_insert_with(|| Value::Object(Map::new()));
        }
        if let Value::Object(schemas) = target {
            schemas.extend(bundler.new_schemas);
        }
    }
    Ok(Bundled {
        files_read: bundler.files_read,
        inlined: bundler.inlined,
        warnings: bundler.warnings,
    })
}

struct Bundler<'k> {
    known: &'k BTreeMap<PathBuf, Value>,
    root: PathBuf,
    /// Where component schemas live: `components.schemas`, or `definitions` in 2.0.
    section: Vec<String>,
    /// Every document read here, by normalized path; the root as it was before bundling.
    files: BTreeMap<PathBuf, Value>,
    /// (file, pointer) -> the component schema name it was given.
    hoisted: BTreeMap<(PathBuf, String), String>,
    /// Component names given so far, as the Rust type names they become (`region` and `Region`
    /// are one name there).
    taken: BTreeSet<String>,
    new_schemas: Vec<(String, Value)>,
    /// References being inlined, outermost first, to stop cycles.
    active: Vec<(PathBuf, String)>,
    diags: Diagnostics,
    warnings: Vec<Diagnostic>,
    inlined: Inlined,
    files_read: BTreeSet<PathBuf>,
}

impl Bundler<'_> {
    /// A component section given whole as a reference (`schemas: {$ref: schemas.yaml}`) is read
    /// as the map it names, its references rebased onto the root. Its schemas keep their keys as
    /// component names, also where other files refer to them.
    fn component_maps(&mut self, doc: &mut Value, swagger2: bool) {
        let root = self.root.clone();
        for section in ref_places::component_sections(swagger2) {
            let pointer: String = section.iter().map(|s| format!("/{s}")).collect();
            let Some(Value::String(r)) = doc.pointer(&pointer).and_then(|v| v.get("$ref")) else {
                continue;
            };
            let r = r.clone();
            let path: Vec<String> = section.iter().map(|s| s.to_string()).collect();
            let (target_file, target_pointer) = match self.locate(&r, &root) {
                Ok(found) => found,
                Err(message) => return self.error(&root, &path, message),
            };
            let Some((holder, mut map)) =
                self.target_in(&target_file, &target_pointer, &r, &root, &path)
            else {
                continue;
            };
            if !map.is_object() {
                self.error(
                    &root,
                    &path,
                    format!("`$ref` `{r}` names no map of components"),
                );
                continue;
            }
            if matches!(section.last(), Some(&"schemas" | &"definitions"))
                && let Value::Object(entries) = &map
            {
                for name in entries.keys() {
                    let entry = format!("{target_pointer}/{}", escape(name));
                    self.hoisted
                        .insert((target_file.clone(), entry), name.clone());
                }
            }
            ref_places::rebase(&mut map, &holder, &root);
            if target_file != root {
                self.files_read.insert(target_file.clone());
            }
            if let Some(slot) = doc.pointer_mut(&pointer) {
                *slot = map;
            }
        }
    }

    fn walk(&mut self, v: &mut Value, file: &Path, ctx: Ctx, path: &mut Vec<String>) {
        if ctx == Ctx::Opaque {
            return;
        }
        match v {
            Value::Object(m) => {
                if let Some(Value::String(r)) = m.get("$ref") {
                    let r = r.clone();
                    self.reference(v, &r, file, ctx, path);
                    return;
                }
                for (key, child) in m.iter_mut() {
                    if ctx == Ctx::Schema && key == "discriminator" {
                        path.push(key.clone());
                        self.mapping(child, file, path);
                        path.pop();
                        continue;
                    }
                    let next = next_ctx(ctx, key, path);
                    path.push(key.clone());
                    self.walk(child, file, next, path);
                    path.pop();
                }
            }
            Value::Array(items) => {
                let element = match ctx {
                    Ctx::SchemaList => Ctx::Schema,
                    other => other,
                };
                for (i, item) in items.iter_mut().enumerate() {
                    path.push(format!("[{i}]"));
                    self.walk(item, file, element, path);
                    path.pop();
                }
            }
            _ => {}
        }
    }

    fn error(&mut self, file: &Path, path: &[String], message: String) {
        self.diags
            .push(Diagnostic::at_path(file, dotted(path), message));
    }

    /// Resolves one `$ref` found in `file`, replacing `v`.
    fn reference(&mut self, v: &mut Value, r: &str, file: &Path, ctx: Ctx, path: &[String]) {
        let (target_file, pointer) = match self.locate(r, file) {
            Ok(found) => found,
            Err(message) => return self.error(file, path, message),
        };
        // A map or list given as a reference (`properties: {$ref: attributes.yaml#/pet}`) is
        // replaced by the map or list; only a schema becomes a component.
        let schema_like = ctx == Ctx::Schema;
        let local = format!("#{pointer}");
        if schema_like
            && let Some(section) = ref_places::section_of(&local)
            && !ref_places::holds_schemas(section)
        {
            let section = section.to_string();
            return self.schema_held_by(v, r, &section, (&target_file, &pointer), file, path);
        }
        let misplaced = match (ctx, ref_places::expected_section(path)) {
            (Ctx::Doc, Some(expected)) => ref_places::section_of(&local)
                .filter(|actual| *actual != expected)
                .map(|actual| (expected, actual.to_string())),
            _ => None,
        };
        if let Some((expected, actual)) = &misplaced
            && target_file == self.root
        {
            let target = self.target(&target_file, &pointer, r, file, path);
            match target.as_ref().map(|t| ref_places::holds(expected, t)) {
                None => return,
                Some(Ok(())) => self.warnings.push(Diagnostic::at_path(
                    file,
                    dotted(path),
                    format!(
                        "`$ref` `{r}` is used as a {} but points into `{actual}`; read as the {} \
                         it holds (move it to the `{expected}` section)",
                        ref_places::kind_word(expected),
                        ref_places::kind_word(expected),
                    ),
                )),
                Some(Err(lacks)) => {
                    return self.error(
                        file,
                        path,
                        format!(
                            "`$ref` `{r}` is used as a {} but points into `{actual}`, at an \
                             object that is not one ({lacks})",
                            ref_places::kind_word(expected)
                        ),
                    );
                }
            }
        } else if target_file == self.root && is_component_ref(&local) {
            // Already where the later stages look; a reference from another file is rewritten to
            // the local form.
            if file != self.root
                && let Value::Object(m) = v
            {
                m.insert("$ref".into(), Value::String(format!("#{pointer}")));
            }
            return;
        }
        let key = (target_file.clone(), pointer.clone());
        // A component entry that is only a reference (`Pet: {$ref: Pet.yaml}`) takes the target's
        // content under its own name.
        let own_entry = file == self.root
            && path.len() == self.section.len() + 1
            && path[..self.section.len()] == self.section[..]
            && self.hoisted.get(&key) == path.last();
        if schema_like && !own_entry && !self.scalar_property(&target_file, &pointer, r, file, path)
        {
            if let Some(name) = self.hoist(&target_file, &pointer, r, file, path) {
                let reference = format!("{}/{}", pointer_of(&self.section), escape(&name));
                if let Value::Object(m) = v {
                    m.insert("$ref".into(), Value::String(format!("#{reference}")));
                }
            }
            return;
        }
        if self.active.contains(&key) || self.active.len() >= MAX_REF_DEPTH {
            let chain: Vec<String> = self
                .active
                .iter()
                .chain(std::iter::once(&key))
                .map(|(f, p)| format!("{}#{p}", f.display()))
                .collect();
            return self.error(
                file,
                path,
                format!("`$ref` `{r}` leads back to itself: {}", chain.join(" -> ")),
            );
        }
        let Some((holder, mut target)) = self.target_in(&target_file, &pointer, r, file, path)
        else {
            return;
        };
        if holder == target_file {
            self.inlined.add(
                (file.to_path_buf(), dotted(path)),
                (holder.clone(), dotted_pointer(&pointer)),
            );
        }
        self.active.push(key);
        let mut inner = Vec::new();
        self.walk(&mut target, &holder, ctx, &mut inner);
        self.active.pop();
        // Siblings of the reference (3.1 allows `summary` and `description`) override the target's.
        if let (Value::Object(siblings), Value::Object(t)) = (&*v, &mut target) {
            for (k, s) in siblings {
                if k != "$ref" {
                    t.insert(k.clone(), s.clone());
                }
            }
        }
        *v = target;
    }

    /// A schema `$ref` into another section (`#/components/responses/X`, a habit of some
    /// documents): read as the schema that object holds, or as any value when it holds none.
    fn schema_held_by(
        &mut self,
        v: &mut Value,
        r: &str,
        section: &str,
        (target_file, pointer): (&Path, &str),
        file: &Path,
        path: &[String],
    ) {
        let Some((holder, target)) = self.target_in(target_file, pointer, r, file, path) else {
            return;
        };
        let kind = ref_places::kind_word(section);
        let Some(sub) = ref_places::schema_within(section, &target) else {
            self.warnings.push(Diagnostic::at_path(
                file,
                dotted(path),
                format!("`$ref` `{r}` is used as a schema but points at a {kind} that holds none; read as any value"),
            ));
            *v = Value::Object(Map::new());
            return;
        };
        self.warnings.push(Diagnostic::at_path(
            file,
            dotted(path),
            format!("`$ref` `{r}` is used as a schema but points at a {kind}; read as the schema the {kind} holds"),
        ));
        // The schema's own reference, when it is one, resolves from the file that holds it;
        // else the schema is named by its place, from the file the reference named.
        let inner = target
            .pointer(&sub)
            .and_then(|s| s.get("$ref"))
            .and_then(Value::as_str);
        let (from, reference) = match inner {
            Some(inner) => (holder.as_path(), inner.to_string()),
            None => (target_file, format!("#{pointer}{sub}")),
        };
        if let Value::Object(m) = v {
            m.insert("$ref".into(), Value::String(reference.clone()));
        }
        self.reference(v, &reference, from, Ctx::Schema, path);
    }

    /// Whether a reference points at one property of another schema (Linode's
    /// `#/components/schemas/Volume/properties/label`) whose schema is a plain scalar. That
    /// property is a `String` in its own schema, so it is one where it is borrowed, too: copied,
    /// not made a type of its own (`Label2`, `Label3`, ... before).
    fn scalar_property(
        &mut self,
        target_file: &Path,
        pointer: &str,
        r: &str,
        file: &Path,
        path: &[String],
    ) -> bool {
        let mut segments = pointer.rsplit('/');
        // A property already made a type was not a scalar: no need to read it again.
        let key = (target_file.to_path_buf(), pointer.to_string());
        if segments.nth(1) != Some("properties") || self.hoisted.contains_key(&key) {
            return false;
        }
        let Some((_, Value::Object(target))) = self.target_in(target_file, pointer, r, file, path)
        else {
            return false;
        };
        let scalar = target
            .get("type")
            .and_then(Value::as_str)
            .is_some_and(|t| matches!(t, "string" | "integer" | "number" | "boolean"));
        let shaped = [
            "$ref",
            "enum",
            "const",
            "allOf",
            "oneOf",
            "anyOf",
            "properties",
            "items",
        ]
        .iter()
        .any(|k| target.contains_key(*k));
        scalar && !shaped
    }

    /// The component name for a schema target, adding it on first sight.
    fn hoist(
        &mut self,
        target_file: &Path,
        pointer: &str,
        r: &str,
        file: &Path,
        path: &[String],
    ) -> Option<String> {
        let key = (target_file.to_path_buf(), pointer.to_string());
        if let Some(name) = self.hoisted.get(&key) {
            return Some(name.clone());
        }
        let (holder, mut target) = self.target_in(target_file, pointer, r, file, path)?;
        let name = self.fresh_name(target_file, pointer);
        self.hoisted.insert(key, name.clone());
        if holder == target_file {
            let mut at = self.section.clone();
            at.push(name.clone());
            self.inlined.add(
                (self.root.clone(), dotted(&at)),
                (holder.clone(), dotted_pointer(pointer)),
            );
        }
        let mut inner = Vec::new();
        self.walk(&mut target, &holder, Ctx::Schema, &mut inner);
        self.new_schemas.push((name.clone(), target));
        Some(name)
    }

    fn fresh_name(&mut self, target_file: &Path, pointer: &str) -> String {
        let stem = target_file
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("Schema")
            .to_string();
        let last = pointer.rsplit('/').next().map(unescape).unwrap_or_default();
        let structural = last.is_empty()
            || last.parse::<u64>().is_ok()
            || matches!(
                last.as_str(),
                "schema" | "items" | "additionalProperties" | "not" | "content"
            );
        let base = if pointer.is_empty() {
            stem.clone()
        } else if structural {
            // A schema inside an operation or another schema: name it from where it sits.
            // The route's words, the method, the status and the schema's own place; media
            // types and structural keys say nothing.
            let segments: Vec<String> = pointer.split('/').skip(1).map(unescape).collect();
            segments
                .iter()
                .enumerate()
                .filter(|(i, s)| !(s.contains('/') && *i != 1))
                .filter(|(_, s)| {
                    !matches!(
                        s.as_str(),
                        "paths"
                            | "components"
                            | "content"
                            | "schema"
                            | "responses"
                            | "requestBody"
                            | "requestBodies"
                            | "parameters"
                            | "headers"
                    )
                })
                .map(|(_, s)| {
                    s.chars()
                        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
                        .collect::<String>()
                })
                .collect::<Vec<_>>()
                .join(" ")
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        } else {
            last
        };
        let mut candidates = vec![base.clone()];
        // One property of another schema whose name is taken: the owner's name tells it apart
        // (`Database engine`), as that schema names its own property's type, before a number.
        if let Some((owner, _)) = pointer.rsplit_once("/properties/")
            && !structural
        {
            let owner = owner.rsplit('/').next().map(unescape).unwrap_or_default();
            candidates.push(format!("{owner} {base}"));
        }
        if target_file != self.root && stem != base {
            candidates.push(format!("{stem} {base}"));
        }
        let name = candidates
            .into_iter()
            .find(|c| !self.taken.contains(&crate::names::camel(c)))
            .unwrap_or_else(|| {
                (2..)
                    .map(|n| format!("{base}{n}"))
                    .find(|c| !self.taken.contains(&crate::names::camel(c)))
                    .unwrap_or_default()
            });
        self.taken.insert(crate::names::camel(&name));
        name
    }

    /// Rewrites `discriminator.mapping` values that name other files to component references.
    fn mapping(&mut self, discriminator: &mut Value, file: &Path, path: &mut Vec<String>) {
        let Some(Value::Object(mapping)) = discriminator.get_mut("mapping") else {
            return;
        };
        let mut unreadable = Vec::new();
        for (value, target) in mapping.iter_mut() {
            let Value::String(r) = target else { continue };
            let r = r.clone();
            // A bare name is a component name, as 3.0 allows.
            if !r.contains('#') && !r.contains('/') && !r.contains('.') {
                continue;
            }
            // Bundled documents keep mappings to the files and places they were bundled from.
            // The members still tell the values apart by their shapes; an entry that leads
            // nowhere goes.
            if let Ok((target_file, pointer)) = self.locate(&r, file)
                && !self.leads_somewhere(&target_file, &pointer)
            {
                let at = format!("{}.mapping.{value}", dotted(path));
                self.warnings.push(Diagnostic::at_path(
                    file,
                    at,
                    format!("`{r}` leads nowhere; the entry is left out of the mapping"),
                ));
                unreadable.push(value.clone());
                continue;
            }
            let mut holder = serde_json::json!({ "$ref": r });
            path.push("mapping".into());
            path.push(value.clone());
            self.reference(&mut holder, &r, file, Ctx::Schema, path);
            path.pop();
            path.pop();
            if let Some(Value::String(resolved)) = holder.get("$ref") {
                *target = Value::String(resolved.clone());
            }
        }
        mapping.retain(|value, _| !unreadable.contains(value));
    }

    /// Whether `pointer` names a value in `target_file`: in a document already read, looked up;
    /// in another file, as long as the file exists (reading it reports what is wrong).
    fn leads_somewhere(&self, target_file: &Path, pointer: &str) -> bool {
        match self
            .files
            .get(target_file)
            .or_else(|| self.known.get(target_file))
        {
            Some(doc) => doc.pointer(pointer).is_some(),
            None => target_file.is_file(),
        }
    }

    /// Splits a reference into the file it names and a JSON pointer.
    fn locate(&self, r: &str, file: &Path) -> Result<(PathBuf, String), String> {
        if r.contains("://") || r.starts_with("//") {
            return Err(format!(
                "`$ref` `{r}` points at a URL; generation never uses the network: save the \
                 document beside this file and refer to it by a relative path"
            ));
        }
        let (file_part, fragment) = r.split_once('#').unwrap_or((r, ""));
        let fragment = percent_decode(fragment);
        if !fragment.is_empty() && !fragment.starts_with('/') {
            return Err(format!(
                "`$ref` `{r}`: `#{fragment}` is not a JSON pointer (it must start with `#/`)"
            ));
        }
        let target = if file_part.is_empty() {
            file.to_path_buf()
        } else {
            let relative = percent_decode(file_part);
            lexical(&file.parent().unwrap_or(Path::new("")).join(relative))
        };
        Ok((target, fragment))
    }

    /// A copy of the value at `pointer` in `target_file`, reading and parsing the file once.
    fn target(
        &mut self,
        target_file: &Path,
        pointer: &str,
        r: &str,
        file: &Path,
        path: &[String],
    ) -> Option<Value> {
        self.target_in(target_file, pointer, r, file, path)
            .map(|(_, value)| value)
    }

    /// [`Self::target`], with the file that holds the value: another one when the pointer
    /// passes through a reference. References inside the value resolve from that file.
    fn target_in(
        &mut self,
        target_file: &Path,
        pointer: &str,
        r: &str,
        file: &Path,
        path: &[String],
    ) -> Option<(PathBuf, Value)> {
        if !self.files.contains_key(target_file) && !self.known.contains_key(target_file) {
            match read_document(target_file) {
                Ok(doc) => {
                    self.files.insert(target_file.to_path_buf(), doc);
                }
                Err(e) => {
                    self.error(file, path, format!("`$ref` `{r}`: {e}"));
                    return None;
                }
            }
        }
        if target_file != self.root {
            self.files_read.insert(target_file.to_path_buf());
        }
        // A pointer may pass through a reference (`.../schema/allOf/0` where `schema` is one):
        // follow it and go on from its target, as bundlers do.
        let mut here = target_file.to_path_buf();
        let mut segments: Vec<String> = pointer.split('/').skip(1).map(unescape).collect();
        for _ in 0..MAX_REF_DEPTH {
            let doc = self.files.get(&here).or_else(|| self.known.get(&here))?;
            let mut node = doc;
            let mut through = None;
            for (i, segment) in segments.iter().enumerate() {
                if let Some(Value::String(inner)) = node.get("$ref")
                    && segment != "$ref"
                {
                    through = Some((inner.clone(), i));
                    break;
                }
                let next = match node {
                    Value::Object(m) => m.get(segment),
                    Value::Array(items) => segment.parse::<usize>().ok().and_then(|i| items.get(i)),
                    _ => None,
                };
                let Some(next) = next else {
                    let message = format!(
                        "`$ref` `{r}`: {} has nothing at `#{pointer}`",
                        target_file.display()
                    );
                    self.error(file, path, message);
                    return None;
                };
                node = next;
            }
            let Some((inner, consumed)) = through else {
                return Some((here, node.clone()));
            };
            let (next_file, next_pointer) = match self.locate(&inner, &here) {
                Ok(found) => found,
                Err(message) => {
                    self.error(file, path, format!("`$ref` `{r}`: {message}"));
                    return None;
                }
            };
            let rest: Vec<String> = segments.split_off(consumed);
            segments = next_pointer.split('/').skip(1).map(unescape).collect();
            segments.extend(rest);
            if !self.files.contains_key(&next_file) && !self.known.contains_key(&next_file) {
                match read_document(&next_file) {
                    Ok(doc) => {
                        self.files.insert(next_file.clone(), doc);
                    }
                    Err(e) => {
                        self.error(file, path, format!("`$ref` `{r}`: {e}"));
                        return None;
                    }
                }
            }
            if next_file != self.root {
                self.files_read.insert(next_file.clone());
            }
            here = next_file;
        }
        self.error(
            file,
            path,
            format!("`$ref` `{r}`: its pointer passes through too many references"),
        );
        None
    }
}

fn read_document(file: &Path) -> Result<Value, String> {
    let text = std::fs::read_to_string(file)
        .map_err(|e| format!("cannot read {}: {e}", file.display()))?;
    let parsed = if file.extension().is_some_and(|e| e == "json") {
        super::parse_json(file, &text, 0)
    } else {
        super::parse_yaml(file, &text, 0)
    }
    .map_err(|d| d.to_string())?;
    super::check_depth(file, &parsed).map_err(|d| d.to_string())?;
    Ok(parsed)
}
