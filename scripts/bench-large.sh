#!/usr/bin/env bash
# Large documents, as a new user meets them: a release `xtask codegen --standalone`, then
# `cargo clippy -- -D warnings` on the crate. For each document it runs the current generator and,
# as the baseline in the same run, the generator at BEFORE (default a4cc251, the last commit before
# the scale work), built from a git worktree. It reports generation time and peak RSS, lines
# generated, clippy from cold (dependencies included) and clippy of the crate alone (dependencies
# built, crate touched), each with its peak RSS.
# With SUBSET=/v1/customers, a third row generates (with the current generator) only the paths under
# that prefix, and the types they reach: the floor that Cargo features per top-level resource could
# reach for a user who needs that one resource.
# With FEATURE=customers, the current crate is checked once more with only that resource's Cargo
# feature (`--no-default-features --features customers`). TOOLS="now" skips the baseline.
# Usage: scripts/bench-large.sh [CORPUS-RELATIVE-DOC...]   (default: the Stripe 2023-09-12 YAML)
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"
corpus="${SPEC_CORPUS:-$root/../shared/corpus}"
before="${BEFORE:-a4cc251}"
docs=("$@")
[ ${#docs[@]} -gt 0 ] || docs=("openapi/large/stripe-spec3-2023-09-12.yaml")
export CARGO_INCREMENTAL=0
work="$root/target/bench-large"
mkdir -p "$work"

cargo build --release -q -p xtask
if [ ! -d "$work/before-src" ]; then
    git worktree add -f "$work/before-src" "$before" -q
fi
(cd "$work/before-src" && git checkout -q "$before" && CARGO_TARGET_DIR="$work/before-target" cargo build --release -q -p xtask)
declare -A xtask=([now]="$root/target/release/xtask" [before]="$work/before-target/release/xtask")
declare -A lock=([now]="$root/Cargo.lock" [before]="$work/before-src/Cargo.lock")

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/{print $2}') GiB, $(date -u +%F)"
echo
echo "| document | generator | codegen | codegen RSS | lines | clippy, cold | peak RSS | clippy, crate alone | peak RSS |"
echo "|---|---|---|---|---|---|---|---|---|"
# GNU time writes a status line first when the command fails; the figures are the last line.
timed() { /usr/bin/time -f "%e %M" -o "$work/time" "$@" > "$work/out" 2>&1 || { tail -30 "$work/out" >&2; exit 1; }; tail -1 "$work/time"; }
xtask[subset]="${xtask[now]}"; lock[subset]="${lock[now]}"
for doc in "${docs[@]}"; do
    read -r -a tools <<< "${TOOLS:-before now}"
    if [ -n "${SUBSET:-}" ]; then
        tools+=(subset)
        # The document with only the paths under SUBSET (python3: YAML via the JSON superset rule
        # does not hold, so YAML documents need PyYAML).
        python3 - "$corpus/$doc" "$SUBSET" "$work/subset.json" <<'PY'
import json, sys
path, prefix, out = sys.argv[1:]
text = open(path).read()
doc = json.loads(text) if path.endswith(".json") else __import__("yaml").safe_load(text)
doc["paths"] = {k: v for k, v in doc["paths"].items() if k.startswith(prefix)}
json.dump(doc, open(out, "w"))
PY
    fi
    for tool in "${tools[@]}"; do
        crate="$work/$tool-crate"
        rm -rf "$crate"
        spec="$corpus/$doc"; [ "$tool" = subset ] && spec="$work/subset.json"
        read -r gen_s gen_kib < <(timed "${xtask[$tool]}" codegen --spec "$spec" --out "$crate" --standalone)
        cp "${lock[$tool]}" "$crate/Cargo.lock"
        lines=$(find "$crate/src" -name '*.rs' -exec cat {} + | wc -l)
        target="$work/$tool-target"
        rm -rf "$target"
        read -r cold_s cold_kib < <(cd "$crate" && timed env CARGO_TARGET_DIR="$target" cargo clippy -- -D warnings)
        touch "$crate/src/lib.rs"
        read -r warm_s warm_kib < <(cd "$crate" && timed env CARGO_TARGET_DIR="$target" cargo clippy -- -D warnings)
        [ -n "$warm_s" ] || { echo "$doc: $tool failed"; exit 1; }
        label="$tool"; [ "$tool" = subset ] && label="now, only $SUBSET"
        echo "| $(basename "$doc") | $label | ${gen_s} s | $((gen_kib / 1024)) MiB | $lines | ${cold_s} s | $((cold_kib / 1024)) MiB | ${warm_s} s | $((warm_kib / 1024)) MiB |"
        if [ "$tool" = now ] && [ -n "${FEATURE:-}" ]; then
            touch "$crate/src/lib.rs"
            read -r feat_s feat_kib < <(cd "$crate" && timed env CARGO_TARGET_DIR="$target" cargo clippy --no-default-features --features "$FEATURE" -- -D warnings)
            echo "| $(basename "$doc") | now, \`--features $FEATURE\` only | | | | | | ${feat_s} s | $((feat_kib / 1024)) MiB |"
        fi
        rm -rf "$target"
    done
done
