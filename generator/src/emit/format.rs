//! Tokens to formatted text: parsed as a `syn::File` and printed by prettyplease.
//!
//! Large files are formatted a run of items at a time (see `jobs`): prettyplease prints a file
//! as its inner attributes followed by each item on its own, so the runs concatenate to the
//! same text as one whole-file print.
//!
//! An item can also be text its emitter laid out itself: a call of one of the runtime's macros,
//! whose input prettyplease can only fill like a paragraph (`Item::Text`).

use proc_macro2::TokenStream;

use crate::diag::{Diagnostic, Diagnostics};

/// One item of a file, or several in a row.
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

/// Items of `file` in order: each run of code parsed and printed at once, text kept as it is.
pub fn format_items(file: &str, items: Vec<Item>) -> Result<String, Diagnostics> {
    let mut out = String::new();
    let mut run = TokenStream::new();
    for item in items {
        match item {
            Item::Code(tokens) => run.extend(tokens),
            Item::Text(text) => {
                if !run.is_empty() {
                    out.push_str(&unparse(file, std::mem::take(&mut run))?);
                }
                out.push_str(&text);
            }
        }
    }
    if !run.is_empty() {
        out.push_str(&unparse(file, run)?);
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
