//! Writing a crate where the user asked: never over what a person wrote.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::path::Path;

use crate::emit::GENERATED_MARK;

/// Whether a file's first line carries the generated-file mark, in any comment syntax. Only that
/// line is read: a regeneration asks this of every file of the crate, some of them megabytes.
pub fn is_generated(path: &Path) -> bool {
    let Ok(file) = std::fs::File::open(path) else {
        return false;
    };
    let mut first = String::new();
    BufReader::new(file).read_line(&mut first).is_ok() && first.contains(GENERATED_MARK)
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

/// Whether `path` holds `content`, line endings aside: a checkout with `core.autocrlf` turns
/// every `\n` into `\r\n`, which is not a change.
fn holds(path: &Path, content: &str) -> bool {
    std::fs::read_to_string(path).is_ok_and(|on_disk| {
        on_disk == content || (on_disk.contains('\r') && on_disk.replace("\r\n", "\n") == content)
    })
}

/// The files of `files` that `out` does not hold as they are, sorted.
pub fn changed_files(out: &Path, files: &BTreeMap<String, String>) -> Vec<String> {
    files
        .iter()
        .filter(|(rel, content)| !holds(&out.join(rel), content))
        .map(|(rel, _)| rel.clone())
        .collect()
}

/// Makes `out` hold `files` and no other generated file under `src/` and `tests/`; with `check`,
/// only says what it would change. Returns the stale files, orphans marked
/// `(no longer generated)`.
pub fn ensure_files(
    out: &Path,
    files: &BTreeMap<String, String>,
    check: bool,
) -> Result<Vec<String>, String> {
    apply_changes(out, files, changed_files(out, files), check)
}

/// [`ensure_files`] for a caller that already read which files changed ([`changed_files`]), so
/// that nothing is read twice.
pub fn apply_changes(
    out: &Path,
    files: &BTreeMap<String, String>,
    changed: Vec<String>,
    check: bool,
) -> Result<Vec<String>, String> {
    let mut stale = Vec::new();
    for rel in changed {
        let path = out.join(&rel);
        if !check {
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir)
                    .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
            }
            std::fs::write(&path, &files[&rel])
                .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        }
        stale.push(rel);
    }
    for orphan in orphans(out, files) {
        if !check {
            std::fs::remove_file(out.join(&orphan))
                .map_err(|e| format!("cannot remove {orphan}: {e}"))?;
        }
        stale.push(format!("{orphan} (no longer generated)"));
    }
    Ok(stale)
}

/// Generated files under `src/` and `tests/` that `files` no longer holds.
fn orphans(out: &Path, files: &BTreeMap<String, String>) -> Vec<String> {
    let mut found = Vec::new();
    let mut stack = vec![out.join("src"), out.join("tests")];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if let Ok(rel) = path.strip_prefix(out) {
                let rel = rel.to_string_lossy().replace('\\', "/");
                if is_generated(&path) && !files.contains_key(&rel) {
                    found.push(rel);
                }
            }
        }
    }
    found.sort();
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_first_line_with_the_mark_is_generated() {
        let dir = std::env::temp_dir().join(format!("is-generated-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let write = |name: &str, bytes: &[u8]| {
            std::fs::write(dir.join(name), bytes).unwrap();
            dir.join(name)
        };
        let mark = format!("# {GENERATED_MARK}");
        assert!(is_generated(&write(
            "a.toml",
            format!("{mark}\n[x]\n").as_bytes()
        )));
        assert!(
            is_generated(&write("b.rs", format!("// {mark}").as_bytes())),
            "no newline"
        );
        assert!(!is_generated(&write(
            "c.rs",
            format!("\n{mark}\n").as_bytes()
        )));
        assert!(!is_generated(&write("d.bin", b"\xff\xfe\n")));
        assert!(!is_generated(&dir.join("missing.rs")));
        assert!(!is_generated(&dir), "a directory");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn crlf_checkouts_are_not_stale_and_orphans_are() {
        let dir = std::env::temp_dir().join(format!("ensure-files-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("src")).unwrap();
        let header = format!("// {GENERATED_MARK}\n");
        let lib = format!("{header}pub fn a() {{}}\n");
        std::fs::write(dir.join("src/lib.rs"), lib.replace('\n', "\r\n")).unwrap();
        std::fs::write(dir.join("src/old.rs"), &header).unwrap();
        std::fs::write(dir.join("src/mine.rs"), "// hand-written\n").unwrap();
        let files = BTreeMap::from([
            ("src/lib.rs".to_string(), lib.clone()),
            ("src/new.rs".to_string(), header.clone()),
        ]);
        let stale = ensure_files(&dir, &files, true).unwrap();
        assert_eq!(stale, ["src/new.rs", "src/old.rs (no longer generated)"]);
        assert!(!dir.join("src/new.rs").exists(), "--check writes nothing");
        ensure_files(&dir, &files, false).unwrap();
        assert!(ensure_files(&dir, &files, true).unwrap().is_empty());
        assert!(!dir.join("src/old.rs").exists());
        assert!(
            dir.join("src/mine.rs").exists(),
            "a hand-written file stays"
        );
        // A real change is still one, whatever the line endings.
        std::fs::write(dir.join("src/lib.rs"), "// other\r\n").unwrap();
        assert_eq!(ensure_files(&dir, &files, true).unwrap(), ["src/lib.rs"]);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
