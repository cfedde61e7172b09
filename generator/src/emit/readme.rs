//! The generated crate's `README.md`: what a newcomer reads on crates.io before the API docs.

use crate::ir::{Api, Operation, TypeRef};

/// `env_lines`: what `Client::from_env()` reads, one Markdown list item each.
pub fn readme(api: &Api, header: &str, env_lines: &[String]) -> String {
    let p = &api.package;
    let krate = p.name.replace('-', "_");
    let mut out = format!(
        "<!-- {header} -->\n# {}\n\n{}.\n",
        p.name,
        p.description.trim_end_matches('.')
    );
    if let Some(summary) = &api.summary {
        out.push_str(&format!("\n{}\n", super::docs::sanitize(summary.trim())));
    }
    out.push_str(&format!(
        "\n## Install\n\n```toml\n[dependencies]\n{} = \"{}\"\ntokio = {{ version = \"1\", features = [\"macros\", \"rt-multi-thread\"] }}\n```\n",
        p.name, p.version
    ));
    out.push_str(&format!(
        "\n## Configure\n\n`Client::from_env()` reads:\n\n{}\n{}\n`Client::builder()` sets the same in code, with the timeout (600 s per attempt), the connect \
         timeout (5 s) and the retries (2, with backoff, on connection errors, 408, 409, 429 and \
         5xx, honouring `Retry-After`). `Client::builder().with_env()` reads the same variables \
         into a builder, so that code can set the rest before `build()`:\n\n```rust,no_run\n\
         fn main() -> Result<(), Box<dyn std::error::Error>> {{\n    \
         let client = {krate}::Client::builder()\n        .with_env()\n        \
         .timeout(std::time::Duration::from_secs(30))\n        .build()?;\n    \
         drop(client);\n    Ok(())\n}}\n```\n\nEach request builder can override the timeout and the \
         retries, and add headers.\n",
        env_lines.join("\n"),
        several_credentials(api),
        krate = p.name.replace('-', "_"),
    ));
    if let Some((op, call)) = example_operation(api) {
        let args = op
            .positional_params()
            .map(|p| placeholder(&p.ty, &p.rust_name))
            .collect::<Vec<_>>()
            .join(", ");
        out.push_str(&format!(
            "\n## Usage\n\n```rust,no_run\nuse {krate}::Client;\n\n#[tokio::main]\nasync fn main() -> Result<(), Box<dyn std::error::Error>> {{\n    let client = Client::from_env()?;\n    let response = {call}({args}).send().await?;\n    println!(\"{{response:?}}\");\n    Ok(())\n}}\n```\n"
        ));
    }
    out.push_str("\n## Operations\n\n| Method | Path | Call |\n|---|---|---|\n");
    let mut ops: Vec<&Operation> = api.operations.iter().collect();
    ops.sort_by(|a, b| (&a.path, a.method.as_str()).cmp(&(&b.path, b.method.as_str())));
    for op in ops {
        let args = op
            .positional_params()
            .map(|p| p.rust_name.trim_start_matches("r#"))
            .collect::<Vec<_>>()
            .join(", ");
        out.push_str(&format!(
            "| {} | `{}` | `{}({args})` |\n",
            op.method.as_str().to_uppercase(),
            op.path.replace('|', "\\|"),
            chain(op)
        ));
    }
    if api.operations.iter().any(|op| op.pagination.is_some()) {
        out.push_str(
            "\n## Pagination\n\nA list call's `.send()` returns one page. `.pages()` streams every page and \
             `.items()` every item across pages, each page fetched as the stream is polled and \
             retried on its own (`use futures_util::TryStreamExt` for `try_next` and \
             `try_collect`; the crate re-exports both).\n",
        );
    }
    if api.operations.iter().any(|op| op.events.is_some()) {
        out.push_str(
            "\n## Streaming\n\nOperations that stream server-sent events return an `EventStream` of typed \
             events; the connection closes when the stream is dropped.\n",
        );
    }
    out.push_str(
        "\n## Errors\n\nEvery call returns `Result<_, Error>`. `Error::Api` is an error status from the \
         server: its status, headers, request id, the raw body, and the body decoded into the type the \
         API documents when it is one. The other variants say what else failed: a timeout, the \
         connection, a body that does not decode (with the JSON path and the whole body), an \
         invalid request. When a server's answer does not match its document, every request \
         builder's `send_raw()` sends the same request and returns the status, headers and body \
         undecoded.\n\n\
         Objects keep the members this version of the crate does not know (`extra`), and enums keep \
         values it does not know (`Other`, `Unknown`), so a newer server never breaks decoding.\n",
    );
    out
}

/// A call to show: a GET without a body, fewest positional arguments first.
fn example_operation(api: &Api) -> Option<(&Operation, String)> {
    let op = api
        .operations
        .iter()
        .filter(|op| op.body.is_none() && op.events.is_none())
        // Placeholders are scalars: an operation that needs a list or an object is not shown.
        .filter(|op| {
            op.positional_params().all(|p| {
                matches!(
                    p.ty.non_null(),
                    TypeRef::String | TypeRef::Integer | TypeRef::Number | TypeRef::Boolean
                )
            })
        })
        .min_by_key(|op| {
            (
                op.method.as_str() != "get",
                op.positional_params().count(),
                op.path.clone(),
            )
        })?;
    Some((op, chain(op)))
}

/// `client.skills().list`: the chain the resource methods give, from the client.
fn chain(op: &Operation) -> String {
    format!("client{}", op.call.chain())
}

fn placeholder(ty: &TypeRef, name: &str) -> String {
    match ty.non_null() {
        TypeRef::Integer => "1".to_string(),
        TypeRef::Number => "1.0".to_string(),
        TypeRef::Boolean => "true".to_string(),
        _ => format!("\"{name}\""),
    }
}

/// When the document has several credentials: which one to set.
fn several_credentials(api: &Api) -> String {
    let vars: Vec<&str> = api.auth.iter().filter_map(|a| a.env.as_deref()).collect();
    if vars.len() < 2 {
        return String::new();
    }
    format!(
        "\nSet the credential the API gave you ({}); one is enough for the operations that \
         accept it, as counted above. An operation that accepts several sends the first of its \
         alternatives, in the document's order, whose credentials are all set.\n",
        vars.iter()
            .map(|v| format!("`{v}`"))
            .collect::<Vec<_>>()
            .join(" or ")
    )
}
