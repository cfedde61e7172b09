use super::*;

#[derive(Debug, PartialEq)]
struct Tag;
impl<'de> serde::Deserialize<'de> for Tag {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        constant(d, "message").map(|()| Tag)
    }
}

#[derive(Debug, PartialEq)]
enum Color {
    Red,
    Other(String),
}
impl<'de> serde::Deserialize<'de> for Color {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        with_str(d, "a string", |s| {
            Ok(match s {
                "red" => Color::Red,
                other => Color::Other(other.to_string()),
            })
        })
    }
}

#[test]
fn constants_accept_their_value_only() {
    assert_eq!(serde_json::from_str::<Tag>(r#""message""#).unwrap(), Tag);
    let err = serde_json::from_str::<Tag>(r#""error""#)
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("\"error\"") && err.contains("message"),
        "{err}"
    );
    assert!(serde_json::from_str::<Tag>("1").is_err());
    // Escaped strings arrive owned, not borrowed; both work.
    assert_eq!(
        serde_json::from_str::<Tag>(r#""mess\u0061ge""#).unwrap(),
        Tag
    );
}

#[test]
fn enums_keep_values_they_do_not_know() {
    assert_eq!(
        serde_json::from_str::<Color>(r#""red""#).unwrap(),
        Color::Red
    );
    assert_eq!(
        serde_json::from_str::<Color>(r#""teal""#).unwrap(),
        Color::Other("teal".into())
    );
    assert!(serde_json::from_str::<Color>("null").is_err());
    // Inside an internally tagged union serde buffers the value first; that path works too.
    let v: serde_json::Value = serde_json::json!("red");
    assert_eq!(serde_json::from_value::<Color>(v).unwrap(), Color::Red);
}
