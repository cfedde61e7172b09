//! Swagger 2.0 input: the conversion itself, diagnostics that point into the 2.0 file, clear
//! refusals for what is not OpenAPI 3 or Swagger 2.0, and the standard converter as an oracle.

use std::path::{Path, PathBuf};
use std::process::Command;

use generator::ir::{Body, QueryArray};
use generator::{Config, SpecSource, generate, lower_sources};
use serde_json::Value;
use tests::{corpus_dir, fixtures, read_sources, repo_root};

#[test]
fn a_swagger2_document_lowers_like_its_openapi3_twin() {
    let api = lower_sources(
        &Config::minimal("pets"),
        &read_sources(&fixtures().join("constructs/swagger2.json")),
    )
    .unwrap_or_else(|d| panic!("{d}"));
    // host + basePath + schemes, https first; no trailing slash.
    assert_eq!(api.servers[0].url, "https://pets.example.com/v2");
    assert_eq!(api.servers[1].url, "http://pets.example.com/v2");
    let op = |id: &str| {
        api.operations
            .iter()
            .find(|o| o.type_stem == id)
            .unwrap_or_else(|| panic!("{id}"))
    };
    let list = op("ListPets");
    let tags = list
        .query_params
        .iter()
        .find(|p| p.wire_name == "tags")
        .expect("tags");
    assert_eq!(
        tags.array,
        QueryArray::Joined(','),
        "csv is the 2.0 default"
    );
    let status = list
        .query_params
        .iter()
        .find(|p| p.wire_name == "status")
        .expect("status");
    assert_eq!(status.array, QueryArray::Exploded, "multi");
    assert!(matches!(
        op("CreatePet").body,
        Some(Body::Json { required: true, .. })
    ));
    match &op("UploadPhoto").body {
        Some(Body::Multipart { parts, .. }) => {
            let names: Vec<&str> = parts.iter().map(|p| p.wire_name.as_str()).collect();
            assert_eq!(names, ["caption", "file"]);
            assert!(parts[1].required);
        }
        other => panic!("formData with a file is multipart: {other:?}"),
    }
    assert!(matches!(op("RenamePet").body, Some(Body::Form { .. })));
    // The shared path parameter reaches every operation of the path.
    assert_eq!(op("GetPet").path_params[0].wire_name, "petId");
    // x-nullable: a nullable field.
    let new_pet = api
        .types
        .iter()
        .find(|t| t.rust_name == "NewPet")
        .expect("NewPet");
    let text = format!("{:?}", new_pet.kind);
    assert!(text.contains("Nullable"), "{text}");
    // securityDefinitions: an API key in a header, basic and an OAuth 2 token.
    let schemes: Vec<String> = api.auth.iter().map(|s| format!("{:?}", s.kind)).collect();
    assert_eq!(schemes.len(), 3, "{schemes:?}");
    assert!(
        api.types.iter().any(|t| t.rust_name == "Pet"),
        "definitions become types"
    );
}

#[test]
fn diagnostics_point_into_the_swagger2_file() {
    let text = r##"{"swagger": "2.0", "info": {"title": "x", "version": "1"},
      "paths": {"/x": {"post": {"parameters": [
        {"name": "q", "in": "query", "type": "string"},
        {"name": "body", "in": "body", "schema": {"$ref": "#/definitions/Missing"}}],
        "responses": {"200": {"description": "ok"}}}}}}"##;
    let err = generate(
        &Config::minimal("x"),
        &[SpecSource::new("api/v2.json", text)],
    )
    .unwrap_err()
    .to_string();
    // The body is the operation's second parameter in the file the user wrote, not the
    // `requestBody` of the converted document: its line and column, its path, and the reference
    // as written.
    assert!(
        err.contains("api/v2.json:4:40: at `paths./x.post.parameters[1].schema`"),
        "{err}"
    );
    assert!(
        err.contains("unknown $ref `#/definitions/Missing`: no schema `Missing` in definitions"),
        "{err}"
    );

    // The same in YAML, with a definition whose own field is wrong.
    let yaml = "\
swagger: '2.0'
info: {title: x, version: '1'}
paths:
  /x:
    get:
      responses:
        '200':
          description: ok
          schema:
            $ref: '#/definitions/Pet'
definitions:
  Pet:
    type: object
    properties:
      tags:
        type: array
        items:
          $ref: '#/definitions/Tag'
";
    let err = generate(&Config::minimal("x"), &[SpecSource::new("v2.yaml", yaml)])
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("v2.yaml:17:9: at `definitions.Pet.properties.tags.items`"),
        "{err}"
    );
}

#[test]
fn other_formats_say_what_they_are() {
    for (text, expected) in [
        (
            r#"{"swaggerVersion": "1.2", "apis": []}"#,
            "this is a Swagger 1.2 resource listing, which is not supported",
        ),
        (
            r#"{"swagger": "1.2", "paths": {}}"#,
            "Swagger `1.2` is not supported",
        ),
        (
            r#"{"asyncapi": "2.6.0", "channels": {}}"#,
            "this is an AsyncAPI 2.6.0 document",
        ),
        (
            r#"{"openapi": "2.0", "paths": {}}"#,
            "OpenAPI version `2.0` is not supported",
        ),
        (
            r#"{"name": "my-package", "version": "1.0.0"}"#,
            "not an API document: it has no `openapi` (OpenAPI 3) or `swagger` (Swagger 2.0) field at the top; its top-level keys are `name`, `version`",
        ),
    ] {
        let err = generate(
            &Config::minimal("x"),
            &[SpecSource::new("thing.json", text)],
        )
        .unwrap_err()
        .to_string();
        assert!(
            err.contains(expected) && err.contains("thing.json"),
            "{err}"
        );
    }
}

/// swagger2openapi: `$SWAGGER2OPENAPI`, or the copy `.ci/run` installs.
fn converter() -> Option<PathBuf> {
    let path = std::env::var_os("SWAGGER2OPENAPI")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            repo_root().join("target/swagger2openapi/node_modules/.bin/swagger2openapi")
        });
    if path.exists() {
        return Some(path);
    }
    assert!(
        std::env::var_os("REQUIRE_SWAGGER2OPENAPI").is_none(),
        "swagger2openapi is required but missing at {}",
        path.display()
    );
    println!(
        "skipped: swagger2openapi not found at {} (set SWAGGER2OPENAPI)",
        path.display()
    );
    None
}

/// Where our conversion knowingly differs from swagger2openapi's, each applied to both documents
/// before they are compared, so that nothing else may differ.
///
/// 1. Descriptions beside a `$ref`: 2.0 ignores them, swagger2openapi drops them, we keep them as
///    the field's documentation.
/// 2. No `produces`: swagger2openapi writes `*/*`, which leaves the response a byte stream; we read
///    JSON, as every one of these APIs answers, and the response is typed.
/// 3. No `schemes`: swagger2openapi writes a protocol-relative `//host`, which no HTTP client can
///    use; we write `https://host`.
/// 4. A form with a required field: swagger2openapi leaves the body optional, so a builder would
///    send none; we make the body required.
/// 5. A parameter's `x-example` (swagger-ui's way to give one in 2.0): swagger2openapi keeps it as
///    an extension; we make it the parameter's `example`, which the generated tests send.
fn align(doc: &mut Value) {
    fn walk(v: &mut Value) {
        match v {
            Value::Object(m) => {
                if m.contains_key("in")
                    && !m.contains_key("example")
                    && let Some(example) = m.remove("x-example")
                {
                    m.insert("example".into(), example);
                }
                if let Some(Value::Object(body)) = m.get_mut("requestBody") {
                    let form_requires =
                        body.get("content")
                            .and_then(Value::as_object)
                            .is_some_and(|c| {
                                c.iter().any(|(media, v)| {
                                    media.contains("form")
                                        && v.pointer("/schema/required")
                                            .and_then(Value::as_array)
                                            .is_some_and(|r| !r.is_empty())
                                })
                            });
                    if form_requires {
                        body.insert("required".into(), Value::Bool(true));
                    }
                }
                if m.contains_key("$ref") {
                    m.retain(|k, _| k == "$ref");
                }
                if let Some(Value::Object(content)) = m.get_mut("content")
                    && let Some(any) = content.shift_remove("*/*")
                {
                    content.entry("application/json").or_insert(any);
                }
                m.values_mut().for_each(walk);
            }
            Value::Array(a) => a.iter_mut().for_each(walk),
            _ => {}
        }
    }
    walk(doc);
    if let Some(Value::Array(servers)) = doc.get_mut("servers") {
        for s in servers {
            if let Some(Value::String(url)) = s.get_mut("url")
                && url.starts_with("//")
            {
                *url = format!("https:{url}");
            }
        }
    }
}

#[test]
fn every_corpus_swagger2_document_matches_the_standard_converter() {
    let Some(corpus) = corpus_dir() else { return };
    let Some(converter) = converter() else { return };
    let work = repo_root().join("target/swagger2-oracle");
    let _ = std::fs::remove_dir_all(&work);
    std::fs::create_dir_all(&work).expect("work dir");
    let mut compared = 0;
    let mut refused_by_converter = Vec::new();
    let mut mismatches = Vec::new();
    for file in tests::sorted_files(&corpus.join("openapi/swagger2")) {
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        let converted = work.join(&name);
        let status = Command::new(&converter)
            .args(["--patch", "-o"])
            .arg(&converted)
            .arg(&file)
            .output()
            .expect("swagger2openapi runs");
        if !status.status.success() {
            let why = String::from_utf8_lossy(&status.stderr);
            refused_by_converter.push(format!("{name}: {}", why.lines().next().unwrap_or("")));
            continue;
        }
        let theirs = read_json(&converted);
        let ours = converted_by_us(&file);
        let crate_of = |mut doc: Value| {
            align(&mut doc);
            let text = serde_json::to_string(&doc).expect("json");
            generate(
                &Config::minimal("same"),
                &[SpecSource::new("api.json", text)],
            )
            .unwrap_or_else(|d| panic!("{name}: {d}"))
            .files
        };
        let (ours, theirs) = (crate_of(ours), crate_of(theirs));
        let differing: Vec<&String> = ours
            .keys()
            .chain(theirs.keys())
            .filter(|k| ours.get(*k) != theirs.get(*k))
            .collect();
        if differing.is_empty() {
            compared += 1;
        } else {
            mismatches.push(format!("{name}: {differing:?}"));
        }
    }
    println!(
        "{compared} Swagger 2.0 documents give the same crate as swagger2openapi's conversion; \
         refused by swagger2openapi: {refused_by_converter:?}"
    );
    assert!(mismatches.is_empty(), "differ:\n{}", mismatches.join("\n"));
    assert!(compared >= 60, "{compared}");
}

fn read_json(path: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).expect("readable")).expect("json")
}

/// Our conversion of a 2.0 file, as the loader does it before normalizing.
fn converted_by_us(path: &Path) -> Value {
    let (doc, _) = generator::load::swagger2::convert(&read_json(path));
    doc
}

#[test]
fn a_document_without_operations_warns() {
    let text = r#"{"openapi": "3.0.3", "info": {"title": "x", "version": "1"}, "paths": {},
        "components": {"schemas": {"Thing": {"type": "object"}}}}"#;
    let krate = generate(
        &Config::minimal("x"),
        &[SpecSource::new("types-only.json", text)],
    )
    .unwrap_or_else(|d| panic!("{d}"));
    let warnings: Vec<String> = krate.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(warnings[0].contains("types-only.json") && warnings[0].contains("no operations"));
}
