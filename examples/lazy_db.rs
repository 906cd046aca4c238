//! Effective Python, Item 32: `__getattr__` and `__getattribute__` for lazy attributes, in Rust.
//!
//! Python's `LazyDB` computes a missing attribute on first access and stores it, so that the
//! next access is a plain lookup. A model declares such a field as `model::Lazy<T>` with the
//! function that loads it: the first call to its getter loads it (thread-safe, once), the next
//! ones read the cache. `depends_on` forgets the cached value when a field it was computed from
//! changes. Python's `getattr`/`hasattr` are `get` by name and the metadata; an unknown name
//! is an error naming the close matches, as Python's `AttributeError`.
//!
//! Run with `cargo run --example lazy_db`.

// `foo` and `bar` are the names of Effective Python's examples.
#![allow(clippy::disallowed_names)]

use model::{Lazy, Model};

#[derive(Model, Debug)]
struct LazyDb {
    #[model(range(0..))]
    exists: i64,
    /// Loaded on first access, then cached.
    #[model(lazy = Self::load_foo)]
    foo: Lazy<String>,
    /// Computed from `exists`; recomputed after `exists` changes.
    #[model(lazy = Self::describe, depends_on(exists))]
    summary: Lazy<String>,
}

impl LazyDb {
    /// Python's `LoggingLazyDB.__getattr__`: logs each time it really runs.
    fn load_foo(&self) -> String {
        println!("Called load_foo (Python's __getattr__(foo))");
        "Value for foo".to_owned()
    }

    fn describe(&self) -> String {
        println!("Called describe");
        format!("{} rows", self.exists)
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut data = LazyDb::new(5)?;
    println!("Before: {data:?}");
    println!("foo:    {}", data.foo());
    println!("After:  {data:?}");
    println!("foo:    {}", data.foo());

    // getattr, and hasattr through the metadata.
    println!("exists by name: {}", data.get("exists")?);
    println!("foo by name:    {}", data.get("foo")?);
    println!("foo exists:     {}", LazyDb::meta().field("foo").is_some());

    // Python's __getattribute__ sees every access; here iteration reads every field.
    for (field, value) in data.fields() {
        println!("  {} = {value}", field.name());
    }

    // A lazy field computed from another one is forgotten when that one changes.
    println!("summary: {}", data.summary());
    data.set_exists(7)?;
    println!("summary: {}", data.summary());

    // MissingPropertyDB: an unknown name is an error, with the close matches.
    match data.get("exist") {
        Err(error) => println!("AttributeError: {error}"),
        Ok(value) => unreachable!("no field is called `exist`, got {value}"),
    }
    // A lazy field is computed, never set.
    if let Err(errors) = data.set("foo", "bar") {
        println!("AttributeError: {errors}");
    }
    Ok(())
}
