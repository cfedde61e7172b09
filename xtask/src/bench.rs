//! `cargo xtask bench`: how long codegen takes next to just parsing the input, in one run.
//!
//! Each figure is the median of N runs. The baseline is loading the spec (reading the page,
//! extracting the YAML, parsing it into the openapiv3 model); the ratios say what lowering,
//! emitting and formatting cost on top, and what a whole `xtask codegen` process costs.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use generator::{Config, SpecSource};

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn time<T>(runs: usize, mut f: impl FnMut() -> T) -> Duration {
    // One untimed run first: the first case otherwise pays the allocator's and the caches' warm-up.
    std::hint::black_box(f());
    median(
        (0..runs)
            .map(|_| {
                let start = Instant::now();
                std::hint::black_box(f());
                start.elapsed()
            })
            .collect(),
    )
}

struct Case {
    name: String,
    specs: Vec<PathBuf>,
    config: Option<PathBuf>,
}

pub fn run(root: &Path, runs: usize) -> Result<()> {
    if runs == 0 {
        bail!("--runs must be at least 1");
    }
    let mut cases = vec![Case {
        name: "spec/ (8 Skills pages)".into(),
        specs: vec![root.join("spec")],
        config: Some(root.join("spec/codegen.toml")),
    }];
    let corpus = std::env::var_os("SPEC_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("../shared/corpus"));
    if corpus.is_dir() {
        cases.push(Case {
            name: "corpus skills/ (8 pages)".into(),
            specs: vec![corpus.join("mintlify/anthropic/skills")],
            config: Some(root.join("spec/codegen.toml")),
        });
        for (name, file) in [
            (
                "corpus nexus.json (193 ops)",
                "openapi/progenitor/nexus.json",
            ),
            (
                "corpus api.github.com.json",
                "openapi/progenitor/api.github.com.json",
            ),
            (
                "corpus stripe 2023-09-12 yaml",
                "openapi/large/stripe-spec3-2023-09-12.yaml",
            ),
            (
                "corpus openai-openapi.yaml",
                "openapi/large/openai-openapi.yaml",
            ),
        ] {
            cases.push(Case {
                name: name.into(),
                specs: vec![corpus.join(file)],
                config: None,
            });
        }
    } else {
        println!("corpus cases skipped: no corpus at {}", corpus.display());
    }
    let exe = std::env::current_exe().context("locating xtask")?;
    let out = std::env::temp_dir().join(format!("xtask-bench-{}", std::process::id()));
    println!(
        "median of {runs} runs; {} build; {} cores",
        if cfg!(debug_assertions) {
            "debug"
        } else {
            "release"
        },
        std::thread::available_parallelism().map_or(0, |n| n.get())
    );
    println!();
    println!(
        "| input | parse (baseline) | generate in-process | ratio | `xtask codegen` process | ratio |"
    );
    println!("|---|---|---|---|---|---|");
    for case in &cases {
        let sources: Vec<SpecSource> = case
            .specs
            .iter()
            .map(|s| SpecSource::read_path(s).map_err(|d| anyhow::anyhow!("{d}")))
            .collect::<Result<Vec<_>>>()?
            .into_iter()
            .flatten()
            .collect();
        let config = match &case.config {
            Some(p) => Config::from_toml(p, &std::fs::read_to_string(p)?)
                .map_err(|d| anyhow::anyhow!("{d}"))?,
            None => Config::minimal("bench"),
        };
        let parse = time(runs, || {
            sources
                .iter()
                .map(|s| generator::load::load(s).map(|l| l.openapi.paths.paths.len()))
                .collect::<Vec<_>>()
        });
        let generate = time(runs, || {
            generator::generate(&config, &sources).map(|c| c.files.len())
        });
        let mut args: Vec<String> =
            vec!["codegen".into(), "--out".into(), out.display().to_string()];
        for s in &case.specs {
            args.extend(["--spec".into(), s.display().to_string()]);
        }
        if let Some(c) = &case.config {
            args.extend(["--config".into(), c.display().to_string()]);
        }
        let process = time(runs, || {
            // Every run writes: the output directory is removed first, so nothing is skipped.
            let _ = std::fs::remove_dir_all(&out);
            let status = Command::new(&exe)
                .args(&args)
                .stdout(std::process::Stdio::null())
                .status();
            assert!(status.is_ok_and(|s| s.success()), "xtask codegen failed");
        });
        let ms = |d: Duration| format!("{:.2} ms", d.as_secs_f64() * 1000.0);
        let ratio = |d: Duration| format!("{:.1}x", d.as_secs_f64() / parse.as_secs_f64());
        println!(
            "| {} | {} | {} | {} | {} | {} |",
            case.name,
            ms(parse),
            ms(generate),
            ratio(generate),
            ms(process),
            ratio(process)
        );
    }
    let _ = std::fs::remove_dir_all(&out);
    if corpus.is_dir() {
        report_cost(&corpus, runs)?;
    }
    Ok(())
}

/// What the change report adds to a regeneration: comparing the old and the new `API.md` and
/// writing the report, next to generating the new crate in-process (the baseline).
fn report_cost(corpus: &Path, runs: usize) -> Result<()> {
    println!();
    println!(
        "| change | generate the new crate (baseline) | compare and write the report | ratio |"
    );
    println!("|---|---|---|---|");
    let large = corpus.join("openapi/large");
    let github = corpus.join("openapi/progenitor/api.github.com.json");
    for (name, old, new) in [
        (
            "Stripe 2022-04 -> 2023-09",
            large.join("stripe-spec3-2022-04-12.json"),
            large.join("stripe-spec3-2023-09-12.yaml"),
        ),
        ("GitHub, regenerated unchanged", github.clone(), github),
    ] {
        let read = |p: &Path| -> Result<Vec<SpecSource>> {
            SpecSource::read_path(p).map_err(|d| anyhow::anyhow!("{d}"))
        };
        let (old, new) = (read(&old)?, read(&new)?);
        let config = Config::minimal("bench");
        let generated = |s: &[SpecSource]| -> Result<std::collections::BTreeMap<String, String>> {
            Ok(generator::generate(&config, s)
                .map_err(|d| anyhow::anyhow!("{d}"))?
                .files)
        };
        let (before, after) = (generated(&old)?, generated(&new)?);
        let generate = time(runs, || {
            generator::generate(&config, &new).map(|c| c.files.len())
        });
        let version = semver::Version::new(1, 0, 0);
        let compare = time(runs, || {
            let other = after
                .iter()
                .any(|(rel, text)| rel != "API.md" && before.get(rel) != Some(text));
            generator::report::compare(&before["API.md"], &after["API.md"], other)
                .markdown(&version)
                .len()
        });
        println!(
            "| {name} | {:.0} ms | {:.1} ms | {:.3}x |",
            generate.as_secs_f64() * 1000.0,
            compare.as_secs_f64() * 1000.0,
            1.0 + compare.as_secs_f64() / generate.as_secs_f64()
        );
    }
    Ok(())
}
