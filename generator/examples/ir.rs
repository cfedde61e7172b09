//! Prints the pagination the generator detects for every list operation of a spec path.
fn main() {
    let path = std::env::args().nth(1).expect("usage: ir SPEC_PATH");
    let sources = generator::SpecSource::read_path(std::path::Path::new(&path)).expect("readable");
    let config = generator::Config::minimal("x");
    match generator::lower_sources(&config, &sources) {
        Ok(api) => {
            for op in &api.operations {
                if let Some(p) = &op.pagination {
                    println!(
                        "{} {} -> {} ({:?}) {} <- {}{}",
                        op.method.as_str(),
                        op.path,
                        p.convention,
                        p.detected_by,
                        p.forward.param,
                        p.forward.field.wire_name,
                        p.backward
                            .as_ref()
                            .map(|b| format!(", {} <- {}", b.param, b.field.wire_name))
                            .unwrap_or_default()
                    );
                }
            }
        }
        Err(d) => eprintln!("{d}"),
    }
}
