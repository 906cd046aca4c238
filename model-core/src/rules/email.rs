//! `email` (feature `email`): an e-mail address as RFC 5322 defines one, without display name.
//!
//! ```
//! use model_core::rules::{Email, Rule};
//!
//! assert!(Email.check("ops@example.com").is_ok());
//! assert!(Email.check("ops@").is_err());
//! assert!(Email.check("Ops <ops@example.com>").is_err());
//! ```

use super::Rule;
use crate::error::How;
use crate::error::{Error, Fault, ValidationErrors};
use crate::path::Trail;
use email_address::EmailAddress;

const EMAIL: (&str, &str) = ("email", "must be an email address");

fn is_email(value: &str) -> bool {
    // Checking the two halves separately avoids the copy `EmailAddress::is_valid` makes.
    value.rsplit_once('@').is_some_and(|(local, domain)| {
        EmailAddress::is_valid_local_part(local) && EmailAddress::is_valid_domain(domain)
    })
}

/// An e-mail address (`local@domain`). Valid input is checked without allocating.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Email;

impl<T: AsRef<str> + ?Sized> Rule<T> for Email {
    #[inline]
    fn check(&self, value: &T) -> Result<(), Error> {
        self.check_inline(value).map_err(Error::from)
    }

    #[inline]
    fn check_inline(&self, value: &T) -> Result<(), Fault> {
        if is_email(value.as_ref()) {
            Ok(())
        } else {
            Err(Fault::new(EMAIL.0, EMAIL.1))
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
        if !is_email(value.as_ref()) {
            super::report(EMAIL, how, at, errors);
        }
        Ok(())
    }
}
