use super::*;

#[test]
fn form_fields_follow_their_style() {
    let body = serde_json::json!({
        "To": "+15005550006",
        "CcEmails": ["a@example.com", "b@example.com"],
        "metadata": {"order": 6735, "note": "a b&c"},
        "expand": ["customer", "invoice.subscription"],
        "address": {"city": "Paris", "line": {"first": "1 rue"}},
        "items": [{"price": "p_1", "quantity": 2}],
        "Unset": null,
        "flag": true,
    });
    let pairs = form_pairs(&body, &["metadata", "expand", "items"]).unwrap();
    let text = serde_urlencoded::to_string(&pairs).unwrap();
    assert_eq!(
        text,
        "To=%2B15005550006&CcEmails=a%40example.com&CcEmails=b%40example.com\
         &metadata%5Border%5D=6735&metadata%5Bnote%5D=a+b%26c\
         &expand%5B0%5D=customer&expand%5B1%5D=invoice.subscription\
         &city=Paris&line%5Bfirst%5D=1+rue\
         &items%5B0%5D%5Bprice%5D=p_1&items%5B0%5D%5Bquantity%5D=2&flag=true"
    );
    assert!(form_pairs(&serde_json::json!(["a"]), &[]).is_err());
}

fn query(name: &str, value: serde_json::Value, style: ObjectStyle) -> String {
    serde_urlencoded::to_string(object_pairs(name, &value, style)).unwrap()
}

#[test]
fn query_objects_follow_their_style() {
    let page =
        serde_json::json!({"size": 20, "page": 2, "sort": ["name,asc", "id"], "unset": null});
    assert_eq!(
        query("pageable", page.clone(), ObjectStyle::Exploded),
        "size=20&page=2&sort=name%2Casc&sort=id"
    );
    assert_eq!(
        query("page", page.clone(), ObjectStyle::Deep),
        "page%5Bsize%5D=20&page%5Bpage%5D=2&page%5Bsort%5D%5B0%5D=name%2Casc&page%5Bsort%5D%5B1%5D=id"
    );
    assert_eq!(
        query(
            "color",
            serde_json::json!({"R": 100, "G": 200, "B": null}),
            ObjectStyle::Joined(',')
        ),
        "color=R%2C100%2CG%2C200"
    );
    let filter = serde_json::json!({"status": "open", "owner": {"id": "u 1"}});
    assert_eq!(
        query("filter", filter.clone(), ObjectStyle::Deep),
        "filter%5Bstatus%5D=open&filter%5Bowner%5D%5Bid%5D=u+1"
    );
    assert_eq!(
        query("filter", filter, ObjectStyle::Exploded),
        "status=open&owner%5Bid%5D=u+1"
    );
}

#[test]
fn query_values_that_are_not_objects_stay_plain() {
    for style in [
        ObjectStyle::Exploded,
        ObjectStyle::Deep,
        ObjectStyle::Joined(','),
    ] {
        assert_eq!(
            query("q", serde_json::json!("a b"), style),
            "q=a+b",
            "{style:?}"
        );
        assert_eq!(query("q", serde_json::json!(null), style), "", "{style:?}");
        assert_eq!(query("q", serde_json::json!({}), style), "", "{style:?}");
    }
    assert_eq!(
        query("q", serde_json::json!(["a", "b"]), ObjectStyle::Exploded),
        "q=a&q=b"
    );
    assert_eq!(
        query("q", serde_json::json!(["a", "b"]), ObjectStyle::Joined('|')),
        "q=a%7Cb"
    );
}
