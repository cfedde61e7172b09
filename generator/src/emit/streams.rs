//! The streaming send of an operation that streams server-sent events when its body's flag is
//! set (declared in `codegen.toml`, lowered in `lower/streams.rs`).

use proc_macro2::TokenStream;
use quote::quote;

use super::types::{ident, rust_type};
use crate::ir::Operation;

/// `Endpoint::check_plain_send` for an operation that streams events: with the flag set, the server would answer with events that the
/// plain send cannot decode.
pub fn plain_send_guard(op: &Operation) -> TokenStream {
    let Some(events) = &op.events else {
        return quote!();
    };
    let flag = ident(&events.flag.rust_name);
    let wire = &events.flag.wire_name;
    let message = format!("`{wire}` is true: use `.stream()` to receive the events");
    let set = if events.flag.optional {
        quote!(self.body.#flag == Some(true))
    } else {
        quote!(self.body.#flag)
    };
    quote! {
        fn check_plain_send(&self) -> Result<(), Error<Self::Error>> {
            if #set {
                return Err(Error::InvalidInput(#message.into()));
            }
            Ok(())
        }
    }
}

/// `stream()` and `stream_with_meta()`: the same request with the flag set, answered as typed
/// events.
pub fn emit_stream_methods(
    op: &Operation,
    error_ty: &TokenStream,
    error_alias: &TokenStream,
) -> TokenStream {
    let Some(events) = &op.events else {
        return quote!();
    };
    let event_ty = rust_type(&events.event_type, &quote!(types::));
    let flag = ident(&events.flag.rust_name);
    let set = if events.flag.optional {
        quote!(self.params.body.#flag = Some(true);)
    } else {
        quote!(self.params.body.#flag = true;)
    };
    let names = &events.events;
    let end = match &events.end_event {
        Some(end) => quote!(Some(#end)),
        None => quote!(None),
    };
    let error_event = &events.error_event;
    let stream_ty = quote!(runtime::EventStream<#event_ty, #error_ty>);
    let ty_name = match &events.event_type {
        crate::ir::TypeRef::Named(n) => n.as_str(),
        _ => "event",
    };
    let mut doc = vec![format!(
        " Sends the request with `{}` set to true and returns its server-sent events as they \
         arrive, each decoded into [`types::{ty_name}`](crate::types::{ty_name}).",
        events.flag.wire_name
    )];
    doc.push(String::new());
    doc.push(format!(
        " Events other than {} are skipped. An `{error_event}` event ends the stream with \
         [`Error::Api`](crate::runtime::Error::Api).",
        names
            .iter()
            .map(|n| format!("`{n}`"))
            .collect::<Vec<_>>()
            .join(", ")
    ));
    doc.push(String::new());
    doc.push(match &events.end_event {
        Some(end) => format!(
            " The stream ends after `{end}`; a connection that closes before it is an error."
        ),
        None => " A connection that closes in the middle of an event is an error.".to_string(),
    });
    doc.push(
        " The request is retried, as the client's policy says, only until the events start; a \
         failure after that ends the stream with an error."
            .to_string(),
    );
    quote! {
        #(#[doc = #doc])*
        pub async fn stream(self) -> Result<#stream_ty, #error_alias> {
            self.stream_with_meta().await.map(|response| response.data)
        }

        /// [`Self::stream`], with the status, request id and headers.
        pub async fn stream_with_meta(mut self) -> Result<ApiResponse<#stream_ty>, #error_alias> {
            static EVENTS: runtime::EventSpec = runtime::EventSpec {
                events: &[#(#names),*],
                end_event: #end,
                error_event: Some(#error_event),
            };
            #set
            let mut request = runtime::Endpoint::to_request(&self.params)?;
            request.header("accept", "text/event-stream");
            self.core
                .send_events::<#event_ty, #error_ty>(request, self.options, &EVENTS)
                .await
        }
    }
}
