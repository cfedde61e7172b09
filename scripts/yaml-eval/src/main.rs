//! The YAML parser comparison of BENCHMARKS.md: parses every YAML file given with each candidate
//! into serde_json::Value (what the generator needs) and reports per crate the files parsed, the
//! median total time and the errors. COMPARE=1 lists values that differ from serde_yaml's;
//! ERRORS=1 prints each candidate's message for each (broken) file.
use std::time::{Duration, Instant};

type Parse = fn(&str) -> Result<serde_json::Value, String>;

fn yaml(text: &str) -> Result<serde_json::Value, String> {
    let v: serde_yaml::Value = serde_yaml::from_str(text).map_err(|e| e.to_string())?;
    serde_json::to_value(v).map_err(|e| format!("to json: {e}"))
}
fn ng(text: &str) -> Result<serde_json::Value, String> {
    let v: serde_yaml_ng::Value = serde_yaml_ng::from_str(text).map_err(|e| e.to_string())?;
    serde_json::to_value(v).map_err(|e| format!("to json: {e}"))
}
fn norway(text: &str) -> Result<serde_json::Value, String> {
    let v: serde_norway::Value = serde_norway::from_str(text).map_err(|e| e.to_string())?;
    serde_json::to_value(v).map_err(|e| format!("to json: {e}"))
}
/// The options the generator uses (generator/src/load/mod.rs): YAML 1.2 scalars, no snippets.
fn saphyr(text: &str) -> Result<serde_json::Value, String> {
    let mut budget = serde_saphyr::Budget::default();
    budget.max_events = budget.max_events.max(2 * text.len());
    budget.max_nodes = budget.max_nodes.max(text.len());
    let mut options = serde_saphyr::Options::default();
    options.budget = Some(budget);
    options.strict_booleans = true;
    options.leading_zero_numbers_as_strings = true;
    options.underscored_numbers_as_strings = true;
    options.with_snippet = false;
    serde_saphyr::from_str_with_options::<serde_json::Value>(text, options).map_err(|e| {
        let loc = e.location().map(|l| (l.line(), l.column()));
        format!("{loc:?} {}", e.without_snippet())
    })
}
fn noya(text: &str) -> Result<serde_json::Value, String> {
    let v: noyalib::Value = noyalib::from_str(text).map_err(|e| e.to_string())?;
    serde_json::to_value(v).map_err(|e| format!("to json: {e}"))
}

fn compare(files: &[(String, String)], candidates: &[(&str, Parse)]) {
    for (path, text) in files {
        let base = candidates[0].1(text).ok();
        for (name, parse) in &candidates[1..] {
            let other = parse(text).ok();
            if base.is_some() && other.is_some() && base != other {
                let (a, b) = (base.as_ref().unwrap(), other.as_ref().unwrap());
                println!("DIFF {name} {path}: {}", first_diff(a, b, String::new()));
            }
        }
    }
}

fn first_diff(a: &serde_json::Value, b: &serde_json::Value, at: String) -> String {
    use serde_json::Value as V;
    match (a, b) {
        (V::Object(x), V::Object(y)) => {
            if x.keys().collect::<Vec<_>>() != y.keys().collect::<Vec<_>>() {
                return format!("{at}: keys differ");
            }
            for (k, v) in x {
                if v != &y[k] {
                    return first_diff(v, &y[k], format!("{at}.{k}"));
                }
            }
            format!("{at}: ?")
        }
        (V::Array(x), V::Array(y)) if x.len() == y.len() => {
            for (i, (v, w)) in x.iter().zip(y).enumerate() {
                if v != w {
                    return first_diff(v, w, format!("{at}[{i}]"));
                }
            }
            format!("{at}: ?")
        }
        _ => format!("{at}: {} vs {}", a.to_string().chars().take(80).collect::<String>(), b.to_string().chars().take(80).collect::<String>()),
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if std::env::var("ERRORS").is_ok() {
        for p in &args {
            let text = std::fs::read_to_string(p).expect("read");
            println!("== {p}");
            for (name, parse) in [("serde_yaml", yaml as Parse), ("serde-saphyr", saphyr), ("noyalib", noya)] {
                match parse(&text) {
                    Ok(v) => println!("  {name}: OK {}", v.to_string().chars().take(120).collect::<String>()),
                    Err(e) => println!("  {name}: {}", e.replace('\n', " | ").chars().take(400).collect::<String>()),
                }
            }
        }
        return;
    }
    let runs: usize = std::env::var("RUNS").ok().and_then(|r| r.parse().ok()).unwrap_or(3);
    let files: Vec<(String, String)> = args
        .iter()
        .map(|p| (p.clone(), std::fs::read_to_string(p).expect("read")))
        .collect();
    let total_bytes: usize = files.iter().map(|(_, t)| t.len()).sum();
    println!("{} files, {:.1} MB", files.len(), total_bytes as f64 / 1e6);
    let candidates: [(&str, Parse); 5] = [
        ("serde_yaml 0.9.34", yaml),
        ("serde_yaml_ng 0.10.0", ng),
        ("serde_norway 0.9.42", norway),
        ("serde-saphyr 2.2.0", saphyr),
        ("noyalib 0.0.58", noya),
    ];
    if std::env::var("COMPARE").is_ok() {
        compare(&files, &candidates);
        return;
    }
    for (name, parse) in candidates {
        let mut times = Vec::new();
        let mut errors = Vec::new();
        for run in 0..runs {
            let start = Instant::now();
            for (path, text) in &files {
                if let Err(e) = parse(text)
                    && run == 0
                {
                    errors.push(format!("{path}: {e}"));
                }
            }
            times.push(start.elapsed());
        }
        times.sort();
        let median: Duration = times[times.len() / 2];
        println!(
            "{name:<22} ok {}/{}  median {:>8.1} ms",
            files.len() - errors.len(),
            files.len(),
            median.as_secs_f64() * 1e3
        );
        for e in &errors {
            let short: String = e.chars().take(300).collect();
            println!("    ERR {short}");
        }
    }
}
