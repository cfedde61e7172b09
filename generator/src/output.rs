//! Writing a crate where the user asked: never over what a person wrote.

use std::collections::BTreeMap;
use std::path::Path;

use crate::emit::GENERATED_MARK;

/// Whether a file's first line carries the generated-file mark, in any comment syntax.
pub fn is_generated(path: &Path) -> bool {
    std::fs::read_to_string(path)
        .is_ok_and(|t| t.lines().next().is_some_and(|l| l.contains(GENERATED_MARK)))
}

/// Refuses an output directory where writing `files` would replace a file that was not
/// generated, or that holds files but no earlier generation (a hand-written project).
pub fn refuse_foreign_files(out: &Path, files: &BTreeMap<String, String>) -> Result<(), String> {
    let foreign: Vec<&str> = files
        .keys()
        .filter(|rel| {
            let path = out.join(rel);
            path.exists() && !is_generated(&path)
        })
        .map(String::as_str)
        .collect();
    if !foreign.is_empty() {
        return Err(format!(
            "{} holds files that `cargo xtask codegen` did not generate and would overwrite: {}; \
             move them, or pass --force to overwrite them",
            out.display(),
            foreign.join(", ")
        ));
    }
    let holds_files = std::fs::read_dir(out).is_ok_and(|mut d| d.next().is_some());
    if holds_files && !files.keys().any(|rel| is_generated(&out.join(rel))) {
        return Err(format!(
            "{} is not empty and holds no earlier generation; choose an empty or new directory, \
             or pass --force to write into it",
            out.display()
        ));
    }
    Ok(())
}
