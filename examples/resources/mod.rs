//! The models of the provisioning sample (`examples/data/resources.json`): servers, buckets
//! and networks, each registered under the name its `"type"` key gives. Shared by `provision`,
//! `schema` and the tests that need them.

#![allow(dead_code)]

use model::{Error, Model};

/// A virtual machine.
#[derive(Model, Debug)]
#[model(name = "Server", check = Self::fits_host)]
pub struct Server {
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
}

impl Server {
    fn fits_host(&self) -> Result<(), Error> {
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

/// Storage with a quota (Effective Python Item 30's bucket).
#[derive(Model, Debug)]
#[model(name = "Bucket", check = Self::within_quota)]
pub struct Bucket {
    #[model(length(3..=63), pattern("^[a-z0-9-]+$"))]
    name: String,
    #[model(non_negative)]
    max_quota: i64,
    #[model(non_negative)]
    quota_consumed: i64,
}

impl Bucket {
    fn within_quota(&self) -> Result<(), Error> {
        if self.quota_consumed <= self.max_quota {
            Ok(())
        } else {
            Err(
                Error::new("quota", "consumes {consumed} of a quota of {max}")
                    .with_param("consumed", self.quota_consumed)
                    .with_param("max", self.max_quota),
            )
        }
    }
}

/// A private network.
#[derive(Model, Debug)]
#[model(name = "Network")]
pub struct Network {
    #[model(length(1..=64))]
    name: String,
    #[model(pattern(
        r"^\d{1,3}(\.\d{1,3}){3}/\d{1,2}$",
        message = "must be a CIDR block such as 10.0.0.0/16"
    ))]
    cidr: String,
    #[model(range(1..=4094))]
    vlan: u16,
}
