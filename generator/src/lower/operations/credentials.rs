//! Parameters that repeat a credential. They are not arguments: the client sends the credential
//! itself. When an operation requires such parameters for credentials that its security lists as
//! alternatives (Trello's `key` and `token`, each its own alternative but both required on every
//! call), the parameters say what the server needs: the credentials go together.

use openapiv3::Parameter;

use crate::ir::{AuthKind, AuthScheme};

/// Whether the parameter carries the scheme's credential.
pub(super) fn repeats(scheme: &AuthScheme, p: &Parameter) -> bool {
    let name = &p.parameter_data_ref().name;
    match (&scheme.kind, p) {
        (AuthKind::Header(h), Parameter::Header { .. }) => h.eq_ignore_ascii_case(name),
        (AuthKind::Query(q), Parameter::Query { .. }) => q == name,
        _ => false,
    }
}

/// The alternatives, joined into one when required parameters ask for the credentials of
/// several and no alternative holds them all; with a warning that says so.
pub(super) fn required_together(
    auth: Vec<Vec<String>>,
    schemes: &[AuthScheme],
    params: &[Parameter],
    warn: impl FnOnce(String),
) -> Vec<Vec<String>> {
    let required: Vec<&AuthScheme> = schemes
        .iter()
        .filter(|s| auth.iter().flatten().any(|n| n == &s.name))
        .filter(|s| {
            params
                .iter()
                .any(|p| p.parameter_data_ref().required && repeats(s, p))
        })
        .collect();
    let held_by_one = auth
        .iter()
        .any(|alternative| required.iter().all(|s| alternative.contains(&s.name)));
    if required.len() < 2 || held_by_one {
        return auth;
    }
    let names: Vec<String> = required.iter().map(|s| s.name.clone()).collect();
    let quoted: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    let params: Vec<String> = required
        .iter()
        .filter_map(|s| params.iter().find(|p| repeats(s, p)))
        .map(|p| format!("`{}`", p.parameter_data_ref().name))
        .collect();
    warn(format!(
        "security lists {} as alternatives, but the required parameters {} ask for each: \
         the client sends them together",
        quoted.join(" and "),
        params.join(" and ")
    ));
    vec![names]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scheme(name: &str, query: &str) -> AuthScheme {
        AuthScheme {
            name: name.into(),
            kind: AuthKind::Query(query.into()),
            env: None,
            env_words: String::new(),
            description: None,
        }
    }

    fn query(name: &str, required: bool) -> Parameter {
        serde_json::from_value(serde_json::json!({
            "in": "query", "name": name, "required": required, "schema": {"type": "string"}
        }))
        .unwrap()
    }

    fn alternatives(list: &[&[&str]]) -> Vec<Vec<String>> {
        list.iter()
            .map(|a| a.iter().map(|s| s.to_string()).collect())
            .collect()
    }

    #[test]
    fn credentials_required_as_parameters_go_together() {
        let schemes = [scheme("api_key", "key"), scheme("api_token", "token")];
        let split = alternatives(&[&["api_key"], &["api_token"]]);
        let mut warned = Vec::new();
        let both = [
            query("key", true),
            query("token", true),
            query("idAction", true),
        ];
        let auth = required_together(split.clone(), &schemes, &both, |w| warned.push(w));
        assert_eq!(auth, alternatives(&[&["api_key", "api_token"]]));
        assert_eq!(warned.len(), 1);
        assert!(warned[0].contains("`key` and `token`"), "{}", warned[0]);
        // One required, or both optional: the alternatives stand.
        for params in [
            vec![query("key", true), query("token", false)],
            vec![query("key", false), query("token", false)],
        ] {
            let auth = required_together(split.clone(), &schemes, &params, |w| panic!("{w}"));
            assert_eq!(auth, split);
        }
        // An alternative that already holds both stands.
        let together = alternatives(&[&["api_key", "api_token"], &["api_key"]]);
        let auth = required_together(together.clone(), &schemes, &both, |w| panic!("{w}"));
        assert_eq!(auth, together);
    }
}
