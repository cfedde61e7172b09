#!/usr/bin/env bash
# The change report over the real history of two APIs in the corpus: each document generated over
# the generation of the one before it, with the report written as Markdown and its findings counted
# by class. What the comparison costs is measured by `cargo xtask bench` (scripts/bench-codegen.sh).
#
#   scripts/history.sh            # reports in target/history/<pair>/report.md
#
# Reads $SPEC_CORPUS (default ../shared/corpus); writes into target/history/.
set -euo pipefail
cd "$(dirname "$0")/.."
corpus="${SPEC_CORPUS:-$(pwd)/../shared/corpus}"
if [ ! -d "$corpus/openapi" ]; then
    echo "skipping: no corpus at $corpus (set SPEC_CORPUS)"
    exit 0
fi
cargo build --quiet --release -p xtask
xtask=target/release/xtask
out=target/history
rm -rf "$out"
mkdir -p "$out"

a="$corpus/openapi/anthropic"
l="$corpus/openapi/large"
pairs=(
    "anthropic-2025-10_2026-03 $a/anthropic-stainless-2025-10-29-tryAGI.yaml $a/anthropic-stainless-2026-03-10-tryAGI-oas3.2.yaml"
    "anthropic-2026-03_2026-05 $a/anthropic-stainless-2026-03-10-tryAGI-oas3.2.yaml $a/anthropic-stainless-2026-05-tryAGI.json"
    "stripe-2022-04_2023-09 $l/stripe-spec3-2022-04-12.json $l/stripe-spec3-2023-09-12.yaml"
)

for pair in "${pairs[@]}"; do
    read -r name old new <<<"$pair"
    dir="$out/$name"
    "$xtask" codegen --spec "$old" --name history --out "$dir/crate" --force >/dev/null
    # The report is written whatever the verdict; --check exits non-zero on a breaking change.
    "$xtask" codegen --spec "$new" --name history --out "$dir/crate" --check --report "$dir/report.md" >/dev/null || true
    echo "## $name"
    tail -n 1 "$dir/report.md"
    # One row per finding: | change | item | rust | wire |. Count by level and kind of change.
    grep '^| ' "$dir/report.md" | tail -n +3 | awk -F' \\| ' '
        {
            what = $1; sub(/^\| /, "", what); level = $3
            kind = what
            gsub(/`[^`]*`/, "X", kind); gsub(/"[^"]*"/, "V", kind); sub(/ \(.*$/, "", kind); sub(/:.*$/, "", kind)
            count[level " | " kind]++
        }
        END { for (k in count) print count[k] " | " k }' | sort -t'|' -k2,2 -k1,1nr
    echo
done

