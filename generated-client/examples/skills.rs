//! `skills`: the Claude Skills API from the command line.
//!
//! ```text
//! cargo run -p anthropic-skills --example skills -- list [--limit N] [--source custom|anthropic] [--all]
//! cargo run -p anthropic-skills --example skills -- get SKILL_ID
//! cargo run -p anthropic-skills --example skills -- create [--display-title T] PATH
//! cargo run -p anthropic-skills --example skills -- delete SKILL_ID
//! cargo run -p anthropic-skills --example skills -- versions list SKILL_ID [--limit N] [--all]
//! cargo run -p anthropic-skills --example skills -- versions get SKILL_ID VERSION
//! cargo run -p anthropic-skills --example skills -- versions create SKILL_ID PATH
//! cargo run -p anthropic-skills --example skills -- versions delete SKILL_ID VERSION
//! ```
//!
//! Every command takes `--beta B` (repeatable), `--max-retries N` and `--timeout SECS`.
//! Configuration comes from `ANTHROPIC_API_KEY` and `ANTHROPIC_BASE_URL`. The response body is
//! printed on stdout exactly as the server sent it; `list` prints one page, `list --all` one array of every item across
//! all pages. PATH is a skill directory (streamed from disk) or a `.zip` archive; an upload shows a
//! progress bar when stderr is a terminal. Errors go to stderr with a non-zero exit status.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use anthropic_skills::{Client, Error, FilePart, TryStreamExt};
use clap::{Args, Parser, Subcommand, ValueEnum};
use indicatif::{ProgressBar, ProgressStyle};
use serde::Serialize;

const ENVIRONMENT: &str = "Environment:
  ANTHROPIC_API_KEY   the API key (required)
  ANTHROPIC_BASE_URL  the API's base URL (default https://api.anthropic.com)
  ANTHROPIC_LOG       `info` logs retries and failures to stderr, `debug` every attempt";

#[derive(Parser)]
#[command(
    name = "skills",
    about = "Manage Claude Skills",
    version,
    after_help = ENVIRONMENT
)]
struct Cli {
    #[command(flatten)]
    common: Common,
    #[command(subcommand)]
    command: Command,
}

/// Settings every request takes; accepted before or after the command.
#[derive(Args)]
struct Common {
    /// A beta to enable, sent in `anthropic-beta` after `skills-2025-10-02` (repeatable).
    #[arg(long = "beta", value_name = "B", global = true)]
    betas: Vec<String>,
    /// Retries after a retryable failure (default 2).
    #[arg(long, value_name = "N", global = true)]
    max_retries: Option<u32>,
    /// Seconds each attempt may take (default 600).
    #[arg(long, value_name = "SECS", global = true, value_parser = seconds)]
    timeout: Option<Duration>,
}

#[derive(Subcommand)]
enum Command {
    /// List skills: one page, or every skill with --all.
    List {
        /// Skills per page (the API's default is 20, its maximum 100).
        #[arg(long, value_name = "N")]
        limit: Option<i64>,
        /// Only skills of this source.
        #[arg(long)]
        source: Option<Source>,
        /// Walk every page and print one array of all skills.
        #[arg(long)]
        all: bool,
    },
    /// Show one skill.
    Get { skill_id: String },
    /// Create a skill from a directory or a .zip.
    Create {
        /// The skill's human-readable title.
        #[arg(long, value_name = "T")]
        display_title: Option<String>,
        path: PathBuf,
    },
    /// Delete a skill.
    Delete { skill_id: String },
    /// Versions of one skill.
    #[command(subcommand)]
    Versions(VersionCommand),
}

#[derive(Subcommand)]
enum VersionCommand {
    /// List a skill's versions: one page, or every version with --all.
    List {
        skill_id: String,
        /// Versions per page.
        #[arg(long, value_name = "N")]
        limit: Option<i64>,
        /// Walk every page and print one array of all versions.
        #[arg(long)]
        all: bool,
    },
    /// Show one version.
    Get { skill_id: String, version: String },
    /// Upload a directory or a .zip as a new version.
    Create { skill_id: String, path: PathBuf },
    /// Delete a version.
    Delete { skill_id: String, version: String },
}

#[derive(Clone, Copy, ValueEnum)]
enum Source {
    Custom,
    Anthropic,
}

impl Source {
    fn as_str(self) -> &'static str {
        match self {
            Source::Custom => "custom",
            Source::Anthropic => "anthropic",
        }
    }
}

fn seconds(text: &str) -> Result<Duration, String> {
    let secs: f64 = text
        .parse()
        .map_err(|_| format!("`{text}` is not a number of seconds"))?;
    Duration::try_from_secs_f64(secs).map_err(|_| format!("`{text}` is out of range"))
}

/// Applies the common flags to any request builder.
macro_rules! with_common {
    ($request:expr, $common:expr) => {{
        let mut request = $request.betas($common.betas.iter().cloned());
        if let Some(n) = $common.max_retries {
            request = request.max_retries(n);
        }
        if let Some(t) = $common.timeout {
            request = request.timeout(t);
        }
        request
    }};
}

/// Prints one page, or with `all` every item across pages.
macro_rules! list {
    ($request:expr, $all:expr) => {
        if $all {
            json(&$request.items().try_collect::<Vec<_>>().await?)
        } else {
            raw($request.send_with_meta().await?)
        }
    };
}

/// Sends an upload, with a progress bar while a person watches.
macro_rules! upload {
    ($request:expr) => {{
        let mut request = $request;
        let bar = progress();
        if let Some(bar) = &bar {
            request = request.on_progress(report(bar));
        }
        let created = request.send_with_meta().await;
        bar.inspect(ProgressBar::finish_and_clear);
        raw(created?)
    }};
}

/// A directory is walked (sorted, streamed from disk); any other file, such as a `.zip`, is one
/// part that the server unpacks.
fn files(path: &Path) -> Result<Vec<FilePart>, Error> {
    Ok(if path.is_dir() {
        FilePart::from_dir(path)?
    } else {
        vec![FilePart::open(path)?]
    })
}

/// A progress bar on stderr when a person is watching it; nothing otherwise.
fn progress() -> Option<ProgressBar> {
    if !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = ProgressBar::new(0);
    let style =
        ProgressStyle::with_template("{bar:40} {bytes}/{total_bytes} {bytes_per_sec} {eta}")
            .unwrap_or_else(|_| ProgressStyle::default_bar());
    bar.set_style(style);
    Some(bar)
}

/// Moves the bar; once every byte is sent, says that the server is now reading and answering,
/// which for a large skill takes a while.
fn report(bar: &ProgressBar) -> impl Fn(u64, u64) + Send + Sync + 'static {
    let bar = bar.clone();
    move |sent, total| {
        bar.set_length(total);
        bar.set_position(sent);
        if sent == total && total > 0 {
            if let Ok(style) = ProgressStyle::with_template("{spinner} {msg} {elapsed}") {
                bar.set_style(style);
            }
            bar.set_message(format!(
                "{} sent; waiting for the response",
                indicatif::HumanBytes(total)
            ));
            bar.enable_steady_tick(std::time::Duration::from_millis(120));
        }
    }
}

/// The body exactly as the server sent it: members this crate does not know included.
fn raw<T>(response: anthropic_skills::ApiResponse<T>) -> Result<String, Error> {
    Ok(String::from_utf8_lossy(&response.raw).into_owned())
}

fn json(value: &impl Serialize) -> Result<String, Error> {
    serde_json::to_string_pretty(value)
        .map_err(|e| Error::InvalidInput(format!("cannot print the response: {e}")))
}

async fn run(cli: Cli) -> Result<String, Error> {
    let client = Client::from_env()?;
    let common = &cli.common;
    let skills = client.skills();
    let versions = skills.versions();
    match cli.command {
        Command::List { limit, source, all } => {
            let mut request = with_common!(skills.list(), common);
            if let Some(n) = limit {
                request = request.limit(n);
            }
            if let Some(s) = source {
                request = request.source(s.as_str());
            }
            list!(request, all)
        }
        Command::Get { skill_id } => raw(
            with_common!(skills.retrieve(skill_id), common)
                .send_with_meta()
                .await?,
        ),
        Command::Create {
            display_title,
            path,
        } => {
            let mut request = with_common!(skills.create(), common).files(files(&path)?);
            if let Some(title) = display_title {
                request = request.display_title(title);
            }
            upload!(request)
        }
        Command::Delete { skill_id } => {
            raw(with_common!(skills.delete(skill_id), common).send_with_meta().await?)
        }
        Command::Versions(VersionCommand::List {
            skill_id,
            limit,
            all,
        }) => {
            let mut request = with_common!(versions.list(skill_id), common);
            if let Some(n) = limit {
                request = request.limit(n);
            }
            list!(request, all)
        }
        Command::Versions(VersionCommand::Get { skill_id, version }) => raw(
            with_common!(versions.retrieve(skill_id, version), common)
                .send_with_meta()
                .await?,
        ),
        Command::Versions(VersionCommand::Create { skill_id, path }) => {
            upload!(with_common!(versions.create(skill_id), common).files(files(&path)?))
        }
        Command::Versions(VersionCommand::Delete { skill_id, version }) => raw(
            with_common!(versions.delete(skill_id, version), common)
                .send_with_meta()
                .await?,
        ),
    }
}

/// What a person needs to act on an error: for API errors the status, the error type, the message
/// and the request id to quote to support.
fn describe(e: &Error) -> String {
    let Some(api) = e.api() else {
        return format!("error: {e}");
    };
    let mut lines = vec![format!("error: the API answered {}", api.status)];
    if let Some(kind) = &api.kind {
        lines.push(format!("  type:       {kind}"));
    }
    if let Some(message) = &api.message {
        lines.push(format!("  message:    {message}"));
    }
    if let Some(id) = &api.request_id {
        lines.push(format!("  request id: {id}"));
    }
    lines.join("\n")
}

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli).await {
        Ok(out) => {
            println!("{out}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{}", describe(&e));
            ExitCode::FAILURE
        }
    }
}
