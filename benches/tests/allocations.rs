//! Allocations per call and bytes per instance of the implementations benchmarked in
//! `benches/validation.rs`, measured with a counting allocator. Run with `--nocapture` to see
//! the figures recorded in `BENCHMARKS.md`.

use model_benches::{collect, floor, with_garde, with_model, with_validator, Fields};
use std::mem::size_of;

/// The system allocator, counting the allocations (and reallocations) of each thread.
#[path = "../../tests/support/counting.rs"]
mod counting;

/// How many allocations `f` makes on this thread (its result is dropped afterwards).
fn allocations<T>(f: impl FnOnce() -> T) -> usize {
    counting::allocations(f).1
}

fn new_allocations<T>(new: impl FnOnce(Fields) -> T, fields: Fields) -> usize {
    allocations(|| new(fields))
}

#[test]
fn allocations_per_invalid_call() {
    let collect = new_allocations(collect::new, Fields::invalid());
    let model = new_allocations(with_model::new, Fields::invalid());
    let garde = new_allocations(with_garde::new, Fields::invalid());
    let validator = new_allocations(with_validator::new, Fields::invalid());
    println!(
        "allocations per invalid call (3 invalid top-level fields): \
         collect {collect}, model {model}, garde {garde}, validator {validator}"
    );
    assert_eq!(collect, 1, "the hand-written report is one Vec");
    assert!(
        model <= 2,
        "model allocates {model} times for three violations"
    );
    assert!(
        model > 0,
        "three violations cannot be reported in no memory"
    );
}

#[test]
fn allocations_per_valid_call() {
    let floor = new_allocations(floor::new, Fields::valid());
    let collect = new_allocations(collect::new, Fields::valid());
    let model = new_allocations(with_model::new, Fields::valid());
    let garde = new_allocations(with_garde::new, Fields::valid());
    let validator = new_allocations(with_validator::new, Fields::valid());
    println!(
        "allocations per valid call: floor {floor}, collect {collect}, model {model}, \
         garde {garde}, validator {validator}"
    );
    assert_eq!((floor, collect, model), (0, 0, 0));

    let s = with_model::new(Fields::valid()).unwrap();
    assert_eq!(allocations(|| with_model::validate(&s)), 0);
}

#[test]
fn allocations_per_set() {
    let mut model = with_model::new(Fields::valid()).unwrap();
    let mut checked = with_model::new_checked(Fields::valid()).unwrap();
    let mut hand = collect::new(Fields::valid()).unwrap();
    let valid = (
        allocations(|| model.set_ram_gb(32)),
        allocations(|| checked.set_ram_gb(32)),
        allocations(|| collect::set_ram_gb(&mut hand, 32)),
        allocations(|| collect::checked::set_ram_gb(&mut hand, 32)),
    );
    let invalid = (
        allocations(|| model.set_ram_gb(0)),
        allocations(|| checked.set_ram_gb(2048)),
        allocations(|| collect::set_ram_gb(&mut hand, 0)),
        allocations(|| collect::checked::set_ram_gb(&mut hand, 2048)),
    );
    println!(
        "allocations per set (model, model with check, hand, hand with check): \
         valid {valid:?}, invalid {invalid:?}"
    );
    assert_eq!(valid, (0, 0, 0, 0));
    assert_eq!((invalid.0, invalid.2, invalid.3), (1, 1, 1));
    // The struct check's own boxed error, then the report: the check runs once.
    assert_eq!(invalid.1, 2);
}

#[test]
fn bytes_per_instance() {
    let plain = size_of::<floor::ServerResource>();
    let model = size_of::<with_model::ServerResource>();
    let checked = size_of::<with_model::CheckedServerResource>();
    println!(
        "bytes per instance: plain {plain}, model {model}, model with check {checked}, \
         garde {}, validator {}; errors: model {}, collect {}, garde {}, validator {}",
        size_of::<with_garde::ServerResource>(),
        size_of::<with_validator::ServerResource>(),
        size_of::<model::ValidationErrors>(),
        size_of::<collect::Violations>(),
        size_of::<garde::Report>(),
        size_of::<validator::ValidationErrors>(),
    );
    assert_eq!(model, plain);
    assert_eq!(checked, plain);
}

#[test]
fn report_sizes() {
    println!(
        "bytes per violation: model {}, collect {}, garde {}, validator {}",
        size_of::<model::Violation>(),
        size_of::<collect::Violation>(),
        size_of::<(garde::error::Path, garde::Error)>(),
        size_of::<validator::ValidationError>(),
    );
    // The report's first allocation has room for four violations: it stays within 1 KiB, so
    // that it is one of the allocator's small sizes (glibc serves up to 1032 bytes from its
    // per-thread cache) rather than a large-bin search.
    assert!(
        4 * size_of::<model::Violation>() <= 1024,
        "a violation is {} bytes",
        size_of::<model::Violation>()
    );
}

#[test]
fn allocations_per_invalid_json() {
    let json = Fields::invalid().to_json();
    let typed = allocations(|| model::json::from_str::<with_model::ServerResource>(&json));
    let generic = allocations(|| {
        let mut json = serde_json::Deserializer::from_str(&json);
        model::deserialize::<with_model::ServerResource, _>(&mut json)
    });
    let text = allocations(|| serde_json::from_str::<with_model::ServerResource>(&json));
    let hand = allocations(|| {
        let s: floor::ServerResource = serde_json::from_str(&json).unwrap();
        collect::validate(&s)
    });
    println!(
        "allocations per invalid JSON read (3 violations): model::json::from_str {typed}, \
         model::deserialize {generic}, model report as text {text}, hand {hand}"
    );
    // An invalid document is read twice, quietly (no report is formatted into serde's error),
    // then into the tree that the full report is read from: no more than two reads' worth.
    assert!(typed <= 2 * text, "typed {typed}, text {text}");
    // A generic deserializer is read once, into the tree.
    assert!(generic <= text + 2, "generic {generic}, text {text}");
}
