//! No schema graph crashes the generator: hundreds of small graphs full of cycles (a union whose
//! member extends it back through `allOf`, required fields that lead back to their own type,
//! self-referencing maps and arrays), each used as a JSON body, a multipart body and a response.
//! A crash here is a stack overflow that aborts the test binary, or a panic. The fuzz target
//! `schema_graph` searches the same space without end.

use generator::{Config, SpecSource, generate};

/// Each graph is generated into a whole crate, formatting included (about 20 ms in a debug build).
const GRAPHS: usize = 1500;

#[test]
fn cyclic_schema_graphs_never_crash_the_generator() {
    // Run on a thread with the stack a test gets by default, not more: what passes here passes in
    // `cargo xtask codegen`, whose main thread has four times as much.
    let handle = std::thread::Builder::new()
        .stack_size(2 * 1024 * 1024)
        .spawn(|| {
            let mut rng = fastrand::Rng::with_seed(15);
            let mut generated = 0;
            let mut refusals = std::collections::BTreeSet::new();
            for _ in 0..GRAPHS {
                let bytes: Vec<u8> = (0..48).map(|_| rng.u8(..)).collect();
                let text = tests::schema_graph::document(&bytes);
                let source = SpecSource::new("graph.json", text);
                match generate(&Config::minimal("graph"), &[source]) {
                    Ok(_) => generated += 1,
                    Err(d) => {
                        // The kind of refusal, without the schema names.
                        let text = d.to_string();
                        let kind = text.rsplit("`: ").next().unwrap_or(&text).to_string();
                        refusals.insert(
                            kind.chars()
                                .filter(|c| !c.is_ascii_digit())
                                .collect::<String>(),
                        );
                    }
                }
            }
            for r in &refusals {
                println!("refused: {r}");
            }
            generated
        })
        .expect("thread starts");
    let generated = handle.join().expect("no panic");
    println!(
        "{generated} of {GRAPHS} cyclic graphs generated a crate; the rest were refused with diagnostics"
    );
    assert!(generated > GRAPHS / 2, "{generated}");
}

/// A sample of those graphs, each generated into a crate, builds clean under clippy: recursive
/// fields are boxed, unions that contain themselves decode, and nothing loops.
#[test]
fn cyclic_schema_graphs_give_crates_that_build() {
    const CRATES: usize = 60;
    let root = tests::repo_root().join("target/cycle-crates");
    let _ = std::fs::remove_dir_all(&root);
    let mut rng = fastrand::Rng::with_seed(2026);
    let mut members = Vec::new();
    for i in 0..CRATES {
        let bytes: Vec<u8> = (0..48).map(|_| rng.u8(..)).collect();
        let name = format!("graph-{i}");
        let source = SpecSource::new("graph.json", tests::schema_graph::document(&bytes));
        let krate = generate(&Config::minimal(&name), &[source]).unwrap_or_else(|d| panic!("{d}"));
        tests::write_crate(&root.join("crates").join(&name), &krate.files);
        members.push(name);
    }
    tests::write_workspace(&root, &members);
    if let Err(stderr) = tests::clippy_workspace(&root) {
        panic!("{stderr}");
    }
    let _ = std::fs::remove_dir_all(root.join("crates"));
}
