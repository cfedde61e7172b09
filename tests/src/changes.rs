//! Spec-change fixtures: pairs of specs, each one edit away from a base, with the semver level
//! and the change the report must give, and whether code written against the old crate still
//! builds against the new one. The same rules are written twice: against an OpenAPI document and
//! against published Mintlify pages.

use generator::SpecSource;
use generator::report::Level;

/// How the spec is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    Document,
    Pages,
}

impl Form {
    pub fn slug(self) -> &'static str {
        match self {
            Form::Document => "doc",
            Form::Pages => "page",
        }
    }
}

/// One pair: the base of its form, and the edited spec.
pub struct Case {
    pub name: &'static str,
    pub form: Form,
    pub after: Vec<SpecSource>,
    /// The verdict the report must give.
    pub level: Level,
    /// Text one of the report's changes must hold; empty when it must list none.
    pub change: &'static str,
    /// Whether code written against the old crate (its tests and the surface test) compiles
    /// against the new one. Every non-breaking case must; a breaking one that still compiles
    /// breaks behaviour instead, and says so here.
    pub old_code_builds: bool,
}

impl Case {
    /// A short name for directories and crate names.
    pub fn slug(&self) -> String {
        let words: String = self
            .name
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
            .collect();
        format!("{}-{}", self.form.slug(), words.trim_matches('-'))
    }
}

pub const DOCUMENT: &str = r#"
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
        nickname: {type: string, nullable: true}
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

/// The components both pages carry, as Mintlify publishes them: each page holds the schemas it
/// names.
const PAGE_COMPONENTS: &str = r#"components:
  schemas:
    Pet:
      type: object
      description: A pet.
      required:
        - id
        - name
      properties:
        id:
          type: string
          description: The id.
        name:
          type: string
        tag:
          type: string
        nickname:
          type: string
          nullable: true
        kind:
          type: string
          enum:
            - cat
            - dog
        toy:
          $ref: '#/components/schemas/Toy'
    Toy:
      oneOf:
        - $ref: '#/components/schemas/Ball'
        - $ref: '#/components/schemas/Rope'
    Ball:
      type: object
      properties:
        size:
          type: integer
    Rope:
      type: object
      properties:
        length:
          type: integer
    Bone:
      type: object
      properties:
        weight:
          type: number
"#;

const LIST_PAGE: &str = r#"# List Pets

## OpenAPI

````yaml get /pets
paths:
  path: /pets
  method: get
  servers:
    - url: https://pets.example.com
  request:
    security: []
    parameters:
      path: {}
      query:
        limit:
          schema:
            - type: integer
              required: false
              description: How many pets to list.
        owner:
          schema:
            - type: string
              required: true
              description: Whose pets to list.
      header: {}
      cookie: {}
    body: {}
  response:
    '200':
      application/json:
        schemaArray:
          - type: array
            items:
              allOf:
                - $ref: '#/components/schemas/Pet'
        examples: {}
        description: The pets.
    '400':
      application/json:
        schemaArray:
          - type: object
            properties:
              title:
                allOf:
                  - type: string
            refIdentifier: '#/components/schemas/Problem'
        examples: {}
        description: Bad request.
  deprecated: false
  type: path
COMPONENTS````
"#;

const GET_PAGE: &str = r#"# Get Pet

## OpenAPI

````yaml get /pets/{id}
paths:
  path: /pets/{id}
  method: get
  servers:
    - url: https://pets.example.com
  request:
    security: []
    parameters:
      path:
        id:
          schema:
            - type: string
              required: true
              description: The pet's id.
      query: {}
      header: {}
      cookie: {}
    body: {}
  response:
    '200':
      application/json:
        schemaArray:
          - $ref: '#/components/schemas/Pet'
        examples: {}
        description: The pet.
  deprecated: false
  type: path
COMPONENTS````
"#;

const ADD_PAGE: &str = r#"# List Toys

## OpenAPI

````yaml get /toys
paths:
  path: /toys
  method: get
  servers:
    - url: https://pets.example.com
  request:
    security: []
    parameters:
      path: {}
      query: {}
      header: {}
      cookie: {}
    body: {}
  response:
    '200':
      application/json:
        schemaArray:
          - type: object
            properties:
              count:
                allOf:
                  - type: integer
            refIdentifier: '#/components/schemas/ToyCount'
        examples: {}
        description: The toys.
  deprecated: false
  type: path
````
"#;

/// The base spec of a form.
pub fn base(form: Form) -> Vec<SpecSource> {
    match form {
        Form::Document => vec![SpecSource::new("pets.yaml", DOCUMENT)],
        Form::Pages => pages(&[], false, false),
    }
}

/// The two pages, each edit applied to every page that holds its text; `extra` adds a third
/// page, `drop_get` leaves the second out.
fn pages(edits: &[(&str, &str)], extra: bool, drop_get: bool) -> Vec<SpecSource> {
    let mut out = Vec::new();
    let mut all = vec![("list-pets.md", LIST_PAGE)];
    if !drop_get {
        all.push(("get-pet.md", GET_PAGE));
    }
    if extra {
        all.push(("list-toys.md", ADD_PAGE));
    }
    let mut found = vec![false; edits.len()];
    for (name, page) in all {
        let mut text = page.replace("COMPONENTS", PAGE_COMPONENTS);
        for (i, (from, to)) in edits.iter().enumerate() {
            found[i] |= text.contains(from);
            text = text.replace(from, to);
        }
        out.push(SpecSource::new(name, text));
    }
    for ((from, _), found) in edits.iter().zip(found) {
        assert!(found, "no page holds {from:?}");
    }
    out
}

fn doc(from: &str, to: &str) -> Vec<SpecSource> {
    assert!(DOCUMENT.contains(from), "the base document holds {from:?}");
    vec![SpecSource::new("pets.yaml", DOCUMENT.replacen(from, to, 1))]
}

fn doc2(edits: &[(&str, &str)]) -> Vec<SpecSource> {
    let mut text = DOCUMENT.to_string();
    for (from, to) in edits {
        assert!(text.contains(from), "the base document holds {from:?}");
        text = text.replacen(from, to, 1);
    }
    vec![SpecSource::new("pets.yaml", text)]
}

fn page(from: &str, to: &str) -> Vec<SpecSource> {
    pages(&[(from, to)], false, false)
}

/// Every pair, documents first.
pub fn cases() -> Vec<Case> {
    use Form::{Document as D, Pages as P};
    use Level::{Major, Minor, None as Nothing, Patch};
    let case = |name, form, after, level, change, old_code_builds| Case {
        name,
        form,
        after,
        level,
        change,
        old_code_builds,
    };
    let get_pet = "  /pets/{id}:\n    get:\n      operationId: getPet\n      parameters:\n        - {name: id, in: path, required: true, schema: {type: string}}\n      responses:\n        '200':\n          description: The pet.\n          content:\n            application/json:\n              schema: {$ref: '#/components/schemas/Pet'}\n";
    let limit = "        - {name: limit, in: query, schema: {type: integer}}";
    let page_limit = "        limit:\n          schema:\n            - type: integer\n              required: false\n";
    vec![
        case("nothing", D, base(D), Nothing, "", true),
        case(
            "a description",
            D,
            doc("description: Lists pets.", "description: Lists the pets."),
            Patch,
            "",
            true,
        ),
        case(
            "an optional field added",
            D,
            doc(
                "        tag: {type: string}",
                "        tag: {type: string}\n        age: {type: integer}",
            ),
            Minor,
            "field `age` added",
            true,
        ),
        case(
            "a required field added",
            D,
            doc("required: [id, name]", "required: [id, name, tag]"),
            Major,
            "field `tag` made required",
            false,
        ),
        case(
            "a field removed",
            D,
            doc("        tag: {type: string}\n", ""),
            Major,
            "field `tag` removed",
            false,
        ),
        case(
            "a field's type changed",
            D,
            doc("tag: {type: string}", "tag: {type: integer}"),
            Major,
            "field `tag`: `Option<String>` is now `Option<i64>`",
            false,
        ),
        case(
            "a field made optional",
            D,
            doc("required: [id, name]", "required: [id]"),
            Major,
            "field `name` made optional",
            false,
        ),
        // `Option<String>` either way, but `new` now takes it (as `Option<String>`), so that a
        // required member is never sent as `null` unseen: the constructor changes.
        case(
            "a nullable field made required",
            D,
            doc("required: [id, name]", "required: [id, name, nickname]"),
            Major,
            "nullable field `nickname` made required",
            false,
        ),
        case(
            "required fields reordered",
            D,
            doc(
                "        id: {type: string, description: The id.}\n        name: {type: string}\n",
                "        name: {type: string}\n        id: {type: string, description: The id.}\n",
            ),
            Major,
            "the constructor's arguments changed order",
            true,
        ),
        // One type per definition: an operation that inlines a copy of `Pet` still returns
        // `Pet`, and the copy's inline enum is `Pet`'s `PetKind`.
        case(
            "a component inlined as a copy",
            D,
            doc(
                "              schema: {$ref: '#/components/schemas/Pet'}\ncomponents:",
                concat!(
                    "              schema:\n",
                    "                type: object\n",
                    "                required: [id, name]\n",
                    "                properties:\n",
                    "                  name: {type: string}\n",
                    "                  id: {type: string}\n",
                    "                  tag: {type: string}\n",
                    "                  nickname: {type: string, nullable: true}\n",
                    "                  kind: {type: string, enum: [cat, dog]}\n",
                    "                  toy: {$ref: '#/components/schemas/Toy'}\n",
                    "                  model: {$ref: '#/components/schemas/Model'}\n",
                    "components:",
                ),
            ),
            Nothing,
            "",
            true,
        ),
        case(
            "an enum value added",
            D,
            doc("enum: [cat, dog]", "enum: [cat, dog, bird]"),
            Minor,
            "value \"bird\" added",
            true,
        ),
        case(
            "an enum value removed",
            D,
            doc("enum: [cat, dog]", "enum: [cat]"),
            Major,
            "value \"dog\" removed",
            false,
        ),
        case(
            "an operation added",
            D,
            doc(
                "components:\n",
                "  /toys:\n    get:\n      operationId: listToys\n      responses:\n        '200': {description: ok}\ncomponents:\n",
            ),
            Minor,
            "added",
            true,
        ),
        case(
            "an operation removed",
            D,
            doc(get_pet, ""),
            Major,
            "removed",
            false,
        ),
        // A path parameter changes the route: the old operation goes, a new one comes.
        case(
            "a path parameter added",
            D,
            doc(
                "  /pets/{id}:\n    get:\n      operationId: getPet\n      parameters:\n",
                "  /owners/{owner}/pets/{id}:\n    get:\n      operationId: getPet\n      parameters:\n        - {name: owner, in: path, required: true, schema: {type: string}}\n",
            ),
            Major,
            "removed",
            false,
        ),
        // The call is the same; code that names the builder type (a helper taking one) breaks.
        case(
            "an operation id renamed",
            D,
            doc("operationId: getPet\n", "operationId: fetchPet\n"),
            Major,
            "request builder type renamed",
            true,
        ),
        case(
            "an optional parameter added",
            D,
            doc(
                limit,
                &format!("{limit}\n        - {{name: sort, in: query, schema: {{type: string}}}}"),
            ),
            Minor,
            "parameter `sort` added",
            true,
        ),
        // A required query parameter is a setter: old calls build, and the request fails.
        case(
            "a required parameter added",
            D,
            doc(
                limit,
                &format!(
                    "{limit}\n        - {{name: sort, in: query, required: true, schema: {{type: string}}}}"
                ),
            ),
            Major,
            "positional argument `sort` added",
            false,
        ),
        case(
            "a parameter made required",
            D,
            doc(
                "{name: limit, in: query, schema: {type: integer}}",
                "{name: limit, in: query, required: true, schema: {type: integer}}",
            ),
            Major,
            "positional argument `limit` added",
            false,
        ),
        case(
            "a parameter made optional",
            D,
            doc(
                "{name: owner, in: query, required: true, schema: {type: string}}",
                "{name: owner, in: query, schema: {type: string}}",
            ),
            Major,
            "positional argument `owner` removed",
            false,
        ),
        case(
            "a parameter removed",
            D,
            doc(&format!("{limit}\n"), ""),
            Major,
            "parameter `limit` removed",
            false,
        ),
        case(
            "a parameter's type changed",
            D,
            doc(
                "{name: limit, in: query, schema: {type: integer}}",
                "{name: limit, in: query, schema: {type: string}}",
            ),
            Major,
            "parameter `limit`",
            false,
        ),
        case(
            "a response type changed",
            D,
            doc(
                "              schema: {$ref: '#/components/schemas/Pet'}\ncomponents",
                "              schema: {$ref: '#/components/schemas/Bone'}\ncomponents",
            ),
            Major,
            "call",
            false,
        ),
        // Only the types some operation reaches are generated: a type comes and goes with its use.
        case(
            "a type removed with its use",
            D,
            doc("        toy: {$ref: '#/components/schemas/Toy'}\n", ""),
            Major,
            "removed",
            false,
        ),
        case(
            "a type added with its use",
            D,
            doc2(&[
                (
                    "        tag: {type: string}",
                    "        tag: {type: string}\n        bowl: {$ref: '#/components/schemas/Bowl'}",
                ),
                (
                    "    Bone:",
                    "    Bowl: {type: object, properties: {full: {type: boolean}}}\n    Bone:",
                ),
            ]),
            Minor,
            "added",
            true,
        ),
        case(
            "an unused schema removed",
            D,
            doc(
                "    Bone: {type: object, properties: {weight: {type: number}}}\n",
                "",
            ),
            Nothing,
            "",
            true,
        ),
        case(
            "a union variant added",
            D,
            doc(
                "        - {$ref: '#/components/schemas/Rope'}",
                "        - {$ref: '#/components/schemas/Rope'}\n        - {$ref: '#/components/schemas/Bone'}",
            ),
            Minor,
            "variant `Bone` added",
            true,
        ),
        // A union of strings is one enum, its variants named after their values: a new value
        // first in the list renames none of the others.
        case(
            "a one-value union member added first",
            D,
            doc(
                "        - {type: string}\n        - {type: string, enum: [pet-model-1]}",
                "        - {type: string}\n        - {type: string, enum: [pet-model-0]}\n        - {type: string, enum: [pet-model-1]}",
            ),
            Minor,
            "value \"pet-model-0\" added",
            true,
        ),
        case(
            "a union variant removed",
            D,
            doc("        - {$ref: '#/components/schemas/Rope'}\n", ""),
            Major,
            "variant `Rope` removed",
            false,
        ),
        // A member's type renamed (same JSON): breaking in Rust, unaffected on the wire.
        case(
            "a type renamed",
            D,
            doc2(&[
                (
                    "        toy: {$ref: '#/components/schemas/Toy'}",
                    "        toy: {$ref: '#/components/schemas/Plaything'}",
                ),
                ("    Toy:\n", "    Plaything:\n"),
            ]),
            Major,
            "field `toy`: `Option<types::Toy>` is now `Option<types::Plaything>`",
            false,
        ),
        case(
            "the documented error changed",
            D,
            doc(
                "              schema: {$ref: '#/components/schemas/Problem'}",
                "              schema: {$ref: '#/components/schemas/Envelope'}",
            ),
            Major,
            "call",
            false,
        ),
        // The same rules, on published pages.
        case("nothing", P, base(P), Nothing, "", true),
        case(
            "a description",
            P,
            page(
                "description: Whose pets to list.",
                "description: The owner whose pets to list.",
            ),
            Patch,
            "",
            true,
        ),
        case(
            "an optional field added",
            P,
            page(
                "        tag:\n          type: string\n",
                "        tag:\n          type: string\n        age:\n          type: integer\n",
            ),
            Minor,
            "field `age` added",
            true,
        ),
        case(
            "a required field added",
            P,
            page(
                "        - id\n        - name\n",
                "        - id\n        - name\n        - tag\n",
            ),
            Major,
            "field `tag` made required",
            false,
        ),
        case(
            "a field removed",
            P,
            page("        tag:\n          type: string\n", ""),
            Major,
            "field `tag` removed",
            false,
        ),
        case(
            "a field's type changed",
            P,
            page(
                "        tag:\n          type: string\n",
                "        tag:\n          type: integer\n",
            ),
            Major,
            "field `tag`: `Option<String>` is now `Option<i64>`",
            false,
        ),
        case(
            "a field made optional",
            P,
            page("        - id\n        - name\n", "        - id\n"),
            Major,
            "field `name` made optional",
            false,
        ),
        case(
            "a nullable field made required",
            P,
            page(
                "        - id\n        - name\n",
                "        - id\n        - name\n        - nickname\n",
            ),
            Major,
            "nullable field `nickname` made required",
            false,
        ),
        case(
            "required fields reordered",
            P,
            page(
                "        id:\n          type: string\n          description: The id.\n        name:\n          type: string\n",
                "        name:\n          type: string\n        id:\n          type: string\n          description: The id.\n",
            ),
            Major,
            "the constructor's arguments changed order",
            true,
        ),
        case(
            "an enum value added",
            P,
            page(
                "            - cat\n            - dog\n",
                "            - cat\n            - dog\n            - bird\n",
            ),
            Minor,
            "value \"bird\" added",
            true,
        ),
        case(
            "an enum value removed",
            P,
            page(
                "            - cat\n            - dog\n",
                "            - cat\n",
            ),
            Major,
            "value \"dog\" removed",
            false,
        ),
        case(
            "an operation added",
            P,
            pages(&[], true, false),
            Minor,
            "added",
            true,
        ),
        case(
            "an operation removed",
            P,
            pages(&[], false, true),
            Major,
            "removed",
            false,
        ),
        case(
            "a path parameter added",
            P,
            pages(
                &[
                    (
                        "get /pets/{id}\npaths:\n  path: /pets/{id}",
                        "get /owners/{owner}/pets/{id}\npaths:\n  path: /owners/{owner}/pets/{id}",
                    ),
                    (
                        "      path:\n        id:\n",
                        "      path:\n        owner:\n          schema:\n            - type: string\n              required: true\n        id:\n",
                    ),
                ],
                false,
                false,
            ),
            Major,
            "removed",
            false,
        ),
        case(
            "an optional parameter added",
            P,
            page(
                page_limit,
                &format!(
                    "{page_limit}        sort:\n          schema:\n            - type: string\n              required: false\n"
                ),
            ),
            Minor,
            "parameter `sort` added",
            true,
        ),
        case(
            "a required parameter added",
            P,
            page(
                page_limit,
                &format!(
                    "{page_limit}        sort:\n          schema:\n            - type: string\n              required: true\n"
                ),
            ),
            Major,
            "positional argument `sort` added",
            false,
        ),
        case(
            "a parameter made required",
            P,
            page(
                page_limit,
                "        limit:\n          schema:\n            - type: integer\n              required: true\n",
            ),
            Major,
            "positional argument `limit` added",
            false,
        ),
        case(
            "a parameter made optional",
            P,
            page(
                "            - type: string\n              required: true\n              description: Whose",
                "            - type: string\n              required: false\n              description: Whose",
            ),
            Major,
            "positional argument `owner` removed",
            false,
        ),
        case(
            "a parameter removed",
            P,
            page(
                &format!("{page_limit}              description: How many pets to list.\n"),
                "",
            ),
            Major,
            "parameter `limit` removed",
            false,
        ),
        case(
            "a parameter's type changed",
            P,
            page(
                page_limit,
                "        limit:\n          schema:\n            - type: string\n              required: false\n",
            ),
            Major,
            "parameter `limit`",
            false,
        ),
        case(
            "a response type changed",
            P,
            page(
                "          - $ref: '#/components/schemas/Pet'\n        examples: {}\n        description: The pet.",
                "          - $ref: '#/components/schemas/Bone'\n        examples: {}\n        description: The pet.",
            ),
            Major,
            "call",
            false,
        ),
        case(
            "a type removed with its use",
            P,
            page(
                "        toy:\n          $ref: '#/components/schemas/Toy'\n",
                "",
            ),
            Major,
            "removed",
            false,
        ),
        case(
            "a union variant added",
            P,
            page(
                "        - $ref: '#/components/schemas/Rope'\n",
                "        - $ref: '#/components/schemas/Rope'\n        - $ref: '#/components/schemas/Bone'\n",
            ),
            Minor,
            "variant `Bone` added",
            true,
        ),
        case(
            "a union variant removed",
            P,
            page("        - $ref: '#/components/schemas/Rope'\n", ""),
            Major,
            "variant `Rope` removed",
            false,
        ),
        case(
            "a type renamed",
            P,
            pages(
                &[
                    (
                        "$ref: '#/components/schemas/Toy'",
                        "$ref: '#/components/schemas/Plaything'",
                    ),
                    ("    Toy:\n", "    Plaything:\n"),
                ],
                false,
                false,
            ),
            Major,
            "field `toy`: `Option<types::Toy>` is now `Option<types::Plaything>`",
            false,
        ),
        case(
            "the documented error changed",
            P,
            page(
                "            refIdentifier: '#/components/schemas/Problem'",
                "            refIdentifier: '#/components/schemas/Failure'",
            ),
            Major,
            "call",
            false,
        ),
    ]
}
