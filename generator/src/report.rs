//! The change report: what a regeneration changes in the public API, read from the old and new
//! `API.md` listings, each change classified twice. For Rust source compatibility (which decides
//! the semver verdict): does code that compiled against the previous crate still compile and
//! behave the same? For the wire: does an already published version still work against the new
//! API? The rules follow from the generated shapes (README: "What a spec change does to the Rust
//! API").

use std::collections::BTreeMap;
use std::fmt;

/// A semver verdict, mildest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    None,
    Patch,
    Minor,
    Major,
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Level::None => "none",
            Level::Patch => "patch",
            Level::Minor => "minor",
            Level::Major => "major",
        })
    }
}

/// One change to one public item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// The operation (`GET /pets`), type (`types::Pet`) or feature.
    pub item: String,
    /// For an operation, the Rust call a user searches their code for:
    /// `client.pets().retrieve(pet_id)`.
    pub call: Option<String>,
    pub what: String,
    pub rust: Level,
    /// What an already published crate meets, when it breaks or changes on the wire.
    pub wire: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    pub changes: Vec<Change>,
    /// Generated files changed although the API did not: docs or internals.
    pub other_changes: bool,
}

/// One line of a listing, taken apart: its item, the part of the item it is about, and the rest.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Entry {
    item: String,
    part: String,
    value: String,
}

/// The listing's lines, inside its text fence.
fn body(listing: &str) -> &str {
    listing
        .split("```text\n")
        .nth(1)
        .and_then(|b| b.split("\n```").next())
        .unwrap_or("")
}

fn entries(listing: &str) -> BTreeMap<(String, String), String> {
    let mut out = BTreeMap::new();
    for line in body(listing).lines() {
        if let Some(e) = entry(line) {
            out.insert((e.item, e.part), e.value);
        }
    }
    out
}

/// `op \`GET /x\` optional \`.limit(i64)\`` -> item `GET /x`, part `setter limit`, value
/// `optional i64`.
fn entry(line: &str) -> Option<Entry> {
    let pieces: Vec<&str> = line.split('`').collect();
    let kind = pieces.first()?.trim();
    let item = pieces.get(1)?.to_string();
    let label = pieces.get(2).map(|s| s.trim()).unwrap_or("");
    let arg = pieces.get(3).copied().unwrap_or("");
    let rest = pieces.get(4..).map(|p| p.join("`")).unwrap_or_default();
    let (part, value) = match (kind, label) {
        // The `default`/`full` line lists every feature: each one's own line says what came
        // and went, and adding one to `full` breaks nobody.
        ("feature", _) if item.starts_with("default = ") => return None,
        ("feature", _) => ("feature".to_string(), line.to_string()),
        ("op", "call") => ("call".to_string(), format!("{arg}{rest}")),
        ("op", "optional" | "required") => {
            let name = arg.trim_start_matches('.').split('(').next().unwrap_or("");
            let ty = arg
                .split_once('(')
                .map(|(_, t)| t.trim_end_matches(')'))
                .unwrap_or("");
            (format!("setter {name}"), format!("{label} {ty}"))
        }
        ("op", other) => (other.to_string(), format!("{arg}{rest}")),
        ("type", "field") => {
            let (name, ty) = arg.split_once(": ").unwrap_or((arg, ""));
            let required = rest.contains("required");
            (
                format!("field {name}"),
                format!("{ty}{}", if required { ", required" } else { "" }),
            )
        }
        ("type", "value") => (format!("value {arg}"), rest),
        ("type", "built") => ("built".to_string(), arg.to_string()),
        ("type", "variant") => {
            let name = arg.split('(').next().unwrap_or(arg);
            (format!("variant {name}"), format!("{arg}{rest}"))
        }
        ("type", _) => ("=".to_string(), line.to_string()),
        ("handle", "at") => ("at".to_string(), arg.to_string()),
        _ => return None,
    };
    Some(Entry { item, part, value })
}

/// Compares two listings. `other_changes` says whether any other generated file differs.
pub fn compare(old: &str, new: &str, other_changes: bool) -> Report {
    // Most regenerations leave the API as it was: the same lines hold no change to find, and
    // taking a large listing apart twice costs milliseconds (3 ms for nexus's 1,800 lines).
    if body(old) == body(new) {
        return Report {
            changes: Vec::new(),
            other_changes,
        };
    }
    compare_entries(old, new, other_changes)
}

fn compare_entries(old: &str, new: &str, other_changes: bool) -> Report {
    let (old, mut new) = (entries(old), entries(new));
    // A listing from before handles were listed: the handles are not new, and a renamed one
    // shows in its operations' calls.
    if !old.keys().any(|(_, part)| part == "at") {
        new.retain(|(_, part), _| part != "at");
    }
    let mut changes = Vec::new();
    let old_items: std::collections::BTreeSet<&String> = old.keys().map(|(i, _)| i).collect();
    let new_items: std::collections::BTreeSet<&String> = new.keys().map(|(i, _)| i).collect();
    // A removed type merged into one that lists the same members: one type per definition.
    let mut by_members: BTreeMap<Vec<(String, String)>, &String> = BTreeMap::new();
    if old_items.difference(&new_items).next().is_some() {
        for item in new_items.iter().filter(|i| i.starts_with("types::")) {
            by_members.entry(members(&new, item)).or_insert(item);
        }
    }
    for item in old_items.difference(&new_items) {
        let is_op = old.contains_key(&((*item).clone(), "call".into()));
        let twin = match members(&old, item) {
            m if is_op || m.is_empty() => None,
            m => by_members.get(&m),
        };
        let (what, wire) = match twin {
            Some(twin) => (
                format!("merged into `{twin}`, the same definition: use that name"),
                Some("unaffected: the JSON is the same".to_string()),
            ),
            None => (
                "removed".to_string(),
                is_op.then(|| "published crates still call it; the server now rejects it".into()),
            ),
        };
        changes.push(Change {
            call: None,
            item: (*item).clone(),
            what,
            rust: Level::Major,
            wire,
        });
    }
    for item in new_items.difference(&old_items) {
        changes.push(Change {
            call: None,
            item: (*item).clone(),
            what: "added".into(),
            rust: Level::Minor,
            wire: None,
        });
    }
    for (key, value) in &old {
        if !new_items.contains(&key.0) {
            continue;
        }
        match new.get(key) {
            // Every struct has a constructor line and every operation a builder line; one side
            // without them is a listing from a generator before it listed them, not an API change.
            None if LISTED_LATER.contains(&key.1.as_str()) => {}
            None => changes.push(part_removed(&key.0, &key.1, value)),
            // A listing from before `pages` lines named their convention.
            Some(_) if key.1 == "pages" && !value.contains(" by `") => {}
            Some(now) if now != value => {
                if key.1 == "built" && same_order(value, now) {
                    // Members added or removed: their own findings say so. An argument for a
                    // member that was there before and is still there is a new constructor.
                    let (was, is) = (argument_names(value), argument_names(now));
                    let field = |name: &String| (key.0.clone(), format!("field {name}"));
                    let members_moved = was
                        .iter()
                        .filter(|a| !is.contains(a))
                        .all(|a| !new.contains_key(&field(a)))
                        && is
                            .iter()
                            .filter(|a| !was.contains(a))
                            .all(|a| !old.contains_key(&field(a)));
                    if members_moved {
                        continue;
                    }
                }
                let mut change = part_changed(&key.0, &key.1, value, now);
                if renamed_only(&old, &new, value, now) {
                    change.wire =
                        Some("unaffected: the type is renamed, its JSON is the same".into());
                }
                changes.push(change);
            }
            Some(_) => {}
        }
    }
    for (key, value) in &new {
        if old_items.contains(&key.0)
            && !old.contains_key(key)
            && !LISTED_LATER.contains(&key.1.as_str())
        {
            changes.push(part_added(&key.0, &key.1, value));
        }
    }
    // Each operation's finding names its Rust call, as the new crate has it (else the old one).
    for change in &mut changes {
        let key = (change.item.clone(), "call".to_string());
        change.call = new
            .get(&key)
            .or_else(|| old.get(&key))
            .map(|v| rust_call(v));
    }
    changes.sort_by(|a, b| {
        b.rust
            .cmp(&a.rust)
            .then_with(|| a.item.cmp(&b.item))
            .then_with(|| a.what.cmp(&b.what))
    });
    Report {
        changes,
        other_changes,
    }
}

/// Parts every item of their kind has, which listings from older generators lack.
const LISTED_LATER: &[&str] = &["built", "builder"];

fn part_removed(item: &str, part: &str, old: &str) -> Change {
    let (what, wire) = match part.split_once(' ') {
        Some(("field", name)) if old.ends_with(", required") => (
            format!("field `{name}` removed"),
            Some(format!(
                "published crates require `{name}`: responses without it no longer decode"
            )),
        ),
        Some(("field", name)) => (format!("field `{name}` removed"), None),
        Some(("setter", name)) => (format!("parameter `{name}` removed"), None),
        Some(("value", v)) => (format!("value {v} removed"), None),
        Some(("variant", v)) => (format!("variant `{v}` removed"), None),
        _ => (format!("{part} removed"), None),
    };
    Change {
        call: None,
        item: item.into(),
        what,
        rust: Level::Major,
        wire,
    }
}

fn part_added(item: &str, part: &str, now: &str) -> Change {
    let (what, rust, wire) = match part.split_once(' ') {
        Some(("field", name)) if now.ends_with(", required") => (
            format!("required field `{name}` added (a new argument of `new`)"),
            Level::Major,
            Some(format!(
                "published crates do not send `{name}`: where this type is a request body, the \
                 server may reject them"
            )),
        ),
        Some(("field", name)) => (format!("field `{name}` added"), Level::Minor, None),
        Some(("setter", name)) if now.starts_with("required") => (
            format!("required parameter `{name}` added"),
            Level::Major,
            Some(format!(
                "published crates do not send `{name}`: the server may reject their calls"
            )),
        ),
        Some(("setter", name)) => (format!("parameter `{name}` added"), Level::Minor, None),
        Some(("value", v)) => (
            format!("value {v} added"),
            Level::Minor,
            Some("published crates decode it as `Other`".into()),
        ),
        Some(("variant", v)) => (
            format!("variant `{v}` added"),
            Level::Minor,
            Some("published crates decode it as `Unknown`".into()),
        ),
        _ => (format!("{part} added"), Level::Minor, None),
    };
    Change {
        call: None,
        item: item.into(),
        what,
        rust,
        wire,
    }
}

/// Whether a member's type changed only by name: the old and the new type (`types::A` ->
/// `types::B`, also inside `Option<..>` or `Vec<..>`) list the same members with the same types.
fn renamed_only(
    old: &BTreeMap<(String, String), String>,
    new: &BTreeMap<(String, String), String>,
    was: &str,
    now: &str,
) -> bool {
    let named = |v: &str| -> Option<(String, String)> {
        let start = v.find("types::")?;
        let end = v[start..]
            .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
            .map_or(v.len(), |e| start + e);
        let shell = format!("{}{}", &v[..start], &v[end..]);
        Some((v[start..end].to_string(), shell))
    };
    let (Some((a, shell_a)), Some((b, shell_b))) = (named(was), named(now)) else {
        return false;
    };
    let (before, after) = (members(old, &a), members(new, &b));
    a != b && shell_a == shell_b && !before.is_empty() && before == after
}

/// A type's parts but its `=` line: its members, variants or values, and its constructor.
fn members(map: &BTreeMap<(String, String), String>, name: &str) -> Vec<(String, String)> {
    // The map is sorted by item: one item's parts are one range of it.
    map.range((name.to_string(), String::new())..)
        .take_while(|((item, _), _)| item == name)
        .filter(|((_, part), _)| part != "=")
        .map(|((_, part), value)| (part.clone(), value.clone()))
        .collect()
}

/// The arguments of `new(a: A, b: B)`, or none for `Default::default()`.
/// `client.pets().retrieve(pet_id: String) -> ...` -> `client.pets().retrieve(pet_id)`: the call
/// chain with its argument names, as it reads in the user's code.
fn rust_call(call: &str) -> String {
    let chain = call.split(" -> ").next().unwrap_or(call).trim();
    let Some(inner) = chain.strip_suffix(')') else {
        return chain.to_string();
    };
    // The last argument list: the `(` that the final `)` closes.
    let mut depth = 0i32;
    let mut open = None;
    for (i, c) in inner.char_indices().rev() {
        match c {
            ')' | '>' => depth += 1,
            '(' | '<' if depth > 0 => depth -= 1,
            '(' => {
                open = Some(i);
                break;
            }
            _ => {}
        }
    }
    let Some(open) = open else {
        return chain.to_string();
    };
    let names: Vec<&str> = split_top(&inner[open + 1..])
        .into_iter()
        .map(|arg| arg.split(':').next().unwrap_or(arg).trim())
        .collect();
    format!("{}({})", &inner[..open], names.join(", "))
}

/// A constructor's argument names, in order.
fn argument_names(built: &str) -> Vec<String> {
    arguments(built)
        .iter()
        .map(|arg| arg.split(':').next().unwrap_or("").trim().to_string())
        .collect()
}

fn arguments(built: &str) -> Vec<&str> {
    built
        .strip_prefix("new(")
        .and_then(|a| a.strip_suffix(')'))
        .map(|a| split_top(a))
        .unwrap_or_default()
}

/// Splits at the commas outside angle brackets.
fn split_top(list: &str) -> Vec<&str> {
    let (mut depth, mut start, mut out) = (0i32, 0, Vec::new());
    for (i, c) in list.char_indices() {
        match c {
            '<' | '(' => depth += 1,
            '>' | ')' => depth -= 1,
            ',' if depth == 0 => {
                out.push(list[start..i].trim());
                start = i + 1;
            }
            _ => {}
        }
    }
    if !list[start..].trim().is_empty() {
        out.push(list[start..].trim());
    }
    out
}

/// Whether two constructors keep the arguments they share in the same order: then the change is
/// only members added, removed or retyped, which their field findings report.
fn same_order(old: &str, now: &str) -> bool {
    let (a, b) = (argument_names(old), argument_names(now));
    let shared_a: Vec<&String> = a.iter().filter(|x| b.contains(x)).collect();
    let shared_b: Vec<&String> = b.iter().filter(|x| a.contains(x)).collect();
    shared_a == shared_b
}

fn part_changed(item: &str, part: &str, old: &str, now: &str) -> Change {
    let strip = |v: &str| v.trim_end_matches(", required").to_string();
    // `T, required` -> `Option<T>`: the member may now be missing (or the reverse).
    let optional_of = |a: &str, b: &str| strip(b) == format!("Option<{}>", strip(a));
    let (what, wire) = match part.split_once(' ') {
        Some(("field", name)) if optional_of(old, now) => (
            format!(
                "field `{name}` made optional (`{}` is now `{}`)",
                strip(old),
                strip(now)
            ),
            Some(format!(
                "published crates require a `{name}`: responses where it is missing or null no \
                 longer decode"
            )),
        ),
        Some(("field", name)) if optional_of(now, old) => (
            format!(
                "field `{name}` made required (`{}` is now `{}`)",
                strip(old),
                strip(now)
            ),
            None,
        ),
        // The type is the same `Option<T>` either way: only a nullable member changes its
        // requiredness without changing its Rust type or `new`. Absent decodes as `None` either
        // way; what changes is whether `None` is sent as `null` or left out.
        Some(("field", name)) if strip(old) == strip(now) => {
            let required = now.ends_with(", required");
            return Change {
                call: None,
                item: item.into(),
                what: format!(
                    "nullable field `{name}` made {}",
                    if required { "required" } else { "optional" }
                ),
                rust: Level::Minor,
                wire: required.then(|| {
                    format!(
                        "published crates leave `{name}` out when it is `None`: where this type is a \
                         request body, the server may expect it, as null"
                    )
                }),
            };
        }
        Some(("field", name)) => (
            format!("field `{name}`: `{}` is now `{}`", strip(old), strip(now)),
            Some(format!(
                "published crates decode `{name}` as `{}`",
                strip(old)
            )),
        ),
        Some(("setter", name)) if now.starts_with("required") && old.starts_with("optional") => (
            format!("parameter `{name}` made required"),
            Some(format!(
                "published crates may leave `{name}` out: the server may reject those calls"
            )),
        ),
        Some(("setter", name)) if old.starts_with("required") && now.starts_with("optional") => {
            return Change {
                call: None,
                item: item.into(),
                what: format!("parameter `{name}` made optional"),
                rust: Level::Minor,
                wire: None,
            };
        }
        Some(("setter", name)) => (format!("parameter `{name}`: `{old}` is now `{now}`"), None),
        None if part == "built" => (
            if same_order(old, now) {
                format!("the constructor takes other arguments: `{old}` is now `{now}`")
            } else {
                format!("the constructor's arguments changed order: `{old}` is now `{now}`")
            },
            None,
        ),
        None if part == "pages" => {
            return Change {
                call: None,
                item: item.into(),
                what: format!("paging: `{old}` is now `{now}`"),
                rust: Level::Minor,
                wire: Some(
                    "published crates page the old way: `.pages()` and `.items()` may stop early \
                     or fail"
                        .into(),
                ),
            };
        }
        None if part == "builder" => (
            format!(
                "request builder type renamed: `{old}` is now `{now}`; code that names the type \
                 must follow, calls are unchanged"
            ),
            Some("unaffected: the request is the same".into()),
        ),
        None if part == "call" => (
            match call_arguments_moved(old, now) {
                Some(moved) => format!("{moved}: `{old}` is now `{now}`"),
                None => format!("call: `{old}` is now `{now}`"),
            },
            Some(
                "published crates send the old call and decode the old response and error types"
                    .into(),
            ),
        ),
        _ => (format!("{part}: `{old}` is now `{now}`"), None),
    };
    Change {
        call: None,
        item: item.into(),
        what,
        rust: Level::Major,
        wire,
    }
}

impl Report {
    /// The semver verdict: the most a change needs; `patch` when only docs or internals changed.
    pub fn verdict(&self) -> Level {
        self.changes
            .iter()
            .map(|c| c.rust)
            .max()
            .unwrap_or(if self.other_changes {
                Level::Patch
            } else {
                Level::None
            })
    }

    /// The report as Markdown, ending with the verdict line and the version it suggests after
    /// `previous`.
    pub fn markdown(&self, previous: &semver::Version) -> String {
        let mut out = String::from("## API changes\n\n");
        if self.changes.is_empty() {
            out.push_str(if self.other_changes {
                "No public API change: docs or internals only.\n"
            } else {
                "Nothing changed.\n"
            });
        } else {
            out.push_str(
                "| change | item | Rust source | wire (published crates) |\n|---|---|---|---|\n",
            );
            for c in &self.changes {
                // A wire note names the published versions it is about: every one up to the
                // previous generation's.
                let wire = match c.wire.as_deref() {
                    Some(note) if note.starts_with("unaffected") => note.to_string(),
                    Some(note) => format!("{previous} and earlier: {note}"),
                    None => "unaffected".to_string(),
                };
                let item = match &c.call {
                    Some(call) => format!("`{call}` (`{}`)", c.item),
                    None => format!("`{}`", c.item),
                };
                out.push_str(&format!(
                    "| {} | {item} | {} | {} |\n",
                    c.what.replace('|', "\\|"),
                    c.rust,
                    wire.replace('|', "\\|")
                ));
            }
        }
        let verdict = self.verdict();
        out.push_str(&format!(
            "\nsemver: {verdict} (suggested version: {}, after {previous})\n",
            required_version(previous, verdict)
        ));
        out
    }
}

/// The smallest version after `previous` that a change of this level allows, as Cargo reads
/// semver: below 1.0, the minor number is the breaking one.
pub fn required_version(previous: &semver::Version, level: Level) -> semver::Version {
    let (major, minor, patch) = (previous.major, previous.minor, previous.patch);
    let (major, minor, patch) = match (level, major) {
        (Level::None, _) => (major, minor, patch),
        (Level::Major, 0) => (0, minor + 1, 0),
        (Level::Major, _) => (major + 1, 0, 0),
        (Level::Minor, 0) | (Level::Patch, _) => (major, minor, patch + 1),
        (Level::Minor, _) => (major, minor + 1, 0),
    };
    semver::Version::new(major, minor, patch)
}

/// Whether `configured` is bumped enough after `previous` for a change of this level.
pub fn bumped_enough(
    previous: &semver::Version,
    configured: &semver::Version,
    level: Level,
) -> bool {
    level == Level::None || *configured >= required_version(previous, level)
}

/// What changed in a call's positional arguments when nothing else did: required parameters
/// added or made required are new arguments, ones removed or made optional are gone.
fn call_arguments_moved(old: &str, now: &str) -> Option<String> {
    // `client.pets().list(owner: String) -> ...`: the chain, the arguments, the rest.
    let split = |call: &str| -> Option<(String, Vec<String>, String)> {
        let close = call.find(") ->").or_else(|| call.rfind(')'))?;
        // The `(` that opens the arguments: the one matching `close`.
        let mut depth = 0;
        let open = call[..close].char_indices().rev().find_map(|(i, c)| {
            match c {
                ')' | '>' => depth += 1,
                '(' | '<' if depth > 0 => depth -= 1,
                '(' => return Some(i),
                _ => {}
            }
            None
        })?;
        let names = split_top(&call[open + 1..close])
            .iter()
            .map(|a| a.split(':').next().unwrap_or("").trim().to_string())
            .collect();
        Some((call[..open].to_string(), names, call[close..].to_string()))
    };
    let (chain_a, args_a, rest_a) = split(old)?;
    let (chain_b, args_b, rest_b) = split(now)?;
    if chain_a != chain_b || rest_a != rest_b {
        return None;
    }
    let added: Vec<String> = args_b
        .iter()
        .filter(|a| !args_a.contains(a))
        .map(|a| format!("`{a}`"))
        .collect();
    let gone: Vec<String> = args_a
        .iter()
        .filter(|a| !args_b.contains(a))
        .map(|a| format!("`{a}`"))
        .collect();
    let mut parts = Vec::new();
    if !added.is_empty() {
        parts.push(format!(
            "positional argument {} added (a required parameter)",
            added.join(", ")
        ));
    }
    if !gone.is_empty() {
        parts.push(format!(
            "positional argument {} removed (now optional, or gone)",
            gone.join(", ")
        ));
    }
    if parts.is_empty() {
        parts.push("positional arguments reordered".to_string());
    }
    Some(parts.join("; "))
}

#[cfg(test)]
mod tests {
    use super::*;

    const LISTING: &str = "# api: public API\n\n```text\n\
        feature `pets`\n\
        op `GET /pets` call `client.pets().list()` -> `types::Pets`, error `types::Error`\n\
        op `GET /pets` optional `.limit(i64)`\n\
        type `types::Pet` built `Pet::new(name: String)`\n\
        type `types::Pet` field `name: String`, required\n\
        type `types::Kind` value `\"cat\"`\n\
        ```\n";

    /// The shortcut for equal listings gives what taking them apart gives, whatever surrounds
    /// the fence (the header names the inputs, which may move).
    #[test]
    fn equal_listings_take_the_shortcut_to_the_same_report() {
        let moved = LISTING.replace("# api:", "<!-- from elsewhere -->\n# api:");
        for other_changes in [false, true] {
            let full = compare_entries(LISTING, &moved, other_changes);
            assert!(full.changes.is_empty(), "{:?}", full.changes);
            assert_eq!(compare(LISTING, &moved, other_changes), full);
        }
        let fewer = LISTING.replace("op `GET /pets` optional `.limit(i64)`\n", "");
        let report = compare(LISTING, &fewer, false);
        assert_eq!(report, compare_entries(LISTING, &fewer, false));
        assert_eq!(report.changes.len(), 1, "{:?}", report.changes);
        assert_eq!(report.changes[0].rust, Level::Major);
    }

    const WITH_TYPES: &str = "# api: public API\n\n```text\n\
        handle `resources::Pets` at `client.pets()`\n\
        op `GET /pets` call `client.pets().list()` -> `types::Pets`, error `types::Error`\n\
        op `GET /pets` builder `resources::ListPetsRequest`\n\
        ```\n";

    /// Code that names a builder or a handle breaks when it is renamed, though every call stays.
    #[test]
    fn renamed_builders_and_handles_are_breaking() {
        let report = compare(
            WITH_TYPES,
            &WITH_TYPES.replace("ListPetsRequest", "PetsListRequest"),
            false,
        );
        assert_eq!(report.changes.len(), 1, "{:?}", report.changes);
        assert_eq!(report.changes[0].rust, Level::Major);
        assert!(
            report.changes[0]
                .what
                .contains("`resources::PetsListRequest`"),
            "{:?}",
            report.changes[0]
        );
        let report = compare(
            WITH_TYPES,
            &WITH_TYPES.replace("resources::Pets`", "resources::PetsResource`"),
            false,
        );
        let found: Vec<(&str, &str, Level)> = report
            .changes
            .iter()
            .map(|c| (c.item.as_str(), c.what.as_str(), c.rust))
            .collect();
        assert_eq!(
            found,
            [
                ("resources::Pets", "removed", Level::Major),
                ("resources::PetsResource", "added", Level::Minor)
            ]
        );
    }

    /// A listing from a generator before builders and handles were listed reads as no change.
    #[test]
    fn builder_and_handle_lines_new_to_the_listing_are_no_change() {
        let before: String = WITH_TYPES
            .lines()
            .filter(|l| !l.contains(" builder ") && !l.starts_with("handle "))
            .map(|l| format!("{l}\n"))
            .collect();
        let report = compare(&before, WITH_TYPES, false);
        assert!(report.changes.is_empty(), "{:?}", report.changes);
    }
}
