use super::*;

type E = Error<()>;

#[test]
fn segments_stay_single() {
    let enc = |v: &str| path_segment::<()>("p", v).unwrap();
    assert_eq!(enc("skill_01Ab"), "skill_01Ab");
    assert_eq!(enc("../x"), "..%2Fx");
    assert_eq!(enc("a/b"), "a%2Fb");
    assert_eq!(enc("a?b#c"), "a%3Fb%23c");
    assert_eq!(enc("a b%"), "a%20b%25");
    assert_eq!(enc("é"), "%C3%A9");
    assert_eq!(enc("..."), "...");
    for bad in ["", ".", ".."] {
        assert!(
            matches!(path_segment::<()>("p", bad), Err(E::InvalidInput(_))),
            "{bad:?}"
        );
    }
}

#[test]
fn paths_keep_their_slashes_and_escape_the_rest() {
    let enc = |v: &str| path_segments::<()>("scope", v).unwrap();
    assert_eq!(
        enc("subscriptions/1/resourceGroups/my rg"),
        "subscriptions/1/resourceGroups/my%20rg"
    );
    assert_eq!(enc("/subscriptions/1/"), "subscriptions/1");
    assert_eq!(enc("a?b#c/d%"), "a%3Fb%23c/d%25");
    assert_eq!(enc("one"), "one");
    assert_eq!(enc("a//b"), "a//b");
    assert_eq!(enc("a/.../b"), "a/.../b");
    for bad in ["", "/", "//", "a/../b", "./a", "a/.", ".."] {
        assert!(
            matches!(path_segments::<()>("scope", bad), Err(E::InvalidInput(_))),
            "{bad:?}"
        );
    }
}

#[test]
fn lists_join_their_escaped_items_with_commas() {
    assert_eq!(
        path_list::<(), _>("p", &["a", "b c", "x,y"]).unwrap(),
        "a,b%20c,x%2Cy"
    );
    assert_eq!(path_list::<(), _>("p", &[1, 2]).unwrap(), "1,2");
    assert!(matches!(
        path_list::<(), &str>("p", &[]),
        Err(E::InvalidInput(_))
    ));
    assert!(matches!(
        path_list::<(), _>("p", &["a", ""]),
        Err(E::InvalidInput(_))
    ));
}

#[test]
fn headers_reject_line_breaks() {
    assert!(header::<()>("x-a", "ok").is_ok());
    for bad in ["a\r\nx-evil: 1", "a\nb", "a\rb"] {
        let err = header::<()>("x-a", bad).unwrap_err();
        assert!(err.to_string().contains("x-a"), "{err}");
    }
}

#[test]
fn text_of_values() {
    assert_eq!(text("a b"), "a b");
    assert_eq!(text(&20), "20");
    assert_eq!(text(&true), "true");
}

#[test]
fn list_values_are_deduplicated_in_order() {
    assert_eq!(
        join_list(&["skills-2025-10-02"], ["skills-2025-10-02", "b"]),
        "skills-2025-10-02,b"
    );
    assert_eq!(join_list(&["a"], ["b,a", " c "]), "a,b,c");
    assert_eq!(join_list(&[], []), "");
}
