//! `pattern`: text matching a regular expression (the `regex` crate's syntax).
//!
//! The derive checks the expression when the model is compiled; at run time it is compiled once,
//! on first use, and shared by every instance.
//!
//! ```
//! use model_core::{Pattern, Rule};
//!
//! static REGION: Pattern = Pattern::new("^[a-z]+-[a-z]+-[0-9]+$");
//! assert!(REGION.check("eu-west-1").is_ok());
//! assert_eq!(REGION.check("EU").unwrap_err().message(), "must match the pattern `^[a-z]+-[a-z]+-[0-9]+$`");
//! ```

use super::Rule;
use crate::error::{Error, Fault, Params};
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

    #[cold]
    fn error(&self, template: &'static str) -> Fault {
        Fault::new("pattern", template).with_param("pattern", Value::str(self.source))
    }
}

impl<T: AsRef<str> + ?Sized> Rule<T> for Pattern {
    #[inline]
    fn check(&self, value: &T) -> Result<(), Error> {
        self.check_inline(value).map_err(Error::from)
    }

    #[inline]
    fn check_inline(&self, value: &T) -> Result<(), Fault> {
        match self.regex() {
            Some(regex) if regex.is_match(value.as_ref()) => Ok(()),
            Some(_) => Err(self.error("must match the pattern `{pattern}`")),
            None => Err(self.error("cannot be checked: the pattern `{pattern}` does not compile")),
        }
    }

    fn params(&self) -> Params {
        Params::new().with("pattern", Value::str(self.source))
    }
}
