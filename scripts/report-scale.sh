#!/usr/bin/env bash
# Placing many problems of one document: a document of N problems (one line of N bad list
# elements; a map of N bad values; N unknown keys, one per line; a list of N elements, half
# unreadable, half breaking the items' rule; a root list whose one element has N problems) read
# by `model::json::from_str`,
# in a release build, the time of each read printed. The time to place problems (their line,
# column and order) should grow with N, not N².
#
# Usage: bash scripts/report-scale.sh [REPO]   (REPO: the checkout to measure, default this one)
# Environment: SIZES (default "10000 20000 40000").
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
REPO="$(cd "${1:-$ROOT}" && pwd)"
SIZES="${SIZES:-10000 20000 40000}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$WORK/src"
cat >"$WORK/Cargo.toml" <<TOML
[package]
name = "report-scale"
version = "0.0.0"
edition = "2021"
publish = false

[workspace]

[dependencies]
valid-model = { path = "$REPO" }
serde = "1"
TOML
cat >"$WORK/src/main.rs" <<'RS'
use model::Model;
use std::collections::BTreeMap;
use std::time::Instant;

#[derive(Model, Debug)]
struct Holder {
    #[model(default)]
    items: Vec<u8>,
    #[model(default)]
    map: BTreeMap<String, u8>,
    #[model(default, each(range(..=10)))]
    ruled: Vec<u8>,
}

fn run(label: &str, text: &str) {
    read::<Holder>(label, text);
}

fn read<T: serde::de::DeserializeOwned>(label: &str, text: &str) {
    let start = Instant::now();
    let found = match model::json::from_str::<T>(text) {
        Err(model::Rejected::Invalid(report)) => report.len(),
        _ => 0,
    };
    println!("{label:<28} {found:>7} problems {:>10.1} ms", start.elapsed().as_secs_f64() * 1e3);
}

fn main() {
    let n: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(10_000);
    let items = vec!["300"; n].join(",");
    run("one line of bad elements", &format!(r#"{{"items":[{items}]}}"#));
    let map: Vec<String> = (0..n).map(|i| format!(r#""k{i}":300"#)).collect();
    run("a map of bad values", &format!(r#"{{"map":{{{}}}}}"#, map.join(",")));
    let unknown: Vec<String> = (0..n).map(|i| format!("\"u{i}\":1")).collect();
    run("unknown keys, a line each", &format!("{{{}}}", unknown.join(",\n")));
    let mixed = vec!["200,\"x\""; n / 2].join(",");
    run("a list read in part", &format!(r#"{{"ruled":[{mixed}]}}"#));
    read::<Vec<Holder>>("a root list's element", &format!(r#"[{{"items":[{items}]}}]"#));
}
RS
(cd "$WORK" && cargo build --quiet --release)
echo "repo: $REPO ($(git -C "$REPO" rev-parse --short HEAD))"
for n in $SIZES; do
    echo "N = $n"
    "$WORK/target/release/report-scale" "$n"
done
