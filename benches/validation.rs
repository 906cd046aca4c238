//! `model` side by side with hand-written checks, `garde` and `validator`, on one model
//! (`benches/src/lib.rs`). Results and method: `BENCHMARKS.md`.
//!
//! ```sh
//! cargo bench -p model-benches --bench validation -- --warm-up-time 1 --measurement-time 3
//! ```
//!
//! Groups:
//! - `valid`: `validate` checks an existing valid instance; `new` builds one from owned fields
//!   (moved in by `iter_batched`, so no clone is timed) and validates it.
//! - `invalid`: three invalid top-level fields, every violation collected with its path; `new`
//!   as above (the report is counted and dropped inside the timing), `validate` on an existing
//!   invalid instance where the library allows one to exist.
//! - `set`: `set_ram_gb` with a valid and an invalid value; garde and validator have no setter,
//!   so theirs assign, validate the whole struct and roll back.
//! - `set_check`: the same with the struct-level rule `ram_gb <= cpu_cores * 256`.
//! - `from_json`: JSON text to a validated instance (valid), or to the typed report of three
//!   violations (invalid); the others parse with serde, then validate.
//! - `documents`: `model::json::from_str` (every problem of a document, with positions) on a
//!   valid document against serde_json into the same fields without validation, and on a
//!   document with three structural and three rule mistakes against garde and validator.
//! - `registry`: tagged JSON (`"type": "ServerResource"` first) to a model found by name at run
//!   time, against a hand-written `#[serde(tag = "type")]` enum of the known types.

use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use model_benches::{collect, floor, with_garde, with_model, with_validator, Fields, MIXED};
use std::hint::black_box;

fn valid(c: &mut Criterion) {
    let mut group = c.benchmark_group("valid");

    let s = floor::new(Fields::valid()).unwrap();
    group.bench_function("validate/floor", |b| {
        b.iter(|| floor::validate(black_box(&s)))
    });
    group.bench_function("validate/collect", |b| {
        b.iter(|| collect::validate(black_box(&s)))
    });
    let s = with_model::new(Fields::valid()).unwrap();
    group.bench_function("validate/model", |b| {
        b.iter(|| model::Model::validate(black_box(&s)))
    });
    let s = with_garde::new(Fields::valid()).unwrap();
    group.bench_function("validate/garde", |b| {
        b.iter(|| garde::Validate::validate(black_box(&s)))
    });
    let s = with_validator::new(Fields::valid()).unwrap();
    group.bench_function("validate/validator", |b| {
        b.iter(|| validator::Validate::validate(black_box(&s)))
    });

    // The built instance is returned, and dropped outside the timing.
    let input = Fields::valid;
    group.bench_function("new/floor", |b| {
        b.iter_batched(input, |f| floor::new(black_box(f)), BatchSize::SmallInput)
    });
    group.bench_function("new/collect", |b| {
        b.iter_batched(input, |f| collect::new(black_box(f)), BatchSize::SmallInput)
    });
    group.bench_function("new/model", |b| {
        b.iter_batched(
            input,
            |f| with_model::new(black_box(f)),
            BatchSize::SmallInput,
        )
    });
    group.bench_function("new/garde", |b| {
        b.iter_batched(
            input,
            |f| with_garde::new(black_box(f)),
            BatchSize::SmallInput,
        )
    });
    group.bench_function("new/validator", |b| {
        b.iter_batched(
            input,
            |f| with_validator::new(black_box(f)),
            BatchSize::SmallInput,
        )
    });
    group.finish();
}

fn invalid(c: &mut Criterion) {
    let mut group = c.benchmark_group("invalid");

    // Every violation is collected, counted, and the report dropped, inside the timing.
    let input = Fields::invalid;
    group.bench_function("new/collect", |b| {
        b.iter_batched(
            input,
            |f| collect::new(black_box(f)).err().map(|e| collect::count(&e)),
            BatchSize::SmallInput,
        )
    });
    group.bench_function("new/model", |b| {
        b.iter_batched(
            input,
            |f| {
                with_model::new(black_box(f))
                    .err()
                    .map(|e| with_model::count(&e))
            },
            BatchSize::SmallInput,
        )
    });
    group.bench_function("new/garde", |b| {
        b.iter_batched(
            input,
            |f| {
                with_garde::new(black_box(f))
                    .err()
                    .map(|e| with_garde::count(&e))
            },
            BatchSize::SmallInput,
        )
    });
    group.bench_function("new/validator", |b| {
        b.iter_batched(
            input,
            |f| {
                with_validator::new(black_box(f))
                    .err()
                    .map(|e| with_validator::count(&e))
            },
            BatchSize::SmallInput,
        )
    });

    // An existing invalid instance (a `model` instance cannot be invalid).
    let s = collect::ServerResource {
        name: String::new(),
        cpu_cores: -4,
        ram_gb: 0,
        ..floor::new(Fields::valid()).unwrap()
    };
    group.bench_function("validate/collect", |b| {
        b.iter(|| collect::validate(black_box(&s)).err().map(|e| e.len()))
    });
    let s = with_garde::ServerResource {
        name: String::new(),
        cpu_cores: -4,
        ram_gb: 0,
        ..with_garde::new(Fields::valid()).unwrap()
    };
    group.bench_function("validate/garde", |b| {
        b.iter(|| {
            garde::Validate::validate(black_box(&s))
                .err()
                .map(|e| with_garde::count(&e))
        })
    });
    let s = with_validator::ServerResource {
        name: String::new(),
        cpu_cores: -4,
        ram_gb: 0,
        ..with_validator::new(Fields::valid()).unwrap()
    };
    group.bench_function("validate/validator", |b| {
        b.iter(|| {
            validator::Validate::validate(black_box(&s))
                .err()
                .map(|e| with_validator::count(&e))
        })
    });
    group.finish();
}

fn set(c: &mut Criterion) {
    let mut group = c.benchmark_group("set");
    for (case, value) in [("valid", 32), ("invalid", 0)] {
        let mut s = collect::new(Fields::valid()).unwrap();
        group.bench_function(format!("{case}/hand"), |b| {
            b.iter(|| collect::set_ram_gb(black_box(&mut s), black_box(value)))
        });
        let mut s = with_model::new(Fields::valid()).unwrap();
        group.bench_function(format!("{case}/model"), |b| {
            b.iter(|| black_box(&mut s).set_ram_gb(black_box(value)))
        });
        let mut s = with_garde::new(Fields::valid()).unwrap();
        group.bench_function(format!("{case}/garde"), |b| {
            b.iter(|| with_garde::set_ram_gb(black_box(&mut s), black_box(value)))
        });
        let mut s = with_validator::new(Fields::valid()).unwrap();
        group.bench_function(format!("{case}/validator"), |b| {
            b.iter(|| with_validator::set_ram_gb(black_box(&mut s), black_box(value)))
        });
    }
    group.finish();

    // 4 cores: at most 1024 GiB.
    let mut group = c.benchmark_group("set_check");
    for (case, value) in [("valid", 32), ("invalid", 2048)] {
        let mut s = collect::new(Fields::valid()).unwrap();
        group.bench_function(format!("{case}/hand"), |b| {
            b.iter(|| collect::checked::set_ram_gb(black_box(&mut s), black_box(value)))
        });
        let mut s = with_model::new_checked(Fields::valid()).unwrap();
        group.bench_function(format!("{case}/model"), |b| {
            b.iter(|| black_box(&mut s).set_ram_gb(black_box(value)))
        });
    }
    group.finish();
}

/// What reading JSON into a hand-written struct can fail with.
#[derive(Debug)]
#[allow(dead_code)] // the benchmarks only return it
enum HandJsonError {
    Malformed(serde_json::Error),
    Invalid(collect::Violations),
}

fn hand_from_json(json: &str) -> Result<floor::ServerResource, HandJsonError> {
    let s: floor::ServerResource = serde_json::from_str(json).map_err(HandJsonError::Malformed)?;
    collect::validate(&s).map_err(HandJsonError::Invalid)?;
    Ok(s)
}

fn from_json(c: &mut Criterion) {
    let mut group = c.benchmark_group("from_json");
    let valid = Fields::valid().to_json();
    let invalid = Fields::invalid().to_json();

    group.bench_function("valid/hand", |b| {
        b.iter(|| hand_from_json(black_box(&valid)))
    });
    group.bench_function("valid/model", |b| {
        b.iter(|| serde_json::from_str::<with_model::ServerResource>(black_box(&valid)))
    });
    group.bench_function("valid/garde", |b| {
        b.iter(|| {
            let s: with_garde::ServerResource = serde_json::from_str(black_box(&valid))?;
            Ok::<_, Box<dyn std::error::Error>>(garde::Validate::validate(&s).map(|()| s)?)
        })
    });
    group.bench_function("valid/validator", |b| {
        b.iter(|| {
            let s: with_validator::ServerResource = serde_json::from_str(black_box(&valid))?;
            Ok::<_, Box<dyn std::error::Error>>(validator::Validate::validate(&s).map(|()| s)?)
        })
    });

    // The typed report of every violation, counted.
    group.bench_function("invalid/hand", |b| {
        b.iter(|| match hand_from_json(black_box(&invalid)) {
            Err(HandJsonError::Invalid(errors)) => errors.len(),
            _ => 0,
        })
    });
    group.bench_function("invalid/model", |b| {
        b.iter(|| {
            let mut json = serde_json::Deserializer::from_str(black_box(&invalid));
            model::deserialize::<with_model::ServerResource, _>(&mut json)
                .err()
                .and_then(|e| e.validation_errors().map(|e| e.len()))
        })
    });
    // What `serde_json::from_str` returns: the report as the error's text.
    group.bench_function("invalid/model_from_str", |b| {
        b.iter(|| {
            serde_json::from_str::<with_model::ServerResource>(black_box(&invalid))
                .err()
                .map(|e| e.line())
        })
    });
    group.bench_function("invalid/garde", |b| {
        b.iter(|| {
            let s: with_garde::ServerResource = serde_json::from_str(black_box(&invalid)).unwrap();
            garde::Validate::validate(&s)
                .err()
                .map(|e| with_garde::count(&e))
        })
    });
    group.bench_function("invalid/validator", |b| {
        b.iter(|| {
            let s: with_validator::ServerResource =
                serde_json::from_str(black_box(&invalid)).unwrap();
            validator::Validate::validate(&s)
                .err()
                .map(|e| with_validator::count(&e))
        })
    });
    group.finish();
}

/// The hand-written registry: an enum of every known model, tagged by serde.
#[derive(serde::Deserialize)]
#[serde(tag = "type")]
enum HandResource {
    ServerResource(floor::ServerResource),
}

/// The same enum of `model` types, each validated on the way in.
#[derive(serde::Deserialize)]
#[allow(dead_code)] // the benchmarks only return it
#[serde(tag = "type")]
enum ModelResource {
    ServerResource(with_model::ServerResource),
}

fn registry(c: &mut Criterion) {
    let mut group = c.benchmark_group("registry");
    let tagged = Fields::valid().to_tagged_json();
    let untagged = Fields::valid().to_json();
    model::registry().check().unwrap();

    group.bench_function("valid/hand_enum", |b| {
        b.iter(|| {
            let HandResource::ServerResource(s) =
                serde_json::from_str(black_box(&tagged)).map_err(HandJsonError::Malformed)?;
            collect::validate(&s).map_err(HandJsonError::Invalid)?;
            Ok::<_, HandJsonError>(s)
        })
    });
    group.bench_function("valid/model_enum", |b| {
        b.iter(|| serde_json::from_str::<ModelResource>(black_box(&tagged)))
    });
    group.bench_function("valid/model_registry", |b| {
        b.iter(|| model::from_json(black_box(&tagged)))
    });
    // No tag, no look-up: the type is known.
    group.bench_function("valid/model_typed", |b| {
        b.iter(|| serde_json::from_str::<with_model::ServerResource>(black_box(&untagged)))
    });
    group.finish();
}

fn documents(c: &mut Criterion) {
    let mut group = c.benchmark_group("documents");
    let valid = Fields::valid().to_json();

    // The cost of the entry point that reports every problem, on a valid document: against
    // serde_json into the same fields with no validation at all.
    group.bench_function("valid/serde_plain", |b| {
        b.iter(|| serde_json::from_str::<floor::ServerResource>(black_box(&valid)))
    });
    group.bench_function("valid/model_serde", |b| {
        b.iter(|| serde_json::from_str::<with_model::ServerResource>(black_box(&valid)))
    });
    group.bench_function("valid/model_json", |b| {
        b.iter(|| model::json::from_str::<with_model::ServerResource>(black_box(&valid)))
    });

    // Every problem of the mixed document (6), against the peers, which stop at the first
    // structural one (1) and so report none of the rules.
    group.bench_function("mixed/model_json", |b| {
        b.iter(|| {
            model::json::from_str::<with_model::ServerResource>(black_box(MIXED))
                .err()
                .and_then(|e| e.validation_errors().map(|e| e.len()))
        })
    });
    group.bench_function("mixed/garde", |b| {
        b.iter(|| {
            serde_json::from_str::<with_garde::ServerResource>(black_box(MIXED))
                .err()
                .map(|e| e.line())
        })
    });
    group.bench_function("mixed/validator", |b| {
        b.iter(|| {
            serde_json::from_str::<with_validator::ServerResource>(black_box(MIXED))
                .err()
                .map(|e| e.line())
        })
    });
    group.finish();
}

criterion_group!(benches, valid, invalid, set, from_json, registry, documents);
criterion_main!(benches);
