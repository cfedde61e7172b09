//! The base URL: the API document's server, with its `{variables}` filled in. A relative server
//! (`/api`) is joined onto a base URL the user gives as a bare origin; a base URL with a path is
//! used as given.

/// A `{name}` in the server URL.
#[derive(Debug)]
pub struct ServerVariable {
    pub name: &'static str,
    pub default: &'static str,
    /// The values the document allows; empty when any value goes.
    pub values: &'static [&'static str],
}

/// The server URL with each variable set to the given value, else its default.
pub(crate) fn fill(
    template: &str,
    variables: &[ServerVariable],
    given: &[(String, String)],
) -> Result<String, String> {
    for (name, value) in given {
        let Some(variable) = variables.iter().find(|v| v.name == name) else {
            let known: Vec<&str> = variables.iter().map(|v| v.name).collect();
            return Err(format!(
                "`{name}` is not a variable of the server URL `{template}`; it has {known:?}"
            ));
        };
        if !variable.values.is_empty() && !variable.values.contains(&value.as_str()) {
            return Err(format!(
                "`{value}` is not a value of the server variable `{name}`; it takes {:?}",
                variable.values
            ));
        }
    }
    let mut url = template.to_string();
    for variable in variables {
        let value = given
            .iter()
            .rev()
            .find(|(name, _)| name == variable.name)
            .map_or(variable.default, |(_, v)| v.as_str());
        url = url.replace(&format!("{{{}}}", variable.name), value);
    }
    Ok(url)
}

/// The base URL requests start from: the user's, with a relative server joined onto it when the
/// user's is a bare origin; else the server's own, when it is absolute.
pub(crate) fn base_url(
    server: &str,
    user: Option<&str>,
    env: Option<&str>,
) -> Result<reqwest::Url, String> {
    let absolute = reqwest::Url::parse(server).ok();
    let url = match (user, absolute) {
        (Some(user), absolute) => {
            let parsed = reqwest::Url::parse(user)
                .map_err(|e| format!("base URL `{user}` is not a URL: {e}"))?;
            // A base URL with a path is where the API lives (a hosted deployment under
            // `/prefect`): it is used as given. Only a bare origin takes the document's path.
            let origin_only = parsed.path() == "/" && parsed.query().is_none();
            if absolute.is_some() || server.is_empty() || !origin_only {
                parsed
            } else {
                parsed
                    .join(&format!("/{}", server.trim_start_matches('/')))
                    .map_err(|e| format!("cannot join `{server}` onto `{user}`: {e}"))?
            }
        }
        (None, Some(absolute)) => absolute,
        (None, None) => {
            let what = if server.is_empty() {
                "the API document names no server".to_string()
            } else {
                format!("the API document's server `{server}` is relative")
            };
            let how = match env {
                Some(var) => format!("set `{var}` or call `base_url(..)` on the client builder"),
                None => "call `base_url(..)` on the client builder".to_string(),
            };
            return Err(format!("no base URL: {what}; {how}"));
        }
    };
    if !matches!(url.scheme(), "http" | "https") {
        return Err(format!("base URL `{url}` must be http or https"));
    }
    Ok(url)
}

#[cfg(test)]
mod tests {
    use super::*;

    static VARS: &[ServerVariable] = &[
        ServerVariable {
            name: "region",
            default: "us",
            values: &["us", "eu"],
        },
        ServerVariable {
            name: "version",
            default: "v1",
            values: &[],
        },
    ];

    #[test]
    fn variables_take_their_defaults_or_the_given_values() {
        let t = "https://{region}.example.com/{version}";
        assert_eq!(fill(t, VARS, &[]).unwrap(), "https://us.example.com/v1");
        let given = [("region".to_string(), "eu".to_string())];
        assert_eq!(fill(t, VARS, &given).unwrap(), "https://eu.example.com/v1");
        let bad = [("region".to_string(), "mars".to_string())];
        let err = fill(t, VARS, &bad).unwrap_err().to_string();
        assert!(
            err.contains("`mars`") && err.contains("\"us\", \"eu\""),
            "{err}"
        );
        let unknown = [("zone".to_string(), "a".to_string())];
        let err = fill(t, VARS, &unknown).unwrap_err().to_string();
        assert!(err.contains("`zone` is not a variable"), "{err}");
    }

    #[test]
    fn a_relative_server_joins_onto_a_bare_origin_only() {
        let join = |server, user| base_url(server, Some(user), None).unwrap().to_string();
        assert_eq!(
            join("/api", "http://127.0.0.1:8080"),
            "http://127.0.0.1:8080/api"
        );
        assert_eq!(join("api", "http://h"), "http://h/api");
        assert_eq!(join("/api/v2", "http://h:1/"), "http://h:1/api/v2");
        // A base URL with a path is the deployment's own prefix: used as given.
        assert_eq!(
            join("/api", "https://example.com/prefect"),
            "https://example.com/prefect"
        );
        assert_eq!(join("/api/v2", "http://h/x/"), "http://h/x/");
        assert_eq!(join("api", "http://h/prefix"), "http://h/prefix");
        assert_eq!(join("", "http://h:1"), "http://h:1/");
        assert_eq!(join("https://api.example.com", "http://h:1"), "http://h:1/");
    }

    #[test]
    fn without_any_base_url_the_error_says_what_to_set() {
        let err = base_url("/api", None, Some("PETS_BASE_URL"))
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("server `/api` is relative")
                && err.contains("set `PETS_BASE_URL` or call `base_url(..)`"),
            "{err}"
        );
        let err = base_url("", None, Some("PETS_BASE_URL"))
            .unwrap_err()
            .to_string();
        assert!(err.contains("names no server"), "{err}");
        assert_eq!(
            base_url("https://api.example.com/v1", None, None)
                .unwrap()
                .as_str(),
            "https://api.example.com/v1"
        );
    }
}
