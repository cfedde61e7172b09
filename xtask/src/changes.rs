//! The change report of a regeneration: the previous generation's `API.md` and version (on disk,
//! or at a git revision with `--base`) against the new one; the verdict, and the version guard
//! that `--check` applies.

use std::path::Path;
use std::process::Command;

use anyhow::{Context, Result, bail};
use generator::report::{self, Level, Report};

/// The previous generation: its API listing and its crate version.
pub struct Previous {
    pub listing: String,
    pub version: semver::Version,
}

/// Reads the previous generation from `out`, or from `out` at git revision `base`. `None` when
/// there is none (a first generation).
pub fn previous(out: &Path, base: Option<&str>) -> Result<Option<Previous>> {
    let read = |file: &str| -> Result<Option<String>> {
        match base {
            None => Ok(std::fs::read_to_string(out.join(file)).ok()),
            Some(rev) => git_show(out, rev, file),
        }
    };
    let (Some(listing), Some(manifest)) = (read("API.md")?, read("Cargo.toml")?) else {
        return Ok(None);
    };
    let version = manifest_version(&manifest)
        .with_context(|| format!("the previous {}/Cargo.toml has no version", out.display()))?;
    Ok(Some(Previous { listing, version }))
}

/// `git show REV:PATH` for a file of `out`, from the repository that holds `out`.
fn git_show(out: &Path, rev: &str, file: &str) -> Result<Option<String>> {
    let dir = out.canonicalize().unwrap_or_else(|_| out.to_path_buf());
    let top = Command::new("git")
        .args(["rev-parse", "--show-toplevel"])
        .current_dir(&dir)
        .output()
        .context("cannot run git")?;
    if !top.status.success() {
        bail!(
            "--base needs {} to be inside a git repository",
            out.display()
        );
    }
    let top = String::from_utf8_lossy(&top.stdout).trim().to_string();
    let known = Command::new("git")
        .args([
            "rev-parse",
            "--verify",
            "--quiet",
            &format!("{rev}^{{commit}}"),
        ])
        .current_dir(&top)
        .output()
        .context("cannot run git")?;
    if !known.status.success() {
        bail!("--base `{rev}`: git knows no such revision");
    }
    let rel = dir
        .strip_prefix(&top)
        .unwrap_or(&dir)
        .join(file)
        .to_string_lossy()
        .replace('\\', "/");
    let shown = Command::new("git")
        .args(["show", &format!("{rev}:{rel}")])
        .current_dir(&top)
        .output()
        .context("cannot run git")?;
    Ok(shown
        .status
        .success()
        .then(|| String::from_utf8_lossy(&shown.stdout).into_owned()))
}

/// The `[package]` version of a manifest.
pub fn manifest_version(manifest: &str) -> Option<semver::Version> {
    let value: toml::Value = toml::from_str(manifest).ok()?;
    semver::Version::parse(value.get("package")?.get("version")?.as_str()?).ok()
}

/// Prints the report, writes it to `report_file` when asked, and says whether the configured
/// version is bumped enough for a breaking change.
pub fn report(
    previous: &Previous,
    new_listing: &str,
    configured: &semver::Version,
    other_changes: bool,
    report_file: Option<&Path>,
) -> Result<(Report, bool)> {
    let report = report::compare(&previous.listing, new_listing, other_changes);
    let text = report.markdown(&previous.version);
    print!("{text}");
    if let Some(path) = report_file {
        std::fs::write(path, &text).with_context(|| format!("cannot write {}", path.display()))?;
    }
    // The guard is for breaking changes: an addition or a doc fix may ship under any version.
    let verdict = report.verdict();
    let enough =
        verdict < Level::Major || report::bumped_enough(&previous.version, configured, verdict);
    Ok((report, enough))
}
