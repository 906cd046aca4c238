//! Runtime behaviour of every built-in rule and of the error report, one module per rule family.
//!
//! Each rule is checked on both sides of each of its boundaries, and every error is asserted in
//! full: its code, its typed parameters (by name) and its rendered message. One test binary, so
//! that the families share one link.

mod check;
#[cfg(any(feature = "email", feature = "url"))]
mod format;
mod length;
mod one_of;
#[cfg(feature = "regex")]
mod pattern;
mod range;
mod report;
mod sign;
mod text;

use model_core::{Error, Rule, Value};
use std::fmt::Debug;

/// Asserts that `rule` accepts `value`.
#[track_caller]
fn passes<T: ?Sized + Debug, R: Rule<T>>(rule: &R, value: &T) {
    if let Err(error) = rule.check(value) {
        panic!("{value:?} should pass, but was rejected: {error:?}");
    }
}

/// The error of `rule` for `value`, which it must reject.
#[track_caller]
fn fails<T: ?Sized + Debug, R: Rule<T>>(rule: &R, value: &T) -> Error {
    match rule.check(value) {
        Ok(()) => panic!("{value:?} should be rejected, but passed"),
        Err(error) => error,
    }
}

/// Asserts the code, the exact set of parameters (by name, typed) and the rendered message.
#[track_caller]
fn assert_error(error: &Error, code: &str, params: &[(&str, Value)], message: &str) {
    assert_eq!(error.code(), code, "code of {error:?}");
    for (name, value) in params {
        assert_eq!(
            error.param(name),
            Some(value),
            "parameter `{name}` of {error:?}"
        );
    }
    let names: Vec<&str> = error.params().iter().map(|(name, _)| name).collect();
    assert_eq!(
        names.len(),
        params.len(),
        "parameters of {error:?}: got {names:?}"
    );
    assert_eq!(error.params().len(), params.len());
    assert_eq!(error.params().is_empty(), params.is_empty());
    assert_eq!(error.message(), message);
    assert_eq!(error.to_string(), message);
}

/// Asserts that `error` has a `value` parameter that is a NaN float.
#[track_caller]
fn assert_nan_value(error: &Error) {
    match error.param("value") {
        Some(Value::Float(v)) if v.is_nan() => {}
        other => panic!("expected a NaN `value`, got {other:?}"),
    }
}

fn int(v: i64) -> Value {
    Value::Int(v)
}

fn uint(v: u64) -> Value {
    Value::UInt(v)
}

fn float(v: f64) -> Value {
    Value::Float(v)
}

fn text(v: &'static str) -> Value {
    Value::str(v)
}
