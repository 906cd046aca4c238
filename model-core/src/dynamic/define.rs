//! The description of a runtime model: [`Definition`], [`Field`], [`Kind`] and [`FieldRule`],
//! plain data checked once by [`Definition::build`].

use super::error::DefineErrors;
use super::model::RuntimeModel;
use crate::error::Error;
use crate::value::Value;
use std::fmt;
use std::ops::Bound;
use std::sync::Arc;

/// The width and sign of an integer field: the formats of JSON Schema and OpenAPI.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Int {
    /// `int8`: -128 to 127.
    I8,
    /// `int16`.
    I16,
    /// `int32`.
    I32,
    /// `int64`.
    I64,
    /// `uint8`: 0 to 255.
    U8,
    /// `uint16`.
    U16,
    /// `uint32`.
    U32,
    /// `uint64`.
    U64,
}

impl Int {
    /// The format's name: `int8` ... `uint64`, as [`Shape::Integer`](crate::Shape) writes it.
    pub const fn format(self) -> &'static str {
        match self {
            Int::I8 => "int8",
            Int::I16 => "int16",
            Int::I32 => "int32",
            Int::I64 => "int64",
            Int::U8 => "uint8",
            Int::U16 => "uint16",
            Int::U32 => "uint32",
            Int::U64 => "uint64",
        }
    }

    /// The Rust type of the format: `i8` ... `u64`, as the errors of compiled models name it.
    pub const fn rust_name(self) -> &'static str {
        match self {
            Int::I8 => "i8",
            Int::I16 => "i16",
            Int::I32 => "i32",
            Int::I64 => "i64",
            Int::U8 => "u8",
            Int::U16 => "u16",
            Int::U32 => "u32",
            Int::U64 => "u64",
        }
    }

    /// The format called `name` (`int32`, `uint8`...); `int` is `int64` and `uint` is `uint64`.
    pub fn from_format(name: &str) -> Option<Int> {
        Some(match name {
            "int8" => Int::I8,
            "int16" => Int::I16,
            "int32" => Int::I32,
            "int64" | "int" => Int::I64,
            "uint8" => Int::U8,
            "uint16" => Int::U16,
            "uint32" => Int::U32,
            "uint64" | "uint" => Int::U64,
            _ => return None,
        })
    }

    /// Whether the values are unsigned (stored as `u64`, others as `i64`).
    pub const fn is_unsigned(self) -> bool {
        matches!(self, Int::U8 | Int::U16 | Int::U32 | Int::U64)
    }

    /// The smallest value.
    pub const fn min(self) -> i64 {
        match self {
            Int::I8 => i8::MIN as i64,
            Int::I16 => i16::MIN as i64,
            Int::I32 => i32::MIN as i64,
            Int::I64 => i64::MIN,
            _ => 0,
        }
    }

    /// The largest value.
    pub const fn max(self) -> u64 {
        match self {
            Int::I8 => i8::MAX as u64,
            Int::I16 => i16::MAX as u64,
            Int::I32 => i32::MAX as u64,
            Int::I64 => i64::MAX as u64,
            Int::U8 => u8::MAX as u64,
            Int::U16 => u16::MAX as u64,
            Int::U32 => u32::MAX as u64,
            Int::U64 => u64::MAX,
        }
    }
}

/// The type of a field's values.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub enum Kind {
    /// `true` or `false`.
    Bool,
    /// A whole number of the given format.
    Integer(Int),
    /// A floating-point number (`f64`; JSON Schema `number`). Never NaN nor infinite.
    Float,
    /// Text.
    Text,
    /// A list of values of one kind (JSON array).
    List(Box<Kind>),
    /// A map from text keys to values of one kind (JSON object with `additionalProperties`).
    Map(Box<Kind>),
    /// A value of the inner kind, or null. An optional field is not required: missing, it is
    /// null. Its rules apply to the inner value.
    Optional(Box<Kind>),
    /// A nested runtime model (already built).
    Model(&'static RuntimeModel),
    /// Any value (a JSON Schema of `{}`), kept as a [`Value`]: null, booleans, numbers
    /// (finite), text, lists and maps (keys once each). Only `check` rules apply to it.
    Any,
    /// A nested compiled model (feature `json`): `Kind::Compiled(CompiledModel::of::<T>())`.
    #[cfg(feature = "json")]
    Compiled(super::CompiledModel),
}

impl Kind {
    /// Whether values of the kind may hold models (records or compiled models), which
    /// validating checks in turn.
    pub(crate) fn nests(&self) -> bool {
        match self {
            Kind::Model(_) => true,
            #[cfg(feature = "json")]
            Kind::Compiled(_) => true,
            Kind::List(inner) | Kind::Map(inner) | Kind::Optional(inner) => inner.nests(),
            _ => false,
        }
    }

    /// A list of `item`.
    pub fn list(item: Kind) -> Kind {
        Kind::List(Box::new(item))
    }

    /// A map of text to `value`.
    pub fn map(value: Kind) -> Kind {
        Kind::Map(Box::new(value))
    }

    /// `inner`, or null.
    pub fn optional(inner: Kind) -> Kind {
        Kind::Optional(Box::new(inner))
    }

    /// A short name of the kind, as errors and [`FieldMeta::ty`](crate::FieldMeta::ty) show it:
    /// `bool`, `int32`, `float`, `string`, `list<string>`, `map<int64>`, `optional<bool>`, or
    /// the nested model's name.
    pub fn name(&self) -> String {
        match self {
            Kind::Bool => "bool".into(),
            Kind::Integer(int) => int.format().into(),
            Kind::Float => "float".into(),
            Kind::Text => "string".into(),
            Kind::List(item) => format!("list<{}>", item.name()),
            Kind::Map(value) => format!("map<{}>", value.name()),
            Kind::Optional(inner) => format!("optional<{}>", inner.name()),
            Kind::Model(model) => model.name().into(),
            Kind::Any => "any".into(),
            #[cfg(feature = "json")]
            Kind::Compiled(model) => model.meta().name().into(),
        }
    }

    /// The kind without `Optional` around it.
    pub fn required(&self) -> &Kind {
        match self {
            Kind::Optional(inner) => inner.required(),
            other => other,
        }
    }
}

/// A check written as a function of a field's value, given as a [`Value`].
pub type ValueCheck = Arc<dyn Fn(&Value) -> Result<(), Error> + Send + Sync>;

/// A check of a whole record (a struct-level check), given the record.
pub type RecordCheck = Arc<dyn Fn(&super::Record) -> Result<(), Error> + Send + Sync>;

/// A rule on a field: the same rules as `#[model(...)]` on a compiled field, applied through the
/// same rule types ([`crate::rules`]), so codes, messages and parameters are identical.
///
/// Rules that do not fit the field's kind (`length` on an integer) are refused by
/// [`Definition::build`].
#[derive(Clone)]
#[non_exhaustive]
pub enum FieldRule {
    /// `length`: characters of text, items of a list or a map ([`rules::Length`](crate::rules::Length)).
    Length {
        /// The fewest (inclusive), if bounded.
        min: Option<usize>,
        /// The most (inclusive), if bounded.
        max: Option<usize>,
    },
    /// `length(bytes = ..)`: bytes of text ([`rules::ByteLength`](crate::rules::ByteLength)).
    ByteLength {
        /// The fewest (inclusive), if bounded.
        min: Option<usize>,
        /// The most (inclusive), if bounded.
        max: Option<usize>,
    },
    /// `non_empty`: text or a collection with something in it.
    NonEmpty,
    /// `range`: a number between bounds ([`rules::Range`](crate::rules::Range)). Bounds are
    /// numbers ([`Value::Int`], [`Value::UInt`] or [`Value::Float`]) that must fit the field's
    /// kind (a float bound on an integer field is refused unless it is whole).
    Range {
        /// The lower bound.
        min: Bound<Value>,
        /// The upper bound.
        max: Bound<Value>,
    },
    /// `non_negative`: a number ≥ 0.
    NonNegative,
    /// `positive`: a number > 0.
    Positive,
    /// `one_of`: a value among these (text for text fields, numbers for numbers, booleans).
    OneOf(Vec<Value>),
    /// `pattern`: text matching the regular expression (feature `regex`); an expression that
    /// does not compile is refused.
    Pattern(String),
    /// `email`: an e-mail address (feature `email`).
    Email,
    /// `url`: a URL (feature `url`).
    Url,
    /// `contains`: text containing this.
    Contains(String),
    /// `prefix`: text starting with this.
    Prefix(String),
    /// `suffix`: text ending with this.
    Suffix(String),
    /// `ascii`: ASCII text.
    Ascii,
    /// `alphanumeric`: letters and digits only.
    Alphanumeric,
    /// `each(...)`: rules on every item of a list (or every value of a map).
    Each(Vec<FieldRule>),
    /// `keys(...)`: rules on every key of a map (keys are text).
    Keys(Vec<FieldRule>),
    /// `values(...)`: rules on every value of a map.
    Values(Vec<FieldRule>),
    /// `check = f`: a function of the value. Its error is reported as it is.
    Check {
        /// The function's name, as metadata shows it.
        name: String,
        /// The function.
        check: ValueCheck,
    },
    /// A rule with a custom message template (`message = "..."`), which may name the rule's
    /// parameters: `{min}`, `{value}`...
    Message {
        /// The rule.
        rule: Box<FieldRule>,
        /// The template.
        message: String,
    },
}

impl FieldRule {
    /// `length(min..=max)`.
    pub fn length(min: usize, max: usize) -> FieldRule {
        FieldRule::Length {
            min: Some(min),
            max: Some(max),
        }
    }

    /// `range(min..=max)` over integers.
    pub fn range(min: i64, max: i64) -> FieldRule {
        FieldRule::Range {
            min: Bound::Included(Value::Int(min)),
            max: Bound::Included(Value::Int(max)),
        }
    }

    /// `check = name`: the function `check` of the field's value.
    pub fn check(
        name: impl Into<String>,
        check: impl Fn(&Value) -> Result<(), Error> + Send + Sync + 'static,
    ) -> FieldRule {
        FieldRule::Check {
            name: name.into(),
            check: Arc::new(check),
        }
    }

    /// This rule with the custom message template `message`.
    pub fn message(self, message: impl Into<String>) -> FieldRule {
        FieldRule::Message {
            rule: Box::new(self),
            message: message.into(),
        }
    }

    /// The rule's name, as in `#[model(...)]`: `length`, `range`, `each`...
    pub fn name(&self) -> &'static str {
        match self {
            FieldRule::Length { .. } | FieldRule::ByteLength { .. } => "length",
            FieldRule::NonEmpty => "non_empty",
            FieldRule::Range { .. } => "range",
            FieldRule::NonNegative => "non_negative",
            FieldRule::Positive => "positive",
            FieldRule::OneOf(_) => "one_of",
            FieldRule::Pattern(_) => "pattern",
            FieldRule::Email => "email",
            FieldRule::Url => "url",
            FieldRule::Contains(_) => "contains",
            FieldRule::Prefix(_) => "prefix",
            FieldRule::Suffix(_) => "suffix",
            FieldRule::Ascii => "ascii",
            FieldRule::Alphanumeric => "alphanumeric",
            FieldRule::Each(_) => "each",
            FieldRule::Keys(_) => "keys",
            FieldRule::Values(_) => "values",
            FieldRule::Check { .. } => "check",
            FieldRule::Message { rule, .. } => rule.name(),
        }
    }
}

impl fmt::Debug for FieldRule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FieldRule::Length { min, max } => write!(f, "Length({min:?}, {max:?})"),
            FieldRule::ByteLength { min, max } => write!(f, "ByteLength({min:?}, {max:?})"),
            FieldRule::Range { min, max } => write!(f, "Range({min:?}, {max:?})"),
            FieldRule::OneOf(values) => write!(f, "OneOf({values:?})"),
            FieldRule::Pattern(text)
            | FieldRule::Contains(text)
            | FieldRule::Prefix(text)
            | FieldRule::Suffix(text) => write!(f, "{}({text:?})", self.name()),
            FieldRule::Each(rules) | FieldRule::Keys(rules) | FieldRule::Values(rules) => {
                write!(f, "{}({rules:?})", self.name())
            }
            FieldRule::Check { name, .. } => write!(f, "check({name})"),
            FieldRule::Message { rule, message } => write!(f, "{rule:?} message {message:?}"),
            other => f.write_str(other.name()),
        }
    }
}

/// One field of a runtime model. Its `Debug` shows a secret field's default as `[redacted]`.
#[derive(Clone)]
pub struct Field {
    pub(crate) name: String,
    pub(crate) rename: Option<String>,
    pub(crate) kind: Kind,
    pub(crate) rules: Vec<FieldRule>,
    pub(crate) default: Option<Value>,
    pub(crate) readonly: bool,
    pub(crate) secret: bool,
    pub(crate) doc: String,
}

impl Field {
    /// A required field called `name` of kind `kind`, without rules.
    pub fn new(name: impl Into<String>, kind: Kind) -> Field {
        Field {
            name: name.into(),
            rename: None,
            kind,
            rules: Vec::new(),
            default: None,
            readonly: false,
            secret: false,
            doc: String::new(),
        }
    }

    /// Adds a rule.
    pub fn rule(mut self, rule: FieldRule) -> Field {
        self.rules.push(rule);
        self
    }

    /// Adds rules.
    pub fn rules(mut self, rules: impl IntoIterator<Item = FieldRule>) -> Field {
        self.rules.extend(rules);
        self
    }

    /// The value when input lacks the field: the field is then not required. The default must
    /// be of the field's kind and pass its rules.
    pub fn default(mut self, value: impl Into<Value>) -> Field {
        self.default = Some(value.into());
        self
    }

    /// Set at construction, never changed by `set` or `update`.
    pub fn readonly(mut self) -> Field {
        self.readonly = true;
        self
    }

    /// Redacted from `Debug`, error parameters and get-by-name (`[redacted]`).
    pub fn secret(mut self) -> Field {
        self.secret = true;
        self
    }

    /// The external name (in input, output and paths), when it differs from the field's name;
    /// both names work with `get` and `set`.
    pub fn rename(mut self, external: impl Into<String>) -> Field {
        self.rename = Some(external.into());
        self
    }

    /// The documentation.
    pub fn doc(mut self, doc: impl Into<String>) -> Field {
        self.doc = doc.into();
        self
    }

    /// The external name: the rename, or else the name.
    pub fn external_name(&self) -> &str {
        self.rename.as_deref().unwrap_or(&self.name)
    }

    /// The field's own name (its identifier).
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The kind of its values.
    pub fn kind(&self) -> &Kind {
        &self.kind
    }

    /// Its rules, in order.
    pub fn rule_list(&self) -> &[FieldRule] {
        &self.rules
    }

    /// Its default value.
    pub fn default_value(&self) -> Option<&Value> {
        self.default.as_ref()
    }

    /// Whether it is read-only.
    pub fn is_readonly(&self) -> bool {
        self.readonly
    }

    /// Whether it is secret.
    pub fn is_secret(&self) -> bool {
        self.secret
    }

    /// Its documentation.
    pub fn documentation(&self) -> &str {
        &self.doc
    }
}

impl fmt::Debug for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let redacted = Value::REDACTED;
        let default = match &self.default {
            Some(_) if self.secret => Some(&redacted),
            other => other.as_ref(),
        };
        f.debug_struct("Field")
            .field("name", &self.name)
            .field("rename", &self.rename)
            .field("kind", &self.kind)
            .field("rules", &self.rules)
            .field("default", &default)
            .field("readonly", &self.readonly)
            .field("secret", &self.secret)
            .field("doc", &self.doc)
            .finish()
    }
}

/// The definition of a runtime model: its name, fields and struct-level checks. Build it into a
/// [`RuntimeModel`] with [`Definition::build`].
///
/// ```
/// use model_core::dynamic::{Definition, Field, FieldRule, Int, Kind};
///
/// let server = Definition::new("Server")
///     .field(Field::new("name", Kind::Text).rule(FieldRule::length(1, 64)))
///     .field(Field::new("cpu_cores", Kind::Integer(Int::U16)).rule(FieldRule::range(1, 256)))
///     .build()
///     .unwrap();
/// assert_eq!(server.name(), "Server");
/// assert_eq!(server.field_names().collect::<Vec<_>>(), ["name", "cpu_cores"]);
/// ```
#[derive(Clone)]
pub struct Definition {
    pub(crate) name: String,
    pub(crate) doc: String,
    pub(crate) fields: Vec<Field>,
    pub(crate) checks: Vec<(String, RecordCheck)>,
    pub(crate) unknown_fields: bool,
}

impl Definition {
    /// A model called `name`, without fields.
    pub fn new(name: impl Into<String>) -> Definition {
        Definition {
            name: name.into(),
            doc: String::new(),
            fields: Vec::new(),
            checks: Vec::new(),
            unknown_fields: false,
        }
    }

    /// Adds a field.
    pub fn field(mut self, field: Field) -> Definition {
        self.fields.push(field);
        self
    }

    /// Adds fields.
    pub fn fields(mut self, fields: impl IntoIterator<Item = Field>) -> Definition {
        self.fields.extend(fields);
        self
    }

    /// The documentation.
    pub fn doc(mut self, doc: impl Into<String>) -> Definition {
        self.doc = doc.into();
        self
    }

    /// Accepts input with fields the model lacks, ignoring them (`allow_unknown_fields`).
    pub fn allow_unknown_fields(mut self) -> Definition {
        self.unknown_fields = true;
        self
    }

    /// Adds a struct-level check called `name`: run after every field is valid, on
    /// construction, `set` and `update`; its error is reported at the root of the record.
    pub fn check(
        mut self,
        name: impl Into<String>,
        check: impl Fn(&super::Record) -> Result<(), Error> + Send + Sync + 'static,
    ) -> Definition {
        self.checks.push((name.into(), Arc::new(check)));
        self
    }

    /// The model's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The fields, in order.
    pub fn field_list(&self) -> &[Field] {
        &self.fields
    }

    /// Checks the definition and builds the model.
    ///
    /// The model is leaked, once, to live for the rest of the program: its metadata is a
    /// `&'static ModelMeta` like a compiled model's, and every record points to it. Build each
    /// model once (at start-up, or when a user adds a kind), not per record.
    ///
    /// # Errors
    ///
    /// Every mistake at once ([`DefineErrors`]): an empty or duplicate field name (external
    /// names included), a rule that does not fit its field's kind, a bound or `one_of` value not
    /// of the kind (NaN and infinities included), a `range` or `length` that no value is within
    /// (its least bound above its greatest), a pattern that does not compile, a default that is
    /// not of the kind or breaks a rule.
    pub fn build(self) -> Result<&'static RuntimeModel, DefineErrors> {
        super::build::build(self)
    }
}

impl fmt::Debug for Definition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Definition")
            .field("name", &self.name)
            .field("fields", &self.fields)
            .field(
                "checks",
                &self.checks.iter().map(|(n, _)| n).collect::<Vec<_>>(),
            )
            .field("unknown_fields", &self.unknown_fields)
            .finish()
    }
}
