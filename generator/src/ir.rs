//! The intermediate representation: plain data, independent of the input format.
//!
//! `lower` builds it from an `openapiv3::OpenAPI`; `emit` turns it into Rust. Every list is in a
//! deterministic order so that the same spec always gives the same IR and the same bytes.

use serde::Serialize;

pub mod pagination;
pub mod shape;
pub use pagination::{CursorSource, NextPage, PageLink, PageParam, Pagination, PaginationSource};
pub use shape::{Call, ClientHeader, Features, Handle, Shape};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Api {
    /// What lowering assumed where the document breaks a rule but leaves one reading; reported
    /// beside the crate, not part of it.
    #[serde(skip)]
    pub warnings: Vec<crate::diag::Diagnostic>,
    pub title: String,
    /// The spec's `info.description`, for the crate docs.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    /// The generated crate's Cargo package.
    pub package: Package,
    pub servers: Vec<Server>,
    /// The environment variable `from_env` reads the base URL from: the config's, else one named
    /// after the crate (`PETSTORE_BASE_URL`).
    pub base_url_env: String,
    /// The security schemes some operation accepts, in the spec's order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub auth: Vec<AuthScheme>,
    /// Every operation needs a credential of one of `auth`: `from_env` fails without one.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub auth_required: bool,
    pub operations: Vec<Operation>,
    /// Named types, sorted by Rust name.
    pub types: Vec<TypeDef>,
    /// What printers need beyond operations and types: names, boxing, features, the default
    /// error, the client's headers.
    pub shape: Shape,
}

/// The `[package]` of the generated crate: the config's fields, else what the spec's `info` says.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Package {
    pub name: String,
    pub version: String,
    pub description: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub license: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub repository: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub homepage: Option<String>,
    pub documentation: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub keywords: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub categories: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub authors: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rust_version: Option<String>,
    /// Extra `[dev-dependencies]`, each `name = <inline TOML>`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub dev_dependencies: Vec<(String, String)>,
}

/// A security scheme of the spec, as the client sends its credential.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AuthScheme {
    /// The scheme's name in `components.securitySchemes`.
    pub name: String,
    pub kind: AuthKind,
    /// Read by `Client::from_env()`: the config's, else one named after the crate and the scheme.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub env: Option<String>,
    /// What the credential is, as a variable's suffix (`OAUTH2_TOKEN`, `API_KEY`); `env` shows
    /// the name it gave.
    #[serde(skip)]
    pub env_words: String,
    pub description: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AuthKind {
    /// HTTP bearer, OAuth 2 and OpenID Connect: an access token.
    Bearer,
    Basic,
    /// An API key in this header, query parameter or cookie.
    Header(String),
    Query(String),
    Cookie(String),
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Server {
    /// Absolute (`https://api.example.com`), or relative to the URL the user gives (`/api`); may
    /// hold `{variables}`.
    pub url: String,
    pub description: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub variables: Vec<ServerVariable>,
}

/// A `{name}` in a server URL, with the value used when the user sets none.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ServerVariable {
    pub name: String,
    pub default: String,
    /// The values the document allows; empty when any value goes.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub values: Vec<String>,
    pub description: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum HttpMethod {
    Get,
    Post,
    Put,
    Patch,
    Delete,
    Head,
    Options,
}

impl HttpMethod {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Get => "GET",
            Self::Post => "POST",
            Self::Put => "PUT",
            Self::Patch => "PATCH",
            Self::Delete => "DELETE",
            Self::Head => "HEAD",
            Self::Options => "OPTIONS",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Some(match s.to_ascii_lowercase().as_str() {
            "get" => Self::Get,
            "post" => Self::Post,
            "put" => Self::Put,
            "patch" => Self::Patch,
            "delete" => Self::Delete,
            "head" => Self::Head,
            "options" => Self::Options,
            _ => return None,
        })
    }
}

/// One segment of a path template such as `/v1/skills/{skill_id}/versions`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PathSegment {
    Literal(String),
    /// Index into `Operation::path_params`.
    Param(usize),
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Operation {
    /// Stable identifier: the operationId, else derived from the page title or method and path.
    pub id: String,
    /// Neither an operation id nor a summary named it: `id` and `type_stem` come from the path,
    /// and follow the method `lower::methods` names.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub id_from_path: bool,
    /// Rust type-name stem for this operation's builder, e.g. `CreateSkillVersion`.
    pub type_stem: String,
    pub method: HttpMethod,
    /// The route, without any query the spec's path key fixes.
    pub path: String,
    /// Query pairs sent on every call, from a path key such as `/v1/files?beta=true`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fixed_query: Vec<(String, String)>,
    /// The fragment of the spec's path key (`tagKeys` in `/tags/{arn}#tagKeys`): it tells
    /// operations on one route apart in the document and in `API.md`, and is never sent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fragment: Option<String>,
    /// Required query parameters that allow one value (`Action=AddTags`): sent on every call, not
    /// taken as arguments.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub constant_query: Vec<(String, String)>,
    /// Required headers that allow one value (`X-Amz-Target`), likewise.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub constant_headers: Vec<(String, String)>,
    /// The security alternatives whose credentials this operation may send: the client sends the
    /// first one it holds every credential of, and no other. Each names its schemes.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub auth: Vec<Vec<String>>,
    /// One of the operation's security alternatives is empty (`{}`): it also works without a
    /// credential.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub auth_optional: bool,
    pub segments: Vec<PathSegment>,
    /// Resource chain from the client, e.g. `["skills", "versions"]`.
    pub resource: Vec<String>,
    /// Method on the last resource, e.g. `create`: what the path alone says, before
    /// `lower::methods` names it with every operation in view.
    pub method_name: String,
    /// Where the path ends on the resource tree, which decides the method's verb.
    pub place: Place,
    pub path_params: Vec<Param>,
    pub query_params: Vec<Param>,
    pub header_params: Vec<HeaderParam>,
    pub body: Option<Body>,
    pub success: Option<SuccessResponse>,
    pub error: Option<ErrorResponse>,
    /// The `Accept` header, when it is not the client's `application/json`: the success media
    /// types first, then every other one the operation's responses declare
    /// (`application/json, application/problem+json`), so a strict server does not answer 406.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub accept: Option<String>,
    /// The document lists the `Accept` values the server takes, and `accept` is one of them: a
    /// mock that negotiates cannot answer with an error body in another media type.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub accept_listed: bool,
    /// The documented outcome is a redirect and no 2xx: the 3xx is the response, not followed
    /// and not an error.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub redirect_outcome: bool,
    /// Set for list operations whose pages link to the next one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pagination: Option<Pagination>,
    /// Why a list-like operation (one that takes a paging input) does not page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unpaged: Option<String>,
    /// Set when the config declares that a body flag makes the operation stream events.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub events: Option<EventStream>,
    pub docs: Docs,
    pub deprecated: bool,
    /// Argument values for the generated tests.
    pub samples: Samples,
    /// How users reach it from the client, with the Rust names `lower::shape` chose.
    pub call: Call,
}

/// Where an operation's path ends on the resource tree.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Place {
    /// The API's root, `/`.
    Root,
    /// A collection, `/skills`: list and create.
    #[default]
    Collection,
    /// One item, `/skills/{id}`: retrieve, update and delete.
    Item,
    /// A literal that reads as a verb, `/batches/{id}/cancel`: the method takes its name.
    Action,
    /// A literal that names one thing with no items, `/repos/{repo}/topics` read and written
    /// by several methods: retrieve, update and delete.
    Singleton,
    /// The configuration names the method.
    Configured,
}

impl Operation {
    /// The required query and header parameters, in the order the call takes them after the
    /// path's: query, then header.
    pub fn required_params(&self) -> impl Iterator<Item = &Param> {
        self.query_params
            .iter()
            .chain(self.header_params.iter().map(|h| &h.param))
            .filter(|p| p.required)
    }

    /// Every parameter the call takes positionally: the path's, then [`Self::required_params`].
    pub fn positional_params(&self) -> impl Iterator<Item = &Param> {
        self.path_params.iter().chain(self.required_params())
    }

    /// The route with its fixed query and fragment, as the spec keys it.
    pub fn path_key(&self) -> String {
        let mut key = self.path.clone();
        if !self.fixed_query.is_empty() {
            let query = form_urlencoded::Serializer::new(String::new())
                .extend_pairs(&self.fixed_query)
                .finish();
            key = format!("{key}?{query}");
        }
        if let Some(fragment) = &self.fragment {
            key = format!("{key}#{fragment}");
        }
        key
    }
}

/// Argument values for the generated tests: the spec's own examples, defaults and enums, else
/// values synthesized to fit the schema.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Samples {
    /// Path, query and header parameters and multipart text parts, by Rust name.
    pub args: std::collections::BTreeMap<String, serde_json::Value>,
    /// A JSON or form body with only its required properties.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub body_required: Option<serde_json::Value>,
    /// A JSON or form body with every property, a few levels deep.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub body_full: Option<serde_json::Value>,
}

/// Server-sent events an operation answers with when its JSON body's flag is true.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EventStream {
    /// The body's boolean flag, e.g. `stream`.
    pub flag: PageField,
    /// The event union, a tagged union.
    pub event_type: TypeRef,
    /// The event names decoded into the union: its tags, less the skipped keep-alives.
    pub events: Vec<String>,
    pub end_event: Option<String>,
    pub error_event: String,
}

/// A field of a response or body struct.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PageField {
    pub wire_name: String,
    pub rust_name: String,
    /// The Rust field is an `Option`.
    pub optional: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Docs {
    pub title: Option<String>,
    pub description: Option<String>,
    /// What the schema says of the value beyond its type (the numbers it allows, its default),
    /// printed after the description.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub values: Option<String>,
}

impl Docs {
    /// Puts `note` (how the value travels) before what else is said of the values.
    pub fn note_first(&mut self, note: &str) {
        self.values = Some(match self.values.take() {
            Some(values) => format!("{note} {values}"),
            None => note.to_string(),
        });
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Param {
    pub wire_name: String,
    pub rust_name: String,
    pub ty: TypeRef,
    pub required: bool,
    pub docs: Docs,
    pub deprecated: bool,
    /// How a query array goes on the wire; the OpenAPI default is one pair per item.
    #[serde(skip_serializing_if = "QueryArray::is_exploded")]
    pub array: QueryArray,
    /// How a query parameter that may hold an object goes on the wire. `None` for values that
    /// cannot be objects, and for a parameter given as `content` (JSON text).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub object: Option<QueryObject>,
    /// A path parameter whose value may span segments (a resource id such as
    /// `subscriptions/1/resourceGroups/rg`): its slashes are sent as slashes.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub spans_segments: bool,
}

/// A query array's serialization: `form` with `explode` (`a=1&a=2`, the default), or one pair
/// whose value joins the items (`form`, `spaceDelimited` and `pipeDelimited` without `explode`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum QueryArray {
    #[default]
    Exploded,
    Joined(char),
}

/// A query object's serialization (`style` and `explode`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum QueryObject {
    /// `form` with `explode`, the default: each member is a pair of its own (`size=20&page=2`).
    Exploded,
    /// Without `explode`: one pair joining members and values (`color=R,100,G,200`).
    Joined(char),
    /// `deepObject`: `filter[status]=open`.
    Deep,
}

impl QueryArray {
    pub fn is_exploded(&self) -> bool {
        *self == QueryArray::Exploded
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum HeaderSerialization {
    /// The value as text.
    Plain,
    /// An array joined with `,` and no spaces, the simple style of OpenAPI.
    CommaJoined,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HeaderParam {
    pub param: Param,
    pub serialization: HeaderSerialization,
    /// Values the generator config merges in front of the caller's, for list headers such as betas.
    pub default_values: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Body {
    Json {
        ty: TypeRef,
        required: bool,
        docs: Docs,
    },
    Multipart {
        type_name: Option<String>,
        parts: Vec<MultipartPart>,
        /// The document requires the body: an empty form is none, so a call sets some part.
        #[serde(skip_serializing_if = "std::ops::Not::not")]
        required: bool,
        docs: Docs,
    },
    /// `application/x-www-form-urlencoded`.
    Form {
        ty: TypeRef,
        required: bool,
        docs: Docs,
        /// Fields whose `encoding` is `style: deepObject` (Stripe's `metadata[order]=6735`); the
        /// others take the default `form` style, a list as one pair per item.
        #[serde(skip_serializing_if = "Vec::is_empty")]
        deep: Vec<String>,
    },
    /// Any other media type, sent as the caller's bytes.
    Raw {
        content_type: String,
        required: bool,
        docs: Docs,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MultipartPart {
    /// The field name as sent: the property's name, or `files[]` for a list of files where the
    /// operation's curl sample sends it so (the seed's, like the official SDKs).
    pub wire_name: String,
    pub rust_name: String,
    pub kind: PartKind,
    pub required: bool,
    pub docs: Docs,
    pub rules: Option<UploadRules>,
    /// The `Content-Type` a text part is sent with: `application/json` for an object, or the
    /// document's `encoding`; `None` for plain text and for files (each file has its own).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub content_type: Option<String>,
}

/// Client-side checks on an uploaded file list (from the generator config).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UploadRules {
    /// At least one file.
    #[serde(default)]
    pub non_empty: bool,
    /// Refuse names with `..`, `.`, empty segments, a leading `/` or backslashes.
    #[serde(default)]
    pub safe_names: bool,
    /// Every name starts with the same `dir/`.
    #[serde(default)]
    pub single_top_level_dir: bool,
    /// A file that must sit at the root of that directory, e.g. `SKILL.md`.
    #[serde(default)]
    pub required_root_file: Option<String>,
    /// A single `.zip` part skips the directory rules: the archive carries its own layout.
    #[serde(default)]
    pub archive_exempt: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PartKind {
    File,
    FileArray,
    /// A text field; non-string values are sent as their JSON text.
    Text(TypeRef),
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SuccessResponse {
    pub status: StatusMatch,
    pub content: ResponseContent,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ResponseContent {
    Json(TypeRef),
    /// JSON Lines (`application/x-jsonl` and its aliases): one `item` per line, streamed.
    JsonLines {
        item: TypeRef,
    },
    /// Text (`text/plain`, `text/csv`, ...) whose schema is a string: the body as a `String`.
    Text,
    /// Raw bytes, streamed: downloads and unknown media types.
    Bytes,
    Empty,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum StatusMatch {
    Code(u16),
    /// `4XX` is `Range(4)`.
    Range(u8),
    Default,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ErrorResponse {
    pub statuses: Vec<StatusMatch>,
    /// The typed error body; `None` when the spec gives no JSON schema for errors.
    pub ty: Option<TypeRef>,
    /// When statuses document different bodies (and `ty` is then any JSON): each of them, which
    /// `ApiError::body_as` reads.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub bodies: Vec<TypeRef>,
    /// Statuses whose response documents no JSON body (Yodlee's `401: {content: {}}` beside a
    /// typed `400`): their errors carry no typed body.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub without_body: Vec<StatusMatch>,
    pub docs: Docs,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TypeRef {
    String,
    Integer,
    Number,
    Boolean,
    /// Arbitrary JSON.
    #[default]
    Any,
    Array(Box<TypeRef>),
    /// A JSON object with arbitrary keys.
    Map(Box<TypeRef>),
    /// `null` is allowed.
    Nullable(Box<TypeRef>),
    /// A named type, by Rust name.
    Named(String),
}

impl TypeRef {
    /// The type without its `null` allowance.
    pub fn non_null(&self) -> &TypeRef {
        match self {
            TypeRef::Nullable(inner) => inner,
            other => other,
        }
    }

    /// The named type this reference ends at, through `Option`, `Vec` and maps.
    pub fn named_mut(&mut self) -> Option<&mut String> {
        match self {
            TypeRef::Named(name) => Some(name),
            TypeRef::Array(inner) | TypeRef::Map(inner) | TypeRef::Nullable(inner) => {
                inner.named_mut()
            }
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TypeDef {
    pub rust_name: String,
    /// Where the definition came from: `#/components/schemas/X` or an inline spec path.
    pub origin: String,
    pub docs: Docs,
    pub kind: TypeKind,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TypeKind {
    Struct {
        fields: Vec<Field>,
        /// The Rust name of the field that keeps the members the spec does not name.
        extra: String,
    },
    /// A string enum.
    Enum {
        variants: Vec<EnumVariant>,
    },
    /// Exactly one allowed string value (`const`, or a one-value `enum`).
    Const {
        value: String,
    },
    /// `oneOf` + `discriminator`: tagged on a property, with an `Unknown` fallback.
    TaggedUnion(TaggedUnion),
    /// `oneOf`/`anyOf` with no discriminator: tried in order, then kept as JSON (`Unknown`).
    Untagged {
        variants: Vec<UntaggedVariant>,
    },
    Alias(TypeRef),
}

impl TypeKind {
    /// The type references a definition holds: its fields, variants or aliased type.
    pub fn refs(&self) -> Vec<&TypeRef> {
        match self {
            TypeKind::Struct { fields, .. } => fields.iter().map(|f| &f.ty).collect(),
            TypeKind::TaggedUnion(u) => u.variants.iter().map(|v| &v.ty).collect(),
            TypeKind::Untagged { variants } => variants.iter().map(|v| &v.ty).collect(),
            TypeKind::Alias(ty) => vec![ty],
            TypeKind::Enum { .. } | TypeKind::Const { .. } => Vec::new(),
        }
    }

    pub fn refs_mut(&mut self) -> Vec<&mut TypeRef> {
        match self {
            TypeKind::Struct { fields, .. } => fields.iter_mut().map(|f| &mut f.ty).collect(),
            TypeKind::TaggedUnion(u) => u.variants.iter_mut().map(|v| &mut v.ty).collect(),
            TypeKind::Untagged { variants } => variants.iter_mut().map(|v| &mut v.ty).collect(),
            TypeKind::Alias(ty) => vec![ty],
            TypeKind::Enum { .. } | TypeKind::Const { .. } => Vec::new(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TaggedUnion {
    pub property: String,
    pub variants: Vec<UnionVariant>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UnionVariant {
    pub tag: String,
    pub rust_name: String,
    pub ty: TypeRef,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UntaggedVariant {
    pub rust_name: String,
    pub ty: TypeRef,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EnumVariant {
    pub wire_name: String,
    pub rust_name: String,
    /// What this one value means, when the spec describes it on its own.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub docs: Option<String>,
}

/// A member that travels one way only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum OneWay {
    /// `readOnly`: servers send it, clients do not.
    ReadOnly,
    /// `writeOnly`: clients send it, servers do not.
    WriteOnly,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Field {
    pub wire_name: String,
    pub rust_name: String,
    pub ty: TypeRef,
    pub required: bool,
    /// The spec's default, as JSON text.
    pub default: Option<String>,
    pub docs: Docs,
    pub deprecated: bool,
    /// `readOnly` or `writeOnly`: the member travels one way only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub one_way: Option<OneWay>,
}
