//! The error report: [`Error`] (what one rule says), [`Violation`] (an error at a path) and
//! [`ValidationErrors`] (every violation of one operation, in declaration order).
//!
//! Messages are templates such as `"must be at least {min} (got {value})"`, filled from the
//! typed parameters when displayed: recording a violation formats nothing.

use crate::__private::How;
use crate::path::{Path, Trail};
use crate::value::Value;
use smallvec::SmallVec;
use std::borrow::Cow;
use std::fmt;
use std::mem::ManuallyDrop;

/// The typed parameters of an error or a rule: `min`, `max`, `value`, `pattern`...
///
/// Stored inline, without allocating: up to four parameters whose names come from a static list
/// (what built-in rules report: a `length` error has `min`, `max`, `unit` and `length`), or up
/// to two with any names (`Params::new().with(..)`, [`Error::with_param`]); more spill to the
/// heap.
#[derive(Clone)]
pub struct Params {
    repr: Repr,
}

/// How many values a parameter list with static names holds inline.
pub(crate) const FIXED: usize = 4;

/// The names of a parameter list known in advance, in order: a reference to a static slice, one
/// pointer wide. At most [`FIXED`] names.
pub(crate) type Names = &'static &'static [&'static str];

#[derive(Clone)]
enum Repr {
    /// `names[i]` is the name of `values[i]`; the values past `names.len()` are `Null`.
    Fixed { names: Names, values: Slots },
    /// Any names, in the order they were added.
    List(SmallVec<[(&'static str, Value); 2]>),
}

/// The values of a fixed list. Dropping them costs nothing when they own nothing, as the numbers
/// and static text of built-in rules' errors do.
#[derive(Clone)]
struct Slots(ManuallyDrop<[Value; FIXED]>);

const NULL: Value = Value::Null;

/// Writes `value` into a slot of a fixed list that holds `Null`, which needs no dropping.
#[inline]
pub(crate) fn put(slot: &mut Value, value: Value) {
    debug_assert!(matches!(slot, Value::Null));
    std::mem::forget(std::mem::replace(slot, value));
}

impl Drop for Slots {
    #[inline]
    fn drop(&mut self) {
        let owns = |value: &Value| {
            !matches!(
                value,
                Value::Null
                    | Value::Bool(_)
                    | Value::Int(_)
                    | Value::UInt(_)
                    | Value::Float(_)
                    | Value::Str(Cow::Borrowed(_))
            )
        };
        if self.0.iter().any(owns) {
            self.drop_owned();
        }
    }
}

impl Slots {
    #[cold]
    #[inline(never)]
    fn drop_owned(&mut self) {
        drop(ManuallyDrop::into_inner(std::mem::replace(
            &mut self.0,
            ManuallyDrop::new([NULL; FIXED]),
        )));
    }
}

impl Params {
    /// No parameters.
    pub const fn new() -> Params {
        Params {
            repr: Repr::List(SmallVec::new_const()),
        }
    }

    /// The parameters `names`, in order, with the first `names.len()` of `values`; the others
    /// must be `Null`.
    #[inline]
    pub(crate) fn fixed(names: Names, values: [Value; FIXED]) -> Params {
        debug_assert!(names.len() <= FIXED);
        Params {
            repr: Repr::Fixed {
                names,
                values: Slots(ManuallyDrop::new(values)),
            },
        }
    }

    /// The parameters `names`, whose values `fill` writes with [`put`].
    #[inline]
    pub(crate) fn fixed_with(names: Names, fill: impl FnOnce(&mut [Value; FIXED])) -> Params {
        let mut values = [NULL; FIXED];
        fill(&mut values);
        Params::fixed(names, values)
    }

    /// Adds or replaces a parameter.
    pub fn set(&mut self, name: &'static str, value: impl Into<Value>) {
        let value = value.into();
        match self.get_mut(name) {
            Some(slot) => *slot = value,
            None => self.list_mut().push((name, value)),
        }
    }

    /// This list with one more parameter.
    pub fn with(mut self, name: &'static str, value: impl Into<Value>) -> Params {
        self.set(name, value);
        self
    }

    /// The parameter called `name`.
    pub fn get(&self, name: &str) -> Option<&Value> {
        match &self.repr {
            Repr::Fixed { names, values } => {
                names.iter().position(|n| *n == name).map(|i| &values.0[i])
            }
            Repr::List(entries) => entries.iter().find(|(n, _)| *n == name).map(|(_, v)| v),
        }
    }

    /// Replaces every value with [`Value::REDACTED`].
    fn redact_all(&mut self) {
        let names: SmallVec<[&'static str; FIXED]> = self.iter().map(|(name, _)| name).collect();
        for name in names {
            if let Some(value) = self.get_mut(name) {
                *value = Value::REDACTED;
            }
        }
    }

    fn get_mut(&mut self, name: &str) -> Option<&mut Value> {
        match &mut self.repr {
            Repr::Fixed { names, values } => names
                .iter()
                .position(|n| *n == name)
                .map(|i| &mut values.0[i]),
            Repr::List(entries) => entries.iter_mut().find(|(n, _)| *n == name).map(|(_, v)| v),
        }
    }

    /// The entries as a growable list, converting a fixed list.
    fn list_mut(&mut self) -> &mut SmallVec<[(&'static str, Value); 2]> {
        if let Repr::Fixed { names, values } = &mut self.repr {
            let list = names
                .iter()
                .zip(values.0.iter_mut())
                .map(|(name, value)| (*name, std::mem::replace(value, Value::Null)))
                .collect();
            self.repr = Repr::List(list);
        }
        match &mut self.repr {
            Repr::List(entries) => entries,
            Repr::Fixed { .. } => unreachable!("converted above"),
        }
    }

    /// All parameters, in the order they were added.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = (&'static str, &Value)> {
        match &self.repr {
            Repr::Fixed { names, values } => Iter::Fixed(names.iter().zip(values.0.iter())),
            Repr::List(entries) => Iter::List(entries.iter()),
        }
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// How many there are.
    pub fn len(&self) -> usize {
        match &self.repr {
            Repr::Fixed { names, .. } => names.len(),
            Repr::List(entries) => entries.len(),
        }
    }
}

enum Iter<'a> {
    Fixed(std::iter::Zip<std::slice::Iter<'a, &'static str>, std::slice::Iter<'a, Value>>),
    List(std::slice::Iter<'a, (&'static str, Value)>),
}

impl<'a> Iterator for Iter<'a> {
    type Item = (&'static str, &'a Value);

    fn next(&mut self) -> Option<Self::Item> {
        match self {
            Iter::Fixed(entries) => entries.next().map(|(n, v)| (*n, v)),
            Iter::List(entries) => entries.next().map(|(n, v)| (*n, v)),
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        match self {
            Iter::Fixed(entries) => entries.size_hint(),
            Iter::List(entries) => entries.size_hint(),
        }
    }
}

impl ExactSizeIterator for Iter<'_> {}

impl Default for Params {
    fn default() -> Params {
        Params::new()
    }
}

/// Equal when they hold the same names and values in the same order, however stored.
impl PartialEq for Params {
    fn eq(&self, other: &Params) -> bool {
        self.len() == other.len() && self.iter().eq(other.iter())
    }
}

impl fmt::Debug for Params {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

/// What a rule reports when a value breaks it: a stable code, a message template and typed
/// parameters. It has no path yet; [`ValidationErrors::add`] gives it one.
///
/// It is one pointer wide, so `Result<(), Error>` is cheap to return.
///
/// ```
/// use model_core::Error;
///
/// let error = Error::new("grade", "must be a grade from {min} to {max}")
///     .with_param("min", 0)
///     .with_param("max", 100);
/// assert_eq!(error.code(), "grade");
/// assert_eq!(error.message(), "must be a grade from 0 to 100");
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Error(Box<Fault>);

impl Error {
    /// An error with a static code and message template.
    pub fn new(code: &'static str, template: &'static str) -> Error {
        Error(Box::new(Fault::new(code, template)))
    }

    /// An error with the code `custom` and the given message.
    pub fn custom(message: impl Into<Cow<'static, str>>) -> Error {
        Error(Box::new(Fault::custom(message)))
    }

    /// The error of a required field that was not given.
    pub fn required() -> Error {
        Error(Box::new(Fault::required()))
    }

    /// This error with one more parameter.
    pub fn with_param(mut self, name: &'static str, value: impl Into<Value>) -> Error {
        self.0.params.set(name, value);
        self
    }

    /// This error with another message template (a rule's `message = "..."`).
    pub fn with_message(mut self, template: impl Into<Cow<'static, str>>) -> Error {
        self.0.set_template(template.into());
        self
    }

    /// This error with another code.
    pub fn with_code(mut self, code: impl Into<Cow<'static, str>>) -> Error {
        self.0.set_code(code.into());
        self
    }

    /// Hides everything that may come from a secret value (`#[model(secret)]` fields): every
    /// parameter's value, and a code or message made at run time, which may embed the value.
    ///
    /// ```
    /// use model_core::{Error, Value};
    ///
    /// let mut error = Error::custom(format!("`{}` is revoked", "sk_live_42"))
    ///     .with_param("got", "sk_live_42");
    /// error.redact();
    /// assert_eq!(error.param("got"), Some(&Value::REDACTED));
    /// assert!(!error.message().contains("sk_live"));
    /// ```
    pub fn redact(&mut self) {
        self.0.redact();
    }

    /// The stable code: `range`, `length`, `pattern`...
    pub fn code(&self) -> &str {
        self.0.code()
    }

    /// The message template, before parameters are filled in.
    pub fn template(&self) -> &str {
        self.0.template()
    }

    /// The typed parameters.
    pub fn params(&self) -> &Params {
        self.0.params()
    }

    /// The parameter called `name`.
    pub fn param(&self, name: &str) -> Option<&Value> {
        self.0.param(name)
    }

    /// The message, with its parameters filled in.
    pub fn message(&self) -> String {
        self.0.message()
    }

    #[doc(hidden)]
    pub fn into_fault(self) -> Fault {
        *self.0
    }
}

impl From<Fault> for Error {
    fn from(fault: Fault) -> Error {
        Error(Box::new(fault))
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

/// The message of a secret field's error whose own message was made at run time, and might
/// therefore hold the value.
const SECRET_MESSAGE: &str = "is not valid (the details are hidden: the value is secret)";

/// The parts of an [`Error`], stored inline. Built-in rules report with it directly, so that
/// recording their violations does not allocate. Not public API.
///
/// The code and the template are static text, as every built-in rule and almost every custom
/// error has them; text made at run time is kept apart, in `owned`.
#[derive(Clone)]
#[doc(hidden)]
pub struct Fault {
    code: &'static str,
    template: &'static str,
    /// A code or template given as owned text, which replaces the static one.
    owned: Option<Box<Owned>>,
    params: Params,
}

#[derive(Clone, Default)]
struct Owned {
    code: Option<Box<str>>,
    template: Option<Box<str>>,
}

impl Fault {
    /// An error with a static code and message template.
    pub const fn new(code: &'static str, template: &'static str) -> Fault {
        Fault {
            code,
            template,
            owned: None,
            params: Params::new(),
        }
    }

    /// An error whose parameters are `names` with the first `names.len()` of `values`.
    #[inline]
    pub(crate) fn fixed(
        code: &'static str,
        template: &'static str,
        names: Names,
        values: [Value; FIXED],
    ) -> Fault {
        Fault {
            code,
            template,
            owned: None,
            params: Params::fixed(names, values),
        }
    }

    /// An error with the parameters `names`, whose values `fill` writes with [`put`].
    #[inline]
    pub(crate) fn fixed_with(
        (code, template, names): (&'static str, &'static str, Names),
        fill: impl FnOnce(&mut [Value; FIXED]),
    ) -> Fault {
        Fault {
            code,
            template,
            owned: None,
            params: Params::fixed_with(names, fill),
        }
    }

    /// An error with the code `custom` and the given message.
    pub fn custom(message: impl Into<Cow<'static, str>>) -> Fault {
        let mut fault = Fault::new("custom", "");
        fault.set_template(message.into());
        fault
    }

    /// The error of a required field that was not given.
    pub const fn required() -> Fault {
        Fault::new("required", "is required")
    }

    /// This error with one more parameter.
    pub fn with_param(mut self, name: &'static str, value: impl Into<Value>) -> Fault {
        self.params.set(name, value);
        self
    }

    /// This error with another message template (a rule's `message = "..."`).
    pub fn with_message(mut self, template: impl Into<Cow<'static, str>>) -> Fault {
        self.set_template(template.into());
        self
    }

    /// This error with another code.
    pub fn with_code(mut self, code: impl Into<Cow<'static, str>>) -> Fault {
        self.set_code(code.into());
        self
    }

    fn set_template(&mut self, template: Cow<'static, str>) {
        match template {
            Cow::Borrowed(template) => {
                self.template = template;
                if let Some(owned) = &mut self.owned {
                    owned.template = None;
                }
            }
            Cow::Owned(template) => {
                self.owned.get_or_insert_with(Box::default).template =
                    Some(template.into_boxed_str());
            }
        }
    }

    fn set_code(&mut self, code: Cow<'static, str>) {
        match code {
            Cow::Borrowed(code) => {
                self.code = code;
                if let Some(owned) = &mut self.owned {
                    owned.code = None;
                }
            }
            Cow::Owned(code) => {
                self.owned.get_or_insert_with(Box::default).code = Some(code.into_boxed_str());
            }
        }
    }

    /// Applies a field's options: its custom message, and the redaction of a secret value.
    #[inline]
    fn apply(&mut self, how: How) {
        if let Some(message) = how.message {
            self.set_template(Cow::Borrowed(message));
        }
        if how.secret {
            self.redact();
        }
    }

    /// Hides everything that may come from a secret value (see [`Error::redact`]).
    pub fn redact(&mut self) {
        self.params.redact_all();
        if let Some(owned) = &mut self.owned {
            if owned.template.is_some() {
                owned.template = None;
                self.template = SECRET_MESSAGE;
            }
            if owned.code.is_some() {
                owned.code = None;
                self.code = "invalid";
            }
        }
    }

    /// Shows again, after [`Fault::redact`], the parameters that `declared` holds with the
    /// same name: a rule's own configuration (its bounds, its pattern), which the rule declares
    /// in [`Rule::params`](crate::Rule::params) and which does not come from the value.
    pub(crate) fn declare(&mut self, declared: &Params) {
        for (name, value) in declared.iter() {
            if let Some(slot) = self.params.get_mut(name) {
                *slot = value.clone();
            }
        }
    }

    /// The stable code: `range`, `length`, `pattern`...
    pub fn code(&self) -> &str {
        match self.owned.as_deref() {
            Some(Owned {
                code: Some(code), ..
            }) => code,
            _ => self.code,
        }
    }

    /// The message template, before parameters are filled in.
    pub fn template(&self) -> &str {
        match self.owned.as_deref() {
            Some(Owned {
                template: Some(template),
                ..
            }) => template,
            _ => self.template,
        }
    }

    /// The typed parameters.
    pub fn params(&self) -> &Params {
        &self.params
    }

    /// The parameter called `name`.
    pub fn param(&self, name: &str) -> Option<&Value> {
        self.params.get(name)
    }

    /// The message, with its parameters filled in.
    pub fn message(&self) -> String {
        self.to_string()
    }
}

/// Equal when the code, the template and the parameters are, however stored.
impl PartialEq for Fault {
    fn eq(&self, other: &Fault) -> bool {
        self.code() == other.code()
            && self.template() == other.template()
            && self.params == other.params
    }
}

impl fmt::Debug for Fault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Fault")
            .field("code", &self.code())
            .field("template", &self.template())
            .field("params", &self.params)
            .finish()
    }
}

impl fmt::Display for Fault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        render(self.template(), &self.params, f)
    }
}

/// Writes `template`, replacing each `{name}` of a known parameter by its value.
fn render(template: &str, params: &Params, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let Some(len) = rest[open..].find('}') else {
            break;
        };
        let name = &rest[open + 1..open + len];
        match params.get(name) {
            Some(value) => {
                f.write_str(&rest[..open])?;
                fmt::Display::fmt(value, f)?;
            }
            None => f.write_str(&rest[..=open + len])?,
        }
        rest = &rest[open + len + 1..];
    }
    f.write_str(rest)
}

/// Where a value stood in the text it was read from: line and column, both from 1, the column
/// counted in characters.
///
/// ```
/// use model_core::Position;
///
/// let at = Position::new(3, 15);
/// assert_eq!((at.line(), at.column()), (3, 15));
/// assert_eq!(at.to_string(), "line 3, column 15");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Position {
    line: std::num::NonZeroU32,
    column: u32,
}

impl Position {
    /// The position at `line` and `column` (both from 1; 0 is read as 1, and numbers past
    /// `u32::MAX` are capped).
    pub fn new(line: usize, column: usize) -> Position {
        let cap = |n: usize| u32::try_from(n).unwrap_or(u32::MAX).max(1);
        Position {
            line: std::num::NonZeroU32::MIN.saturating_add(cap(line) - 1),
            column: cap(column),
        }
    }

    /// The line, from 1.
    pub fn line(&self) -> usize {
        self.line.get() as usize
    }

    /// The column, from 1, in characters.
    pub fn column(&self) -> usize {
        self.column as usize
    }
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}, column {}", self.line, self.column)
    }
}

/// One broken rule, at a path.
#[derive(Clone, Debug, PartialEq)]
pub struct Violation {
    path: Path,
    fault: Fault,
    position: Option<Position>,
}

impl Violation {
    /// A violation of `error` at `path`.
    pub fn new(path: Path, error: Error) -> Violation {
        Violation {
            path,
            fault: error.into_fault(),
            position: None,
        }
    }

    /// Where the offending value stood in the text it was read from, when it was read from
    /// text whose format tells (JSON, TOML).
    pub fn position(&self) -> Option<Position> {
        self.position
    }

    /// Sets where the offending value stood in the text.
    pub fn set_position(&mut self, position: Position) {
        self.position = Some(position);
    }

    /// This violation, at `position` in the text.
    pub fn with_position(mut self, position: Position) -> Violation {
        self.position = Some(position);
        self
    }

    /// Where: `cpu_cores`, `tags[3]`, or the root for struct-level checks.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The stable code: `range`, `length`, `pattern`...
    pub fn code(&self) -> &str {
        self.fault.code()
    }

    /// The typed parameters.
    pub fn params(&self) -> &Params {
        self.fault.params()
    }

    /// The parameter called `name`.
    pub fn param(&self, name: &str) -> Option<&Value> {
        self.fault.param(name)
    }

    /// The message without the path, parameters filled in.
    pub fn message(&self) -> String {
        self.fault.message()
    }

    /// The message template, before parameters are filled in.
    pub fn template(&self) -> &str {
        self.fault.template()
    }

    /// Replaces the first step of the path with `step`.
    pub(crate) fn replace_first(&mut self, step: crate::path::Segment) {
        let rest = self.path.segments().iter().skip(1).cloned();
        self.path = std::iter::once(step).chain(rest).collect();
    }

    /// Puts `prefix` in front of the path (a nested model's violation seen from its parent).
    pub fn prepend(&mut self, prefix: &Path) {
        self.path.prepend(prefix);
    }
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if !self.path.is_root() {
            write!(f, "{}: ", self.path)?;
        }
        fmt::Display::fmt(&self.fault, f)?;
        if let Some(position) = self.position {
            write!(f, " (at {position})")?;
        }
        Ok(())
    }
}

/// Every violation found by one operation (a constructor, a setter, a deserialization), in
/// declaration order.
///
/// Creating an empty report does not allocate; the first violation does.
///
/// ```
/// use model_core::path::Path;
/// use model_core::{Error, ValidationErrors, Violation};
///
/// let mut errors = ValidationErrors::new();
/// assert!(errors.is_empty());
/// let error = Error::new("non_negative", "must not be negative (got {value})").with_param("value", -4);
/// errors.push(Violation::new(Path::field("cpu_cores"), error));
/// assert_eq!(errors.to_string(), "cpu_cores: must not be negative (got -4)");
/// assert_eq!(errors.iter().next().unwrap().code(), "non_negative");
/// ```
#[derive(Clone, Debug, Default, PartialEq, thiserror::Error)]
#[error("{}", List(&self.violations))]
pub struct ValidationErrors {
    violations: Vec<Violation>,
}

struct List<'a>(&'a [Violation]);

impl fmt::Display for List<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, violation) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            fmt::Display::fmt(violation, f)?;
        }
        Ok(())
    }
}

impl ValidationErrors {
    /// An empty report.
    pub const fn new() -> ValidationErrors {
        ValidationErrors {
            violations: Vec::new(),
        }
    }

    /// Whether nothing was found.
    pub fn is_empty(&self) -> bool {
        self.violations.is_empty()
    }

    /// How many violations there are.
    pub fn len(&self) -> usize {
        self.violations.len()
    }

    /// The violations, in declaration order.
    pub fn iter(&self) -> std::slice::Iter<'_, Violation> {
        self.violations.iter()
    }

    /// The violations, in declaration order.
    pub fn as_slice(&self) -> &[Violation] {
        &self.violations
    }

    /// The violations at `path` (as displayed: `"tags[3]"`, `""` for the root).
    pub fn at<'a>(&'a self, path: &'a str) -> impl Iterator<Item = &'a Violation> + 'a {
        self.violations
            .iter()
            .filter(move |v| v.path.to_string() == path)
    }

    /// Records `error` at the location `at` (a trail, as generated code walks it: not public
    /// API; [`push`](Self::push) a [`Violation`] instead).
    #[doc(hidden)]
    #[cold]
    #[inline(never)]
    pub fn add(&mut self, at: &Trail<'_>, error: Error) {
        self.push_with(at, || *error.0);
    }

    /// Records `fault` at `at`, with a field's options.
    #[cold]
    #[inline(never)]
    pub(crate) fn record_fault(&mut self, at: &Trail<'_>, how: How, fault: Fault) {
        self.push_with(at, || fault).apply(how);
    }

    /// Records `error` at `at`, with a field's options.
    #[cold]
    #[inline(never)]
    pub(crate) fn record_error(&mut self, at: &Trail<'_>, how: How, error: Error) {
        self.push_with(at, || *error.0).apply(how);
    }

    /// Records a built-in rule's error at `at`: the parameters `names`, whose values `fill`
    /// writes with [`put`] into the slots it is given (those it leaves are `Null`).
    ///
    /// Inlined into each rule's cold reporting function. The violation is written into the
    /// report first, then its values in place, so that nothing is assembled on the stack and
    /// copied.
    #[inline]
    pub(crate) fn record_fixed(
        &mut self,
        at: &Trail<'_>,
        how: How,
        (code, template, names): (&'static str, &'static str, Names),
        fill: impl FnOnce(&mut [Value; FIXED]),
    ) {
        let fault = self.push_with(at, || Fault::new(code, template));
        // Switched in place: the empty list replaced owns nothing.
        std::mem::forget(std::mem::replace(
            &mut fault.params,
            Params::fixed(names, [NULL; FIXED]),
        ));
        if let Repr::Fixed { values, .. } = &mut fault.params.repr {
            fill(&mut values.0);
        }
        fault.apply(how);
    }

    /// Appends a violation at `at` of the fault `fault()` makes, built in place: the room is
    /// made first, so that the violation is written into the list rather than copied there.
    #[inline]
    fn push_with(&mut self, at: &Trail<'_>, fault: impl FnOnce() -> Fault) -> &mut Fault {
        let index = self.violations.len();
        let short = at.short();
        let steps = short.unwrap_or((0, "", 0));
        self.violations.extend(std::iter::once_with(|| Violation {
            path: Path::short(steps),
            fault: fault(),
            position: None,
        }));
        let violation = &mut self.violations[index];
        if short.is_none() {
            violation.path = at.to_path();
        }
        &mut violation.fault
    }

    /// Records a violation.
    pub fn push(&mut self, violation: Violation) {
        self.violations.push(violation);
    }

    /// Moves every violation of `other` into this report, `prefix` in front of their paths
    /// (generated code's trail: not public API).
    #[doc(hidden)]
    pub fn absorb(&mut self, prefix: &Trail<'_>, other: ValidationErrors) {
        if other.is_empty() {
            return;
        }
        let prefix = prefix.to_path();
        self.violations
            .extend(other.violations.into_iter().map(|mut v| {
                v.prepend(&prefix);
                v
            }));
    }

    /// The violations, to change in place.
    pub(crate) fn iter_mut(&mut self) -> std::slice::IterMut<'_, Violation> {
        self.violations.iter_mut()
    }

    /// Puts `prefix` in front of every path.
    pub(crate) fn prepend(&mut self, prefix: &Path) {
        for violation in &mut self.violations {
            violation.prepend(prefix);
        }
    }

    /// Hides what the violations from `start` on show of a secret value: the values of their
    /// parameters, their run-time messages (see [`Error::redact`]) and the map keys of their
    /// paths below `at`, the secret field.
    pub(crate) fn redact_from(&mut self, start: usize, at: &Trail<'_>) {
        let depth = at.depth();
        for violation in self.violations.iter_mut().skip(start) {
            violation.fault.redact();
            violation.path.redact_keys_from(depth);
        }
    }

    /// Hides the map keys of the paths of the violations from `start` on, below `at` (the
    /// secret field's rules have hidden the rest).
    pub(crate) fn redact_keys_from(&mut self, start: usize, at: &Trail<'_>) {
        if self.violations.len() > start {
            let depth = at.depth();
            for violation in self.violations.iter_mut().skip(start) {
                violation.path.redact_keys_from(depth);
            }
        }
    }

    /// Shows again the declared configuration of the rule whose violations start at `start`
    /// (see [`Fault::declare`]).
    pub(crate) fn declare_from(&mut self, start: usize, declared: &Params) {
        for violation in self.violations.iter_mut().skip(start) {
            violation.fault.declare(declared);
        }
    }

    /// `Ok(())` when empty, otherwise `Err(self)`.
    #[inline]
    pub fn into_result(self) -> Result<(), ValidationErrors> {
        if self.violations.is_empty() {
            Ok(())
        } else {
            Err(self)
        }
    }
}

impl From<Violation> for ValidationErrors {
    fn from(violation: Violation) -> ValidationErrors {
        ValidationErrors {
            violations: vec![violation],
        }
    }
}

impl IntoIterator for ValidationErrors {
    type Item = Violation;
    type IntoIter = std::vec::IntoIter<Violation>;
    fn into_iter(self) -> Self::IntoIter {
        self.violations.into_iter()
    }
}

impl<'a> IntoIterator for &'a ValidationErrors {
    type Item = &'a Violation;
    type IntoIter = std::slice::Iter<'a, Violation>;
    fn into_iter(self) -> Self::IntoIter {
        self.violations.iter()
    }
}

impl Extend<Violation> for ValidationErrors {
    fn extend<I: IntoIterator<Item = Violation>>(&mut self, iter: I) {
        self.violations.extend(iter);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    static NAMES: &[&str] = &["min", "max", "value"];

    fn fixed() -> Params {
        Params::fixed_with(&NAMES, |slots| {
            put(&mut slots[0], Value::UInt(1));
            put(&mut slots[1], Value::UInt(4096));
            put(&mut slots[2], Value::Int(0));
        })
    }

    #[test]
    fn fixed_params_read_like_a_list() {
        let params = fixed();
        assert_eq!(params.len(), 3);
        assert_eq!(params.get("max"), Some(&Value::UInt(4096)));
        assert_eq!(params.get("unit"), None);
        let list = Params::new()
            .with("min", 1u64)
            .with("max", 4096u64)
            .with("value", 0i64);
        assert_eq!(params, list);
        assert_eq!(format!("{params:?}"), format!("{list:?}"));
        assert_eq!(
            params.iter().map(|(name, _)| name).collect::<Vec<_>>(),
            NAMES
        );
    }

    #[test]
    fn a_new_name_turns_fixed_params_into_a_list() {
        let mut params = fixed();
        params.set("max", 8u64);
        assert!(matches!(params.repr, Repr::Fixed { .. }));
        params.set("unit", "items");
        assert!(matches!(params.repr, Repr::List(_)));
        let names: Vec<&str> = params.iter().map(|(name, _)| name).collect();
        assert_eq!(names, ["min", "max", "value", "unit"]);
        assert_eq!(params.get("max"), Some(&Value::UInt(8)));
    }

    #[test]
    fn owned_values_are_kept_and_dropped() {
        let params = Params::fixed_with(&NAMES, |slots| {
            put(&mut slots[0], Value::from(String::from("a")));
            put(&mut slots[1], Value::List(vec![Value::Int(1)]));
            put(&mut slots[2], Value::Int(0));
        });
        let copy = params.clone();
        drop(params);
        assert_eq!(copy.get("min"), Some(&Value::from(String::from("a"))));
    }

    #[test]
    fn owned_code_and_template() {
        let mut fault = Fault::new("range", "static");
        fault.set_template(Cow::Owned("owned {x}".to_owned()));
        fault.set_code(Cow::Owned("mine".to_owned()));
        assert_eq!((fault.code(), fault.template()), ("mine", "owned {x}"));
        fault.set_code(Cow::Borrowed("range"));
        assert_eq!((fault.code(), fault.template()), ("range", "owned {x}"));
        fault.set_template(Cow::Borrowed("back"));
        assert_eq!(fault.template(), "back");
        assert_eq!(fault, Fault::new("range", "back"));
    }

    #[test]
    fn a_violation_fits_four_to_a_kibibyte() {
        assert!(4 * std::mem::size_of::<Violation>() <= 1024);
    }
}
