#!/usr/bin/env bash
# What the models of the compile-time comparison cost the code generator, counted rather than
# timed: the crate of `MODELS` models (the `model` crate of compile-time.sh) is compiled to LLVM IR
# in one codegen unit, and the lines of IR are added up per function, instances of one generic
# function together, model names folded into `ModelN` (as cargo-llvm-lines does). The count is the
# same on every run of one compiler, however busy the machine, so it shows what a change to the
# derive or to `model-core` does to the back end of a build; the front end (type checking, borrow
# checking) is not in it: time that with compile-time.sh.
#
# Usage: bash scripts/ir-lines.sh [ROWS]    (ROWS: functions listed, default 25)
# Environment: MODELS (default 100), CRATE=garde-serde (or any crate of compile-time.sh) to count
# another crate.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MODELS="${MODELS:-100}"
ROWS="${1:-25}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
source "$ROOT/scripts/generate.sh"

case "${CRATE:-model}" in
    model) make_crate model "valid-model = { path = \"$ROOT\" }" gen_model ;;
    model-no-serde) make_crate model-no-serde "valid-model = { path = \"$ROOT\", default-features = false }" gen_model ;;
    garde-serde) make_crate garde-serde "$GARDE_DEP"$'\n'"$SERDE_DEP" "gen_garde serde" ;;
    validator-serde) make_crate validator-serde "$VALIDATOR_DEP"$'\n'"$SERDE_DEP" "gen_validator serde" ;;
    serde) make_crate serde "$SERDE_DEP" "gen_plain serde" ;;
    *) echo "unknown CRATE: ${CRATE}" >&2; exit 2 ;;
esac
NAME="${CRATE:-model}"

export CARGO_TARGET_DIR="$WORK/target"
(cd "$WORK/$NAME" && cargo rustc --quiet --lib -- --emit=llvm-ir -C codegen-units=1)
IR=$(ls "$CARGO_TARGET_DIR"/debug/deps/ct_*.ll)

python3 - "$IR" "$ROWS" "$MODELS" <<'PY'
import collections, re, sys

def demangle(symbol):
    """A legacy Rust symbol as a path, without its hash; model names folded."""
    if not symbol.startswith("_ZN"):
        return symbol
    rest, parts, i = symbol[3:], [], 0
    while i < len(rest) and rest[i] != "E":
        digits = re.match(r"\d+", rest[i:])
        if not digits:
            break
        n = int(digits.group())
        i += digits.end()
        parts.append(rest[i:i + n])
        i += n
    if parts and re.fullmatch(r"h[0-9a-f]{16}", parts[-1]):
        parts.pop()
    path = "::".join(parts)
    for escaped, plain in [("$LT$", "<"), ("$GT$", ">"), ("$u20$", " "), ("$RF$", "&"),
                           ("$BP$", "*"), ("$C$", ","), ("..", "::"), ("$u7b$", "{"),
                           ("$u7d$", "}"), ("$u5b$", "["), ("$u5d$", "]"), ("$LP$", "("),
                           ("$RP$", ")"), ("$u27$", "'")]:
        path = path.replace(escaped, plain)
    return re.sub(r"Model\d+", "ModelN", path)

lines, copies = collections.Counter(), collections.Counter()
current, count = None, 0
for line in open(sys.argv[1]):
    if line.startswith("define "):
        current = demangle(re.search(r'@"?([^"(]+)"?\(', line).group(1))
        count = 0
    elif line.startswith("}") and current:
        lines[current] += count
        copies[current] += 1
        current = None
    elif current:
        count += 1

total, models = sum(lines.values()), int(sys.argv[3])
print(f"{total} lines of IR in {sum(copies.values())} functions: {total / models:.0f} lines per model")
print(f"{'lines':>8} {'share':>6} {'copies':>6}  function")
for name, n in lines.most_common(int(sys.argv[2])):
    print(f"{n:8d} {100 * n / total:5.1f}% {copies[name]:6d}  {name}")
PY
