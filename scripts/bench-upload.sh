#!/usr/bin/env bash
# Uploads one large file (1 GiB by default) to a local sink server on 127.0.0.1 with: our example,
# curl, the Python SDK's files_from_dir, and the Python SDK with an open-file tuple. Reports each
# one's wall time, throughput and peak RSS (/usr/bin/time -v), side by side in one run.
#
# usage: scripts/bench-upload.sh [SIZE_MIB]      (needs target/sdk-venv from .ci/run)
set -euo pipefail
cd "$(dirname "$0")/.."
size_mib="${1:-1024}"

cargo build --release -q -p anthropic-skills --example create_skill_version
cargo build --release -q -p tests --bin sink_server
python=target/sdk-venv/bin/python
[ -x "$python" ] || { echo "missing $python: run .ci/run (or create the venv) first" >&2; exit 1; }

work="$(mktemp -d)"
trap 'kill "$sink_pid" 2>/dev/null || true; rm -rf "$work"' EXIT
mkdir -p "$work/bench-skill"
printf -- '---\nname: bench\n---\n# Bench\n' > "$work/bench-skill/SKILL.md"
head -c "$((size_mib * 1024 * 1024))" /dev/urandom > "$work/bench-skill/big.bin"
bytes=$(( $(stat -c %s "$work/bench-skill/big.bin") + $(stat -c %s "$work/bench-skill/SKILL.md") ))

target/release/sink_server "$work/port" 2> "$work/sink.log" &
sink_pid=$!
for _ in $(seq 50); do [ -s "$work/port" ] && break; sleep 0.1; done
url="http://127.0.0.1:$(cat "$work/port")"

measure() { # name, command...
    local name="$1"; shift
    /usr/bin/time -v "$@" > "$work/out" 2> "$work/time" || { echo "$name failed:"; cat "$work/time"; exit 1; }
    local wall rss secs
    wall=$(grep 'Elapsed (wall clock)' "$work/time" | awk '{print $NF}')
    rss=$(grep 'Maximum resident set size' "$work/time" | awk '{print $NF}')
    secs=$(echo "$wall" | awk -F: '{ if (NF == 3) print $1*3600 + $2*60 + $3; else print $1*60 + $2 }')
    printf '| %-34s | %8.2f s | %9.1f MiB/s | %9.1f MiB |\n' "$name" "$secs" "$(echo "$bytes / 1048576 / $secs" | bc -l)" "$(echo "$rss / 1024" | bc -l)"
}

echo "Upload of $(( bytes / 1048576 )) MiB to 127.0.0.1 on $(nproc) cores, $(uname -m), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo
echo "| client                             |     wall |      throughput |   peak RSS |"
echo "|------------------------------------|----------|-----------------|------------|"
export ANTHROPIC_API_KEY=sk-bench ANTHROPIC_BASE_URL="$url"
measure "ours: example, from_dir (streamed)" target/release/examples/create_skill_version --skill-id skill_bench --max-retries 0 "$work/bench-skill"
measure "curl -F files[]=@..." curl -sS -o /dev/null -X POST "$url/v1/skills/skill_bench/versions" \
    -H "x-api-key: sk-bench" -H "anthropic-version: 2023-06-01" -H "anthropic-beta: skills-2025-10-02" \
    -F "files[]=@$work/bench-skill/SKILL.md;filename=bench-skill/SKILL.md" \
    -F "files[]=@$work/bench-skill/big.bin;filename=bench-skill/big.bin"
measure "Python SDK 0.100.0, files_from_dir" "$python" tests/conformance/send_with_sdk.py "$url" skill_bench "$work/bench-skill"
measure "Python SDK 0.100.0, open-file tuple" "$python" tests/conformance/send_with_sdk.py "$url" skill_bench "$work/bench-skill" open-file
grep -c 'received' "$work/sink.log" >/dev/null
