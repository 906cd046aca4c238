//! The error report: [`Error`] (what one rule says), [`Violation`] (an error at a path) and
//! [`ValidationErrors`] (every violation of one operation, in declaration order).
//!
//! Messages are templates such as `"must be at least {min} (got {value})"`, filled from the
//! typed parameters when displayed: recording a violation formats nothing.

use crate::path::{Path, Trail};
use crate::value::Value;
use smallvec::SmallVec;
use std::borrow::Cow;
use std::fmt;

/// The typed parameters of an error or a rule: `min`, `max`, `value`, `pattern`...
///
/// Up to four are stored inline, as many as a `length` error has (`min`, `max`, `unit`,
/// `length`): a `range` or `length` error is built without allocating.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Params {
    entries: SmallVec<[(&'static str, Value); 4]>,
}

impl Params {
    /// No parameters.
    pub const fn new() -> Params {
        Params {
            entries: SmallVec::new_const(),
        }
    }

    /// Adds or replaces a parameter.
    pub fn set(&mut self, name: &'static str, value: impl Into<Value>) {
        let value = value.into();
        match self.entries.iter_mut().find(|(n, _)| *n == name) {
            Some(entry) => entry.1 = value,
            None => self.entries.push((name, value)),
        }
    }

    /// This list with one more parameter.
    pub fn with(mut self, name: &'static str, value: impl Into<Value>) -> Params {
        self.set(name, value);
        self
    }

    /// The parameter called `name`.
    pub fn get(&self, name: &str) -> Option<&Value> {
        self.entries
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v)
    }

    /// All parameters, in the order they were added.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = (&'static str, &Value)> {
        self.entries.iter().map(|(n, v)| (*n, v))
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// How many there are.
    pub fn len(&self) -> usize {
        self.entries.len()
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
        self.0.template = template.into();
        self
    }

    /// This error with another code.
    pub fn with_code(mut self, code: impl Into<Cow<'static, str>>) -> Error {
        self.0.code = code.into();
        self
    }

    /// Hides the offending value (`#[model(secret)]` fields).
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

/// The parts of an [`Error`], stored inline. Built-in rules report with it directly, so that
/// recording their violations does not allocate. Not public API.
#[derive(Clone, Debug, PartialEq)]
#[doc(hidden)]
pub struct Fault {
    code: Cow<'static, str>,
    template: Cow<'static, str>,
    params: Params,
}

impl Fault {
    /// An error with a static code and message template.
    pub const fn new(code: &'static str, template: &'static str) -> Fault {
        Fault {
            code: Cow::Borrowed(code),
            template: Cow::Borrowed(template),
            params: Params::new(),
        }
    }

    /// An error with the code `custom` and the given message.
    pub fn custom(message: impl Into<Cow<'static, str>>) -> Fault {
        Fault {
            code: Cow::Borrowed("custom"),
            template: message.into(),
            params: Params::new(),
        }
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
        self.template = template.into();
        self
    }

    /// This error with another code.
    pub fn with_code(mut self, code: impl Into<Cow<'static, str>>) -> Fault {
        self.code = code.into();
        self
    }

    /// Hides the offending value (`#[model(secret)]` fields).
    pub fn redact(&mut self) {
        if let Some(entry) = self.params.entries.iter_mut().find(|(n, _)| *n == "value") {
            entry.1 = Value::REDACTED;
        }
    }

    /// The stable code: `range`, `length`, `pattern`...
    pub fn code(&self) -> &str {
        &self.code
    }

    /// The message template, before parameters are filled in.
    pub fn template(&self) -> &str {
        &self.template
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

impl fmt::Display for Fault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        render(&self.template, &self.params, f)
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

/// One broken rule, at a path.
#[derive(Clone, Debug, PartialEq)]
pub struct Violation {
    path: Path,
    fault: Fault,
}

impl Violation {
    /// A violation of `error` at `path`.
    pub fn new(path: Path, error: Error) -> Violation {
        Violation {
            path,
            fault: error.into_fault(),
        }
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
        fmt::Display::fmt(&self.fault, f)
    }
}

/// Every violation found by one operation (a constructor, a setter, a deserialization), in
/// declaration order.
///
/// Creating an empty report does not allocate; the first violation does.
///
/// ```
/// use model_core::{Error, Trail, ValidationErrors};
///
/// let mut errors = ValidationErrors::new();
/// assert!(errors.is_empty());
/// let root = Trail::Root;
/// errors.add(&root.field("cpu_cores"), Error::new("non_negative", "must not be negative (got {value})").with_param("value", -4));
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

    /// Records `error` at the location `at`.
    #[cold]
    #[inline(never)]
    pub fn add(&mut self, at: &Trail<'_>, error: Error) {
        self.add_fault(at, error.into_fault());
    }

    #[doc(hidden)]
    #[cold]
    #[inline(never)]
    pub fn add_fault(&mut self, at: &Trail<'_>, fault: Fault) {
        self.violations.push(Violation {
            path: at.to_path(),
            fault,
        });
    }

    /// Records a violation.
    pub fn push(&mut self, violation: Violation) {
        self.violations.push(violation);
    }

    /// Moves every violation of `other` into this report, `prefix` in front of their paths.
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
