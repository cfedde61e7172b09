//! Resource-style names from a path, as the official SDKs shape them:
//! `POST /v1/skills/{skill_id}/versions` is `client.skills().versions().create(skill_id)`.

use super::odata;
use crate::ir::{HttpMethod, Place};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResourceName {
    pub resource: Vec<String>,
    pub method: String,
    pub place: Place,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Seg<'a> {
    Literal(&'a str),
    /// A function or action the path calls (OData's): a verb, never a collection.
    Call(&'a str),
    Param,
}

/// Extensions that name the response's format, not a resource: Twilio's `/Calls.json`,
/// `/Calls/{Sid}.json`.
const FORMAT_EXTENSIONS: &[&str] = &[".json", ".xml", ".csv", ".yaml", ".yml", ".txt", ".html"];

fn raw_segments<'a>(path: &'a str, namespaces: &[String]) -> Vec<Seg<'a>> {
    let mut out = Vec::new();
    for s in path.split('/').filter(|s| !s.is_empty()) {
        let s = FORMAT_EXTENSIONS
            .iter()
            .find_map(|ext| s.strip_suffix(ext).filter(|rest| !rest.is_empty()))
            .unwrap_or(s);
        if s.starts_with('{') && s.ends_with('}') {
            out.push(Seg::Param);
            continue;
        }
        match odata::segment(s, namespaces) {
            Some(odata::Segment::Keyed(collection)) => {
                out.extend([Seg::Literal(collection), Seg::Param])
            }
            Some(odata::Segment::Named(name)) => out.push(Seg::Call(name)),
            None => out.push(Seg::Literal(s)),
        }
    }
    out
}

/// What every path of an API shares that names no resource: the leading segments that only
/// mount it ([`shared_prefix`]) and the OData namespaces its functions are qualified by.
#[derive(Debug, Clone, Default)]
pub struct Mount {
    pub segments: usize,
    pub namespaces: Vec<String>,
}

impl Mount {
    pub fn of(all_paths: &[&str]) -> Self {
        Mount {
            segments: shared_prefix(all_paths),
            namespaces: odata::namespaces(all_paths),
        }
    }
}

/// The segments that name resources: after the mount segments every path shares, and without a
/// leading version (`v1`, `v2beta`), which is not a resource either.
fn segments<'a>(path: &'a str, mount: &Mount) -> Vec<Seg<'a>> {
    let mut segs = raw_segments(path, &mount.namespaces);
    segs.drain(..mount.segments.min(segs.len()));
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
pub fn looks_plural(word: &str) -> bool {
    !word.contains('_') && word.ends_with('s') && !word.ends_with("ss")
}

/// A segment that names a version: `v2`, `v1beta`, `2017-01-11`, `3`, `1.0`.
fn is_version(segment: &str) -> bool {
    let s = segment.strip_prefix(['v', 'V']).unwrap_or(segment);
    s.starts_with(|c: char| c.is_ascii_digit())
        && (segment.starts_with(['v', 'V'])
            || s.chars()
                .all(|c| c.is_ascii_digit() || c == '.' || c == '-'))
}

/// Words that mount an API rather than name a resource.
const MOUNT_WORDS: &[&str] = &[
    "api", "apis", "rest", "public", "external", "service", "services",
];

/// How many leading literal segments every path shares that only mount the API: `/api`,
/// `/api/v2`, `/rest/api/3`, `/amazonclouddirectory/2017-01-11`. They are not resource levels.
/// At least one literal of every path stays, so a path never loses its name.
pub fn shared_prefix(all_paths: &[&str]) -> usize {
    let literal_runs: Vec<Vec<&str>> = all_paths
        .iter()
        .map(|p| {
            p.split('?')
                .next()
                .unwrap_or_default()
                .split('/')
                .filter(|s| !s.is_empty())
                .take_while(|s| !s.starts_with('{'))
                .collect()
        })
        .collect();
    let Some(first) = literal_runs.first() else {
        return 0;
    };
    let keep_one = literal_runs.iter().map(|r| r.len()).min().unwrap_or(0);
    let common = (0..first.len())
        .take_while(|&i| literal_runs.iter().all(|r| r.get(i) == first.get(i)))
        .count()
        .min(keep_one.saturating_sub(1));
    let shared = &first[..common];
    // Up to the last version segment (a service name before its version goes with it), then
    // any mount words that follow.
    let mut cut = shared
        .iter()
        .rposition(|s| is_version(s))
        .map_or(0, |i| i + 1);
    while cut < shared.len() && MOUNT_WORDS.contains(&shared[cut].to_ascii_lowercase().as_str()) {
        cut += 1;
    }
    if cut == 0 {
        cut = shared
            .iter()
            .take_while(|s| MOUNT_WORDS.contains(&s.to_ascii_lowercase().as_str()))
            .count();
    }
    cut
}

/// The method a collection's HTTP method gives: `GET /skills` lists, `POST /skills` creates.
pub fn collection_verb(method: HttpMethod) -> &'static str {
    match method {
        HttpMethod::Get => "list",
        HttpMethod::Post => "create",
        HttpMethod::Delete => "delete",
        HttpMethod::Put | HttpMethod::Patch => "update",
        HttpMethod::Head => "head",
        HttpMethod::Options => "options",
    }
}

/// `all_paths` is every path of the API: a literal followed elsewhere by `/{param}` is a
/// collection, not an action.
pub fn derive(method: HttpMethod, path: &str, all_paths: &[&str]) -> ResourceName {
    derive_under(method, path, all_paths, &Mount::default())
}

/// [`derive`] for an API whose paths share a [`Mount`].
pub fn derive_under(
    method: HttpMethod,
    path: &str,
    all_paths: &[&str],
    mount: &Mount,
) -> ResourceName {
    let segs = segments(path, mount);
    let literals: Vec<String> = segs
        .iter()
        .filter_map(|s| match s {
            Seg::Literal(l) | Seg::Call(l) => Some(l.to_string()),
            Seg::Param => None,
        })
        .collect();
    let name = |resource: Vec<String>, method: &str, place: Place| ResourceName {
        resource,
        method: method.to_string(),
        place,
    };
    match segs.as_slice() {
        [] => name(vec![], collection_verb(method), Place::Root),
        [.., Seg::Param] => {
            let verb = match method {
                HttpMethod::Get => "retrieve",
                HttpMethod::Delete => "delete",
                HttpMethod::Put | HttpMethod::Patch | HttpMethod::Post => "update",
                HttpMethod::Head => "head",
                HttpMethod::Options => "options",
            };
            name(literals, verb, Place::Item)
        }
        [.., Seg::Call(_)] => {
            let mut resource = literals;
            let action = resource.pop().unwrap_or_default();
            name(resource, &action, Place::Action)
        }
        [.., prev, Seg::Literal(last)] => {
            let has_items = has_item_path(path, all_paths);
            // After an item, a literal is a sub-collection when items exist below it, or when a
            // plural noun is POSTed to (the seed's `.../{skill_id}/versions`); otherwise an action.
            let action_after_item = *prev == Seg::Param
                && !(has_items || (method == HttpMethod::Post && looks_plural(last)));
            let action_after_literal =
                matches!(prev, Seg::Literal(_) | Seg::Call(_)) && !looks_plural(last) && !has_items;
            if action_after_item || action_after_literal {
                let mut resource = literals;
                let action = resource.pop().unwrap_or_default();
                name(resource, &action, Place::Action)
            } else {
                name(literals, collection_verb(method), Place::Collection)
            }
        }
        [Seg::Literal(_)] => name(literals, collection_verb(method), Place::Collection),
    }
}

/// The function name in an operation id FastAPI generated: `create_flow_run_flow_runs__post` is
/// `create_flow_run` + the route with every non-word character as `_` + `_post`.
pub fn fastapi_name(id: &str, method: HttpMethod, path: &str) -> Option<String> {
    let without_method = id.strip_suffix(&format!("_{}", method.as_str().to_ascii_lowercase()))?;
    let slug: String = path
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let name = without_method.strip_suffix(&slug)?;
    (!name.is_empty()).then(|| name.to_string())
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
    fn fastapi_ids_are_reduced_to_the_function_name() {
        assert_eq!(
            fastapi_name("create_flow_run_flow_runs__post", Post, "/flow_runs/").as_deref(),
            Some("create_flow_run")
        );
        assert_eq!(
            fastapi_name(
                "read_flow_run_api_v2_flow_runs__id__get",
                Get,
                "/api/v2/flow_runs/{id}"
            )
            .as_deref(),
            Some("read_flow_run")
        );
        assert_eq!(fastapi_name("listPets", Get, "/pets"), None);
        assert_eq!(fastapi_name("pets_get", Get, "/pets"), None);
    }

    #[test]
    fn a_shared_mount_is_not_a_resource() {
        assert_eq!(shared_prefix(&["/api/v2/flows/", "/api/v2/runs/{id}"]), 2);
        assert_eq!(shared_prefix(&["/api/flows", "/api/runs"]), 1);
        assert_eq!(
            shared_prefix(&["/rest/api/3/issue", "/rest/api/3/project"]),
            3
        );
        assert_eq!(
            shared_prefix(&[
                "/amazonclouddirectory/2017-01-11/facet",
                "/amazonclouddirectory/2017-01-11/object"
            ]),
            2
        );
        // A version goes, a shared resource stays; a lone path keeps its last literal.
        assert_eq!(shared_prefix(&["/v1/skills", "/v1/skills/{id}"]), 1);
        assert_eq!(
            shared_prefix(&["/v1/organizations/me", "/v1/organizations/users"]),
            1
        );
        assert_eq!(shared_prefix(&["/api/flows"]), 1);
        assert_eq!(shared_prefix(&["/api"]), 0);
        let all = ["/api/v2/flow_runs/", "/api/v2/flow_runs/{id}"];
        let n = derive_under(Get, "/api/v2/flow_runs/{id}", &all, &Mount::of(&all));
        assert_eq!(
            (n.resource.join("."), n.method.as_str()),
            ("flow_runs".into(), "retrieve")
        );
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
