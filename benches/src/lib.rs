//! One model, five implementations, shared by `benches/validation.rs`,
//! `benches/tests/equivalence.rs` and `benches/tests/allocations.rs`.
//!
//! `ServerResource`: `name` 1..=64 characters, `cpu_cores >= 0`, `ram_gb` 1..=4096, `region`
//! 2..=32 characters, `tags` at most 16 items of 1..=32 characters each, `enabled` unchecked.
//! Every implementation counts characters (Unicode scalar values), not bytes.
//!
//! Each module offers the same functions, so that callers can treat them alike:
//! `new(Fields) -> Result<ServerResource, E>` (build from owned fields, then validate),
//! `count(&E) -> usize` (how many violations `E` holds), and `ServerResource` itself.

/// The fields of a `ServerResource`, as owned values, before any validation.
#[derive(Clone, Debug, PartialEq)]
pub struct Fields {
    pub name: String,
    pub cpu_cores: i64,
    pub ram_gb: i64,
    pub region: String,
    pub tags: Vec<String>,
    pub enabled: bool,
}

/// A document with three structural mistakes (`cpu_cores` a string, `enabled` missing, an
/// unknown `colour`) and three broken rules (`name` empty, `ram_gb` 0, `region` too short).
pub const MIXED: &str =
    r#"{"name":"","cpu_cores":"four","ram_gb":0,"region":"x","tags":["prod"],"colour":"red"}"#;

impl Fields {
    /// A valid server.
    pub fn valid() -> Fields {
        Fields {
            name: "web-server-01".to_owned(),
            cpu_cores: 4,
            ram_gb: 16,
            region: "eu-west-1".to_owned(),
            tags: vec!["prod".to_owned(), "web".to_owned(), "eu".to_owned()],
            enabled: true,
        }
    }

    /// Three invalid top-level fields: an empty `name`, negative `cpu_cores`, `ram_gb` 0.
    pub fn invalid() -> Fields {
        Fields {
            name: String::new(),
            cpu_cores: -4,
            ram_gb: 0,
            ..Fields::valid()
        }
    }
}

impl Fields {
    /// The fields as JSON, as every implementation reads them.
    pub fn to_json(&self) -> String {
        let plain = floor::ServerResource {
            name: self.name.clone(),
            cpu_cores: self.cpu_cores,
            ram_gb: self.ram_gb,
            region: self.region.clone(),
            tags: self.tags.clone(),
            enabled: self.enabled,
        };
        serde_json::to_string(&plain).expect("plain data serializes")
    }

    /// The fields as JSON with `"type": "ServerResource"` first, as the registry reads them.
    pub fn to_tagged_json(&self) -> String {
        format!("{{\"type\":\"ServerResource\",{}", &self.to_json()[1..])
    }
}

/// The characters of `text`, as every implementation counts them.
#[inline]
fn chars(text: &str) -> usize {
    text.chars().count()
}

/// (a) Hand-written checks that stop at the first violation and name its field: the floor.
pub mod floor {
    use super::{chars, Fields};

    /// The plain struct: no validation of its own.
    #[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
    pub struct ServerResource {
        pub name: String,
        pub cpu_cores: i64,
        pub ram_gb: i64,
        pub region: String,
        pub tags: Vec<String>,
        pub enabled: bool,
    }

    /// The first broken rule: its field (`tags[]` for an item of `tags`).
    pub type Invalid = &'static str;

    /// Checks every rule, returning at the first violation.
    #[inline]
    pub fn validate(s: &ServerResource) -> Result<(), Invalid> {
        if !(1..=64).contains(&chars(&s.name)) {
            return Err("name");
        }
        if s.cpu_cores < 0 {
            return Err("cpu_cores");
        }
        if !(1..=4096).contains(&s.ram_gb) {
            return Err("ram_gb");
        }
        if !(2..=32).contains(&chars(&s.region)) {
            return Err("region");
        }
        if s.tags.len() > 16 {
            return Err("tags");
        }
        for tag in &s.tags {
            if !(1..=32).contains(&chars(tag)) {
                return Err("tags[]");
            }
        }
        Ok(())
    }

    /// Builds and validates.
    #[inline]
    pub fn new(f: Fields) -> Result<ServerResource, Invalid> {
        let s = ServerResource {
            name: f.name,
            cpu_cores: f.cpu_cores,
            ram_gb: f.ram_gb,
            region: f.region,
            tags: f.tags,
            enabled: f.enabled,
        };
        validate(&s).map(|()| s)
    }

    /// One violation at most.
    pub fn count(_: &Invalid) -> usize {
        1
    }
}

/// (b) Hand-written checks that collect every violation, with its path, code and numbers.
pub mod collect {
    use super::{chars, Fields};

    pub use super::floor::ServerResource;

    /// Where a violation is: a field, and an index inside it for list items.
    #[derive(Clone, Debug, PartialEq)]
    pub struct Path {
        pub field: &'static str,
        pub index: Option<usize>,
    }

    /// One broken rule: where, which rule, its bounds and the offending number (a length for
    /// text and lists).
    #[derive(Clone, Debug, PartialEq)]
    pub struct Violation {
        pub path: Path,
        pub code: &'static str,
        pub min: i64,
        pub max: i64,
        pub got: i64,
    }

    /// Every violation, in declaration order.
    pub type Violations = Vec<Violation>;

    fn push(
        errors: &mut Violations,
        field: &'static str,
        index: Option<usize>,
        code: &'static str,
        (min, max): (i64, i64),
        got: i64,
    ) {
        errors.push(Violation {
            path: Path { field, index },
            code,
            min,
            max,
            got,
        });
    }

    fn length(
        errors: &mut Violations,
        field: &'static str,
        index: Option<usize>,
        text: &str,
        (min, max): (usize, usize),
    ) {
        let n = chars(text);
        if !(min..=max).contains(&n) {
            push(
                errors,
                field,
                index,
                "length",
                (min as i64, max as i64),
                n as i64,
            );
        }
    }

    /// The field rules, violations appended to `errors`.
    #[inline]
    pub fn check_fields(s: &ServerResource, errors: &mut Violations) {
        length(errors, "name", None, &s.name, (1, 64));
        if s.cpu_cores < 0 {
            push(
                errors,
                "cpu_cores",
                None,
                "non_negative",
                (0, i64::MAX),
                s.cpu_cores,
            );
        }
        if !(1..=4096).contains(&s.ram_gb) {
            push(errors, "ram_gb", None, "range", (1, 4096), s.ram_gb);
        }
        length(errors, "region", None, &s.region, (2, 32));
        if s.tags.len() > 16 {
            push(errors, "tags", None, "length", (0, 16), s.tags.len() as i64);
        }
        for (i, tag) in s.tags.iter().enumerate() {
            length(errors, "tags", Some(i), tag, (1, 32));
        }
    }

    /// Checks every rule, returning every violation.
    #[inline]
    pub fn validate(s: &ServerResource) -> Result<(), Violations> {
        let mut errors = Violations::new();
        check_fields(s, &mut errors);
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }

    /// Builds and validates.
    #[inline]
    pub fn new(f: Fields) -> Result<ServerResource, Violations> {
        let s = ServerResource {
            name: f.name,
            cpu_cores: f.cpu_cores,
            ram_gb: f.ram_gb,
            region: f.region,
            tags: f.tags,
            enabled: f.enabled,
        };
        validate(&s).map(|()| s)
    }

    /// How many violations.
    pub fn count(errors: &Violations) -> usize {
        errors.len()
    }

    /// The checked setter: the new `ram_gb` is stored only if it is in range.
    #[inline]
    pub fn set_ram_gb(s: &mut ServerResource, value: i64) -> Result<(), Violations> {
        if !(1..=4096).contains(&value) {
            let mut errors = Violations::new();
            push(&mut errors, "ram_gb", None, "range", (1, 4096), value);
            return Err(errors);
        }
        s.ram_gb = value;
        Ok(())
    }

    /// The same model with the struct-level rule `ram_gb <= cpu_cores * 256`.
    pub mod checked {
        use super::{push, Violations};

        pub use super::ServerResource;

        /// The struct-level rule on a candidate state, checked when the fields are valid.
        #[inline]
        pub fn fits_host(cpu_cores: i64, ram_gb: i64, errors: &mut Violations) {
            if ram_gb > cpu_cores * 256 {
                push(errors, "", None, "fits_host", (0, cpu_cores * 256), ram_gb);
            }
        }

        /// Every field rule, then (if they hold) the struct-level rule.
        #[inline]
        pub fn validate(s: &ServerResource) -> Result<(), Violations> {
            let mut errors = Violations::new();
            super::check_fields(s, &mut errors);
            if errors.is_empty() {
                fits_host(s.cpu_cores, s.ram_gb, &mut errors);
            }
            if errors.is_empty() {
                Ok(())
            } else {
                Err(errors)
            }
        }

        /// The checked setter: range, then the struct-level rule on the candidate, then store.
        #[inline]
        pub fn set_ram_gb(s: &mut ServerResource, value: i64) -> Result<(), Violations> {
            let mut errors = Violations::new();
            if !(1..=4096).contains(&value) {
                push(&mut errors, "ram_gb", None, "range", (1, 4096), value);
                return Err(errors);
            }
            fits_host(s.cpu_cores, value, &mut errors);
            if !errors.is_empty() {
                return Err(errors);
            }
            s.ram_gb = value;
            Ok(())
        }
    }
}

/// (c) `#[derive(model::Model)]`.
pub mod with_model {
    use super::Fields;
    use model::{Error, Model, ValidationErrors};

    #[derive(Model, Clone, Debug, PartialEq)]
    pub struct ServerResource {
        #[model(length(1..=64))]
        name: String,
        #[model(non_negative)]
        cpu_cores: i64,
        #[model(range(1..=4096))]
        ram_gb: i64,
        #[model(length(2..=32))]
        region: String,
        #[model(length(..=16), each(length(1..=32)))]
        tags: Vec<String>,
        enabled: bool,
    }

    /// Builds through the generated constructor.
    #[inline]
    pub fn new(f: Fields) -> Result<ServerResource, ValidationErrors> {
        ServerResource::new(f.name, f.cpu_cores, f.ram_gb, f.region, f.tags, f.enabled)
    }

    /// How many violations.
    pub fn count(errors: &ValidationErrors) -> usize {
        errors.len()
    }

    /// The same model with the struct-level check `ram_gb <= cpu_cores * 256`.
    #[derive(Model, Clone, Debug, PartialEq)]
    #[model(check = Self::fits_host)]
    pub struct CheckedServerResource {
        #[model(length(1..=64))]
        name: String,
        #[model(non_negative)]
        cpu_cores: i64,
        #[model(range(1..=4096))]
        ram_gb: i64,
        #[model(length(2..=32))]
        region: String,
        #[model(length(..=16), each(length(1..=32)))]
        tags: Vec<String>,
        enabled: bool,
    }

    impl CheckedServerResource {
        fn fits_host(&self) -> Result<(), Error> {
            if self.ram_gb <= self.cpu_cores * 256 {
                Ok(())
            } else {
                Err(Error::new(
                    "fits_host",
                    "needs at most 256 GiB of RAM per core",
                ))
            }
        }
    }

    /// Builds the checked model through the generated constructor.
    #[inline]
    pub fn new_checked(f: Fields) -> Result<CheckedServerResource, ValidationErrors> {
        CheckedServerResource::new(f.name, f.cpu_cores, f.ram_gb, f.region, f.tags, f.enabled)
    }

    /// Validates an instance (always valid when built through the API).
    #[inline]
    pub fn validate(s: &ServerResource) -> Result<(), ValidationErrors> {
        Model::validate(s)
    }
}

/// (d) `#[derive(garde::Validate)]`, `length(chars, ..)` for character counts.
pub mod with_garde {
    use super::Fields;
    use garde::{Report, Validate};

    #[derive(Validate, Clone, Debug, PartialEq, serde::Deserialize)]
    pub struct ServerResource {
        #[garde(length(chars, min = 1, max = 64))]
        pub name: String,
        #[garde(range(min = 0))]
        pub cpu_cores: i64,
        #[garde(range(min = 1, max = 4096))]
        pub ram_gb: i64,
        #[garde(length(chars, min = 2, max = 32))]
        pub region: String,
        #[garde(length(max = 16), inner(length(chars, min = 1, max = 32)))]
        pub tags: Vec<String>,
        #[garde(skip)]
        pub enabled: bool,
    }

    /// Builds and validates.
    #[inline]
    pub fn new(f: Fields) -> Result<ServerResource, Report> {
        let s = ServerResource {
            name: f.name,
            cpu_cores: f.cpu_cores,
            ram_gb: f.ram_gb,
            region: f.region,
            tags: f.tags,
            enabled: f.enabled,
        };
        s.validate().map(|()| s)
    }

    /// How many violations.
    pub fn count(report: &Report) -> usize {
        report.iter().count()
    }

    /// What a garde user writes for a checked setter: assign, validate the whole struct, and
    /// put the old value back on failure.
    #[inline]
    pub fn set_ram_gb(s: &mut ServerResource, value: i64) -> Result<(), Report> {
        let old = std::mem::replace(&mut s.ram_gb, value);
        s.validate().inspect_err(|_| s.ram_gb = old)
    }
}

/// (e) `#[derive(validator::Validate)]`. `validator` has no rule for the items of a
/// `Vec<String>`, so the tag lengths are a `custom` function; it reports the first bad tag
/// only (one error for the field, not one per item).
pub mod with_validator {
    use super::{chars, Fields};
    use validator::{Validate, ValidationError, ValidationErrors, ValidationErrorsKind};

    #[derive(Validate, Clone, Debug, PartialEq, serde::Deserialize)]
    pub struct ServerResource {
        #[validate(length(min = 1, max = 64))]
        pub name: String,
        #[validate(range(min = 0))]
        pub cpu_cores: i64,
        #[validate(range(min = 1, max = 4096))]
        pub ram_gb: i64,
        #[validate(length(min = 2, max = 32))]
        pub region: String,
        #[validate(length(max = 16), custom(function = "tag_lengths"))]
        pub tags: Vec<String>,
        pub enabled: bool,
    }

    fn tag_lengths(tags: &[String]) -> Result<(), ValidationError> {
        if tags.iter().all(|tag| (1..=32).contains(&chars(tag))) {
            Ok(())
        } else {
            Err(ValidationError::new("tag_length"))
        }
    }

    /// Builds and validates.
    #[inline]
    pub fn new(f: Fields) -> Result<ServerResource, ValidationErrors> {
        let s = ServerResource {
            name: f.name,
            cpu_cores: f.cpu_cores,
            ram_gb: f.ram_gb,
            region: f.region,
            tags: f.tags,
            enabled: f.enabled,
        };
        s.validate().map(|()| s)
    }

    /// How many violations (every error of every field).
    pub fn count(errors: &ValidationErrors) -> usize {
        errors
            .errors()
            .values()
            .map(|kind| match kind {
                ValidationErrorsKind::Field(list) => list.len(),
                _ => 0,
            })
            .sum()
    }

    /// What a validator user writes for a checked setter: assign, validate the whole struct,
    /// and put the old value back on failure.
    #[inline]
    pub fn set_ram_gb(s: &mut ServerResource, value: i64) -> Result<(), ValidationErrors> {
        let old = std::mem::replace(&mut s.ram_gb, value);
        s.validate().inspect_err(|_| s.ram_gb = old)
    }
}

/// `with_model::ServerResource` defined at run time (`model::dynamic`), for
/// `benches/dynamic.rs` and `benches/instructions.rs`: the same fields and rules.
pub mod runtime {
    use model::dynamic::{Definition, Field, FieldRule, Int, Kind, RuntimeModel};
    use std::sync::OnceLock;

    /// The model, built once.
    pub fn server() -> &'static RuntimeModel {
        static MODEL: OnceLock<&'static RuntimeModel> = OnceLock::new();
        MODEL.get_or_init(|| {
            Definition::new("BenchServer")
                .field(Field::new("name", Kind::Text).rule(FieldRule::length(1, 64)))
                .field(
                    Field::new("cpu_cores", Kind::Integer(Int::I64)).rule(FieldRule::NonNegative),
                )
                .field(
                    Field::new("ram_gb", Kind::Integer(Int::I64)).rule(FieldRule::range(1, 4096)),
                )
                .field(Field::new("region", Kind::Text).rule(FieldRule::length(2, 32)))
                .field(Field::new("tags", Kind::list(Kind::Text)).rules([
                    FieldRule::Length {
                        min: None,
                        max: Some(16),
                    },
                    FieldRule::Each(vec![FieldRule::length(1, 32)]),
                ]))
                .field(Field::new("enabled", Kind::Bool))
                .build()
                .expect("a valid definition")
        })
    }
}
