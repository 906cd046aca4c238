//! The DevOps walkthrough, in Rust: a `ServerResource` whose every instance is valid.
//!
//! The Python version builds this with a metaclass that wires `NonNegativeField` descriptors to
//! their names. Here `#[derive(Model)]` reads the rules when the crate compiles and writes the
//! constructor, builder, getters, setters and `update` for us.
//!
//! Run it with `cargo run --example quickstart`.

use model::{Error, Model, Rule, Target, ValidationErrors};

/// A percentage, 0 to 100: a reusable rule, like a Python descriptor, usable on any `u8` field of
/// any model. It holds no per-instance state.
struct Percent;

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

/// A server to provision.
#[derive(Model, Debug, Clone, PartialEq)]
#[model(check = Self::fits_host)]
pub struct ServerResource {
    /// The host name.
    #[model(length(1..=64))]
    name: String,
    /// Virtual CPUs.
    #[model(non_negative)]
    cpu_cores: i64,
    /// Memory, in GiB.
    #[model(range(1..=4096))]
    ram_gb: i64,
    /// Where it runs, such as `eu-west-1`.
    #[model(length(2..=32), pattern("^[a-z]+-[a-z]+-[0-9]+$"))]
    region: String,
    /// Free-form labels.
    #[model(length(..=16), each(length(1..=32)))]
    tags: Vec<String>,
    /// The inventory number: set once, never changed.
    #[model(readonly)]
    id: u64,
    /// Whether the server takes traffic.
    #[model(default = true)]
    enabled: bool,
    /// Current load, in percent.
    #[model(with = Percent)]
    load: u8,
}

impl ServerResource {
    /// A host gives at most 256 GiB of RAM per core (a server with no cores counts as one).
    fn fits_host(&self) -> Result<(), Error> {
        if self.ram_gb <= self.cpu_cores.max(1) * 256 {
            Ok(())
        } else {
            Err(Error::new(
                "fits_host",
                "needs at most 256 GiB of RAM per core (cores: {cores}, RAM: {ram} GiB)",
            )
            .with_param("cores", self.cpu_cores)
            .with_param("ram", self.ram_gb))
        }
    }
}

/// Prints a report, one violation per line, indented.
fn print_report(errors: &ValidationErrors) {
    for violation in errors {
        let path = violation.path().to_string();
        let path = if path.is_empty() {
            "(the whole server)".to_string()
        } else {
            path
        };
        println!(
            "     - {path}: {}  [code `{}`]",
            violation.message(),
            violation.code()
        );
    }
}

fn show(server: &ServerResource) -> String {
    format!(
        "{} ({} cores, {} GiB, {}, tags {:?}, id {}, enabled {}, load {}%)",
        server.name(),
        server.cpu_cores(),
        server.ram_gb(),
        server.region(),
        server.tags(),
        server.id(),
        server.enabled(),
        server.load()
    )
}

fn main() -> Result<(), ValidationErrors> {
    println!("== 1. A valid server ==");
    let mut web =
        ServerResource::new("web-1", 4, 16, "eu-west-1", vec!["prod".to_string()], 7, 35)?;
    println!("   Created: {}", show(&web));
    println!("   `enabled` was not passed: it took its default.");

    println!();
    println!("== 2. An invalid value is caught, and named ==");
    println!("   Python: ServerResource(cpu=-4, ram=16) raises \"cpu_cores cannot be negative\".");
    match ServerResource::new("web-2", -4, 16, "eu-west-1", vec![], 8, 35) {
        Ok(server) => println!("   Unexpectedly valid: {}", show(&server)),
        Err(error) => println!("   Caught expected error: {error}"),
    }

    println!();
    println!("== 3. A failed set changes nothing ==");
    println!("   Before: ram_gb = {}", web.ram_gb());
    match web.set_ram_gb(0) {
        Ok(()) => println!("   Unexpectedly accepted ram_gb = 0"),
        Err(error) => println!("   set_ram_gb(0) refused: {error}"),
    }
    println!("   After:  ram_gb = {} (unchanged)", web.ram_gb());
    println!("   The struct check guards setters too:");
    match web.set_ram_gb(4096) {
        Ok(()) => println!("   Unexpectedly accepted ram_gb = 4096"),
        Err(error) => println!("   set_ram_gb(4096) refused: {error}"),
    }
    println!("   Still:  ram_gb = {}", web.ram_gb());
    web.set_ram_gb(64)?;
    println!("   set_ram_gb(64) accepted: ram_gb = {}", web.ram_gb());

    println!();
    println!("== 4. Every mistake at once, in declaration order ==");
    let many = ServerResource::new(
        "",
        -2,
        8192,
        "Mars",
        vec!["prod".to_string(), String::new()],
        9,
        140,
    );
    if let Err(report) = many {
        println!("   {} problems:", report.len());
        print_report(&report);
        println!("   (the struct check `fits_host` runs only once every field is valid)");
    }

    println!();
    println!("== 5. The builder: fields by name ==");
    let db = ServerResource::builder()
        .name("db-1")
        .cpu_cores(16)
        .ram_gb(512)
        .region("us-east-2")
        .tags(vec!["db".to_string(), "primary".to_string()])
        .id(42)
        .load(80)
        .enabled(false)
        .build()?;
    println!("   Built: {}", show(&db));
    let partial = ServerResource::builder()
        .name("cache-1")
        .cpu_cores(-1)
        .region("eu-west-1")
        .build();
    if let Err(report) = partial {
        println!("   A half-filled builder reports what is missing and what is wrong, together:");
        print_report(&report);
    }

    println!();
    println!("== 6. update(): several fields, all or nothing ==");
    println!("   Before: {} cores, {} GiB", web.cpu_cores(), web.ram_gb());
    // Alone, 1024 GiB would not fit 4 cores; with 8 cores it does. Both change together.
    web.update(|draft| {
        draft.set_cpu_cores(8).set_ram_gb(1024);
    })?;
    println!(
        "   update(cpu_cores = 8, ram_gb = 1024) committed: {} cores, {} GiB",
        web.cpu_cores(),
        web.ram_gb()
    );
    let refused = web.update(|draft| {
        draft.set_load(50).set_cpu_cores(1);
    });
    if let Err(error) = refused {
        println!("   update(load = 50, cpu_cores = 1) refused: {error}");
    }
    println!(
        "   After the refused update: {} cores, {} GiB, load {}% (nothing changed, not even load)",
        web.cpu_cores(),
        web.ram_gb(),
        web.load()
    );

    println!();
    println!("== 7. The metadata, without an instance ==");
    let meta = ServerResource::meta();
    println!("   {}: {}", meta.name(), meta.documentation());
    for field in meta.field_list() {
        let rules: Vec<String> = field
            .rule_list()
            .iter()
            .map(|rule| {
                let each = match rule.target() {
                    Target::Value => "",
                    Target::Each => "each ",
                    Target::Keys => "each key ",
                    Target::Values => "each value ",
                };
                if rule.source().is_empty() {
                    format!("{each}{}", rule.name())
                } else {
                    format!("{each}{}({})", rule.name(), rule.source())
                }
            })
            .collect();
        let mut flags = Vec::new();
        if field.is_readonly() {
            flags.push("read-only");
        }
        if field.is_default() {
            flags.push("has a default");
        }
        let line = format!(
            "   - {:<10} {:<12} {:<52} {}",
            field.name(),
            field.ty(),
            rules.join(", "),
            flags.join(", ")
        );
        println!("{}", line.trim_end());
    }
    Ok(())
}
