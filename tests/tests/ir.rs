//! Lowering: IR snapshots of every fixture, and page/standard-document equivalence.

use generator::ir::{Api, TypeKind, TypeRef};
use generator::lower_sources;
use tests::{fixtures, relative_sources, repo_root, spec_config};

/// A constructs fixture, lowered with the minimal config.
fn lowered(fixture: &str) -> Api {
    lower_sources(
        &generator::Config::minimal("fixture"),
        &relative_sources(&fixtures().join("constructs").join(fixture)),
    )
    .expect("lowers")
}

/// The kind of the type named `name`.
fn kind<'a>(api: &'a Api, name: &str) -> &'a TypeKind {
    &api.types
        .iter()
        .find(|t| t.rust_name == name)
        .unwrap_or_else(|| panic!("no type {name}"))
        .kind
}

#[test]
fn seed_page_and_openapi_fixture_lower_to_identical_ir() {
    let config = spec_config();
    let page = lower_sources(
        &config,
        &relative_sources(&repo_root().join("spec/create-skill-version.md")),
    )
    .expect("seed page lowers");
    let doc = lower_sources(
        &config,
        &relative_sources(&fixtures().join("openapi/create-skill-version.yaml")),
    )
    .expect("fixture lowers");
    // The origins of inline types name spec paths; both inputs place them identically.
    if page != doc {
        let a = serde_json::to_string_pretty(&page).unwrap_or_default();
        let b = serde_json::to_string_pretty(&doc).unwrap_or_default();
        let first = a.lines().zip(b.lines()).position(|(x, y)| x != y);
        panic!(
            "IR differs; first differing line {first:?}\n--- page ---\n{a}\n--- openapi ---\n{b}"
        );
    }
}

#[test]
fn seed_ir_snapshot() {
    let api = lower_sources(
        &spec_config(),
        &relative_sources(&repo_root().join("spec/create-skill-version.md")),
    )
    .expect("seed lowers");
    insta::assert_yaml_snapshot!("seed", api);
}

/// The whole Skills API as shipped: reviewers see each list's pagination convention here.
#[test]
fn skills_ir_snapshot() {
    let api = lower_sources(&spec_config(), &relative_sources(&repo_root().join("spec")))
        .expect("spec/ lowers");
    insta::assert_yaml_snapshot!("skills", api);
}

#[test]
fn construct_ir_snapshots() {
    let dir = fixtures().join("constructs");
    let names = tests::fixture_specs(&dir);
    assert!(
        names.len() >= 10,
        "expected at least 10 construct fixtures, found {}",
        names.len()
    );
    for path in names {
        let name = path
            .file_stem()
            .and_then(|s| s.to_str())
            .expect("utf-8 name")
            .to_string();
        let api = lower_sources(
            &tests::fixture_config(&path, "fixture"),
            &relative_sources(&path),
        )
        .unwrap_or_else(|d| panic!("{name} lowers: {d}"));
        insta::assert_yaml_snapshot!(format!("construct-{name}"), api);
    }
}

/// A schema that takes its base's members through `allOf` and names its own beside it, with no
/// `type` (Azure's habit), has both: the base's `nextLink`, which pages the list, and its own
/// `value`; a `required` of its own makes the base's member required.
#[test]
fn untyped_all_of_parents_keep_their_own_and_their_bases_members() {
    let api = lowered("inherited-members.yaml");
    let fields = |name: &str| -> Vec<(String, bool)> {
        let TypeKind::Struct { fields, .. } = kind(&api, name) else {
            panic!("{name} is not a struct: {:?}", kind(&api, name));
        };
        fields
            .iter()
            .map(|f| (f.wire_name.clone(), f.required))
            .collect()
    };
    let owned = |v: &[(&str, bool)]| -> Vec<(String, bool)> {
        v.iter().map(|(n, r)| (n.to_string(), *r)).collect()
    };
    assert_eq!(
        fields("AclList"),
        owned(&[("nextLink", false), ("value", false)])
    );
    assert_eq!(fields("Acl"), owned(&[("id", true), ("principal", false)]));
    let list = &api.operations[0];
    let paging = list
        .pagination
        .as_ref()
        .expect("the list pages by its inherited link");
    assert_eq!(paging.describe(), "value: url <- nextLink");
}

#[test]
fn unions_beside_members_they_all_define_stay_unions() {
    let api = lowered("request-samples.yaml");
    let kind = |name: &str| kind(&api, name);
    // Telnyx: `type: object` and `required: [record_type]` beside a discriminated `oneOf`.
    let TypeKind::TaggedUnion(record) = kind("DetailRecord") else {
        panic!(
            "DetailRecord is not a tagged union: {:?}",
            kind("DetailRecord")
        );
    };
    let tags: Vec<&str> = record.variants.iter().map(|v| v.tag.as_str()).collect();
    assert_eq!(
        (record.property.as_str(), tags),
        ("record_type", vec!["address", "mail"])
    );
    // Vercel: `properties: {type}` and `required: [type]` beside an `anyOf` of record kinds.
    let TypeKind::Untagged { variants } = kind("CreateGroupRecordBody") else {
        panic!(
            "the body is not a union: {:?}",
            kind("CreateGroupRecordBody")
        );
    };
    assert_eq!(variants.len(), 2);
    let TypeKind::Struct { fields, .. } = kind("CreateGroupRecordBodyMx") else {
        panic!("the MX record is not a struct");
    };
    let mut required: Vec<&str> = fields
        .iter()
        .filter(|f| f.required)
        .map(|f| f.wire_name.as_str())
        .collect();
    required.sort();
    // The parent's `required: [type]` moved into the member, beside its own.
    assert_eq!(required, ["name", "priority", "type", "value"]);
    // A multipart form of such a union: its tag field takes each member's value.
    let TypeKind::Enum { variants } = kind("CreateGroupMenuItemCategory") else {
        panic!(
            "the form's tag is not an enum: {:?}",
            kind("CreateGroupMenuItemCategory")
        );
    };
    let values: Vec<&str> = variants.iter().map(|v| v.wire_name.as_str()).collect();
    assert_eq!(values, ["beverage", "dessert"]);
}

#[test]
fn a_json_entry_without_a_schema_reads_its_siblings_schema() {
    let api = lowered("request-samples.yaml");
    // Zuora: `application/json; charset=utf-8` holds the schema; OSF: `*/*` does.
    for id in ["listGroupCodes", "listGroupAddons"] {
        let op = api
            .operations
            .iter()
            .find(|o| o.id == id)
            .unwrap_or_else(|| panic!("no operation {id}"));
        let content = op.success.as_ref().map(|s| &s.content);
        assert!(
            matches!(content, Some(generator::ir::ResponseContent::Json(ty)) if *ty != generator::ir::TypeRef::Any),
            "{id} answers {content:?}"
        );
    }
}

#[test]
fn typed_additional_properties_without_a_type_are_a_map() {
    let api = lowered("request-samples.yaml");
    // Amadeus' dictionaries leave out `type: object`.
    assert_eq!(
        kind(&api, "AircraftEntry"),
        &TypeKind::Alias(TypeRef::Map(Box::new(TypeRef::String)))
    );
}

#[test]
fn an_object_part_is_json_unless_its_encoding_says_otherwise() {
    let api = lowered("multipart-parts.yaml");
    let op = api
        .operations
        .iter()
        .find(|o| o.id == "createPodcast")
        .expect("the upload");
    let Some(generator::ir::Body::Multipart { parts, .. }) = &op.body else {
        panic!("not a multipart body: {:?}", op.body);
    };
    let types: Vec<(&str, Option<&str>)> = parts
        .iter()
        .map(|p| (p.wire_name.as_str(), p.content_type.as_deref()))
        .collect();
    assert_eq!(
        types,
        [
            ("file_logo", None),
            ("podcast", Some("application/json")),
            ("tags", Some("application/json")),
            ("settings", Some("application/json")),
            ("title", None),
            ("keywords", None),
            ("notes", Some("text/markdown")),
            // `text/plain` first: the object's JSON goes as plain text, as the document asks.
            ("summary", None),
            // Not a media type: the default for a string, plain text.
            ("legacy", None),
        ]
    );
    let warned: Vec<String> = api.warnings.iter().map(ToString::to_string).collect();
    assert!(
        warned.iter().any(|w| w.contains(
            "paths./podcasts.post.requestBody.content.multipart/form-data.encoding.legacy.contentType"
        ) && w.contains("`contentType: markdown` names no one media type")),
        "{warned:#?}"
    );
}
