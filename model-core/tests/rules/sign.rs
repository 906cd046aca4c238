//! The `non_negative` and `positive` rules.

use crate::{assert_error, assert_nan_value, fails, float, int, passes, text, uint};
use model_core::rules::{NonNegative, Positive};
use model_core::Rule;
use std::time::Duration;

#[test]
fn non_negative() {
    passes(&NonNegative, &0i64);
    passes(&NonNegative, &1i64);
    passes(&NonNegative, &i64::MAX);
    passes(&NonNegative, &0u8);
    passes(&NonNegative, &0.0);
    passes(&NonNegative, &-0.0); // -0.0 == 0.0
    passes(&NonNegative, &f64::MAX);
    passes(&NonNegative, &Duration::ZERO);
    assert_error(
        &fails(&NonNegative, &f64::INFINITY),
        "non_negative",
        &[("value", float(f64::INFINITY))],
        "must be a finite number (got inf)",
    );
    assert_error(
        &fails(&NonNegative, &f32::NEG_INFINITY),
        "non_negative",
        &[("value", float(f64::NEG_INFINITY))],
        "must not be negative (got -inf)",
    );

    assert_error(
        &fails(&NonNegative, &-1i64),
        "non_negative",
        &[("value", int(-1))],
        "must not be negative (got -1)",
    );
    assert_error(
        &fails(&NonNegative, &i8::MIN),
        "non_negative",
        &[("value", int(-128))],
        "must not be negative (got -128)",
    );
    assert_error(
        &fails(&NonNegative, &-0.5f64),
        "non_negative",
        &[("value", float(-0.5))],
        "must not be negative (got -0.5)",
    );
    assert_error(
        &fails(&NonNegative, &-f64::MIN_POSITIVE),
        "non_negative",
        &[("value", float(-f64::MIN_POSITIVE))],
        "must not be negative (got -2.2250738585072014e-308)",
    );
    let nan = fails(&NonNegative, &f64::NAN);
    assert_eq!(nan.code(), "non_negative");
    assert_nan_value(&nan);
    assert_eq!(nan.params().len(), 1);
    assert_eq!(nan.message(), "must not be negative (got NaN)");
    assert_nan_value(&fails(&NonNegative, &f32::NAN));

    // Integers beyond `i64` are reported as text.
    assert_error(
        &fails(&NonNegative, &i128::MIN),
        "non_negative",
        &[("value", text("-170141183460469231731687303715884105728"))],
        "must not be negative (got -170141183460469231731687303715884105728)",
    );
    assert!(Rule::<i64>::params(&NonNegative).is_empty());
}

#[test]
fn positive() {
    passes(&Positive, &1i32);
    passes(&Positive, &1u8);
    passes(&Positive, &f64::MIN_POSITIVE);
    passes(&Positive, &f64::from_bits(1)); // the smallest subnormal
    passes(&Positive, &Duration::from_nanos(1));

    assert_error(
        &fails(&Positive, &0i32),
        "positive",
        &[("value", int(0))],
        "must be greater than 0 (got 0)",
    );
    assert_error(
        &fails(&Positive, &-1i32),
        "positive",
        &[("value", int(-1))],
        "must be greater than 0 (got -1)",
    );
    assert_error(
        &fails(&Positive, &0u64),
        "positive",
        &[("value", uint(0))],
        "must be greater than 0 (got 0)",
    );
    assert_error(
        &fails(&Positive, &0.0f64),
        "positive",
        &[("value", float(0.0))],
        "must be greater than 0 (got 0.0)",
    );
    assert_error(
        &fails(&Positive, &-0.0f64),
        "positive",
        &[("value", float(-0.0))],
        "must be greater than 0 (got -0.0)",
    );
    assert_error(
        &fails(&Positive, &Duration::ZERO),
        "positive",
        &[("value", float(0.0))],
        "must be greater than 0 (got 0.0)",
    );
    let nan = fails(&Positive, &f64::NAN);
    assert_eq!(nan.code(), "positive");
    assert_nan_value(&nan);
    assert_eq!(nan.message(), "must be greater than 0 (got NaN)");
    assert!(Rule::<f64>::params(&Positive).is_empty());
}
