use std::collections::BTreeMap;

use serde::Deserialize;
use serde_json::{Value, json};

use super::Lenient;

#[derive(Debug, Deserialize, PartialEq)]
struct Counts {
    total: i64,
    pages: u32,
    ratio: f64,
    scores: Vec<i32>,
    by_day: BTreeMap<String, u8>,
    limit: Option<u64>,
    offset: Option<i16>,
    nested: Option<Box<Counts>>,
    extra: Value,
}

fn lenient<T: for<'de> Deserialize<'de>>(text: &str) -> Result<T, String> {
    let mut de = serde_json::Deserializer::from_str(text);
    T::deserialize(Lenient(&mut de)).map_err(|e| e.to_string())
}

#[test]
fn integral_floats_read_as_the_integers_a_type_asks_for() {
    let text = r#"{"total": 3.0, "pages": 1e3, "ratio": 2.0, "scores": [1.0, -2.0, 3],
        "by_day": {"mon": 7.0}, "limit": 18446744073709549568.0, "offset": -0.0,
        "nested": {"total": -9007199254740992.0, "pages": 0, "ratio": 0.5, "scores": [],
            "by_day": {}, "limit": null, "offset": null, "nested": null, "extra": 1},
        "extra": {"kept": 3.0, "list": [1.0]}}"#;
    let counts: Counts = lenient(text).expect("reads");
    assert_eq!(counts.total, 3);
    assert_eq!(counts.pages, 1000);
    assert_eq!(counts.ratio, 2.0);
    assert_eq!(counts.scores, [1, -2, 3]);
    assert_eq!(counts.by_day["mon"], 7);
    assert_eq!(counts.limit, Some(18_446_744_073_709_549_568));
    assert_eq!(counts.offset, Some(0));
    assert_eq!(counts.nested.expect("nested").total, -9_007_199_254_740_992);
    // A value of any type keeps the float as written.
    assert_eq!(counts.extra, json!({"kept": 3.0, "list": [1.0]}));
    assert!(counts.extra["kept"].is_f64());
    // Strict serde refuses the same body, which is why this exists.
    assert!(serde_json::from_str::<Counts>(text).is_err());
}

#[test]
fn floats_that_are_not_integers_stay_errors() {
    for (text, expected) in [
        ("2.5", "invalid type: floating point `2.5`, expected i64"),
        (
            "-9.3e18",
            "invalid type: floating point `-9.3e+18`, expected i64",
        ),
        // An integer, but out of the type's range: the range error names it.
        (
            "1e19",
            "invalid value: integer `10000000000000000000`, expected i64",
        ),
    ] {
        let err = lenient::<i64>(text).unwrap_err();
        assert!(err.starts_with(expected), "{text}: {err}");
    }
    // Fits the float conversion but not the type: the type's own range error.
    for (err, expected) in [
        (
            lenient::<u8>("300.0").map(u32::from),
            "invalid value: integer `300`, expected u8",
        ),
        (
            lenient::<u32>("-1.0"),
            "invalid value: integer `-1`, expected u32",
        ),
    ] {
        let err = err.unwrap_err();
        assert!(err.starts_with(expected), "{err}");
    }
    assert!(lenient::<u64>("1.8446744073709552e19").is_err());
}

#[test]
fn everything_else_reads_as_strict_serde_reads_it() {
    #[derive(Debug, Deserialize, PartialEq)]
    enum Plain {
        Unit,
        Pair(u8, String),
        Named { id: u32 },
    }
    assert_eq!(
        lenient::<Vec<Plain>>(r#"["Unit", {"Pair": [2.0, "b"]}, {"Named": {"id": 5.0}}]"#).unwrap(),
        [
            Plain::Unit,
            Plain::Pair(2, "b".into()),
            Plain::Named { id: 5 }
        ]
    );
    let value: Value = lenient(r#"{"a": [1, 2.0, "x", null, true], "b": -0.0}"#).unwrap();
    assert_eq!(value.to_string(), r#"{"a":[1,2.0,"x",null,true],"b":-0.0}"#);
    assert_eq!(lenient::<String>(r#""3.0""#).unwrap(), "3.0");
    let err = lenient::<i64>(r#""3""#).unwrap_err();
    assert!(
        err.starts_with("invalid type: string \"3\", expected i64"),
        "{err}"
    );
}

#[test]
fn a_value_read_first_reads_leniently_after() {
    #[derive(Debug, Deserialize, PartialEq)]
    struct Tick {
        n: u16,
    }
    let value = json!({"n": 4.0});
    assert_eq!(super::from_value::<Tick>(value).unwrap(), Tick { n: 4 });
    let err = super::from_value::<Tick>(json!({"n": 4.5})).unwrap_err();
    assert!(
        err.to_string()
            .starts_with("invalid type: floating point `4.5`"),
        "{err}"
    );
}

/// A struct as the generated code writes it: its members read through the runtime's `object`.
#[derive(Debug, PartialEq)]
struct Generated {
    count: i64,
    sizes: Option<Vec<u32>>,
    child: Option<Box<Generated>>,
    extra: crate::runtime::object::Extra,
}

crate::runtime::object::impl_deserialize!(Generated {
    count: "count",
    sizes: "sizes",
    child: "child",
    ..extra
});

#[test]
fn generated_structs_read_integral_floats_and_keep_unknown_members_as_sent() {
    let body = br#"{"count": 2.0, "sizes": [1.0, 2], "child": {"count": 1e2, "ratio": 1.0},
        "seen": 5.0}"#;
    let decoded: Generated = crate::runtime::request::decode(body).expect("decodes");
    assert_eq!(decoded.count, 2);
    assert_eq!(decoded.sizes, Some(vec![1, 2]));
    let child = decoded.child.expect("child");
    assert_eq!(child.count, 100);
    assert_eq!(child.extra["ratio"], json!(1.0));
    assert!(decoded.extra["seen"].is_f64());
    let (path, message) = crate::runtime::request::decode::<Generated>(br#"{"count": 2.5}"#)
        .expect_err("a fraction is no integer");
    assert_eq!(path, "count");
    assert!(
        message.starts_with("invalid type: floating point `2.5`"),
        "{message}"
    );
}
