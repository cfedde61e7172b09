//! IR -> `tests/api.rs`: one test per operation, as the official SDKs have, run against a mock
//! server that validates requests against the document (Prism).
//!
//! Each test makes a call with only the required arguments, a call with every argument, and one
//! call per documented error status (`Prefer: code=NNN` asks Prism for it). Argument values are the
//! IR's samples: the spec's examples, else values synthesized to fit the schema.

use std::collections::BTreeMap;
use std::sync::Arc;

use proc_macro2::TokenStream;
use quote::quote;
use serde_json::Value;

use super::format::Item;
use super::jobs::Piece;
use super::types::{ident, rust_type};
use crate::ir::{
    Api, Body, Operation, PartKind, ResponseContent, StatusMatch, TypeRef, UploadRules,
};

/// The hand-written helpers the tests share, copied into every crate as `tests/support/mod.rs`.
pub const SUPPORT: &str = include_str!("../../runtime/testing/support.rs");

/// Operations per job (see `jobs`).
const TESTS_PER_PIECE: usize = 24;

/// `tests/api.rs` as runs of items: its head, then one test per operation, a run at a time.
pub fn plan_tests(api: &Api) -> Vec<Piece<'_>> {
    let names = Arc::new(test_names(&api.operations));
    let mut pieces: Vec<Piece<'_>> = vec![Box::new(|| {
        let krate = ident(&api.package.name.replace('-', "_"));
        vec![Item::Code(quote! {
            //! One test per operation against a mock server that checks each request against the API
            //! document, as the official SDKs test theirs:
            //!
            //! ```text
            //! cargo xtask openapi --out openapi.json && prism mock openapi.json
            //! TEST_API_BASE_URL=http://127.0.0.1:4010 cargo test --test api
            //! ```
            //!
            //! Without `TEST_API_BASE_URL` every test skips with a printed reason.
            #![allow(deprecated, clippy::too_many_lines)]

            mod support;

            #[allow(unused_imports)]
            use #krate as api;
        })]
    })];
    for start in (0..api.operations.len()).step_by(TESTS_PER_PIECE) {
        let names = Arc::clone(&names);
        pieces.push(Box::new(move || {
            let end = (start + TESTS_PER_PIECE).min(api.operations.len());
            api.operations[start..end]
                .iter()
                .zip(&names[start..end])
                .map(|(op, name)| {
                    let cfg = super::features::feature_cfg(op.call.feature.as_ref());
                    let test = emit_test(op, name, &call_tokens(&op.call));
                    Item::Code(quote!(#cfg #test))
                })
                .collect()
        }));
    }
    pieces
}

/// `.skills().versions().create`, to follow `client`.
fn call_tokens(call: &crate::ir::Call) -> TokenStream {
    let handles = call.handles.iter().map(|h| ident(h));
    let method = ident(&call.method);
    quote!(#(. #handles ())* . #method)
}

fn emit_test(op: &Operation, name: &str, call: &TokenStream) -> TokenStream {
    let name = ident(name);
    let label = format!("{} {}", op.method.as_str(), op.path_key());
    let path_args: Vec<TokenStream> = op
        .path_params
        .iter()
        .map(|p| arg_value(&p.ty, op.samples.args.get(&p.rust_name)))
        .collect();
    let required_body = op.body.as_ref().and_then(|b| match b {
        Body::Json {
            ty, required: true, ..
        } => Some(body_value(ty, op.samples.body_required.as_ref())),
        _ => None,
    });
    let full_body = op.body.as_ref().and_then(|b| match b {
        Body::Json {
            ty, required: true, ..
        } => Some(body_value(ty, op.samples.body_full.as_ref())),
        _ => None,
    });
    // Required query and header parameters follow the path's, as the method takes them.
    let required_params: Vec<TokenStream> = op
        .required_params()
        .map(|p| arg_value(&p.ty, op.samples.args.get(&p.rust_name)))
        .collect();
    let positional = |body: Option<TokenStream>| {
        let mut args = path_args.clone();
        args.extend(required_params.iter().cloned());
        args.extend(body);
        quote!(#(#args),*)
    };
    let required_args = positional(required_body);
    let full_args = positional(full_body);

    // Prism 5.16.1 dies (`Cannot read properties of undefined (reading 'split')`) on a request
    // that leaves out an optional array header, so every call sends those.
    let prism_needs = |h: &&crate::ir::HeaderParam| {
        !h.param.required
            && h.default_values.is_empty()
            && matches!(h.param.ty.non_null(), TypeRef::Array(_))
    };
    let mut required_setters = Vec::new();
    let mut full_setters = Vec::new();
    let mut doc = format!(" `{label}`");
    for h in &op.header_params {
        let setter = setter(
            &h.param.rust_name,
            &h.param.ty,
            op.samples.args.get(&h.param.rust_name),
        );
        if h.param.required {
            continue;
        }
        if prism_needs(&h) {
            required_setters.push(setter.clone());
        }
        full_setters.push(setter);
    }
    if let Some(h) = op.header_params.iter().find(prism_needs) {
        doc.push_str(&format!(
            "\n\n Prism 5.16.1 dies on a request without the optional array header `{}`, so the\n required-only call sends it too.",
            h.param.wire_name
        ));
    }
    for p in &op.query_params {
        if p.required {
            continue;
        }
        full_setters.push(setter(
            &p.rust_name,
            &p.ty,
            op.samples.args.get(&p.rust_name),
        ));
    }
    match &op.body {
        Some(Body::Json {
            ty,
            required: false,
            ..
        }) => {
            full_setters.push(body_setter(ty, op.samples.body_full.as_ref()));
        }
        Some(Body::Form { ty, required, .. }) => {
            full_setters.push(body_setter(ty, op.samples.body_full.as_ref()));
            if *required {
                required_setters.push(body_setter(ty, op.samples.body_required.as_ref()));
            }
        }
        Some(Body::Raw { required, .. }) => {
            let raw = quote!(.body(&b"sample body"[..]));
            if *required {
                required_setters.push(raw.clone());
            }
            full_setters.push(raw);
        }
        Some(Body::Multipart {
            parts, required, ..
        }) => {
            // A required form whose parts are all optional (exude's `data` or `links`) is no body
            // without one: the required-only call sets the first.
            let set_first = *required
                && !parts
                    .iter()
                    .any(|p| p.required || p.rules.as_ref().is_some_and(|r| r.non_empty));
            for (i, part) in parts.iter().enumerate() {
                let name = ident(&part.rust_name);
                let setter = match &part.kind {
                    PartKind::FileArray => {
                        let files = file_set(part.rules.as_ref())
                            .into_iter()
                            .map(|(path, contents)| quote!(support::file(#path, #contents)));
                        quote!(.#name([#(#files),*]))
                    }
                    PartKind::File => quote!(.#name(support::file("sample.txt", "sample file\n"))),
                    PartKind::Text(ty) => {
                        setter(&part.rust_name, ty, op.samples.args.get(&part.rust_name))
                    }
                };
                // A non-empty rule makes an optional file list required in practice.
                if part.required
                    || part.rules.as_ref().is_some_and(|r| r.non_empty)
                    || (set_first && i == 0)
                {
                    required_setters.push(setter.clone());
                }
                full_setters.push(setter);
            }
        }
        Some(Body::Json { .. }) | None => {}
    }

    let typed_error = op.error.as_ref().is_some_and(|e| e.ty.is_some());
    let statuses = error_statuses(op);
    // A declared `Accept` enum narrowed the header to a success media type (lower's
    // `operations::accept`): a mock that negotiates cannot answer with a JSON error body.
    let negotiable = !typed_error || !op.accept_listed;
    let (full_send, errors) = if statuses.is_empty() {
        (quote!(full), quote!())
    } else if !negotiable {
        let statuses = statuses
            .into_iter()
            .map(|(s, _)| proc_macro2::Literal::u16_unsuffixed(s));
        let errors = quote! {
            support::errors_not_negotiable(#label, &[#(#statuses),*]);
        };
        (quote!(full), errors)
    } else {
        let typed = statuses
            .iter()
            .filter(|(_, typed)| *typed)
            .map(|(s, _)| proc_macro2::Literal::u16_unsuffixed(*s));
        let statuses = statuses
            .iter()
            .map(|(s, _)| proc_macro2::Literal::u16_unsuffixed(*s));
        let errors = quote! {
            support::expect_errors(
                #label,
                &[#(#statuses),*],
                &[#(#typed),*],
                |prefer| full.clone().extra_header("Prefer", prefer).send_with_meta(),
            ).await;
        };
        (quote!(full.clone()), errors)
    };
    // A streamed body is read to its end, so that every line or chunk is decoded and checked.
    let streamed = matches!(
        op.success.as_ref().map(|s| &s.content),
        Some(ResponseContent::JsonLines { .. } | ResponseContent::Bytes)
    );
    let outcome = |call: TokenStream| {
        if streamed {
            quote!(support::drained(#call.send_with_meta().await).await)
        } else {
            quote!(#call.send_with_meta().await)
        }
    };
    let required_outcome = outcome(quote!(required));
    let full_outcome = outcome(full_send.clone());
    // A list walks up to two pages, each decoded; the mock's cursors bound the walk.
    let paged = if let Some(pagination) = &op.pagination {
        let pages_label = format!("{label} (pages)");
        // A cursor written into an optional body would go alone on the second page: the walk
        // sends the body's required members, which the server pages over.
        let body = match &op.body {
            Some(Body::Json {
                ty,
                required: false,
                ..
            }) if pagination.writes_body() => {
                Some(body_setter(ty, op.samples.body_required.as_ref()))
            }
            _ => None,
        };
        quote! {
            support::expect_pages(#pages_label, client #call (#required_args) #(#required_setters)* #body .pages()).await;
        }
    } else {
        quote!()
    };
    // With no success status in the document, a mock answers a declared error.
    let declares_success = op.success.is_some()
        || op
            .error
            .as_ref()
            .is_none_or(|e| e.statuses.contains(&StatusMatch::Default));
    let expect = if declares_success {
        quote!(expect_success)
    } else {
        quote!(expect_accepted)
    };
    let required_label = format!("{label} (required arguments)");
    let full_label = format!("{label} (every argument)");
    let test_name = name.to_string();
    quote! {
        #[doc = #doc]
        #[tokio::test]
        async fn #name() {
            let Some(client) = support::client(#test_name) else { return };
            let required = client #call (#required_args) #(#required_setters)*;
            support::#expect(#required_label, #required_outcome);
            let full = client #call (#full_args) #(#full_setters)*;
            support::#expect(#full_label, #full_outcome);
            #paged
            #errors
        }
    }
}

/// The generated test of each operation, e.g. `beta_files_list`: the resource chain and the
/// method, in snake case. Two operations that would share a name are told apart by their HTTP
/// method and then their route's last literal segment before a number is added.
pub fn test_names(ops: &[Operation]) -> Vec<String> {
    let base = |op: &Operation| {
        let mut parts: Vec<&str> = op.resource.iter().map(|r| crate::names::bare(r)).collect();
        parts.push(crate::names::bare(&op.method_name));
        snake_join(&parts)
    };
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for op in ops {
        *counts.entry(base(op)).or_default() += 1;
    }
    let mut scope = crate::names::Scope::new();
    ops.iter()
        .map(|op| {
            let name = base(op);
            if counts[&name] == 1 {
                return scope.unique(name);
            }
            let last = op
                .path
                .split('?')
                .next()
                .unwrap_or_default()
                .rsplit('/')
                .find(|s| !s.is_empty() && !s.starts_with('{'))
                .unwrap_or_default();
            let candidates = [
                snake_join(&[&name, &op.method.as_str().to_ascii_lowercase()]),
                snake_join(&[
                    &name,
                    &op.method.as_str().to_ascii_lowercase(),
                    &crate::names::snake(last),
                ]),
            ];
            match candidates.into_iter().find(|c| !scope.is_taken(c)) {
                Some(c) => scope.unique(c),
                None => scope.unique(name),
            }
        })
        .collect()
}

/// Joins name parts with one underscore, whatever underscores they bring: `a`, `_2017` -> `a_2017`.
fn snake_join(parts: &[&str]) -> String {
    let joined = parts.join("_");
    let mut out = String::with_capacity(joined.len());
    for c in joined.chars() {
        if c == '_' && (out.is_empty() || out.ends_with('_')) {
            continue;
        }
        out.push(c);
    }
    let out = out.trim_end_matches('_').to_string();
    if out.starts_with(|c: char| c.is_ascii_digit())
        || out.is_empty()
        || crate::names::is_keyword(&out)
    {
        format!("test_{out}")
    } else {
        out
    }
}

/// The error statuses the document names, each with whether its body must decode into the typed
/// error (the operation has one and that status documents a JSON body). A range stands for its
/// first status (`4XX` -> 400); `default` for 500 when no 5xx status is named.
fn error_statuses(op: &Operation) -> Vec<(u16, bool)> {
    let Some(error) = &op.error else {
        return Vec::new();
    };
    let typed = |s: &StatusMatch| error.ty.is_some() && !error.without_body.contains(s);
    let mut out: Vec<(u16, bool)> = Vec::new();
    for s in &error.statuses {
        let status = match s {
            StatusMatch::Code(c) if *c >= 400 => *c,
            StatusMatch::Range(r) if *r >= 4 => u16::from(*r) * 100,
            _ => continue,
        };
        if !out.iter().any(|(o, _)| *o == status) {
            out.push((status, typed(s)));
        }
    }
    if error.statuses.contains(&StatusMatch::Default) && !out.iter().any(|(s, _)| *s >= 500) {
        out.push((500, typed(&StatusMatch::Default)));
    }
    out.sort_unstable();
    out
}

/// A file set that passes the operation's upload rules: a directory with its required root file,
/// or a single text file.
fn file_set(rules: Option<&UploadRules>) -> Vec<(String, String)> {
    match rules.and_then(|r| r.required_root_file.as_deref()) {
        Some(root_file) => vec![
            (
                format!("sample/{root_file}"),
                "---\nname: sample\ndescription: A sample for the API tests.\n---\n\nSample.\n"
                    .to_string(),
            ),
            ("sample/notes.txt".to_string(), "notes\n".to_string()),
        ],
        // Two files: a list of one part is a plain field to a server that parses the form
        // without the schema (Prism reads `file` as a string, then wants an array).
        None if rules.is_some_and(|r| r.single_top_level_dir) => vec![
            ("sample/sample.txt".to_string(), "sample file\n".to_string()),
            ("sample/notes.txt".to_string(), "notes\n".to_string()),
        ],
        None => vec![
            ("sample.txt".to_string(), "sample file\n".to_string()),
            ("notes.txt".to_string(), "notes\n".to_string()),
        ],
    }
}

fn body_setter(ty: &TypeRef, sample: Option<&Value>) -> TokenStream {
    let value = body_value(ty, sample);
    quote!(.body(#value))
}

/// A body argument keeps its exact type, `Option` included.
fn body_value(ty: &TypeRef, sample: Option<&Value>) -> TokenStream {
    let rust = rust_type(ty, &quote!(api::types::));
    let json = sample.unwrap_or(&Value::Null).to_string();
    quote!(support::sample::<#rust>(#json))
}

fn setter(rust_name: &str, ty: &TypeRef, sample: Option<&Value>) -> TokenStream {
    let name = ident(rust_name);
    let value = arg_value(ty, sample);
    quote!(.#name(#value))
}

/// The argument expression for a sample: a literal where the setter takes one, else the JSON
/// decoded into the argument's type at run time.
fn arg_value(ty: &TypeRef, sample: Option<&Value>) -> TokenStream {
    let null = Value::Null;
    let sample = sample.unwrap_or(&null);
    let ty = ty.non_null();
    // A list parameter whose example is one value.
    if matches!(ty, TypeRef::Array(_)) && !sample.is_array() && !sample.is_null() {
        return arg_value(ty, Some(&Value::Array(vec![sample.clone()])));
    }
    match (ty, sample) {
        (TypeRef::String, Value::String(s)) => quote!(#s),
        // A string argument given a non-string example: its JSON text.
        (TypeRef::String, other) => {
            let text = other.to_string();
            quote!(#text)
        }
        (TypeRef::Integer, Value::Number(n)) if n.is_i64() => {
            let n = n.as_i64().unwrap_or_default();
            quote!(#n)
        }
        (TypeRef::Boolean, Value::Bool(b)) => quote!(#b),
        // `[]` leaves the item type to infer, which `impl Into<String>` cannot: an empty list
        // goes through `sample` below, typed.
        (TypeRef::Array(item), Value::Array(values))
            if **item == TypeRef::String
                && !values.is_empty()
                && values.iter().all(Value::is_string) =>
        {
            let values = values.iter().filter_map(Value::as_str);
            quote!([#(#values),*])
        }
        _ => {
            let rust = rust_type(ty, &quote!(api::types::));
            let json = sample.to_string();
            quote!(support::sample::<#rust>(#json))
        }
    }
}

#[cfg(test)]
mod arg_tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn list_arguments_are_typed_even_when_empty() {
        let list = TypeRef::Array(Box::new(TypeRef::String));
        let text = |sample: Value| arg_value(&list, Some(&sample)).to_string();
        assert_eq!(text(json!(["a", "b"])), quote!(["a", "b"]).to_string());
        assert_eq!(text(json!("a")), quote!(["a"]).to_string());
        let empty = text(json!([])).replace(' ', "");
        assert_eq!(empty, r#"support::sample::<Vec<String>>("[]")"#);
    }
}
