#!/usr/bin/env bash
# What each part of the code `#[derive(Model)]` writes costs to compile: the crate of `MODELS`
# models of compile-time.sh is expanded (`-Zunpretty=expanded`, so no derive runs in what is
# timed), then compiled as is and with one part of every model's expansion removed. Each variant
# is timed twice, in CPU seconds (user + system): `cargo build` again after touching the file
# (incremental, as a rebuild), and a whole compile of the crate (`CARGO_INCREMENTAL=0`, its part
# of a cold build). The garde + serde crate, expanded the same way, is the yardstick.
#
# A part is removed only where what is left still compiles (the typed setters are called by
# set-by-name, so they are removed together); a variant that does not compile is reported as
# such, never timed. The expanded code is compiled with RUSTC_BOOTSTRAP=1, since it names the
# unstable helpers of the standard derives.
#
# Usage: bash scripts/parts.sh    Environment: MODELS (default 100), KEEP=1 keeps the directory.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MODELS="${MODELS:-100}"
WORK="$(mktemp -d)"
if [[ "${KEEP:-0}" != 1 ]]; then
    trap 'rm -rf "$WORK"' EXIT
fi
source "$ROOT/scripts/generate.sh"
export RUSTC_BOOTSTRAP=1 CARGO_TARGET_DIR="$WORK/target"

make_crate model "valid-model = { path = \"$ROOT\" }" gen_model
make_crate garde-serde "$GARDE_DEP"$'\n'"$SERDE_DEP" "gen_garde serde"

# The expanded crate: the generated code of every model, and the dependencies it names.
expanded() { # crate, dependency lines
    (cd "$WORK/$1" && cargo rustc --quiet --lib -- -Zunpretty=expanded >"$WORK/$1.rs")
    mkdir -p "$WORK/x-$1/src"
    manifest "x-$1" "$2" >"$WORK/x-$1/Cargo.toml"
}
expanded model "valid-model = { path = \"$ROOT\" }
model-core = { path = \"$ROOT/model-core\", features = [\"serde\", \"json\", \"regex\"] }
inventory = \"0.3.15\""
expanded garde-serde "$GARDE_DEP
$SERDE_DEP"

# Writes the expansion of `$1` without the parts named after it into x-$1/src/lib.rs.
strip() {
    python3 - "$WORK/$1.rs" "$WORK/x-$1/src/lib.rs" "${@:2}" <<'PY'
import re, sys

source, target, parts = sys.argv[1], sys.argv[2], sys.argv[3:]
lines = open(source).read().split("\n")
# The prelude lines of the expansion out, and the `#[model]`/`#[garde]`/`#[serde]` attributes
# that no derive reads any more.
lines = [l for l in lines[6:] if not re.match(r"\s*#\[(model|garde|serde)\(", l)]
text = ("#![feature(fmt_helpers_for_derive)]\n#![allow(dead_code, unused, internal_features)]\n"
        + "\n".join(lines))

M = r"Model\d+"
PARTS = {
    "builder": [rf"^\s*pub struct {M}Builder \{{", rf"^\s*impl ::core::default::Default for {M}Builder \{{",
                rf"^\s*impl {M}Builder \{{", r"^\s*pub fn builder\(\)"],
    "draft": [rf"^\s*pub struct {M}Draft<'__model_a> \{{", rf"^\s*impl<'__model_a> {M}Draft<'__model_a> \{{",
              r"^\s*fn __model_apply\(", r"^\s*pub fn update<", r"^\s*fn __commit_from\("],
    "by-name": [r"^\s*pub fn set\(&mut self, name: &str,", r"^\s*fn __model_set\(", r"^\s*fn __value_at\("],
    "setters": [r"^\s*pub fn set_\w+\(&mut self,"],
    "registry": [r"^\s*static __INVENTORY", r'^\s*unsafe extern "C" fn __ctor', r"^\s*static __CTOR"],
}

def remove(text, start):
    """Every item whose first line matches `start`, with the attributes above it."""
    out, lines, i, count = [], text.split("\n"), 0, 0
    while i < len(lines):
        if not re.search(start, lines[i]):
            out.append(lines[i])
            i += 1
            continue
        while out and re.match(r'\s*(#\[|r?")', out[-1]):
            out.pop()
        depth, opened, j = 0, False, i
        while True:
            for c in lines[j]:
                if c == "{":
                    depth, opened = depth + 1, True
                elif c == "}":
                    depth -= 1
            if (opened and depth == 0) or (not opened and lines[j].rstrip().endswith(";")):
                break
            j += 1
        i, count = j + 1, count + 1
    if count == 0:
        sys.exit(f"nothing matches {start!r}: the expansion changed; update scripts/parts.sh")
    return "\n".join(out)

for part in parts:
    for start in PARTS[part]:
        text = remove(text, start)
open(target, "w").write(text)
PY
}

cpu() {
    /usr/bin/time -f '%U %S' -o "$WORK/cpu" "$@" >/dev/null 2>&1 || return 1
    awk '{ printf "%.2f", $1 + $2 }' "$WORK/cpu"
}

# One row: the variant's rebuild and whole compile, twice each.
row() { # label, crate, parts...
    local label=$1 crate=$2 dir="$WORK/x-$2"
    strip "$crate" "${@:3}"
    if ! (cd "$dir" && cargo build --quiet --offline >/dev/null 2>&1); then
        printf '%-32s does not compile without these parts\n' "$label"
        return
    fi
    # Untimed: the first whole compile after an incremental one also rebuilds what the change
    # of profile settings touches.
    (cd "$dir" && CARGO_INCREMENTAL=0 cargo build --quiet --offline >/dev/null 2>&1)
    local k rebuild=() whole=()
    for k in 1 2; do
        touch "$dir/src/lib.rs"
        rebuild+=("$(cd "$dir" && cpu cargo build --quiet --offline || echo failed)")
        touch "$dir/src/lib.rs"
        whole+=("$(cd "$dir" && CARGO_INCREMENTAL=0 cpu cargo build --quiet --offline || echo failed)")
    done
    printf '%-32s %8s %8s %10s %8s\n' "$label" "${rebuild[@]}" "${whole[@]}"
}

echo "rustc:  $(rustc --version)"
echo "models: $MODELS, expanded; CPU seconds (user + system), two runs each"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
printf '%-32s %17s %19s\n' "crate, without" "rebuild after touch" "whole crate"
row "model: nothing removed" model
row "model: the builder" model builder
row "model: the draft, update, commit" model draft
row "model: set by name" model by-name
row "model: the setters and by name" model setters by-name
row "model: the registry entry" model registry
row "model: builder, draft, by name" model builder draft by-name
row "model: nothing removed (again)" model
row "garde + serde" garde-serde
echo
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
