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

# The crates compared, generated in $WORK: see generate.sh.
source "$ROOT/scripts/generate.sh"

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
