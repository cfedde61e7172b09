//! What an operation's code samples show about the wire. OpenAPI sends each item of an array
//! property of a multipart body as a part named after the property (`file`), and a validating
//! server wants that name. Some servers want `files[]` instead (PHP's and Rails' way, and the
//! Anthropic SDKs'); a document cannot say so in its schema, but its curl sample can
//! (`-F "files[]=@SKILL.md"`, in `x-codeSamples`, which Mintlify's `codeSamples` become).

use std::collections::BTreeSet;

use openapiv3::Operation;

/// The form fields the operation's code samples send with `[]` after the name.
pub(super) fn bracketed_fields(op: &Operation) -> BTreeSet<String> {
    let mut fields = BTreeSet::new();
    for key in ["x-codeSamples", "x-code-samples"] {
        let Some(serde_json::Value::Array(samples)) = op.extensions.get(key) else {
            continue;
        };
        for source in samples
            .iter()
            .filter_map(|s| s.get("source").and_then(serde_json::Value::as_str))
        {
            for (at, _) in source.match_indices("[]=") {
                let name: String = source[..at]
                    .chars()
                    .rev()
                    .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
                    .collect::<Vec<_>>()
                    .into_iter()
                    .rev()
                    .collect();
                if !name.is_empty() {
                    fields.insert(name);
                }
            }
        }
    }
    fields
}

#[cfg(test)]
mod tests {
    use super::*;

    fn op(extensions: serde_json::Value) -> Operation {
        let mut op = serde_json::json!({"responses": {}});
        op.as_object_mut()
            .expect("object")
            .extend(extensions.as_object().expect("object").clone());
        serde_json::from_value(op).expect("operation")
    }

    #[test]
    fn curl_samples_name_the_bracketed_fields() {
        let seed = op(serde_json::json!({"x-codeSamples": [
            {"lang": "bash", "source": "curl -X POST https://api.example.com \\\n  -F \"files[]=@a/SKILL.md;filename=a/SKILL.md\" \\\n  -F 'tags[]=x' -F \"name=n\""},
            {"lang": "python", "source": "client.create(files=[open('a', 'rb')])"}
        ]}));
        assert_eq!(
            bracketed_fields(&seed),
            BTreeSet::from(["files".to_string(), "tags".to_string()])
        );
        let dashed = op(serde_json::json!({"x-code-samples": [
            {"lang": "curl", "source": "curl -F file[]=@a.png"}
        ]}));
        assert_eq!(
            bracketed_fields(&dashed),
            BTreeSet::from(["file".to_string()])
        );
        assert!(bracketed_fields(&op(serde_json::json!({}))).is_empty());
        let plain = op(
            serde_json::json!({"x-codeSamples": [{"lang": "bash", "source": "curl -F file=@a.png"}]}),
        );
        assert!(bracketed_fields(&plain).is_empty());
    }
}
