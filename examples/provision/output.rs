//! What `provision` prints: a summary per kind and every problem for people, one JSON object per
//! problem for pipelines, and the per-resource table on request.

use crate::check::{Checked, Head, Invalid, Summary};
use model::Violation;
use serde::Serialize;
use std::io::{self, Write};

/// The header of the per-resource table.
pub fn table_header(out: &mut impl Write) -> io::Result<()> {
    writeln!(
        out,
        "{:>7}  {:<8} {:<12} {:>7}  status",
        "#", "kind", "name", "line"
    )
}

/// One row of the per-resource table, printed as the resource is read.
pub fn table_row(out: &mut impl Write, resource: &Checked<'_>) -> io::Result<()> {
    let head = Head::of(resource.text);
    let kind = resource.kind.unwrap_or("?");
    let name = head.name.as_deref().unwrap_or("");
    let status = match resource.problems {
        0 => "ok".to_owned(),
        n => count(n, "problem"),
    };
    writeln!(
        out,
        "{:>7}  {kind:<8} {name:<12} {:>7}  {status}",
        resource.index,
        resource.at.line()
    )
}

/// The summary per kind, then every problem with its line and column in `file`, then the count.
pub fn text(out: &mut impl Write, file: &str, summary: &Summary) -> io::Result<()> {
    let invalid = summary.invalid.len();
    writeln!(
        out,
        "{file}: {}, {} valid, {invalid} invalid\n",
        count(summary.resources, "resource"),
        summary.valid()
    )?;
    if summary.resources > 0 {
        writeln!(
            out,
            "{:<16} {:>9} {:>9} {:>9}",
            "kind", "resources", "valid", "invalid"
        )?;
        for (kind, tally) in &summary.kinds {
            writeln!(
                out,
                "{kind:<16} {:>9} {:>9} {:>9}",
                tally.valid + tally.invalid,
                tally.valid,
                tally.invalid
            )?;
        }
        if summary.unknown > 0 {
            writeln!(
                out,
                "{:<16} {:>9} {:>9} {:>9}",
                "(no known kind)", summary.unknown, 0, summary.unknown
            )?;
        }
        writeln!(out)?;
    }
    if invalid == 0 {
        return writeln!(out, "every resource is valid");
    }
    for resource in &summary.invalid {
        for violation in &resource.violations {
            problem(out, file, resource, violation)?;
        }
    }
    writeln!(
        out,
        "\n{} in {invalid} of {}",
        count(summary.problems(), "problem"),
        count(summary.resources, "resource")
    )
}

/// `n` and the `noun`, plural unless `n` is 1.
fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// One problem: `file:line:column: resources[i] (Kind "name") path: message [code]`, the form
/// compilers use, which editors and CI annotations understand.
fn problem(
    out: &mut impl Write,
    file: &str,
    resource: &Invalid,
    violation: &Violation,
) -> io::Result<()> {
    let at = violation.position().unwrap_or(resource.at);
    write!(
        out,
        "{file}:{}:{}: resources[{}]",
        at.line(),
        at.column(),
        resource.index
    )?;
    match (&resource.kind, &resource.name) {
        (Some(kind), Some(name)) => write!(out, " ({kind} {name:?})")?,
        (Some(kind), None) => write!(out, " ({kind})")?,
        (None, Some(name)) => write!(out, " ({name:?})")?,
        (None, None) => {}
    }
    if !violation.path().is_root() {
        write!(out, " {}", violation.path())?;
    }
    writeln!(out, ": {} [{}]", violation.message(), violation.code())
}

/// One problem as JSON: what `--format json` prints, one object per line: the resource, then
/// the violation in the report's own serialization (see the README's "Answers over HTTP"):
///
/// - `resource`: the resource's place in the list, from 0;
/// - `kind`: its `"type"` when that is a string (even one that names no model), else `null`;
/// - `name`: its `"name"` when that is a string, else `null`;
/// - `path`, `loc`, `code`, `message`, `params`: where in the resource (as text and as a list
///   of steps), the stable code, the message, the typed parameters;
/// - `line`, `column`: where the offending value stands in the file, from 1 (the column in
///   characters).
#[derive(Debug, Serialize)]
pub struct Problem<'a> {
    /// The resource's place in the list.
    pub resource: usize,
    /// Its `"type"`.
    pub kind: Option<&'a str>,
    /// Its `"name"`.
    pub name: Option<&'a str>,
    /// The violation, at its place in the file.
    #[serde(flatten)]
    pub violation: Violation,
}

impl<'a> Problem<'a> {
    /// The JSON form of `violation`, a problem of `resource`.
    pub fn new(resource: &'a Invalid, violation: &'a Violation) -> Problem<'a> {
        let mut violation = violation.clone();
        if violation.position().is_none() {
            violation.set_position(resource.at);
        }
        Problem {
            resource: resource.index,
            kind: resource.kind.as_deref(),
            name: resource.name.as_deref(),
            violation,
        }
    }
}

/// Every problem, one JSON object per line (JSON Lines); nothing else.
pub fn json_lines(out: &mut impl Write, summary: &Summary) -> io::Result<()> {
    for resource in &summary.invalid {
        for violation in &resource.violations {
            serde_json::to_writer(&mut *out, &Problem::new(resource, violation))?;
            writeln!(out)?;
        }
    }
    Ok(())
}
