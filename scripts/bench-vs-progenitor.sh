#!/usr/bin/env bash
# Our generator beside progenitor 0.15.1 (builder interface) on the same documents, in one run:
# codegen wall time (median of 5, ours and progenitor in turn) and peak RSS, lines generated, and `cargo check` of each generated crate alone
# (dependencies prebuilt in a shared target directory; median of N checks after touching lib.rs).
# The checks run with CARGO_INCREMENTAL=0, as cargo builds a crate that is a registry dependency:
# with incremental on, a check after `touch` only replays the cache.
# Usage: scripts/bench-vs-progenitor.sh [RUNS] [DOC...]   (DOCs relative to the corpus)
# Progenitor is installed into target/progenitor when absent; it needs nightly rustfmt.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"
corpus="${SPEC_CORPUS:-$root/../shared/corpus}"
if [ ! -d "$corpus" ]; then echo "skipped: no corpus at $corpus"; exit 0; fi
runs="${1:-3}"
shift || true
docs=("$@")
if [ ${#docs[@]} -eq 0 ]; then
    docs=(openapi/progenitor/nexus.json openapi/progenitor/buildomat.json
          openapi/progenitor/keeper.json openapi/progenitor/propolis-server.json
          openapi/progenitor/param-overrides.json openapi/small/oai-examples-v3.0/petstore-expanded.json
          openapi/small/oai-examples-v3.0/uspto.json)
fi
progenitor="$root/target/progenitor/bin/cargo-progenitor"
if [ ! -x "$progenitor" ]; then
    cargo install cargo-progenitor --version 0.15.1 --locked --root "$root/target/progenitor"
fi
cargo build --release -q -p xtask
work="$root/target/bench-vs-progenitor"
rm -rf "$work" && mkdir -p "$work/crates"
export CARGO_TARGET_DIR="$work/target"
export CARGO_INCREMENTAL=0

# Prints "seconds peak_kib" of a command, or "fail" with its output kept in $work/NAME.log.
# The wall time is read with nanosecond clocks: codegen takes tens of milliseconds, below the
# 10 ms resolution of time(1)'s %e.
timed() {
    local log="$1"; shift
    local start end
    start=$(date +%s%N)
    if /usr/bin/time -f '%M' -o "$log.time" "$@" > "$log" 2>&1; then
        end=$(date +%s%N)
        echo "$(awk "BEGIN {printf \"%.3f\", ($end - $start) / 1e9}") $(cat "$log.time")"
    else
        echo fail
    fi
}
# "median_seconds largest_peak_kib" of `timed` results, or "fail" if any run failed.
summary() {
    local r
    for r in "$@"; do [ "$r" = fail ] && { echo fail; return; }; done
    echo "$(printf '%s\n' "$@" | cut -d' ' -f1 | median) $(printf '%s\n' "$@" | cut -d' ' -f2 | sort -n | tail -1)"
}
lines() { find "$1" -name '*.rs' -not -path '*/tests/*' -print0 | xargs -0 cat | wc -l; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
# OURS / THEIRS as a ratio with DIGITS decimals (`0.46x`), or "-" unless both are numbers.
ratio_of() {
    if [[ "$1" =~ ^[0-9.]+$ && "$2" =~ ^[0-9.]+$ ]]; then awk "BEGIN {printf \"%.$3fx\", $1/$2}"; else echo -; fi
}

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(date -u +%F)"
members=()
declare -A gen
for doc in "${docs[@]}"; do
    name="$(basename "${doc%.*}")"
    ours="ours-$name"; theirs="theirs-$name"
    # Five codegen runs each, ours and progenitor in turn: the machine's speed drifts from one
    # second to the next, and alternating keeps the drift out of the ratio. The first run of
    # each also warms the page cache.
    o=(); t=()
    for _ in 1 2 3 4 5; do
        o+=("$(timed "$work/$ours-codegen" target/release/xtask codegen --spec "$corpus/$doc" --name "$ours" --out "$work/crates/$ours")")
        t+=("$(timed "$work/$theirs-codegen" env RUSTUP_TOOLCHAIN=nightly "$progenitor" progenitor \
            -i "$corpus/$doc" -o "$work/crates/$theirs" -n "$theirs" -v 0.1.0 --interface builder)")
    done
    gen[$ours]=$(summary "${o[@]}")
    gen[$theirs]=$(summary "${t[@]}")
    for c in "$ours" "$theirs"; do
        if [ "${gen[$c]}" != fail ]; then members+=("\"crates/$c\""); fi
    done
done
# A small program per tool that calls one nexus operation (List instances), built in release.
programs=()
if [ "${gen[ours-nexus]:-fail}" != fail ] && [ "${gen[theirs-nexus]:-fail}" != fail ]; then
    for tool in ours theirs; do
        dir="$work/crates/use-$tool"
        mkdir -p "$dir/src"
        printf '[package]\nname = "use-%s"\nversion = "0.1.0"\nedition = "2024"\n\n[dependencies]\n%s-nexus = { path = "../%s-nexus" }\ntokio = { version = "1", features = ["rt", "macros"] }\n' \
            "$tool" "$tool" "$tool" > "$dir/Cargo.toml"
        programs+=("use-$tool"); members+=("\"crates/use-$tool\"")
    done
    cat > "$work/crates/use-ours/src/main.rs" <<'RS'
#[tokio::main(flavor = "current_thread")]
async fn main() {
    let client = ours_nexus::Client::builder().base_url("http://127.0.0.1:9").build().expect("client");
    let instances = client.organizations().projects().instances().list("o".into(), "p".into());
    println!("{}", instances.send().await.is_ok());
}
RS
    cat > "$work/crates/use-theirs/src/main.rs" <<'RS'
#[tokio::main(flavor = "current_thread")]
async fn main() {
    let client = theirs_nexus::Client::new("http://127.0.0.1:9");
    let instances = client.instance_list().organization_name("o").project_name("p");
    println!("{}", instances.send().await.is_ok());
}
RS
fi
(IFS=,; printf '[workspace]\nresolver = "3"\nmembers = [%s]\n' "${members[*]}") > "$work/Cargo.toml"

echo
echo "| document | tool | codegen wall | codegen ratio (ours / progenitor) | codegen peak RSS | lines | \`cargo check\` of the crate alone | check ratio (ours / progenitor) |"
echo "|---|---|---|---|---|---|---|---|"
for doc in "${docs[@]}"; do
    name="$(basename "${doc%.*}")"
    declare -A check=()
    for c in "ours-$name" "theirs-$name"; do
        check[$c]="-"
        [ "${gen[$c]}" = fail ] && continue
        # Dependencies first; then time the crate's own check.
        if ! (cd "$work" && cargo check -q -p "$c" > "$work/$c-check.log" 2>&1); then check[$c]="does not compile"; continue; fi
        for _ in $(seq "$runs"); do
            touch "$work/crates/$c/src/lib.rs"
            (cd "$work" && /usr/bin/time -f '%e' -o "$work/$c.t" cargo check -q -p "$c" > /dev/null 2>&1) && cat "$work/$c.t"
        done | median > "$work/$c.median"
        check[$c]="$(cat "$work/$c.median") s"
    done
    ratio=$(ratio_of "${check[ours-$name]% s}" "${check[theirs-$name]% s}" 2)
    gen_ratio=$(ratio_of "${gen[ours-$name]%% *}" "${gen[theirs-$name]%% *}" 3)
    for c in "ours-$name" "theirs-$name"; do
        g="${gen[$c]}"
        if [ "$g" = fail ]; then
            echo "| $name | ${c%%-*} | fails: $(grep -m1 -i 'error\|panick' "$work/$c-codegen" | cut -c1-80) | | | | | |"
            continue
        fi
        set -- $g
        if [ "${c%%-*}" = ours ]; then r=("$gen_ratio" "$ratio"); else r=("" ""); fi
        echo "| $name | ${c%%-*} | ${1} s | ${r[0]} | $(( $2 / 1024 )) MiB | $(lines "$work/crates/$c/src") | ${check[$c]} | ${r[1]} |"
    done
done

if [ ${#programs[@]} -eq 2 ]; then
    echo
    echo "Release build of a program that calls one nexus operation: the generated crate and the"
    echo "program, dependencies prebuilt (median of $runs builds after touching the crate's lib.rs)."
    echo
    echo "| tool | release build | binary size |"
    echo "|---|---|---|"
    for p in "${programs[@]}"; do
        tool="${p#use-}"
        (cd "$work" && cargo build -q --release -p "$p" > "$work/$p-build.log" 2>&1) || { echo "| $tool | does not build | |"; continue; }
        t=$(for _ in $(seq "$runs"); do
            touch "$work/crates/$tool-nexus/src/lib.rs"
            (cd "$work" && /usr/bin/time -f '%e' -o "$work/$p.t" cargo build -q --release -p "$p" > /dev/null 2>&1) && cat "$work/$p.t"
        done | median)
        echo "| $tool | $t s | $(( $(stat -c %s "$CARGO_TARGET_DIR/release/$p") / 1024 )) KiB |"
    done
fi
