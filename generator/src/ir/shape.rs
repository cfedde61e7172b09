//! The crate's shape: what every printer (the Rust crate, its listing, README and tests, and later a
//! CLI or an MCP server) needs beyond the operations and types. `lower::shape` decides it once;
//! printers only read it.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use super::TypeRef;

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Shape {
    /// The resource handles below the client, parents before children, siblings by name.
    pub handles: Vec<Handle>,
    /// Struct members and union variants (`(owner, member)`) that must be boxed because they lead
    /// back to their own type. An empty member marks an alias that expands to itself, which is a
    /// newtype struct rather than a `type` alias.
    pub boxed: BTreeSet<(String, String)>,
    /// Cargo features, one per top-level resource, and the types each gates.
    pub features: Features,
    /// The error body most operations share: `Error` without a parameter means it.
    pub default_error: TypeRef,
    /// Headers the client sends on every request, from the configuration.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub headers: Vec<ClientHeader>,
}

impl Shape {
    pub fn is_boxed(&self, owner: &str, member: &str) -> bool {
        self.boxed
            .contains(&(owner.to_string(), member.to_string()))
    }
}

/// A resource handle, e.g. `client.skills().versions()`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Handle {
    /// The resource names from the client (`["skills", "versions"]`), as operations'
    /// `resource` holds them.
    pub path: Vec<String>,
    /// The handle's Rust type (`SkillsVersions`).
    pub rust_name: String,
    /// The method on its parent (the client or a handle) that returns it.
    pub accessor: String,
    /// The Cargo feature that gates it, if the crate has features.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub feature: Option<String>,
}

/// How users reach an operation: accessor methods from the client, then the operation's method,
/// which returns its request builder.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Call {
    /// Accessor methods from the client (`["skills", "versions"]`).
    pub handles: Vec<String>,
    /// The operation's method on the last handle (`create`).
    pub method: String,
    /// The request builder's Rust type (`CreateSkillVersionRequest`).
    pub builder: String,
    /// The Rust type of the operation's parameters, which the builder holds
    /// (`CreateSkillVersionParams`).
    pub params: String,
    /// The Cargo feature that gates it, if the crate has features.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub feature: Option<String>,
}

impl Call {
    /// The chain as Rust text after `client`: `.skills().versions().create`.
    pub fn chain(&self) -> String {
        let mut text: String = self.handles.iter().map(|h| format!(".{h}()")).collect();
        text.push('.');
        text.push_str(&self.method);
        text
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Features {
    /// The feature of each top-level resource; empty when the crate has no features.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub resources: BTreeMap<String, String>,
    /// The features that need each gated type; a type not here is always compiled.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub types: BTreeMap<String, BTreeSet<String>>,
}

impl Features {
    /// The feature names, sorted; empty when the crate has no features.
    pub fn names(&self) -> Vec<String> {
        let names: BTreeSet<&String> = self.resources.values().collect();
        names.into_iter().cloned().collect()
    }

    /// The feature of a top-level resource.
    pub fn of_resource(&self, top: Option<&String>) -> Option<&String> {
        top.and_then(|t| self.resources.get(t))
    }
}

/// A header the client sends on every request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ClientHeader {
    pub name: String,
    /// Read by `Client::from_env()`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub env: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub default: Option<String>,
    /// A credential: redacted in `Debug` and required by `from_env()`.
    pub secret: bool,
}
