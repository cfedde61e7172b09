fn main() {
    let path = std::env::args().nth(1).unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    let s = generator::SpecSource::new(path, text);
    let l = generator::load::load(&s).unwrap();
    println!("{}", serde_json::to_string_pretty(&l.document).unwrap());
}
