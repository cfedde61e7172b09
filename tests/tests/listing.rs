//! `API.md`, the public API listing: it changes with the API and only with it, one line per item.

use generator::{Config, SpecSource, generate};

const SPEC: &str = r#"
openapi: 3.0.3
info: {title: Pets, version: 1.0.0, description: The pet store.}
servers: [{url: https://pets.example.com}]
paths:
  /pets/{id}:
    get:
      operationId: getPet
      description: Returns one pet.
      parameters:
        - {name: id, in: path, required: true, schema: {type: string}}
        - {name: expand, in: query, schema: {type: boolean}, description: Include the owner.}
      responses:
        '200':
          description: The pet.
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Pet'}
components:
  schemas:
    Pet:
      type: object
      description: A pet.
      required: [id]
      properties:
        id: {type: string, description: The pet's id.}
        kind: {type: string, enum: [cat, dog]}
"#;

fn listing(spec: &str) -> Vec<String> {
    let krate = generate(
        &Config::minimal("pets"),
        &[SpecSource::new("pets.yaml", spec)],
    )
    .unwrap_or_else(|d| panic!("{d}"));
    krate.files["API.md"].lines().map(str::to_string).collect()
}

fn changed(before: &[String], after: &[String]) -> (Vec<String>, Vec<String>) {
    let removed = before
        .iter()
        .filter(|l| !after.contains(l))
        .cloned()
        .collect();
    let added = after
        .iter()
        .filter(|l| !before.contains(l))
        .cloned()
        .collect();
    (removed, added)
}

#[test]
fn the_listing_names_every_public_item_once() {
    let lines = listing(SPEC);
    for expected in [
        "op `GET /pets/{id}` call `client.pets().retrieve(id: String)` -> `types::Pet`, error `serde_json::Value`",
        "op `GET /pets/{id}` optional `.expand(bool)`",
        "type `types::Pet` = struct, non_exhaustive",
        "type `types::Pet` field `id: String`, required",
        "type `types::Pet` field `kind: Option<types::PetKind>`",
        "type `types::PetKind` value `\"dog\"` variant `Dog`",
    ] {
        assert!(
            lines.iter().any(|l| l == expected),
            "missing {expected:?} in:\n{}",
            lines.join("\n")
        );
    }
    let items: Vec<&String> = lines
        .iter()
        .filter(|l| l.starts_with("op ") || l.starts_with("type "))
        .collect();
    let mut sorted = items.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(items, sorted, "sorted, each once");
}

#[test]
fn a_doc_edit_leaves_it_and_an_api_change_shows_as_its_lines() {
    let before = listing(SPEC);
    let docs_only = SPEC
        .replace(
            "Returns one pet.",
            "Returns one pet, with its owner when asked.",
        )
        .replace("The pet's id.", "The pet's unique id.")
        .replace(
            "description: The pet store.",
            "description: The best pet store.",
        );
    assert_eq!(
        listing(&docs_only),
        before,
        "a doc-only edit changes nothing"
    );

    let with_field = SPEC.replace(
        "        kind: {type: string, enum: [cat, dog]}",
        "        kind: {type: string, enum: [cat, dog, bird]}\n        age: {type: integer}",
    );
    let (removed, added) = changed(&before, &listing(&with_field));
    assert!(removed.is_empty(), "{removed:?}");
    assert_eq!(
        added,
        [
            "type `types::PetKind` value `\"bird\"` variant `Bird`",
            "type `types::Pet` field `age: Option<i64>`",
        ]
    );
}
