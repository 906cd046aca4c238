//! The `range` rule: every kind of bound, on both sides, floats and NaN included.

use crate::{assert_error, assert_nan_value, fails, float, int, passes, text, uint};
use model_core::rules::Range;
use model_core::Rule;
use std::ops::Bound::{Excluded, Included, Unbounded};
use std::time::Duration;

#[test]
fn range_inclusive_inclusive() {
    let rule = Range::new(Included(1), Included(4096));
    passes(&rule, &1);
    passes(&rule, &2);
    passes(&rule, &4095);
    passes(&rule, &4096);

    assert_error(
        &fails(&rule, &0),
        "range",
        &[("min", int(1)), ("max", int(4096)), ("value", int(0))],
        "must be between 1 and 4096 (got 0)",
    );
    assert_error(
        &fails(&rule, &4097),
        "range",
        &[("min", int(1)), ("max", int(4096)), ("value", int(4097))],
        "must be between 1 and 4096 (got 4097)",
    );
    assert_error(
        &fails(&rule, &i32::MIN),
        "range",
        &[
            ("min", int(1)),
            ("max", int(4096)),
            ("value", int(-2147483648)),
        ],
        "must be between 1 and 4096 (got -2147483648)",
    );

    // A single admissible value.
    let single = Range::new(Included(5), Included(5));
    passes(&single, &5);
    assert_error(
        &fails(&single, &6),
        "range",
        &[("min", int(5)), ("max", int(5)), ("value", int(6))],
        "must be between 5 and 5 (got 6)",
    );
}

#[test]
fn range_inclusive_exclusive() {
    let rule = Range::new(Included(0i64), Excluded(10i64));
    passes(&rule, &0);
    passes(&rule, &9);
    assert_error(
        &fails(&rule, &-1),
        "range",
        &[
            ("min", int(0)),
            ("exclusive_max", int(10)),
            ("value", int(-1)),
        ],
        "must be at least 0 and less than 10 (got -1)",
    );
    assert_error(
        &fails(&rule, &10),
        "range",
        &[
            ("min", int(0)),
            ("exclusive_max", int(10)),
            ("value", int(10)),
        ],
        "must be at least 0 and less than 10 (got 10)",
    );
}

#[test]
fn range_exclusive_inclusive_floats() {
    let rule = Range::new(Excluded(0.0), Included(1.0));
    passes(&rule, &f64::MIN_POSITIVE);
    passes(&rule, &0.5);
    passes(&rule, &1.0);
    assert_error(
        &fails(&rule, &0.0),
        "range",
        &[
            ("exclusive_min", float(0.0)),
            ("max", float(1.0)),
            ("value", float(0.0)),
        ],
        "must be greater than 0.0 and at most 1.0 (got 0.0)",
    );
    // -0.0 equals 0.0, so it is excluded as well, and shown with its sign.
    assert_error(
        &fails(&rule, &-0.0),
        "range",
        &[
            ("exclusive_min", float(0.0)),
            ("max", float(1.0)),
            ("value", float(-0.0)),
        ],
        "must be greater than 0.0 and at most 1.0 (got -0.0)",
    );
    let above = 1.0f64.next_up();
    assert_error(
        &fails(&rule, &above),
        "range",
        &[
            ("exclusive_min", float(0.0)),
            ("max", float(1.0)),
            ("value", float(above)),
        ],
        "must be greater than 0.0 and at most 1.0 (got 1.0000000000000002)",
    );
    assert_error(
        &fails(&rule, &f64::INFINITY),
        "range",
        &[
            ("exclusive_min", float(0.0)),
            ("max", float(1.0)),
            ("value", float(f64::INFINITY)),
        ],
        "must be greater than 0.0 and at most 1.0 (got inf)",
    );
}

#[test]
fn range_exclusive_exclusive() {
    let rule = Range::new(Excluded(-5i8), Excluded(5i8));
    passes(&rule, &-4);
    passes(&rule, &0);
    passes(&rule, &4);
    assert_error(
        &fails(&rule, &-5),
        "range",
        &[
            ("exclusive_min", int(-5)),
            ("exclusive_max", int(5)),
            ("value", int(-5)),
        ],
        "must be greater than -5 and less than 5 (got -5)",
    );
    assert_error(
        &fails(&rule, &5),
        "range",
        &[
            ("exclusive_min", int(-5)),
            ("exclusive_max", int(5)),
            ("value", int(5)),
        ],
        "must be greater than -5 and less than 5 (got 5)",
    );
}

#[test]
fn range_half_open() {
    // Unsigned bounds and values are `UInt`.
    let adult = Range::new(Included(18u8), Unbounded);
    passes(&adult, &18);
    passes(&adult, &u8::MAX);
    assert_error(
        &fails(&adult, &17),
        "range",
        &[("min", uint(18)), ("value", uint(17))],
        "must be at least 18 (got 17)",
    );

    let ratio = Range::new(Excluded(0.0f64), Unbounded);
    passes(&ratio, &f64::MIN_POSITIVE);
    passes(&ratio, &f64::MAX);
    // An open side admits no infinity: JSON could not write it back.
    assert_error(
        &fails(&ratio, &f64::INFINITY),
        "range",
        &[
            ("exclusive_min", float(0.0)),
            ("value", float(f64::INFINITY)),
        ],
        "must be a finite number (got inf)",
    );
    assert_error(
        &fails(&ratio, &0.0),
        "range",
        &[("exclusive_min", float(0.0)), ("value", float(0.0))],
        "must be greater than 0.0 (got 0.0)",
    );
    assert_error(
        &fails(&ratio, &f64::NEG_INFINITY),
        "range",
        &[
            ("exclusive_min", float(0.0)),
            ("value", float(f64::NEG_INFINITY)),
        ],
        "must be greater than 0.0 (got -inf)",
    );

    let cap = Range::new(Unbounded, Included(100u64));
    passes(&cap, &0);
    passes(&cap, &100);
    assert_error(
        &fails(&cap, &101),
        "range",
        &[("max", uint(100)), ("value", uint(101))],
        "must be at most 100 (got 101)",
    );

    let below = Range::new(Unbounded, Excluded(0i64));
    passes(&below, &i64::MIN);
    passes(&below, &-1);
    assert_error(
        &fails(&below, &0),
        "range",
        &[("exclusive_max", int(0)), ("value", int(0))],
        "must be less than 0 (got 0)",
    );
}

#[test]
fn range_unbounded_accepts_every_finite_number() {
    let rule = Range::<f64>::new(Unbounded, Unbounded);
    passes(&rule, &f64::MIN);
    passes(&rule, &0.0);
    passes(&rule, &f64::MAX);
    // No bound to compare with, but neither an infinity nor NaN is a finite number.
    for value in [f64::NEG_INFINITY, f64::INFINITY, f64::NAN] {
        assert_eq!(
            fails(&rule, &value).message(),
            format!("must be a finite number (got {value})")
        );
    }
    assert!(rule.params().is_empty());
}

#[test]
fn range_rejects_nan_against_any_bound() {
    let bounded = [
        (
            Range::new(Included(0.0), Included(1.0)),
            "must be between 0.0 and 1.0 (got NaN)",
        ),
        (
            Range::new(Included(0.0), Excluded(1.0)),
            "must be at least 0.0 and less than 1.0 (got NaN)",
        ),
        (
            Range::new(Excluded(0.0), Included(1.0)),
            "must be greater than 0.0 and at most 1.0 (got NaN)",
        ),
        (
            Range::new(Excluded(0.0), Excluded(1.0)),
            "must be greater than 0.0 and less than 1.0 (got NaN)",
        ),
        (
            Range::new(Included(0.0), Unbounded),
            "must be at least 0.0 (got NaN)",
        ),
        (
            Range::new(Excluded(0.0), Unbounded),
            "must be greater than 0.0 (got NaN)",
        ),
        (
            Range::new(Unbounded, Included(1.0)),
            "must be at most 1.0 (got NaN)",
        ),
        (
            Range::new(Unbounded, Excluded(1.0)),
            "must be less than 1.0 (got NaN)",
        ),
    ];
    for (rule, message) in bounded {
        let error = fails(&rule, &f64::NAN);
        assert_eq!(error.code(), "range");
        assert_nan_value(&error);
        assert_eq!(error.params().len(), rule.params().len() + 1);
        assert_eq!(error.message(), message);
        // -NaN too.
        assert_nan_value(&fails(&rule, &-f64::NAN));
    }
}

#[test]
fn range_f32_values_are_floats() {
    let rule = Range::new(Included(0.5f32), Included(1.5f32));
    passes(&rule, &0.5);
    passes(&rule, &1.5);
    assert_error(
        &fails(&rule, &0.25),
        "range",
        &[
            ("min", float(0.5)),
            ("max", float(1.5)),
            ("value", float(0.25)),
        ],
        "must be between 0.5 and 1.5 (got 0.25)",
    );
    assert_nan_value(&fails(&rule, &f32::NAN));
}

#[test]
fn range_of_other_ordered_types() {
    let names = Range::new(Included("a".to_string()), Excluded("n".to_string()));
    passes(&names, &"a".to_string());
    passes(&names, &"mzz".to_string());
    assert_error(
        &fails(&names, &"n".to_string()),
        "range",
        &[
            ("min", text("a")),
            ("exclusive_max", text("n")),
            ("value", text("n")),
        ],
        "must be at least a and less than n (got n)",
    );

    let timeout = Range::new(Included(Duration::from_secs(1)), Unbounded);
    passes(&timeout, &Duration::from_secs(1));
    assert_error(
        &fails(&timeout, &Duration::from_millis(500)),
        "range",
        &[("min", float(1.0)), ("value", float(0.5))],
        "must be at least 1.0 (got 0.5)",
    );

    // Integers beyond `u64` are reported as text.
    let huge = Range::new(Unbounded, Included(u128::from(u64::MAX)));
    passes(&huge, &u128::from(u64::MAX));
    assert_error(
        &fails(&huge, &(u128::from(u64::MAX) + 1)),
        "range",
        &[
            ("max", uint(u64::MAX)),
            ("value", text("18446744073709551616")),
        ],
        "must be at most 18446744073709551615 (got 18446744073709551616)",
    );
}

#[test]
fn range_params_and_accessors() {
    let rule = Range::new(Included(1), Excluded(5));
    assert_eq!(rule.min(), &Included(1));
    assert_eq!(rule.max(), &Excluded(5));
    assert!(rule.contains(&1));
    assert!(!rule.contains(&5));
    let params = Rule::<i32>::params(&rule);
    assert_eq!(params.len(), 2);
    assert_eq!(params.get("min"), Some(&int(1)));
    assert_eq!(params.get("exclusive_max"), Some(&int(5)));
    assert_eq!(params.get("max"), None);

    let params = Rule::<f64>::params(&Range::new(Excluded(0.0), Included(2.5)));
    assert_eq!(params.get("exclusive_min"), Some(&float(0.0)));
    assert_eq!(params.get("max"), Some(&float(2.5)));
    assert_eq!(params.len(), 2);
}
