//! Instructions per setter call, counted rather than timed: a valid setter is a comparison and
//! a store, a handful of instructions, too few for a timing to compare reliably.
//!
//! `bash scripts/instructions.sh` builds this binary and runs it under
//! `valgrind --tool=callgrind` once per setter with `N` calls, and once with none: the
//! difference divided by `N` is the instructions of one call (the call into the setter's
//! non-inlined wrapper included), the same on every run.
//!
//! Documents are counted the same way: `json_plain` (serde_json into the plain struct, no
//! validation), `json_serde` (serde_json into the model) and `json_model`
//! (`model::json::from_str`, every problem of the document), on the valid document or the
//! `mixed` one (three structural mistakes and three broken rules).
//!
//! Runtime records (`model::dynamic`) against the compiled model, on valid input only:
//! `dyn_json_record` (`Record::from_json`) beside `json_model`, `dyn_validate_model` and
//! `dyn_validate_record`, and setting `ram_gb` to 64: `dyn_set_typed` (`set_ram_gb`),
//! `dyn_set_name_model` (the compiled model's `set("ram_gb", ..)`), `dyn_set_name_record`
//! (`Record::set`), `dyn_set_at_record` (`Record::set_at` with an index found once) and
//! `dyn_set_key_record` (`Record::set_typed` with a `FieldKey<i64>` found once). Each case runs
//! in a loop of its own, every setter through a non-inlined wrapper as above, and is counted
//! from `dyn_none` (the same set-up and loop, calling nothing).
//!
//! Usage: `instructions <none|hand|model|hand_check|model_check|json_plain|json_serde|json_model|
//! dyn_...> <valid|invalid|mixed> <N>`.

use model_benches::{collect, floor, with_model, Fields, MIXED};
use std::hint::black_box;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (which, case, calls) = match args.as_slice() {
        [which, case, calls] => (which.as_str(), case.as_str(), calls.parse::<u64>()),
        _ => {
            eprintln!(
                "usage: instructions <none|hand|model|hand_check|model_check> <valid|invalid> <N>"
            );
            std::process::exit(2);
        }
    };
    let Ok(calls) = calls else {
        eprintln!("N must be a number of calls");
        std::process::exit(2);
    };
    if which.starts_with("json_") {
        documents(which, case, calls);
        return;
    }
    if which.starts_with("dyn_") {
        runtime(which, calls);
        return;
    }
    let checked = which.ends_with("_check");
    let value = match (case, checked) {
        ("valid", _) => 32,
        ("invalid", false) => 0,
        ("invalid", true) => 2048,
        _ => {
            eprintln!("the case is `valid` or `invalid`");
            std::process::exit(2);
        }
    };
    let mut hand = collect::new(Fields::valid()).expect("a valid resource");
    let mut model = with_model::new(Fields::valid()).expect("a valid resource");
    let mut model_checked = with_model::new_checked(Fields::valid()).expect("a valid resource");
    let mut failures = 0u64;
    for _ in 0..calls {
        let failed = match which {
            "none" => black_box(false),
            "hand" => hand_set(black_box(&mut hand), black_box(value)),
            "hand_check" => hand_set_checked(black_box(&mut hand), black_box(value)),
            "model" => model_set(black_box(&mut model), black_box(value)),
            "model_check" => model_set_checked(black_box(&mut model_checked), black_box(value)),
            other => {
                eprintln!("unknown setter `{other}`");
                std::process::exit(2);
            }
        };
        failures += u64::from(failed);
    }
    println!("{which} {case}: {calls} calls, {failures} refused");
}

#[inline(never)]
fn hand_set(s: &mut collect::ServerResource, value: i64) -> bool {
    collect::set_ram_gb(s, value).is_err()
}

#[inline(never)]
fn model_set(s: &mut with_model::ServerResource, value: i64) -> bool {
    s.set_ram_gb(value).is_err()
}

#[inline(never)]
fn hand_set_checked(s: &mut collect::ServerResource, value: i64) -> bool {
    collect::checked::set_ram_gb(s, value).is_err()
}

#[inline(never)]
fn model_set_checked(s: &mut with_model::CheckedServerResource, value: i64) -> bool {
    s.set_ram_gb(value).is_err()
}

/// Reads the `case` document `calls` times the `which` way.
fn documents(which: &str, case: &str, calls: u64) {
    let valid = Fields::valid().to_json();
    let text = match case {
        "valid" => valid.as_str(),
        "mixed" => MIXED,
        _ => {
            eprintln!("a document is `valid` or `mixed`");
            std::process::exit(2);
        }
    };
    let mut failures = 0u64;
    for _ in 0..calls {
        let failed = match which {
            "json_plain" => serde_json::from_str::<floor::ServerResource>(black_box(text)).is_err(),
            "json_serde" => {
                serde_json::from_str::<with_model::ServerResource>(black_box(text)).is_err()
            }
            "json_model" => model::json::from_str::<with_model::ServerResource>(black_box(text))
                .map_err(|e| black_box(e.validation_errors().map(|e| e.len())))
                .is_err(),
            other => {
                eprintln!("unknown reader `{other}`");
                std::process::exit(2);
            }
        };
        failures += u64::from(failed);
    }
    println!("{which} {case}: {calls} reads, {failures} refused");
}

/// Runs the runtime-record case `which` (valid input) `calls` times.
fn runtime(which: &str, calls: u64) {
    use model::dynamic::Record;
    use model::Model;
    let text = Fields::valid().to_json();
    let server = model_benches::runtime::server();
    let mut compiled: with_model::ServerResource =
        model::json::from_str(&text).expect("valid JSON");
    let mut record = Record::from_json(server, &text).expect("valid JSON");
    let ram_gb = server.field_index("ram_gb").expect("a field");
    let ram_key = server.field_key::<i64>("ram_gb").expect("an i64 field");
    let failures = match which {
        // The same set-up and loop with no call: the base the others are counted from.
        "dyn_none" => repeat(calls, || black_box(false)),
        "dyn_json_record" => repeat(calls, || {
            Record::from_json(server, black_box(&text)).is_err()
        }),
        "dyn_validate_model" => repeat(calls, || black_box(&compiled).validate().is_err()),
        "dyn_validate_record" => repeat(calls, || black_box(&record).validate().is_err()),
        "dyn_set_typed" => repeat(calls, || model_set(black_box(&mut compiled), black_box(64))),
        "dyn_set_name_model" => repeat(calls, || {
            model_set_name(black_box(&mut compiled), black_box("ram_gb"), black_box(64))
        }),
        "dyn_set_name_record" => repeat(calls, || {
            record_set_name(black_box(&mut record), black_box("ram_gb"), black_box(64))
        }),
        "dyn_set_at_record" => repeat(calls, || {
            record_set_at(black_box(&mut record), black_box(ram_gb), black_box(64))
        }),
        "dyn_set_key_record" => repeat(calls, || {
            record_set_key(black_box(&mut record), black_box(&ram_key), black_box(64))
        }),
        other => {
            eprintln!("unknown case `{other}`");
            std::process::exit(2);
        }
    };
    println!("{which}: {calls} calls, {failures} refused");
}

/// Calls `call` `calls` times, each case in a loop of its own (no dispatch among the cases per
/// call), and counts the calls that failed.
#[inline(always)]
fn repeat(calls: u64, mut call: impl FnMut() -> bool) -> u64 {
    let mut failures = 0u64;
    for _ in 0..calls {
        failures += u64::from(call());
    }
    failures
}

#[inline(never)]
fn model_set_name(s: &mut with_model::ServerResource, name: &str, value: i64) -> bool {
    s.set(name, value).is_err()
}

#[inline(never)]
fn record_set_name(r: &mut model::dynamic::Record, name: &str, value: i64) -> bool {
    r.set(name, value).is_err()
}

#[inline(never)]
fn record_set_at(r: &mut model::dynamic::Record, index: usize, value: i64) -> bool {
    r.set_at(index, value).is_err()
}

#[inline(never)]
fn record_set_key(
    r: &mut model::dynamic::Record,
    key: &model::dynamic::FieldKey<i64>,
    value: i64,
) -> bool {
    r.set_typed(key, value).is_err()
}
