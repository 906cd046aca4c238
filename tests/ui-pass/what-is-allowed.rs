//! What the checks on public fields, interior mutability and secrets leave allowed.

#![deny(warnings)]

use model::{Lazy, Model};
use std::cell::Cell;

/// A type of one's own whose name starts like an atomic's.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Atomicity(u8);

/// A model without hooks, struct checks or change tracking: an unvalidated field may be public,
/// and may hold a `Cell`, which no rule reads.
#[derive(Model)]
#[model(serde = false)]
pub struct Counter {
    #[model(check = Self::low)]
    level: Atomicity,
    pub label: String,
    pub hits: Cell<u32>,
    #[model(secret)]
    key: String,
    #[model(lazy = Self::load_double, depends_on(level), secret = false)]
    double: Lazy<u8>,
}

impl Counter {
    fn low(level: &Atomicity) -> Result<(), model::Error> {
        if level.0 < 10 {
            Ok(())
        } else {
            Err(model::Error::new("low", "must be below 10"))
        }
    }
    fn load_double(&self) -> u8 {
        self.level.0 * 2
    }
}

fn main() {
    let counter = Counter::new(Atomicity(3), "a", Cell::new(0), "k3y").unwrap();
    counter.hits.set(counter.hits.get() + 1);
    assert_eq!((counter.level(), counter.key().as_str()), (&Atomicity(3), "k3y"));
    assert_eq!((*counter.double(), counter.label.as_str()), (6, "a"));
}
