//! Provisioning from a file: read a JSON list of mixed resources (servers, buckets, networks),
//! each naming its kind in `"type"`, validate all of it, print a summary and every error with
//! its path and position, and exit non-zero if anything is invalid.
//!
//! ```sh
//! cargo run --example provision                      # the sample file, with a few mistakes
//! cargo run --example provision -- my-resources.json
//! ```
//!
//! No kind is listed anywhere in this program: each model registers itself when it is defined
//! (Effective Python Item 34), and `model::from_json` finds it by name.

use model::{Error, Model, RegistryError};
use serde_json::value::RawValue;
use std::process::ExitCode;

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

fn main() -> ExitCode {
    let path = std::env::args().nth(1).unwrap_or_else(|| {
        concat!(env!("CARGO_MANIFEST_DIR"), "/examples/data/resources.json").to_owned()
    });
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(error) => {
            eprintln!("cannot read {path}: {error}");
            return ExitCode::from(2);
        }
    };
    let items: Vec<&RawValue> = match serde_json::from_str(&text) {
        Ok(items) => items,
        Err(error) => {
            eprintln!("{path}: not a JSON list of resources: {error}");
            return ExitCode::from(2);
        }
    };
    if let Err(error) = model::registry().check() {
        eprintln!("{error}");
        return ExitCode::from(2);
    }

    println!("{path}: {} resources\n", items.len());
    println!(
        "{:>3}  {:<8} {:<10} {:<6} status",
        "#", "kind", "name", "line"
    );
    let mut problems = Vec::new();
    for (index, item) in items.iter().enumerate() {
        let (line, column) = position(&text, item.get());
        let name = serde_json::from_str::<serde_json::Value>(item.get())
            .ok()
            .and_then(|v| v.get("name").and_then(|n| n.as_str()).map(str::to_owned))
            .unwrap_or_default();
        match model::from_json(item.get()) {
            Ok(model) => println!("{index:>3}  {:<8} {name:<10} {line:<6} ok", model.name()),
            Err(error) => {
                let kind = serde_json::from_str::<serde_json::Value>(item.get())
                    .ok()
                    .and_then(|v| v.get("type").and_then(|t| t.as_str()).map(str::to_owned))
                    .unwrap_or_else(|| "?".to_owned());
                let count = match &error {
                    RegistryError::Invalid(errors) => errors.len(),
                    _ => 1,
                };
                println!("{index:>3}  {kind:<8} {name:<10} {line:<6} {count} error(s)");
                problems.push((index, line, column, error));
            }
        }
    }

    if problems.is_empty() {
        println!("\nall resources are valid");
        return ExitCode::SUCCESS;
    }
    println!();
    for (index, line, column, error) in &problems {
        match error {
            RegistryError::Invalid(errors) => {
                for violation in errors {
                    let path = violation.path().to_string();
                    let at = if path.is_empty() {
                        String::new()
                    } else {
                        format!(".{path}")
                    };
                    println!(
                        "line {line}: resources[{index}]{at}: {} [{}]",
                        violation.message(),
                        violation.code()
                    );
                }
            }
            other => {
                let (message, line, column) = absolute(&other.to_string(), *line, *column);
                println!("line {line}, column {column}: resources[{index}]: {message}");
            }
        }
    }
    let count: usize = problems
        .iter()
        .map(|(_, _, _, e)| match e {
            RegistryError::Invalid(errors) => errors.len(),
            _ => 1,
        })
        .sum();
    println!(
        "\n{count} problem(s) in {} of {} resources",
        problems.len(),
        items.len()
    );
    ExitCode::FAILURE
}

/// The line and column where `item`, a slice of `text`, starts.
fn position(text: &str, item: &str) -> (usize, usize) {
    let offset = (item.as_ptr() as usize)
        .saturating_sub(text.as_ptr() as usize)
        .min(text.len());
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let column = offset - before.rfind('\n').map_or(0, |i| i + 1) + 1;
    (line, column)
}

/// serde_json places an error inside the item (`... at line 2 column 24`): moves that position
/// to the whole file, given where the item starts.
fn absolute(message: &str, line: usize, column: usize) -> (String, usize, usize) {
    let Some((text, at)) = message.rsplit_once(" at line ") else {
        return (message.to_owned(), line, column);
    };
    let Some((l, c)) = at.split_once(" column ") else {
        return (message.to_owned(), line, column);
    };
    match (l.parse::<usize>(), c.parse::<usize>()) {
        (Ok(1), Ok(c)) => (text.to_owned(), line, column + c - 1),
        (Ok(l), Ok(c)) => (text.to_owned(), line + l - 1, c),
        _ => (message.to_owned(), line, column),
    }
}
