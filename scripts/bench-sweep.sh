#!/usr/bin/env bash
# The corpus sweep beside the other Rust generators, as a new user meets each tool: per document
# and per tool, whether it generates a crate, whether the crate passes `cargo check`, whether it
# passes `cargo clippy -- -D warnings`, and the codegen wall time.
#
# Tools: ours (release xtask), progenitor 0.15.1 (cargo-progenitor, builder interface; it needs
# nightly rustfmt), openapi-to-rust 0.23.0 and oas3-gen 0.29.0, installed from crates.io into
# target/bench-tools when absent. Each tool gets the document as published. The other three read
# OpenAPI 3 only: on a Swagger 2.0 document they are also given swagger2openapi's conversion
# (target/swagger2openapi, as .ci/run installs it), reported in a second column set.
# Every crate is checked on its own (own [workspace]) with one shared target directory, so the
# dependencies build once per tool.
#
# Usage: scripts/bench-sweep.sh [CORPUS-RELATIVE-DOC...]
#   (default: every OpenAPI 3 and Swagger 2.0 document of the corpus but openapi/large, and the
#   multi-file document; LARGE=1 adds openapi/large)
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"
corpus="${SPEC_CORPUS:-$root/../shared/corpus}"
if [ ! -d "$corpus" ]; then echo "skipped: no corpus at $corpus"; exit 0; fi
docs=("$@")
if [ ${#docs[@]} -eq 0 ]; then
    while IFS= read -r f; do docs+=("${f#"$corpus"/}"); done < <(
        find "$corpus/openapi" -type f \( -name '*.json' -o -name '*.yaml' -o -name '*.yml' \) \
            -not -path '*/multifile/*' | sort)
    if [ -z "${LARGE:-}" ]; then
        filtered=(); for d in "${docs[@]}"; do [[ "$d" == openapi/large/* ]] || filtered+=("$d"); done
        docs=("${filtered[@]}")
    fi
    docs+=("openapi/multifile/redocly-openapi-starter/openapi.yaml")
fi

tools="$root/target/bench-tools"
install() { # NAME CRATE VERSION [cargo install args...]
    local name="$1" crate="$2" version="$3"; shift 3
    if ! ls "$tools/$name/bin/"* > /dev/null 2>&1; then
        cargo install "$crate" --version "$version" --locked --root "$tools/$name" "$@" > "$tools/$name.install.log" 2>&1 \
            || { echo "cannot install $crate $version: see $tools/$name.install.log"; exit 1; }
    fi
}
mkdir -p "$tools"
install progenitor cargo-progenitor 0.15.1
install openapi-to-rust openapi-to-rust 0.23.0
install oas3-gen oas3-gen 0.29.0
s2o="$root/target/swagger2openapi/node_modules/.bin/swagger2openapi"
cargo build --release -q -p xtask

work="$root/target/bench-sweep"
rm -rf "$work/crates" && mkdir -p "$work/crates" "$work/logs"
export CARGO_INCREMENTAL=0

# Generates DOC with TOOL into DIR; exit status tells whether a crate came out.
generate() { # TOOL DOC DIR NAME
    local tool="$1" doc="$2" dir="$3" name="$4"
    case "$tool" in
        ours) target/release/xtask codegen --spec "$doc" --out "$dir" --name "$name" --standalone ;;
        progenitor)
            RUSTUP_TOOLCHAIN=nightly "$tools/progenitor/bin/cargo-progenitor" progenitor \
                -i "$doc" -o "$dir" -n "$name" -v 0.1.0 --interface builder \
                && printf '\n[workspace]\n' >> "$dir/Cargo.toml" ;;
        openapi-to-rust)
            # A module, with the dependency fragment it writes beside it: the crate around them is
            # the one its README describes (edition 2024, the fragment appended).
            mkdir -p "$dir/src"
            printf 'pub mod api;\n' > "$dir/src/lib.rs"
            printf '[generator]\nspec_path = "%s"\noutput_dir = "src/api"\nmodule_name = "api"\n\n[features]\nenable_async_client = true\n' \
                "$doc" > "$dir/openapi-to-rust.toml"
            "$tools/openapi-to-rust/bin/openapi-to-rust" generate --config "$dir/openapi-to-rust.toml" \
                && { printf '[package]\nname = "%s"\nversion = "0.1.0"\nedition = "2024"\n\n' "$name"
                     cat "$dir/src/api/REQUIRED_DEPS.toml"; printf '\n[workspace]\n'; } > "$dir/Cargo.toml" ;;
        oas3-gen)
            # A crate of its own (`--workspace`), named after its directory.
            "$tools/oas3-gen/bin/oas3-gen" generate client-mod -i "$doc" -o "$dir/" --workspace \
                && { grep -q '^\[workspace\]' "$dir/Cargo.toml" || printf '\n[workspace]\n' >> "$dir/Cargo.toml"; } ;;
    esac
}

verdict() { # DIR -> "check clippy"
    local dir="$1" check=no clippy=no
    if (cd "$dir" && CARGO_TARGET_DIR="$work/target" cargo check -q --all-targets > "$dir.check.log" 2>&1); then
        check=yes
        (cd "$dir" && CARGO_TARGET_DIR="$work/target" cargo clippy -q --all-targets -- -D warnings > "$dir.clippy.log" 2>&1) && clippy=yes
    fi
    echo "$check $clippy"
}

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(date -u +%F)"
echo
echo "| document | ours | progenitor 0.15.1 | openapi-to-rust 0.23.0 | oas3-gen 0.29.0 |"
echo "|---|---|---|---|---|"
declare -A totals
for doc in "${docs[@]}"; do
    path="$corpus/$doc"
    stem="$(basename "${doc%.*}")"
    [ "$stem" = openapi ] && stem="$(basename "$(dirname "$doc")")"
    swagger2=""
    if grep -q '"swagger"' "$path" 2>/dev/null || grep -q '^swagger:' "$path" 2>/dev/null; then
        swagger2="$work/logs/$stem.oas3.json"
        "$s2o" --patch -o "$swagger2" "$path" > /dev/null 2>&1 || swagger2=""
    fi
    row="| $stem |"
    for tool in ours progenitor openapi-to-rust oas3-gen; do
        input="$path"
        # The others read OpenAPI 3 only; a 2.0 document reaches them converted.
        if [ "$tool" != ours ] && [ -n "$swagger2" ]; then input="$swagger2"; fi
        name="$(echo "s-$tool-$stem" | tr 'A-Z._' 'a-z--' | tr -cd 'a-z0-9-')"
        dir="$work/crates/$name"
        log="$work/logs/$name.gen"
        start=$(date +%s.%N)
        if timeout 600 bash -c "$(declare -f generate); tools='$tools'; generate '$tool' '$input' '$dir' '$name'" > "$log" 2>&1; then
            secs=$(awk "BEGIN {printf \"%.2f\", $(date +%s.%N) - $start}")
            read -r check clippy < <(verdict "$dir")
            cell="gen ${secs} s, check $check, clippy $clippy"
            totals[$tool-gen]=$(( ${totals[$tool-gen]:-0} + 1 ))
            [ "$check" = yes ] && totals[$tool-check]=$(( ${totals[$tool-check]:-0} + 1 ))
            [ "$clippy" = yes ] && totals[$tool-clippy]=$(( ${totals[$tool-clippy]:-0} + 1 ))
        else
            cell="refused: $(grep -m1 -iE 'error|panick' "$log" | cut -c1-60 | tr '|' '/')"
        fi
        row="$row $cell |"
        rm -rf "$dir/target"
    done
    echo "$row"
done
echo
echo "| tool | generated | \`cargo check\` | \`clippy -D warnings\` | of |"
echo "|---|---|---|---|---|"
for tool in ours progenitor openapi-to-rust oas3-gen; do
    echo "| $tool | ${totals[$tool-gen]:-0} | ${totals[$tool-check]:-0} | ${totals[$tool-clippy]:-0} | ${#docs[@]} |"
done
