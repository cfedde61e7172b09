#!/usr/bin/env bash
# How the generated API reads over the whole corpus: generates a crate from every corpus OpenAPI
# and Swagger 2.0 document, every Mintlify page, the page directories and the multi-file
# document, then runs ../shared/tools/api-names.py over their API.md files.
# Usage: scripts/api-names.sh [--json]   (prints per-crate lines, examples, then the totals)
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"
corpus="${SPEC_CORPUS:-$root/../shared/corpus}"
tool="${API_NAMES_TOOL:-$root/../shared/tools/api-names.py}"
if [ ! -d "$corpus" ]; then echo "skipped: no corpus at $corpus"; exit 0; fi
cargo build --release -q -p xtask
work="$root/target/api-names"
rm -rf "$work" && mkdir -p "$work"
docs=()
while IFS= read -r f; do docs+=("$f"); done < <(
    { find "$corpus/openapi" -type f \( -name '*.yaml' -o -name '*.yml' -o -name '*.json' \) -not -path '*/multifile/*'
      find "$corpus/mintlify" -type f \( -name '*.md' -o -name '*.mdx' \)
      find "$corpus/mintlify" -mindepth 2 -maxdepth 2 -type d
      echo "$corpus/openapi/multifile"; } | sort)
n=0; refused=0
for doc in "${docs[@]}"; do
    out="$work/$(printf '%03d' $n)-$(basename "${doc%.*}")"
    n=$((n + 1))
    if ! target/release/xtask codegen --spec "$doc" --out "$out" --name names-check > /dev/null 2>&1; then
        refused=$((refused + 1)); rm -rf "$out"; continue
    fi
    # Only API.md is read; the rest would fill the disk over 180 documents.
    find "$out" -mindepth 1 -not -name API.md -delete 2>/dev/null || true
done
echo "${#docs[@]} documents, $refused refused (bad on purpose, or not an API)"
python3 "$tool" "$@" "$work"/*/API.md
