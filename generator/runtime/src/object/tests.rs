//! The hand-written decoding against serde's derive on the same struct: every input decodes to
//! the same value or fails with the same message and path.

use super::*;

/// The struct with serde's derive. Its name is its twin's, so that their messages compare.
mod derived {
    use super::Extra;

    #[derive(Debug, Clone, PartialEq, serde::Deserialize)]
    pub struct Generated {
        pub id: String,
        pub count: Option<i64>,
        #[serde(default)]
        pub tags: Option<Vec<String>>,
        #[serde(rename = "type")]
        pub kind: String,
        #[serde(default)]
        pub child: Option<Box<Generated>>,
        #[serde(flatten)]
        pub extra: Extra,
    }
}
use derived::Generated as Derived;

/// The same struct, decoded as the generated code decodes it.
#[derive(Debug, Clone, PartialEq)]
struct Generated {
    id: String,
    count: Option<i64>,
    tags: Option<Vec<String>>,
    kind: String,
    child: Option<Box<Generated>>,
    extra: Extra,
}

// Written as the generated code writes it.
impl_deserialize!(Generated {
    id: "id",
    count: "count",
    tags: "tags",
    kind: "type",
    child: "child",
    ..extra
});

/// A struct with no named members keeps every member.
#[derive(Debug, PartialEq)]
struct Anything {
    rest: Extra,
}

impl_deserialize!(Anything { ..rest });

impl From<Derived> for Generated {
    fn from(d: Derived) -> Self {
        Self {
            id: d.id,
            count: d.count,
            tags: d.tags,
            kind: d.kind,
            child: d.child.map(|c| Box::new(Generated::from(*c))),
            extra: d.extra,
        }
    }
}

const INPUTS: &[&str] = &[
    r#"{"id": "a", "count": 1, "tags": ["x"], "type": "t", "child": null}"#,
    r#"{"id": "a", "count": null, "type": "t"}"#,
    r#"{"id": "a", "type": "t"}"#,
    r#"{"type": "t", "count": 2}"#,
    r#"{"id": "a", "type": "t", "tags": null, "child": {"id": "b", "type": "u", "z": [1, {"q": 2}]}}"#,
    r#"{"id": "a", "type": "t", "surprise": {"k": 1}, "more": "v", "surprise": 3}"#,
    r#"{"id": "a", "id": "b", "type": "t"}"#,
    r#"{"id": 5, "type": "t"}"#,
    r#"{"id": "a", "type": "t", "child": {"id": "b", "type": 7}}"#,
    r#"{"id": "a", "type": "t", "tags": [1]}"#,
    r#"{"i\u0064": "escaped", "type": "t"}"#,
    r#"{"id": "a", "type": "t""#,
    r#"{"id": "a", "type": "t", "child": {"id": "b"}}"#,
    r#"[1, 2]"#,
    r#"1"#,
    r#"null"#,
    r#"{}"#,
];

fn both(input: &str) -> (Result<Generated, String>, Result<Generated, String>) {
    let derived = serde_json::from_str::<Derived>(input)
        .map(Generated::from)
        .map_err(|e| e.to_string());
    let generated = serde_json::from_str::<Generated>(input).map_err(|e| e.to_string());
    (derived, generated)
}

#[test]
fn every_input_decodes_as_serde_derive_decodes_it() {
    for input in INPUTS {
        let (derived, generated) = both(input);
        assert_eq!(generated, derived, "input {input}");
    }
}

#[test]
fn errors_carry_the_same_path() {
    for input in INPUTS {
        let path = |r: Result<(), serde_path_to_error::Error<serde_json::Error>>| {
            r.err().map(|e| e.path().to_string())
        };
        let derived = path(
            serde_path_to_error::deserialize::<_, Derived>(
                &mut serde_json::Deserializer::from_str(input),
            )
            .map(drop),
        );
        let generated = path(
            serde_path_to_error::deserialize::<_, Generated>(
                &mut serde_json::Deserializer::from_str(input),
            )
            .map(drop),
        );
        assert_eq!(generated, derived, "input {input}");
    }
    // The paths name the member, so the comparison above is not between two empty paths.
    let err = serde_path_to_error::deserialize::<_, Generated>(
        &mut serde_json::Deserializer::from_str(INPUTS[8]),
    )
    .unwrap_err();
    assert_eq!(err.path().to_string(), "child.type");
}

#[test]
fn values_decode_as_text_does() {
    for input in INPUTS {
        let Ok(value) = serde_json::from_str::<serde_json::Value>(input) else {
            continue;
        };
        let derived = serde_json::from_value::<Derived>(value.clone())
            .map(Generated::from)
            .map_err(|e| e.to_string());
        let generated = serde_json::from_value::<Generated>(value).map_err(|e| e.to_string());
        assert_eq!(generated, derived, "input {input}");
    }
}

#[test]
fn unknown_members_are_kept_in_order() {
    let pet: Generated =
        serde_json::from_str(r#"{"z": 1, "id": "a", "a": 2, "type": "t"}"#).unwrap();
    assert_eq!(pet.extra.keys().collect::<Vec<_>>(), ["z", "a"]);
}

#[test]
fn a_struct_with_no_named_members_keeps_them_all() {
    let any: Anything = serde_json::from_str(r#"{"b": 1, "a": [2]}"#).unwrap();
    assert_eq!(any.rest.keys().collect::<Vec<_>>(), ["b", "a"]);
    let err = serde_json::from_str::<Anything>("[1]")
        .unwrap_err()
        .to_string();
    assert!(err.contains("expected struct Anything"), "{err}");
}

/// Members named like the expansion's own locals (`map`, `key`, `d`).
#[derive(Debug, PartialEq)]
struct Shadowing {
    map: String,
    key: Option<i64>,
    d: bool,
    rest: Extra,
}

impl_deserialize!(Shadowing {
    map: "map",
    key: "key",
    d: "d",
    ..rest
});

#[test]
fn members_named_like_the_macros_locals_decode() {
    let value: Shadowing =
        serde_json::from_str(r#"{"key": 7, "map": "m", "d": true, "other": 1}"#).unwrap();
    assert_eq!(
        value,
        Shadowing {
            map: "m".into(),
            key: Some(7),
            d: true,
            rest: [("other".to_string(), serde_json::json!(1))]
                .into_iter()
                .collect(),
        }
    );
}
