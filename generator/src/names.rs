//! The one place that turns wire names into Rust names.

use std::collections::BTreeSet;

use heck::{ToKebabCase, ToSnakeCase, ToUpperCamelCase};

const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern",
    "false", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut",
    "pub", "ref", "return", "self", "Self", "static", "struct", "super", "trait", "true", "type",
    "unsafe", "use", "where", "while", "abstract", "become", "box", "do", "final", "macro",
    "override", "priv", "typeof", "unsized", "virtual", "yield", "try",
];

/// Keywords that cannot be raw identifiers; they get a trailing underscore instead.
const NOT_RAW: &[&str] = &["crate", "self", "Self", "super"];

pub fn is_keyword(s: &str) -> bool {
    KEYWORDS.contains(&s)
}

/// Keeps only characters valid in an identifier, splitting words on everything else.
fn clean(wire: &str) -> String {
    let mut out = String::with_capacity(wire.len() + 6);
    // A sign before a number is a word: GitHub's reactions `+1` and `-1` are `plus_1` and
    // `minus_1`, not `_1` and `_1_2`.
    let mut chars = wire.chars().peekable();
    let signed =
        |sign: char| wire.starts_with(sign) && wire[1..].starts_with(|c: char| c.is_ascii_digit());
    if signed('+') {
        out.push_str("plus_");
        chars.next();
    } else if signed('-') {
        out.push_str("minus_");
        chars.next();
    }
    for c in chars {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else {
            out.push('_');
        }
    }
    out
}

fn fix_start(mut s: String, fallback: &str) -> String {
    if s.is_empty() {
        return fallback.to_string();
    }
    if s.starts_with(|c: char| c.is_ascii_digit()) {
        s.insert(0, '_');
    }
    s
}

/// Names cargo refuses for a package, or that shadow a crate every program sees.
const RESERVED_PACKAGES: &[&str] = &["std", "core", "alloc", "proc-macro", "proc_macro", "test"];

/// A package name from any file or directory name, valid for cargo and clean under rustc's
/// lints: `api.github.com` is `api-github-com`, `openai-tryAGI` is `openai-try-agi`.
pub fn package_name(raw: &str) -> String {
    let mut name = clean(raw).to_kebab_case();
    if name.is_empty() {
        return "generated-client".to_string();
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert_str(0, "api-");
    }
    if is_keyword(&name) || RESERVED_PACKAGES.contains(&name.as_str()) {
        name.push_str("-api");
    }
    name
}

/// Why `name` will not do as the generated crate's package name, if it will not.
pub fn check_package_name(name: &str) -> Result<(), String> {
    let why = if name.is_empty() {
        "it is empty"
    } else if !name.starts_with(|c: char| c.is_ascii_lowercase()) {
        "it must start with a lowercase ASCII letter"
    } else if let Some(c) = name
        .chars()
        .find(|c| !(c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '-' || *c == '_'))
    {
        return Err(format!(
            "`{name}` is not a valid package name: `{c}` is not allowed; use lowercase letters, \
             digits and `-` (e.g. `{}`)",
            package_name(name)
        ));
    } else if is_keyword(name) || RESERVED_PACKAGES.contains(&name) {
        "it is a Rust keyword or a standard crate's name"
    } else {
        return Ok(());
    };
    Err(format!(
        "`{name}` is not a valid package name: {why} (e.g. `{}`)",
        package_name(name)
    ))
}

/// `snake_case` for fields, params and methods. Keywords come back as raw identifiers (`r#type`)
/// when that is legal; the emitter handles the `r#` prefix.
pub fn snake(wire: &str) -> String {
    let s = clean(wire).to_snake_case();
    let s = fix_start(s, "field");
    escape_keyword(s)
}

/// `UpperCamelCase` for types and variants.
pub fn camel(wire: &str) -> String {
    let s = clean(wire).to_upper_camel_case();
    let s = fix_start(s, "Unnamed");
    escape_keyword(s)
}

fn escape_keyword(s: String) -> String {
    if NOT_RAW.contains(&s.as_str()) {
        format!("{s}_")
    } else if is_keyword(&s) {
        format!("r#{s}")
    } else {
        s
    }
}

/// Names the generated code uses unqualified in the module that holds the API's types: the
/// prelude, serde's derives and the maps. A schema named like one of them (a `String` or `Result`
/// component) would shadow it for every other type.
const STD_TYPE_NAMES: &[&str] = &[
    "String",
    "Vec",
    "Option",
    "Box",
    "Result",
    "Default",
    "Ok",
    "Err",
    "Some",
    "None",
    "Clone",
    "Copy",
    "Send",
    "Sync",
    "Sized",
    "Unpin",
    "Drop",
    "Fn",
    "FnMut",
    "FnOnce",
    "From",
    "Into",
    "TryFrom",
    "TryInto",
    "Iterator",
    "IntoIterator",
    "DoubleEndedIterator",
    "ExactSizeIterator",
    "Extend",
    "FromIterator",
    "ToString",
    "ToOwned",
    "AsRef",
    "AsMut",
    "PartialEq",
    "Eq",
    "PartialOrd",
    "Ord",
    "Debug",
    "Display",
    "Hash",
    "Serialize",
    "Deserialize",
    "Serializer",
    "Deserializer",
    "Formatter",
    "BTreeMap",
    "HashMap",
    "Value",
    "Map",
    "Number",
    "Cow",
    "Rc",
    "Arc",
    "Self_",
];

/// A type name that does not shadow what the generated code uses: `String` becomes `StringModel`.
pub fn type_name(camel_name: String) -> String {
    unshadowed(camel_name, "Model")
}

/// The name, with `suffix` when it would shadow what the generated code uses: `Result` and
/// `Resource` make `ResultResource`, `Self_` makes `SelfResource` (a type name has no `_`).
pub fn unshadowed(camel_name: String, suffix: &str) -> String {
    if shadows_std(&camel_name) {
        format!("{}{suffix}", bare(&camel_name).trim_end_matches('_'))
    } else {
        camel_name
    }
}

/// Whether a type name would shadow a name the generated code uses unqualified (`Result`).
pub fn shadows_std(camel_name: &str) -> bool {
    STD_TYPE_NAMES.contains(&bare(camel_name))
}

/// The name without a raw-identifier prefix, for building derived names.
pub fn bare(name: &str) -> &str {
    name.strip_prefix("r#").unwrap_or(name)
}

/// Hands out unique names within one scope, in call order: the second `foo` becomes `foo_2`.
/// Callers feed names in a deterministic order, so the result is deterministic.
#[derive(Debug, Default)]
pub struct Scope {
    taken: BTreeSet<String>,
}

impl Scope {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn is_taken(&self, name: &str) -> bool {
        self.taken.contains(bare(name))
    }

    pub fn reserve(&mut self, name: &str) {
        self.taken.insert(bare(name).to_string());
    }

    pub fn unique(&mut self, name: String) -> String {
        if self.taken.insert(bare(&name).to_string()) {
            return name;
        }
        let base = bare(&name).to_string();
        let sep = if base.chars().next().is_some_and(|c| c.is_ascii_uppercase()) {
            ""
        } else {
            "_"
        };
        (2..)
            .map(|n| format!("{base}{sep}{n}"))
            .find(|candidate| self.taken.insert(candidate.clone()))
            .expect("an unbounded range always yields a free name")
    }
}

/// `PostChargesFormTransferData` -> `[Post, Charges, Form, Transfer, Data]`.
pub fn camel_words(name: &str) -> Vec<String> {
    bare(name)
        .to_snake_case()
        .split('_')
        .filter(|w| !w.is_empty())
        .map(|w| w.to_upper_camel_case())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sign_before_a_number_is_a_word() {
        assert_eq!(snake("+1"), "plus_1");
        assert_eq!(snake("-1"), "minus_1");
        assert_eq!(camel("+1"), "Plus1");
        assert_eq!(snake("-created_at"), "created_at");
        assert_eq!(snake("a-1"), "a_1");
    }

    #[test]
    fn converts_and_escapes() {
        assert_eq!(snake("skill_id"), "skill_id");
        assert_eq!(snake("anthropic-beta"), "anthropic_beta");
        assert_eq!(snake("type"), "r#type");
        assert_eq!(snake("self"), "self_");
        assert_eq!(snake("2fa"), "_2fa");
        assert_eq!(snake("files[]"), "files");
        assert_eq!(camel("api_error"), "ApiError");
        assert_eq!(camel("Self"), "Self_");
        assert_eq!(camel(""), "Unnamed");
    }

    #[test]
    fn scope_resolves_collisions_in_order() {
        let mut scope = Scope::new();
        assert_eq!(scope.unique(snake("fooBar")), "foo_bar");
        assert_eq!(scope.unique(snake("foo_bar")), "foo_bar_2");
        assert_eq!(scope.unique(snake("FooBar")), "foo_bar_3");
        let mut types = Scope::new();
        assert_eq!(types.unique(camel("error")), "Error");
        assert_eq!(types.unique(camel("Error")), "Error2");
    }

    #[test]
    fn package_names_from_any_file_name() {
        for (raw, want) in [
            ("api.github.com", "api-github-com"),
            (
                "anthropic-stainless-2026-05-tryAGI",
                "anthropic-stainless-2026-05-try-agi",
            ),
            ("openai-openapi", "openai-openapi"),
            ("2023-09-12", "api-2023-09-12"),
            ("Stripe API (v1)", "stripe-api-v1"),
            ("", "generated-client"),
            ("...", "generated-client"),
            ("test", "test-api"),
            ("fn", "fn-api"),
        ] {
            let name = package_name(raw);
            assert_eq!(name, want, "{raw:?}");
            assert_eq!(check_package_name(&name), Ok(()), "{raw:?}");
        }
    }

    #[test]
    fn bad_package_names_say_why_and_suggest_one() {
        let err = check_package_name("api.github.com").unwrap_err();
        assert!(
            err.contains("`.` is not allowed") && err.contains("`api-github-com`"),
            "{err}"
        );
        let err = check_package_name("tryAGI").unwrap_err();
        assert!(
            err.contains("`A` is not allowed") && err.contains("`try-agi`"),
            "{err}"
        );
        let err = check_package_name("9lives").unwrap_err();
        assert!(err.contains("lowercase ASCII letter"), "{err}");
        assert!(check_package_name("core").is_err());
        assert!(check_package_name("").is_err());
        assert_eq!(check_package_name("anthropic-skills"), Ok(()));
    }
}
