//! `cargo xtask codegen`: reads `spec/`, writes `generated-client/`. `cargo xtask openapi`: writes
//! the merged document the pipeline lowers from, for other OpenAPI tools.

mod bench;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use generator::emit::{EmitOptions, HEADER};
use generator::{Config, SpecSource};

const USAGE: &str = "\
usage: cargo xtask codegen [--spec PATH]... [--config FILE] [--out DIR] [--check] [--standalone]
       cargo xtask openapi [--spec PATH]... [--config FILE] [--out FILE]
       cargo xtask bench [--runs N]      (build with --release for meaningful numbers)

  --spec PATH     a spec file or a directory of them (repeatable; default: spec/)
  --config FILE   generator config (default: codegen.toml beside the first spec, else a minimal one)
  --out DIR       where to write the crate (default: generated-client/);
                  for `openapi`, the JSON file to write (default: stdout)
  --check         write nothing; exit 1 and list the files that are stale
  --standalone    give the crate its own [workspace] so it builds inside another tree";

fn main() -> ExitCode {
    match run() {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(2)
        }
    }
}

#[derive(PartialEq)]
enum Task {
    Codegen,
    Openapi,
}

struct Args {
    task: Task,
    out_given: bool,
    specs: Vec<PathBuf>,
    config: Option<PathBuf>,
    out: PathBuf,
    check: bool,
    standalone: bool,
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default()
}

fn parse_args() -> Result<Args> {
    let mut args = std::env::args().skip(1);
    let task = match args.next().as_deref() {
        Some("codegen") => Task::Codegen,
        Some("openapi") => Task::Openapi,
        Some("bench") => {
            let runs = match (args.next().as_deref(), args.next()) {
                (None, _) => 5,
                (Some("--runs"), Some(n)) => n
                    .parse()
                    .with_context(|| format!("--runs takes a number, not `{n}`"))?,
                _ => bail!("{USAGE}"),
            };
            bench::run(&root(), runs)?;
            std::process::exit(0);
        }
        Some("-h" | "--help") | None => bail!("{USAGE}"),
        Some(other) => bail!("unknown task `{other}`\n{USAGE}"),
    };
    let mut parsed = Args {
        task,
        out_given: false,
        specs: Vec::new(),
        config: None,
        out: root().join("generated-client"),
        check: false,
        standalone: false,
    };
    while let Some(arg) = args.next() {
        let mut value = |flag: &str| {
            args.next()
                .with_context(|| format!("{flag} needs a value\n{USAGE}"))
        };
        match arg.as_str() {
            "--spec" => parsed.specs.push(PathBuf::from(value("--spec")?)),
            "--config" => parsed.config = Some(PathBuf::from(value("--config")?)),
            "--out" => {
                parsed.out = PathBuf::from(value("--out")?);
                parsed.out_given = true;
            }
            "--check" if parsed.task == Task::Codegen => parsed.check = true,
            "--standalone" if parsed.task == Task::Codegen => parsed.standalone = true,
            "-h" | "--help" => bail!("{USAGE}"),
            other => bail!("unknown argument `{other}`\n{USAGE}"),
        }
    }
    if parsed.specs.is_empty() {
        parsed.specs.push(root().join("spec"));
    }
    Ok(parsed)
}

fn load_config(args: &Args) -> Result<Config> {
    let path = match &args.config {
        Some(p) => Some(p.clone()),
        None => {
            let first = &args.specs[0];
            let dir = if first.is_dir() {
                first.clone()
            } else {
                first.parent().map(Path::to_path_buf).unwrap_or_default()
            };
            Some(dir.join("codegen.toml")).filter(|p| p.exists())
        }
    };
    match path {
        Some(p) => {
            let text = std::fs::read_to_string(&p)
                .with_context(|| format!("cannot read {}", p.display()))?;
            Config::from_toml(&p, &text).map_err(|d| anyhow::anyhow!("{d}"))
        }
        None => {
            let name = args
                .out
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or("generated-client");
            Ok(Config::minimal(name))
        }
    }
}

fn run() -> Result<ExitCode> {
    let args = parse_args()?;
    let config = load_config(&args)?;
    let mut sources = Vec::new();
    for spec in &args.specs {
        sources.extend(SpecSource::read_path(spec).map_err(|d| anyhow::anyhow!("{d}"))?);
    }
    if args.task == Task::Openapi {
        let document =
            generator::openapi_document(&config, &sources).map_err(|d| anyhow::anyhow!("{d}"))?;
        if args.out_given {
            std::fs::write(&args.out, document)
                .with_context(|| format!("cannot write {}", args.out.display()))?;
        } else {
            print!("{document}");
        }
        return Ok(ExitCode::SUCCESS);
    }
    let generated = generator::generate_with(
        &config,
        &sources,
        &EmitOptions {
            standalone: args.standalone,
        },
    )
    .map_err(|d| anyhow::anyhow!("{d}"))?;

    let mut stale = Vec::new();
    for (rel, content) in &generated.files {
        let path = args.out.join(rel);
        let current = std::fs::read_to_string(&path).ok();
        if current.as_deref() == Some(content.as_str()) {
            continue;
        }
        stale.push(rel.clone());
        if !args.check {
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir)
                    .with_context(|| format!("cannot create {}", dir.display()))?;
            }
            std::fs::write(&path, content)
                .with_context(|| format!("cannot write {}", path.display()))?;
        }
    }
    // Generated files the spec no longer produces.
    for orphan in orphans(&args.out, &generated.files) {
        stale.push(format!("{orphan} (no longer generated)"));
        if !args.check {
            std::fs::remove_file(args.out.join(&orphan))
                .with_context(|| format!("cannot remove {orphan}"))?;
        }
    }
    if args.check {
        if stale.is_empty() {
            println!("{} is up to date", args.out.display());
            return Ok(ExitCode::SUCCESS);
        }
        eprintln!(
            "stale files in {} (run `cargo xtask codegen`):",
            args.out.display()
        );
        for s in &stale {
            eprintln!("  {s}");
        }
        return Ok(ExitCode::from(1));
    }
    println!(
        "{}: {} files, {} rewritten",
        args.out.display(),
        generated.files.len(),
        stale.len()
    );
    Ok(ExitCode::SUCCESS)
}

fn orphans(out: &Path, files: &std::collections::BTreeMap<String, String>) -> Vec<String> {
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
                let generated_here =
                    std::fs::read_to_string(&path).is_ok_and(|t| t.starts_with(HEADER));
                if generated_here && !files.contains_key(&rel) {
                    found.push(rel);
                }
            }
        }
    }
    found.sort();
    found
}
