//! Pagination detection: the convention each corpus list gets, and what `codegen.toml` can declare,
//! override or turn off. The runtime walk itself is tested end to end in `e2e_lists.rs`.

use std::path::Path;

use generator::ir::{Api, PaginationSource};
use generator::{Config, SpecSource, lower_sources};
use tests::{corpus_dir, read_sources};

/// A list whose names match no built-in convention: `cursor` from `next`, items in `results`.
const OTHER_NAMES: &str = r#"
openapi: 3.0.3
info: { title: Other names, version: "1" }
paths:
  /things:
    get:
      operationId: list_things
      parameters:
        - { name: cursor, in: query, schema: { type: string } }
        - { name: page, in: query, schema: { type: string } }
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema:
                type: object
                required: [results]
                properties:
                  results: { type: array, items: { type: string } }
                  data: { type: array, items: { type: string } }
                  next: { type: string, nullable: true }
                  next_page: { type: string, nullable: true }
"#;

fn lower_with(toml: &str) -> Result<Api, String> {
    let config = Config::from_toml(Path::new("codegen.toml"), toml).map_err(|d| d.to_string())?;
    lower_sources(&config, &[SpecSource::new("things.yaml", OTHER_NAMES)])
        .map_err(|d| d.to_string())
}

const CRATE: &str = "[crate]\nname = \"things\"\n";

/// (convention, source, forward param <- field, backward) of each paginated operation.
fn summary(api: &Api) -> Vec<String> {
    api.operations
        .iter()
        .filter_map(|op| {
            let p = op.pagination.as_ref()?;
            Some(format!(
                "{} {}: {} by {:?}, {}",
                op.method.as_str(),
                op.path,
                p.convention,
                p.detected_by,
                p.describe()
            ))
        })
        .collect()
}

#[test]
fn shape_detection_picks_the_built_in_convention() {
    let api = lower_with(CRATE).expect("lowers");
    assert_eq!(
        summary(&api),
        ["GET /things: cursor by Shape, data: page <- next_page"]
    );
}

#[test]
fn a_declared_convention_is_detected_before_the_built_ins() {
    let api = lower_with(&format!(
        "{CRATE}\n[[pagination]]\nname = \"results\"\nitems = \"results\"\nparam = \"cursor\"\nfield = \"next\"\n"
    ))
    .expect("lowers");
    assert_eq!(
        summary(&api),
        ["GET /things: results by Shape, results: cursor <- next"]
    );
}

#[test]
fn an_operation_can_name_its_convention_or_turn_detection_off() {
    let api = lower_with(&format!(
        "{CRATE}\n[[pagination]]\nname = \"results\"\nitems = \"results\"\nparam = \"cursor\"\nfield = \"next\"\n\
         [[pagination]]\nname = \"late\"\nitems = \"data\"\nparam = \"page\"\nfield = \"next_page\"\n\
         [operations.\"GET /things\"]\npagination = \"late\"\n"
    ))
    .expect("lowers");
    let p = api.operations[0].pagination.as_ref().expect("paginated");
    assert_eq!(
        (p.convention.as_str(), p.detected_by),
        ("late", PaginationSource::Config)
    );

    let api = lower_with(&format!(
        "{CRATE}[operations.\"GET /things\"]\npagination = \"none\"\n"
    ))
    .expect("lowers");
    assert_eq!(summary(&api), Vec::<String>::new());
}

#[test]
fn a_convention_that_does_not_fit_is_an_error_naming_what_is_missing() {
    let err = lower_with(&format!(
        "{CRATE}[operations.\"GET /things\"]\npagination = \"id\"\n"
    ))
    .expect_err("no after_id parameter");
    assert!(
        err.contains("things.yaml")
            && err.contains("`id`")
            && err.contains("no `after_id` query parameter"),
        "{err}"
    );
    let err = lower_with(&format!(
        "{CRATE}[operations.\"GET /things\"]\npagination = \"offset\"\n"
    ))
    .expect_err("unknown convention");
    assert!(
        err.contains("`offset`") && err.contains("cursor, token, id"),
        "{err}"
    );
}

/// Both shapes in the corpus: the Skills lists page by cursor; Files, Models, Message Batches and
/// the Admin lists by id, backwards from `before_id` too.
#[test]
fn corpus_lists_get_their_sdk_convention() {
    let Some(corpus) = corpus_dir() else { return };
    let lower = |sources: Vec<SpecSource>| {
        lower_sources(&Config::minimal("corpus"), &sources).unwrap_or_else(|d| panic!("{d}"))
    };
    let skills = lower(read_sources(&corpus.join("mintlify/anthropic/skills")));
    assert_eq!(
        summary(&skills),
        [
            "GET /v1/skills/{skill_id}/versions: cursor by Shape, data: page <- next_page",
            "GET /v1/skills: cursor by Shape, data: page <- next_page",
        ]
    );
    let top: Vec<SpecSource> = tests::sorted_files(&corpus.join("mintlify/anthropic"))
        .iter()
        .flat_map(|p| read_sources(p))
        .collect();
    let mut lists = summary(&lower(top));
    lists.sort();
    let id = ", data: after_id <- last_id, before_id <- first_id";
    assert_eq!(
        lists,
        [
            format!("GET /v1/files: id by Shape{id}"),
            format!("GET /v1/messages/batches: id by Shape{id}"),
            format!("GET /v1/models: id by Shape{id}"),
        ]
    );
    // The Stainless document marks the Skills lists with hints, and the shapes agree with them.
    let doc = corpus.join("openapi/anthropic/anthropic-stainless-2025-10-29-tryAGI.yaml");
    let stainless = summary(&lower(read_sources(&doc)));
    assert!(
        stainless.contains(
            &"GET /v1/skills: cursor by StainlessHints, data: page <- next_page".to_string()
        ),
        "{stainless:#?}"
    );
    assert!(
        stainless
            .iter()
            .any(|s| s.starts_with("GET /v1/files: id by Shape")),
        "{stainless:#?}"
    );
}

/// Each convention of tests/fixtures/constructs/paging-conventions.yaml, detected from its shape
/// alone; the same shapes `e2e_paging.rs` walks against a real server.
#[test]
fn the_worlds_conventions_are_detected_from_the_shape() {
    let path = tests::fixtures().join("constructs/paging-conventions.yaml");
    let api = lower_sources(&Config::minimal("paging"), &read_sources(&path))
        .unwrap_or_else(|d| panic!("{d}"));
    let mut lines = summary(&api);
    lines.sort();
    assert_eq!(
        lines,
        [
            "GET /accounting-codes: next_url by Shape, accountingCodes: url <- nextPage",
            "GET /activities: next_url by Shape, collection: url <- next_href",
            "GET /apikeys: cursor_path by Shape, items: position <- position",
            "GET /bank-accounts: cursor_path by Shape, bank_accounts: cursor <- cursor",
            "GET /current: page by Shape, data: currentPage += 1 from 1 (size pageSize)",
            "GET /echo: cursor_path by Shape, data: pageToken <- pageToken",
            "GET /filesystems: cursor_header by Shape, filesystems: continuation <- header x-ms-continuation",
            "GET /held: cursor_path by Shape, data.rows: cursor <- data.paging.next_cursor",
            "GET /issues: offset by Shape, values: startAt += items (limit maxResults) until total",
            "GET /jsonapi: page by Shape, data: page[number] += 1 from 1 (size page[size])",
            "GET /k8s/pods: cursor_path by Shape, items: continue <- metadata.continue",
            "GET /last: last_item by Shape, data: starting_after <- last item's id",
            "GET /lexemes: cursor_header by Shape, []: header continuation <- header dlx-continuation",
            "GET /link: link by Shape, []: Link rel=next",
            "GET /metadata: next_url by Shape, result: url <- _metadata.next",
            "GET /nested: cursor_path by Shape, data: cursor <- response_metadata.next_cursor",
            "GET /next: next_url by Shape, entries: url <- next_page_uri",
            "GET /offset: offset by Shape, items: offset += items (limit limit) until total_count",
            "GET /pages: page by Shape, data: page += 1 from 1 (size per_page) until total_pages",
            "GET /purchases: offset by Shape, orders: offset += items",
            "GET /relay: cursor_path by Shape, nodes: after <- pageInfo.endCursor",
            "GET /results: page by Shape, Results.Facilities: pageno += 1 from 1",
            "GET /scan: cursor_path by Shape, found: pageToken <- nextPageToken",
            "GET /spellings: cursor_path by Shape, Items: nextToken|NextToken <- NextToken",
            "GET /tweets/search: cursor_path by Shape, data: next_token <- meta.next_token",
            "GET /visits: cursor_header by Shape, []: pageToken <- header NextPageToken",
            "GET /wrapped: cursor_path by Shape, result.records: cursor <- result.next_cursor",
            "POST /search: offset by Shape, results: body.offset += items (limit body.limit)",
            "POST /token: cursor_path by Shape, Items: body.NextToken <- NextToken",
        ]
    );
    let ambiguous = api
        .operations
        .iter()
        .find(|op| op.path == "/two-arrays")
        .expect("the ambiguous list");
    assert!(ambiguous.pagination.is_none());
    assert_eq!(
        ambiguous.unpaged.as_deref(),
        Some("`ListAmbiguousResponse` has 2 array members and none is plainly the items")
    );
    let unpaged = |method: &str, path: &str| {
        let op = api
            .operations
            .iter()
            .find(|op| op.method.as_str() == method && op.path == path)
            .unwrap_or_else(|| panic!("no {method} {path}"));
        assert!(op.pagination.is_none(), "{method} {path} pages");
        op.unpaged.clone()
    };
    assert_eq!(
        unpaged("DELETE", "/k8s/pods").as_deref(),
        Some("it is a DELETE: asking for the next page would write again")
    );
    assert_eq!(
        unpaged("POST", "/spellings/search").as_deref(),
        Some("it takes several cursor inputs")
    );
    assert_eq!(
        unpaged("GET", "/ledgers").as_deref(),
        Some(
            "it takes a page size, but no offset, page number, cursor or next link says how to \
             ask for the next page"
        )
    );
    // A body's `position` is no cursor: the operation is not a list at all.
    assert_eq!(unpaged("POST", "/tasks"), None);
    let wrappers = api
        .operations
        .iter()
        .find(|op| op.path == "/two-wrappers")
        .expect("the list with two wrappers");
    assert_eq!(
        wrappers.unpaged.as_deref(),
        Some(
            "`ListTwoWrappersResponse` has no array member, and 2 of its members hold one; none \
             is plainly the items"
        )
    );
}

/// Paging another generator's extension declares wins over the shape, and one this generator
/// cannot follow is not guessed at.
#[test]
fn speakeasy_and_fern_declarations_are_followed() {
    let path = tests::fixtures().join("constructs/paging-extensions.yaml");
    let api = lower_sources(&Config::minimal("paging"), &read_sources(&path))
        .unwrap_or_else(|d| panic!("{d}"));
    let mut lines = summary(&api);
    lines.sort();
    assert_eq!(
        lines,
        [
            "GET /fern/offset: page by Extension, items: index += 1 from 1",
            "GET /speakeasy/cursor: cursor_path by Extension, listing.rows: bookmark <- position.following",
            "GET /speakeasy/offset: offset by Extension, records: skipped += items (limit want)",
            "POST /fern/cursor: cursor_path by Extension, hits: body.resume <- resume_from",
        ]
    );
    let unknown = api
        .operations
        .iter()
        .find(|op| op.path == "/unknown")
        .expect("the unknown declaration");
    assert_eq!(
        unknown.unpaged.as_deref(),
        Some(
            "its `x-speakeasy-pagination` cannot be followed: the type `hops` is not one this generator pages"
        )
    );
}

/// `codegen.toml` declares any convention by paths and parameter locations, for shapes no rule
/// reads: here a search whose offset sits in the body and whose total is nested.
#[test]
fn the_config_declares_any_convention_by_paths_and_locations() {
    const SEARCH: &str = r#"
openapi: 3.0.3
info: { title: Search, version: "1" }
paths:
  /search:
    post:
      operationId: search
      requestBody:
        content:
          application/json:
            schema:
              type: object
              properties:
                window: { type: object, properties: { from: { type: integer }, size: { type: integer } } }
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema:
                type: object
                properties:
                  found: { type: array, items: { type: string } }
                  stats: { type: object, properties: { matched: { type: integer } } }
"#;
    let lower_doc = |doc: &str, toml: &str| {
        let config =
            Config::from_toml(Path::new("codegen.toml"), toml).map_err(|d| d.to_string())?;
        lower_sources(&config, &[SpecSource::new("search.yaml", doc)]).map_err(|d| d.to_string())
    };
    let lower = |toml: &str| lower_doc(SEARCH, toml);
    let declared = "[[pagination]]\nname = \"window\"\nkind = \"offset\"\nitems = \"found\"\n\
                    param = \"body.window.from\"\nlimit = \"body.window.size\"\ntotal = \"stats.matched\"\n";
    let api = lower(&format!("{CRATE}\n{declared}")).expect("lowers");
    assert_eq!(
        summary(&api),
        [
            "POST /search: window by Shape, found: body.window.from += items (limit body.window.size) until stats.matched"
        ]
    );
    // Named for the operation it must fit, and says what is missing when it does not.
    let api = lower(&format!(
        "{CRATE}\n{declared}[operations.\"POST /search\"]\npagination = \"window\"\n"
    ))
    .expect("lowers");
    assert_eq!(
        api.operations[0].pagination.as_ref().map(|p| p.detected_by),
        Some(PaginationSource::Config)
    );
    // The same shape as a write: the convention tried on every operation passes it by, since a
    // next page would write again; named for the operation, it still applies.
    let put = SEARCH.replace("    post:", "    put:");
    let lower_put = |toml: &str| lower_doc(&put, toml);
    let api = lower_put(&format!("{CRATE}\n{declared}")).expect("lowers");
    assert_eq!(summary(&api), Vec::<String>::new());
    let api = lower_put(&format!(
        "{CRATE}\n{declared}[operations.\"PUT /search\"]\npagination = \"window\"\n"
    ))
    .expect("lowers");
    assert_eq!(
        api.operations[0].pagination.as_ref().map(|p| p.detected_by),
        Some(PaginationSource::Config)
    );
    let err = lower(&format!(
        "{CRATE}\n{}[operations.\"POST /search\"]\npagination = \"window\"\n",
        declared.replace("stats.matched", "stats.total")
    ))
    .expect_err("no such total");
    assert!(
        err.contains("`window`") && err.contains("the page has no `stats.total` value"),
        "{err}"
    );
}
