//! `cargo xtask codegen`: reads `spec/`, writes `generated-client/`. `cargo xtask openapi`: writes
//! the merged document the pipeline lowers from, for other OpenAPI tools.

mod bench;
mod changes;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::Parser;
use generator::emit::EmitOptions;
use generator::{Config, ExportOptions, SpecSource};

// Code generation allocates many small token trees; glibc's malloc was a quarter of the profile.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(code) => code,
        Err(e) => {
            // Spec diagnostics carry their own `error:` prefix, one per problem.
            match e.downcast_ref::<generator::Diagnostics>() {
                Some(d) => eprintln!("{d}"),
                None => eprintln!("error: {e:#}"),
            }
            ExitCode::from(2)
        }
    }
}

#[derive(Parser)]
#[command(
    bin_name = "cargo xtask",
    about = "Generates the client crate and its OpenAPI document"
)]
enum Cli {
    /// Generates the crate from the specs (default: spec/ into generated-client/).
    Codegen {
        #[command(flatten)]
        input: Input,
        /// Where to write the crate.
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
        /// Write nothing; exit 1 and list the files that are stale.
        #[arg(long)]
        check: bool,
        /// Give the crate its own [workspace] so it builds inside another tree.
        #[arg(long)]
        standalone: bool,
        /// Write even where the output holds files this command did not generate.
        #[arg(long)]
        force: bool,
        /// Fail on any warning (what was assumed where a document breaks a rule but leaves one
        /// reading), for spec authors' CI.
        #[arg(long)]
        strict: bool,
        /// List each list-like operation with the paging convention it got, or why it got none.
        #[arg(long)]
        explain_pagination: bool,
        /// Also write the change report, as Markdown (e.g. for a PR comment or CHANGELOG.md).
        #[arg(long, value_name = "FILE")]
        report: Option<PathBuf>,
        /// Compare with the generation at this git revision (e.g. `origin/main`) instead of the
        /// one on disk: what a pull request changes.
        #[arg(long, value_name = "REV")]
        base: Option<String>,
    },
    /// Writes the merged document the pipeline lowers from, as OpenAPI 3 JSON.
    Openapi {
        #[command(flatten)]
        input: Input,
        /// The JSON file to write (default: stdout).
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
        /// Where a route is keyed both plain and with this fixed query (e.g. `beta=true`), keep
        /// that operation; by default the plain route's stays. The other is listed on stderr.
        #[arg(long, value_name = "QUERY")]
        prefer_query: Option<String>,
    },
    /// Writes a commented starter codegen.toml beside the first spec.
    Init {
        #[command(flatten)]
        input: Input,
        /// Replace a codegen.toml that is already there.
        #[arg(long)]
        force: bool,
    },
    /// Times loading, lowering and emitting (build with --release for meaningful numbers).
    Bench {
        #[arg(long, default_value_t = 5)]
        runs: usize,
    },
}

#[derive(clap::Args)]
struct Input {
    /// A spec file or a directory of them (repeatable; default: spec/).
    #[arg(long = "spec", value_name = "PATH")]
    specs: Vec<PathBuf>,
    /// Generator config (default: codegen.toml beside the first spec, else a minimal one).
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// The crate's package name, overriding the config's (default without a config: the output
    /// file or directory name, made a valid package name).
    #[arg(long)]
    name: Option<String>,
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default()
}

impl Input {
    /// The inputs as the generated header names them. The header must not depend on where the
    /// checkout lives, so a spec is named relative to the directory that holds the output crate
    /// (`spec/` beside `generated-client/`), else by its file name alone.
    fn names(&self, out: &Path) -> Vec<String> {
        let anchor = out
            .parent()
            .map(|p| {
                if p.as_os_str().is_empty() {
                    Path::new(".")
                } else {
                    p
                }
            })
            .and_then(|p| p.canonicalize().ok());
        self.specs()
            .iter()
            .map(|spec| {
                let full = spec.canonicalize().unwrap_or_else(|_| spec.clone());
                let shown = anchor
                    .as_deref()
                    .and_then(|a| full.strip_prefix(a).ok())
                    .filter(|rel| !rel.as_os_str().is_empty())
                    .map(Path::to_path_buf)
                    .or_else(|| full.file_name().map(PathBuf::from))
                    .unwrap_or_else(|| spec.clone());
                let mut text = shown.display().to_string().replace('\\', "/");
                if spec.is_dir() && !text.ends_with('/') {
                    text.push('/');
                }
                text
            })
            .collect()
    }

    fn specs(&self) -> Vec<PathBuf> {
        if self.specs.is_empty() {
            vec![root().join("spec")]
        } else {
            self.specs.clone()
        }
    }
}

/// The config beside the first spec unless one is named; without one, a minimal config named
/// after the output. `--name` overrides the package name either way.
fn load_config(input: &Input, out_name: Option<&std::ffi::OsStr>) -> Result<Config> {
    let specs = input.specs();
    let path = match &input.config {
        Some(p) => Some(p.clone()),
        None => {
            let first = &specs[0];
            let dir = if first.is_dir() {
                first.clone()
            } else {
                first.parent().map(Path::to_path_buf).unwrap_or_default()
            };
            Some(dir.join("codegen.toml")).filter(|p| p.exists())
        }
    };
    let mut config = match path {
        Some(p) => {
            let text = std::fs::read_to_string(&p)
                .with_context(|| format!("cannot read {}", p.display()))?;
            Config::from_toml(&p, &text)?
        }
        None => {
            let stem = out_name
                .or_else(|| specs[0].file_stem())
                .and_then(|n| n.to_str())
                .unwrap_or("generated-client");
            Config::minimal(&generator::names::package_name(stem))
        }
    };
    if let Some(name) = &input.name {
        generator::names::check_package_name(name).map_err(|e| anyhow::anyhow!("--name: {e}"))?;
        config.krate.name = name.clone();
    }
    Ok(config)
}

fn read_sources(input: &Input) -> Result<Vec<SpecSource>> {
    let mut sources = Vec::new();
    for spec in input.specs() {
        sources.extend(SpecSource::read_path(&spec).map_err(generator::Diagnostics::one)?);
    }
    Ok(sources)
}

fn run(cli: Cli) -> Result<ExitCode> {
    match cli {
        Cli::Codegen {
            input,
            out,
            check,
            standalone,
            force,
            strict,
            explain_pagination,
            report,
            base,
        } => {
            // A crate directory is named whole: `api.github.com` has no extension.
            let config = load_config(&input, out.as_deref().and_then(Path::file_name))?;
            let sources = read_sources(&input)?;
            let out = out.unwrap_or_else(|| root().join("generated-client"));
            let options = EmitOptions {
                standalone,
                inputs: input.names(&out),
                ..EmitOptions::default()
            };
            let changes = Changes {
                report: report.as_deref(),
                base: base.as_deref(),
                strict,
                explain_pagination,
            };
            let target = Target {
                out: &out,
                check,
                force,
            };
            codegen(&config, &sources, &target, &options, &changes)
        }
        Cli::Openapi {
            input,
            out,
            prefer_query,
        } => {
            let config = load_config(&input, out.as_deref().and_then(Path::file_stem))?;
            let sources = read_sources(&input)?;
            let export =
                generator::openapi_document(&config, &sources, &ExportOptions { prefer_query })?;
            for op in &export.omitted {
                eprintln!(
                    "note: `{op}` is left out: a standard document holds one operation per route \
                     and method (--prefer-query picks which)"
                );
            }
            match out {
                Some(path) => std::fs::write(&path, export.document)
                    .with_context(|| format!("cannot write {}", path.display()))?,
                None => print!("{}", export.document),
            }
            Ok(ExitCode::SUCCESS)
        }
        Cli::Init { input, force } => {
            let specs = input.specs();
            let first = &specs[0];
            let dir = if first.is_dir() {
                first.clone()
            } else {
                first.parent().map(Path::to_path_buf).unwrap_or_default()
            };
            let path = input
                .config
                .clone()
                .unwrap_or_else(|| dir.join("codegen.toml"));
            if path.exists() && !force {
                anyhow::bail!("{} exists; pass --force to replace it", path.display());
            }
            let stem = first
                .file_stem()
                .and_then(|n| n.to_str())
                .unwrap_or("generated-client");
            let name = match &input.name {
                Some(name) => name.clone(),
                None => generator::names::package_name(stem),
            };
            let text = generator::init::starter_config(&name, &read_sources(&input)?)?;
            std::fs::write(&path, text)
                .with_context(|| format!("cannot write {}", path.display()))?;
            println!("wrote {}", path.display());
            Ok(ExitCode::SUCCESS)
        }
        Cli::Bench { runs } => {
            bench::run(&root(), runs)?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// Where the change report goes, what it compares with, and whether warnings fail the run.
struct Changes<'a> {
    report: Option<&'a Path>,
    base: Option<&'a str>,
    /// Warnings fail the run.
    strict: bool,
    /// List how each list-like operation pages.
    explain_pagination: bool,
}

/// Where the crate goes, and whether to only check it or to overwrite what was not generated.
struct Target<'a> {
    out: &'a Path,
    check: bool,
    force: bool,
}

fn codegen(
    config: &Config,
    sources: &[SpecSource],
    target: &Target<'_>,
    options: &EmitOptions,
    changes: &Changes<'_>,
) -> Result<ExitCode> {
    let Target { out, check, force } = *target;
    let generated = generator::generate_with(config, sources, options)?;
    let level = if changes.strict { "error" } else { "warning" };
    for warning in &generated.warnings {
        eprintln!("{level}: {warning}");
    }
    if !generated.paging.is_empty() {
        println!("{}", generated.paging_summary());
    }
    if changes.explain_pagination {
        for (op, paged) in &generated.paging {
            match paged {
                Ok(p) => println!("  {op}: {} ({})", p.convention, p.how),
                Err(why) => println!("  {op}: none: {why}"),
            }
        }
    }
    if changes.strict && !generated.warnings.is_empty() {
        eprintln!(
            "--strict: {} warning(s) are errors; nothing written",
            generated.warnings.len()
        );
        return Ok(ExitCode::FAILURE);
    }
    let changed = generator::output::changed_files(out, &generated.files);
    let previous = changes::previous(out, changes.base)?;
    let mut version_ok = true;
    if let (Some(previous), Some(listing)) = (&previous, generated.files.get("API.md")) {
        let configured = semver::Version::parse(&generated.version).with_context(|| {
            format!(
                "the crate version `{}` is not a semver version",
                generated.version
            )
        })?;
        let other_changes = changed.iter().any(|rel| rel != "API.md");
        let (report, enough) = changes::report(
            previous,
            listing,
            &configured,
            other_changes,
            changes.report,
        )?;
        if !enough {
            let breaking = report
                .changes
                .iter()
                .filter(|c| c.rust == generator::report::Level::Major)
                .count();
            eprintln!(
                "the change is breaking ({} breaking change{}), but the crate version \
                 {configured} is not bumped enough after {}: set [crate] version to {} or later",
                breaking,
                if breaking == 1 { "" } else { "s" },
                previous.version,
                generator::report::required_version(&previous.version, report.verdict())
            );
            version_ok = false;
        }
    }
    if !check && !force {
        generator::output::refuse_foreign_files(out, &generated.files)
            .map_err(|e| anyhow::anyhow!("{e}"))?;
    }

    let stale = generator::output::apply_changes(out, &generated.files, changed, check)
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    if check {
        if !version_ok {
            return Ok(ExitCode::from(1));
        }
        if stale.is_empty() {
            println!("{} is up to date", out.display());
            return Ok(ExitCode::SUCCESS);
        }
        eprintln!(
            "stale files in {} (run `cargo xtask codegen`):",
            out.display()
        );
        for s in &stale {
            eprintln!("  {s}");
        }
        return Ok(ExitCode::from(1));
    }
    println!(
        "{}: {} files, {} rewritten",
        out.display(),
        generated.files.len(),
        stale.len()
    );
    Ok(ExitCode::SUCCESS)
}
