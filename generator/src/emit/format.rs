//! Tokens to formatted text: parsed as a `syn::File` and printed by prettyplease.
//!
//! A large file is formatted a chunk of items at a time. Formatting cost is mostly allocation,
//! and on a large document most of that was the kernel zeroing fresh pages for one whole-file
//! syntax tree; chunks reuse the same memory. prettyplease prints a file as its inner attributes
//! followed by each item on its own, so the chunks concatenate to the same text.
//!
//! An item can also be text its emitter laid out itself: a call of one of the runtime's macros,
//! whose input prettyplease can only fill like a paragraph (`Item::Text`).

use proc_macro2::TokenStream;

use crate::diag::{Diagnostic, Diagnostics};

/// Items per chunk: large enough that parsing overhead is small, small enough that a chunk's
/// syntax tree stays in memory the allocator has already handed out.
const CHUNK: usize = 48;

/// A file's tokens: what opens it (docs, inner attributes, imports), then its items.
pub struct Module {
    pub head: TokenStream,
    pub items: Vec<Item>,
}

/// One item of a module, or several in a row.
pub enum Item {
    /// Formatted by prettyplease.
    Code(TokenStream),
    /// Already formatted, each line ending in a newline.
    Text(String),
}

impl From<TokenStream> for Item {
    fn from(tokens: TokenStream) -> Self {
        Item::Code(tokens)
    }
}

/// A whole file in one piece.
pub fn format_tokens(header: &str, file: &str, tokens: TokenStream) -> Result<String, Diagnostics> {
    Ok(format!("{header}\n{}", unparse(file, tokens)?))
}

/// A module, its items formatted a chunk at a time.
pub fn format_module(header: &str, file: &str, module: Module) -> Result<String, Diagnostics> {
    let mut out = format!("{header}\n{}", unparse(file, module.head)?);
    let mut chunk = TokenStream::new();
    let mut in_chunk = 0;
    for item in module.items {
        match item {
            Item::Code(tokens) => {
                chunk.extend(tokens);
                in_chunk += 1;
                if in_chunk == CHUNK {
                    out.push_str(&unparse(file, std::mem::take(&mut chunk))?);
                    in_chunk = 0;
                }
            }
            Item::Text(text) => {
                if in_chunk > 0 {
                    out.push_str(&unparse(file, std::mem::take(&mut chunk))?);
                    in_chunk = 0;
                }
                out.push_str(&text);
            }
        }
    }
    if in_chunk > 0 {
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
