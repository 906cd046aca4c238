//! Runtime records (`model::dynamic`) against the compiled model with the same fields and rules
//! (`with_model::ServerResource`): reading valid JSON, setting a field by name (by index,
//! `Record::set_at`, and through a typed key, `Record::set_typed`), and validating an instance.
//!
//! ```sh
//! cargo bench -p model-benches --bench dynamic -- --warm-up-time 1 --measurement-time 3
//! ```

use criterion::{criterion_group, criterion_main, Criterion};
use model::dynamic::Record;
use model_benches::runtime::server;
use model_benches::{with_model, Fields};
use std::hint::black_box;

fn from_json(c: &mut Criterion) {
    let model = server();
    let valid = Fields::valid().to_json();
    let mut group = c.benchmark_group("dynamic_from_json");
    group.bench_function("compiled", |b| {
        b.iter(|| model::json::from_str::<with_model::ServerResource>(black_box(&valid)))
    });
    group.bench_function("record", |b| {
        b.iter(|| Record::from_json(model, black_box(&valid)))
    });
    group.finish();
}

fn set(c: &mut Criterion) {
    let model = server();
    let valid = Fields::valid().to_json();
    let mut compiled: with_model::ServerResource =
        model::json::from_str(&valid).expect("valid JSON");
    let mut record = Record::from_json(model, &valid).expect("valid JSON");
    let mut group = c.benchmark_group("dynamic_set");
    group.bench_function("compiled_typed", |b| {
        b.iter(|| compiled.set_ram_gb(black_box(64)))
    });
    group.bench_function("compiled_by_name", |b| {
        b.iter(|| compiled.set(black_box("ram_gb"), black_box(64i64)))
    });
    group.bench_function("record_by_name", |b| {
        b.iter(|| record.set(black_box("ram_gb"), black_box(64i64)))
    });
    let ram_gb = model.field_index("ram_gb").expect("a field");
    group.bench_function("record_at", |b| {
        b.iter(|| record.set_at(black_box(ram_gb), black_box(64i64)))
    });
    let ram_key = model.field_key::<i64>("ram_gb").expect("an i64 field");
    group.bench_function("record_key", |b| {
        b.iter(|| record.set_typed(black_box(&ram_key), black_box(64)))
    });
    group.finish();
}

fn validate(c: &mut Criterion) {
    let model = server();
    let valid = Fields::valid().to_json();
    let compiled: with_model::ServerResource = model::json::from_str(&valid).expect("valid JSON");
    let record = Record::from_json(model, &valid).expect("valid JSON");
    let mut group = c.benchmark_group("dynamic_validate");
    group.bench_function("compiled", |b| {
        b.iter(|| with_model::validate(black_box(&compiled)))
    });
    group.bench_function("record", |b| b.iter(|| black_box(&record).validate()));
    group.finish();
}

criterion_group!(benches, from_json, set, validate);
criterion_main!(benches);
