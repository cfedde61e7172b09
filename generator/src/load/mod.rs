//! bytes -> `openapiv3::OpenAPI`.
//!
//! Every input goes through the same steps: parse to a JSON value (keeping positions for errors),
//! turn Mintlify pages into a standard document ([`mintlify`]), smooth over what the openapiv3
//! model cannot hold ([`normalize`]), then deserialize into openapiv3.

mod array_members;
mod component_schemas;
mod json_media;
mod keyword_types;
pub mod kind;
pub mod lenient;
pub mod locate;
mod map_members;
pub(crate) mod media_keys;
pub mod merge;
pub mod mintlify;
pub mod normalize;
mod numeric_enum;
mod pointer;
mod ref_ctx;
pub mod ref_places;
pub mod refs;
mod scalar_members;
pub mod swagger2;
mod swagger2_components;
mod union_members;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde_json::Value;

use crate::diag::{Diagnostic, Diagnostics};

/// One input file, already read.
#[derive(Debug, Clone)]
pub struct SpecSource {
    pub path: PathBuf,
    pub text: String,
}

impl SpecSource {
    pub fn new(path: impl Into<PathBuf>, text: impl Into<String>) -> Self {
        Self {
            path: path.into(),
            text: text.into(),
        }
    }

    /// A Mintlify page rather than an OpenAPI document.
    pub fn is_page(&self) -> bool {
        matches!(
            self.path.extension().and_then(|e| e.to_str()),
            Some("md" | "mdx")
        )
    }

    /// Reads a file, or every spec file of a directory in sorted order.
    pub fn read_path(path: &Path) -> Result<Vec<SpecSource>, Diagnostic> {
        if path.is_dir() {
            let mut files = Vec::new();
            collect_dir(path, &mut files)?;
            files.sort();
            if files.is_empty() {
                return Err(Diagnostic::in_file(
                    path,
                    "directory holds no .md, .yaml, .yml or .json spec",
                ));
            }
            files.iter().map(|f| Self::read_file(f)).collect()
        } else {
            Ok(vec![Self::read_file(path)?])
        }
    }

    fn read_file(path: &Path) -> Result<SpecSource, Diagnostic> {
        let bytes = std::fs::read(path)
            .map_err(|e| Diagnostic::in_file(path, format!("cannot read: {e}")))?;
        let text = String::from_utf8(bytes).map_err(|e| {
            Diagnostic::in_file(
                path,
                format!("not UTF-8 text (byte {})", e.utf8_error().valid_up_to()),
            )
        })?;
        Ok(SpecSource::new(path, text))
    }
}

fn collect_dir(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), Diagnostic> {
    let entries = std::fs::read_dir(dir)
        .map_err(|e| Diagnostic::in_file(dir, format!("cannot list: {e}")))?;
    for entry in entries {
        let path = entry
            .map_err(|e| Diagnostic::in_file(dir, format!("cannot list: {e}")))?
            .path();
        if path.is_dir() {
            collect_dir(&path, out)?;
        } else if is_spec_file(&path) {
            out.push(path);
        }
    }
    Ok(())
}

fn is_spec_file(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("md" | "mdx" | "yaml" | "yml" | "json")
    )
}

/// One loaded input: the normalized document and where it came from.
#[derive(Debug, Clone)]
pub struct LoadedSpec {
    pub file: PathBuf,
    /// The normalized standard document, before the openapiv3 model.
    pub document: Value,
    pub openapi: openapiv3::OpenAPI,
    /// For a converted Swagger 2.0 file, where its parts were in the original.
    pub origins: swagger2::Origins,
    /// Other files its references led to.
    pub files_read: BTreeSet<PathBuf>,
    /// What was assumed to read it, as redocly and swagger-parser read it.
    pub warnings: Vec<Diagnostic>,
    /// Where the parts copied from other places were written.
    pub inlined: refs::Inlined,
}

/// Loads one source of any supported kind.
pub fn load(source: &SpecSource) -> Result<LoadedSpec, Diagnostics> {
    let document = parse(source)?;
    kind::check(&source.path, &document, source.is_page())?;
    load_parsed(&source.path, document, &BTreeMap::new())
}

/// Reads a source into a JSON value: a page into its standard document, a YAML or JSON file as is.
fn parse(source: &SpecSource) -> Result<Value, Diagnostics> {
    let file = &source.path;
    if source.text.trim().is_empty() {
        return Err(Diagnostic::in_file(file, "file is empty").into());
    }
    let ext = file.extension().and_then(|e| e.to_str()).unwrap_or("");
    let document = match ext {
        "md" | "mdx" => mintlify::page_to_openapi(file, &source.text)?,
        "json" => parse_json(file, &source.text, 0)?,
        _ => parse_yaml(file, &source.text, 0)?,
    };
    if !document.is_object() {
        return Err(Diagnostic::at_path(
            file,
            "$",
            "expected a mapping at the top of the document",
        )
        .into());
    }
    check_depth(file, &document)?;
    Ok(document)
}

fn load_parsed(
    file: &Path,
    mut document: Value,
    fragments: &BTreeMap<PathBuf, Value>,
) -> Result<LoadedSpec, Diagnostics> {
    let swagger2 = swagger2::is_swagger2(&document);
    let mut bundled = refs::bundle(file, &mut document, swagger2, fragments)?;
    bundled.warnings.extend(lenient::security_requirements(
        file,
        &mut document,
        swagger2,
    ));
    bundled
        .warnings
        .extend(keyword_types::coerce(file, &mut document));
    let mut origins = swagger2::Origins::default();
    if swagger2 {
        (document, origins) = swagger2::convert(&document);
    }
    if !bundled.files_read.is_empty() {
        check_depth(file, &document)?;
    }
    for mut warning in media_keys::drop_non_media_types(file, &mut document) {
        origins.restore(&mut warning);
        bundled.warnings.push(warning);
    }
    normalize::normalize_document(&mut document);
    union_members::unions_over_own_members(&mut document);
    json_media::json_media(&mut document);
    let openapi = to_model(file, &document).map_err(|mut d| {
        // Name the place the user wrote: in the Swagger 2.0 file, and where a hoisted schema
        // (`#/components/schemas/Item/definitions/itemType`) is written.
        origins.restore(&mut d);
        bundled.inlined.restore(&mut d);
        d
    })?;
    Ok(LoadedSpec {
        file: file.to_path_buf(),
        document,
        openapi,
        origins,
        files_read: bundled.files_read,
        warnings: bundled.warnings,
        inlined: bundled.inlined,
    })
}

/// Loads several sources and merges them into one API.
///
/// A directory may hold a document split over files: a YAML or JSON file that is not a document of
/// its own (no `openapi` or `swagger` field) is skipped when another source's references read it,
/// and refused otherwise.
pub fn load_all(sources: &[SpecSource]) -> Result<merge::LoadedApi, Diagnostics> {
    let mut documents = Vec::new();
    let mut fragments = BTreeMap::new();
    let mut diags = Diagnostics::default();
    for source in sources {
        match parse(source) {
            Ok(document)
                if !source.is_page() && kind::is_fragment(&document) && sources.len() > 1 =>
            {
                fragments.insert(pointer::lexical(&source.path), document);
            }
            Ok(document) => documents.push((source, document)),
            Err(e) => diags.0.extend(e.0),
        }
    }
    // The documents' references read the fragments parsed above, not the files again.
    let mut loaded = Vec::new();
    for (source, document) in documents {
        let result = kind::check(&source.path, &document, source.is_page())
            .and_then(|()| load_parsed(&source.path, document, &fragments));
        match result {
            Ok(spec) => loaded.push(spec),
            Err(e) => diags.0.extend(e.0),
        }
    }
    let read: BTreeSet<&PathBuf> = loaded.iter().flat_map(|s| &s.files_read).collect();
    for (path, document) in &fragments {
        if !read.contains(path)
            && let Err(e) = kind::check(path, document, false)
        {
            diags.0.extend(e.0);
        }
    }
    if !diags.is_empty() {
        return Err(diags);
    }
    merge::merge(loaded)
}

fn to_model(file: &Path, document: &Value) -> Result<openapiv3::OpenAPI, Diagnostic> {
    // Tracking the path adds about a quarter (nexus, median of 5: 6.5 against 5.2 ms); only a
    // document that does not deserialize is read again with it, for the error's place.
    if let Ok(openapi) = openapiv3::OpenAPI::deserialize(document) {
        return Ok(openapi);
    }
    serde_path_to_error::deserialize::<_, openapiv3::OpenAPI>(document).map_err(|e| {
        // openapiv3 flattens `paths` and schemas, which hides the position; look inside.
        let (path, inner) = locate_inside(document)
            .unwrap_or_else(|| (spec_path("", e.path()), e.inner().to_string()));
        Diagnostic::at_path(
            file,
            path,
            format!("not a valid OpenAPI 3 document: {inner}"),
        )
    })
}

/// A serde path as a spec path: openapiv3's flattened and untagged parts print as empty or `?`
/// segments (`components.schemas.X..`), which say nothing; they are dropped.
fn spec_path(prefix: &str, serde_path: &serde_path_to_error::Path) -> String {
    let inner = serde_path.to_string();
    let path = std::iter::once(prefix)
        .chain(inner.split('.'))
        .filter(|s| !s.is_empty() && *s != "?")
        .collect::<Vec<_>>()
        .join(".")
        .replace(".[", "[");
    if path.is_empty() {
        "$".to_string()
    } else {
        path
    }
}

fn locate_inside(document: &Value) -> Option<(String, String)> {
    if let Some(Value::Object(paths)) = document.get("paths") {
        for (route, item) in paths {
            if let Err(e) = serde_path_to_error::deserialize::<_, openapiv3::PathItem>(item) {
                let at = spec_path(&format!("paths.{route}"), e.path());
                return Some((at, e.inner().to_string()));
            }
        }
    }
    if let Some(Value::Object(schemas)) = document.pointer("/components/schemas") {
        for (name, schema) in schemas {
            if let Err(e) = serde_path_to_error::deserialize::<
                _,
                openapiv3::ReferenceOr<openapiv3::Schema>,
            >(schema)
            {
                return Some((
                    spec_path(&format!("components.schemas.{name}"), e.path()),
                    e.inner().to_string(),
                ));
            }
        }
    }
    None
}

/// Parses YAML; `line_offset` is the number of lines before the text in its file.
///
/// serde-saphyr reads YAML straight into JSON values: keys such as `200:` become strings, and an
/// integer beyond 64 bits (`-9223372036854776000` in the OpenAI document) becomes the nearest
/// `f64`, as JSON parsers read it. Duplicate keys are errors, never a silent overwrite. The limits
/// that stop alias bombs grow with the input, so a large document never meets them, and nesting
/// is checked by [`check_depth`].
pub fn parse_yaml(file: &Path, text: &str, line_offset: usize) -> Result<Value, Diagnostic> {
    let mut budget = serde_saphyr::Budget::default();
    budget.max_events = budget.max_events.max(2 * text.len());
    budget.max_nodes = budget.max_nodes.max(text.len());
    // Deserializing deeper nests recursion frames that a test thread's 2 MiB stack cannot hold.
    budget.max_depth = MAX_NESTING + 1;
    let mut options = serde_saphyr::Options::default();
    options.budget = Some(budget);
    // YAML 1.2, as serde_yaml read it: `y`, `no` and `on` are text, not booleans (a description
    // of `y` or a country code `NO` must survive), and `0755` or `1_000` keep their spelling.
    options.strict_booleans = true;
    options.leading_zero_numbers_as_strings = true;
    options.underscored_numbers_as_strings = true;
    options.with_snippet = false;
    serde_saphyr::from_str_with_options::<Value>(text, options).map_err(|e| {
        let message = match e.without_snippet() {
            serde_saphyr::Error::Budget {
                breach: serde_saphyr::budget::BudgetBreach::Depth { .. },
                ..
            } => too_deep_message(),
            other => format!("invalid YAML: {}", strip_location(&other.to_string())),
        };
        match e.location() {
            Some(loc) => Diagnostic::at_line(
                file,
                loc.line() as usize + line_offset,
                loc.column() as usize,
                message,
            ),
            None => Diagnostic::in_file(file, message),
        }
    })
}

fn strip_location(message: &str) -> &str {
    message.split(" at line ").next().unwrap_or(message)
}

fn parse_json(file: &Path, text: &str, line_offset: usize) -> Result<Value, Diagnostic> {
    serde_json::from_str(text).map_err(|e| {
        Diagnostic::at_line(
            file,
            e.line() + line_offset,
            e.column(),
            format!("invalid JSON: {}", strip_location(&e.to_string())),
        )
    })
}

/// Real documents nest about 25 levels deep; refusing far deeper ones keeps every later recursive
/// stage (normalizing, the openapiv3 model, lowering) well inside a thread's stack.
pub const MAX_NESTING: usize = 64;

fn check_depth(file: &Path, document: &Value) -> Result<(), Diagnostic> {
    fn children(v: &Value) -> Box<dyn Iterator<Item = (String, &Value)> + '_> {
        match v {
            Value::Object(m) => Box::new(m.iter().map(|(k, v)| (k.clone(), v))),
            Value::Array(a) => Box::new(a.iter().enumerate().map(|(i, v)| (format!("[{i}]"), v))),
            _ => Box::new(std::iter::empty()),
        }
    }
    let mut stack = vec![(document, 1usize)];
    let mut too_deep = false;
    while let Some((v, depth)) = stack.pop() {
        if depth > MAX_NESTING {
            too_deep = true;
            break;
        }
        if let Value::Object(m) = v {
            stack.extend(m.values().map(|c| (c, depth + 1)));
        } else if let Value::Array(a) = v {
            stack.extend(a.iter().map(|c| (c, depth + 1)));
        }
    }
    if !too_deep {
        return Ok(());
    }
    // Second pass, only on failure: the path to the first too-deep value.
    let mut path = Vec::new();
    let mut current = document;
    while path.len() < MAX_NESTING {
        let deepest = children(current).max_by_key(|(_, c)| depth_of(c));
        let Some((key, child)) = deepest else { break };
        path.push(key);
        current = child;
    }
    let at = path.join(".").replace(".[", "[");
    Err(Diagnostic::at_path(file, at, too_deep_message()))
}

fn too_deep_message() -> String {
    format!("nested more than {MAX_NESTING} levels deep; refusing rather than risk the stack")
}

fn depth_of(v: &Value) -> usize {
    let mut best = 0;
    let mut stack = vec![(v, 1usize)];
    while let Some((v, d)) = stack.pop() {
        best = best.max(d);
        match v {
            Value::Object(m) => stack.extend(m.values().map(|c| (c, d + 1))),
            Value::Array(a) => stack.extend(a.iter().map(|c| (c, d + 1))),
            _ => {}
        }
    }
    best
}

/// 1-based line and column of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

/// A rule that rewrites one schema's keys, applied to a schema written as JSON.
#[cfg(test)]
fn on_schema(
    rule: fn(&mut serde_json::Map<String, serde_json::Value>),
    schema: serde_json::Value,
) -> serde_json::Value {
    let serde_json::Value::Object(mut m) = schema else {
        panic!("a schema object, not {schema}")
    };
    rule(&mut m);
    serde_json::Value::Object(m)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_reads_as_yaml_1_2_and_keeps_every_value() {
        let v = parse_yaml(
            Path::new("x.yaml"),
            "description: y\nenum: [yes, no, on, NO]\nzip: 01234\nbig: 1_000\nok: true\n200: {min: -9223372036854776000}\n",
            0,
        )
        .expect("parses");
        assert_eq!(
            v,
            serde_json::json!({
                "description": "y", "enum": ["yes", "no", "on", "NO"], "zip": "01234",
                "big": "1_000", "ok": true, "200": {"min": -9223372036854776000.0}
            })
        );
    }

    #[test]
    fn duplicate_yaml_keys_are_errors_not_overwrites() {
        let err = parse_yaml(Path::new("x.yaml"), "paths:\n  /a: {}\n  /a: {}\n", 0)
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("x.yaml:3:3: invalid YAML: duplicate"),
            "{err}"
        );
    }

    #[test]
    fn yaml_errors_point_into_the_document() {
        let err = parse_yaml(
            Path::new("x.yaml"),
            "a:\n  b:\n    - ok\n    - {[1, 2]: v}\n",
            0,
        )
        .unwrap_err();
        assert!(
            err.to_string().starts_with("x.yaml:4:8: invalid YAML: "),
            "a key that is not text is refused where it stands: {err}"
        );
        let err = parse_yaml(Path::new("x.md"), "a: [1,\n", 10)
            .unwrap_err()
            .to_string();
        // The unclosed bracket itself, on the fence's first line (line 11 of the file).
        assert!(
            err.starts_with("x.md:11:4: invalid YAML: unclosed bracket"),
            "the offset of the fence is added: {err}"
        );
    }

    #[test]
    fn model_errors_name_a_whole_place() {
        let doc = serde_json::json!({
            "openapi": "3.0.3", "info": {"title": "x", "version": "1"}, "paths": {},
            "components": {"schemas": {"spamInfo": {"type": "object", "properties": {"a": {"type": 5}}}}}
        });
        let err = to_model(Path::new("x.json"), &doc).unwrap_err().to_string();
        assert!(
            err.starts_with("x.json: at `components.schemas.spamInfo"),
            "{err}"
        );
        assert!(!err.contains("..") && !err.contains(".`"), "{err}");
    }

    #[test]
    fn line_col_counts_from_one() {
        assert_eq!(line_col("ab\ncd", 0), (1, 1));
        assert_eq!(line_col("ab\ncd", 4), (2, 2));
    }
}
