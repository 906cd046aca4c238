//! Rules on text: `prefix`, `suffix`, `contains`, `ascii`, `alphanumeric`.
//!
//! ```
//! use model_core::rules::{Alphanumeric, Ascii, Contains, Prefix, Rule, Suffix};
//!
//! assert!(Prefix::new("eu-").check("eu-west-1").is_ok());
//! assert_eq!(Prefix::new("eu-").check("us-east-1").unwrap_err().message(), "must start with `eu-`");
//! assert!(Suffix::new(".io").check("model.io").is_ok());
//! assert!(Contains::new("@").check("a@b").is_ok());
//! assert!(Ascii.check("abc").is_ok());
//! assert!(Ascii.check("héllo").is_err());
//! assert!(Alphanumeric.check("abc123").is_ok());
//! assert!(Alphanumeric.check("abc-123").is_err());
//! ```

use super::Rule;
use crate::error::How;
use crate::error::{put, Error, Fault, Names, Params, ValidationErrors};
use crate::path::Trail;
use crate::value::Value;

macro_rules! affix_rule {
    ($(#[$doc:meta])* $name:ident, $code:literal, $param:literal, $template:literal, $method:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub struct $name {
            text: &'static str,
        }

        impl $name {
            /// The rule for `text`.
            pub const fn new(text: &'static str) -> $name {
                $name { text }
            }

            const NAMES: Names = &(&[$param] as &[&str]);

            fn values(&self) -> [Value; 4] {
                [Value::str(self.text), Value::Null, Value::Null, Value::Null]
            }

            #[cold]
            #[inline(never)]
            fn report(&self, how: How, at: &Trail<'_>, errors: &mut ValidationErrors) {
                errors.record_fixed(at, how, ($code, $template, Self::NAMES), |slots| {
                    put(&mut slots[0], Value::str(self.text));
                });
            }
        }

        impl<T: AsRef<str> + ?Sized> Rule<T> for $name {
            #[inline]
            fn check(&self, value: &T) -> Result<(), Error> {
                self.check_inline(value).map_err(Error::from)
            }

            #[inline]
            fn check_inline(&self, value: &T) -> Result<(), Fault> {
                if value.as_ref().$method(self.text) {
                    Ok(())
                } else {
                    Err(Fault::fixed($code, $template, Self::NAMES, self.values()))
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
                if !value.as_ref().$method(self.text) {
                    self.report(how, at, errors);
                }
                Ok(())
            }

            fn params(&self) -> Params {
                Params::fixed(Self::NAMES, self.values())
            }
        }
    };
}

affix_rule!(
    /// Text starting with a prefix. Parameter: `prefix`.
    Prefix, "prefix", "prefix", "must start with `{prefix}`", starts_with
);
affix_rule!(
    /// Text ending with a suffix. Parameter: `suffix`.
    Suffix, "suffix", "suffix", "must end with `{suffix}`", ends_with
);
affix_rule!(
    /// Text containing a substring. Parameter: `substring`.
    Contains, "contains", "substring", "must contain `{substring}`", contains
);

const ASCII: (&str, &str) = ("ascii", "must contain only ASCII characters");
const ALPHANUMERIC: (&str, &str) = ("alphanumeric", "must contain only letters and digits");

/// Text made of ASCII characters only.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Ascii;

impl<T: AsRef<str> + ?Sized> Rule<T> for Ascii {
    #[inline]
    fn check(&self, value: &T) -> Result<(), Error> {
        self.check_inline(value).map_err(Error::from)
    }

    #[inline]
    fn check_inline(&self, value: &T) -> Result<(), Fault> {
        if value.as_ref().is_ascii() {
            Ok(())
        } else {
            Err(Fault::new(ASCII.0, ASCII.1))
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
        if !value.as_ref().is_ascii() {
            super::report(ASCII, how, at, errors);
        }
        Ok(())
    }
}

/// Text made of letters and digits only (Unicode's alphabetic and numeric characters).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Alphanumeric;

impl<T: AsRef<str> + ?Sized> Rule<T> for Alphanumeric {
    #[inline]
    fn check(&self, value: &T) -> Result<(), Error> {
        self.check_inline(value).map_err(Error::from)
    }

    #[inline]
    fn check_inline(&self, value: &T) -> Result<(), Fault> {
        if value.as_ref().chars().all(char::is_alphanumeric) {
            Ok(())
        } else {
            Err(Fault::new(ALPHANUMERIC.0, ALPHANUMERIC.1))
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
        if !value.as_ref().chars().all(char::is_alphanumeric) {
            super::report(ALPHANUMERIC, how, at, errors);
        }
        Ok(())
    }
}

/// Text: what `pattern`, `prefix`, `suffix`, `contains`, `ascii`, `alphanumeric`, `email` and
/// `url` check. Implemented for every `AsRef<str>` type.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not text, so `pattern`, `prefix`, `suffix`, `contains`, `ascii`, `alphanumeric`, `email` and `url` do not apply to it",
    label = "this rule needs text: a type that implements `AsRef<str>`"
)]
pub trait Text: AsRef<str> {}

impl<T: AsRef<str> + ?Sized> Text for T {}
