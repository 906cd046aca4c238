//! What one rule says: [`Error`], and its inline parts, `Fault`, with the message template
//! filled from the parameters when displayed.

use super::params::{Names, Params, FIXED};
use super::How;
use crate::value::Value;
use std::borrow::Cow;
use std::fmt;

/// What a rule reports when a value breaks it: a stable code, a message template and typed
/// parameters. It has no path yet; [`ValidationErrors::add`](super::ValidationErrors::add) gives it one.
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
pub struct Error(pub(crate) Box<Fault>);

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
pub(crate) const SECRET_MESSAGE: &str =
    "is not valid (the details are hidden: the value is secret)";

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
    pub(crate) params: Params,
}

#[derive(Clone, Default)]
pub(crate) struct Owned {
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

    pub(crate) fn set_template(&mut self, template: Cow<'static, str>) {
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

    pub(crate) fn set_code(&mut self, code: Cow<'static, str>) {
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
    pub(crate) fn apply(&mut self, how: How) {
        if let Some(message) = how.message {
            self.set_template(Cow::Borrowed(message));
        }
        if how.secret {
            self.redact();
        }
    }

    /// Hides everything that may come from a secret value (see [`Error::redact`]).
    pub fn redact(&mut self) {
        self.redact_all_but(&[]);
    }

    /// [`Fault::redact`], but the parameters named in `keep` stay: what the value was checked
    /// against (the type a document's value should have), which does not come from the value.
    pub(crate) fn redact_all_but(&mut self, keep: &[&str]) {
        self.params.redact_all_but(keep);
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
pub(crate) fn render(template: &str, params: &Params, f: &mut fmt::Formatter<'_>) -> fmt::Result {
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
