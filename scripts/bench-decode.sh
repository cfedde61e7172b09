#!/usr/bin/env bash
# What lossless decoding costs: a 20-skill page decoded into the generated types (with the
# flattened `extra` map) against the same types without it, in alternating rounds (median).
# Usage: scripts/bench-decode.sh [ITERATIONS] [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release -q -p tests --bin decode_cost
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(date -u +%F)"
target/release/decode_cost "${1:-20000}" "${2:-7}"
