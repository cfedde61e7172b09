use super::*;

fn sample(schema: serde_json::Value, coverage: Coverage) -> Value {
    let components = IndexMap::new();
    let schema: ReferenceOr<Schema> = serde_json::from_value(schema).expect("schema");
    Sampler::new(Some(&components)).sample(&schema, coverage)
}

#[test]
fn the_spec_s_own_values_come_first() {
    let s = json!({"type": "string", "example": "ex", "default": "def"});
    assert_eq!(sample(s, Coverage::Full), json!("ex"));
    let s = json!({"type": "integer", "default": 7});
    assert_eq!(sample(s, Coverage::Full), json!(7));
    let s = json!({"type": "string", "enum": ["b", "a"]});
    assert_eq!(sample(s, Coverage::Full), json!("b"));
    // Numbers listed for a string (Wowza): the client's type is a string.
    let s = json!({"type": "string", "enum": [2, 4]});
    assert_eq!(sample(s, Coverage::Full), json!("2"));
    // No `type` (Azure's `x-ms-enum`s): the value as listed.
    let s = json!({"enum": ["unknown", "create"]});
    assert_eq!(sample(s, Coverage::Full), json!("unknown"));
}

#[test]
fn a_path_segment_is_never_empty() {
    let s = json!({"type": "string", "example": ""});
    let schema: ReferenceOr<Schema> = serde_json::from_value(s).unwrap();
    let sampler = Sampler::new(None);
    assert_eq!(sampler.sample(&schema, Coverage::Full), json!(""));
    assert_eq!(sampler.path_segment(&schema), json!("string"));
    let s = json!({"type": "string", "default": "", "format": "uuid"});
    let schema: ReferenceOr<Schema> = serde_json::from_value(s).unwrap();
    assert_eq!(
        sampler.path_segment(&schema),
        json!("00000000-0000-4000-8000-000000000000")
    );
    let s = json!({"type": "string", "example": "abc"});
    let schema: ReferenceOr<Schema> = serde_json::from_value(s).unwrap();
    assert_eq!(sampler.path_segment(&schema), json!("abc"));
    for s in [
        json!({"type": "string", "enum": ["", "mini", "full"]}),
        json!({"enum": ["", "mini"]}),
    ] {
        let schema: ReferenceOr<Schema> = serde_json::from_value(s).unwrap();
        assert_eq!(sampler.path_segment(&schema), json!("mini"));
    }
}

#[test]
fn strings_meet_format_length_and_pattern() {
    let s = json!({"type": "string", "format": "date"});
    assert_eq!(sample(s, Coverage::Full), json!("2024-01-01"));
    let s = json!({"type": "string", "format": "uuid"});
    assert_eq!(
        sample(s, Coverage::Full),
        json!("00000000-0000-4000-8000-000000000000")
    );
    let s = json!({"type": "string", "minLength": 10});
    assert_eq!(sample(s, Coverage::Full), json!("stringxxxx"));
    let s = json!({"type": "string", "maxLength": 3});
    assert_eq!(sample(s, Coverage::Full), json!("str"));
    let s = json!({"type": "string", "pattern": "^skill_[0-9A-Za-z]{4}(-v\\d+)?$"});
    assert_eq!(sample(s, Coverage::Full), json!("skill_aaaa-v0"));
    let s = json!({"type": "string", "pattern": "^(sk|pk)-[a-f]+$"});
    assert_eq!(sample(s, Coverage::Full), json!("sk-a"));
}

#[test]
fn numbers_stay_within_their_bounds() {
    let s = json!({"type": "integer", "minimum": 5, "maximum": 9});
    assert_eq!(sample(s, Coverage::Full), json!(5));
    let s = json!({"type": "integer", "maximum": 0});
    assert_eq!(sample(s, Coverage::Full), json!(0));
    let s = json!({"type": "integer", "minimum": 0, "exclusiveMinimum": true, "multipleOf": 4});
    assert_eq!(sample(s, Coverage::Full), json!(4));
    let s = json!({"type": "number", "minimum": 0, "maximum": 0.5});
    assert_eq!(sample(s, Coverage::Full), json!(0.5));
}

#[test]
fn an_untyped_schema_with_items_is_an_array() {
    let s = json!({"items": {"type": "integer"}, "minItems": 2});
    assert_eq!(sample(s, Coverage::Full), json!([1, 1]));
    // A declared number type wins over stray `items` (Mailchimp); a string with `items` is
    // a list, which a header carries comma-joined (Anthropic's `anthropic-beta`).
    let s = json!({"type": "integer", "items": {"type": "string"}});
    assert_eq!(sample(s, Coverage::Full), json!(1));
    let s = json!({"type": "string", "items": {"type": "string"}});
    assert_eq!(sample(s, Coverage::Full), json!(["string"]));
}

#[test]
fn a_required_name_without_a_property_is_present() {
    let s = json!({
        "type": "object",
        "required": ["a", "updated"],
        "properties": {"a": {"type": "string"}}
    });
    assert_eq!(
        sample(s, Coverage::Required),
        json!({"a": "string", "updated": {}})
    );
    // Defined in another `allOf` member, the typed value wins whatever the order.
    let s = json!({"allOf": [
        {"type": "object", "required": ["n"], "properties": {}},
        {"type": "object", "properties": {"n": {"type": "integer"}}}
    ]});
    assert_eq!(sample(s, Coverage::Required), json!({"n": 1}));
    let s = json!({"allOf": [
        {"type": "object", "properties": {"n": {"type": "integer"}}},
        {"type": "object", "required": ["n"], "properties": {}}
    ]});
    assert_eq!(sample(s, Coverage::Required), json!({"n": 1}));
    // No room for it where the object takes no other members.
    let s = json!({"type": "object", "required": ["x"], "additionalProperties": false,
        "properties": {"a": {"type": "string"}}});
    assert_eq!(sample(s, Coverage::Required), json!({}));
}

#[test]
fn objects_cover_required_or_every_property() {
    let s = json!({
        "type": "object",
        "required": ["a"],
        "properties": {
            "a": {"type": "string"},
            "b": {"type": "boolean"},
            "id": {"type": "string", "readOnly": true}
        }
    });
    assert_eq!(
        sample(s.clone(), Coverage::Required),
        json!({"a": "string"})
    );
    assert_eq!(sample(s, Coverage::Full), json!({"a": "string", "b": true}));
    let s = json!({"type": "array", "items": {"type": "integer"}, "minItems": 2});
    assert_eq!(sample(s, Coverage::Full), json!([1, 1]));
    // At least `minProperties`, even in a required-only call.
    let s =
        json!({"type": "object", "minProperties": 2, "additionalProperties": {"type": "integer"}});
    assert_eq!(sample(s, Coverage::Required), json!({"key": 1, "key2": 1}));
    let s = json!({"type": "object", "minProperties": 1, "properties": {"a": {"type": "boolean"}}});
    assert_eq!(sample(s, Coverage::Required), json!({"a": true}));
}

#[test]
fn all_of_members_describe_one_object() {
    let mut components = IndexMap::new();
    components.insert(
        "Typed".to_string(),
        serde_json::from_value(json!({
            "type": "object",
            "properties": {"callback_url": {"type": "string"}, "kind": {"enum": ["a", "b"]}}
        }))
        .expect("schema"),
    );
    // A member that documents `callback_url` (any value) and one that types it, nested as
    // Rev.ai nests its job options: the typed value wins at every depth.
    let inner = json!({"allOf": [
        {"type": "object", "properties": {"callback_url": {"description": "Where to call."}}},
        {"$ref": "#/components/schemas/Typed"}
    ]});
    let schema: ReferenceOr<Schema> =
        serde_json::from_value(json!({"allOf": [{"allOf": [inner]}]})).expect("schema");
    let value = Sampler::new(Some(&components)).sample(&schema, Coverage::Full);
    assert_eq!(value, json!({"callback_url": "string", "kind": "a"}));
    // `required` in one member, the property in another.
    let split: ReferenceOr<Schema> = serde_json::from_value(json!({"allOf": [
        {"type": "object", "properties": {"retry": {"type": "boolean"}}},
        {"required": ["retry"]}
    ]}))
    .expect("schema");
    let value = Sampler::new(Some(&components)).sample(&split, Coverage::Required);
    assert_eq!(value, json!({"retry": true}));
    // A self-extending `allOf` ends.
    components.insert(
        "Loop".to_string(),
        serde_json::from_value(json!({"allOf": [{"$ref": "#/components/schemas/Loop"}]}))
            .expect("schema"),
    );
    let looped = ReferenceOr::ref_("#/components/schemas/Loop");
    assert_eq!(
        Sampler::new(Some(&components)).sample(&looped, Coverage::Full),
        Value::Null
    );
}

#[test]
fn a_property_two_members_define_meets_both() {
    // Bitbucket: a base requires `type` as any string, the member narrows it to an enum
    // without requiring it. A validating server checks the one value against both.
    let mut components = IndexMap::new();
    components.insert(
        "Base".to_string(),
        serde_json::from_value(json!({
            "type": "object", "required": ["type"],
            "properties": {"type": {"type": "string"}}
        }))
        .expect("schema"),
    );
    let narrowed = json!({"type": "object", "properties": {
        "type": {"type": "string", "enum": ["branches", "tags"]},
        "pattern": {"type": "string"}
    }});
    let base = json!({"$ref": "#/components/schemas/Base"});
    for (members, coverage) in [
        (json!([base, narrowed]), Coverage::Required),
        (json!([base, narrowed]), Coverage::Full),
        // The narrower member first: the later, wider one does not undo it.
        (json!([narrowed, base]), Coverage::Full),
    ] {
        let schema: ReferenceOr<Schema> =
            serde_json::from_value(json!({"allOf": members})).expect("schema");
        let value = Sampler::new(Some(&components)).sample(&schema, coverage);
        assert_eq!(value["type"], json!("branches"), "{members} {coverage:?}");
    }
}

#[test]
fn a_discriminated_union_s_sample_carries_the_tag() {
    let mut components = IndexMap::new();
    components.insert(
        "Cat".to_string(),
        serde_json::from_value(json!({"type": "object",
            "properties": {"kind": {"type": "string"}, "lives": {"type": "integer"}}}))
        .expect("schema"),
    );
    let sample = |union: Value| {
        let schema: ReferenceOr<Schema> = serde_json::from_value(union).expect("schema");
        Sampler::new(Some(&components)).sample(&schema, Coverage::Required)
    };
    // Mailchimp: inline members whose tag is a one-value enum no member requires.
    assert_eq!(
        sample(
            json!({"discriminator": {"propertyName": "condition_type"}, "oneOf": [
                {"type": "object", "properties": {
                    "condition_type": {"type": "string", "enum": ["Aim"]},
                    "op": {"type": "string"}}},
                {"type": "object", "properties": {
                    "condition_type": {"type": "string", "enum": ["Date"]}}}
            ]})
        ),
        json!({"condition_type": "Aim"})
    );
    // A referenced member: the mapping's key, else the schema's name.
    let cat = json!({"$ref": "#/components/schemas/Cat"});
    assert_eq!(
        sample(json!({"discriminator": {"propertyName": "kind",
            "mapping": {"cat": "#/components/schemas/Cat"}}, "anyOf": [cat]})),
        json!({"kind": "cat"})
    );
    assert_eq!(
        sample(json!({"discriminator": {"propertyName": "kind"}, "oneOf": [cat]})),
        json!({"kind": "Cat"})
    );
}

#[test]
fn a_form_sends_an_untyped_required_field_as_text() {
    let s: ReferenceOr<Schema> = serde_json::from_value(json!({
        "type": "object", "required": ["grant_type", "token", "data"],
        "properties": {"token": {"type": "string"}, "meta": {"type": "object"},
            "data": {"description": ""}}
    }))
    .expect("schema");
    let sampler = Sampler::new(None);
    assert_eq!(
        sampler.sample_form(&s, Coverage::Required),
        json!({"token": "string", "grant_type": "string", "data": "string"})
    );
    // A defined object stays one; JSON keeps the any-value `{}`.
    assert_eq!(sampler.sample_form(&s, Coverage::Full)["meta"], json!({}));
    assert_eq!(
        sampler.sample(&s, Coverage::Required)["grant_type"],
        json!({})
    );
}

#[test]
fn all_of_graphs_that_meet_again_are_read_once() {
    // Each of 24 schemas extends the next two and carries an example: walked once per path,
    // the members and the example checks would branch 2^24 ways.
    let mut components = IndexMap::new();
    for i in 0..24 {
        let next = |k: usize| json!({"$ref": format!("#/components/schemas/S{}", (i + k) % 24)});
        components.insert(
            format!("S{i}"),
            serde_json::from_value(json!({
                "allOf": [next(1), next(2), {"required": [format!("p{i}")]}],
                "example": {"p0": 1}
            }))
            .expect("schema"),
        );
    }
    let root = ReferenceOr::ref_("#/components/schemas/S0");
    let sampler = Sampler::new(Some(&components));
    let _ = sampler.sample(&root, Coverage::Full);
    let _ = sampler.accepts(&root, &json!({"p0": 1}));
}

#[test]
fn recursive_references_end() {
    let mut components = IndexMap::new();
    components.insert(
        "Node".to_string(),
        serde_json::from_value(json!({
            "type": "object",
            "required": ["name"],
            "properties": {
                "name": {"type": "string"},
                "children": {"type": "array", "items": {"$ref": "#/components/schemas/Node"}}
            }
        }))
        .expect("schema"),
    );
    let root = ReferenceOr::ref_("#/components/schemas/Node");
    let value = Sampler::new(Some(&components)).sample(&root, Coverage::Full);
    assert_eq!(value["name"], "string");
    assert_eq!(value["children"][0]["children"][0]["name"], "string");
    assert!(
        value["children"][0]["children"][0]["children"][0]
            .get("children")
            .is_none()
    );
}
