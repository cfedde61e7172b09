//! Operations: parameters, bodies, responses and the error union.

mod accept;
mod bodies;
mod code_samples;
mod constants;
mod content_type;
mod credentials;
mod naming;
mod paging;
mod query_objects;
mod reserved_paths;
mod responses;

pub(crate) use responses::status_words;

use std::collections::BTreeSet;

use bodies::is_binary;
use constants::constant_value;
use responses::{is_json, resolve_component};

use openapiv3::{
    MediaType, Operation as OaOperation, Parameter, ParameterSchemaOrContent, ReferenceOr,
    RequestBody, Response, Schema, SchemaKind, StatusCode, Type,
};

use super::resources;
use super::samples::{Coverage, Sampler};
use super::streams;
use super::types::{At, TypeSpace};
use crate::config::Config;
use crate::diag::{Diagnostic, Diagnostics};
use crate::ir::{
    AuthScheme, Body, Docs, ErrorResponse, HeaderParam, HeaderSerialization, HttpMethod,
    MultipartPart, Operation, Param, PartKind, PathSegment, QueryArray, ResponseContent, Samples,
    StatusMatch, SuccessResponse, TypeRef,
};
use crate::load::merge::{LoadedApi, operation_key};
use crate::names::{self, Scope};

/// Builder methods every request has; parameters must not take these names.
const BUILDER_METHODS: &[&str] = &[
    "new",
    "send",
    "send_with_meta",
    "send_raw",
    "timeout",
    "max_retries",
    "extra_header",
    "extra_query",
    "extra_body",
    "of",
    "options",
    "on_progress",
    "client",
    "body",
    "to_request",
    "pages",
    "items",
];
/// Headers that OpenAPI says to ignore as parameters.
const IGNORED_HEADERS: &[&str] = &["accept", "content-type", "authorization"];

const METHODS: &[(&str, HttpMethod)] = &[
    ("get", HttpMethod::Get),
    ("put", HttpMethod::Put),
    ("post", HttpMethod::Post),
    ("delete", HttpMethod::Delete),
    ("options", HttpMethod::Options),
    ("head", HttpMethod::Head),
    ("patch", HttpMethod::Patch),
];

pub fn lower_operations(
    config: &Config,
    loaded: &LoadedApi,
    space: &mut TypeSpace,
    schemes: &[AuthScheme],
) -> Result<(Vec<Operation>, Vec<Diagnostic>), Diagnostics> {
    let all_paths: Vec<&str> = loaded
        .openapi
        .paths
        .paths
        .keys()
        .map(|p| route(p))
        .collect();
    let mount = resources::Mount::of(&all_paths);
    let mut diags = Diagnostics::default();
    let mut out = Vec::new();
    let mut naming = naming::Naming::new(&all_paths, mount);
    let warnings = std::cell::RefCell::new(Vec::new());
    for (path, item) in &loaded.openapi.paths.paths {
        let ReferenceOr::Item(item) = item else {
            continue;
        };
        for (method_key, method) in METHODS {
            let op = match *method_key {
                "get" => &item.get,
                "put" => &item.put,
                "post" => &item.post,
                "delete" => &item.delete,
                "options" => &item.options,
                "head" => &item.head,
                _ => &item.patch,
            };
            let Some(op) = op else { continue };
            let key = operation_key(method_key, path);
            let at = At::new(
                loaded.file_of_operation(&key).clone(),
                format!("paths.{path}.{method_key}"),
            );
            let ctx = OpCtx {
                samples: Default::default(),
                warnings: &warnings,
                config,
                loaded,
                path: route(path),
                fixed_query: fixed_query(path),
                fragment: fragment(path.split('?').next().unwrap_or(path)).map(str::to_string),
                schemes,
                method: *method,
                at: &at,
                key: &key,
                bracketed_parts: code_samples::bracketed_fields(op),
            };
            match ctx.lower(op, &item.parameters, space, &mut naming) {
                Ok(o) => out.push(o),
                Err(d) => diags.push(d),
            }
        }
    }
    // A misspelled key would silently change nothing.
    let keys: BTreeSet<String> = loaded
        .openapi
        .paths
        .paths
        .iter()
        .filter_map(|(path, item)| Some((path, item.as_item()?)))
        .flat_map(|(path, item)| {
            item.iter()
                .map(move |(method, _)| operation_key(method, path))
        })
        .collect();
    for key in config.operations.keys().filter(|k| !keys.contains(*k)) {
        diags.push(Diagnostic::at_path(
            &config.file,
            format!("operations.\"{key}\""),
            "names no operation of the spec (keys are `METHOD /path`, as the spec writes the path)",
        ));
    }
    if diags.is_empty() {
        Ok((out, crate::diag::collapse_repeats(warnings.into_inner())))
    } else {
        Err(diags)
    }
}

/// The path without a query suffix or a fragment: the Stainless documents write
/// `/v1/files?beta=true`, an SDK habit that is not part of the route (REFERENCE.md §1), and the
/// APIs.guru AWS documents key operations on one route apart with a fragment
/// (`/tags/{arn}#tagKeys`, `/#Action=AddTags`), which a client never sends.
pub(crate) fn route(path: &str) -> &str {
    let path = path.split('?').next().unwrap_or(path);
    match fragment(path) {
        Some(f) => &path[..path.len() - f.len() - 1],
        None => path,
    }
}

/// The fragment of a path key, when it is one: a `#` mid-path that runs on into more segments or
/// parameters (`/send/#env/v1/partners/{partnerId}`) is the document's typo, and stays part of
/// the path as written.
pub(crate) fn fragment(path: &str) -> Option<&str> {
    let (_, fragment) = path.split_once('#')?;
    (!fragment.contains(['/', '{'])).then_some(fragment)
}

/// The query a path key fixes, e.g. `beta=true` in `/v1/files?beta=true`: the SDKs send it on
/// every call, and a document may key the same route with and without it. A templated pair
/// (`city_id={city_id}`) fixes nothing: its parameter is a query parameter.
pub(crate) fn fixed_query(path: &str) -> Vec<(String, String)> {
    let path = path.split('#').next().unwrap_or(path);
    match path.split_once('?') {
        Some((_, query)) => form_urlencoded::parse(query.as_bytes())
            .filter(|(_, v)| !(v.starts_with('{') && v.ends_with('}')))
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect(),
        None => Vec::new(),
    }
}

/// An operation's lowered responses, and the raw success schema for pagination hints.
struct Responses {
    success: Option<SuccessResponse>,
    accept: Option<String>,
    /// The headers the success response declares, by name (`Link`, a continuation token).
    headers: Vec<String>,
    error: Option<ErrorResponse>,
    success_schema: Option<ReferenceOr<Schema>>,
}

/// An operation's parameters by place, and its path template.
struct Inputs {
    /// Required query parameters of one allowed value, sent on every call.
    constant_query: Vec<(String, String)>,
    /// Required header parameters of one allowed value, sent on every call.
    constant_headers: Vec<(String, String)>,
    segments: Vec<PathSegment>,
    path_params: Vec<Param>,
    query_params: Vec<Param>,
    header_params: Vec<HeaderParam>,
}

struct OpCtx<'a> {
    samples: std::cell::RefCell<Samples>,
    /// What was assumed where the document breaks a rule but leaves one reading.
    warnings: &'a std::cell::RefCell<Vec<Diagnostic>>,
    config: &'a Config,
    loaded: &'a LoadedApi,
    path: &'a str,
    fixed_query: Vec<(String, String)>,
    fragment: Option<String>,
    schemes: &'a [AuthScheme],
    method: HttpMethod,
    at: &'a At,
    key: &'a str,
    /// Array parts of a multipart body that go out as `name[]` (`code_samples`).
    bracketed_parts: BTreeSet<String>,
}

impl OpCtx<'_> {
    /// One operation, in steps: its names, its credentials, its parameters, body and
    /// responses, how it pages and whether it streams.
    fn lower(
        &self,
        op: &OaOperation,
        shared_params: &[ReferenceOr<Parameter>],
        space: &mut TypeSpace,
        naming: &mut naming::Naming<'_>,
    ) -> Result<Operation, Diagnostic> {
        let overrides = self
            .config
            .operations
            .get(self.key)
            .cloned()
            .unwrap_or_default();
        let naming::Names {
            id,
            id_from_path,
            type_stem,
            resource,
            method_name,
            place,
        } = self.names(op, &overrides, naming);

        let mut scope = Scope::new();
        for m in BUILDER_METHODS {
            scope.reserve(m);
        }
        if overrides.stream.is_some() {
            scope.reserve("stream");
            scope.reserve("stream_with_meta");
        }
        let mut params = self.parameters(op, shared_params)?;
        let (auth, auth_optional) = self.security(op, &mut params)?;
        let Inputs {
            segments,
            path_params,
            query_params,
            header_params,
            constant_query,
            constant_headers,
        } = self.inputs(&params, &type_stem, space, &mut scope)?;
        let body = match &op.request_body {
            Some(b) => self.body(b, &type_stem, space, &mut scope)?,
            None => None,
        };
        let constant_headers =
            content_type::unless_body_sent(constant_headers, body.as_ref(), &params);
        let Responses {
            success,
            accept,
            headers: success_headers,
            error,
            success_schema,
        } = self.responses(op, &type_stem, space)?;
        let (accept, accept_listed) =
            accept::narrowed(accept, &params, self.components().map(|c| &c.schemas));
        let (pagination, unpaged) = self.paging(
            op,
            &overrides,
            &paging::Lowered {
                params: &params,
                query: &query_params,
                body: body.as_ref(),
                success: success.as_ref(),
                headers: &success_headers,
                header_params: &header_params,
                success_schema: success_schema.as_ref(),
            },
            space,
        )?;
        let events = self.events(&overrides, body.as_ref(), space)?;
        let redirect_outcome = success
            .as_ref()
            .is_some_and(|s| responses::is_redirect(&s.status));
        Ok(Operation {
            id,
            id_from_path,
            type_stem,
            method: self.method,
            path: self.path.to_string(),
            fixed_query: self.fixed_query.clone(),
            fragment: self.fragment.clone(),
            constant_query,
            constant_headers,
            auth,
            auth_optional,
            segments,
            resource,
            method_name,
            place,
            path_params,
            query_params,
            header_params,
            body,
            success,
            error,
            accept,
            accept_listed,
            redirect_outcome,
            pagination,
            unpaged,
            events,
            docs: Docs {
                title: op.summary.clone(),
                description: op.description.clone(),
                values: None,
            },
            deprecated: op.deprecated,
            samples: self.samples.take(),
            // Named with every other operation in view, by `lower::shape`.
            call: Default::default(),
        })
    }

    /// The security alternatives the operation accepts; a parameter that repeats a credential
    /// the client sends (`api_key` as a header parameter beside the scheme) is the client's, not
    /// the caller's, and leaves `params`.
    fn security(
        &self,
        op: &OaOperation,
        params: &mut Vec<Parameter>,
    ) -> Result<(Vec<Vec<String>>, bool), Diagnostic> {
        let declares_authorization = params.iter().any(|p| {
            matches!(p, Parameter::Header { .. })
                && p.parameter_data_ref()
                    .name
                    .eq_ignore_ascii_case(super::auth::IMPLIED)
        });
        let auth_optional = op
            .security
            .as_deref()
            .is_some_and(|alternatives| alternatives.iter().any(|a| a.is_empty()));
        let auth = super::auth::operation_schemes(
            op.security.as_deref(),
            declares_authorization,
            self.schemes,
            self.loaded,
            self.at,
        )?;
        let auth = credentials::required_together(auth, self.schemes, params, |message| {
            let at = self.at.join("security");
            self.warnings.borrow_mut().push(at.err(message));
        });
        let credential = |p: &Parameter| {
            self.schemes
                .iter()
                .filter(|s| auth.iter().flatten().any(|n| n == &s.name))
                .any(|s| credentials::repeats(s, p))
        };
        params.retain(|p| !credential(p));
        Ok((auth, auth_optional))
    }

    /// The event stream the configuration declares, with the samples' flag turned off: the
    /// plain send refuses the flag, and its tests ask for the whole answer.
    fn events(
        &self,
        overrides: &crate::config::OperationOverride,
        body: Option<&Body>,
        space: &mut TypeSpace,
    ) -> Result<Option<crate::ir::EventStream>, Diagnostic> {
        let events = match &overrides.stream {
            Some(stream) => Some(streams::lower(stream, self.key, body, space, self.at)?),
            None => None,
        };
        if let Some(events) = &events {
            let mut samples = self.samples.borrow_mut();
            let samples = &mut *samples;
            for body in [&mut samples.body_required, &mut samples.body_full]
                .into_iter()
                .flatten()
            {
                if let Some(object) = body.as_object_mut()
                    && object.contains_key(&events.flag.wire_name)
                {
                    object.insert(events.flag.wire_name.clone(), false.into());
                }
            }
        }
        Ok(events)
    }

    /// The path, query and header parameters, each named in the operation's scope, and the
    /// path template's segments.
    fn inputs(
        &self,
        params: &[Parameter],
        type_stem: &str,
        space: &mut TypeSpace,
        scope: &mut Scope,
    ) -> Result<Inputs, Diagnostic> {
        let (segments, template_names) = self.template()?;
        let undefined = super::lenient::undefined_template_variables(
            &template_names,
            params,
            self.path,
            self.at,
        )?;
        let mut path_params = Vec::new();
        for name in &template_names {
            if undefined.contains(&name) {
                let (implied, warning) =
                    super::lenient::implied_path_parameter(name, self.path, self.at);
                self.warnings.borrow_mut().push(warning);
                path_params.push(self.param(&implied, "", type_stem, space, scope)?);
                continue;
            }
            let Some((i, p)) = params.iter().enumerate().find(|(_, p)| {
                matches!(p, Parameter::Path { .. }) && p.parameter_data_ref().name == *name
            }) else {
                continue;
            };
            path_params.push(self.param(
                p,
                &format!("parameters[{i}]"),
                type_stem,
                space,
                scope,
            )?);
        }
        let mut query_params = Vec::new();
        let mut header_params = Vec::new();
        let mut constant_query = Vec::new();
        let mut constant_headers = Vec::new();
        let schemas = self.components().map(|c| &c.schemas);
        for (i, p) in params.iter().enumerate() {
            let data = p.parameter_data_ref();
            let where_ = format!("parameters[{i}]");
            match p {
                Parameter::Path { .. } => {
                    if !template_names.contains(&data.name) {
                        return Err(self.at.join(&where_).err(format!(
                            "path parameter `{}` does not appear in the path template `{}`",
                            data.name, self.path
                        )));
                    }
                }
                Parameter::Query { .. } => match constant_value(p, schemas) {
                    Some(value) => constant_query.push((data.name.clone(), value)),
                    None => query_params.push(self.param(p, &where_, type_stem, space, scope)?),
                },
                Parameter::Header { .. } => {
                    let lower = data.name.to_ascii_lowercase();
                    if let Some(value) = content_type::bodiless_value(p, schemas) {
                        constant_headers.push((data.name.clone(), value));
                        continue;
                    }
                    if IGNORED_HEADERS.contains(&lower.as_str())
                        || self.config.client_header(&data.name).is_some()
                    {
                        continue;
                    }
                    match constant_value(p, schemas) {
                        Some(value) => constant_headers.push((data.name.clone(), value)),
                        None => {
                            header_params.push(self.header(p, &where_, type_stem, space, scope)?)
                        }
                    }
                }
                // Cookies are not part of any API this generator targets yet.
                Parameter::Cookie { .. } => {}
            }
        }
        Ok(Inputs {
            segments,
            path_params,
            query_params,
            header_params,
            constant_query,
            constant_headers,
        })
    }

    fn sampler(&self) -> Sampler<'_> {
        Sampler::new(self.components().map(|c| &c.schemas))
    }

    /// Path-item parameters, overridden by the operation's own with the same name and location.
    fn parameters(
        &self,
        op: &OaOperation,
        shared: &[ReferenceOr<Parameter>],
    ) -> Result<Vec<Parameter>, Diagnostic> {
        let mut out: Vec<Parameter> = Vec::new();
        for (i, p) in shared.iter().chain(&op.parameters).enumerate() {
            let p = self.resolve_param(p, i)?;
            let same = |q: &Parameter| {
                q.parameter_data_ref().name == p.parameter_data_ref().name
                    && std::mem::discriminant(q) == std::mem::discriminant(&p)
            };
            out.retain(|q| !same(q));
            out.push(p);
        }
        Ok(out)
    }

    fn resolve_param(&self, p: &ReferenceOr<Parameter>, i: usize) -> Result<Parameter, Diagnostic> {
        let at = self.at.join(format!("parameters[{i}]"));
        resolve_component(p, "parameters", |c| &c.parameters, self.components(), &at).cloned()
    }

    fn components(&self) -> Option<&openapiv3::Components> {
        self.loaded.openapi.components.as_ref()
    }

    fn template(&self) -> Result<(Vec<PathSegment>, Vec<String>), Diagnostic> {
        let mut segments = Vec::new();
        let mut names_ = Vec::new();
        let mut rest = self.path;
        while let Some(open) = rest.find('{') {
            if open > 0 {
                segments.push(PathSegment::Literal(rest[..open].to_string()));
            }
            let Some(close) = rest[open..].find('}') else {
                return Err(self.at.err(format!(
                    "path template `{}` has an unclosed `{{`",
                    self.path
                )));
            };
            let name = &rest[open + 1..open + close];
            if name.is_empty() {
                return Err(self.at.err(format!(
                    "path template `{}` has an empty parameter",
                    self.path
                )));
            }
            // A name the template repeats (`/{location}/.../{location}`) is one parameter, sent
            // in each place.
            match names_.iter().position(|n| n == name) {
                Some(i) => segments.push(PathSegment::Param(i)),
                None => {
                    segments.push(PathSegment::Param(names_.len()));
                    names_.push(name.to_string());
                }
            }
            rest = &rest[open + close + 1..];
        }
        if !rest.is_empty() {
            segments.push(PathSegment::Literal(rest.to_string()));
        }
        Ok((segments, names_))
    }

    fn param_schema<'p>(
        &self,
        p: &'p Parameter,
        at: &At,
    ) -> Result<&'p ReferenceOr<Schema>, Diagnostic> {
        match &p.parameter_data_ref().format {
            ParameterSchemaOrContent::Schema(s) => Ok(s),
            ParameterSchemaOrContent::Content(c) => c
                .values()
                .next()
                .and_then(|m| m.schema.as_ref())
                .ok_or_else(|| at.err("parameter has neither `schema` nor a `content` schema")),
        }
    }

    fn param(
        &self,
        p: &Parameter,
        where_: &str,
        stem: &str,
        space: &mut TypeSpace,
        scope: &mut Scope,
    ) -> Result<Param, Diagnostic> {
        let data = p.parameter_data_ref();
        let at = self.at.join(where_);
        let schema = self.param_schema(p, &at)?;
        let ty = space.lower(
            schema,
            &format!("{stem}{}", names::bare(&names::camel(&data.name))),
            &at.join("schema"),
            0,
        )?;
        let mut docs = param_docs(data.description.as_ref(), schema, data.required);
        // A name taken by a builder method or another parameter says where it goes
        // (`client_query`, `id_header`) before it takes a number.
        let plain = names::snake(&data.name);
        let location = match p {
            Parameter::Query { .. } => "query",
            Parameter::Header { .. } => "header",
            Parameter::Path { .. } => "path",
            Parameter::Cookie { .. } => "cookie",
        };
        let qualified = format!("{}_{location}", names::bare(&plain));
        let rust_name = if scope.is_taken(&plain) && !scope.is_taken(&qualified) {
            scope.unique(qualified)
        } else {
            scope.unique(plain)
        };
        // The parameter's own `example` (or first `examples` value) when it fits the schema: a
        // UUID path parameter is sent as the document's UUID. Published pages put a cursor's
        // example beside a `format: date-time` schema, which a validating server refuses, so an
        // example that does not fit gives way to one made from the schema.
        let own = data.example.clone().or_else(|| {
            data.examples.values().find_map(|e| match e {
                ReferenceOr::Item(e) => e.value.clone(),
                ReferenceOr::Reference { .. } => None,
            })
        });
        let sampler = self.sampler();
        let path = matches!(p, Parameter::Path { .. });
        let sample = match own {
            Some(example)
                if sampler.accepts(schema, &example) && !(path && example.as_str() == Some("")) =>
            {
                example
            }
            _ if path => sampler.path_segment(schema),
            _ => sampler.sample(schema, Coverage::Full),
        };
        self.samples
            .borrow_mut()
            .args
            .insert(rust_name.clone(), sample);
        let array = match p {
            Parameter::Query {
                style,
                parameter_data,
                ..
            } if parameter_data.explode == Some(false) => match style {
                openapiv3::QueryStyle::SpaceDelimited => QueryArray::Joined(' '),
                openapiv3::QueryStyle::PipeDelimited => QueryArray::Joined('|'),
                _ => QueryArray::Joined(','),
            },
            _ => QueryArray::Exploded,
        };
        let object = query_objects::object_style(p, &ty, space);
        let spans_segments = reserved_paths::spans_segments(p);
        if spans_segments {
            docs.note_first(reserved_paths::NOTE);
        }
        Ok(Param {
            wire_name: data.name.clone(),
            rust_name,
            ty,
            required: data.required,
            docs,
            deprecated: data.deprecated.unwrap_or(false),
            array,
            object,
            spans_segments,
        })
    }

    fn header(
        &self,
        p: &Parameter,
        where_: &str,
        stem: &str,
        space: &mut TypeSpace,
        scope: &mut Scope,
    ) -> Result<HeaderParam, Diagnostic> {
        let list = self.config.list_header(&p.parameter_data_ref().name);
        let mut param = self.param(p, where_, stem, space, scope)?;
        if let Some(rust) = list.and_then(|l| l.rust_name.clone()) {
            let renamed = scope.unique(rust);
            let mut samples = self.samples.borrow_mut();
            if let Some(sample) = samples.args.remove(&param.rust_name) {
                samples.args.insert(renamed.clone(), sample);
            }
            param.rust_name = renamed;
        }
        let serialization = match param.ty.non_null() {
            TypeRef::Array(_) => HeaderSerialization::CommaJoined,
            _ => HeaderSerialization::Plain,
        };
        let mut default_values = Vec::new();
        for d in list.map(|l| l.defaults.as_slice()).unwrap_or_default() {
            if self.path.starts_with(&d.path_prefix) {
                for v in &d.values {
                    if !default_values.contains(v) {
                        default_values.push(v.clone());
                    }
                }
            }
        }
        Ok(HeaderParam {
            param,
            serialization,
            default_values,
        })
    }
}

fn param_docs(description: Option<&String>, schema: &ReferenceOr<Schema>, required: bool) -> Docs {
    let ReferenceOr::Item(s) = schema else {
        return Docs {
            description: description.cloned(),
            ..Docs::default()
        };
    };
    let description = description.or(s.schema_data.description.as_ref());
    Docs {
        title: s.schema_data.title.clone(),
        description: description.cloned(),
        values: super::value_docs::value_note(s, description.map(String::as_str), required),
    }
}
