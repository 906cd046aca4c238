#!/usr/bin/env bash
# Instructions per setter call, counted by callgrind (deterministic for a given binary): each
# setter runs N times under `valgrind --tool=callgrind`, and so does an empty loop; the
# difference divided by N is one call.
#
# Usage: bash scripts/instructions.sh          (N=1000000 by default: N=... to change it)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
N="${N:-1000000}"
cd "$ROOT"
BIN=$(cargo bench -p model-benches --bench instructions --no-run --message-format=json 2>/dev/null |
    sed -n 's/.*"executable":"\([^"]*instructions[^"]*\)".*/\1/p' | tail -n 1)
[[ -x "$BIN" ]] || { echo "could not build the instructions bench" >&2; exit 1; }
OUT="$(mktemp -d)"
trap 'rm -rf "$OUT"' EXIT

count() { # which, case -> total instructions
    valgrind --tool=callgrind --callgrind-out-file="$OUT/cg" "$BIN" "$1" "$2" "$N" >/dev/null 2>"$OUT/log"
    sed -n 's/^==[0-9]*== Collected : \([0-9]*\)$/\1/p' "$OUT/log"
}

printf '%-12s %-8s %14s\n' setter case "instructions/call"
for case in valid invalid; do
    base=$(count none "$case")
    for which in hand model hand_check model_check; do
        total=$(count "$which" "$case")
        awk -v t="$total" -v b="$base" -v n="$N" -v w="$which" -v c="$case" \
            'BEGIN { printf "%-12s %-8s %14.2f\n", w, c, (t - b) / n }'
    done
done

printf '\n%-12s %-8s %14s\n' reader document "instructions/read"
for case in valid mixed; do
    base=$(count none valid)
    for which in json_plain json_serde json_model; do
        total=$(count "$which" "$case")
        awk -v t="$total" -v b="$base" -v n="$N" -v w="$which" -v c="$case" \
            'BEGIN { printf "%-12s %-8s %14.2f\n", w, c, (t - b) / n }'
    done
done

printf '\n%-20s %14s\n' "runtime record" "instructions/call"
# The runtime cases from a run with their own set-up and loop calling nothing; `json_model` from
# the documents' base, as above.
base_documents=$(count none valid)
base=$(count dyn_none valid)
for which in json_model dyn_json_record dyn_validate_model dyn_validate_record dyn_set_typed \
    dyn_set_name_model dyn_set_name_record dyn_set_at_record dyn_set_key_record; do
    total=$(count "$which" valid)
    from=$base
    [[ $which == dyn_* ]] || from=$base_documents
    awk -v t="$total" -v b="$from" -v n="$N" -v w="$which" \
        'BEGIN { printf "%-20s %14.2f\n", w, (t - b) / n }'
done
