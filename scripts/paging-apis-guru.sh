#!/usr/bin/env bash
# How many list-like operations page, over every document of the APIs.guru package that
# scripts/sweep-apis-guru.sh fetches: each document generated with `--explain-pagination`, which
# lists each operation that takes a paging input with its convention, or why it has none. Prints
# the total and the reasons, most common first (names in backquotes folded to X).
#
# Usage: [XTASK=path/to/xtask] scripts/paging-apis-guru.sh   (XTASK: another build, e.g. an
#   earlier commit's, for a before/after; default the release build of this tree)
# Work lives in target/apis-guru/paging; each document's explanation stays there.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"
guru="$root/target/apis-guru"
[ -d "$guru/package/api" ] || { echo "run scripts/sweep-apis-guru.sh 0 first: no $guru/package"; exit 1; }
if [ -z "${XTASK:-}" ]; then cargo build --release -q -p xtask; fi
export XTASK="${XTASK:-$root/target/release/xtask}"
export work="$guru/paging"
rm -rf "$work" && mkdir -p "$work/explained"
explain() {
    local name
    name="$(echo "${1#*/api/}" | tr / -)"
    "$XTASK" codegen --spec "$1" --name x --out "$work/out-$name" --explain-pagination \
        > "$work/explained/$name.txt" 2> /dev/null || true
    rm -rf "$work/out-$name"
}
export -f explain
find "$guru/package/api" -name '*.json' ! -name '_*' | sort \
    | xargs -P "$(nproc)" -I{} bash -c 'explain "$1"' _ {}
cat "$work"/explained/*.txt | awk '/^paging:/ { paged += $2; all += $4 }
    END { printf "%d of %d list-like operations page\n", paged, all }'
cat "$work"/explained/*.txt | grep -h ': none: ' | sed 's/.*: none: //; s/`[^`]*`/X/g' \
    | sort | uniq -c | sort -rn | head -12
