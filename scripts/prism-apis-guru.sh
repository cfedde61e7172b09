#!/usr/bin/env bash
# Documents never seen, on the wire: a seeded sample of the APIs.guru directory (see
# scripts/sweep-apis-guru.sh, which fetches it), each generated with its `tests/api.rs` and run
# against Prism serving the document as published (not our export of it): once in static mode
# (the documented examples) and once in dynamic mode (`-d`, data drawn from the schemas). A request
# Prism flags, or a response the client cannot decode, fails the test with the reason.
#
# Usage: [XTASK=path/to/xtask] [MODES="static dynamic steady"] scripts/prism-apis-guru.sh [SAMPLE]
#   [SEED]   (default 20 documents, seed 42; MODES default "static dynamic")
# MODES may add `steady`: the same tests against Steady (`@stdy/cli`), the SDKs' newer mock
# server, which holds a request to the document's declared styles more strictly than Prism.
# Prism comes from target/prism (as .ci/run installs it) or $PRISM; Steady from target/steady
# or $STEADY. Work lives in
# target/apis-guru/prism; each crate's logs stay there, and the build directory is removed at
# the end.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"
sample="${1:-20}"
seed="${2:-42}"
guru="$root/target/apis-guru"
prism="${PRISM:-$root/target/prism/node_modules/.bin/prism}"
steady="${STEADY:-$root/target/steady/node_modules/.bin/steady}"
read -r -a modes <<< "${MODES:-static dynamic}"
[ -d "$guru/package/api" ] || { echo "run scripts/sweep-apis-guru.sh 0 first: no $guru/package"; exit 1; }
[ -x "$prism" ] || { echo "no Prism at $prism (run .ci/run or set PRISM)"; exit 1; }
if [[ " ${modes[*]} " == *" steady "* ]] && [ ! -x "$steady" ]; then
    echo "no Steady at $steady (run .ci/run or set STEADY)"; exit 1
fi
work="$guru/prism"
rm -rf "$work" && mkdir -p "$work/crates" "$work/logs"
# XTASK: another build of the generator to measure (e.g. an earlier commit's, for a before/after).
if [ -z "${XTASK:-}" ]; then cargo build --release -q -p xtask; fi
xtask="${XTASK:-$root/target/release/xtask}"
find "$guru/package/api" -name '*.json' ! -name '_*' | sort > "$work/all.txt"
shuf -n "$sample" --random-source=<(yes "$seed" 2> /dev/null) "$work/all.txt" > "$work/sample.txt"

# Generate every sampled document into one workspace, so the dependencies build once.
members=()
i=0
while IFS= read -r doc; do
    i=$((i + 1))
    name="p$i"
    if "$xtask" codegen --spec "$doc" --name "$name" --out "$work/crates/$name" \
        > "$work/logs/$name.codegen.log" 2>&1; then
        members+=("\"crates/$name\"")
        echo "$name ${doc#"$guru"/package/api/}" >> "$work/generated.txt"
    else
        echo "refused: ${doc#"$guru"/package/api/}"
    fi
done < "$work/sample.txt"
(IFS=,; printf '[workspace]\nresolver = "3"\nmembers = [%s]\n' "${members[*]}") > "$work/Cargo.toml"
cp "$root/Cargo.lock" "$work/Cargo.lock"
(cd "$work" && CARGO_TARGET_DIR="$work/target" CARGO_INCREMENTAL=0 \
    cargo test --workspace --test api --no-run --message-format=json -q 2> "$work/logs/build.log" \
    | jq -r 'select(.reason == "compiler-artifact" and .executable != null)
        | "\(.manifest_path) \(.executable)"' > "$work/binaries.txt") \
    || { echo "build failed:"; grep -m5 -A5 '^error' "$work/logs/build.log"; exit 1; }

# AWS documents in the directory key several operations on one route apart with a fragment
# (`/tags/{arn}#tagKeys`). A client never sends a fragment, and Prism routes on the key as
# written, so Prism gets the document with fragments cut, their path items merged where the
# methods do not collide. A colliding operation (every query action is `GET /#Action=...`)
# stays out: Prism cannot route it, and its failures are counted apart, as Prism's limit.
# A relative server's path goes in front of the routes (see below).
unfragment() {
    python3 - "$1" "$2" "$3" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
paths, dropped = {}, []
for key, item in doc.get("paths", {}).items():
    route = key.split("#", 1)[0] or "/"
    merged = paths.setdefault(route, {})
    for k, v in item.items():
        if k in merged and isinstance(v, dict) and k != "parameters":
            dropped.append(f"{k.upper()} {key} ")
        merged.setdefault(k, v)
# A relative server (`/api`) is a path under the base URL the client is given; Prism serves
# every document at its root, so its routes get that path in front.
# A network-path server (`//www.ticketmaster.com/discovery/v2`) names a host, as the client reads
# it; Prism takes it for a path and serves every route under `//www...`, so it gets the https URL.
servers = doc.get("servers") or [{}]
prefix = servers[0].get("url", "") if isinstance(servers[0], dict) else ""
if prefix.startswith("//"):
    servers[0]["url"] = "https:" + prefix
elif prefix.startswith("/") and prefix.rstrip("/"):
    paths = {prefix.rstrip("/") + k: v for k, v in paths.items()}
doc["paths"] = paths
# A list in a form is one pair per item (`style: form`, `explode: true`, the 3.x default), which
# the client sends; Prism reads repeated keys as a list only when the form's `encoding` says so
# (Twilio's `CcEmails`), so each list field without an entry gets the default written out.
for item in paths.values():
    for op in item.values():
        if not isinstance(op, dict):
            continue
        body = op.get("requestBody")
        media = body.get("content", {}).get("application/x-www-form-urlencoded") if isinstance(body, dict) else None
        schema = media.get("schema") if isinstance(media, dict) else None
        if not isinstance(schema, dict) or not isinstance(schema.get("properties"), dict):
            continue
        encoding = media.setdefault("encoding", {})
        for field, prop in schema["properties"].items():
            if isinstance(prop, dict) and prop.get("type") == "array" and field not in encoding:
                encoding[field] = {"style": "form", "explode": True}
json.dump(doc, open(sys.argv[2], "w"))
open(sys.argv[3], "w").write("".join(d + "\n" for d in dropped))
PY
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

total_pass=0; total_tests=0; crates_clean=0; crates=0
while read -r name rel; do
    binary="$(grep -F "/crates/$name/Cargo.toml " "$work/binaries.txt" | awk '{print $2}')"
    [ -n "$binary" ] || { echo "$name: no test binary"; continue; }
    crates=$((crates + 1))
    clean=1
    line="$(printf '%-4s %-60s' "$name" "$rel")"
    unfragment "$guru/package/api/$rel" "$work/logs/$name.prism.json" "$work/logs/$name.unroutable"
    for mode in "${modes[@]}"; do
        port="$(free_port)"
        if [ "$mode" = steady ]; then
            server=("$steady" -q --host 127.0.0.1 -p "$port")
        else
            server=("$prism" mock --host 127.0.0.1 -p "$port")
            [ "$mode" = dynamic ] && server+=(-d)
        fi
        # Its own session: Steady's npm launcher starts the server as a child, which killing the
        # launcher alone would leave running.
        setsid "${server[@]}" "$work/logs/$name.prism.json" > "$work/logs/$name.$mode.prism.log" 2>&1 &
        pid=$!
        up=0
        for _ in $(seq 1 600); do
            if (exec 3<> "/dev/tcp/127.0.0.1/$port") 2> /dev/null; then up=1; break; fi
            kill -0 "$pid" 2> /dev/null || break
            sleep 0.1
        done
        if [ "$up" -eq 0 ]; then
            # A log without an error line means Prism was still reading the document.
            why="$(grep -m1 -iE 'error' "$work/logs/$name.$mode.prism.log" | cut -c1-120 || true)"
            line+="  $mode: the mock server did not start (${why:-still starting after 60 s})"
            kill -- -"$pid" 2> /dev/null || true; wait "$pid" 2> /dev/null || true
            clean=0
            continue
        fi
        log="$work/logs/$name.$mode.tests.log"
        RUST_BACKTRACE=0 TEST_API_BASE_URL="http://127.0.0.1:$port" timeout 600 "$binary" --test-threads 4 --nocapture \
            > "$log" 2>&1 || true
        kill -- -"$pid" 2> /dev/null || true; wait "$pid" 2> /dev/null || true
        passed="$(grep -cE '^test .* \.\.\. ok$' "$log" || true)"
        ran="$(grep -cE '^test .* \.\.\. (ok|FAILED)$' "$log" || true)"
        total_pass=$((total_pass + passed)); total_tests=$((total_tests + ran))
        line+="  $mode $passed/$ran"
    done
    # Each failing call once, cut short: the label, then the reason; calls of operations Prism
    # cannot route are counted, not listed.
    failing="$(cat "$work/logs/$name".*.tests.log | grep -A1 "panicked at" \
        | grep -v -e "panicked at" -e '^--' | cut -c1-300 | sort -u || true)"
    unroutable="$work/logs/$name.unroutable"
    if [ -s "$unroutable" ]; then
        hidden="$(grep -c -F -f "$unroutable" <<< "$failing" || true)"
        failing="$(grep -v -F -f "$unroutable" <<< "$failing" || true)"
        line+="  ($(wc -l < "$unroutable") operations Prism cannot route: $hidden failing calls)"
    fi
    [ -z "$failing" ] || clean=0
    [ "$clean" -eq 1 ] && crates_clean=$((crates_clean + 1))
    echo "$line"
    [ -z "$failing" ] || sed 's/^/      /' <<< "$failing"
done < "$work/generated.txt"
echo "${modes[*]}: $total_pass of $total_tests test runs passed; $crates_clean of $crates crates without a failure beyond the routes Prism cannot hold (seed $seed)"
rm -rf "$work/target"
