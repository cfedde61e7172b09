#!/usr/bin/env bash
# Median time of `xtask codegen` (5 runs, release build) next to the time to just parse the input.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release -q -p xtask
target/release/xtask bench --runs "${1:-5}"
