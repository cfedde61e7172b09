//! The document's component schemas, copied before a pass rewrites the document, and the local
//! references into them.

use serde_json::{Map, Value};

pub struct ComponentSchemas(Map<String, Value>);

impl ComponentSchemas {
    pub fn of(doc: &Value) -> Self {
        Self(
            doc.pointer("/components/schemas")
                .and_then(Value::as_object)
                .cloned()
                .unwrap_or_default(),
        )
    }

    /// The schema `#/components/schemas/<name>` names; `None` for any other reference.
    pub fn target(&self, reference: &str) -> Option<&Value> {
        reference
            .strip_prefix("#/components/schemas/")
            .and_then(|name| self.0.get(name))
    }
}
