//! The change report's verdicts, on pairs of specs: one edit each, and the semver level and
//! change it must give. Rust source compatibility decides the verdict; `?` and the wire notes are
//! checked where a rule gives one.

use generator::report::{Level, compare};
use generator::{Config, SpecSource, generate};

const BASE: &str = r#"
openapi: 3.0.3
info: {title: Pets, version: 1.0.0, description: The pet store.}
servers: [{url: https://pets.example.com}]
paths:
  /pets:
    get:
      operationId: listPets
      description: Lists pets.
      parameters:
        - {name: limit, in: query, schema: {type: integer}}
        - {name: owner, in: query, required: true, schema: {type: string}}
      responses:
        '200':
          description: The pets.
          content:
            application/json:
              schema: {type: array, items: {$ref: '#/components/schemas/Pet'}}
        '400':
          description: Bad request.
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Problem'}
  /pets/{id}:
    get:
      operationId: getPet
      parameters:
        - {name: id, in: path, required: true, schema: {type: string}}
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
      required: [id, name]
      properties:
        id: {type: string, description: The id.}
        name: {type: string}
        tag: {type: string}
        kind: {type: string, enum: [cat, dog]}
        toy: {$ref: '#/components/schemas/Toy'}
        model: {$ref: '#/components/schemas/Model'}
    Model:
      anyOf:
        - {type: string}
        - {type: string, enum: [pet-model-1]}
        - {type: string, enum: [pet-model-2]}
    Toy:
      oneOf:
        - {$ref: '#/components/schemas/Ball'}
        - {$ref: '#/components/schemas/Rope'}
    Ball: {type: object, properties: {size: {type: integer}}}
    Rope: {type: object, properties: {length: {type: integer}}}
    Bone: {type: object, properties: {weight: {type: number}}}
    Problem: {type: object, properties: {title: {type: string}}}
    Envelope: {type: object, properties: {error: {type: string}}}
"#;

fn files(spec: &str) -> std::collections::BTreeMap<String, String> {
    generate(&Config::minimal("pets"), &[SpecSource::new("pets.yaml", spec)])
        .unwrap_or_else(|d| panic!("{d}\n{spec}"))
        .files
}

fn edit(from: &str, to: &str) -> String {
    assert!(BASE.contains(from), "the base spec holds {from:?}");
    BASE.replacen(from, to, 1)
}

#[test]
fn each_rule_gives_its_verdict() {
    let base = files(BASE);
    let cases: Vec<(&str, String, Level, &str)> = vec![
        ("nothing", BASE.to_string(), Level::None, ""),
        ("a description", edit("description: Lists pets.", "description: Lists the pets."), Level::Patch, ""),
        ("an optional field added", edit("        tag: {type: string}", "        tag: {type: string}\n        age: {type: integer}"), Level::Minor, "field `age` added"),
        ("a required field added", edit("required: [id, name]", "required: [id, name, tag]"), Level::Major, "field `tag` made required"),
        ("a field removed", edit("        tag: {type: string}\n", ""), Level::Major, "field `tag` removed"),
        ("a field's type changed", edit("tag: {type: string}", "tag: {type: integer}"), Level::Major, "field `tag`: `Option<String>` is now `Option<i64>`"),
        ("a field made optional", edit("required: [id, name]", "required: [id]"), Level::Major, "field `name` made optional"),
        ("an enum value added", edit("enum: [cat, dog]", "enum: [cat, dog, bird]"), Level::Minor, "value \"bird\" added"),
        ("an enum value removed", edit("enum: [cat, dog]", "enum: [cat]"), Level::Major, "value \"dog\" removed"),
        ("an operation added", edit("components:\n", "  /toys:\n    get:\n      operationId: listToys\n      responses:\n        '200': {description: ok}\ncomponents:\n"), Level::Minor, "added"),
        ("an operation removed", edit("  /pets/{id}:\n    get:\n      operationId: getPet\n      parameters:\n        - {name: id, in: path, required: true, schema: {type: string}}\n      responses:\n        '200':\n          description: The pet.\n          content:\n            application/json:\n              schema: {$ref: '#/components/schemas/Pet'}\n", ""), Level::Major, "removed"),
        ("an optional parameter added", edit("        - {name: limit, in: query, schema: {type: integer}}", "        - {name: limit, in: query, schema: {type: integer}}\n        - {name: sort, in: query, schema: {type: string}}"), Level::Minor, "parameter `sort` added"),
        ("a required parameter added", edit("        - {name: limit, in: query, schema: {type: integer}}", "        - {name: limit, in: query, schema: {type: integer}}\n        - {name: sort, in: query, required: true, schema: {type: string}}"), Level::Major, "required parameter `sort` added"),
        ("a parameter made required", edit("{name: limit, in: query, schema: {type: integer}}", "{name: limit, in: query, required: true, schema: {type: integer}}"), Level::Major, "parameter `limit` made required"),
        ("a parameter made optional", edit("{name: owner, in: query, required: true, schema: {type: string}}", "{name: owner, in: query, schema: {type: string}}"), Level::Minor, "parameter `owner` made optional"),
        ("a parameter removed", edit("        - {name: limit, in: query, schema: {type: integer}}\n", ""), Level::Major, "parameter `limit` removed"),
        ("a parameter's type changed", edit("{name: limit, in: query, schema: {type: integer}}", "{name: limit, in: query, schema: {type: string}}"), Level::Major, "parameter `limit`"),
        ("a response type changed", edit("              schema: {$ref: '#/components/schemas/Pet'}\ncomponents", "              schema: {$ref: '#/components/schemas/Bone'}\ncomponents"), Level::Major, "call"),
        // Only the types some operation reaches are generated: a type comes and goes with its use.
        ("a type removed with its use", edit("        toy: {$ref: '#/components/schemas/Toy'}\n", ""), Level::Major, "removed"),
        ("a type added with its use", edit("        tag: {type: string}", "        tag: {type: string}\n        bowl: {$ref: '#/components/schemas/Bowl'}").replace("    Bone:", "    Bowl: {type: object, properties: {full: {type: boolean}}}\n    Bone:"), Level::Minor, "added"),
        ("an unused schema removed", edit("    Bone: {type: object, properties: {weight: {type: number}}}\n", ""), Level::None, ""),
        ("a union variant added", edit("        - {$ref: '#/components/schemas/Rope'}", "        - {$ref: '#/components/schemas/Rope'}\n        - {$ref: '#/components/schemas/Bone'}"), Level::Minor, "variant `Bone` added"),
        // One-value members are named after their value: a new one first in the list renames
        // none of the others.
        ("a one-value union member added first", edit("        - {type: string}\n        - {type: string, enum: [pet-model-1]}", "        - {type: string}\n        - {type: string, enum: [pet-model-0]}\n        - {type: string, enum: [pet-model-1]}"), Level::Minor, "variant `ModelPetModel0` added"),
        // A member's type renamed (same JSON): breaking in Rust, unaffected on the wire.
        ("a type renamed", edit("        toy: {$ref: '#/components/schemas/Toy'}", "        toy: {$ref: '#/components/schemas/Plaything'}").replace("    Toy:\n", "    Plaything:\n"), Level::Major, "field `toy`: `Option<types::Toy>` is now `Option<types::Plaything>`"),
        ("the documented error changed", edit("              schema: {$ref: '#/components/schemas/Problem'}", "              schema: {$ref: '#/components/schemas/Envelope'}"), Level::Major, "call"),
    ];
    assert!(cases.len() >= 20);
    for (name, spec, level, change) in cases {
        let after = files(&spec);
        let other = after
            .iter()
            .any(|(rel, text)| rel != "API.md" && base.get(rel) != Some(text));
        let report = compare(&base["API.md"], &after["API.md"], other);
        assert_eq!(report.verdict(), level, "{name}: {report:#?}");
        if change.is_empty() {
            assert!(report.changes.is_empty(), "{name}: {report:#?}");
        } else {
            assert!(
                report.changes.iter().any(|c| c.what.contains(change)),
                "{name}: no change says {change:?}: {report:#?}"
            );
        }
    }
}

#[test]
fn a_rename_leaves_the_wire_alone() {
    let before = files(BASE);
    let after = files(
        &edit("        toy: {$ref: '#/components/schemas/Toy'}", "        toy: {$ref: '#/components/schemas/Plaything'}")
            .replace("    Toy:\n", "    Plaything:\n"),
    );
    let report = compare(&before["API.md"], &after["API.md"], true);
    let toy = report
        .changes
        .iter()
        .find(|c| c.what.starts_with("field `toy`"))
        .expect("the field's change");
    assert_eq!(
        toy.wire.as_deref(),
        Some("unaffected: the type is renamed, its JSON is the same")
    );
    // A real type change keeps its wire note.
    let after = files(&edit("tag: {type: string}", "tag: {type: integer}"));
    let report = compare(&before["API.md"], &after["API.md"], true);
    assert!(report.changes[0].wire.as_deref().is_some_and(|w| w.contains("decode `tag` as")));
}

#[test]
fn the_report_ends_with_the_verdict_and_the_version_to_ship() {
    let before = files(BASE);
    let after = files(&edit("required: [id, name]", "required: [id]"));
    let report = compare(&before["API.md"], &after["API.md"], true);
    let text = report.markdown(&semver::Version::new(1, 4, 2));
    assert!(
        text.trim_end()
            .ends_with("semver: major (suggested version: 2.0.0, after 1.4.2)"),
        "{text}"
    );
    assert!(text.contains("responses where it is missing or null no longer decode"), "{text}");
    // Below 1.0 the minor number is the breaking one.
    assert_eq!(
        generator::report::required_version(&semver::Version::new(0, 3, 1), Level::Major),
        semver::Version::new(0, 4, 0)
    );
    assert_eq!(
        generator::report::required_version(&semver::Version::new(0, 3, 1), Level::Minor),
        semver::Version::new(0, 3, 2)
    );
    let same = compare(&before["API.md"], &before["API.md"], false);
    assert!(same.markdown(&semver::Version::new(1, 0, 0)).contains("Nothing changed."));
}
