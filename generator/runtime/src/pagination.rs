//! Lists that page on their own: a stream of pages and a stream of items.
//!
//! Every page request is the first request again with only the cursor parameter changed, so the
//! caller's filters, headers, betas, timeout and retry settings hold on every page, and each page
//! is retried on its own. The walk stops when the server says there is no more (`has_more` false),
//! when the cursor is missing or empty, or when a page comes back empty. A cursor the server has
//! already handed out ends the walk with [`Error::Pagination`] instead of looping.

use std::collections::HashSet;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use futures_util::Stream;
use serde::de::DeserializeOwned;

use super::client::Core;
use super::error::{Error, ErrorBody};
use super::request::{ApiResponse, Request, RequestOptions};

/// A page type of a paginated list, implemented by the generated code for each list response.
pub trait Page: DeserializeOwned {
    /// One item of the list.
    type Item;
    /// The items on this page.
    fn items(&self) -> &[Self::Item];
    /// The items on this page, taken out of it.
    fn into_items(self) -> Vec<Self::Item>;
    /// The page's "more results" flag; `None` when the page type has none.
    fn has_more(&self) -> Option<bool>;
    /// The string value of a cursor field (e.g. `next_page`, `last_id`), if set.
    fn cursor(&self, field: &str) -> Option<&str>;
}

/// Which response field feeds which query parameter of the next request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageLink {
    pub param: &'static str,
    pub field: &'static str,
}

/// How one list operation pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Paging {
    pub forward: PageLink,
    /// Paging backwards, chosen when the first request sets this link's parameter (`before_id`).
    pub backward: Option<PageLink>,
}

impl Paging {
    /// The direction a walk takes from its first request, as the official SDKs choose it.
    pub fn link_for(&self, request: &Request) -> PageLink {
        match self.backward {
            Some(back)
                if request
                    .query_value(back.param)
                    .is_some_and(|v| !v.is_empty()) =>
            {
                back
            }
            _ => self.forward,
        }
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
    link: PageLink,
    /// Cursors already used or handed out; seeing one again means the server would loop.
    seen: HashSet<String>,
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
        let link = paging.link_for(&request);
        let seen = request
            .query_value(link.param)
            .filter(|v| !v.is_empty())
            .map(str::to_string)
            .into_iter()
            .collect();
        Self {
            core: core.clone(),
            request,
            options,
            link,
            seen,
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

    /// Decides what follows `page`: the next request, or the end of the walk.
    fn advance(&mut self, page: &P) -> State<P, E> {
        if page.items().is_empty() || page.has_more() == Some(false) {
            return State::Done;
        }
        let cursor = match page.cursor(self.link.field) {
            Some(c) if !c.is_empty() => c.to_string(),
            _ => return State::Done,
        };
        if !self.seen.insert(cursor.clone()) {
            return State::Failed(Error::Pagination {
                message: format!(
                    "page {} handed back the `{}` value `{cursor}` that an earlier page already \
                     gave; stopping instead of requesting the same page again",
                    self.fetched, self.link.field
                ),
            });
        }
        self.request.set_query(self.link.param, cursor);
        State::Idle
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
                        this.state = this.advance(&response.data);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize)]
    struct IdPage {
        data: Vec<u32>,
        has_more: bool,
        first_id: Option<String>,
        last_id: Option<String>,
    }

    impl Page for IdPage {
        type Item = u32;
        fn items(&self) -> &[u32] {
            &self.data
        }
        fn into_items(self) -> Vec<u32> {
            self.data
        }
        fn has_more(&self) -> Option<bool> {
            Some(self.has_more)
        }
        fn cursor(&self, field: &str) -> Option<&str> {
            match field {
                "first_id" => self.first_id.as_deref(),
                "last_id" => self.last_id.as_deref(),
                _ => None,
            }
        }
    }

    const ID_PAGING: Paging = Paging {
        forward: PageLink {
            param: "after_id",
            field: "last_id",
        },
        backward: Some(PageLink {
            param: "before_id",
            field: "first_id",
        }),
    };

    static SETTINGS: super::super::client::ApiSettings = super::super::client::ApiSettings {
        crate_name: "demo",
        crate_version: "1.0.0",
        default_base_url: "http://127.0.0.1:9",
        base_url_env: None,
        server_variables: &[],
        headers: &[],
        auth: &[],
    };

    fn core() -> Core {
        super::super::client::ClientBuilder::<Core>::new(&SETTINGS)
            .build()
            .expect("client builds")
    }

    fn walk(request: Request) -> Pages<IdPage, serde_json::Value> {
        Pages::new(&core(), Ok(request), RequestOptions::default(), &ID_PAGING)
    }

    fn page(data: &[u32], has_more: bool, first: Option<&str>, last: Option<&str>) -> IdPage {
        IdPage {
            data: data.to_vec(),
            has_more,
            first_id: first.map(str::to_string),
            last_id: last.map(str::to_string),
        }
    }

    /// Walks can move to spawned tasks and be polled with `StreamExt::next` without pinning.
    #[test]
    fn streams_are_send_and_unpin() {
        fn check<T: Send + Unpin>() {}
        check::<Pages<IdPage, serde_json::Value>>();
        check::<Items<IdPage, serde_json::Value>>();
    }

    #[test]
    fn direction_follows_before_id_on_the_first_request() {
        let mut request = Request::new(reqwest::Method::GET, "/v1/x".into());
        assert_eq!(ID_PAGING.link_for(&request).param, "after_id");
        request.query("before_id", "");
        assert_eq!(
            ID_PAGING.link_for(&request).param,
            "after_id",
            "empty is unset"
        );
        request.set_query("before_id", "b_9");
        assert_eq!(ID_PAGING.link_for(&request).param, "before_id");
    }

    #[test]
    fn next_request_sets_only_the_cursor() {
        let mut request = Request::new(reqwest::Method::GET, "/v1/x".into());
        request.query("limit", "2");
        request.query("after_id", "start");
        let mut pages = walk(request);
        assert!(matches!(
            pages.advance(&page(&[1], true, Some("a"), Some("z"))),
            State::Idle
        ));
        assert_eq!(pages.request.query_value("after_id"), Some("z"));
        assert_eq!(pages.request.query_value("limit"), Some("2"));
        assert_eq!(
            pages
                .request
                .query_pairs()
                .filter(|(k, _)| *k == "after_id")
                .count(),
            1,
            "the cursor is replaced, not appended"
        );
    }

    #[test]
    fn stop_conditions() {
        let request = || Request::new(reqwest::Method::GET, "/v1/x".into());
        let ends = |p: IdPage| matches!(walk(request()).advance(&p), State::Done);
        assert!(
            ends(page(&[1], false, Some("a"), Some("z"))),
            "has_more false"
        );
        assert!(ends(page(&[1], true, Some("a"), None)), "cursor missing");
        assert!(ends(page(&[1], true, Some("a"), Some(""))), "cursor empty");
        assert!(ends(page(&[], true, None, Some("z"))), "empty page");
        assert!(!ends(page(&[1], true, Some("a"), Some("z"))), "goes on");
    }

    #[test]
    fn a_repeated_cursor_fails_instead_of_looping() {
        let mut request = Request::new(reqwest::Method::GET, "/v1/x".into());
        request.query("after_id", "start");
        let mut pages = walk(request);
        assert!(matches!(
            pages.advance(&page(&[1], true, None, Some("z"))),
            State::Idle
        ));
        pages.fetched = 2;
        match pages.advance(&page(&[2], true, None, Some("z"))) {
            State::Failed(Error::Pagination { message }) => {
                assert!(message.contains("`last_id` value `z`"), "{message}")
            }
            _ => panic!("expected a pagination error"),
        }
        // The caller's own starting cursor counts as given.
        let mut request = Request::new(reqwest::Method::GET, "/v1/x".into());
        request.query("after_id", "start");
        let mut pages = walk(request);
        assert!(matches!(
            pages.advance(&page(&[1], true, None, Some("start"))),
            State::Failed(Error::Pagination { .. })
        ));
    }
}
