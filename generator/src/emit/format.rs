//! Tokens to formatted text: parsed as a `syn::File` and printed by prettyplease.
//!
//! A large file is formatted a chunk of items at a time. Formatting cost is mostly allocation,
//! and on a large document most of that was the kernel zeroing fresh pages for one whole-file
//! syntax tree; chunks reuse the same memory. prettyplease prints a file as its inner attributes
//! followed by each item on its own, so the chunks concatenate to the same text.

use proc_macro2::TokenStream;

use crate::diag::{Diagnostic, Diagnostics};

/// Items per chunk: large enough that parsing overhead is small, small enough that a chunk's
/// syntax tree stays in memory the allocator has already handed out.
const CHUNK: usize = 48;

/// A file's tokens: what opens it (docs, inner attributes, imports), then its items.
pub struct Module {
    pub head: TokenStream,
    pub items: Vec<TokenStream>,
}

/// A whole file in one piece.
pub fn format_tokens(header: &str, file: &str, tokens: TokenStream) -> Result<String, Diagnostics> {
    Ok(format!("{header}\n{}", unparse(file, tokens)?))
}

/// A module, its items formatted a chunk at a time.
pub fn format_module(header: &str, file: &str, module: Module) -> Result<String, Diagnostics> {
    let mut out = format!("{header}\n{}", unparse(file, module.head)?);
    let mut items = module.items.into_iter().peekable();
    while items.peek().is_some() {
        let chunk: TokenStream = items.by_ref().take(CHUNK).collect();
        out.push_str(&unparse(file, chunk)?);
    }
    Ok(out)
}

fn unparse(file: &str, tokens: TokenStream) -> Result<String, Diagnostics> {
    let parsed: syn::File = syn::parse2(tokens).map_err(|e| {
        Diagnostics::one(Diagnostic::in_file(
            file,
            format!("generator bug: emitted tokens do not parse: {e}"),
        ))
    })?;
    Ok(prettyplease::unparse(&parsed))
}
