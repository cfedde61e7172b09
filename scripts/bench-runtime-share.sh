#!/usr/bin/env bash
# What carrying the runtime in each generated crate costs in `cargo check`, against depending on
# one runtime crate (progenitor-client's way): the check time of the runtime alone (R), beside the
# check time of generated crates that carry it. Dependencies prebuilt, CARGO_INCREMENTAL=0,
# median of N checks after touching the crate root.
# Usage: scripts/bench-runtime-share.sh [RUNS] [DOC...]   (DOCs relative to the corpus)
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"
corpus="${SPEC_CORPUS:-$root/../shared/corpus}"
if [ ! -d "$corpus" ]; then echo "skipped: no corpus at $corpus"; exit 0; fi
runs="${1:-3}"
shift || true
docs=("$@")
if [ ${#docs[@]} -eq 0 ]; then
    docs=(openapi/progenitor/nexus.json openapi/progenitor/buildomat.json openapi/progenitor/keeper.json)
fi
cargo build --release -q -p xtask
work="$root/target/bench-runtime-share"
rm -rf "$work" && mkdir -p "$work/crates"
export CARGO_TARGET_DIR="$work/target" CARGO_INCREMENTAL=0
cp -r generator/runtime "$work/crates/runtime"
members=("\"crates/runtime\"")
names=()
for doc in "${docs[@]}"; do
    name="gen-$(basename "${doc%.*}")"
    target/release/xtask codegen --spec "$corpus/$doc" --out "$work/crates/$name" --name "$name" > /dev/null
    members+=("\"crates/$name\""); names+=("$name")
done
# The runtime as a crate of its own, with the dependencies a generated crate gives it.
{ printf '[package]\nname = "codegen-runtime"\nversion = "0.1.0"\nedition = "2024"\n\n'
  awk '/^\[dependencies\]/ {on=1; print; next} /^\[/ {on=0} on' "$work/crates/${names[0]}/Cargo.toml"; } \
    > "$work/crates/runtime/Cargo.toml"
# The fixed cost of checking any crate with those dependencies: an empty one.
mkdir -p "$work/crates/empty/src" && echo 'pub fn f() {}' > "$work/crates/empty/src/lib.rs"
sed 's/^name = "codegen-runtime"/name = "empty"/' "$work/crates/runtime/Cargo.toml" > "$work/crates/empty/Cargo.toml"
members+=("\"crates/empty\"")
(IFS=,; printf '[workspace]\nresolver = "3"\nmembers = [%s]\n' "${members[*]}") > "$work/Cargo.toml"
(cd "$work" && cargo check -q --workspace)
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
check() { # package, file to touch
    for _ in $(seq "$runs"); do
        touch "$2"
        (cd "$work" && /usr/bin/time -f '%e' -o "$work/t" cargo check -q -p "$1" > /dev/null 2>&1) && cat "$work/t"
    done | median
}
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(date -u +%F)"
e=$(check empty "$work/crates/empty/src/lib.rs")
r=$(check codegen-runtime "$work/crates/runtime/src/lib.rs")
# What the runtime adds to a crate that carries it: its own check less the fixed cost.
c=$(awk "BEGIN {x = $r - $e; print (x > 0 ? x : 0)}")
echo
echo "| crate | lines of src/ | \`cargo check\` (median of $runs) |"
echo "|---|---|---|"
echo "| an empty crate with the same dependencies (E) | 1 | $e s |"
echo "| the runtime alone (R) | $(find "$work/crates/runtime/src" -name '*.rs' -not -name tests.rs -print0 | xargs -0 cat | wc -l) | $r s |"
total=0
for n in "${names[@]}"; do
    t=$(check "$n" "$work/crates/$n/src/lib.rs")
    total=$(awk "BEGIN {print $total + $t}")
    echo "| $n (carries the runtime) | $(find "$work/crates/$n/src" -name '*.rs' -print0 | xargs -0 cat | wc -l) | $t s |"
done
n=${#names[@]}
echo
echo "The runtime adds about R - E = $c s to each crate that carries it. Checking all $n crates"
echo "costs $total s with the runtime carried; a shared runtime crate would check it once, about"
echo "$(awk "BEGIN {printf \"%.2f\", ($n - 1) * $c}") s less ($(awk "BEGIN {printf \"%.0f\", 100 * ($n - 1) * $c / $total}") %); rechecking one regenerated crate would save"
echo "about $c s each time."
