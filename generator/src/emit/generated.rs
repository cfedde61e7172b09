//! What emitting gives: the crate's files, and what the user should know about them.

use std::collections::BTreeMap;

use crate::diag::Diagnostic;
use crate::ir::Api;

/// The files of a generated crate, by path relative to the crate root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedCrate {
    pub files: BTreeMap<String, String>,
    /// The crate's version, as its `Cargo.toml` gives it.
    pub version: String,
    /// What the user should know but that did not stop generation, e.g. a document with no
    /// operations.
    pub warnings: Vec<Diagnostic>,
    /// Each list-like operation (`METHOD /path`) and how it pages, or why it does not.
    pub paging: Vec<(String, Result<Paged, String>)>,
}

/// How one list pages: its convention and the walk in one line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paged {
    pub convention: String,
    pub how: String,
}

impl GeneratedCrate {
    /// One line: how many list-like operations page, by convention.
    pub fn paging_summary(&self) -> String {
        let mut by: BTreeMap<&str, usize> = BTreeMap::new();
        let mut paged = 0;
        for (_, p) in &self.paging {
            if let Ok(p) = p {
                paged += 1;
                *by.entry(p.convention.as_str()).or_default() += 1;
            }
        }
        let conventions: Vec<String> = by.iter().map(|(c, n)| format!("{c} {n}")).collect();
        let mut line = format!(
            "paging: {paged} of {} list operations page",
            self.paging.len()
        );
        if !conventions.is_empty() {
            line.push_str(&format!(" ({})", conventions.join(", ")));
        }
        line
    }
}

/// Each list-like operation and how it pages, or why it does not.
pub fn paging(api: &Api) -> Vec<(String, Result<Paged, String>)> {
    api.operations
        .iter()
        .filter_map(|op| {
            let key = format!("{} {}", op.method.as_str().to_uppercase(), op.path_key());
            match (&op.pagination, &op.unpaged) {
                (Some(p), _) => Some((
                    key,
                    Ok(Paged {
                        convention: p.convention.clone(),
                        how: p.describe(),
                    }),
                )),
                (None, Some(why)) => Some((key, Err(why.clone()))),
                (None, None) => None,
            }
        })
        .collect()
}
