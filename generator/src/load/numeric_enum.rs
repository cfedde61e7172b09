//! `type: integer` or `type: number` with its enum written as strings of digits. Bungie's Destiny
//! enums (155 schemas), WhatsApp's `shards` and `day_of_week`, Trakt's `rating` and EPA's `p_cs`
//! declare a number and list `"1"`, `"2"`: the openapiv3 model cannot hold such an enum on a
//! number, so the generator made a string type, and the client sent `"1"` where the server takes
//! `1` and could not read the `1` the server sends. Values that all read as numbers of the
//! declared type are those numbers (in the enum and a `default`). An enum of names on a number
//! (Probely's `"created"`, Visual Studio's `"0 (User)"`) leaves two readings, and stays.

use serde_json::{Map, Number, Value};

pub fn numeric_enum(m: &mut Map<String, Value>) {
    let integer = match m.get("type").and_then(Value::as_str) {
        Some("integer") => true,
        Some("number") => false,
        _ => return,
    };
    let Some(Value::Array(values)) = m.get("enum") else {
        return;
    };
    if !values.iter().any(Value::is_string) {
        return;
    }
    let Some(numbers) = values
        .iter()
        .map(|v| as_number(v, integer))
        .collect::<Option<Vec<Value>>>()
    else {
        return;
    };
    m.insert("enum".into(), Value::Array(numbers));
    if let Some(number) = m.get("default").and_then(|d| as_number(d, integer)) {
        m.insert("default".into(), number);
    }
}

/// The value as a JSON number of the declared type: a number or `null` as it is, a string of one
/// as that number; `None` for anything else.
fn as_number(v: &Value, integer: bool) -> Option<Value> {
    match v {
        Value::Null => Some(Value::Null),
        Value::Number(n) if !integer || n.is_i64() || n.is_u64() => Some(v.clone()),
        Value::String(s) => {
            let s = s.trim();
            match s.parse::<i64>() {
                Ok(n) => Some(Value::Number(n.into())),
                Err(_) if integer => None,
                Err(_) => s
                    .parse::<f64>()
                    .ok()
                    .and_then(Number::from_f64)
                    .map(Value::Number),
            }
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn normalized(v: Value) -> Value {
        crate::load::on_schema(numeric_enum, v)
    }

    #[test]
    fn digits_on_a_number_are_numbers() {
        let shards = json!({"type": "integer", "format": "int32", "enum": ["1", "2", "16"],
            "default": "1"});
        assert_eq!(
            normalized(shards),
            json!({"type": "integer", "format": "int32", "enum": [1, 2, 16], "default": 1})
        );
        let scale = json!({"type": "number", "enum": ["2", "2.5", null]});
        assert_eq!(
            normalized(scale),
            json!({"type": "number", "enum": [2, 2.5, null]})
        );
    }

    #[test]
    fn names_and_other_types_stay() {
        for v in [
            json!({"type": "integer", "enum": ["created", "comment"]}),
            json!({"type": "integer", "enum": ["0 (User)", "1 (Organization)"]}),
            json!({"type": "integer", "enum": ["1", "2.5"]}),
            json!({"type": "integer", "enum": [1, 2]}),
            json!({"type": "string", "enum": ["1", "2"]}),
            json!({"type": "number", "enum": ["NaN"]}),
        ] {
            assert_eq!(normalized(v.clone()), v);
        }
    }
}
