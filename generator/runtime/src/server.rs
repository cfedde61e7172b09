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
mod tests;
