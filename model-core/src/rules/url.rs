//! `url` (feature `url`): an absolute URI as RFC 3986 defines one (`https://example.com/a?b`).
//!
//! ```
//! use model_core::rules::{Rule, Url};
//!
//! assert!(Url.check("https://example.com/path?q=1").is_ok());
//! assert!(Url.check("not a url").is_err());
//! ```

use super::Rule;
use crate::error::How;
use crate::error::{Error, Fault, ValidationErrors};
use crate::path::Trail;
use fluent_uri::Uri;

const URL: (&str, &str) = ("url", "must be a URL");

/// An absolute URI with a scheme. Valid input is parsed in place, without allocating.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Url;

impl<T: AsRef<str> + ?Sized> Rule<T> for Url {
    #[inline]
    fn check(&self, value: &T) -> Result<(), Error> {
        self.check_inline(value).map_err(Error::from)
    }

    #[inline]
    fn check_inline(&self, value: &T) -> Result<(), Fault> {
        if Uri::parse(value.as_ref()).is_ok() {
            Ok(())
        } else {
            Err(Fault::new(URL.0, URL.1))
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
        if Uri::parse(value.as_ref()).is_err() {
            super::report(URL, how, at, errors);
        }
        Ok(())
    }
}
