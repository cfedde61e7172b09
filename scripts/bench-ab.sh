#!/usr/bin/env bash
# Codegen of one document by several generator builds, run in turn, so that the machine's drift
# (20 to 30 % between runs minutes apart on a shared 2-core VM) falls on every build alike.
# Prints each build's fastest and median wall time. Each build writes into a directory of its
# own, so every run after its first regenerates an unchanged crate, as `codegen --check` does.
#
# Usage: scripts/bench-ab.sh RUNS DOC BIN...
#   DOC relative to the corpus; each BIN is an xtask binary, or any program that takes
#   `codegen --spec FILE --name NAME --out DIR`. A build of another commit:
#     git worktree add /tmp/base REV && (cd /tmp/base && CARGO_TARGET_DIR=/tmp/base-target \
#       cargo build --release -p xtask) && cp /tmp/base-target/release/xtask /tmp/xtask-base
#   then `scripts/bench-ab.sh 40 openapi/progenitor/nexus.json /tmp/xtask-base target/release/xtask`.
set -euo pipefail
cd "$(dirname "$0")/.."
corpus="${SPEC_CORPUS:-$(pwd)/../shared/corpus}"
if [ ! -d "$corpus" ]; then echo "skipped: no corpus at $corpus"; exit 0; fi
if [ $# -lt 3 ]; then sed -n 7,12p "$0"; exit 2; fi
runs="$1"; doc="$2"; shift 2
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(date -u +%F)"
echo "document: $doc, $runs runs of each build, in turn"
for _ in $(seq "$runs"); do
    for i in $(seq $#); do
        bin="${!i}"
        start=$(date +%s%N)
        "$bin" codegen --spec "$corpus/$doc" --name bench-ab --out "$work/out-$i" > "$work/log" 2>&1 \
            || { echo "$bin failed:"; cat "$work/log"; exit 1; }
        end=$(date +%s%N)
        echo "$(( (end - start) / 1000 ))" >> "$work/times-$i"
    done
done
echo
echo "| build | fastest | median |"
echo "|---|---|---|"
for i in $(seq $#); do
    sort -n "$work/times-$i" | awk -v name="${!i}" '{a[NR] = $1}
        END {printf "| %s | %.1f ms | %.1f ms |\n", name, a[1] / 1000, a[int((NR + 1) / 2)] / 1000}'
done
