//! The report: a [`Violation`] is an error at a path (and, read from text, a position);
//! [`ValidationErrors`] holds every violation of one operation.

use super::fault::{Error, Fault};
use super::params::{Names, Params, Repr, FIXED, NULL};
use super::How;
use crate::path::{Path, Trail};
use crate::value::Value;
use std::fmt;

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

    /// Replaces the step at `at` of the path, if there is one.
    #[cfg(feature = "serde")]
    pub(crate) fn replace_at(&mut self, at: usize, step: crate::path::Segment) {
        if at < self.path.segments().len() {
            let mut step = Some(step);
            self.path = self
                .path
                .segments()
                .iter()
                .enumerate()
                .map(|(i, s)| match (i == at).then(|| step.take()).flatten() {
                    Some(step) => step,
                    None => s.clone(),
                })
                .collect();
        }
    }

    /// Replaces the first step of the path with `step`.
    #[cfg(feature = "serde")]
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
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ValidationErrors {
    violations: Vec<Violation>,
}

impl fmt::Display for ValidationErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        List(&self.violations).fmt(f)
    }
}

impl std::error::Error for ValidationErrors {}

pub(crate) struct List<'a>(&'a [Violation]);

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
    #[cfg(feature = "serde")]
    pub(crate) fn iter_mut(&mut self) -> std::slice::IterMut<'_, Violation> {
        self.violations.iter_mut()
    }

    /// Puts `prefix` in front of every path.
    #[cfg(feature = "serde")]
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

    /// [`ValidationErrors::redact_from`] for the problems of a secret field's value read from
    /// a document: what the value should have been (`expected`, the `type` it must fit) stays,
    /// since it comes from the model, not the value.
    #[cfg(feature = "serde")]
    pub(crate) fn redact_read_from(&mut self, start: usize, at: &Trail<'_>) {
        let depth = at.depth();
        const STRUCTURAL: [&str; 4] = [
            "invalid_type",
            "invalid_value",
            "out_of_range",
            "invalid_length",
        ];
        for violation in self.violations.iter_mut().skip(start) {
            if STRUCTURAL.contains(&violation.fault.code()) {
                violation.fault.redact_all_but(&["expected", "type"]);
            } else {
                violation.fault.redact();
            }
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

    /// The violations from `start` on, taken out.
    #[cfg(feature = "serde")]
    pub(crate) fn drain_from(&mut self, start: usize) -> Vec<Violation> {
        self.violations.drain(start..).collect()
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
