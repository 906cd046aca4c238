//! The two helpers of `scripts/provision-scale.sh`: a generator of provisioning files of any
//! size, and the yardstick, serde_json reading a file into `Vec<serde_json::Value>`.
//!
//! ```sh
//! cargo run --release --example provision_scale -- generate 100000 [INVALID_EVERY] > resources.json
//! cargo run --release --example provision_scale -- parse resources.json
//! ```
//!
//! `generate N` writes N valid resources (servers, buckets and networks in turn, one per line,
//! about 90 bytes each); with `INVALID_EVERY = k`, every k-th resource has three or four
//! problems (broken rules, a missing field, a value of the wrong type).

#![forbid(unsafe_code)]

use std::io::{self, BufWriter, Read, Write};
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        ["generate", count] => number(count).and_then(|n| generate(n, 0)),
        ["generate", count, every] => {
            number(count).and_then(|n| number(every).and_then(|every| generate(n, every)))
        }
        ["parse", file] => parse(file),
        _ => Err("usage: provision_scale generate N [INVALID_EVERY] | parse FILE".to_owned()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("{message}");
            ExitCode::from(2)
        }
    }
}

fn number(text: &str) -> Result<usize, String> {
    text.parse()
        .map_err(|_| format!("`{text}` is not a whole number"))
}

/// Writes a list of `count` resources to standard output; every `every`-th one (0: none) with
/// three or four problems.
fn generate(count: usize, every: usize) -> Result<(), String> {
    let mut out = BufWriter::new(io::stdout().lock());
    let mut write = || -> io::Result<()> {
        writeln!(out, "[")?;
        for i in 0..count {
            let bad = every != 0 && i % every == every - 1;
            let (cores, ram) = (1 + i % 16, 4 << (i % 4));
            match (i % 3, bad) {
                (0, false) => write!(
                    out,
                    r#"  {{"type": "Server", "name": "web-{i}", "cpu_cores": {cores}, "ram_gb": {ram}, "region": "eu-west-1", "tags": ["prod"]}}"#
                )?,
                (0, true) => write!(
                    out,
                    r#"  {{"type": "Server", "name": "web-{i}", "cpu_cores": -{cores}, "region": "EU", "tags": "prod"}}"#
                )?,
                (1, false) => write!(
                    out,
                    r#"  {{"type": "Bucket", "name": "bucket-{i}", "max_quota": 1000, "quota_consumed": {}}}"#,
                    i % 1000
                )?,
                (1, true) => write!(
                    out,
                    r#"  {{"type": "Bucket", "name": "B", "max_quota": "1000"}}"#
                )?,
                (_, false) => write!(
                    out,
                    r#"  {{"type": "Network", "name": "net-{i}", "cidr": "10.{}.0.0/16", "vlan": {}}}"#,
                    i % 256,
                    1 + i % 4000
                )?,
                (_, true) => write!(
                    out,
                    r#"  {{"type": "Network", "cidr": "10.0.0.0", "vlan": true}}"#
                )?,
            }
            writeln!(out, "{}", if i + 1 < count { "," } else { "" })?;
        }
        writeln!(out, "]")?;
        out.flush()
    };
    write().map_err(|error| format!("cannot write: {error}"))
}

/// Reads `file` as `provision` does (the whole text), then parses it into
/// `Vec<serde_json::Value>`.
fn parse(file: &str) -> Result<(), String> {
    let mut text = String::new();
    std::fs::File::open(file)
        .and_then(|mut f| f.read_to_string(&mut text))
        .map_err(|error| format!("cannot read {file}: {error}"))?;
    let values: Vec<serde_json::Value> =
        serde_json::from_str(&text).map_err(|error| format!("{file}: {error}"))?;
    println!("{} values", values.len());
    Ok(())
}
