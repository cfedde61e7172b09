#!/usr/bin/env bash
# What `Pages::items()` costs beside paging by hand with the same client: 100,000 items over 1,000
# pages from a local server, by offset, nested cursor and Link header (median of alternating rounds).
# Usage: scripts/bench-paging.sh [ITEMS] [PAGE_SIZE] [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release -q -p tests --bin paging_cost
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(date -u +%F)"
target/release/paging_cost "${1:-100000}" "${2:-100}" "${3:-5}"
