//! The error report: [`Error`] (what one rule says), [`Violation`] (an error at a path) and
//! [`ValidationErrors`] (every violation of one operation, in declaration order).
//!
//! Messages are templates such as `"must be at least {min} (got {value})"`, filled from the
//! typed parameters when displayed: recording a violation formats nothing.

mod fault;
mod params;
mod report;

pub use fault::{Error, Fault};
pub use params::Params;
pub(crate) use params::{put, Names, FIXED};
pub use report::{Position, ValidationErrors, Violation};

/// The error of a key given twice in a document or a map.
#[cold]
pub(crate) fn duplicate_field() -> Error {
    Error::new("duplicate_field", "is given more than once")
}

/// How a rule's error is recorded: a field's custom message, and whether it is secret.
#[derive(Clone, Copy)]
pub struct How {
    /// The custom message, if any.
    pub message: Option<&'static str>,
    /// Whether the field is secret.
    pub secret: bool,
}

impl How {
    /// Plain: the rule's own message, values shown.
    pub const PLAIN: How = How {
        message: None,
        secret: false,
    };
}

#[cfg(test)]
mod tests {
    use super::params::*;
    use super::*;
    use crate::value::Value;
    use std::borrow::Cow;

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
