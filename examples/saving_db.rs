//! Effective Python, Item 32: `__setattr__` to save on assignment, in Rust.
//!
//! Python's `SavingDB` intercepts every attribute assignment to push it to the database.
//! `#[model(track_changes)]` records which fields every successful change touched (in the
//! 8-byte `Changes` field), `on_change` runs after each one, and `take_changes` hands a batch
//! over for saving. Only valid changes are seen: a refused one leaves the record, the changes
//! and the log untouched.
//!
//! Run with `cargo run --example saving_db`.

// `foo` and `bar` are the names of Effective Python's examples.
#![allow(clippy::disallowed_names)]

use model::{ChangedFields, Changes, Model};

#[derive(Model, Debug)]
#[model(track_changes, on_change = Self::log_change)]
struct SavingDb {
    #[model(range(0..=100))]
    foo: i64,
    #[model(length(1..=16))]
    name: String,
    changes: Changes,
}

impl SavingDb {
    /// Python's `LoggingSavingDB.__setattr__`: every committed change, with its new values.
    fn log_change(&self, changed: ChangedFields) {
        for name in changed {
            println!("Called on_change({name}, {})", self.get(name).unwrap());
        }
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut data = SavingDb::new(0, "row")?;
    println!("Before:  {:?}", data.changed_fields().collect::<Vec<_>>());
    data.set_foo(5)?;
    println!("After:   foo = {}", data.foo());
    data.set("foo", 7)?;
    println!("Finally: foo = {}", data.foo());

    // A refused change is neither stored, nor logged, nor recorded.
    if let Err(errors) = data.set_foo(500) {
        println!("Refused: {errors}");
    }

    data.update(|draft| {
        draft.set_name("renamed");
    })?;

    // Save the batch: the fields changed since the last save.
    let batch: Vec<&str> = data.take_changes().collect();
    println!("Saving {batch:?}");
    println!("Pending after save: {}", data.changed_fields().len());
    println!("Changes take {} bytes", std::mem::size_of::<Changes>());
    Ok(())
}
