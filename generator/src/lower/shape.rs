//! The last step of lowering: everything a printer needs beyond operations and types, decided once
//! as plain data (`ir::Shape`, `Operation::call`), so that printers only print.

use std::collections::BTreeMap;

use crate::config::Config;
use crate::ir::{Api, ClientHeader, Handle, Operation, Shape, TypeRef};
use crate::names::{self, Scope};

/// Names the emitted `resources` module imports; its own items must not shadow them.
pub const RESERVED_TYPE_NAMES: &[&str] = &["Client", "Error", "ApiResponse", "RequestOptions"];

/// Decides the shape and each operation's call.
pub fn shape(config: &Config, api: &mut Api) {
    let suggested = super::restem::suggested(api);
    super::methods::name_methods(&mut api.operations, &api.types);
    super::restem::restem(api, &suggested);
    let default_error = default_error_type(&api.operations);
    let features = super::features::features(&api.operations, &api.types, &default_error);
    let mut boxed = super::boxing::recursive_fields(&api.types);
    boxed.extend(super::large_fields::large_fields(&api.types, &boxed));
    let handles = name_calls(&mut api.operations, &features);
    api.shape = Shape {
        handles,
        boxed,
        features,
        default_error,
        headers: config
            .client
            .headers
            .iter()
            .map(|h| ClientHeader {
                name: h.name.clone(),
                env: h.env.clone(),
                default: h.default.clone(),
                secret: h.secret,
            })
            .collect(),
    };
}

/// The error body most operations share; `Error` defaults to it.
fn default_error_type(operations: &[Operation]) -> TypeRef {
    let mut counts: BTreeMap<&TypeRef, usize> = BTreeMap::new();
    for op in operations {
        if let Some(t) = op.error.as_ref().and_then(|e| e.ty.as_ref()) {
            *counts.entry(t).or_default() += 1;
        }
    }
    // Highest count wins; ties go to the smallest type, for determinism.
    counts
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(a.0)))
        .map(|(t, _)| t.clone())
        .unwrap_or(TypeRef::Any)
}

/// A node of the resource tree: `skills` -> `versions`.
#[derive(Default)]
struct Node {
    children: BTreeMap<String, Node>,
    /// Indexes into the operations.
    ops: Vec<usize>,
}

/// Names every handle, builder, parameters type and method, and returns the handles parents first. Builders are
/// named first, in operation order, so a handle never takes a builder's name; handles and methods
/// are named depth first, siblings by name, so names are the same for the same document.
fn name_calls(operations: &mut [Operation], features: &crate::ir::Features) -> Vec<Handle> {
    let mut root = Node::default();
    for (i, op) in operations.iter().enumerate() {
        let mut node = &mut root;
        for part in &op.resource {
            node = node.children.entry(part.clone()).or_default();
        }
        node.ops.push(i);
    }
    let mut types = Scope::new();
    for r in RESERVED_TYPE_NAMES {
        types.reserve(r);
    }
    for op in operations.iter_mut() {
        op.call.builder = types.unique(format!("{}Request", op.type_stem));
    }
    let mut handles = Vec::new();
    let mut walk = Walk {
        types,
        operations,
        features,
        handles: &mut handles,
    };
    walk.node(&root, &[], &[]);
    // Named last, so that adding them renamed nothing that existed before them.
    for op in walk.operations.iter_mut() {
        op.call.params = walk.types.unique(format!("{}Params", op.type_stem));
    }
    handles
}

struct Walk<'a> {
    types: Scope,
    operations: &'a mut [Operation],
    features: &'a crate::ir::Features,
    handles: &'a mut Vec<Handle>,
}

impl Walk<'_> {
    fn node(&mut self, node: &Node, path: &[String], accessors: &[String]) {
        let feature = self.features.of_resource(path.first()).cloned();
        let mut methods = Scope::new();
        for (name, child) in &node.children {
            let mut child_path = path.to_vec();
            child_path.push(name.clone());
            // A handle named like a std type (`/result` -> `Result`) would shadow it in the
            // module that holds the handles.
            let camel = names::unshadowed(names::camel(&child_path.join("_")), "Resource");
            let rust_name = self.types.unique(camel);
            let accessor = methods.unique(names::snake(name));
            let mut child_accessors = accessors.to_vec();
            child_accessors.push(accessor.clone());
            self.handles.push(Handle {
                path: child_path.clone(),
                rust_name,
                accessor,
                feature: self.features.of_resource(child_path.first()).cloned(),
            });
            self.node(child, &child_path, &child_accessors);
        }
        for &i in &node.ops {
            let op = &mut self.operations[i];
            op.call.handles = accessors.to_vec();
            op.call.method = methods.unique(op.method_name.clone());
            op.call.feature = feature.clone();
        }
    }
}
