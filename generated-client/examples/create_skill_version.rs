//! Uploads a skill as a new version.
//!
//! ```text
//! cargo run -p anthropic-skills --example create_skill_version -- \
//!     --skill-id ID [--beta B]... [--max-retries N] [--timeout SECS] PATH
//! ```
//!
//! PATH is a skill directory (uploaded with `FilePart::from_dir`, streamed from disk) or a `.zip`
//! archive. Configuration comes from `ANTHROPIC_API_KEY` and `ANTHROPIC_BASE_URL`. On success the
//! created version is printed on stdout as the server sent it; on error the message goes to stderr and the exit
//! status is non-zero.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use anthropic_skills::{Client, FilePart};

const USAGE: &str = "usage: create_skill_version --skill-id ID [--beta B]... [--max-retries N] [--timeout SECS] PATH";

const HELP: &str = "Uploads a skill directory or .zip archive as a new version of a skill.

usage: create_skill_version --skill-id ID [--beta B]... [--max-retries N] [--timeout SECS] PATH

Environment:
  ANTHROPIC_API_KEY   the API key (required)
  ANTHROPIC_BASE_URL  the API's base URL (default https://api.anthropic.com)
  ANTHROPIC_LOG       `info` logs retries and failures to stderr, `debug` every attempt";

/// `--help` is an answer, not an error: it goes to stdout with a zero exit status.
const HELP_REQUESTED: &str = "";

struct Args {
    skill_id: String,
    betas: Vec<String>,
    max_retries: Option<u32>,
    timeout: Option<Duration>,
    path: PathBuf,
}

fn parse_args() -> Result<Args, String> {
    let mut args = std::env::args().skip(1);
    let (mut skill_id, mut betas, mut max_retries, mut timeout, mut path) = (None, Vec::new(), None, None, None);
    while let Some(arg) = args.next() {
        let mut value = |flag: &str| args.next().ok_or_else(|| format!("{flag} needs a value\n{USAGE}"));
        match arg.as_str() {
            "--skill-id" => skill_id = Some(value("--skill-id")?),
            "--beta" => betas.push(value("--beta")?),
            "--max-retries" => {
                let v = value("--max-retries")?;
                max_retries = Some(v.parse().map_err(|_| format!("--max-retries takes a whole number, not `{v}`"))?);
            }
            "--timeout" => {
                let v = value("--timeout")?;
                let secs: f64 = v.parse().map_err(|_| format!("--timeout takes seconds, not `{v}`"))?;
                timeout = Some(Duration::try_from_secs_f64(secs).map_err(|_| format!("--timeout `{v}` is out of range"))?);
            }
            "-h" | "--help" => return Err(HELP_REQUESTED.to_string()),
            flag if flag.starts_with("--") => return Err(format!("unknown option `{flag}`\n{USAGE}")),
            _ if path.is_none() => path = Some(PathBuf::from(arg)),
            _ => return Err(format!("more than one PATH given\n{USAGE}")),
        }
    }
    Ok(Args {
        skill_id: skill_id.ok_or_else(|| format!("--skill-id is required\n{USAGE}"))?,
        betas,
        max_retries,
        timeout,
        path: path.ok_or_else(|| format!("PATH is required\n{USAGE}"))?,
    })
}

async fn run(args: Args) -> Result<String, Box<dyn std::error::Error>> {
    let client = Client::from_env()?;
    let files = if args.path.is_dir() {
        FilePart::from_dir(&args.path)?
    } else {
        // A `.zip` goes as one `application/zip` part; the server unpacks it.
        vec![FilePart::open(&args.path)?]
    };
    let mut request = client.skills().versions().create(args.skill_id).betas(args.betas).files(files);
    if let Some(n) = args.max_retries {
        request = request.max_retries(n);
    }
    if let Some(t) = args.timeout {
        request = request.timeout(t);
    }
    // The body exactly as the server sent it, members this crate does not know included.
    let version = request.send_with_meta().await?;
    Ok(String::from_utf8_lossy(&version.raw).into_owned())
}

#[tokio::main]
async fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(args) => args,
        Err(message) if message == HELP_REQUESTED => {
            println!("{HELP}");
            return ExitCode::SUCCESS;
        }
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::from(2);
        }
    };
    match run(args).await {
        Ok(json) => {
            println!("{json}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
