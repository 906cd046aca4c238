//! `pattern`: text matching a regular expression (the `regex` crate's syntax).
//!
//! The derive checks the expression when the model is compiled; at run time it is compiled once,
//! on first use, and shared by every instance.
//!
//! ```
//! use model_core::rules::{Pattern, Rule};
//!
//! static REGION: Pattern = Pattern::new("^[a-z]+-[a-z]+-[0-9]+$");
//! assert!(REGION.check("eu-west-1").is_ok());
//! assert_eq!(REGION.check("EU").unwrap_err().message(), "must match the pattern `^[a-z]+-[a-z]+-[0-9]+$`");
//! ```

use super::Rule;
use crate::error::How;
use crate::error::{put, Error, Fault, Names, Params, ValidationErrors};
use crate::path::Trail;
use crate::value::Value;
use regex::Regex;
use std::sync::OnceLock;

/// Text matching a regular expression, compiled once on first use.
///
/// Parameters: `pattern`.
#[derive(Debug)]
pub struct Pattern {
    source: &'static str,
    regex: OnceLock<Option<Regex>>,
}

impl Pattern {
    /// A rule for the regular expression `source`.
    pub const fn new(source: &'static str) -> Pattern {
        Pattern {
            source,
            regex: OnceLock::new(),
        }
    }

    /// The regular expression, as written.
    pub const fn source(&self) -> &'static str {
        self.source
    }

    /// The compiled expression, or `None` if it does not compile.
    pub fn regex(&self) -> Option<&Regex> {
        self.regex
            .get_or_init(|| Regex::new(self.source).ok())
            .as_ref()
    }

    const NAMES: Names = &(&["pattern"] as &[&str]);

    fn values(&self) -> [Value; 4] {
        [
            Value::str(self.source),
            Value::Null,
            Value::Null,
            Value::Null,
        ]
    }

    /// `None` when `value` matches, otherwise the template of the error.
    #[inline]
    fn mismatch(&self, value: &str) -> Option<&'static str> {
        match self.regex() {
            Some(regex) if regex.is_match(value) => None,
            Some(_) => Some("must match the pattern `{pattern}`"),
            None => Some("cannot be checked: the pattern `{pattern}` does not compile"),
        }
    }

    #[cold]
    fn error(&self, template: &'static str) -> Fault {
        Fault::fixed("pattern", template, Self::NAMES, self.values())
    }

    #[cold]
    #[inline(never)]
    fn report(
        &self,
        template: &'static str,
        how: How,
        at: &Trail<'_>,
        errors: &mut ValidationErrors,
    ) {
        errors.record_fixed(at, how, ("pattern", template, Self::NAMES), |slots| {
            put(&mut slots[0], Value::str(self.source));
        });
    }
}

impl<T: AsRef<str> + ?Sized> Rule<T> for Pattern {
    #[inline]
    fn check(&self, value: &T) -> Result<(), Error> {
        self.check_inline(value).map_err(Error::from)
    }

    #[inline]
    fn check_inline(&self, value: &T) -> Result<(), Fault> {
        match self.mismatch(value.as_ref()) {
            None => Ok(()),
            Some(template) => Err(self.error(template)),
        }
    }

    #[inline]
    fn check_into(
        &self,
        value: &T,
        how: How,
        at: &Trail<'_>,
        errors: &mut ValidationErrors,
    ) -> Result<(), Fault> {
        if let Some(template) = self.mismatch(value.as_ref()) {
            self.report(template, how, at, errors);
        }
        Ok(())
    }

    fn params(&self) -> Params {
        Params::fixed(Self::NAMES, self.values())
    }
}
