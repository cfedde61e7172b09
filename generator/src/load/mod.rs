//! bytes -> `openapiv3::OpenAPI`.
//!
//! Every input goes through the same steps: parse to a JSON value (keeping positions for errors),
//! turn Mintlify pages into a standard document ([`mintlify`]), smooth over what the openapiv3
//! model cannot hold ([`normalize`]), then deserialize into openapiv3.

pub mod merge;
pub mod mintlify;
pub mod normalize;

use std::path::{Path, PathBuf};

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
        Self { path: path.into(), text: text.into() }
    }

    /// Reads a file, or every spec file of a directory in sorted order.
    pub fn read_path(path: &Path) -> Result<Vec<SpecSource>, Diagnostic> {
        if path.is_dir() {
            let mut files = Vec::new();
            collect_dir(path, &mut files)?;
            files.sort();
            if files.is_empty() {
                return Err(Diagnostic::in_file(path, "directory holds no .md, .yaml, .yml or .json spec"));
            }
            files.iter().map(|f| Self::read_file(f)).collect()
        } else {
            Ok(vec![Self::read_file(path)?])
        }
    }

    fn read_file(path: &Path) -> Result<SpecSource, Diagnostic> {
        let bytes = std::fs::read(path).map_err(|e| Diagnostic::in_file(path, format!("cannot read: {e}")))?;
        let text = String::from_utf8(bytes)
            .map_err(|e| Diagnostic::in_file(path, format!("not UTF-8 text (byte {})", e.utf8_error().valid_up_to())))?;
        Ok(SpecSource::new(path, text))
    }
}

fn collect_dir(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), Diagnostic> {
    let entries = std::fs::read_dir(dir).map_err(|e| Diagnostic::in_file(dir, format!("cannot list: {e}")))?;
    for entry in entries {
        let path = entry.map_err(|e| Diagnostic::in_file(dir, format!("cannot list: {e}")))?.path();
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
}

/// Loads one source of any supported kind.
pub fn load(source: &SpecSource) -> Result<LoadedSpec, Diagnostics> {
    let file = &source.path;
    if source.text.trim().is_empty() {
        return Err(Diagnostic::in_file(file, "file is empty").into());
    }
    let ext = file.extension().and_then(|e| e.to_str()).unwrap_or("");
    let mut document = match ext {
        "md" | "mdx" => mintlify::page_to_openapi(file, &source.text)?,
        "json" => parse_json(file, &source.text, 0)?,
        _ => parse_yaml(file, &source.text, 0)?,
    };
    if !document.is_object() {
        return Err(Diagnostic::at_path(file, "$", "expected a mapping at the top of the document").into());
    }
    normalize::normalize_document(&mut document);
    let openapi = to_model(file, &document)?;
    Ok(LoadedSpec { file: file.clone(), document, openapi })
}

/// Loads several sources and merges them into one API.
pub fn load_all(sources: &[SpecSource]) -> Result<merge::LoadedApi, Diagnostics> {
    let mut loaded = Vec::new();
    let mut diags = Diagnostics::default();
    for source in sources {
        match load(source) {
            Ok(spec) => loaded.push(spec),
            Err(e) => diags.0.extend(e.0),
        }
    }
    if !diags.is_empty() {
        return Err(diags);
    }
    merge::merge(loaded)
}

fn to_model(file: &Path, document: &Value) -> Result<openapiv3::OpenAPI, Diagnostic> {
    serde_path_to_error::deserialize::<_, openapiv3::OpenAPI>(document).map_err(|e| {
        let path = e.path().to_string();
        Diagnostic::at_path(file, path, format!("not a valid OpenAPI 3 document: {}", e.inner()))
    })
}

/// Parses YAML; `line_offset` is the number of lines before the text in its file.
pub fn parse_yaml(file: &Path, text: &str, line_offset: usize) -> Result<Value, Diagnostic> {
    let yaml: serde_yaml::Value = serde_yaml::from_str(text).map_err(|e| match e.location() {
        Some(loc) => Diagnostic::at_line(file, loc.line() + line_offset, loc.column(), format!("invalid YAML: {}", strip_location(&e.to_string()))),
        None => Diagnostic::in_file(file, format!("invalid YAML: {e}")),
    })?;
    yaml_to_json(file, yaml, "$")
}

fn strip_location(message: &str) -> &str {
    message.split(" at line ").next().unwrap_or(message)
}

fn parse_json(file: &Path, text: &str, line_offset: usize) -> Result<Value, Diagnostic> {
    serde_json::from_str(text)
        .map_err(|e| Diagnostic::at_line(file, e.line() + line_offset, e.column(), format!("invalid JSON: {}", strip_location(&e.to_string()))))
}

/// YAML allows non-string keys (`200:`) and tags; the OpenAPI model wants JSON.
fn yaml_to_json(file: &Path, yaml: serde_yaml::Value, at: &str) -> Result<Value, Diagnostic> {
    use serde_yaml::Value as Y;
    Ok(match yaml {
        Y::Null => Value::Null,
        Y::Bool(b) => Value::Bool(b),
        Y::Number(n) => {
            if let Some(i) = n.as_i64() {
                Value::from(i)
            } else if let Some(u) = n.as_u64() {
                Value::from(u)
            } else {
                let f = n.as_f64().unwrap_or(f64::NAN);
                serde_json::Number::from_f64(f)
                    .map(Value::Number)
                    .ok_or_else(|| Diagnostic::at_path(file, at, format!("number {f} has no JSON form")))?
            }
        }
        Y::String(s) => Value::String(s),
        Y::Sequence(items) => Value::Array(
            items
                .into_iter()
                .enumerate()
                .map(|(i, v)| yaml_to_json(file, v, &format!("{at}[{i}]")))
                .collect::<Result<_, _>>()?,
        ),
        Y::Mapping(map) => {
            let mut out = serde_json::Map::new();
            for (k, v) in map {
                let key = match k {
                    Y::String(s) => s,
                    Y::Number(n) => n.to_string(),
                    Y::Bool(b) => b.to_string(),
                    other => {
                        return Err(Diagnostic::at_path(file, at, format!("mapping key {other:?} is not a string")));
                    }
                };
                let child = yaml_to_json(file, v, &format!("{at}.{key}"))?;
                out.insert(key, child);
            }
            Value::Object(out)
        }
        Y::Tagged(tagged) => yaml_to_json(file, tagged.value, at)?,
    })
}

/// 1-based line and column of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}
