//! Runtime behaviour of every built-in rule and of the error report.
//!
//! Each rule is checked on both sides of each of its boundaries, and every error is asserted in
//! full: its code, its typed parameters (by name) and its rendered message.

use model_core::__private::{self, How};
use model_core::{
    Alphanumeric, Ascii, ByteLength, Check, Contains, Error, Length, NonEmpty, NonNegative, OneOf,
    Path, Pattern, Positive, Prefix, Range, Rule, Segment, Suffix, Trail, ValidationErrors, Value,
    Violation,
};
use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashMap, VecDeque};
use std::fmt::Debug;
use std::ops::Bound::{Excluded, Included, Unbounded};
use std::rc::Rc;
use std::sync::Arc;
use std::time::Duration;

// --- helpers ------------------------------------------------------------------------------------

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

// --- range --------------------------------------------------------------------------------------

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

// --- non_negative, positive ---------------------------------------------------------------------

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

// --- length, byte length, non_empty -------------------------------------------------------------

#[test]
fn length_of_text_between() {
    let rule = Length::new(2, 4);
    passes(&rule, "ab");
    passes(&rule, "abcd");
    assert_error(
        &fails(&rule, "a"),
        "length",
        &[
            ("min", uint(2)),
            ("max", uint(4)),
            ("unit", text("characters")),
            ("length", uint(1)),
        ],
        "must have between 2 and 4 characters (got 1)",
    );
    assert_error(
        &fails(&rule, "abcde"),
        "length",
        &[
            ("min", uint(2)),
            ("max", uint(4)),
            ("unit", text("characters")),
            ("length", uint(5)),
        ],
        "must have between 2 and 4 characters (got 5)",
    );
    assert_error(
        &fails(&rule, ""),
        "length",
        &[
            ("min", uint(2)),
            ("max", uint(4)),
            ("unit", text("characters")),
            ("length", uint(0)),
        ],
        "must have between 2 and 4 characters (got 0)",
    );
}

#[test]
fn length_counts_characters_not_bytes() {
    // Three characters, nine bytes.
    let rule = Length::new(1, 3);
    passes(&rule, "日本語");
    assert_error(
        &fails(&rule, "日本語x"),
        "length",
        &[
            ("min", uint(1)),
            ("max", uint(3)),
            ("unit", text("characters")),
            ("length", uint(4)),
        ],
        "must have between 1 and 3 characters (got 4)",
    );
    // One character of four bytes.
    passes(&Length::new(1, 1), "👍");
    passes(&Length::new(1, 1), "é");
    passes(&Length::at_most(2), "éé");
    passes(&Length::at_least(3), "ééé");
    passes(&Length::new(4, 4), "🦀🦀🦀🦀");
    assert_error(
        &fails(&Length::at_least(3), "éé"),
        "length",
        &[
            ("min", uint(3)),
            ("unit", text("characters")),
            ("length", uint(2)),
        ],
        "must have at least 3 characters (got 2)",
    );
    assert_error(
        &fails(&Length::at_most(2), "🦀🦀🦀"),
        "length",
        &[
            ("max", uint(2)),
            ("unit", text("characters")),
            ("length", uint(3)),
        ],
        "must have at most 2 characters (got 3)",
    );
    // Characters are Unicode scalar values: a decomposed "é" is two.
    assert_error(
        &fails(&Length::new(1, 1), "e\u{301}"),
        "length",
        &[
            ("min", uint(1)),
            ("max", uint(1)),
            ("unit", text("character")),
            ("length", uint(2)),
        ],
        "must have exactly 1 character (got 2)",
    );
}

#[test]
fn length_at_least_at_most_exact() {
    let at_least = Length::at_least(2);
    passes(&at_least, "ab");
    passes(&at_least, "a much longer text");
    assert_error(
        &fails(&at_least, "a"),
        "length",
        &[
            ("min", uint(2)),
            ("unit", text("characters")),
            ("length", uint(1)),
        ],
        "must have at least 2 characters (got 1)",
    );
    assert_error(
        &fails(&Length::at_least(1), ""),
        "length",
        &[
            ("min", uint(1)),
            ("unit", text("character")),
            ("length", uint(0)),
        ],
        "must have at least 1 character (got 0)",
    );

    let at_most = Length::at_most(3);
    passes(&at_most, "");
    passes(&at_most, "abc");
    assert_error(
        &fails(&at_most, "abcd"),
        "length",
        &[
            ("max", uint(3)),
            ("unit", text("characters")),
            ("length", uint(4)),
        ],
        "must have at most 3 characters (got 4)",
    );

    let exact = Length::new(3, 3);
    passes(&exact, "abc");
    assert_error(
        &fails(&exact, "ab"),
        "length",
        &[
            ("min", uint(3)),
            ("max", uint(3)),
            ("unit", text("characters")),
            ("length", uint(2)),
        ],
        "must have exactly 3 characters (got 2)",
    );
    assert_error(
        &fails(&exact, "abcd"),
        "length",
        &[
            ("min", uint(3)),
            ("max", uint(3)),
            ("unit", text("characters")),
            ("length", uint(4)),
        ],
        "must have exactly 3 characters (got 4)",
    );

    // Exactly zero: the `{min}` placeholder must still be filled.
    let empty = Length::new(0, 0);
    passes(&empty, "");
    assert_error(
        &fails(&empty, "a"),
        "length",
        &[
            ("min", uint(0)),
            ("max", uint(0)),
            ("unit", text("characters")),
            ("length", uint(1)),
        ],
        "must have exactly 0 characters (got 1)",
    );

    // No bounds at all.
    passes(&Length::at_least(0), "");
    passes(&Length::at_most(usize::MAX), "anything");
}

#[test]
fn length_of_text_types() {
    let rule = Length::new(1, 2);
    passes(&rule, &"ab".to_string());
    passes(&rule, &Box::<str>::from("ab"));
    passes(&rule, &Rc::<str>::from("ab"));
    passes(&rule, &Arc::<str>::from("ab"));
    passes(&rule, &Cow::Borrowed("ab"));
    passes(&rule, &Cow::<str>::Owned("ab".to_string()));
    let message = "must have between 1 and 2 characters (got 3)";
    assert_eq!(fails(&rule, &"abc".to_string()).message(), message);
    assert_eq!(fails(&rule, &Box::<str>::from("abc")).message(), message);
    assert_eq!(fails(&rule, &Arc::<str>::from("abc")).message(), message);
    assert_eq!(fails(&rule, &Cow::Borrowed("abc")).message(), message);
}

#[test]
fn length_of_collections_counts_items() {
    let rule = Length::new(1, 2);
    passes(&rule, &vec![1]);
    passes(&rule, &vec![1, 2]);
    passes(&rule, &[1, 2][..]);
    passes(&rule, &[1, 2]);
    passes(&rule, &VecDeque::from([1]));
    passes(&rule, &BTreeSet::from(["a", "b"]));
    passes(&rule, &HashMap::from([("a", 1)]));
    passes(&rule, &BTreeMap::from([("a", 1), ("b", 2)]));
    // Items, not characters: two long strings are two items.
    passes(&rule, &vec!["long text".to_string(), "日本語".to_string()]);

    let too_many = |length: u64| {
        [
            ("min", uint(1)),
            ("max", uint(2)),
            ("unit", text("items")),
            ("length", uint(length)),
        ]
    };
    assert_error(
        &fails(&rule, &vec![1, 2, 3]),
        "length",
        &too_many(3),
        "must have between 1 and 2 items (got 3)",
    );
    assert_error(
        &fails(&rule, &Vec::<i32>::new()),
        "length",
        &too_many(0),
        "must have between 1 and 2 items (got 0)",
    );
    assert_error(
        &fails(&rule, &[0u8; 3]),
        "length",
        &too_many(3),
        "must have between 1 and 2 items (got 3)",
    );
    assert_error(
        &fails(&rule, &HashMap::from([(1, 1), (2, 2), (3, 3)])),
        "length",
        &too_many(3),
        "must have between 1 and 2 items (got 3)",
    );
    assert_error(
        &fails(&Length::at_most(1), &vec![1, 2]),
        "length",
        &[
            ("max", uint(1)),
            ("unit", text("item")),
            ("length", uint(2)),
        ],
        "must have at most 1 item (got 2)",
    );
    assert_error(
        &fails(&Length::at_least(1), &Vec::<u8>::new()),
        "length",
        &[
            ("min", uint(1)),
            ("unit", text("item")),
            ("length", uint(0)),
        ],
        "must have at least 1 item (got 0)",
    );
    assert_error(
        &fails(&Length::new(2, 2), &BTreeSet::from([1])),
        "length",
        &[
            ("min", uint(2)),
            ("max", uint(2)),
            ("unit", text("items")),
            ("length", uint(1)),
        ],
        "must have exactly 2 items (got 1)",
    );
}

#[test]
fn length_params() {
    let params = Rule::<str>::params(&Length::new(1, 64));
    assert_eq!(params.len(), 3);
    assert_eq!(params.get("min"), Some(&uint(1)));
    assert_eq!(params.get("max"), Some(&uint(64)));
    assert_eq!(params.get("unit"), Some(&text("characters")));

    let params = Rule::<Vec<u8>>::params(&Length::at_least(1));
    assert_eq!(params.len(), 2);
    assert_eq!(params.get("min"), Some(&uint(1)));
    assert_eq!(params.get("unit"), Some(&text("items")));

    let params = Rule::<String>::params(&Length::at_most(8));
    assert_eq!(params.len(), 2);
    assert_eq!(params.get("max"), Some(&uint(8)));
}

#[test]
fn byte_length() {
    let rule = ByteLength::new(1, 4);
    passes(&rule, "a");
    passes(&rule, "é"); // two bytes
    passes(&rule, "éé"); // four bytes
    passes(&rule, "👍"); // four bytes
    assert_error(
        &fails(&rule, ""),
        "length",
        &[
            ("min", uint(1)),
            ("max", uint(4)),
            ("unit", text("bytes")),
            ("length", uint(0)),
        ],
        "must have between 1 and 4 bytes (got 0)",
    );
    // Two characters but five bytes.
    assert_error(
        &fails(&rule, "éé!"),
        "length",
        &[
            ("min", uint(1)),
            ("max", uint(4)),
            ("unit", text("bytes")),
            ("length", uint(5)),
        ],
        "must have between 1 and 4 bytes (got 5)",
    );

    // One character, two bytes.
    passes(&Length::new(1, 1), "é");
    assert_error(
        &fails(&ByteLength::new(1, 1), "é"),
        "length",
        &[
            ("min", uint(1)),
            ("max", uint(1)),
            ("unit", text("byte")),
            ("length", uint(2)),
        ],
        "must have exactly 1 byte (got 2)",
    );
    assert_error(
        &fails(&ByteLength::new(0, 3), "abcd"),
        "length",
        &[
            ("max", uint(3)),
            ("unit", text("bytes")),
            ("length", uint(4)),
        ],
        "must have at most 3 bytes (got 4)",
    );
    assert_error(
        &fails(&ByteLength::new(2, usize::MAX), "a"),
        "length",
        &[
            ("min", uint(2)),
            ("unit", text("bytes")),
            ("length", uint(1)),
        ],
        "must have at least 2 bytes (got 1)",
    );
    assert_error(
        &fails(&ByteLength::new(0, 0), "a"),
        "length",
        &[
            ("min", uint(0)),
            ("max", uint(0)),
            ("unit", text("bytes")),
            ("length", uint(1)),
        ],
        "must have exactly 0 bytes (got 1)",
    );

    // Byte buffers and other text types.
    passes(&rule, &vec![0u8; 4]);
    passes(&rule, &[0u8; 1]);
    passes(&rule, &b"ab"[..]);
    passes(&rule, &"abcd".to_string());
    passes(&rule, &Cow::Borrowed("ab"));
    assert_eq!(
        fails(&rule, &vec![0u8; 5]).message(),
        "must have between 1 and 4 bytes (got 5)"
    );
    assert_eq!(
        fails(&rule, &[0u8; 0]).message(),
        "must have between 1 and 4 bytes (got 0)"
    );

    let params = Rule::<str>::params(&rule);
    assert_eq!(params.len(), 3);
    assert_eq!(params.get("min"), Some(&uint(1)));
    assert_eq!(params.get("max"), Some(&uint(4)));
    assert_eq!(params.get("unit"), Some(&text("bytes")));
}

#[test]
fn non_empty() {
    passes(&NonEmpty, "a");
    passes(&NonEmpty, " ");
    passes(&NonEmpty, "é");
    passes(&NonEmpty, &"x".to_string());
    passes(&NonEmpty, &vec![0]);
    passes(&NonEmpty, &HashMap::from([(1, 2)]));
    passes(&NonEmpty, &[0u8; 1]);

    let expect = |error: Error| assert_error(&error, "non_empty", &[], "must not be empty");
    expect(fails(&NonEmpty, ""));
    expect(fails(&NonEmpty, &String::new()));
    expect(fails(&NonEmpty, &Box::<str>::from("")));
    expect(fails(&NonEmpty, &Vec::<u8>::new()));
    expect(fails(&NonEmpty, &[0u8; 0]));
    expect(fails(&NonEmpty, &HashMap::<u8, u8>::new()));
    expect(fails(&NonEmpty, &BTreeSet::<u8>::new()));
    expect(fails(&NonEmpty, &VecDeque::<u8>::new()));
    assert!(Rule::<str>::params(&NonEmpty).is_empty());
}

// --- pattern ------------------------------------------------------------------------------------

static REGION: Pattern = Pattern::new("^[a-z]+-[a-z]+-[0-9]+$");

#[test]
fn pattern() {
    passes(&REGION, "eu-west-1");
    passes(&REGION, &"us-east-12".to_string());
    passes(&REGION, &Cow::Borrowed("ap-south-0"));

    let expect = |error: Error| {
        assert_error(
            &error,
            "pattern",
            &[("pattern", text("^[a-z]+-[a-z]+-[0-9]+$"))],
            "must match the pattern `^[a-z]+-[a-z]+-[0-9]+$`",
        )
    };
    expect(fails(&REGION, "EU-WEST-1"));
    expect(fails(&REGION, "eu-west-"));
    expect(fails(&REGION, "eu-west-1 "));
    expect(fails(&REGION, ""));
    expect(fails(&REGION, &"eu-west".to_string()));

    assert_eq!(REGION.source(), "^[a-z]+-[a-z]+-[0-9]+$");
    assert!(REGION.regex().is_some());
    let params = Rule::<str>::params(&REGION);
    assert_eq!(params.len(), 1);
    assert_eq!(params.get("pattern"), Some(&text("^[a-z]+-[a-z]+-[0-9]+$")));

    // Not anchored: a match anywhere is enough.
    let digit = Pattern::new("[0-9]");
    passes(&digit, "abc1def");
    assert_eq!(
        fails(&digit, "abc").message(),
        "must match the pattern `[0-9]`"
    );

    // Unicode classes.
    let letters = Pattern::new(r"^\p{L}+$");
    passes(&letters, "日本語");
    passes(&letters, "héllo");
    assert!(letters.check("abc1").is_err());
}

#[test]
fn pattern_that_does_not_compile() {
    let broken = Pattern::new("([a-z]");
    assert!(broken.regex().is_none());
    let error = fails(&broken, "abc");
    assert_error(
        &error,
        "pattern",
        &[("pattern", text("([a-z]"))],
        "cannot be checked: the pattern `([a-z]` does not compile",
    );
    // Every value is rejected, the empty one included.
    assert_eq!(fails(&broken, "").code(), "pattern");
}

// --- one_of -------------------------------------------------------------------------------------

static TIERS: OneOf<&str> = OneOf::new(&["small", "medium", "large"]);

#[test]
fn one_of_strings() {
    passes(&TIERS, "small");
    passes(&TIERS, "large");
    passes(&TIERS, &"medium".to_string());
    passes(&TIERS, &Box::<str>::from("medium"));
    passes(&TIERS, &Cow::Borrowed("medium"));
    passes(&TIERS, &"small"); // a `&'static str` field

    let allowed = Value::List(vec![text("small"), text("medium"), text("large")]);
    let expect = |error: Error, got: &'static str| {
        assert_error(
            &error,
            "one_of",
            &[("allowed", allowed.clone()), ("value", text(got))],
            &format!(r#"must be one of ["small", "medium", "large"] (got {got})"#),
        )
    };
    expect(fails(&TIERS, "huge"), "huge");
    expect(fails(&TIERS, "Small"), "Small"); // case-sensitive
    expect(fails(&TIERS, "small "), "small ");
    expect(fails(&TIERS, ""), "");
    expect(fails(&TIERS, &"tiny".to_string()), "tiny");
    expect(fails(&TIERS, &Cow::Borrowed("xl")), "xl");
    expect(fails(&TIERS, &"xxl"), "xxl");

    let params = Rule::<str>::params(&TIERS);
    assert_eq!(params.len(), 1);
    assert_eq!(params.get("allowed"), Some(&allowed));
}

#[test]
fn one_of_integers() {
    let sizes = OneOf::new(&[1, 2, 4, 8]);
    for size in [1, 2, 4, 8] {
        passes(&sizes, &size);
    }
    let allowed = Value::List(vec![int(1), int(2), int(4), int(8)]);
    assert_error(
        &fails(&sizes, &3),
        "one_of",
        &[("allowed", allowed.clone()), ("value", int(3))],
        "must be one of [1, 2, 4, 8] (got 3)",
    );
    assert_error(
        &fails(&sizes, &0),
        "one_of",
        &[("allowed", allowed.clone()), ("value", int(0))],
        "must be one of [1, 2, 4, 8] (got 0)",
    );
    assert_error(
        &fails(&sizes, &9),
        "one_of",
        &[("allowed", allowed.clone()), ("value", int(9))],
        "must be one of [1, 2, 4, 8] (got 9)",
    );
    assert_eq!(Rule::<i32>::params(&sizes).get("allowed"), Some(&allowed));

    let ports = OneOf::new(&[80u16, 443]);
    passes(&ports, &443);
    assert_error(
        &fails(&ports, &8080),
        "one_of",
        &[
            ("allowed", Value::List(vec![uint(80), uint(443)])),
            ("value", uint(8080)),
        ],
        "must be one of [80, 443] (got 8080)",
    );

    let nothing = OneOf::<i64>::new(&[]);
    assert_error(
        &fails(&nothing, &1),
        "one_of",
        &[("allowed", Value::List(vec![])), ("value", int(1))],
        "must be one of [] (got 1)",
    );
}

// --- prefix, suffix, contains, ascii, alphanumeric ----------------------------------------------

#[test]
fn prefix() {
    let rule = Prefix::new("eu-");
    passes(&rule, "eu-west-1");
    passes(&rule, "eu-"); // the prefix alone
    passes(&rule, &"eu-central".to_string());
    let expect = |error: Error| {
        assert_error(
            &error,
            "prefix",
            &[("prefix", text("eu-"))],
            "must start with `eu-`",
        )
    };
    expect(fails(&rule, "us-east-1"));
    expect(fails(&rule, "eu"));
    expect(fails(&rule, "EU-west-1"));
    expect(fails(&rule, " eu-west-1"));
    expect(fails(&rule, ""));
    passes(&Prefix::new(""), "");
    assert_eq!(Rule::<str>::params(&rule).get("prefix"), Some(&text("eu-")));
}

#[test]
fn suffix() {
    let rule = Suffix::new(".io");
    passes(&rule, "model.io");
    passes(&rule, ".io");
    let expect = |error: Error| {
        assert_error(
            &error,
            "suffix",
            &[("suffix", text(".io"))],
            "must end with `.io`",
        )
    };
    expect(fails(&rule, "model.com"));
    expect(fails(&rule, "io"));
    expect(fails(&rule, "model.io."));
    expect(fails(&rule, "model.IO"));
    expect(fails(&rule, ""));
    passes(&Suffix::new(""), "");
    assert_eq!(Rule::<str>::params(&rule).len(), 1);
    assert_eq!(Rule::<str>::params(&rule).get("suffix"), Some(&text(".io")));
}

#[test]
fn contains() {
    let rule = Contains::new("@");
    passes(&rule, "a@b");
    passes(&rule, "@");
    passes(&rule, "ops@");
    let expect = |error: Error| {
        assert_error(
            &error,
            "contains",
            &[("substring", text("@"))],
            "must contain `@`",
        )
    };
    expect(fails(&rule, "ab"));
    expect(fails(&rule, ""));
    expect(fails(&rule, "＠")); // a full-width at sign is another character

    let word = Contains::new("日本");
    passes(&word, "ようこそ日本へ");
    assert_error(
        &fails(&word, "日 本"),
        "contains",
        &[("substring", text("日本"))],
        "must contain `日本`",
    );
    assert_eq!(
        Rule::<str>::params(&rule).get("substring"),
        Some(&text("@"))
    );
}

#[test]
fn ascii() {
    passes(&Ascii, "");
    passes(&Ascii, "abc XYZ 0123 ~!");
    passes(&Ascii, "\0\x7f"); // the first and last ASCII characters
    passes(&Ascii, &"plain".to_string());
    let expect =
        |error: Error| assert_error(&error, "ascii", &[], "must contain only ASCII characters");
    expect(fails(&Ascii, "héllo"));
    expect(fails(&Ascii, "\u{80}"));
    expect(fails(&Ascii, "abc👍"));
    assert!(Rule::<str>::params(&Ascii).is_empty());
}

#[test]
fn alphanumeric() {
    passes(&Alphanumeric, "abc123");
    passes(&Alphanumeric, "ABC");
    passes(&Alphanumeric, "héllo42"); // Unicode letters
    passes(&Alphanumeric, "日本語");
    passes(&Alphanumeric, "٣"); // an Arabic-Indic digit
    passes(&Alphanumeric, ""); // vacuously
    let expect = |error: Error| {
        assert_error(
            &error,
            "alphanumeric",
            &[],
            "must contain only letters and digits",
        )
    };
    expect(fails(&Alphanumeric, "abc-123"));
    expect(fails(&Alphanumeric, "a b"));
    expect(fails(&Alphanumeric, "_"));
    expect(fails(&Alphanumeric, "abc!"));
    expect(fails(&Alphanumeric, "👍"));
    expect(fails(&Alphanumeric, &"tab\there".to_string()));
}

// --- check --------------------------------------------------------------------------------------

fn even(value: &i64) -> Result<(), Error> {
    if value % 2 == 0 {
        Ok(())
    } else {
        Err(Error::new("even", "must be even (got {value})").with_param("value", *value))
    }
}

#[test]
fn check_with_a_function_and_a_closure() {
    let rule = Check(even);
    passes(&rule, &0);
    passes(&rule, &-2);
    assert_error(
        &fails(&rule, &3),
        "even",
        &[("value", int(3))],
        "must be even (got 3)",
    );
    assert!(Rule::<i64>::params(&rule).is_empty());

    let lowercase = Check(|value: &str| {
        if value.chars().all(|c| !c.is_uppercase()) {
            Ok(())
        } else {
            Err(Error::custom("must be lowercase"))
        }
    });
    passes(&lowercase, "abc");
    passes(&lowercase, "");
    assert_error(
        &fails(&lowercase, "aBc"),
        "custom",
        &[],
        "must be lowercase",
    );

    // A rule borrowed is a rule.
    let borrowed = &rule;
    passes(&borrowed, &4);
    assert_eq!(fails(&borrowed, &5).code(), "even");
}

// --- email, url ---------------------------------------------------------------------------------

#[cfg(feature = "email")]
#[test]
fn email() {
    use model_core::Email;

    for valid in [
        "ops@example.com",
        "first.last+tag@sub.example.co.uk",
        "o@x.io",
        "ops@localhost",
        "\"quoted local\"@example.com",
        "ops@[127.0.0.1]",
        "коля@пример.рф",
    ] {
        passes(&Email, valid);
    }
    passes(&Email, &"ops@example.com".to_string());

    for invalid in [
        "",
        "ops",
        "ops@",
        "@example.com",
        "ops@example..com",
        "ops@.example.com",
        "ops@example.com.",
        "ops@-example.com",
        "a b@example.com",
        "Ops <ops@example.com>",
        "ops@exa mple.com",
    ] {
        assert_error(
            &fails(&Email, invalid),
            "email",
            &[],
            "must be an email address",
        );
    }
    assert!(Rule::<str>::params(&Email).is_empty());
}

#[cfg(feature = "url")]
#[test]
fn url() {
    use model_core::Url;

    for valid in [
        "https://example.com",
        "https://example.com/path?q=1#frag",
        "http://user:pass@127.0.0.1:8080/",
        "mailto:ops@example.com",
        "urn:isbn:0451450523",
        "file:///etc/hosts",
    ] {
        passes(&Url, valid);
    }
    passes(&Url, &"https://example.com".to_string());

    for invalid in [
        "",
        "not a url",
        "example.com",
        "/relative/path",
        "//example.com",
        "1http://example.com",
        "https://exa mple.com",
        "https://example.com/%zz",
    ] {
        assert_error(&fails(&Url, invalid), "url", &[], "must be a URL");
    }
    assert!(Rule::<str>::params(&Url).is_empty());
}

// --- the error report ---------------------------------------------------------------------------

#[test]
fn report_displays_one_violation_per_line_in_order() {
    let mut errors = ValidationErrors::new();
    assert!(errors.is_empty());
    assert_eq!(errors.to_string(), "");

    let root = Trail::Root;
    errors.add(&root.field("cpu_cores"), fails(&NonNegative, &-4i64));
    errors.add(&root.field("name"), fails(&Length::new(1, 64), ""));
    errors.add(&root, Error::custom("the quota is exceeded"));
    errors.add(
        &root.field("tags").index(3),
        fails(&Length::at_most(8), "much-too-long"),
    );

    assert_eq!(errors.len(), 4);
    assert!(!errors.is_empty());
    assert_eq!(
        errors.to_string(),
        "cpu_cores: must not be negative (got -4)\n\
         name: must have between 1 and 64 characters (got 0)\n\
         the quota is exceeded\n\
         tags[3]: must have at most 8 characters (got 13)"
    );
    let codes: Vec<&str> = errors.iter().map(Violation::code).collect();
    assert_eq!(codes, ["non_negative", "length", "custom", "length"]);
    let paths: Vec<String> = errors.iter().map(|v| v.path().to_string()).collect();
    assert_eq!(paths, ["cpu_cores", "name", "", "tags[3]"]);
    assert!(errors.as_slice()[2].path().is_root());

    assert_eq!(errors.at("tags[3]").count(), 1);
    assert_eq!(
        errors.at("").next().unwrap().message(),
        "the quota is exceeded"
    );
    assert_eq!(errors.at("nope").count(), 0);

    let first = &errors.as_slice()[0];
    assert_eq!(first.param("value"), Some(&int(-4)));
    assert_eq!(first.params().len(), 1);
    assert_eq!(first.message(), "must not be negative (got -4)");
    assert_eq!(
        first.to_string(),
        "cpu_cores: must not be negative (got -4)"
    );
    assert_eq!(first.template(), "must not be negative (got {value})");

    // A report is a standard error, and a `Result`.
    let dynamic: &dyn std::error::Error = &errors;
    assert_eq!(dynamic.to_string(), errors.to_string());
    let result = errors.clone().into_result();
    assert_eq!(result.unwrap_err(), errors);
    assert_eq!(ValidationErrors::new().into_result(), Ok(()));

    let owned: Vec<Violation> = errors.into_iter().collect();
    assert_eq!(owned.len(), 4);
}

#[test]
fn paths_with_indices_and_keys() {
    let root = Trail::Root;
    let tags = root.field("tags");
    let third = tags.index(3);
    assert_eq!(third.to_path().to_string(), "tags[3]");
    assert_eq!(
        third.to_path().segments(),
        [Segment::Field("tags".into()), Segment::Index(3)]
    );

    let limits = root.field("limits");
    let cpu = limits.key(&"cpu");
    assert_eq!(cpu.to_path().to_string(), r#"limits["cpu"]"#);
    assert_eq!(
        cpu.to_path().segments(),
        [Segment::Field("limits".into()), Segment::Key("cpu".into())]
    );
    // Keys are quoted and escaped.
    let odd = limits.key(&"a\"b");
    assert_eq!(odd.to_path().to_string(), r#"limits["a\"b"]"#);

    // Top-level items, run-time names and deep paths (more than four steps).
    assert_eq!(root.index(0).to_path().to_string(), "[0]");
    let name = String::from("dynamic");
    let dynamic = Trail::Name(&root, &name);
    assert_eq!(dynamic.to_path().to_string(), "dynamic");
    let servers = root.field("servers");
    let second = servers.index(2);
    let labels = second.field("labels");
    let env = labels.key(&"env");
    let chars = env.field("chars");
    let first = chars.index(0);
    assert_eq!(
        first.to_path().to_string(),
        r#"servers[2].labels["env"].chars[0]"#
    );
    assert_eq!(first.to_path().segments().len(), 6);
    assert_eq!(
        format!("{first:?}"),
        r#"Trail(servers[2].labels["env"].chars[0])"#
    );
    assert!(root.to_path().is_root());
    assert_eq!(Path::field("x").to_string(), "x");

    let mut errors = ValidationErrors::new();
    errors.add(&third, fails(&Length::at_most(3), "abcd"));
    errors.add(&cpu, fails(&Range::new(Unbounded, Included(8)), &16));
    assert_eq!(
        errors.to_string(),
        "tags[3]: must have at most 3 characters (got 4)\n\
         limits[\"cpu\"]: must be at most 8 (got 16)"
    );
    assert_eq!(errors.at(r#"limits["cpu"]"#).count(), 1);
}

#[test]
fn absorb_prefixes_nested_violations() {
    // What a nested model reports, seen from itself.
    let mut inner = ValidationErrors::new();
    let root = Trail::Root;
    inner.add(&root.field("tags").index(0), fails(&NonEmpty, ""));
    inner.add(&root, Error::custom("the server is inconsistent"));

    let mut outer = ValidationErrors::new();
    outer.add(&root.field("name"), fails(&NonEmpty, ""));
    let servers = root.field("servers");
    outer.absorb(&servers.index(2), inner);
    // Nothing to absorb: nothing changes.
    outer.absorb(&servers.index(3), ValidationErrors::new());

    assert_eq!(outer.len(), 3);
    assert_eq!(
        outer.to_string(),
        "name: must not be empty\n\
         servers[2].tags[0]: must not be empty\n\
         servers[2]: the server is inconsistent"
    );
    assert_eq!(
        outer.as_slice()[1].path().segments(),
        [
            Segment::Field("servers".into()),
            Segment::Index(2),
            Segment::Field("tags".into()),
            Segment::Index(0),
        ]
    );

    // Absorbing under the root changes no path.
    let mut top = ValidationErrors::new();
    top.absorb(&Trail::Root, outer.clone());
    assert_eq!(top, outer);

    // Two levels of nesting.
    let mut cluster = ValidationErrors::new();
    let regions = root.field("regions");
    let region = regions.key(&"eu");
    cluster.absorb(&region, outer);
    assert_eq!(
        cluster.as_slice()[1].path().to_string(),
        r#"regions["eu"].servers[2].tags[0]"#
    );
}

#[test]
fn each_keys_and_values_report_positions() {
    let rule = Length::new(1, 3);
    let tags = vec!["ok", "", "fine", "abc"];
    let root = Trail::Root;
    let at = root.field("tags");
    let mut errors = ValidationErrors::new();
    __private::each(&tags, &at, &mut errors, |tag, at, errors| {
        __private::check(*tag, &rule, How::PLAIN, at, errors);
    });
    assert_eq!(
        errors.to_string(),
        "tags[1]: must have between 1 and 3 characters (got 0)\n\
         tags[2]: must have between 1 and 3 characters (got 4)"
    );

    let limits = BTreeMap::from([("cpu", 16), ("disk", 2), ("LOUD", 1)]);
    let at = root.field("limits");
    let mut errors = ValidationErrors::new();
    __private::keys(&limits, &at, &mut errors, |key, at, errors| {
        __private::check(*key, &Pattern::new("^[a-z]+$"), How::PLAIN, at, errors);
    });
    __private::values(&limits, &at, &mut errors, |value, at, errors| {
        __private::check(
            value,
            &Range::new(Included(1), Included(8)),
            How::PLAIN,
            at,
            errors,
        );
    });
    assert_eq!(
        errors.to_string(),
        "limits[\"LOUD\"]: must match the pattern `^[a-z]+$`\n\
         limits[\"cpu\"]: must be between 1 and 8 (got 16)"
    );
}

#[test]
fn custom_message_templates() {
    let root = Trail::Root;
    let at = root.field("cpu_cores");
    let rule = Range::new(Included(1), Included(64));
    let mut errors = ValidationErrors::new();
    let how = How {
        message: Some("cores: {min}..={max}, not {value}"),
        secret: false,
    };
    __private::check(&0, &rule, how, &at, &mut errors);
    __private::check(&8, &rule, how, &at, &mut errors); // valid: nothing recorded
    assert_eq!(errors.len(), 1);
    let violation = &errors.as_slice()[0];
    // The code and parameters are the rule's; only the message changes.
    assert_eq!(violation.code(), "range");
    assert_eq!(violation.param("min"), Some(&int(1)));
    assert_eq!(violation.param("max"), Some(&int(64)));
    assert_eq!(violation.param("value"), Some(&int(0)));
    assert_eq!(violation.message(), "cores: 1..=64, not 0");
    assert_eq!(errors.to_string(), "cpu_cores: cores: 1..=64, not 0");

    // Unknown placeholders and unclosed braces are kept as written.
    let error = Error::new("grade", "{min} to {max}, {unknown} {value")
        .with_param("min", 0)
        .with_param("max", 100u8);
    assert_eq!(error.message(), "0 to 100, {unknown} {value");
    assert_eq!(error.template(), "{min} to {max}, {unknown} {value");

    // Placeholders may repeat and be adjacent.
    let error = Error::new("x", "{a}{a}-{b}")
        .with_param("a", "A")
        .with_param("b", 2.5);
    assert_eq!(error.message(), "AA-2.5");

    // Every kind of value renders.
    let error = Error::new("x", "{n} {b} {l} {m}")
        .with_param("n", Value::Null)
        .with_param("b", true)
        .with_param("l", vec!["a", "b"])
        .with_param("m", Value::Map(vec![("k".to_string(), int(1))]));
    assert_eq!(error.message(), r#"null true ["a", "b"] {k: 1}"#);

    // A parameter set twice keeps its place and takes the new value.
    let error = Error::new("x", "{a}").with_param("a", 1).with_param("a", 2);
    assert_eq!(error.params().len(), 1);
    assert_eq!(error.message(), "2");

    // Message and code can both be replaced.
    let error = fails(&NonEmpty, "")
        .with_message("give it a name")
        .with_code("missing_name");
    assert_eq!(error.code(), "missing_name");
    assert_eq!(error.message(), "give it a name");
    assert_eq!(Error::required().code(), "required");
    assert_eq!(Error::required().message(), "is required");
}

#[test]
fn redact_hides_the_offending_value() {
    let rule = Range::new(Included(1000), Included(9999));
    let mut error = fails(&rule, &42);
    error.redact();
    // Alone, an error cannot tell its rule's configuration from what came of the value: every
    // parameter is hidden. (A secret field's rule shows its declared bounds again: below.)
    assert_error(
        &error,
        "range",
        &[
            ("min", Value::REDACTED),
            ("max", Value::REDACTED),
            ("value", Value::REDACTED),
        ],
        "must be between [redacted] and [redacted] (got [redacted])",
    );

    // Through generated code: secret fields, with and without a custom message.
    let root = Trail::Root;
    let at = root.field("pin");
    let mut errors = ValidationErrors::new();
    let secret = How {
        message: None,
        secret: true,
    };
    __private::check(&42, &rule, secret, &at, &mut errors);
    __private::check(&"hunter2", &TIERS, secret, &at, &mut errors);
    let secret_message = How {
        message: Some("bad pin {value}"),
        secret: true,
    };
    __private::check(&7, &rule, secret_message, &at, &mut errors);
    assert_eq!(
        errors.to_string(),
        "pin: must be between 1000 and 9999 (got [redacted])\n\
         pin: must be one of [\"small\", \"medium\", \"large\"] (got [redacted])\n\
         pin: bad pin [redacted]"
    );
    assert!(!errors.to_string().contains("hunter2"));

    // A rule's configuration shows for a secret field: it does not come from the value.
    let mut errors = ValidationErrors::new();
    __private::check("pk-123", &Prefix::new("sk-"), secret, &at, &mut errors);
    assert_eq!(errors.to_string(), "pin: must start with `sk-`");
}

#[test]
fn violations_can_be_built_and_collected() {
    let mut errors =
        ValidationErrors::from(Violation::new(Path::field("a"), Error::custom("first")));
    errors.push(Violation::new(Path::root(), Error::custom("second")));
    errors.extend([Violation::new(Path::field("c"), Error::custom("third"))]);
    let mut prefixed = Violation::new(Path::field("d"), Error::custom("fourth"));
    prefixed.prepend(&Path::field("outer"));
    errors.push(prefixed);
    assert_eq!(
        errors.to_string(),
        "a: first\nsecond\nc: third\nouter.d: fourth"
    );
    let messages: Vec<String> = (&errors).into_iter().map(Violation::message).collect();
    assert_eq!(messages, ["first", "second", "third", "fourth"]);
}
