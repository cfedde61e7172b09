//! Diagnostics: every error a user can hit names the file and the place in it.

use std::fmt;
use std::path::PathBuf;

/// Where in a source file a problem sits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// A 1-based line and column in the file as the user sees it.
    LineCol { line: usize, col: usize },
    /// A dotted path into the spec, such as `paths./v1/x.post.requestBody`.
    SpecPath(String),
    /// A spec path found in the file: where it is written, 1-based.
    SpecLine {
        path: String,
        line: usize,
        col: usize,
    },
    /// The whole file.
    File,
}

/// One problem with one input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub file: PathBuf,
    pub location: Location,
    pub message: String,
}

impl Diagnostic {
    pub fn at_path(
        file: impl Into<PathBuf>,
        path: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Self {
            file: file.into(),
            location: Location::SpecPath(path.into()),
            message: message.into(),
        }
    }

    pub fn at_line(
        file: impl Into<PathBuf>,
        line: usize,
        col: usize,
        message: impl Into<String>,
    ) -> Self {
        Self {
            file: file.into(),
            location: Location::LineCol { line, col },
            message: message.into(),
        }
    }

    pub fn in_file(file: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Self {
            file: file.into(),
            location: Location::File,
            message: message.into(),
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let file = self.file.display();
        match &self.location {
            Location::LineCol { line, col } => write!(f, "{file}:{line}:{col}: {}", self.message),
            Location::SpecPath(path) => write!(f, "{file}: at `{path}`: {}", self.message),
            Location::SpecLine { path, line, col } => {
                write!(f, "{file}:{line}:{col}: at `{path}`: {}", self.message)
            }
            Location::File => write!(f, "{file}: {}", self.message),
        }
    }
}

/// All the problems found in one run; generation stops at the first stage that reports any.
#[derive(Debug, Clone, Default, PartialEq, Eq, thiserror::Error)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    pub fn one(d: Diagnostic) -> Self {
        Self(vec![d])
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    pub fn push(&mut self, d: Diagnostic) {
        self.0.push(d);
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, d) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "error: {d}")?;
        }
        Ok(())
    }
}

impl From<Diagnostic> for Diagnostics {
    fn from(d: Diagnostic) -> Self {
        Self::one(d)
    }
}

/// One warning for each message repeated in a file: the first place, and how many others. A
/// habit of a document's author (Trello's 324 operations each list the same credentials apart)
/// is one thing to read, not hundreds of lines.
pub fn collapse_repeats(warnings: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let mut counts: std::collections::HashMap<(PathBuf, String), usize> =
        std::collections::HashMap::new();
    for w in &warnings {
        *counts
            .entry((w.file.clone(), w.message.clone()))
            .or_default() += 1;
    }
    let mut out = Vec::new();
    for mut w in warnings {
        match counts.remove(&(w.file.clone(), w.message.clone())) {
            Some(1) => out.push(w),
            Some(n) => {
                w.message = format!("{}; the same at {} other places", w.message, n - 1);
                out.push(w);
            }
            None => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeated_warnings_are_one_with_a_count() {
        let w = |file: &str, path: &str, message: &str| Diagnostic::at_path(file, path, message);
        let warnings = vec![
            w("a.json", "paths./x.get", "same"),
            w("a.json", "paths./y", "other"),
            w("a.json", "paths./x.put", "same"),
            w("b.json", "paths./x.get", "same"),
            w("a.json", "paths./z.get", "same"),
        ];
        let out: Vec<String> = collapse_repeats(warnings)
            .iter()
            .map(|d| format!("{} {:?} {}", d.file.display(), d.location, d.message))
            .collect();
        assert_eq!(
            out,
            [
                "a.json SpecPath(\"paths./x.get\") same; the same at 2 other places",
                "a.json SpecPath(\"paths./y\") other",
                "b.json SpecPath(\"paths./x.get\") same",
            ]
        );
    }
}
