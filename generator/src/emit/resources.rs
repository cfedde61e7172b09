//! Operations -> resource handles and request builders (`resources.rs`), shaped like the official
//! SDKs: `client.skills().versions().create(skill_id).files(..).send().await`.

use std::collections::BTreeMap;

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::docs;
use super::features::feature_cfg;
use super::setters::{arg_type, param_setter, query_param, required_check, takes_into};
use super::types::{ident, rust_type};
use crate::ir::{
    Api, Body, Handle, HeaderSerialization, HttpMethod, Operation, PartKind, PathSegment,
    ResponseContent, TypeRef,
};
use crate::names;

/// A node of the resource tree: `skills` -> `versions`.
#[derive(Default)]
struct Node<'a> {
    children: BTreeMap<String, Node<'a>>,
    ops: Vec<&'a Operation>,
}

pub struct Resources {
    /// Methods on `Client` (top-level resources and operations at the root).
    pub client_methods: TokenStream,
    pub module: TokenStream,
}

/// What every node of the walk reads.
struct Ctx<'a> {
    api: &'a Api,
    /// The handles `lower` named, by resource path.
    handles: BTreeMap<&'a [String], &'a Handle>,
    krate: String,
}

pub fn emit_resources(api: &Api) -> Resources {
    let mut root = Node::default();
    for op in &api.operations {
        let mut node = &mut root;
        for part in &op.resource {
            node = node.children.entry(part.clone()).or_default();
        }
        node.ops.push(op);
    }
    let ctx = Ctx {
        api,
        handles: api
            .shape
            .handles
            .iter()
            .map(|h| (h.path.as_slice(), h))
            .collect(),
        krate: api.package.name.replace('-', "_"),
    };
    let mut items = Vec::new();
    let client_methods = emit_node(&ctx, &root, &[], &mut items);
    let module = quote! {
        //! Resource handles and request builders, one per operation.
        #![allow(clippy::doc_lazy_continuation, clippy::doc_overindented_list_items, clippy::too_many_arguments, clippy::type_complexity)]
        #![allow(rustdoc::bare_urls, rustdoc::invalid_html_tags, rustdoc::broken_intra_doc_links)]

        // Unused when features leave out every resource.
        #[allow(unused_imports)]
        use super::runtime::{self, ApiResponse, RawResponse, RequestOptions};
        // `types` is unused when no operation takes or returns a named type.
        #[allow(unused_imports)]
        use super::{Client, Error, types};

        #(#items)*
    };
    Resources {
        client_methods,
        module,
    }
}

/// Emits a node's handle type (except for the root) and returns the accessor and operation
/// methods that belong on its parent, in the order `lower` named them.
fn emit_node(
    ctx: &Ctx<'_>,
    node: &Node,
    path: &[String],
    items: &mut Vec<TokenStream>,
) -> TokenStream {
    let mut methods = Vec::new();
    for (name, child) in &node.children {
        let mut child_path = path.to_vec();
        child_path.push(name.clone());
        let handle = ctx.handles[child_path.as_slice()];
        let type_name = ident(&handle.rust_name);
        let accessor = ident(&handle.accessor);
        let child_cfg = feature_cfg(handle.feature.as_ref());
        let child_methods = emit_node(ctx, child, &child_path, items);
        let doc = format!(" The `{}` resource.", child_path.join("."));
        items.push(quote! {
            #[doc = #doc]
            #child_cfg
            #[derive(Debug, Clone, Copy)]
            pub struct #type_name<'c> {
                client: &'c Client,
            }
            #child_cfg
            impl<'c> #type_name<'c> {
                pub(crate) fn new(client: &'c Client) -> Self { Self { client } }
                #child_methods
            }
        });
        let on_client = path.is_empty();
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
    for op in &node.ops {
        let (method_tokens, builder_tokens) = emit_operation(
            op,
            path.is_empty(),
            &ctx.api.shape.default_error,
            &DocExample {
                krate: &ctx.krate,
                call: format!("client{}", op.call.chain()),
            },
        );
        methods.push(method_tokens);
        items.push(builder_tokens);
    }
    quote!(#(#methods)*)
}

/// What an operation's doc example needs besides the operation: the crate and the call chain.
struct DocExample<'a> {
    krate: &'a str,
    call: String,
}

impl DocExample<'_> {
    /// A `no_run` doctest that makes the call with its positional arguments (sample values) and
    /// its required scalar query parameters.
    fn doc(&self, op: &Operation, json_body: bool) -> String {
        let mut args: Vec<String> = op
            .path_params
            .iter()
            .map(|p| sample_expr(&p.ty, op.samples.args.get(&p.rust_name), &p.rust_name))
            .collect();
        if json_body {
            let sample = op
                .samples
                .body_required
                .clone()
                .unwrap_or(serde_json::json!({}));
            args.push(from_json(&sample));
        }
        let mut call = format!("{}({})", self.call, args.join(", "));
        for p in op.query_params.iter().filter(|p| p.required) {
            if let TypeRef::String | TypeRef::Integer | TypeRef::Number | TypeRef::Boolean = p.ty {
                let value = sample_expr(&p.ty, op.samples.args.get(&p.rust_name), &p.rust_name);
                call.push_str(&format!("\n    .{}({value})", p.rust_name));
            }
        }
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
    let cfg = &feature_cfg(op.call.feature.as_ref());
    let client_expr = if on_client {
        quote!(self)
    } else {
        quote!(self.client)
    };
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
    let json_body = matches!(&op.body, Some(Body::Json { required: true, .. }));
    doc_text.push(example.doc(op, json_body));
    let method_doc = docs::lines(&doc_text.join("\n\n"));
    let deprecated = if op.deprecated {
        quote!(#[deprecated])
    } else {
        quote!()
    };

    // Positional arguments: path params, then a required JSON body.
    let mut args = Vec::new();
    let mut arg_names: Vec<Ident> = Vec::new();
    let mut fields = Vec::new();
    let mut inits = Vec::new();
    let mut setters = Vec::new();
    let mut prepare = Vec::new();
    for p in &op.path_params {
        let name = ident(&p.rust_name);
        let (stored, arg, _) = arg_type(p.ty.non_null());
        args.push(quote!(#name: #arg));
        arg_names.push(name.clone());
        fields.push(quote!(#name: #stored,));
        inits.push(if takes_into(p.ty.non_null()) {
            quote!(#name: #name.into(),)
        } else {
            quote!(#name,)
        });
    }
    let error_ty = match op.error.as_ref().and_then(|e| e.ty.as_ref()) {
        Some(t) => rust_type(t, &quote!(types::)),
        None => quote!(serde_json::Value),
    };
    // Runtime helpers are generic over the error body; with `From` conversions between the
    // crate's error types, `?` alone cannot tell which one, so each call names it.
    let path_expr = path_expression(op, &error_ty);
    for (name, value) in &op.fixed_query {
        prepare.push(quote!(request.query(#name, #value);));
    }
    if !op.auth.is_empty() {
        let alternatives = op.auth.iter().map(|names| quote!(&[#(#names),*]));
        prepare.push(quote!(request.auth(&[#(#alternatives),*]);));
    }
    if let Some(accept) = &op.accept {
        prepare.push(quote!(request.header("accept", #accept);));
    }
    for p in &op.query_params {
        let (setter, send) = query_param(p);
        fields.push(setter.field);
        inits.push(setter.init);
        setters.push(setter.method);
        prepare.push(send);
    }
    for h in &op.header_params {
        let p = &h.param;
        let name = ident(&p.rust_name);
        let wire = &p.wire_name;
        let mut doc = docs::attrs_or(&p.docs, &format!("Sets the `{wire}` header."));
        if !h.default_values.is_empty() {
            let note = format!(
                "\nSent after the defaults `{}`; each value is sent once, joined with `,`.",
                h.default_values.join(",")
            );
            doc.extend(docs::lines(&note));
        }
        let setter = param_setter(&name, &p.ty, doc, p.deprecated);
        fields.push(setter.field);
        inits.push(setter.init);
        setters.push(setter.method);
        let is_list = matches!(p.ty.non_null(), TypeRef::Array(_));
        let send = match (h.serialization, is_list) {
            (HeaderSerialization::CommaJoined, true) => {
                let defaults = &h.default_values;
                quote! {
                    let values: Vec<String> = self.#name.iter().map(runtime::encode::text).collect();
                    let joined = runtime::encode::join_list(&[#(#defaults),*], values.iter().map(String::as_str));
                    if !joined.is_empty() { request.header(#wire, joined); }
                }
            }
            _ => quote! {
                if let Some(value) = &self.#name { request.header(#wire, runtime::encode::text(value)); }
            },
        };
        prepare.push(required_check(&p.rust_name, p.required, is_list));
        prepare.push(send);
    }
    let mut progress = quote!();
    match &op.body {
        None => {}
        Some(Body::Json {
            ty,
            required,
            docs: body_docs,
        }) => {
            let stored = rust_type(ty, &quote!(types::));
            if *required {
                args.push(quote!(body: #stored));
                arg_names.push(ident("body"));
                fields.push(quote!(body: #stored,));
                inits.push(quote!(body,));
                prepare.push(quote!(request.json::<#error_ty>(&self.body)?;));
            } else {
                let doc = docs::attrs_or(body_docs, "Sets the request body.");
                fields.push(quote!(body: Option<#stored>,));
                inits.push(quote!(body: None,));
                setters.push(quote! {
                    #doc
                    pub fn body(mut self, body: #stored) -> Self { self.body = Some(body); self }
                });
                prepare.push(quote!(if let Some(body) = &self.body {
                    request.json::<#error_ty>(body)?;
                }));
            }
        }
        Some(Body::Form {
            ty,
            required,
            docs: body_docs,
        }) => {
            let stored = rust_type(ty, &quote!(types::));
            let doc = docs::attrs_or(body_docs, "Sets the request body.");
            fields.push(quote!(body: Option<#stored>,));
            inits.push(quote!(body: None,));
            setters.push(quote! {
                #doc
                pub fn body(mut self, body: #stored) -> Self { self.body = Some(body); self }
            });
            prepare.push(required_check("body", *required, false));
            prepare.push(quote!(if let Some(body) = &self.body {
                request.form::<#error_ty>(body)?;
            }));
        }
        Some(Body::Raw {
            content_type,
            required,
            docs: body_docs,
        }) => {
            let doc = docs::attrs_or(body_docs, "Sets the request body.");
            let setter_doc = format!(" The request body, sent as `{content_type}`.");
            fields.push(quote!(body: Option<bytes::Bytes>,));
            inits.push(quote!(body: None,));
            setters.push(quote! {
                #doc
                #[doc = #setter_doc]
                pub fn body(mut self, body: impl Into<bytes::Bytes>) -> Self { self.body = Some(body.into()); self }
            });
            prepare.push(required_check("body", *required, false));
            prepare.push(quote!(if let Some(body) = &self.body { request.raw(#content_type, body.clone()); }));
        }
        Some(Body::Multipart { parts, .. }) => {
            prepare.push(quote!(request.multipart();));
            progress = quote! {
                /// Reports upload progress: bytes of file contents sent so far, and the total.
                /// Called again from zero if a retry resends the files.
                pub fn on_progress(mut self, progress: impl Fn(u64, u64) + Send + Sync + 'static) -> Self {
                    self.options.progress = Some(std::sync::Arc::new(progress));
                    self
                }
            };
            for part in parts {
                let name = ident(&part.rust_name);
                let wire = &part.wire_name;
                let doc = docs::attrs_or(&part.docs, &format!("Sets the `{wire}` part."));
                let missing = format!(
                    "`{}` is required: add at least one file",
                    names::bare(&part.rust_name)
                );
                match &part.kind {
                    PartKind::FileArray => {
                        let mut doc = doc.clone();
                        if let Some(r) = &part.rules {
                            doc.extend(docs::lines(&format!("\n{}", describe_rules(r))));
                        }
                        fields.push(quote!(#name: Vec<runtime::FilePart>,));
                        inits.push(quote!(#name: Vec::new(),));
                        setters.push(quote! {
                            #doc
                            pub fn #name(mut self, files: impl IntoIterator<Item = runtime::FilePart>) -> Self {
                                self.#name.extend(files);
                                self
                            }
                        });
                        if part.required {
                            prepare.push(quote!(if self.#name.is_empty() { return Err(Error::InvalidInput(#missing.into())); }));
                        }
                        if let Some(rules) = &part.rules {
                            let field = names::bare(&part.rust_name);
                            let rules = upload_rules(rules);
                            prepare.push(
                                quote!(runtime::upload::validate::<#error_ty>(#field, &#rules, &self.#name)?;),
                            );
                        }
                        prepare.push(quote!(for file in &self.#name { request.file_part(#wire, file.clone()); }));
                    }
                    PartKind::File => {
                        fields.push(quote!(#name: Option<runtime::FilePart>,));
                        inits.push(quote!(#name: None,));
                        setters.push(quote! {
                            #doc
                            pub fn #name(mut self, file: runtime::FilePart) -> Self { self.#name = Some(file); self }
                        });
                        if part.required {
                            prepare.push(quote!(if self.#name.is_none() { return Err(Error::InvalidInput(#missing.into())); }));
                        }
                        prepare.push(quote!(if let Some(file) = &self.#name { request.file_part(#wire, file.clone()); }));
                    }
                    PartKind::Text(ty) => {
                        let setter = param_setter(&name, ty, doc, false);
                        fields.push(setter.field);
                        inits.push(setter.init);
                        setters.push(setter.method);
                        let is_list = matches!(ty.non_null(), TypeRef::Array(_));
                        prepare.push(required_check(&part.rust_name, part.required, is_list));
                        prepare.push(if is_list {
                            quote!(for value in &self.#name { request.text_part(#wire, runtime::encode::text(value)); })
                        } else {
                            quote!(if let Some(value) = &self.#name { request.text_part(#wire, runtime::encode::text(value)); })
                        });
                    }
                }
            }
        }
    }

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
    let (success_ty, send_fn) = match op.success.as_ref().map(|s| &s.content) {
        Some(ResponseContent::Json(t)) => {
            let t = rust_type(t, &quote!(types::));
            (t.clone(), quote!(send_json::<#t, #error_ty>))
        }
        Some(ResponseContent::JsonLines { item }) => {
            let t = rust_type(item, &quote!(types::));
            (
                quote!(runtime::JsonLines<#t, #error_ty>),
                quote!(send_json_lines::<#t, #error_ty>),
            )
        }
        Some(ResponseContent::Text) => (quote!(String), quote!(send_text::<#error_ty>)),
        Some(ResponseContent::Bytes) => (
            quote!(runtime::ByteStream<#error_ty>),
            quote!(send_byte_stream::<#error_ty>),
        ),
        Some(ResponseContent::Empty) | None => (quote!(()), quote!(send_empty::<#error_ty>)),
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
    let builder_doc = format!(
        " Request builder for `{} {}`; finish with [`Self::send`].",
        op.method.as_str(),
        op.path_key()
    );
    let must_use = "a request does nothing until `.send()` is awaited";
    let lifetime = if on_client { quote!('_) } else { quote!('c) };
    let extra_body = op.body.is_some().then(|| {
        quote! {
            /// Adds a body member the spec does not name, e.g. a field newer than this crate: merged
            /// into a JSON body (replacing a member of that name), appended to a form, or sent as
            /// a text part of a multipart body. A value that cannot be encoded fails the send.
            pub fn extra_body(mut self, name: impl Into<String>, value: impl serde::Serialize) -> Self {
                let name = name.into();
                match serde_json::to_value(value) {
                    Ok(value) => self.options.extra_body.push((name, value)),
                    Err(e) => self.options.invalid = Some(format!("extra body member `{name}`: {e}")),
                }
                self
            }
        }
    });
    let method_tokens = quote! {
        #method_doc
        #deprecated
        #cfg
        pub fn #method(&self, #(#args),*) -> #builder_path<#lifetime> {
            #builder_path::new(#client_expr, #(#arg_names),*)
        }
    };
    let prepare = quote!(#(#prepare)*);
    let list_methods = super::pagination::emit_list_methods(op, &error_ty);
    let stream_methods = super::streams::emit_stream_methods(op, &error_ty, &error_alias);
    let plain_send_guard = super::streams::plain_send_guard(op);
    let send_doc = match op.success.as_ref().map(|s| &s.content) {
        Some(ResponseContent::Bytes) => {
            " Sends the request and returns the body as a stream of chunks, read as they arrive: \
             see [`runtime::ByteStream::write_to_file`](crate::runtime::ByteStream::write_to_file) \
             and [`runtime::ByteStream::bytes`](crate::runtime::ByteStream::bytes)."
        }
        Some(ResponseContent::JsonLines { .. }) => {
            " Sends the request and returns the lines of the body, each decoded as it arrives."
        }
        _ => " Sends the request and returns the response body.",
    };
    let mutability = if prepare.is_empty() {
        quote!()
    } else {
        quote!(mut)
    };
    let builder_tokens = quote! {
        #[doc = #builder_doc]
        #cfg
        #[derive(Debug, Clone)]
        #[must_use = #must_use]
        pub struct #builder<'c> {
            client: &'c Client,
            #(#fields)*
            options: RequestOptions,
        }

        #cfg
        impl<'c> #builder<'c> {
            pub(crate) fn new(client: &'c Client, #(#args),*) -> Self {
                Self { client, #(#inits)* options: RequestOptions::default() }
            }

            #(#setters)*

            /// Overrides the client's timeout for this request (each attempt).
            pub fn timeout(mut self, timeout: std::time::Duration) -> Self {
                self.options.timeout = Some(timeout);
                self
            }

            /// Overrides the client's retry count for this request.
            pub fn max_retries(mut self, retries: u32) -> Self {
                self.options.max_retries = Some(retries);
                self
            }

            /// Adds a header to this request only.
            pub fn extra_header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
                self.options.extra_headers.push((name.into(), value.into()));
                self
            }

            /// Adds a query pair the spec does not name, e.g. a parameter newer than this crate.
            pub fn extra_query(mut self, name: impl Into<String>, value: impl ToString) -> Self {
                self.options.extra_query.push((name.into(), value.to_string()));
                self
            }

            #extra_body

            #progress

            #[doc = #send_doc]
            pub async fn send(self) -> Result<#success_ty, #error_alias> {
                self.send_with_meta().await.map(|response| response.data)
            }

            /// Sends the request and returns the body with the status, request id and headers.
            pub async fn send_with_meta(self) -> Result<ApiResponse<#success_ty>, #error_alias> {
                #plain_send_guard
                let request = self.to_request()?;
                self.client.core().#send_fn(request, self.options).await
            }

            /// Sends the same request with the same retries, and returns the final status,
            /// headers and whole body undecoded, whatever the status and the document say: the
            /// way through when a server's answer does not match its document.
            pub async fn send_raw(self) -> Result<RawResponse, #error_alias> {
                let request = self.to_request()?;
                self.client.core().send_raw(request, self.options).await
            }

            #list_methods

            #stream_methods

            /// The request as set so far, checked and encoded.
            fn to_request(&self) -> Result<runtime::Request, #error_alias> {
                #path_expr
                let #mutability request = runtime::Request::new(reqwest::Method::#http_method, path);
                #prepare
                Ok(request)
            }
        }
    };
    (method_tokens, builder_tokens)
}

/// The upload rules in words, for the setter's docs.
fn describe_rules(r: &crate::ir::UploadRules) -> String {
    let mut rules = Vec::new();
    if r.non_empty {
        rules.push("at least one file".to_string());
    }
    if r.safe_names {
        rules.push("relative names with `/` separators and no `.` or `..` segments".to_string());
    }
    if r.single_top_level_dir {
        rules.push("one shared top-level directory".to_string());
    }
    if let Some(f) = &r.required_root_file {
        rules.push(format!("a `{f}` at the root of that directory"));
    }
    let exempt = if r.archive_exempt {
        " A single `.zip` archive is exempt from the directory rules."
    } else {
        ""
    };
    format!(
        "Checked before anything is sent: {}.{exempt}",
        rules.join("; ")
    )
}

fn upload_rules(r: &crate::ir::UploadRules) -> TokenStream {
    let crate::ir::UploadRules {
        non_empty,
        safe_names,
        single_top_level_dir,
        required_root_file,
        archive_exempt,
    } = r;
    let root = match required_root_file {
        Some(f) => quote!(Some(#f)),
        None => quote!(None),
    };
    quote! {
        runtime::UploadRules {
            non_empty: #non_empty,
            safe_names: #safe_names,
            single_top_level_dir: #single_top_level_dir,
            required_root_file: #root,
            archive_exempt: #archive_exempt,
        }
    }
}

/// Statements that bind `path`, each parameter encoded as exactly one segment.
fn path_expression(op: &Operation, error_ty: &TokenStream) -> TokenStream {
    let mut template = String::new();
    let mut bindings = Vec::new();
    for seg in &op.segments {
        match seg {
            PathSegment::Literal(l) => template.push_str(&l.replace('{', "{{").replace('}', "}}")),
            PathSegment::Param(i) => {
                let p = &op.path_params[*i];
                let name = ident(&p.rust_name);
                let local = quote::format_ident!("segment_{}", i);
                template.push_str(&format!("{{{local}}}"));
                let wire = &p.wire_name;
                let value = match p.ty.non_null() {
                    TypeRef::String => quote!(&self.#name),
                    _ => quote!(&runtime::encode::text(&self.#name)),
                };
                bindings.push(quote!(let #local = runtime::encode::path_segment::<#error_ty>(#wire, #value)?;));
            }
        }
    }
    if bindings.is_empty() {
        quote!(let path = #template.to_string();)
    } else {
        quote!(#(#bindings)* let path = format!(#template);)
    }
}
