#!/usr/bin/env bash
# Compile-time comparison: 100 structs of 8 validated fields each, derived with `model`,
# `garde` and `validator`, plus the same 100 structs without validation as a baseline. Since a
# model is also `Serialize` and `Deserialize` (the default features), garde and validator are
# measured a second time with serde's derives beside theirs, as their users build them, and so
# are the plain structs.
#
# Every crate is generated in a temporary directory and built with its own, empty
# CARGO_TARGET_DIR, so each `cargo build` is cold: the library's dependencies are compiled as
# part of it, as a user pays them the first time. Downloads are done beforehand (`cargo fetch`)
# and not timed. After each cold build the file of models is touched and the crate rebuilt:
# that incremental figure is the cost of the derives (and of compiling what they generate) alone.
#
# Usage: bash scripts/compile-time.sh            (from anywhere; the repository is found from
#                                                 the script's own location)
# Environment: MODELS (default 100), KEEP=1 keeps the temporary directory.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MODELS="${MODELS:-100}"
WORK="$(mktemp -d)"
if [[ "${KEEP:-0}" != 1 ]]; then
    trap 'rm -rf "$WORK"' EXIT
fi

# The eight rules, the same in every crate (`length` counts characters in all three):
#   name:   String       length 1..=64
#   label:  String       length 2..=32
#   region: String       contains "-"
#   tags:   Vec<String>  at most 16 items
#   cpu:    i64          range 0..=1024
#   ram:    i64          range 1..=4096
#   port:   u32          range 1..=65535
#   load:   u32          range 0..=100

manifest() { # name, dependency line
    cat <<TOML
[package]
name = "ct-$1"
version = "0.0.0"
edition = "2021"
publish = false

[workspace]

[dependencies]
$2
TOML
}

# The derives of every generated struct: `Clone, Debug`, and serde's when the generator's first
# argument is `serde`.
derives() { # first derive, serde?
    if [[ "${2:-}" == serde ]]; then
        echo "#[derive($1Clone, Debug, serde::Serialize, serde::Deserialize)]"
    else
        echo "#[derive($1Clone, Debug)]"
    fi
}

SERDE_DEP='serde = { version = "1", features = ["derive"] }'

gen_plain() {
    local i
    for ((i = 0; i < MODELS; i++)); do
        derives "" "${1:-}"
        cat <<RS
pub struct Model$i {
    pub name: String,
    pub label: String,
    pub region: String,
    pub tags: Vec<String>,
    pub cpu: i64,
    pub ram: i64,
    pub port: u32,
    pub load: u32,
}

RS
    done
}

gen_model() {
    local i
    echo "use model::Model;"
    echo
    for ((i = 0; i < MODELS; i++)); do
        cat <<RS
#[derive(Model, Clone, Debug)]
pub struct Model$i {
    #[model(length(1..=64))]
    name: String,
    #[model(length(2..=32))]
    label: String,
    #[model(contains("-"))]
    region: String,
    #[model(length(..=16))]
    tags: Vec<String>,
    #[model(range(0..=1024))]
    cpu: i64,
    #[model(range(1..=4096))]
    ram: i64,
    #[model(range(1..=65535))]
    port: u32,
    #[model(range(0..=100))]
    load: u32,
}

RS
    done
}

gen_garde() {
    local i
    echo "use garde::Validate;"
    echo
    for ((i = 0; i < MODELS; i++)); do
        derives "Validate, " "${1:-}"
        cat <<RS
pub struct Model$i {
    #[garde(length(chars, min = 1, max = 64))]
    pub name: String,
    #[garde(length(chars, min = 2, max = 32))]
    pub label: String,
    #[garde(contains("-"))]
    pub region: String,
    #[garde(length(max = 16))]
    pub tags: Vec<String>,
    #[garde(range(min = 0, max = 1024))]
    pub cpu: i64,
    #[garde(range(min = 1, max = 4096))]
    pub ram: i64,
    #[garde(range(min = 1, max = 65535))]
    pub port: u32,
    #[garde(range(min = 0, max = 100))]
    pub load: u32,
}

RS
    done
}

gen_validator() {
    local i
    echo "use validator::Validate;"
    echo
    for ((i = 0; i < MODELS; i++)); do
        derives "Validate, " "${1:-}"
        cat <<RS
pub struct Model$i {
    #[validate(length(min = 1, max = 64))]
    pub name: String,
    #[validate(length(min = 2, max = 32))]
    pub label: String,
    #[validate(contains(pattern = "-"))]
    pub region: String,
    #[validate(length(max = 16))]
    pub tags: Vec<String>,
    #[validate(range(min = 0, max = 1024))]
    pub cpu: i64,
    #[validate(range(min = 1, max = 4096))]
    pub ram: i64,
    #[validate(range(min = 1, max = 65535))]
    pub port: u32,
    #[validate(range(min = 0, max = 100))]
    pub load: u32,
}

RS
    done
}

make_crate() { # name, dependency lines, generator and its argument
    local dir="$WORK/$1"
    mkdir -p "$dir/src"
    manifest "$1" "$2" >"$dir/Cargo.toml"
    printf '#![allow(dead_code)]\n\npub mod models;\n' >"$dir/src/lib.rs"
    $3 >"$dir/src/models.rs"
}

GARDE_DEP='garde = { version = "0.23", default-features = false, features = ["derive"] }'
VALIDATOR_DEP='validator = { version = "0.21", features = ["derive"] }'

# name | dependency lines (separated by `;`, one per line in the manifest) | generator [serde]
CRATES=(
    "plain||gen_plain"
    "serde|$SERDE_DEP|gen_plain serde"
    "model|valid-model = { path = \"$ROOT\" }|gen_model"
    "model-no-serde|valid-model = { path = \"$ROOT\", default-features = false }|gen_model"
    "garde|$GARDE_DEP|gen_garde"
    "garde-serde|$GARDE_DEP;$SERDE_DEP|gen_garde serde"
    "validator|$VALIDATOR_DEP|gen_validator"
    "validator-serde|$VALIDATOR_DEP;$SERDE_DEP|gen_validator serde"
)

NAMES=()
for spec in "${CRATES[@]}"; do
    IFS='|' read -r name deps gen <<<"$spec"
    make_crate "$name" "${deps//;/$'\n'}" "$gen"
    NAMES+=("$name")
done

echo "rustc:   $(rustc --version)"
echo "cargo:   $(cargo --version)"
echo "cores:   $(nproc)"
echo "models:  $MODELS structs x 8 validated fields, debug profile"
echo "workdir: $WORK"
echo

echo "fetching dependencies (not timed)..." >&2
for name in "${NAMES[@]}"; do
    (cd "$WORK/$name" && cargo fetch --quiet)
done

now() { date +%s.%N; }

# CPU seconds (user + system) of a command and its children: less sensitive than wall time to
# other work on the machine, and what the build costs in total on any number of cores.
cpu() {
    /usr/bin/time -f '%U %S' -o "$WORK/cpu" "$@"
    awk '{ printf "%.2f", $1 + $2 }' "$WORK/cpu"
}

declare -A COLD INCR UNITS COLD_CPU INCR_CPU
for name in "${NAMES[@]}"; do
    dir="$WORK/$name"
    export CARGO_TARGET_DIR="$WORK/target-$name"
    echo "load average before $name: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
    start=$(now)
    COLD_CPU[$name]=$(cd "$dir" && cpu cargo build --quiet --offline)
    end=$(now)
    COLD[$name]=$(echo "$end - $start" | bc -l)
    UNITS[$name]=$(find "$CARGO_TARGET_DIR/debug/deps" -name '*.d' | wc -l)
    touch "$dir/src/models.rs"
    start=$(now)
    INCR_CPU[$name]=$(cd "$dir" && cpu cargo build --quiet --offline)
    end=$(now)
    INCR[$name]=$(echo "$end - $start" | bc -l)
    echo "load average after $name:  $(cut -d' ' -f1-3 /proc/loadavg)" >&2
    unset CARGO_TARGET_DIR
done

echo
ratio() { echo "$1 / $2" | bc -l; }
printf '%-16s %7s %9s %8s %8s %11s %8s %8s\n' library crates "cold (s)" "/ garde" "/ g+serde" \
    "models (s)" "/ garde" "/ g+serde"
printf '%-16s %7s %9s %8s %8s %11s %8s %8s\n' ---------------- ------- --------- -------- -------- \
    ----------- -------- --------
for name in "${NAMES[@]}"; do
    printf '%-16s %7d %9.2f %8.2f %8.2f %11.2f %8.2f %8.2f\n' "$name" "${UNITS[$name]}" \
        "${COLD[$name]}" "$(ratio "${COLD[$name]}" "${COLD[garde]}")" \
        "$(ratio "${COLD[$name]}" "${COLD[garde-serde]}")" \
        "${INCR[$name]}" "$(ratio "${INCR[$name]}" "${INCR[garde]}")" \
        "$(ratio "${INCR[$name]}" "${INCR[garde-serde]}")"
done
echo
printf '%-16s %13s %8s %15s %8s\n' library "cold CPU (s)" "/ g+serde" "models CPU (s)" "/ g+serde"
printf '%-16s %13s %8s %15s %8s\n' ---------------- ------------- -------- --------------- --------
for name in "${NAMES[@]}"; do
    printf '%-16s %13.2f %8.2f %15.2f %8.2f\n' "$name" "${COLD_CPU[$name]}" \
        "$(ratio "${COLD_CPU[$name]}" "${COLD_CPU[garde-serde]}")" "${INCR_CPU[$name]}" \
        "$(ratio "${INCR_CPU[$name]}" "${INCR_CPU[garde-serde]}")"
done
echo
echo "cold: a cold \`cargo build\` (every dependency compiled); models: \`cargo build\` again after"
echo "touching src/models.rs (the derives and the code they generate, dependencies already built);"
echo "crates: compilation units built (the .d files in target/debug/deps); g+serde: garde-serde,"
echo "garde with serde's derives, as a user of garde who also reads and writes the models builds."
echo "CPU: user + system seconds of the same builds (all cores), from /usr/bin/time."
