//! Resource-style names from a path, as the official SDKs shape them:
//! `POST /v1/skills/{skill_id}/versions` is `client.skills().versions().create(skill_id)`.

use crate::ir::HttpMethod;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResourceName {
    pub resource: Vec<String>,
    pub method: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Seg<'a> {
    Literal(&'a str),
    Param,
}

fn segments(path: &str) -> Vec<Seg<'_>> {
    let mut segs: Vec<Seg> = path
        .split('/')
        .filter(|s| !s.is_empty())
        .map(|s| {
            if s.starts_with('{') && s.ends_with('}') {
                Seg::Param
            } else {
                Seg::Literal(s)
            }
        })
        .collect();
    // The version prefix (`v1`, `v2beta`) is not a resource.
    if let Some(Seg::Literal(first)) = segs.first()
        && first.len() > 1
        && first.starts_with('v')
        && first[1..].starts_with(|c: char| c.is_ascii_digit())
    {
        segs.remove(0);
    }
    segs
}

/// A crude plural-noun test; the config overrides names where it guesses wrong. Multi-word
/// segments (`count_tokens`, `generate_prompt`) read as verbs, so they are actions unless items
/// exist below them.
fn looks_plural(word: &str) -> bool {
    !word.contains('_') && word.ends_with('s') && !word.ends_with("ss")
}

/// `all_paths` is every path of the API: a literal followed elsewhere by `/{param}` is a
/// collection, not an action.
pub fn derive(method: HttpMethod, path: &str, all_paths: &[&str]) -> ResourceName {
    let segs = segments(path);
    let literals: Vec<String> = segs
        .iter()
        .filter_map(|s| match s {
            Seg::Literal(l) => Some(l.to_string()),
            Seg::Param => None,
        })
        .collect();
    let collection_verb = |m: HttpMethod| match m {
        HttpMethod::Get => "list",
        HttpMethod::Post => "create",
        HttpMethod::Delete => "delete",
        HttpMethod::Put | HttpMethod::Patch => "update",
        HttpMethod::Head => "head",
        HttpMethod::Options => "options",
    };
    let name = |resource: Vec<String>, method: &str| ResourceName {
        resource,
        method: method.to_string(),
    };
    match segs.as_slice() {
        [] => name(vec![], collection_verb(method)),
        [.., Seg::Param] => {
            let verb = match method {
                HttpMethod::Get => "retrieve",
                HttpMethod::Delete => "delete",
                HttpMethod::Put | HttpMethod::Patch | HttpMethod::Post => "update",
                HttpMethod::Head => "head",
                HttpMethod::Options => "options",
            };
            name(literals, verb)
        }
        [.., prev, Seg::Literal(last)] => {
            let has_items = has_item_path(path, all_paths);
            // After an item, a literal is a sub-collection when items exist below it, or when a
            // plural noun is POSTed to (the seed's `.../{skill_id}/versions`); otherwise an action.
            let action_after_item = *prev == Seg::Param
                && !(has_items || (method == HttpMethod::Post && looks_plural(last)));
            let action_after_literal =
                matches!(prev, Seg::Literal(_)) && !looks_plural(last) && !has_items;
            if action_after_item || action_after_literal {
                let mut resource = literals;
                let action = resource.pop().unwrap_or_default();
                name(resource, &action)
            } else {
                name(literals, collection_verb(method))
            }
        }
        [Seg::Literal(_)] => name(literals, collection_verb(method)),
    }
}

fn has_item_path(path: &str, all_paths: &[&str]) -> bool {
    let prefix = format!("{}/{{", path.trim_end_matches('/'));
    all_paths.iter().any(|p| p.starts_with(&prefix))
}

#[cfg(test)]
mod tests {
    use super::*;
    use HttpMethod::*;

    fn d(method: HttpMethod, path: &str) -> (String, String) {
        let all = [
            "/v1/messages/batches/{id}",
            "/v1/skills/{skill_id}/versions/{version}",
            "/v1/organizations/workspaces/{workspace_id}/members/{user_id}",
        ];
        let n = derive(method, path, &all);
        (n.resource.join("."), n.method)
    }

    #[test]
    fn sdk_like_names() {
        let s = |a: &str, b: &str| (a.to_string(), b.to_string());
        assert_eq!(
            d(Post, "/v1/skills/{skill_id}/versions"),
            s("skills.versions", "create")
        );
        assert_eq!(
            d(Get, "/v1/skills/{skill_id}/versions"),
            s("skills.versions", "list")
        );
        assert_eq!(
            d(Get, "/v1/skills/{skill_id}/versions/{version}"),
            s("skills.versions", "retrieve")
        );
        assert_eq!(d(Delete, "/v1/skills/{skill_id}"), s("skills", "delete"));
        assert_eq!(
            d(Post, "/v1/messages/batches/{id}/cancel"),
            s("messages.batches", "cancel")
        );
        assert_eq!(
            d(Get, "/v1/messages/batches/{id}/results"),
            s("messages.batches", "results")
        );
        assert_eq!(d(Get, "/v1/files/{file_id}/content"), s("files", "content"));
        assert_eq!(
            d(Post, "/v1/messages/count_tokens"),
            s("messages", "count_tokens")
        );
        assert_eq!(d(Post, "/v1/messages"), s("messages", "create"));
        assert_eq!(
            d(Post, "/v1/organizations/users/{user_id}"),
            s("organizations.users", "update")
        );
        assert_eq!(
            d(Post, "/v1/organizations/workspaces/{workspace_id}/archive"),
            s("organizations.workspaces", "archive")
        );
        assert_eq!(d(Get, "/v1/organizations/me"), s("organizations", "me"));
        assert_eq!(
            d(Post, "/v1/organizations/workspaces/{workspace_id}/members"),
            s("organizations.workspaces.members", "create")
        );
        assert_eq!(
            d(Get, "/v1/organizations/usage_report/messages"),
            s("organizations.usage_report.messages", "list")
        );
    }
}
