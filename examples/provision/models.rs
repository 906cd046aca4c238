//! The kinds of resource a provisioning file holds. Each registers itself when it is defined:
//! nothing else in the program lists them.

use model::{Error, Model};

/// A virtual machine.
#[derive(Model, Debug)]
#[model(name = "Server", check = Self::fits_host)]
struct Server {
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
struct Bucket {
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
struct Network {
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
