#!/usr/bin/env bash
# Streamed responses through the runtime every generated crate carries, each beside a baseline in
# the same run, against scripts' own local server (tests/src/bin/stream_server.rs) in a separate
# process on 127.0.0.1:
#   1. a 1 GiB download written to disk: peak RSS and throughput, against curl -o;
#   2. Message Batch results as JSON Lines, typed: lines per second and peak RSS at 100 k and 1 M
#      lines, against reading the whole body first and then decoding it;
#   3. server-sent events of a long message, typed: events per second, against reading the same
#      bytes without parsing; and the SSE parser alone, over the body in memory.
# Each figure is the median of ROUNDS runs (default 3), alternating the client and its baseline.
# Usage: scripts/bench-streams.sh
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${ROUNDS:-3}"
cargo build --release -q -p tests --bin stream_bench --bin stream_server
work="$(mktemp -d -p "${TMPDIR:-/tmp}")"
target/release/stream_server "$work/port" &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 100); do [ -s "$work/port" ] && break; sleep 0.05; done
base="http://127.0.0.1:$(cat "$work/port")"
bench=target/release/stream_bench

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(date -u +%F)"
median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
field() { tr ' ' '\n' | sed -n "s/^$1=//p"; }

# 1. Download.
gib=$((1 << 30))
: > "$work/ours" ; : > "$work/curl"
for _ in $(seq "$rounds"); do
    line=$($bench download "$base/download/$gib" "$work/ours.bin")
    [ "$(stat -c %s "$work/ours.bin")" -eq "$gib" ] || { echo "short download: $line"; exit 1; }
    echo "$(echo "$line" | field secs) $(echo "$line" | field peak_rss_kib)" >> "$work/ours"
    rm -f "$work/ours.bin"
    /usr/bin/time -f "%e %M" -o "$work/time" curl -sS -o "$work/curl.bin" "$base/download/$gib"
    [ "$(stat -c %s "$work/curl.bin")" -eq "$gib" ] || { echo "short curl download"; exit 1; }
    cat "$work/time" >> "$work/curl"
    rm -f "$work/curl.bin"
done
ours_s=$(cut -d' ' -f1 "$work/ours" | median); curl_s=$(cut -d' ' -f1 "$work/curl" | median)
ours_rss=$(cut -d' ' -f2 "$work/ours" | sort -g | tail -1); curl_rss=$(cut -d' ' -f2 "$work/curl" | sort -g | tail -1)
echo
echo "| 1 GiB download to disk | time (median) | MiB/s | peak RSS (max of runs) |"
echo "|---|---|---|---|"
echo "| runtime ByteStream::write_to_file | $ours_s s | $(echo "1024 / $ours_s" | bc -l | xargs printf %.0f) | $((ours_rss / 1024)) MiB |"
echo "| curl -o (baseline) | $curl_s s | $(echo "1024 / $curl_s" | bc -l | xargs printf %.0f) | $((curl_rss / 1024)) MiB |"
echo "| ratio | $(echo "$ours_s / $curl_s" | bc -l | xargs printf %.2f)x | | |"

# 2. JSON Lines.
echo
echo "| JSON Lines (batch results) | lines | time (median) | lines/s | peak RSS |"
echo "|---|---|---|---|---|"
for lines in 100000 1000000; do
    for mode in jsonl jsonl-buffered; do
        : > "$work/$mode"
        for _ in $(seq "$rounds"); do
            line=$($bench $mode "$base/jsonl/$lines")
            [ "$(echo "$line" | field items)" -eq "$lines" ] || { echo "lost lines: $line"; exit 1; }
            echo "$(echo "$line" | field secs) $(echo "$line" | field peak_rss_kib)" >> "$work/$mode"
        done
        s=$(cut -d' ' -f1 "$work/$mode" | median); rss=$(cut -d' ' -f2 "$work/$mode" | sort -g | tail -1)
        label="runtime JsonLines"; [ "$mode" = jsonl ] || label="whole body, then lines (baseline)"
        echo "| $label | $lines | $s s | $(echo "$lines / $s" | bc -l | xargs printf %.0f) | $((rss / 1024)) MiB |"
    done
done

# 3. Server-sent events.
deltas=1000000
echo
echo "| SSE, one message with $deltas deltas | events | time (median) | events/s | peak RSS |"
echo "|---|---|---|---|---|"
for mode in sse raw sse-parse; do
    : > "$work/$mode"
    for _ in $(seq "$rounds"); do
        line=$($bench $mode "$base/sse/$deltas")
        echo "$(echo "$line" | field secs) $(echo "$line" | field peak_rss_kib) $(echo "$line" | field items)" >> "$work/$mode"
    done
    s=$(cut -d' ' -f1 "$work/$mode" | median); rss=$(cut -d' ' -f2 "$work/$mode" | sort -g | tail -1)
    items=$(cut -d' ' -f3 "$work/$mode" | tail -1)
    case $mode in
        sse) label="runtime EventStream, typed"; rate=$(echo "$items / $s" | bc -l | xargs printf %.0f) ;;
        raw) label="bytes read, no parsing (baseline)"; rate="-" ;;
        sse-parse) label="SSE parser alone, body in memory"; rate=$(echo "$items / $s" | bc -l | xargs printf %.0f) ;;
    esac
    echo "| $label | $items | $s s | $rate | $((rss / 1024)) MiB |"
done
