//! OData's path habits, read for naming only (the wire path is sent as the document wrote it).
//! OData services (Microsoft Graph, Azure's data planes, SAP) address an entity by a key in
//! parentheses, `/indexes('{indexName}')`, and call a function qualified by its namespace with
//! its arguments in parentheses, `/reports/microsoft.graph.getTeamsUserActivityCounts(period='{period}')`.
//! A person calls the first `indexes().retrieve(index_name)`, as `/indexes/{indexName}` would
//! be, and the second `reports().get_teams_user_activity_counts(period)`.

/// How a path segment reads as OData.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment<'a> {
    /// `indexes('{indexName}')`: the collection, then one of its items.
    Keyed(&'a str),
    /// `microsoft.graph.image(width={width})`, `search.status`: the function or action by its
    /// own name.
    Named(&'a str),
}

/// The namespaces that qualify function calls anywhere in the document (`microsoft.graph`).
/// A segment in one of them (a bound action or a type cast, `microsoft.graph.assignLicense`)
/// is named without it, even where no parentheses follow; a dotted segment elsewhere
/// (Slack's `/chat.postMessage`) keeps its dots.
pub fn namespaces(all_paths: &[&str]) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    for path in all_paths {
        for segment in path.split('?').next().unwrap_or_default().split('/') {
            if let Some((head, _)) = call(segment)
                && let Some((namespace, _)) = head.rsplit_once('.')
                && !found.iter().any(|n| n == namespace)
            {
                found.push(namespace.to_string());
            }
        }
    }
    found.sort();
    found
}

/// How `segment` reads as OData, if it does: `namespaces` as [`namespaces`] finds them.
pub fn segment<'a>(segment: &'a str, namespaces: &[String]) -> Option<Segment<'a>> {
    if let Some((head, arguments)) = call(segment) {
        return Some(match head.rsplit_once('.') {
            Some((_, function)) => Segment::Named(without_get(function)),
            // A key names one item; `name()` without a key is a call all the same.
            None if arguments.contains('{') => Segment::Keyed(head),
            None => Segment::Named(without_get(head)),
        });
    }
    namespaces.iter().find_map(|n| {
        let name = segment.strip_prefix(n.as_str())?.strip_prefix('.')?;
        is_name(name).then_some(Segment::Named(without_get(name)))
    })
}

/// The templated parameters of a path's last segment when it is a call with arguments, by their
/// wire names: `image(width={width},height={height})` takes `width` and `height`.
pub fn call_parameters(path: &str) -> Vec<&str> {
    let last = path
        .split('?')
        .next()
        .unwrap_or_default()
        .rsplit('/')
        .next()
        .unwrap_or_default();
    let Some((_, arguments)) = call(last) else {
        return Vec::new();
    };
    arguments
        .split('{')
        .skip(1)
        .filter_map(|s| s.split_once('}').map(|(name, _)| name))
        .collect()
}

/// A function is called with `GET`, which already says it reads: `getTeamsUserActivityCounts()`
/// is `teams_user_activity_counts`, as `GET /teams` is not `get_teams`. An action that reads
/// (`POST .../microsoft.graph.getMemberGroups`) names what it returns just as well:
/// `member_groups`.
fn without_get(function: &str) -> &str {
    function
        .strip_prefix("get")
        .filter(|rest| rest.starts_with(|c: char| c.is_ascii_uppercase()))
        .unwrap_or(function)
}

/// `head(arguments)`, where head is a name, possibly dotted.
fn call(segment: &str) -> Option<(&str, &str)> {
    let (head, rest) = segment.split_once('(')?;
    let arguments = rest.strip_suffix(')')?;
    (head.split('.').all(is_name) && !arguments.contains(['(', ')'])).then_some((head, arguments))
}

fn is_name(s: &str) -> bool {
    s.starts_with(|c: char| c.is_ascii_alphabetic())
        && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_and_calls_are_told_apart() {
        let ns = vec!["microsoft.graph".to_string()];
        assert_eq!(
            segment("indexes('{indexName}')", &ns),
            Some(Segment::Keyed("indexes"))
        );
        assert_eq!(
            segment("certificates(thumbprintAlgorithm={a},thumbprint={t})", &ns),
            Some(Segment::Keyed("certificates"))
        );
        assert_eq!(
            segment("microsoft.graph.getCounts(period='{period}')", &ns),
            Some(Segment::Named("Counts"))
        );
        assert_eq!(
            segment("microsoft.graph.incidentReport()", &ns),
            Some(Segment::Named("incidentReport"))
        );
        assert_eq!(
            segment("microsoft.graph.getMemberGroups", &ns),
            Some(Segment::Named("MemberGroups"))
        );
        assert_eq!(
            segment("microsoft.graph.get", &ns),
            Some(Segment::Named("get"))
        );
        assert_eq!(segment("getter()", &ns), Some(Segment::Named("getter")));
        assert_eq!(
            segment("microsoft.graph.assignLicense", &ns),
            Some(Segment::Named("assignLicense"))
        );
        // Dots outside a known namespace, and parentheses that are not a call, stay as they are.
        assert_eq!(segment("chat.postMessage", &ns), None);
        assert_eq!(segment("search.status", &ns), None);
        assert_eq!(segment("(ref", &ns), None);
        assert_eq!(segment("items", &ns), None);
        assert_eq!(segment("microsoft.graph.", &ns), None);
    }

    #[test]
    fn namespaces_come_from_calls_only() {
        assert_eq!(
            namespaces(&[
                "/me/microsoft.graph.assignLicense",
                "/reports/microsoft.graph.getCounts(period='{period}')",
                "/indexes('{name}')/search.stats",
                "/chat.postMessage",
            ]),
            ["microsoft.graph"]
        );
    }

    #[test]
    fn a_call_names_its_parameters() {
        assert_eq!(
            call_parameters("/charts/{id}/microsoft.graph.image(width={width},height={height})"),
            ["width", "height"]
        );
        assert!(call_parameters("/charts/{id}/image").is_empty());
        assert!(call_parameters("/me/microsoft.graph.check(userId='@userId')").is_empty());
    }
}
