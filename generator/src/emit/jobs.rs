//! Emitting and formatting a crate's files on every core.
//!
//! On a large API, codegen's time is mostly syn parsing the emitted tokens and prettyplease
//! printing them, file by file. `proc_macro2` tokens cannot cross threads, so a job does both:
//! it emits a run of a file's items from the IR, which any thread can read, and formats them.
//! Threads take the next job as they finish one, so the cores stay busy whatever the sizes of
//! the files, and only one run of items per core is in memory at a time. The text is the same
//! whatever the number of threads: each file is its jobs' texts in order.
//!
//! Files written as plain text (`API.md`, `README.md`) are jobs too, so that they are written
//! while the other core formats code, not after it.

use std::collections::BTreeMap;
use std::num::NonZero;
use std::sync::atomic::{AtomicUsize, Ordering};

use super::format::{Item, format_items};
use crate::diag::Diagnostics;

/// A run of a file's items, emitted on whichever thread formats it.
pub type Piece<'a> = Box<dyn Fn() -> Vec<Item> + Sync + 'a>;

/// A file as runs of items, in order; the first run is what opens the file.
pub struct FilePlan<'a> {
    name: &'static str,
    /// Whether the file opens with the code header; a text file writes its own.
    headed: bool,
    pieces: Vec<Piece<'a>>,
}

impl<'a> FilePlan<'a> {
    /// Rust code: the code header, then the pieces' items formatted.
    pub fn code(name: &'static str, pieces: Vec<Piece<'a>>) -> Self {
        FilePlan {
            name,
            headed: true,
            pieces,
        }
    }

    /// A file whose whole text `text` writes, header included.
    pub fn text(name: &'static str, text: impl Fn() -> String + Sync + 'a) -> Self {
        FilePlan {
            name,
            headed: false,
            pieces: vec![Box::new(move || vec![Item::Text(text())])],
        }
    }
}

/// Each file's text: for code, `header` and a newline, then its pieces formatted, in order. As
/// many threads as the machine offers share the work.
pub fn run(
    header: &str,
    plans: Vec<FilePlan<'_>>,
) -> Result<BTreeMap<String, String>, Diagnostics> {
    let threads = std::thread::available_parallelism().map_or(1, NonZero::get);
    run_on(threads, header, plans)
}

fn run_on(
    threads: usize,
    header: &str,
    plans: Vec<FilePlan<'_>>,
) -> Result<BTreeMap<String, String>, Diagnostics> {
    let jobs: Vec<(&'static str, &Piece<'_>)> = plans
        .iter()
        .flat_map(|plan| plan.pieces.iter().map(|piece| (plan.name, piece)))
        .collect();
    let next = AtomicUsize::new(0);
    let work = || {
        let mut done = Vec::new();
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some((file, piece)) = jobs.get(i) else {
                return done;
            };
            done.push((i, format_items(file, piece())));
        }
    };
    let threads = threads.clamp(1, jobs.len().max(1));
    let mut done = std::thread::scope(|scope| {
        let helpers: Vec<_> = (1..threads).map(|_| scope.spawn(work)).collect();
        let mut done = work();
        for helper in helpers {
            done.extend(
                helper
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            );
        }
        done
    });
    // The counter handed out each index once, and every thread has finished.
    done.sort_unstable_by_key(|(i, _)| *i);
    let mut texts = done.into_iter().map(|(_, text)| text);
    let mut files = BTreeMap::new();
    for plan in &plans {
        let mut text = if plan.headed {
            format!("{header}\n")
        } else {
            String::new()
        };
        for piece in texts.by_ref().take(plan.pieces.len()) {
            text.push_str(&piece?);
        }
        files.insert(plan.name.to_string(), text);
    }
    Ok(files)
}

#[cfg(test)]
mod tests {
    use quote::quote;

    use super::*;

    /// A file of `n` structs, `per` to a piece, with a text item after each third struct.
    fn plan(name: &'static str, n: usize, per: usize) -> FilePlan<'static> {
        let mut pieces: Vec<Piece<'static>> =
            vec![Box::new(|| vec![Item::Code(quote!(#![doc = " A file."]))])];
        for start in (0..n).step_by(per) {
            pieces.push(Box::new(move || {
                (start..(start + per).min(n))
                    .flat_map(|i| {
                        let name = quote::format_ident!("S{i}");
                        let code = Item::Code(quote!(pub struct #name { a: u8, b: String }));
                        let text = (i % 3 == 0).then(|| Item::Text(format!("m!({name});\n")));
                        std::iter::once(code).chain(text)
                    })
                    .collect()
            }));
        }
        FilePlan::code(name, pieces)
    }

    fn files(threads: usize, per: usize) -> BTreeMap<String, String> {
        let plans = vec![
            plan("src/a.rs", 50, per),
            plan("src/b.rs", 7, per),
            FilePlan::text("NOTES.md", || "# Notes\n".to_string()),
        ];
        run_on(threads, "// header", plans).expect("formats")
    }

    #[test]
    fn the_text_does_not_depend_on_threads_or_piece_sizes() {
        let one = files(1, 50);
        assert_eq!(one.len(), 3);
        assert_eq!(
            one["NOTES.md"], "# Notes\n",
            "a text file writes its own header"
        );
        let a = &one["src/a.rs"];
        assert!(a.starts_with("// header\n//! A file.\n"), "{a}");
        assert!(a.contains("pub struct S49 {"), "{a}");
        assert!(a.contains("m!(S48);\npub struct S49"), "{a}");
        assert_eq!(a.matches("pub struct").count(), 50);
        for (threads, per) in [(2, 1), (4, 3), (16, 7), (3, 50)] {
            assert_eq!(
                files(threads, per),
                one,
                "{threads} threads, {per} per piece"
            );
        }
    }

    #[test]
    fn a_piece_that_does_not_parse_names_its_file() {
        let bad: Piece<'static> = Box::new(|| vec![Item::Code(quote!(pub struct ;))]);
        let plans = vec![
            plan("src/a.rs", 5, 2),
            FilePlan::code("src/bad.rs", vec![bad]),
        ];
        let err = run_on(2, "// header", plans).expect_err("does not parse");
        let text = err.to_string();
        assert!(text.contains("src/bad.rs"), "{text}");
        assert!(text.contains("do not parse"), "{text}");
    }
}
