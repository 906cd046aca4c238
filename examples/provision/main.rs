//! Provisioning from a file: read a JSON list of mixed resources (servers, buckets, networks),
//! each naming its kind in `"type"`, check all of it, print a summary per kind and every
//! problem with its line, and exit non-zero if anything is invalid.
//!
//! ```sh
//! cargo run --example provision                      # the sample file, with a few mistakes
//! cargo run --example provision -- my-resources.json
//! cargo run --example provision -- --kinds my-kinds/ my-resources.json
//! cargo run --example provision -- --help
//! ```
//!
//! No kind is listed anywhere in this program: each model registers itself when it is defined
//! (Effective Python Item 34), and the registry finds it by name. More kinds come as JSON Schema
//! files (`--kinds`, see `kinds.rs`): loaded as runtime models at start, registered next to the
//! compiled ones, and checked alike; the sample's `Queue` is one (`examples/data/kinds/`).
//!
//! The file is read in one pass, each resource checked as it comes (see `check.rs`): the time
//! grows linearly with the file, and memory with the file's text and the problems found, not
//! with the number of valid resources.

#![forbid(unsafe_code)]

mod check;
mod kinds;
mod output;
#[path = "../resources/mod.rs"]
mod resources;

use clap::{Parser, ValueEnum};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::{self, IsTerminal, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

/// Checks a provisioning file: a JSON list of resources, each naming its kind in "type".
///
/// Prints how many resources of each kind the file holds and how many are valid, then every
/// problem of every resource, structural (a missing or unknown field, a value of the wrong
/// type, a kind that does not exist) and broken rules alike, each with its line and column in
/// the file.
#[derive(Debug, Parser)]
#[command(
    after_help = "Exit status:\n  0  every resource is valid\n  1  at least one resource has a problem\n  2  the file could not be read, is not a JSON list, a kind's file is unreadable or refused, or the arguments are wrong"
)]
struct Args {
    /// The file to check; `-` reads standard input [default: the sample,
    /// examples/data/resources.json]
    file: Option<PathBuf>,

    /// A directory of more resource kinds, one JSON Schema file (`*.json`) each, its `title`
    /// the kind's name [default: examples/data/kinds, when checking the sample]
    #[arg(long, value_name = "DIR")]
    kinds: Option<PathBuf>,

    /// How to print the problems
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,

    /// Also print every resource, one line each (kind, name, line, status), as it is read; text
    /// format only
    #[arg(long)]
    table: bool,
}

/// How to print the problems.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum Format {
    /// For people: a summary per kind, then each problem as `file:line:column: ...`
    Text,
    /// For pipelines: one JSON object per problem and per line (JSON Lines), nothing else
    Json,
}

/// Every resource valid.
const VALID: u8 = 0;
/// At least one problem.
const INVALID: u8 = 1;
/// Unreadable input.
const UNREADABLE: u8 = 2;

fn main() -> ExitCode {
    let args = Args::parse();
    let (file, text) = match read(args.file.as_deref()) {
        Ok(read) => read,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::from(UNREADABLE);
        }
    };
    let registry = model::registry();
    if let Err(error) = registry.check() {
        eprintln!("{error}");
        return ExitCode::from(UNREADABLE);
    }
    let sample_kinds = args
        .file
        .is_none()
        .then(|| PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/data/kinds")));
    if let Some(dir) = args.kinds.or(sample_kinds) {
        if let Err(message) = kinds::load(&dir) {
            eprintln!("{message}");
            return ExitCode::from(UNREADABLE);
        }
    }

    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let table = args.table && args.format == Format::Text;
    let mut written = Ok(());
    if table {
        written = output::table_header(&mut out);
    }
    let mut progress = Progress::new(text.len());
    let checked = check::check(&text, registry, |resource| {
        if table && written.is_ok() {
            written = output::table_row(&mut out, resource);
        }
        progress.at(resource.index, resource.offset);
    });
    progress.finish();
    let summary = match checked {
        Ok(summary) => summary,
        Err(error) => {
            drop(out.flush());
            eprintln!("{file}: not a JSON list of resources: {error}");
            return ExitCode::from(UNREADABLE);
        }
    };

    let verdict = if summary.invalid.is_empty() {
        VALID
    } else {
        INVALID
    };
    written = written.and_then(|()| {
        if table {
            writeln!(out)?;
        }
        match args.format {
            Format::Text => output::text(&mut out, &file, &summary),
            Format::Json => output::json_lines(&mut out, &summary),
        }
    });
    match written.and_then(|()| out.flush()) {
        // A reader that stopped early (`| head`) has what it wanted.
        Err(error) if error.kind() != io::ErrorKind::BrokenPipe => {
            eprintln!("cannot write the report: {error}");
            ExitCode::from(UNREADABLE)
        }
        _ => ExitCode::from(verdict),
    }
}

/// The name to print and the text of the file to check.
fn read(file: Option<&std::path::Path>) -> Result<(String, String), String> {
    let Some(file) = file else {
        let sample = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/data/resources.json");
        let text = std::fs::read_to_string(sample)
            .map_err(|error| format!("cannot read {sample}: {error}"))?;
        return Ok(("examples/data/resources.json".to_owned(), text));
    };
    let stdin = file.as_os_str() == "-";
    let name = if stdin {
        "<stdin>".to_owned()
    } else {
        file.display().to_string()
    };
    let mut text = String::new();
    let read = if stdin {
        io::stdin().read_to_string(&mut text).map(drop)
    } else {
        std::fs::File::open(file).and_then(|mut f| f.read_to_string(&mut text).map(drop))
    };
    // A byte order mark is no part of the JSON, and editors count no column for it.
    if text.starts_with('\u{feff}') {
        text.drain(..'\u{feff}'.len_utf8());
    }
    match read {
        Ok(()) => Ok((name, text)),
        Err(error) => Err(format!("cannot read {name}: {error}")),
    }
}

/// A progress bar on standard error, only when that is a terminal and the run takes more than
/// a moment: never in pipes, logs or tests.
struct Progress {
    total: usize,
    start: Instant,
    on_terminal: bool,
    bar: Option<ProgressBar>,
}

impl Progress {
    /// How long a run goes before a bar appears.
    const MOMENT: Duration = Duration::from_millis(300);

    fn new(total: usize) -> Progress {
        Progress {
            total,
            start: Instant::now(),
            on_terminal: io::stderr().is_terminal(),
            bar: None,
        }
    }

    /// Resource `index` starts at byte `offset`.
    fn at(&mut self, index: usize, offset: usize) {
        if !self.on_terminal || index % 1024 != 0 {
            return;
        }
        if self.bar.is_none() && self.start.elapsed() > Self::MOMENT {
            let bar = ProgressBar::with_draw_target(
                Some(self.total as u64),
                ProgressDrawTarget::stderr(),
            );
            if let Ok(style) = ProgressStyle::with_template(
                "{wide_bar} {bytes}/{total_bytes} ({bytes_per_sec}, {eta} left)",
            ) {
                bar.set_style(style);
            }
            self.bar = Some(bar);
        }
        if let Some(bar) = &self.bar {
            bar.set_position(offset as u64);
        }
    }

    fn finish(&mut self) {
        if let Some(bar) = self.bar.take() {
            bar.finish_and_clear();
        }
    }
}
