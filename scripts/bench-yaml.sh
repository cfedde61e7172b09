#!/usr/bin/env bash
# The YAML parser comparison in BENCHMARKS.md: serde_yaml 0.9 against its maintained successors,
# on every YAML document of the corpus plus the YAML block of every Mintlify page.
# Usage: scripts/bench-yaml.sh [RUNS]   (corpus: $SPEC_CORPUS, default ../shared/corpus)
set -euo pipefail
cd "$(dirname "$0")/.."
corpus="${SPEC_CORPUS:-$(pwd)/../shared/corpus}"
if [ ! -d "$corpus" ]; then echo "skipped: no corpus at $corpus"; exit 0; fi
pages="$(mktemp -d)"
trap 'rm -rf "$pages"' EXIT
# A page's YAML is its one fenced block.
for page in $(find "$corpus/mintlify" -name '*.md'); do
    awk '/^`{3,}yaml /{on=1; next} on && /^`{3,}/{exit} on' "$page" > "$pages/$(basename "$page" .md).yaml"
done
cd scripts/yaml-eval
cargo build --release -q
files=$(find "$corpus/openapi" -name '*.yaml' -o -name '*.yml' | sort)
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
RUNS="${1:-5}" target/release/yaml-eval $files "$pages"/*.yaml
echo "--- values that differ from serde_yaml's (none expected):"
COMPARE=1 target/release/yaml-eval $files "$pages"/*.yaml | tail -n +2
echo "--- error messages on broken input:"
ERRORS=1 target/release/yaml-eval bad/*.yaml
