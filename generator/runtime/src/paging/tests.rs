use super::*;

#[test]
fn extract_reads_nested_fields_and_the_last_item() {
    let body = br#"{"data": [{"id": "a"}, {"id": "b", "x": [1]}], "meta": {"next_cursor": "c2", "n": 7}, "more": false, "none": null}"#;
    assert_eq!(
        extract(body, &["meta", "next_cursor"], None).as_deref(),
        Some("c2")
    );
    assert_eq!(extract(body, &["meta", "n"], None).as_deref(), Some("7"));
    assert_eq!(extract(body, &["more"], None).as_deref(), Some("false"));
    assert_eq!(extract(body, &["none"], None), None);
    assert_eq!(
        extract_value(body, &["meta", "n"], None),
        Some(Value::from(7))
    );
    assert_eq!(extract(body, &["meta"], None), None, "not a scalar");
    assert_eq!(
        extract(body, &["data"], Some(&["id"])).as_deref(),
        Some("b")
    );
    assert_eq!(
        extract(b"[{\"id\": 1}, {\"id\": 2}]", &[], Some(&["id"])).as_deref(),
        Some("2")
    );
    assert_eq!(extract(b"[]", &[], Some(&["id"])), None);
    assert_eq!(extract(b"not json", &["a"], None), None);
    // A .NET server's byte-order mark does not end the paging.
    assert_eq!(
        extract(b"\xEF\xBB\xBF{\"next\": \"c3\"}", &["next"], None).as_deref(),
        Some("c3")
    );
}

#[test]
fn a_repeated_next_url_fails_and_a_short_offset_page_ends_the_walk() {
    let next_url = Paging {
        convention: Convention::NextUrl(&["next"]),
        items: &["data"],
        has_more: None,
    };
    let body = Bytes::from_static(br#"{"data": [1], "next": "/x?p=2"}"#);
    let headers = HeaderMap::new();
    let page = |number| Received {
        items: 1,
        body: &body,
        headers: &headers,
        number,
    };
    let mut request = Request::new(reqwest::Method::GET, "/x".into());
    let mut walk = next_url.start(&request);
    let base = "http://127.0.0.1:9/api";
    assert!(matches!(
        next_url.advance(&mut walk, &mut request, base, &page(1)),
        Step::Next
    ));
    assert_eq!(
        request.url.as_ref().map(Url::as_str),
        Some("http://127.0.0.1:9/x?p=2")
    );
    match next_url.advance(&mut walk, &mut request, base, &page(2)) {
        Step::Fail(message) => assert!(message.contains("already gave"), "{message}"),
        other => panic!("expected a failure, got {other:?}"),
    }

    let offset = Paging {
        convention: Convention::Offset {
            offset: Param::Query("offset"),
            limit: Some(Param::Query("limit")),
            total: None,
        },
        items: &["data"],
        has_more: None,
    };
    let mut request = Request::new(reqwest::Method::GET, "/x".into());
    request.query("limit", 5);
    let mut walk = offset.start(&request);
    // One item where five were asked for: the last page.
    assert!(matches!(
        offset.advance(&mut walk, &mut request, base, &page(1)),
        Step::Done
    ));
}

#[test]
fn next_links_as_rfc_8288_writes_them() {
    let github = r#"<https://api.github.com/repos/a/b/issues?page=2>; rel="next", <https://api.github.com/repos/a/b/issues?page=5>; rel="last""#;
    assert_eq!(
        next_link(github).as_deref(),
        Some("https://api.github.com/repos/a/b/issues?page=2")
    );
    assert_eq!(
        next_link(r#"</p?page=1>; rel="prev first", </p?page=3>; rel=next"#).as_deref(),
        Some("/p?page=3")
    );
    assert_eq!(
        next_link(r#"</a?x=1,2>; title="a, b"; rel="next""#).as_deref(),
        Some("/a?x=1,2")
    );
    assert_eq!(next_link(r#"</p?page=1>; rel="prev""#), None);
    assert_eq!(next_link(""), None);
}
