//! The `ServerResource` of the README, shared by the tests that exercise one realistic model:
//! eight fields with a rule each, a readonly id, a default, a reusable rule type (`Percent`) and
//! a struct-level check (`fits_host`) that counts its calls. Include it with
//! `#[path = "support/server.rs"] mod server;`.

// Each test binary uses a different part of this module.
#![allow(dead_code)]

use model::{Error, Model, Rule};
use std::cell::Cell;

/// A percentage, 0 to 100: a reusable rule type.
pub struct Percent;

impl Rule<u8> for Percent {
    fn check(&self, value: &u8) -> Result<(), Error> {
        if *value <= 100 {
            Ok(())
        } else {
            Err(Error::new("percent", "must be a percentage (got {value})")
                .with_param("value", *value))
        }
    }
}

thread_local! {
    /// How many times `fits_host` ran on this thread.
    static FITS_HOST_CALLS: Cell<usize> = const { Cell::new(0) };
}

/// How many times `fits_host` has run on this thread.
pub fn fits_host_calls() -> usize {
    FITS_HOST_CALLS.with(Cell::get)
}

#[derive(Model, Debug, Clone, PartialEq)]
#[model(check = Self::fits_host)]
pub struct ServerResource {
    #[model(length(1..=64))]
    name: String,
    #[model(non_negative)]
    cpu_cores: i64,
    #[model(range(1..=4096))]
    ram_gb: i64,
    #[model(length(2..=32), pattern("^[a-z]+-[a-z]+-[0-9]+$"))]
    region: String,
    #[model(length(..=16), each(length(1..=32)))]
    tags: Vec<String>,
    #[model(readonly)]
    id: u64,
    #[model(default = true)]
    enabled: bool,
    #[model(with = Percent)]
    load: u8,
}

impl ServerResource {
    /// At most 256 GiB of RAM per core (a server without cores counts as one).
    fn fits_host(&self) -> Result<(), Error> {
        FITS_HOST_CALLS.with(|calls| calls.set(calls.get() + 1));
        if self.ram_gb <= self.cpu_cores.max(1) * 256 {
            Ok(())
        } else {
            Err(Error::new(
                "fits_host",
                "needs at most 256 GiB of RAM per core",
            ))
        }
    }
}
