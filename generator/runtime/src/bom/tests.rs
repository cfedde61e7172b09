#[test]
fn a_leading_mark_is_skipped_and_nothing_else() {
    assert_eq!(super::json_text(b"\xEF\xBB\xBF{\"a\": 1}"), b"{\"a\": 1}");
    assert_eq!(
        super::json_text(b"{\"a\": \"\xEF\xBB\xBF\"}"),
        b"{\"a\": \"\xEF\xBB\xBF\"}"
    );
    assert_eq!(super::json_text(b"\xEF\xBB"), b"\xEF\xBB");
    assert_eq!(super::json_text(b""), b"");
}
