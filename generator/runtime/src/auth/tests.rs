use super::*;

fn wire(kind: AuthKind, value: &str) -> Wire {
    let scheme = AuthScheme {
        name: "s",
        kind,
        env: None,
    };
    scheme.credential::<()>(value).expect("encodes").wire
}

fn header(w: Wire) -> (String, String) {
    match w {
        Wire::Header(n, v) => {
            assert!(v.is_sensitive(), "credentials are marked sensitive");
            (n.to_string(), v.to_str().expect("ascii").to_string())
        }
        Wire::Query(..) => panic!("expected a header"),
    }
}

#[test]
fn each_kind_on_the_wire() {
    assert_eq!(
        header(wire(AuthKind::Bearer, "t0k")),
        ("authorization".into(), "Bearer t0k".into())
    );
    // RFC 7617's example.
    assert_eq!(
        header(wire(AuthKind::Basic, "Aladdin:open sesame")),
        (
            "authorization".into(),
            "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==".into()
        )
    );
    assert_eq!(
        header(wire(AuthKind::Header("X-Api-Key"), "k")),
        ("x-api-key".into(), "k".into())
    );
    assert_eq!(
        header(wire(AuthKind::Cookie("session"), "abc")),
        ("cookie".into(), "session=abc".into())
    );
    assert!(matches!(
        wire(AuthKind::Query("api_key"), "k"),
        Wire::Query("api_key", v) if v == "k"
    ));
}

#[test]
fn a_credential_with_a_line_break_is_refused_without_echoing_it() {
    let scheme = AuthScheme {
        name: "bearer",
        kind: AuthKind::Bearer,
        env: None,
    };
    let err = scheme
        .credential::<()>("secret\r\nx: y")
        .err()
        .expect("refused")
        .to_string();
    assert!(err.contains("`bearer`") && !err.contains("secret"), "{err}");
}
