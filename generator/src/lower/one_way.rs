//! Members that travel one way. OpenAPI's `required` on a `readOnly` member holds for responses
//! only, and on a `writeOnly` member for requests only: a server leaves a password out of what
//! it answers, and a client does not send the id the server assigns. One type often serves both
//! ways (Adyen's `AccountHolder`, apideck's `SharedLink`), and a required field there would make
//! the client refuse a correct server's answer, or ask the caller for a value the server ignores.
//! Such a member stays required only in a type that never travels against the member's
//! direction: a `readOnly` id in a type no request holds, a `writeOnly` password in a type no
//! response holds.

use std::collections::BTreeSet;

use super::features::{Graph, sides};
use crate::ir::{Api, OneWay, TypeKind};

/// Makes optional each required one-way member of a type that travels against its direction.
pub(super) fn relax(api: &mut Api) {
    let graph = Graph::new(&api.types);
    let mut sent = BTreeSet::new();
    let mut received = BTreeSet::new();
    for op in &api.operations {
        let (out, back) = sides(op);
        out.into_iter().for_each(|t| graph.reach(t, &mut sent));
        back.into_iter().for_each(|t| graph.reach(t, &mut received));
    }
    let sent: BTreeSet<String> = sent.into_iter().map(str::to_string).collect();
    let received: BTreeSet<String> = received.into_iter().map(str::to_string).collect();
    for def in &mut api.types {
        let TypeKind::Struct { fields, .. } = &mut def.kind else {
            continue;
        };
        for field in fields.iter_mut() {
            let (travels_against, note) = match field.one_way {
                Some(OneWay::ReadOnly) => (
                    sent.contains(&def.rust_name),
                    "Read-only: the server sets it, and ignores it in a request.",
                ),
                Some(OneWay::WriteOnly) => (
                    received.contains(&def.rust_name),
                    "Write-only: sent to the server, never in its responses.",
                ),
                None => continue,
            };
            field.required &= !travels_against;
            field.docs.note_first(note);
        }
    }
}
