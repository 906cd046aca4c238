#!/usr/bin/env bash
# `provision` at scale: generated files of 10,000, 100,000 and 1,000,000 resources (servers,
# buckets and networks, about 90 bytes each), checked by the release build of the example, and,
# in the same run, read by serde_json into `Vec<serde_json::Value>` (the yardstick; both read the
# whole file into a string first). Each is run RUNS times; the median wall time (from the start
# to the end of the process) and the largest peak resident memory (`/usr/bin/time -v`) are
# printed.
#
# The last row is a file of INVALID_SIZE resources (1,000,000 by default; empty for none) with
# every 100th resource given three or four problems: the problems are kept for the report, so
# its memory grows with them.
#
# Usage: bash scripts/provision-scale.sh      (RUNS=5 by default; SIZES="..." to change sizes)
# The files are written to a temporary folder, removed at the end (1,000,000 resources: 96 MB).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUNS="${RUNS:-5}"
SIZES="${SIZES:-10000 100000 1000000}"
INVALID_SIZE="${INVALID_SIZE-1000000}"
cd "$ROOT"
cargo build --release --example provision --example provision_scale >&2
BIN="$ROOT/target/release/examples"
DATA="$(mktemp -d)"
trap 'rm -rf "$DATA"' EXIT

measure() { # command... -> "seconds kilobytes" of each run, one run per line
    local start end
    for _ in $(seq "$RUNS"); do
        start=$(date +%s%N)
        /usr/bin/time -v "$@" >/dev/null 2>"$DATA/time" || true
        end=$(date +%s%N)
        awk -F': ' -v ns=$((end - start)) '
            /Maximum resident set size/ { kb = $2 }
            END { printf "%.3f %d\n", ns / 1e9, kb }' "$DATA/time"
    done
}

summary() { # runs on stdin -> "median_seconds max_megabytes"
    sort -n | awk '{ t[NR] = $1; if ($2 > m) m = $2 }
        END { printf "%.3f %.1f\n", t[int((NR + 1) / 2)], m / 1024 }'
}

printf '%-22s %9s | %12s %10s | %12s %10s | %6s\n' \
    file MB "serde_json s" "peak MB" "provision s" "peak MB" ratio
row() { # label, file
    local size json prov
    size=$(awk -v b="$(stat -c %s "$2")" 'BEGIN { printf "%.1f", b / 1e6 }')
    json=$(measure "$BIN/provision_scale" parse "$2" | summary)
    prov=$(measure "$BIN/provision" "$2" | summary)
    read -r js jm <<<"$json"
    read -r ps pm <<<"$prov"
    printf '%-22s %9s | %12s %10s | %12s %10s | %6s\n' "$1" "$size" "$js" "$jm" "$ps" "$pm" \
        "$(awk -v p="$ps" -v j="$js" 'BEGIN { printf "%.2f", p / j }')"
}

for n in $SIZES; do
    "$BIN/provision_scale" generate "$n" >"$DATA/valid-$n.json"
    row "$n valid" "$DATA/valid-$n.json"
    rm "$DATA/valid-$n.json"
done
if [[ -n "$INVALID_SIZE" ]]; then
    n=$INVALID_SIZE
    "$BIN/provision_scale" generate "$n" 100 >"$DATA/invalid-$n.json"
    row "$n, 1% invalid" "$DATA/invalid-$n.json"
fi
