//! What an operation's builder is made of, gathered parameter by parameter: the method's
//! positional arguments, the parameters' fields and setters, and the statements `to_request`
//! runs.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::docs;
use super::setters::{Setter, arg_type, param_setter, query_param, required_check, takes_into};
use super::types::{ident, rust_type};
use crate::ir::{Body, HeaderSerialization, Operation, Param, PartKind, TypeRef};
use crate::names;

#[derive(Default)]
pub(super) struct Parts {
    /// The operation method's arguments: path parameters, required query and header
    /// parameters, then a required JSON body.
    pub args: Vec<TokenStream>,
    pub arg_names: Vec<Ident>,
    /// The parameters struct's fields, and their values in `new`.
    pub fields: Vec<TokenStream>,
    pub inits: Vec<TokenStream>,
    pub setters: Vec<TokenStream>,
    /// Statements of `to_request`, in order.
    pub prepare: Vec<TokenStream>,
    /// Runtime marker traits the parameters implement (`HasBody`, `HasFiles`).
    pub markers: Vec<TokenStream>,
}

impl Parts {
    /// `error_ty`: the operation's error body, which runtime helpers name.
    pub fn of(op: &Operation, error_ty: &TokenStream) -> Self {
        let mut parts = Self::default();
        parts.path_params(op);
        parts.request_wide(op);
        parts.query_params(op);
        parts.header_params(op);
        parts.body(op, error_ty);
        parts
    }

    fn path_params(&mut self, op: &Operation) {
        for p in &op.path_params {
            let name = ident(&p.rust_name);
            let (stored, arg, _) = arg_type(p.ty.non_null());
            self.arg_names.push(name.clone());
            self.fields.push(quote!(#name: #stored,));
            // A list (`/filters/{a,b}`) takes any iterable, as a required query list does.
            if let TypeRef::Array(item) = p.ty.non_null() {
                self.list_arg(&name, item);
                continue;
            }
            self.args.push(quote!(#name: #arg));
            self.inits.push(if takes_into(p.ty.non_null()) {
                quote!(#name: #name.into(),)
            } else {
                quote!(#name,)
            });
        }
    }

    /// A positional list argument: any iterable of its items, collected into the field.
    fn list_arg(&mut self, name: &proc_macro2::Ident, item: &TypeRef) {
        let (_, arg, _) = arg_type(item);
        self.args
            .push(quote!(#name: impl IntoIterator<Item = #arg>));
        self.inits.push(if takes_into(item) {
            quote!(#name: #name.into_iter().map(Into::into).collect(),)
        } else {
            quote!(#name: #name.into_iter().collect(),)
        });
    }

    /// What every call sends: the path key's fixed query, the parameters of one allowed value,
    /// the credentials, `Accept`.
    fn request_wide(&mut self, op: &Operation) {
        for (name, value) in op.fixed_query.iter().chain(&op.constant_query) {
            self.prepare.push(quote!(request.query(#name, #value);));
        }
        for (name, value) in &op.constant_headers {
            self.prepare.push(quote!(request.header(#name, #value);));
        }
        if !op.auth.is_empty() {
            let alternatives = op.auth.iter().map(|names| quote!(&[#(#names),*]));
            self.prepare
                .push(quote!(request.auth(&[#(#alternatives),*]);));
        }
        if let Some(accept) = &op.accept {
            self.prepare
                .push(quote!(request.header("accept", #accept);));
        }
        if op.redirect_outcome {
            self.prepare.push(quote!(request.redirect_outcome();));
        }
    }

    fn query_params(&mut self, op: &Operation) {
        for p in &op.query_params {
            let (setter, send) = query_param(p);
            self.take(p, setter);
            self.prepare.push(send);
        }
    }

    /// A parameter's field, and its setter when it is optional. A required one is a positional
    /// argument instead, after the path parameters, so that the compiler checks it is given.
    fn take(&mut self, p: &Param, setter: Setter) {
        self.fields.push(setter.field);
        if !p.required {
            self.inits.push(setter.init);
            self.setters.push(setter.method);
            return;
        }
        let name = ident(&p.rust_name);
        match p.ty.non_null() {
            TypeRef::Array(item) => self.list_arg(&name, item),
            inner => {
                let (_, arg, _) = arg_type(inner);
                self.args.push(quote!(#name: #arg));
                self.inits.push(if takes_into(inner) {
                    quote!(#name: Some(#name.into()),)
                } else {
                    quote!(#name: Some(#name),)
                });
            }
        }
        self.arg_names.push(name);
    }

    fn header_params(&mut self, op: &Operation) {
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
            self.take(p, setter);
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
            self.prepare
                .push(required_check(&p.rust_name, p.required, is_list));
            self.prepare.push(send);
        }
    }

    fn body(&mut self, op: &Operation, error_ty: &TokenStream) {
        if op.body.is_some() {
            self.markers.push(quote!(runtime::HasBody));
        }
        match &op.body {
            None => {}
            Some(Body::Json {
                ty,
                required,
                docs: body_docs,
            }) => {
                let stored = rust_type(ty, &quote!(types::));
                if *required {
                    self.args.push(quote!(body: #stored));
                    self.arg_names.push(ident("body"));
                    self.fields.push(quote!(body: #stored,));
                    self.inits.push(quote!(body,));
                    self.prepare
                        .push(quote!(request.json::<#error_ty>(&self.body)?;));
                } else {
                    let doc = docs::attrs_or(body_docs, "Sets the request body.");
                    self.fields.push(quote!(body: Option<#stored>,));
                    self.inits.push(quote!(body: None,));
                    self.setters.push(quote! {
                        #doc
                        pub fn body(mut self, body: #stored) -> Self { self.params.body = Some(body); self }
                    });
                    self.prepare.push(quote!(if let Some(body) = &self.body {
                        request.json::<#error_ty>(body)?;
                    }));
                }
            }
            Some(Body::Form {
                ty,
                required,
                docs: body_docs,
                deep,
            }) => {
                let stored = rust_type(ty, &quote!(types::));
                let doc = docs::attrs_or(body_docs, "Sets the request body.");
                self.fields.push(quote!(body: Option<#stored>,));
                self.inits.push(quote!(body: None,));
                self.setters.push(quote! {
                    #doc
                    pub fn body(mut self, body: #stored) -> Self { self.params.body = Some(body); self }
                });
                self.prepare.push(required_check("body", *required, false));
                self.prepare.push(quote!(if let Some(body) = &self.body {
                    request.form::<#error_ty>(body, &[#(#deep),*])?;
                }));
            }
            Some(Body::Raw {
                content_type,
                required,
                docs: body_docs,
            }) => {
                let doc = docs::attrs_or(body_docs, "Sets the request body.");
                let setter_doc = format!(" The request body, sent as `{content_type}`.");
                self.fields.push(quote!(body: Option<bytes::Bytes>,));
                self.inits.push(quote!(body: None,));
                self.setters.push(quote! {
                    #doc
                    #[doc = #setter_doc]
                    pub fn body(mut self, body: impl Into<bytes::Bytes>) -> Self { self.params.body = Some(body.into()); self }
                });
                self.prepare.push(required_check("body", *required, false));
                self.prepare.push(quote!(if let Some(body) = &self.body { request.raw(#content_type, body.clone()); }));
            }
            Some(Body::Multipart { parts, .. }) => {
                self.prepare.push(quote!(request.multipart();));
                self.markers.push(quote!(runtime::HasFiles));
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
                            self.fields.push(quote!(#name: Vec<runtime::FilePart>,));
                            self.inits.push(quote!(#name: Vec::new(),));
                            self.setters.push(quote! {
                                #doc
                                pub fn #name(mut self, files: impl IntoIterator<Item = runtime::FilePart>) -> Self {
                                    self.params.#name.extend(files);
                                    self
                                }
                            });
                            if part.required {
                                self.prepare.push(quote!(if self.#name.is_empty() { return Err(Error::InvalidInput(#missing.into())); }));
                            }
                            if let Some(rules) = &part.rules {
                                let field = names::bare(&part.rust_name);
                                let rules = upload_rules(rules);
                                self.prepare.push(
                                    quote!(runtime::upload::validate::<#error_ty>(#field, &#rules, &self.#name)?;),
                                );
                            }
                            self.prepare.push(quote!(for file in &self.#name { request.file_part(#wire, file.clone()); }));
                        }
                        PartKind::File => {
                            self.fields.push(quote!(#name: Option<runtime::FilePart>,));
                            self.inits.push(quote!(#name: None,));
                            self.setters.push(quote! {
                                #doc
                                pub fn #name(mut self, file: runtime::FilePart) -> Self { self.params.#name = Some(file); self }
                            });
                            if part.required {
                                self.prepare.push(quote!(if self.#name.is_none() { return Err(Error::InvalidInput(#missing.into())); }));
                            }
                            self.prepare.push(quote!(if let Some(file) = &self.#name { request.file_part(#wire, file.clone()); }));
                        }
                        PartKind::Text(ty) => {
                            let setter = param_setter(&name, ty, doc, false);
                            self.fields.push(setter.field);
                            self.inits.push(setter.init);
                            self.setters.push(setter.method);
                            let is_list = matches!(ty.non_null(), TypeRef::Array(_));
                            self.prepare.push(required_check(
                                &part.rust_name,
                                part.required,
                                is_list,
                            ));
                            let add = match &part.content_type {
                                Some(ct) => {
                                    quote!(request.typed_part(#wire, runtime::encode::text(value), #ct);)
                                }
                                None => {
                                    quote!(request.text_part(#wire, runtime::encode::text(value));)
                                }
                            };
                            self.prepare.push(if is_list {
                                quote!(for value in &self.#name { #add })
                            } else {
                                quote!(if let Some(value) = &self.#name { #add })
                            });
                        }
                    }
                }
            }
        }
    }
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
