//! Documents that break a rule but leave one reading generate, each assumption a warning that
//! names the file, line and column; `--strict` turns them into errors. Documents that leave two
//! readings are refused (tests/fixtures/bad, the bad-specs snapshot).

use generator::{Config, generate};
use tests::{fixtures, read_sources};

/// Generates a fixture and returns its API listing and its warnings as printed.
fn generate_fixture(rel: &str) -> (String, Vec<String>) {
    // Absolute paths: a multi-file document's references are read from where its files are.
    let sources = read_sources(&fixtures().join(rel));
    let krate = generate(&Config::minimal("lenient"), &sources).unwrap_or_else(|d| panic!("{d}"));
    let warnings = krate.warnings.iter().map(ToString::to_string).collect();
    (krate.files["API.md"].clone(), warnings)
}

/// `file:line:col: ` at the start of a warning.
fn located(warning: &str, rel: &str) -> bool {
    let file = fixtures().join(rel);
    let Some(rest) = warning.strip_prefix(&format!("{}:", file.display())) else {
        return false;
    };
    let mut parts = rest.splitn(3, ':');
    let mut number = || {
        parts
            .next()
            .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
    };
    number() && number()
}

#[test]
fn an_undefined_template_variable_is_a_required_string_path_parameter() {
    let (listing, warnings) = generate_fixture("lenient/path-template.yaml");
    assert!(
        listing.contains("call `client.things().parts().retrieve(thing_id: String, part: String)`"),
        "{listing}"
    );
    assert_eq!(warnings.len(), 1, "{warnings:#?}");
    let file = "lenient/path-template.yaml";
    assert!(located(&warnings[0], file), "{}", warnings[0]);
    assert!(
        warnings[0].contains("`{part}`") && warnings[0].contains("required string path parameter"),
        "{}",
        warnings[0]
    );
}

#[test]
fn null_scopes_are_none_and_an_undefined_scheme_drops_its_alternative() {
    let (listing, warnings) = generate_fixture("lenient/security.yaml");
    let file = "lenient/security.yaml";
    assert_eq!(warnings.len(), 2, "{warnings:#?}");
    assert!(warnings.iter().all(|w| located(w, file)), "{warnings:#?}");
    assert!(
        warnings.iter().any(|w| w.contains("`bearerAuth` are null")),
        "{warnings:#?}"
    );
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("`tokenAuth`") && w.contains("dropped")),
        "{warnings:#?}"
    );
    // Both operations generate; the bearer scheme is the client's.
    assert!(listing.contains("op `GET /v1/things` call"), "{listing}");
    assert!(listing.contains("op `GET /v1/others` call"), "{listing}");
}

#[test]
fn references_resolve_as_bundlers_resolve_them() {
    let (listing, warnings) = generate_fixture("multifile/bundler/openapi.yaml");
    // The properties map from another file, the included path item's own references, the
    // component map given as a reference, and the schema reached through a path item reference.
    for line in [
        "type `types::Pet` field `owner: Option<types::Owner>`",
        "type `types::Pet` field `id: String`, required",
        "op `GET /pets` call `client.pets().list()` -> `Vec<types::Pet>`, error `types::Error`",
        // A required header parameter is a positional argument.
        "op `GET /pets/{petId}` call `client.pets().retrieve(pet_id: String, x_api_key: String)`",
    ] {
        assert!(listing.contains(line), "{line}\n{listing}");
    }
    assert_eq!(warnings.len(), 1, "{warnings:#?}");
    let file = "multifile/bundler/openapi.yaml";
    assert!(located(&warnings[0], file), "{}", warnings[0]);
    assert!(
        warnings[0].contains("`#/components/schemas/apiKey` is used as a parameter"),
        "{}",
        warnings[0]
    );
    // The directory and its root file read the same.
    let from_dir = generate_fixture("multifile/bundler");
    assert_eq!(from_dir.0, listing);
}

#[test]
fn a_schema_reference_into_responses_or_bodies_reads_the_schema_they_hold() {
    let file = "lenient/schema-refs.yaml";
    let (listing, warnings) = generate_fixture(file);
    for line in [
        // The request body's inline schema becomes a component named after the body.
        "op `POST /things` call `client.things().create(body: types::NewThing)` -> `types::Thing`",
        "type `types::NewThing` field `name: String`, required",
        // A response that holds no schema reads as any value.
        "op `DELETE /things/tags` call `client.things().tags().delete()` -> `serde_json::Value`",
        // The entry that resolves still names its member.
        "op `GET /shapes` call `client.shapes().retrieve()`",
    ] {
        assert!(listing.contains(line), "{line}\n{listing}");
    }
    assert_eq!(warnings.len(), 5, "{warnings:#?}");
    assert!(warnings.iter().all(|w| located(w, file)), "{warnings:#?}");
    for text in [
        "`#/components/requestBodies/NewThing` is used as a schema but points at a request body; read as the schema the request body holds",
        "`#/components/responses/ThingResponse` is used as a schema but points at a response; read as the schema the response holds",
        "`#/components/responses/StatusMessage` is used as a schema but points at a response that holds none; read as any value",
        "mapping.square`: `models/square.yml` leads nowhere; the entry is left out of the mapping",
        "mapping.triangle`: `#/triangle` leads nowhere; the entry is left out of the mapping",
    ] {
        assert!(
            warnings.iter().any(|w| w.contains(text)),
            "{text}\n{warnings:#?}"
        );
    }
}

#[test]
fn a_schema_reference_into_another_files_responses_resolves_there() {
    let file = "lenient/schema-refs-files/openapi.yaml";
    let (listing, warnings) = generate_fixture(file);
    // The inline schema is named after its response; the referenced one keeps its name, read
    // from the file that holds the response.
    for line in [
        "op `GET /a` call `client.a().retrieve()` -> `types::Inline`",
        "op `GET /b` call `client.b().retrieve()` -> `types::Thing`",
        "type `types::Thing` field `id: Option<String>`",
    ] {
        assert!(listing.contains(line), "{line}\n{listing}");
    }
    assert_eq!(warnings.len(), 2, "{warnings:#?}");
    assert!(warnings.iter().all(|w| located(w, file)), "{warnings:#?}");
}

#[test]
fn content_keys_that_are_not_media_types_are_dropped() {
    let rel = "lenient/media-keys.yaml";
    let sources = read_sources(&fixtures().join(rel));
    let krate = generate(&Config::minimal("lenient"), &sources).unwrap_or_else(|d| panic!("{d}"));
    let warnings: Vec<String> = krate.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(warnings.len(), 3, "one per key: {warnings:#?}");
    assert!(warnings.iter().all(|w| located(w, rel)), "{warnings:#?}");
    assert!(
        warnings.iter().any(
            |w| w.contains("paths./v1/products.get.responses.200.content.code")
                && w.contains("`code` is not a media type")
                && w.contains("(and in 1 other place)")
        ),
        "{warnings:#?}"
    );
    assert!(
        warnings.iter().any(|w| w.contains("`Promotion`")),
        "{warnings:#?}"
    );
    let listing = &krate.files["API.md"];
    assert!(
        listing.contains("call `client.products().list()` -> `Vec<types::Product>`"),
        "{listing}"
    );
    // Only the media types go out as `Accept`; before, `application/json, code, message` did.
    let resources = &krate.files["src/resources.rs"];
    assert!(!resources.contains("code, message"), "{resources}");
    assert!(!resources.contains("\"Promotion"), "{resources}");
}

#[test]
fn keywords_written_with_the_wrong_type_are_read_as_their_type() {
    let (listing, warnings) = generate_fixture("lenient/keyword-types.yaml");
    let file = "lenient/keyword-types.yaml";
    // The required flag holds: `limit` is an argument of the call, not a setter.
    assert!(
        listing.contains("call `client.videos().list(limit: i64)`"),
        "{listing}"
    );
    assert_eq!(warnings.len(), 7, "{warnings:#?}");
    assert!(warnings.iter().all(|w| located(w, file)), "{warnings:#?}");
    for expected in [
        "at `components.schemas.Video.properties.id.pattern`: `pattern` is written as `0`: read as \"0\"",
        "`required` is written as the string \"true\": read as true",
        "`enum` is written as the string \"ready\": read as [\"ready\"]",
        "`minimum` is written as the string \"zero\", which is not a number: the keyword is ignored",
    ] {
        assert!(
            warnings.iter().any(|w| w.contains(expected)),
            "{expected}: {warnings:#?}"
        );
    }
}
