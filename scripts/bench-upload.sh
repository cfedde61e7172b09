#!/usr/bin/env bash
# Uploads one large file (1 GiB by default) to a local sink server on 127.0.0.1 with: our example,
# curl, the Python SDK's files_from_dir, and the Python SDK with an open-file tuple. Reports each
# one's wall time, throughput and peak RSS (/usr/bin/time -v), side by side in one run.
#
# Each client runs ROUNDS times (default 3), interleaved, and the median is reported.
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

# One timed run: prints "seconds rss_kib".
run_once() {
    /usr/bin/time -v "$@" > "$work/out" 2> "$work/time" || { echo "failed: $*" >&2; cat "$work/time" >&2; exit 1; }
    local wall rss
    wall=$(grep 'Elapsed (wall clock)' "$work/time" | awk '{print $NF}')
    rss=$(grep 'Maximum resident set size' "$work/time" | awk '{print $NF}')
    echo "$(echo "$wall" | awk -F: '{ if (NF == 3) print $1*3600 + $2*60 + $3; else print $1*60 + $2 }') $rss"
}

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
rounds="${ROUNDS:-3}"
names=("ours: example, from_dir (streamed)" "curl -F files[]=@..." "Python SDK 0.100.0, files_from_dir" "Python SDK 0.100.0, open-file tuple")
export ANTHROPIC_API_KEY=sk-bench ANTHROPIC_BASE_URL="$url"
client() {
    case "$1" in
        0) run_once target/release/examples/create_skill_version --skill-id skill_bench --max-retries 0 "$work/bench-skill" ;;
        1) run_once curl -sS -o /dev/null -X POST "$url/v1/skills/skill_bench/versions" \
               -H "x-api-key: sk-bench" -H "anthropic-version: 2023-06-01" -H "anthropic-beta: skills-2025-10-02" \
               -F "files[]=@$work/bench-skill/SKILL.md;filename=bench-skill/SKILL.md" \
               -F "files[]=@$work/bench-skill/big.bin;filename=bench-skill/big.bin" ;;
        2) run_once "$python" tests/conformance/send_with_sdk.py "$url" skill_bench "$work/bench-skill" ;;
        3) run_once "$python" tests/conformance/send_with_sdk.py "$url" skill_bench "$work/bench-skill" open-file ;;
    esac
}
cat "$work/bench-skill/big.bin" > /dev/null   # everyone reads from the page cache
for round in $(seq "$rounds"); do
    for i in 0 1 2 3; do client "$i" >> "$work/results.$i"; done
done

echo "Upload of $(( bytes / 1048576 )) MiB to 127.0.0.1; median of $rounds rounds; $(nproc) cores, $(uname -m), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo
echo "| client | wall | throughput | vs curl | peak RSS |"
echo "|---|---|---|---|---|"
curl_secs=$(awk '{print $1}' "$work/results.1" | median)
for i in 0 1 2 3; do
    secs=$(awk '{print $1}' "$work/results.$i" | median)
    rss=$(awk '{print $2}' "$work/results.$i" | median)
    printf '| %s | %.2f s | %.0f MiB/s | %.2fx | %.1f MiB |\n' "${names[$i]}" "$secs" \
        "$(echo "$bytes / 1048576 / $secs" | bc -l)" "$(echo "$curl_secs / $secs" | bc -l)" "$(echo "$rss / 1024" | bc -l)"
done
