//! The runtime every generated client carries: configuration, sending with retries, errors,
//! uploads and streamed responses. These files are copied verbatim into each generated crate as
//! its `runtime` module.

mod attempt;
pub mod auth;
pub mod bom;
pub mod builder;
pub mod client;
pub mod encode;
pub mod error;
pub mod numbers;
pub mod object;
pub mod pagination;
pub mod paging;
pub mod pairs;
pub mod raw;
pub mod request;
pub mod retry;
pub mod server;
pub mod sse;
pub mod stream;
pub mod strings;
pub mod upload;

pub use auth::{AuthKind, AuthScheme};
pub use builder::{Endpoint, HasBody, HasFiles, RequestBuilder};
pub use client::{ApiSettings, ClientBuilder, Core, HeaderSetting};
pub use error::{ApiError, Error, ErrorBody};
pub use pagination::{Convention, CursorFrom, Items, Page, PageLink, Pages, Paging, Param};
pub use raw::RawResponse;
pub use request::{ApiResponse, Request, RequestOptions};
pub use server::ServerVariable;
pub use stream::{ByteStream, EventSpec, EventStream, JsonLines};
pub use upload::{FileError, FilePart, UploadRules};
