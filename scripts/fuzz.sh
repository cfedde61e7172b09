#!/usr/bin/env bash
# Fuzzes the whole pipeline (fuzz/fuzz_targets/pipeline.rs) with cargo-fuzz on nightly, seeded with
# the corpus's pages and small documents (read in place, never copied into the repo), then cyclic
# schema graphs (fuzz/fuzz_targets/schema_graph.rs) for a third of the time.
# Usage: scripts/fuzz.sh SECONDS      (CI runs it briefly; crashes land in fuzz/artifacts/)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
corpus="${SPEC_CORPUS:-$(pwd)/../shared/corpus}"
if ! rustup toolchain list 2>/dev/null | grep -q '^nightly'; then
    echo "skipped: no nightly toolchain (cargo-fuzz needs one)"; exit 0
fi
if ! cargo +nightly fuzz --version >/dev/null 2>&1; then
    cargo install cargo-fuzz --version 0.13.2 --locked
fi
seeds=()
if [ -d "$corpus" ]; then
    # Seeds under 64 KiB keep each run fast; the large documents are covered by the corpus test.
    seeds+=("$(mktemp -d)")
    trap 'rm -rf "${seeds[0]}"' EXIT
    find "$corpus" -type f \( -name '*.md' -o -name '*.yaml' -o -name '*.yml' -o -name '*.json' \) \
        -size -64k ! -name README.md -exec cp {} "${seeds[0]}/" \;
    cp spec/*.md "${seeds[0]}/"
else
    echo "no corpus at $corpus: fuzzing from spec/ alone"
    seeds+=("spec")
fi
mkdir -p target/fuzz-corpus
# -max_len fits the seeds; -rss_limit_mb and -timeout turn a blow-up or a hang into a crash report.
graph_seconds=$(( seconds / 3 ))
cargo +nightly fuzz run --fuzz-dir fuzz pipeline target/fuzz-corpus "${seeds[@]}" -- \
    -max_total_time="$(( seconds - graph_seconds ))" -max_len=65536 -rss_limit_mb=2048 -timeout=10 -print_final_stats=1
mkdir -p target/fuzz-graphs
cargo +nightly fuzz run --fuzz-dir fuzz schema_graph target/fuzz-graphs -- \
    -max_total_time="$graph_seconds" -max_len=256 -rss_limit_mb=2048 -timeout=10 -print_final_stats=1
