//! Lists that page on their own: a stream of pages and a stream of items.
//!
//! Every page request is the first request again with only the paging parameter changed (or, for
//! a next link, the URL the server gave), so the caller's filters, headers, betas, timeout and
//! retry settings hold on every page, and each page is retried on its own. How the next request
//! is made and when the walk ends is the operation's [`Paging`] convention; a server that would
//! make the walk loop ends it with [`Error::Pagination`].

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use futures_util::Stream;
use serde::de::DeserializeOwned;

use super::client::Core;
use super::error::{Error, ErrorBody};
pub use super::paging::{Convention, CursorFrom, FieldPath, PageLink, Paging, Param};
use super::paging::{Received, Step, Walk};
use super::request::{ApiResponse, Request, RequestOptions};

/// A page type of a paginated list, implemented by the generated code for each list response.
pub trait Page: DeserializeOwned {
    /// One item of the list.
    type Item;
    /// The items on this page.
    fn items(&self) -> &[Self::Item];
    /// The items on this page, taken out of it.
    fn into_items(self) -> Vec<Self::Item>;
}

/// A list answered as a bare array is its own page.
impl<T: DeserializeOwned> Page for Vec<T> {
    type Item = T;
    fn items(&self) -> &[T] {
        self
    }
    fn into_items(self) -> Vec<T> {
        self
    }
}

type PageFuture<P, E> = Pin<Box<dyn Future<Output = Result<ApiResponse<P>, Error<E>>> + Send>>;

enum State<P, E> {
    /// The next request is ready to go.
    Idle,
    InFlight(PageFuture<P, E>),
    /// An error to report before ending: a request that could not be built, or a repeated cursor.
    Failed(Error<E>),
    Done,
}

/// A stream of pages, fetched one at a time as the stream is polled.
///
/// Each item is one page's [`ApiResponse`], so the request id and headers of every page stay
/// available. Use [`Pages::items`] to walk the items across pages instead.
#[must_use = "streams do nothing unless polled"]
pub struct Pages<P, E> {
    core: Core,
    request: Request,
    options: RequestOptions,
    paging: Paging,
    walk: Walk,
    fetched: usize,
    state: State<P, E>,
}

impl<P, E> Pages<P, E>
where
    P: Page + Send + 'static,
    E: ErrorBody + Send + 'static,
{
    /// A walk that starts with `first`; an error there is the stream's only item.
    pub fn new(
        core: &Core,
        first: Result<Request, Error<E>>,
        options: RequestOptions,
        paging: &Paging,
    ) -> Self {
        let (request, state) = match first {
            Ok(request) => (request, State::Idle),
            Err(e) => (
                Request::new(reqwest::Method::GET, String::new()),
                State::Failed(e),
            ),
        };
        let walk = paging.start(&request);
        Self {
            core: core.clone(),
            request,
            options,
            paging: *paging,
            walk,
            fetched: 0,
            state,
        }
    }

    /// A stream of the items of every page, in order.
    pub fn items(self) -> Items<P, E> {
        Items {
            pages: self,
            buffered: Vec::new().into_iter(),
        }
    }

    /// Decides what follows a page: the next request, or the end of the walk.
    fn advance(&mut self, response: &ApiResponse<P>) -> State<P, E> {
        let received = Received {
            items: response.data.items().len(),
            body: &response.raw,
            headers: &response.headers,
            number: self.fetched,
        };
        let base_url = self.core.base_url().to_string();
        match self
            .paging
            .advance(&mut self.walk, &mut self.request, &base_url, &received)
        {
            Step::Next => State::Idle,
            Step::Done => State::Done,
            Step::Fail(message) => State::Failed(Error::Pagination { message }),
        }
    }
}

impl<P, E> Stream for Pages<P, E>
where
    P: Page + Send + 'static,
    E: ErrorBody + Send + 'static,
{
    type Item = Result<ApiResponse<P>, Error<E>>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        // Every field is Unpin (the in-flight future is boxed), so the stream is too.
        let this = self.get_mut();
        loop {
            match std::mem::replace(&mut this.state, State::Done) {
                State::Done => return Poll::Ready(None),
                State::Failed(e) => return Poll::Ready(Some(Err(e))),
                State::Idle => {
                    let core = this.core.clone();
                    let request = this.request.clone();
                    let options = this.options.clone();
                    this.state = State::InFlight(Box::pin(async move {
                        core.send_json::<P, E>(request, options).await
                    }));
                }
                State::InFlight(mut fut) => match fut.as_mut().poll(cx) {
                    Poll::Pending => {
                        this.state = State::InFlight(fut);
                        return Poll::Pending;
                    }
                    Poll::Ready(Err(e)) => return Poll::Ready(Some(Err(e))),
                    Poll::Ready(Ok(response)) => {
                        this.fetched += 1;
                        this.state = this.advance(&response);
                        return Poll::Ready(Some(Ok(response)));
                    }
                },
            }
        }
    }
}

/// A stream of the items of every page, fetching the next page when the current one runs out.
#[must_use = "streams do nothing unless polled"]
pub struct Items<P: Page, E> {
    pages: Pages<P, E>,
    buffered: std::vec::IntoIter<P::Item>,
}

impl<P, E> Stream for Items<P, E>
where
    P: Page + Send + 'static,
    P::Item: Unpin,
    E: ErrorBody + Send + 'static,
{
    type Item = Result<P::Item, Error<E>>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        loop {
            if let Some(item) = this.buffered.next() {
                return Poll::Ready(Some(Ok(item)));
            }
            match Pin::new(&mut this.pages).poll_next(cx) {
                Poll::Ready(Some(Ok(page))) => this.buffered = page.data.into_items().into_iter(),
                Poll::Ready(Some(Err(e))) => return Poll::Ready(Some(Err(e))),
                Poll::Ready(None) => return Poll::Ready(None),
                Poll::Pending => return Poll::Pending,
            }
        }
    }
}
