// Its models match patterns.
#![cfg(all(feature = "json", feature = "regex"))]

//! The memory of runtime records: 50,000 records of the `ServerResource` model, defined at run
//! time, held in slots, against the same documents held as the compiled model, as
//! `HashMap<String, serde_json::Value>` and as `serde_json::Value`. Heap bytes are counted by a
//! counting allocator (bytes requested, allocated less freed), plus the records' own size in
//! their `Vec`: deterministic, whatever the machine.

#[path = "support/counting.rs"]
mod counting;
#[path = "support/server.rs"]
mod server;

use counting::live_bytes;
use model::dynamic::{Definition, Field, FieldRule, Int, Kind, Record, RuntimeModel};
use server::ServerResource;
use std::collections::HashMap;

const RECORDS: usize = 50_000;

fn model() -> &'static RuntimeModel {
    Definition::new("SizedServer")
        .field(Field::new("name", Kind::Text).rule(FieldRule::length(1, 64)))
        .field(Field::new("cpu_cores", Kind::Integer(Int::I64)).rule(FieldRule::NonNegative))
        .field(Field::new("ram_gb", Kind::Integer(Int::I64)).rule(FieldRule::range(1, 4096)))
        .field(Field::new("region", Kind::Text).rule(FieldRule::length(2, 32)))
        .field(
            Field::new("tags", Kind::list(Kind::Text))
                .rule(FieldRule::Each(vec![FieldRule::length(1, 32)])),
        )
        .field(Field::new("id", Kind::Integer(Int::U64)).readonly())
        .field(Field::new("enabled", Kind::Bool).default(true))
        .field(Field::new("load", Kind::Integer(Int::U8)))
        .build()
        .unwrap()
}

fn documents() -> Vec<String> {
    (0..RECORDS)
        .map(|i| {
            format!(
                r#"{{"name": "web-{i}", "cpu_cores": {}, "ram_gb": {}, "region": "eu-west-{}", "tags": ["prod", "team-{}"], "id": {i}, "enabled": true, "load": {}}}"#,
                1 + i % 64,
                1 + i % 256,
                i % 3,
                i % 10,
                i % 100
            )
        })
        .collect()
}

/// Bytes per record of `Vec<T>` built from every document by `read`.
fn per_record<T>(documents: &[String], read: impl Fn(&str) -> T) -> f64 {
    let (records, heap) = live_bytes(|| {
        let mut records = Vec::with_capacity(documents.len());
        records.extend(documents.iter().map(|d| read(d)));
        records
    });
    assert_eq!(records.len(), RECORDS);
    heap as f64 / RECORDS as f64
}

#[test]
fn a_record_takes_little_more_than_the_compiled_struct_and_far_less_than_a_map() {
    let model = model();
    let documents = documents();
    let record = per_record(&documents, |d| Record::from_json(model, d).unwrap());
    let compiled = per_record(&documents, |d| {
        model::json::from_str::<ServerResource>(d).unwrap()
    });
    let map = per_record(&documents, |d| {
        serde_json::from_str::<HashMap<String, serde_json::Value>>(d).unwrap()
    });
    let value = per_record(&documents, |d| {
        serde_json::from_str::<serde_json::Value>(d).unwrap()
    });
    println!(
        "bytes per record: record {record:.0}, compiled {compiled:.0}, \
         HashMap<String, Value> {map:.0}, serde_json::Value {value:.0}"
    );
    assert!(record <= compiled * 1.25, "{record} vs compiled {compiled}");
    assert!(record <= map * 0.35, "{record} vs HashMap {map}");
    assert!(record < value, "{record} vs Value {value}");
}
