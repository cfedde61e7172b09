//! Operations -> resource handles and request builders (`resources.rs`), shaped like the official
//! SDKs: `client.skills().versions().create(skill_id).files(..).send().await`.

use std::collections::BTreeMap;

use proc_macro2::TokenStream;
use quote::quote;

use super::docs;
use super::features::feature_cfg;
use super::format::Item;
use super::jobs::Piece;
use super::parts::Parts;
use super::types::{ident, rust_type};
use crate::ir::{Api, Body, Handle, HttpMethod, Operation, PathSegment, ResponseContent, TypeRef};
use crate::names;

/// A node of the resource tree: `skills` -> `versions`.
#[derive(Default)]
struct Node<'a> {
    children: BTreeMap<String, Node<'a>>,
    ops: Vec<&'a Operation>,
}

/// Operations per job (see `jobs`): each is a handful of items.
const OPS_PER_PIECE: usize = 12;

/// The resource tree and what every node of it reads.
pub struct Tree<'a> {
    api: &'a Api,
    root: Node<'a>,
    /// The handles `lower` named, by resource path.
    handles: BTreeMap<&'a [String], &'a Handle>,
    krate: String,
}

impl<'a> Tree<'a> {
    pub fn new(api: &'a Api) -> Self {
        let mut root = Node::default();
        for op in &api.operations {
            let mut node = &mut root;
            for part in &op.resource {
                node = node.children.entry(part.clone()).or_default();
            }
            node.ops.push(op);
        }
        Tree {
            api,
            root,
            handles: api
                .shape
                .handles
                .iter()
                .map(|h| (h.path.as_slice(), h))
                .collect(),
            krate: api.package.name.replace('-', "_"),
        }
    }

    /// Methods on `Client`: the top-level resources' accessors and the operations at the root.
    pub fn client_methods(&self) -> TokenStream {
        let (methods, _) = self.node_parts(&self.root, &[]);
        quote!(#(#methods)*)
    }

    /// `resources.rs` as runs of items (see `jobs`): its head, then each node's request builders
    /// followed by its handle, children before parents.
    pub fn plan(&self) -> Vec<Piece<'_>> {
        let mut order = Vec::new();
        post_order(&self.root, &mut Vec::new(), &mut order);
        let mut pieces: Vec<Piece<'_>> = vec![Box::new(|| vec![Item::Code(head())])];
        let mut run: Vec<(Vec<String>, &Node<'_>)> = Vec::new();
        let mut ops = 0;
        for (path, node) in order {
            ops += node.ops.len() + 1;
            run.push((path, node));
            if ops >= OPS_PER_PIECE {
                pieces.push(self.piece(std::mem::take(&mut run)));
                ops = 0;
            }
        }
        if !run.is_empty() {
            pieces.push(self.piece(run));
        }
        pieces
    }

    fn piece<'t>(&'t self, run: Vec<(Vec<String>, &'t Node<'a>)>) -> Piece<'t> {
        Box::new(move || {
            let mut items = Vec::new();
            for (path, node) in &run {
                let (methods, builders) = self.node_parts(node, path);
                items.extend(builders.into_iter().map(Item::Code));
                if !path.is_empty() {
                    items.push(Item::Code(self.handle(path, &methods)));
                }
            }
            items
        })
    }

    /// The methods of a node's handle (its children's accessors, then its operations, in the
    /// order `lower` named them) and its operations' request builders.
    fn node_parts(&self, node: &Node<'_>, path: &[String]) -> (Vec<TokenStream>, Vec<TokenStream>) {
        let on_client = path.is_empty();
        let mut methods = Vec::new();
        for name in node.children.keys() {
            let child_path = [path, std::slice::from_ref(name)].concat();
            let handle = self.handles[child_path.as_slice()];
            let type_name = ident(&handle.rust_name);
            let accessor = ident(&handle.accessor);
            let child_cfg = feature_cfg(handle.feature.as_ref());
            let doc = format!(" The `{}` resource.", child_path.join("."));
            let resources = if on_client {
                quote!(resources::)
            } else {
                quote!()
            };
            let client = if on_client {
                quote!(self)
            } else {
                quote!(self.client)
            };
            // Handles carry the client's lifetime, not their own, so chains can be kept and built on.
            let lifetime = if on_client { quote!('_) } else { quote!('c) };
            methods.push(quote! {
                #[doc = #doc]
                #child_cfg
                pub fn #accessor(&self) -> #resources #type_name<#lifetime> { #resources #type_name::new(#client) }
            });
        }
        let mut builders = Vec::new();
        for op in &node.ops {
            let (method_tokens, builder_tokens) = emit_operation(
                op,
                on_client,
                &self.api.shape.default_error,
                &DocExample {
                    krate: &self.krate,
                    call: format!("client{}", op.call.chain()),
                },
            );
            methods.push(method_tokens);
            builders.push(builder_tokens);
        }
        (methods, builders)
    }

    /// The handle type of the resource at `path`, with its methods.
    fn handle(&self, path: &[String], methods: &[TokenStream]) -> TokenStream {
        let handle = self.handles[path];
        let type_name = ident(&handle.rust_name);
        let cfg = feature_cfg(handle.feature.as_ref());
        let doc = format!(" The `{}` resource.", path.join("."));
        quote! {
            #[doc = #doc]
            #cfg
            #[derive(Debug, Clone, Copy)]
            pub struct #type_name<'c> {
                client: &'c Client,
            }
            #cfg
            impl<'c> #type_name<'c> {
                pub(crate) fn new(client: &'c Client) -> Self { Self { client } }
                #(#methods)*
            }
        }
    }
}

/// Every node below `node` (at `path`) and then `node` itself.
fn post_order<'t, 'a>(
    node: &'t Node<'a>,
    path: &mut Vec<String>,
    out: &mut Vec<(Vec<String>, &'t Node<'a>)>,
) {
    for (name, child) in &node.children {
        path.push(name.clone());
        post_order(child, path, out);
        path.pop();
    }
    out.push((path.clone(), node));
}

fn head() -> TokenStream {
    quote! {
        //! Resource handles and request builders, one per operation.
        // A setter is named after its parameter, and a parameter named `sub` or `add` reads
        // to clippy like `std::ops::Sub`.
        #![allow(clippy::doc_lazy_continuation, clippy::doc_overindented_list_items, clippy::too_many_arguments, clippy::type_complexity, clippy::should_implement_trait)]
        #![allow(rustdoc::bare_urls, rustdoc::invalid_html_tags, rustdoc::broken_intra_doc_links)]

        // Unused when features leave out every resource.
        #[allow(unused_imports)]
        use super::runtime::{self, ApiResponse, RawResponse, RequestOptions};
        // `types` is unused when no operation takes or returns a named type.
        #[allow(unused_imports)]
        use super::{Client, Error, types};
    }
}

/// What an operation's doc example needs besides the operation: the crate and the call chain.
struct DocExample<'a> {
    krate: &'a str,
    call: String,
}

impl DocExample<'_> {
    /// A `no_run` doctest that makes the call with its positional arguments (sample values).
    fn doc(&self, op: &Operation, json_body: bool) -> String {
        // Path parameters, then the required query and header ones, as the method takes them. A
        // list of scalars is an array literal, as a person would write it; any other list is
        // decoded with its type named, which the method's generic argument cannot infer. An
        // example that is one value stands for a list of one.
        let arg = |p: &crate::ir::Param| {
            let sample = op.samples.args.get(&p.rust_name);
            match p.ty.non_null() {
                TypeRef::Array(item) => {
                    let list = match sample {
                        Some(serde_json::Value::Array(list)) => list.clone(),
                        Some(serde_json::Value::Null) | None => Vec::new(),
                        Some(one) => vec![one.clone()],
                    };
                    if is_scalar(item) {
                        return scalar_list(item, &list, &p.rust_name);
                    }
                    let item = super::surface::ty(item)
                        .replace("types::", &format!("{}::types::", self.krate));
                    from_json(&serde_json::Value::Array(list)).replacen(
                        "serde_json::from_str(",
                        &format!("serde_json::from_str::<Vec<{item}>>("),
                        1,
                    )
                }
                _ => sample_expr(&p.ty, sample, &p.rust_name),
            }
        };
        let mut args: Vec<String> = op.path_params.iter().map(arg).collect();
        args.extend(op.required_params().map(arg));
        if json_body {
            let sample = op
                .samples
                .body_required
                .clone()
                .unwrap_or(serde_json::json!({}));
            args.push(from_json(&sample));
        }
        let call = format!("{}({})", self.call, args.join(", "));
        format!(
            "# Example\n\n```no_run\n# async fn example(client: &{krate}::Client) -> Result<(), Box<dyn std::error::Error>> {{\nlet response = {call}\n    .send()\n    .await?;\n# let _ = response;\n# Ok(())\n# }}\n```",
            krate = self.krate
        )
    }
}

/// A Rust expression for a sample value of a parameter: a literal for scalars, else the sample
/// decoded from JSON.
fn sample_expr(ty: &TypeRef, sample: Option<&serde_json::Value>, name: &str) -> String {
    match (ty.non_null(), sample) {
        // A schema's placeholder (`"string"`) says less than the parameter's name.
        (TypeRef::String, Some(serde_json::Value::String(s))) if s != "string" => format!("{s:?}"),
        (TypeRef::String, _) => format!("{:?}", names::bare(name)),
        (TypeRef::Integer, Some(v)) if v.is_i64() => v.to_string(),
        (TypeRef::Integer, _) => "1".to_string(),
        (TypeRef::Number, Some(v)) if v.is_number() => format!("{:?}", v.as_f64().unwrap_or(1.0)),
        (TypeRef::Number, _) => "1.0".to_string(),
        (TypeRef::Boolean, Some(serde_json::Value::Bool(b))) => b.to_string(),
        (TypeRef::Boolean, _) => "true".to_string(),
        (_, sample) => from_json(sample.unwrap_or(&serde_json::Value::Null)),
    }
}

/// A list item a literal can stand for; a nullable one is an `Option` and is not.
fn is_scalar(ty: &TypeRef) -> bool {
    matches!(
        ty,
        TypeRef::String | TypeRef::Integer | TypeRef::Number | TypeRef::Boolean
    )
}

/// An array literal of sample scalars; an empty sample still shows one item, since `[]` names no
/// item type for the method's generic argument to take.
fn scalar_list(item: &TypeRef, samples: &[serde_json::Value], name: &str) -> String {
    let items: Vec<String> = if samples.is_empty() {
        vec![sample_expr(item, None, name)]
    } else {
        samples
            .iter()
            .map(|s| sample_expr(item, Some(s), name))
            .collect()
    };
    format!("[{}]", items.join(", "))
}

fn from_json(value: &serde_json::Value) -> String {
    let text = value.to_string();
    let mut hashes = String::from("#");
    while text.contains(&format!("\"{hashes}")) {
        hashes.push('#');
    }
    format!("serde_json::from_str(r{hashes}\"{text}\"{hashes})?")
}

fn emit_operation(
    op: &Operation,
    on_client: bool,
    default_error: &TypeRef,
    example: &DocExample<'_>,
) -> (TokenStream, TokenStream) {
    let method = &ident(&op.call.method);
    let builder = &ident(&op.call.builder);
    let params = &ident(&op.call.params);
    let cfg = &feature_cfg(op.call.feature.as_ref());
    let builder_path = if on_client {
        quote!(resources::#builder)
    } else {
        quote!(#builder)
    };
    let mut doc_text = Vec::new();
    if let Some(t) = &op.docs.title {
        doc_text.push(t.clone());
    }
    if let Some(d) = &op.docs.description {
        doc_text.push(docs::sanitize(d));
    }
    doc_text.push(format!("`{} {}`", op.method.as_str(), op.path_key()));
    // The positional arguments have no setter to carry their documentation: the method does.
    let arguments: Vec<String> = op
        .positional_params()
        .filter_map(|p| {
            let said = p.docs.description.as_deref().or(p.docs.title.as_deref());
            let text = [said.map(docs::sanitize), p.docs.values.clone()];
            let text = text.iter().flatten().flat_map(|t| t.split_whitespace());
            let text = text.collect::<Vec<_>>().join(" ");
            if text.is_empty() {
                return None;
            }
            Some(format!("- `{}`: {text}", names::bare(&p.rust_name)))
        })
        .collect();
    if !arguments.is_empty() {
        doc_text.push(format!("# Arguments\n\n{}", arguments.join("\n")));
    }
    let json_body = matches!(&op.body, Some(Body::Json { required: true, .. }));
    doc_text.push(example.doc(op, json_body));
    let method_doc = docs::lines(&doc_text.join("\n\n"));
    let deprecated = if op.deprecated {
        quote!(#[deprecated])
    } else {
        quote!()
    };

    let error_ty = match op.error.as_ref().and_then(|e| e.ty.as_ref()) {
        Some(t) => rust_type(t, &quote!(types::)),
        None => quote!(serde_json::Value),
    };
    // Runtime helpers are generic over the error body; with `From` conversions between the
    // crate's error types, `?` alone cannot tell which one, so each call names it.
    let path_expr = path_expression(op, &error_ty);
    let Parts {
        args,
        arg_names,
        fields,
        inits,
        setters,
        prepare,
        markers,
    } = Parts::of(op, &error_ty);
    let error_alias = if op
        .error
        .as_ref()
        .and_then(|e| e.ty.as_ref())
        .unwrap_or(&TypeRef::Any)
        == default_error
    {
        quote!(Error)
    } else {
        quote!(Error<#error_ty>)
    };
    let response = match op.success.as_ref().map(|s| &s.content) {
        Some(ResponseContent::Json(t)) => {
            let t = rust_type(t, &quote!(types::));
            quote!(runtime::builder::Json<#t>)
        }
        Some(ResponseContent::JsonLines { item }) => {
            let t = rust_type(item, &quote!(types::));
            quote!(runtime::builder::Lines<#t>)
        }
        Some(ResponseContent::Text) => quote!(runtime::builder::Text),
        Some(ResponseContent::Bytes) => quote!(runtime::builder::Bytes),
        Some(ResponseContent::Empty) | None => quote!(runtime::builder::Empty),
    };
    let http_method = match op.method {
        HttpMethod::Get => quote!(GET),
        HttpMethod::Post => quote!(POST),
        HttpMethod::Put => quote!(PUT),
        HttpMethod::Patch => quote!(PATCH),
        HttpMethod::Delete => quote!(DELETE),
        HttpMethod::Head => quote!(HEAD),
        HttpMethod::Options => quote!(OPTIONS),
    };
    let route = format!("`{} {}`", op.method.as_str(), op.path_key());
    let builder_doc =
        format!(" Request builder for {route}; finish with [`send`](crate::RequestBuilder::send).");
    let params_doc = format!(" The parameters of {route}, as [`{builder}`] sets them.");
    let lifetime = if on_client { quote!('_) } else { quote!('c) };
    let markers = markers
        .iter()
        .map(|marker| quote!(#cfg impl #marker for #params {}));
    // A handle's method builds the request in place: it lives in the module that owns the
    // parameters' private fields. The root client's lives outside it, so it calls `new`.
    let (build, constructor) = if on_client {
        let constructor = quote! {
            pub(crate) fn new(client: &'c Client, #(#args),*) -> Self {
                runtime::RequestBuilder::of(client.core(), #params { #(#inits)* })
            }
        };
        (
            quote!(#builder_path::new(self, #(#arg_names),*)),
            constructor,
        )
    } else {
        let build = quote!(runtime::RequestBuilder::of(self.client.core(), #params { #(#inits)* }));
        (build, quote!())
    };
    let method_tokens = quote! {
        #method_doc
        #deprecated
        #cfg
        pub fn #method(&self, #(#args),*) -> #builder_path<#lifetime> {
            #build
        }
    };
    let prepare = quote!(#(#prepare)*);
    let list_methods = super::pagination::emit_list_methods(op, &error_ty);
    let stream_methods = super::streams::emit_stream_methods(op, &error_ty, &error_alias);
    let plain_send_guard = super::streams::plain_send_guard(op);
    let mutability = if prepare.is_empty() {
        quote!()
    } else {
        quote!(mut)
    };
    let inherent = quote!(#constructor #(#setters)* #list_methods #stream_methods);
    let inherent = if inherent.is_empty() {
        inherent
    } else {
        quote!(#cfg impl<'c> #builder<'c> { #inherent })
    };
    let builder_tokens = quote! {
        #[doc = #params_doc]
        #cfg
        #[derive(Debug, Clone)]
        pub struct #params {
            #(#fields)*
        }

        #[doc = #builder_doc]
        #cfg
        pub type #builder<'c> = runtime::RequestBuilder<'c, #params>;

        #inherent

        #cfg
        impl runtime::Endpoint for #params {
            type Error = #error_ty;
            type Response = #response;

            fn to_request(&self) -> Result<runtime::Request, Error<#error_ty>> {
                #path_expr
                let #mutability request = runtime::Request::new(reqwest::Method::#http_method, path);
                #prepare
                Ok(request)
            }

            #plain_send_guard
        }

        #(#markers)*
    };
    (method_tokens, builder_tokens)
}

/// Statements that bind `path`, each parameter encoded as exactly one segment.
fn path_expression(op: &Operation, error_ty: &TokenStream) -> TokenStream {
    let mut template = String::new();
    let mut bindings = Vec::new();
    let mut bound = std::collections::BTreeSet::new();
    for seg in &op.segments {
        match seg {
            PathSegment::Literal(l) => template.push_str(&l.replace('{', "{{").replace('}', "}}")),
            PathSegment::Param(i) => {
                let p = &op.path_params[*i];
                let name = ident(&p.rust_name);
                let local = quote::format_ident!("segment_{}", i);
                template.push_str(&format!("{{{local}}}"));
                // A parameter the template repeats is encoded once.
                if !bound.insert(*i) {
                    continue;
                }
                let wire = &p.wire_name;
                let value = match p.ty.non_null() {
                    TypeRef::String => quote!(&self.#name),
                    // A list is sent as the `simple` style has it: `a,b`.
                    TypeRef::Array(_) => {
                        bindings.push(quote!(let #local = runtime::encode::path_list::<#error_ty, _>(#wire, &self.#name)?;));
                        continue;
                    }
                    _ => quote!(&runtime::encode::text(&self.#name)),
                };
                let encode = if p.spans_segments {
                    quote!(path_segments)
                } else {
                    quote!(path_segment)
                };
                bindings.push(
                    quote!(let #local = runtime::encode::#encode::<#error_ty>(#wire, #value)?;),
                );
            }
        }
    }
    if bindings.is_empty() {
        quote!(let path = #template.to_string();)
    } else {
        quote!(#(#bindings)* let path = format!(#template);)
    }
}
