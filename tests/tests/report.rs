//! The change report's verdicts, on pairs of specs: one edit each, and the semver level and
//! change it must give. Rust source compatibility decides the verdict; `?` and the wire notes are
//! checked where a rule gives one.

use generator::report::{Level, compare};
use generator::{Config, SpecSource, generate};
use tests::changes::{self, DOCUMENT, Form};

fn files(specs: &[SpecSource]) -> std::collections::BTreeMap<String, String> {
    generate(&Config::minimal("pets"), specs)
        .unwrap_or_else(|d| panic!("{d}"))
        .files
}

fn edit(from: &str, to: &str) -> Vec<SpecSource> {
    assert!(DOCUMENT.contains(from), "the base spec holds {from:?}");
    vec![SpecSource::new("pets.yaml", DOCUMENT.replacen(from, to, 1))]
}

#[test]
fn each_rule_gives_its_verdict() {
    let cases = changes::cases();
    assert!(cases.len() >= 40, "{}", cases.len());
    let mut seen = std::collections::BTreeSet::new();
    for form in [Form::Document, Form::Pages] {
        let base = files(&changes::base(form));
        for case in cases.iter().filter(|c| c.form == form) {
            assert!(seen.insert(case.slug()), "two cases named {}", case.slug());
            let after = files(&case.after);
            let other = after
                .iter()
                .any(|(rel, text)| rel != "API.md" && base.get(rel) != Some(text));
            let report = compare(&base["API.md"], &after["API.md"], other);
            let name = case.slug();
            assert_eq!(report.verdict(), case.level, "{name}: {report:#?}");
            if case.change.is_empty() {
                assert!(report.changes.is_empty(), "{name}: {report:#?}");
            } else {
                assert!(
                    report.changes.iter().any(|c| c.what.contains(case.change)),
                    "{name}: no change says {:?}: {report:#?}",
                    case.change
                );
            }
        }
    }
}

#[test]
fn a_rename_leaves_the_wire_alone() {
    let before = files(&changes::base(Form::Document));
    let renamed = DOCUMENT
        .replacen(
            "$ref: '#/components/schemas/Toy'",
            "$ref: '#/components/schemas/Plaything'",
            1,
        )
        .replacen("    Toy:\n", "    Plaything:\n", 1);
    let after = files(&[SpecSource::new("pets.yaml", renamed)]);
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
    assert!(
        report.changes[0]
            .wire
            .as_deref()
            .is_some_and(|w| w.contains("decode `tag` as"))
    );
}

#[test]
fn the_report_ends_with_the_verdict_and_the_version_to_ship() {
    let before = files(&changes::base(Form::Document));
    let after = files(&edit("required: [id, name]", "required: [id]"));
    let report = compare(&before["API.md"], &after["API.md"], true);
    let text = report.markdown(&semver::Version::new(1, 4, 2));
    assert!(
        text.trim_end()
            .ends_with("semver: major (suggested version: 2.0.0, after 1.4.2)"),
        "{text}"
    );
    assert!(
        text.contains(
            "| 1.4.2 and earlier: published crates require a `name`: responses where it is \
             missing or null no longer decode |"
        ),
        "the wire note names the versions it is about: {text}"
    );
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
    assert!(
        same.markdown(&semver::Version::new(1, 0, 0))
            .contains("Nothing changed.")
    );
}

#[test]
fn features_come_and_go_one_by_one() {
    let listing = |features: &[&str]| {
        let full: Vec<String> = features.iter().map(|f| format!("\"{f}\"")).collect();
        let mut lines = vec![format!(
            "feature `default = [\"full\"]`, `full = [{}]`",
            full.join(", ")
        )];
        lines.extend(features.iter().map(|f| format!("feature `{f}`")));
        format!("# x: public API\n\n```text\n{}\n```\n", lines.join("\n"))
    };
    let added = compare(&listing(&["pets"]), &listing(&["pets", "toys"]), true);
    assert_eq!(added.verdict(), Level::Minor, "{added:#?}");
    assert_eq!(added.changes.len(), 1, "only the new feature: {added:#?}");
    let removed = compare(&listing(&["pets", "toys"]), &listing(&["pets"]), true);
    assert_eq!(removed.verdict(), Level::Major, "{removed:#?}");
    assert_eq!(removed.changes[0].item, "toys");
}

#[test]
fn a_listing_from_before_constructor_lines_is_not_a_change() {
    let now = files(&changes::base(Form::Document))["API.md"].clone();
    let older: String = now
        .lines()
        .filter(|l| !l.contains(" built `"))
        .map(|l| format!("{l}\n"))
        .collect();
    assert_ne!(older, now, "the listing has constructor lines");
    let report = compare(&older, &now, false);
    assert!(report.changes.is_empty(), "{report:#?}");
    assert_eq!(report.verdict(), Level::None);
}

#[test]
fn each_operation_finding_names_its_rust_call() {
    let base = files(&changes::base(Form::Document));
    let limit = "        - {name: limit, in: query, schema: {type: integer}}";
    let after = files(&edit(
        limit,
        "        - {name: limit, in: query, required: true, schema: {type: integer}}",
    ));
    let report = compare(&base["API.md"], &after["API.md"], true);
    let change = report
        .changes
        .iter()
        .find(|c| c.item == "GET /pets")
        .unwrap_or_else(|| panic!("{report:#?}"));
    // A required query parameter is a positional argument, so the call shows it.
    assert_eq!(
        change.call.as_deref(),
        Some("client.pets().list(limit, owner)")
    );
    let markdown = report.markdown(&semver::Version::new(1, 0, 0));
    assert!(
        markdown.contains("| `client.pets().list(limit, owner)` (`GET /pets`) |"),
        "{markdown}"
    );

    // Path and required parameters show by name; a type finding has no call.
    let get_pet = "      operationId: getPet\n      parameters:\n        - {name: id, in: path, required: true, schema: {type: string}}\n";
    let after = files(&edit(
        get_pet,
        &format!(
            "{get_pet}        - {{name: verbose, in: query, required: true, schema: {{type: boolean}}}}\n"
        ),
    ));
    let report = compare(&base["API.md"], &after["API.md"], true);
    let calls: Vec<_> = report.changes.iter().map(|c| c.call.as_deref()).collect();
    assert!(
        calls.contains(&Some("client.pets().retrieve(id, verbose)")),
        "{report:#?}"
    );
    let tag = compare(
        &base["API.md"],
        &files(&edit("required: [id, name]", "required: [id, name, tag]"))["API.md"],
        true,
    );
    assert!(
        tag.changes
            .iter()
            .all(|c| c.call.is_none() && c.item.starts_with("types::")),
        "{tag:#?}"
    );
}

#[test]
fn a_merged_type_names_the_type_it_went_into() {
    // `getPet` answers with an inline copy of `Ball`: one type, `Ball`. The listing before is the
    // same crate as a generator that kept the copy apart printed it, as `GetPetResponse`.
    let spec = DOCUMENT.replacen(
        "              schema: {$ref: '#/components/schemas/Pet'}\ncomponents:",
        "              schema: {type: object, properties: {size: {type: integer}}}\ncomponents:",
        1,
    );
    let after = files(&[SpecSource::new("pets.yaml", spec)])["API.md"].clone();
    assert!(
        !after.contains("GetPetResponse"),
        "the copy is merged: {after}"
    );
    let mut before = String::new();
    for line in after.lines() {
        if line.starts_with("op `GET /pets/{id}` call") {
            assert!(line.contains("-> `types::Ball`"), "{line}");
            before.push_str(&line.replace("types::Ball", "types::GetPetResponse"));
        } else {
            before.push_str(line);
        }
        before.push('\n');
        if line.starts_with("type `types::Ball`") {
            before.push_str(&line.replace("types::Ball", "types::GetPetResponse"));
            before.push('\n');
        }
    }
    let report = compare(&before, &after, true);
    let merged = report
        .changes
        .iter()
        .find(|c| c.item == "types::GetPetResponse")
        .expect("the copy's finding");
    assert!(
        merged.what.contains("merged into `types::Ball`"),
        "{merged:#?}"
    );
    assert_eq!(merged.rust, Level::Major);
    assert_eq!(
        merged.wire.as_deref(),
        Some("unaffected: the JSON is the same")
    );
}
