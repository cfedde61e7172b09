//! A string that a `pattern` accepts, within the schema's length limits.
//!
//! The walk takes the first branch of each alternation, a readable character from each class and
//! the smallest repetition count, then repeats each open-ended part more until the length fits:
//! AWS writes an account id as `^[0-9]+$` with `minLength: 12`, and padding `0` with `x` broke
//! the pattern. Lookaround (`(?!-)`, common in e-mail patterns) is beyond the parser; it is
//! dropped, since the readable characters chosen rarely trip it.

use regex_syntax::hir::{Class, Hir, HirKind};

/// The longest a walk may stretch a pattern to meet `minLength`.
const MAX_STRETCH: u32 = 256;

/// A string `pattern` matches with between `min` and `max` characters, or the shortest it matches
/// when none fits; `None` when the pattern cannot be read.
pub(super) fn sample(pattern: &str, min: Option<usize>, max: Option<usize>) -> Option<String> {
    let hir = regex_syntax::ParserBuilder::new()
        .unicode(false)
        .utf8(false)
        .build()
        .parse(&without_lookaround(pattern))
        .ok()?;
    let shortest = walked(&hir, 0)?;
    let fits = |s: &str| {
        let n = s.chars().count();
        min.is_none_or(|m| n >= m) && max.is_none_or(|m| n <= m)
    };
    if fits(&shortest) || max.is_some_and(|m| shortest.chars().count() > m) {
        return Some(shortest);
    }
    let mut previous = shortest.chars().count();
    let stretch = u32::try_from(min.unwrap_or(0))
        .unwrap_or(MAX_STRETCH)
        .min(MAX_STRETCH);
    for extra in 1..=stretch {
        let text = walked(&hir, extra)?;
        if fits(&text) {
            return Some(text);
        }
        let n = text.chars().count();
        // Nothing open-ended left to repeat, or past the longest allowed.
        if n == previous || max.is_some_and(|m| n > m) {
            break;
        }
        previous = n;
    }
    Some(shortest)
}

/// Whether `text` matches `pattern` as a validating server reads it (unanchored, as JSON Schema
/// says). A pattern Rust's engine cannot compile matches nothing here.
pub(super) fn matches(pattern: &str, text: &str) -> bool {
    regex::Regex::new(pattern).is_ok_and(|r| r.is_match(text))
}

/// Like [`matches`], but a pattern Rust's engine cannot compile (lookaround, backreferences)
/// accepts everything: the value is taken on trust rather than refused.
pub(super) fn matches_or_unknown(pattern: &str, text: &str) -> bool {
    regex::Regex::new(pattern).map_or(true, |r| r.is_match(text))
}

fn walked(hir: &Hir, extra: u32) -> Option<String> {
    let mut out = String::new();
    walk(hir, extra, &mut out).then_some(out)
}

fn walk(hir: &Hir, extra: u32, out: &mut String) -> bool {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => true,
        HirKind::Literal(lit) => match std::str::from_utf8(&lit.0) {
            Ok(s) => {
                out.push_str(s);
                true
            }
            Err(_) => false,
        },
        HirKind::Class(class) => match pick(class) {
            Some(c) => {
                out.push(c);
                true
            }
            None => false,
        },
        HirKind::Repetition(rep) => {
            // At least one, so `\d+`-style patterns and optional parts show up.
            let count = rep
                .min
                .max(1)
                .saturating_add(extra)
                .min(rep.max.unwrap_or(u32::MAX));
            (0..count).all(|_| walk(&rep.sub, extra, out))
        }
        HirKind::Capture(cap) => walk(&cap.sub, extra, out),
        HirKind::Concat(parts) => parts.iter().all(|p| walk(p, extra, out)),
        HirKind::Alternation(branches) => branches.first().is_some_and(|b| walk(b, extra, out)),
    }
}

/// A readable character from a class: a lowercase letter, a digit or an uppercase letter when the
/// class allows one, else its first character.
fn pick(class: &Class) -> Option<char> {
    let ranges: Vec<(char, char)> = match class {
        Class::Unicode(u) => u.iter().map(|r| (r.start(), r.end())).collect(),
        Class::Bytes(b) => b
            .iter()
            .map(|r| (char::from(r.start()), char::from(r.end())))
            .collect(),
    };
    let contains = |c: char| ranges.iter().any(|&(lo, hi)| lo <= c && c <= hi);
    ['a', '0', 'A']
        .into_iter()
        .find(|&c| contains(c))
        .or_else(|| {
            ranges
                .iter()
                .flat_map(|&(lo, hi)| (lo..=hi).take(128))
                .find(|c| c.is_ascii_graphic())
        })
        .or_else(|| ranges.first().map(|r| r.0))
}

/// The pattern without its lookahead and lookbehind groups (`(?=..)`, `(?!..)`, `(?<=..)`,
/// `(?<!..)`), which the parser refuses. Escapes and character classes are read as such, so
/// `\(` and `[(]` open nothing.
fn without_lookaround(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len());
    let mut chars = pattern.char_indices().peekable();
    // Depth inside a dropped group; 0 when copying.
    let mut dropping = 0usize;
    let mut in_class = false;
    while let Some((i, c)) = chars.next() {
        let rest = &pattern[i..];
        let keep = dropping == 0;
        match c {
            '\\' => {
                let next = chars.next().map(|(_, n)| n);
                if keep {
                    out.push(c);
                    out.extend(next);
                }
                continue;
            }
            '[' if !in_class => in_class = true,
            ']' if in_class => in_class = false,
            '(' if !in_class => {
                let look = ["(?=", "(?!", "(?<=", "(?<!"]
                    .iter()
                    .any(|p| rest.starts_with(p));
                if look || dropping > 0 {
                    dropping += 1;
                    continue;
                }
            }
            ')' if !in_class && dropping > 0 => {
                dropping -= 1;
                continue;
            }
            _ => {}
        }
        if keep {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn open_ended_parts_repeat_until_the_length_fits() {
        let id = sample("^[0-9]+$", Some(12), Some(12)).expect("a sample");
        assert_eq!(id, "000000000000");
        assert!(matches("^[0-9]+$", &id));
        // Bounded parts stop growing; the shortest match is the answer.
        assert_eq!(sample("^ab?$", Some(5), None).as_deref(), Some("ab"));
        // Within limits from the start: the shortest.
        assert_eq!(
            sample("^(sk|pk)-[a-f]+$", None, Some(8)).as_deref(),
            Some("sk-a")
        );
    }

    #[test]
    fn lookaround_is_dropped_and_the_rest_still_matches() {
        let email = r"^.+@(?:(?:(?!-)[A-Za-z0-9-]{1,62})?[A-Za-z0-9]{1}\.)+[a-zA-Z]{2,6}$";
        let text = sample(email, Some(6), Some(64)).expect("a sample");
        assert!(text.contains('@'), "{text}");
        assert!(regex::Regex::new(&without_lookaround(email)).is_ok_and(|r| r.is_match(&text)));
        assert_eq!(without_lookaround(r"a(?<=b(c))\((?!x)[(]"), r"a\([(]");
    }

    #[test]
    fn a_pattern_is_unanchored_unless_it_says_so() {
        assert!(matches("[0-9]{2}", "ab12"));
        assert!(!matches("^[0-9]{2}$", "ab12"));
        // Lookaround does not compile in Rust's engine: no match is claimed.
        assert!(!matches("(?!x)a", "a"));
    }
}
