#!/usr/bin/env bash
# Per-request overhead of the generated client against a bare reqwest::Client: 10,000 small GETs
# to a local server on 127.0.0.1 each, in alternating rounds (median of 5).
# Usage: scripts/bench-overhead.sh [REQUESTS] [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release -q -p tests --bin request_overhead
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(date -u +%F)"
target/release/request_overhead "${1:-10000}" "${2:-5}"
