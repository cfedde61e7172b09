//! Where a page keeps its items: the page itself when it is an array, else the one array member
//! that plainly holds them, on the page or inside one of its object members. A page with several
//! arrays is read in steps that each narrow the candidates; when none leaves one, the operation
//! does not page and the reason says so.

use heck::ToSnakeCase;

use super::paging_rules::{Shape, one, page_field, under_path};
use crate::ir::{Field, PageField, TypeRef};

/// How many object members deep the items may sit when the page has no array of its own.
const WRAPPER_DEPTH: usize = 2;
/// Preferred names of the member the items sit in when several could hold them.
const WRAPPER_NAMES: &[&str] = &["data", "result", "results", "Results", "response", "page"];
/// Preferred names of the items array when a page has several arrays.
const ITEM_NAMES: &[&str] = &[
    "data", "items", "results", "entries", "records", "values", "elements",
];
/// Arrays that report on the call rather than list the page (Square's `errors`, Google's
/// `unreachable` locations, HAL's and Spring's `_links`), compared in snake case, which drops the
/// leading underscore.
const NOT_ITEMS: &[&str] = &[
    "errors",
    "warnings",
    "messages",
    "notices",
    "links",
    "unreachable",
    "metadata",
];

impl Shape<'_> {
    /// Where a page keeps its items: the response itself when it is an array, else the member
    /// at `named` (a path of member names), else the one array member plainly holding them, on
    /// the page or, when the page has no array of its own, inside one of its object members
    /// (`{"Results": {"Facilities": [...]}}`).
    pub fn page_items(
        &self,
        response: &TypeRef,
        named: Option<&[String]>,
    ) -> Result<PageItems, String> {
        if let Some(item_type) = self.array_item(response) {
            return Ok(PageItems {
                page_type: None,
                under: Vec::new(),
                items: None,
                item_type,
            });
        }
        let Some((name, _)) = self.struct_fields(response) else {
            return Err("its success response is neither an array nor an object type".into());
        };
        let (under, items, item_type) = match named {
            Some(path) => self.named_items(response, path)?,
            None => self.plain_items(response, WRAPPER_DEPTH)?,
        };
        Ok(PageItems {
            page_type: Some(name.to_string()),
            under,
            items: Some(items),
            item_type,
        })
    }

    /// The array member at `path`, through the object members before it.
    fn named_items(&self, page: &TypeRef, path: &[String]) -> Result<Found, String> {
        let Some((want, wrappers)) = path.split_last() else {
            return Err("its items are named by an empty path".into());
        };
        let mut under = Vec::new();
        let mut at = page.clone();
        for step in wrappers {
            let (name, fields) = self
                .struct_fields(&at)
                .ok_or_else(|| format!("`{}` is not an object", under_path(&under)))?;
            let f = fields
                .iter()
                .find(|f| f.wire_name == *step)
                .ok_or_else(|| format!("`{name}` has no member `{step}`"))?;
            under.push(page_field(f));
            at = f.ty.clone();
        }
        let (name, fields) = self
            .struct_fields(&at)
            .ok_or_else(|| format!("`{}` is not an object", under_path(&under)))?;
        fields
            .iter()
            .find(|f| f.wire_name == *want)
            .and_then(|f| Some((under.clone(), page_field(f), self.array_item(&f.ty)?)))
            .ok_or_else(|| format!("`{name}` has no array member `{want}`"))
    }

    /// The one array member plainly holding the items; inside an object member (up to `depth`
    /// levels down) only when `ty` has no array member at all.
    fn plain_items(&self, ty: &TypeRef, depth: usize) -> Result<Found, String> {
        let Some((name, fields)) = self.struct_fields(ty) else {
            return Err("its success response is neither an array nor an object type".into());
        };
        let arrays: Vec<(&Field, TypeRef)> = fields
            .iter()
            .filter_map(|f| Some((f, self.array_item(&f.ty)?)))
            .collect();
        let chosen = match arrays.as_slice() {
            [] => {
                let inner: Vec<(&Field, Found)> = fields
                    .iter()
                    .filter(|_| depth > 0)
                    .filter_map(|f| Some((f, self.plain_items(&f.ty, depth - 1).ok()?)))
                    .collect();
                let holders = inner.len();
                let wrapped = match holders {
                    1 => one(inner),
                    _ => one(inner
                        .into_iter()
                        .filter(|(f, _)| WRAPPER_NAMES.contains(&f.wire_name.as_str()))
                        .collect()),
                };
                return wrapped
                    .map(|(f, (mut under, items, item))| {
                        under.insert(0, page_field(f));
                        (under, items, item)
                    })
                    .ok_or_else(|| match holders {
                        0 => format!("`{name}` has no array member"),
                        n => format!(
                            "`{name}` has no array member, and {n} of its members hold one; none \
                             is plainly the items"
                        ),
                    });
            }
            [only] => Some(only.clone()),
            several => self.chosen_array(several),
        };
        chosen
            .map(|(f, item)| (Vec::new(), page_field(f), item))
            .ok_or_else(|| {
                format!(
                    "`{name}` has {} array members and none is plainly the items",
                    arrays.len()
                )
            })
    }

    /// Of several arrays on a page, the one holding the items, in steps that each keep the
    /// candidates the step before left when it cannot tell: a conventional name (`data`,
    /// `items`); then not an array that reports on the call (`errors`, `unreachable`, `_links`);
    /// then the one named for what the route lists (`bank_accounts` on `/v2/bank-accounts`);
    /// then the one array of objects beside arrays of scalars.
    fn chosen_array<'f>(&self, arrays: &[Candidate<'f>]) -> Option<Candidate<'f>> {
        let wire = |f: &Field| f.wire_name.to_snake_case();
        let lists = self.route_lists();
        let steps: [&dyn Fn(&Candidate) -> bool; 4] = [
            &|(f, _)| ITEM_NAMES.contains(&f.wire_name.as_str()),
            &|(f, _)| !NOT_ITEMS.contains(&wire(f).as_str()),
            &|(f, _)| lists.as_deref() == Some(wire(f).as_str()),
            &|(_, item)| !self.is_scalar(item),
        ];
        let mut left = arrays.to_vec();
        for step in steps {
            let kept: Vec<_> = left.iter().filter(|a| step(a)).cloned().collect();
            match kept.len() {
                1 => return one(kept),
                0 => {}
                _ => left = kept,
            }
        }
        None
    }

    /// What the route lists: its last segment that is not a parameter, without an extension
    /// or a custom method (`orders.json`, `instances:aggregated`), in snake case.
    fn route_lists(&self) -> Option<String> {
        let last = self
            .route
            .split('/')
            .rev()
            .find(|s| !s.is_empty() && !s.starts_with('{'))?;
        let stem = last.split(['.', ':']).next().filter(|s| !s.is_empty())?;
        Some(stem.to_snake_case())
    }
}

/// Where a page keeps its items, as [`Shape::page_items`] found it.
pub struct PageItems {
    /// The page's named type; `None` when the page is the array.
    pub page_type: Option<String>,
    /// The object members the items array sits in, outermost first.
    pub under: Vec<PageField>,
    /// The items array; `None` when the page is the array.
    pub items: Option<PageField>,
    pub item_type: TypeRef,
}

/// An array member and its item type.
type Candidate<'f> = (&'f Field, TypeRef);

/// The members around the items, the items member and the item type.
type Found = (Vec<PageField>, PageField, TypeRef);
