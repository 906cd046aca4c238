//! Checking a valid value allocates nothing, for every built-in rule; recording violations
//! allocates little.
//!
//! A counting global allocator counts, per thread, the allocations made while a thread-local
//! flag is on, so that tests running on other threads do not disturb the count.

use model_core::__private::{self, How};
use model_core::path::Trail;
#[cfg(feature = "regex")]
use model_core::rules::Pattern;
use model_core::rules::{
    Alphanumeric, Ascii, ByteLength, Check, Contains, Length, NonEmpty, NonNegative, OneOf,
    Positive, Prefix, Range, Suffix,
};
use model_core::{Error, Rule, ValidationErrors};
use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::hint::black_box;
use std::ops::Bound::{Excluded, Included, Unbounded};
use std::time::Duration;

/// The workspace's one counting allocator (a test-only module outside this crate's package:
/// these tests run from the workspace, not from a published copy).
#[path = "../../tests/support/counting.rs"]
mod counting;

use counting::allocations;

/// Asserts that `rule` accepts `value` without allocating.
#[track_caller]
fn valid_without_allocating<T: ?Sized, R: Rule<T>>(rule: &R, value: &T) {
    let (result, count) = allocations(|| black_box(rule).check(black_box(value)));
    assert!(result.is_ok(), "the value should be valid: {:?}", result);
    assert_eq!(count, 0, "checking a valid value allocated {count} times");
}

/// Asserts that generated-style code (`__private::check` with a trail and a fresh report)
/// accepts `value` without allocating.
#[track_caller]
fn checked_without_allocating<T: ?Sized, R: Rule<T>>(rule: &R, value: &T) {
    let ((), count) = allocations(|| {
        let root = Trail::Root;
        let outer = root.field("servers");
        let item = outer.index(2);
        let at = item.field("name");
        let mut errors = ValidationErrors::new();
        __private::check(
            black_box(value),
            black_box(rule),
            How::PLAIN,
            &at,
            &mut errors,
        );
        assert!(errors.is_empty());
        black_box(errors.into_result()).unwrap();
    });
    assert_eq!(count, 0, "`__private::check` allocated {count} times");
}

/// Both of the above.
#[track_caller]
fn no_alloc<T: ?Sized, R: Rule<T>>(rule: &R, value: &T) {
    valid_without_allocating(rule, value);
    checked_without_allocating(rule, value);
}

#[test]
fn the_counter_counts() {
    let (boxed, count) = allocations(|| Box::new(black_box(7u64)));
    assert_eq!(*boxed, 7);
    assert_eq!(count, 1);
    let (text, count) = allocations(|| format!("{}-{}", black_box(1), black_box(2)));
    assert_eq!(text, "1-2");
    assert!(count >= 1);
    // An invalid value does allocate (its error), so the helper would notice a regression.
    let (result, _) = allocations(|| OneOf::new(&["a"]).check("b"));
    assert!(result.is_err());
}

#[test]
fn range_allocates_nothing_when_valid() {
    no_alloc(&Range::new(Included(1), Included(4096)), &1);
    no_alloc(&Range::new(Included(1), Included(4096)), &4096);
    no_alloc(&Range::new(Included(0i64), Excluded(10)), &9);
    no_alloc(&Range::new(Excluded(0.0), Included(1.0)), &1.0);
    no_alloc(&Range::new(Excluded(-1.0f32), Excluded(1.0)), &0.0);
    no_alloc(&Range::new(Included(18u8), Unbounded), &18);
    no_alloc(&Range::new(Excluded(0.0), Unbounded), &f64::MIN_POSITIVE);
    no_alloc(&Range::new(Unbounded, Included(100u64)), &100);
    no_alloc(&Range::new(Unbounded, Excluded(0i64)), &i64::MIN);
    no_alloc(&Range::<f64>::new(Unbounded, Unbounded), &f64::MAX);
    no_alloc(
        &Range::new(Included(Duration::from_secs(1)), Unbounded),
        &Duration::from_secs(2),
    );
    no_alloc(
        &Range::new(Included(0u128), Included(u128::MAX)),
        &u128::MAX,
    );
    // Even bounds that are themselves heap values are only compared.
    let names = Range::new(Included("a".to_string()), Excluded("n".to_string()));
    no_alloc(&names, &"hello".to_string());
}

#[test]
fn sign_rules_allocate_nothing_when_valid() {
    no_alloc(&NonNegative, &0i64);
    no_alloc(&NonNegative, &0u8);
    no_alloc(&NonNegative, &-0.0f64);
    no_alloc(&NonNegative, &Duration::ZERO);
    no_alloc(&NonNegative, &i128::MAX);
    no_alloc(&Positive, &1i32);
    no_alloc(&Positive, &f64::MIN_POSITIVE);
    no_alloc(&Positive, &1usize);
    no_alloc(&Positive, &Duration::from_nanos(1));
}

#[test]
fn length_rules_allocate_nothing_when_valid() {
    no_alloc(&Length::new(1, 64), "web-1");
    no_alloc(&Length::new(1, 3), "日本語"); // needs counting characters
    no_alloc(&Length::new(1, 1), "👍");
    no_alloc(&Length::at_least(3), "ééé");
    no_alloc(&Length::at_most(2), "éé");
    no_alloc(&Length::new(3, 3), "abc");
    no_alloc(&Length::new(0, 0), "");
    no_alloc(&Length::new(1, 8), &"owned".to_string());
    no_alloc(&Length::new(1, 8), &Cow::Borrowed("cow"));
    no_alloc(&Length::new(1, 8), &Box::<str>::from("boxed"));
    no_alloc(&Length::new(1, 2), &vec![1, 2]);
    no_alloc(&Length::at_most(2), &[1u8, 2]);
    no_alloc(&Length::at_least(1), &HashMap::from([(1, 2)]));
    no_alloc(&Length::at_least(1), &BTreeMap::from([(1, 2)]));

    no_alloc(&ByteLength::new(1, 4), "éé");
    no_alloc(&ByteLength::new(2, 2), &"ab".to_string());
    no_alloc(&ByteLength::new(0, 4), &vec![0u8; 4]);
    no_alloc(&ByteLength::new(1, usize::MAX), &[0u8; 16]);

    no_alloc(&NonEmpty, "a");
    no_alloc(&NonEmpty, &"a".to_string());
    no_alloc(&NonEmpty, &vec![0]);
    no_alloc(&NonEmpty, &HashMap::from([(1, 2)]));
}

#[cfg(feature = "regex")]
#[test]
fn pattern_allocates_nothing_when_valid_once_compiled() {
    let region = Pattern::new("^[a-z]+-[a-z]+-[0-9]+$");
    // The first check compiles the expression (and builds this thread's search cache).
    assert!(region.check("eu-west-1").is_ok());

    no_alloc(&region, "eu-west-1");
    no_alloc(&region, &"eu-west-1".to_string());
    // Other valid values, of other lengths, reuse the compiled expression and its cache.
    no_alloc(&region, "us-east-2");
    no_alloc(&region, "ap-southeast-12");
    no_alloc(&region, &Cow::Borrowed("eu-central-1"));

    static DIGIT: Pattern = Pattern::new("[0-9]");
    assert!(DIGIT.check("a1").is_ok());
    no_alloc(&DIGIT, "a1");
    no_alloc(&DIGIT, "abcdef9");
}

#[test]
fn choice_and_text_rules_allocate_nothing_when_valid() {
    static TIERS: OneOf<&str> = OneOf::new(&["small", "medium", "large"]);
    no_alloc(&TIERS, "large");
    no_alloc(&TIERS, &"medium".to_string());
    no_alloc(&TIERS, &Box::<str>::from("small"));
    no_alloc(&TIERS, &Cow::Borrowed("small"));
    no_alloc(&TIERS, &"small");
    no_alloc(&OneOf::new(&[1, 2, 4, 8]), &8);
    no_alloc(&OneOf::new(&[80u16, 443]), &443);

    no_alloc(&Prefix::new("eu-"), "eu-west-1");
    no_alloc(&Prefix::new("eu-"), &"eu-".to_string());
    no_alloc(&Suffix::new(".io"), "model.io");
    no_alloc(&Contains::new("@"), "a@b");
    no_alloc(&Contains::new("日本"), &"ようこそ日本へ".to_string());
    no_alloc(&Ascii, "plain ascii ~");
    no_alloc(&Ascii, "");
    no_alloc(&Alphanumeric, "héllo42日本");
    no_alloc(&Alphanumeric, &"abc123".to_string());
}

fn even(value: &i64) -> Result<(), Error> {
    if value % 2 == 0 {
        Ok(())
    } else {
        Err(Error::new("even", "must be even"))
    }
}

#[test]
fn check_rules_allocate_nothing_when_valid() {
    no_alloc(&Check(even), &4);
    let lowercase = Check(|value: &str| {
        if value.chars().all(|c| !c.is_uppercase()) {
            Ok(())
        } else {
            Err(Error::custom("must be lowercase"))
        }
    });
    no_alloc(&lowercase, "lower");
    // A borrowed rule is a rule.
    no_alloc(&&NonNegative, &1i64);
}

#[cfg(feature = "email")]
#[test]
fn email_allocates_nothing_when_valid() {
    use model_core::rules::Email;

    no_alloc(&Email, "ops@example.com");
    no_alloc(&Email, "first.last+tag@sub.example.co.uk");
    no_alloc(&Email, "\"quoted local\"@example.com");
    no_alloc(&Email, "ops@[127.0.0.1]");
    no_alloc(&Email, "коля@пример.рф");
    no_alloc(&Email, &"ops@example.com".to_string());
}

#[cfg(feature = "url")]
#[test]
fn url_allocates_nothing_when_valid() {
    use model_core::rules::Url;

    no_alloc(&Url, "https://example.com");
    no_alloc(&Url, "https://user:pass@example.com:8443/a/b?q=1&r=2#frag");
    no_alloc(&Url, "mailto:ops@example.com");
    no_alloc(&Url, "urn:isbn:0451450523");
    no_alloc(&Url, &"file:///etc/hosts".to_string());
}

#[test]
fn each_keys_and_values_allocate_nothing_when_valid() {
    let tags = vec!["web".to_string(), "eu".to_string(), "日本".to_string()];
    let limits = BTreeMap::from([("cpu", 4), ("disk", 8)]);

    let ((), count) = allocations(|| {
        let root = Trail::Root;
        let mut errors = ValidationErrors::new();

        let at = root.field("tags");
        __private::check(&tags, &Length::new(1, 8), How::PLAIN, &at, &mut errors);
        __private::each(black_box(&tags), &at, &mut errors, |tag, at, errors| {
            __private::check(tag, &Length::new(1, 16), How::PLAIN, at, errors);
            __private::check(tag, &NonEmpty, How::PLAIN, at, errors);
            __private::check(tag, &Alphanumeric, How::PLAIN, at, errors);
        });

        let at = root.field("limits");
        __private::keys(black_box(&limits), &at, &mut errors, |key, at, errors| {
            __private::check(*key, &Ascii, How::PLAIN, at, errors);
            __private::check(*key, &Length::new(1, 8), How::PLAIN, at, errors);
        });
        __private::values(black_box(&limits), &at, &mut errors, |value, at, errors| {
            __private::check(
                value,
                &Range::new(Included(1), Included(64)),
                How::PLAIN,
                at,
                errors,
            );
        });

        // Secret fields and custom messages cost nothing either when the value is valid.
        let how = How {
            message: Some("must be positive, not {value}"),
            secret: true,
        };
        __private::check(&5i64, &Positive, how, &root.field("pin"), &mut errors);

        assert!(errors.is_empty());
        errors.into_result().unwrap();
    });
    assert_eq!(
        count, 0,
        "validating valid collections allocated {count} times"
    );
}

#[test]
fn recording_three_violations_allocates_at_most_twice() {
    let zones = vec![1, 2, 3];
    let ((errors, count_range), count) = allocations(|| {
        let root = Trail::Root;
        let mut errors = ValidationErrors::new();
        __private::check(
            black_box(&0i64),
            &Range::new(Included(1), Included(4096)),
            How::PLAIN,
            &root.field("ram_mb"),
            &mut errors,
        );
        let after_range = counting::so_far();
        __private::check(
            black_box(""),
            &Length::new(1, 64),
            How::PLAIN,
            &root.field("name"),
            &mut errors,
        );
        __private::check(
            black_box(&zones),
            &Length::at_most(2),
            How::PLAIN,
            &root.field("zones"),
            &mut errors,
        );
        (errors, after_range)
    });
    assert_eq!(errors.len(), 3);
    assert!(
        count_range <= 1,
        "the first violation allocated {count_range} times"
    );
    assert!(
        count <= 2,
        "recording 3 violations allocated {count} times (at most 2 expected)"
    );
    // Formatting happens only when displayed, outside the counted section.
    assert_eq!(
        errors.to_string(),
        "ram_mb: must be between 1 and 4096 (got 0)\n\
         name: must have between 1 and 64 characters (got 0)\n\
         zones: must have at most 2 items (got 3)"
    );

    // Three range violations of floats, with every kind of bound.
    let (errors, count) = allocations(|| {
        let root = Trail::Root;
        let mut errors = ValidationErrors::new();
        let ratio = Range::new(Excluded(0.0), Excluded(1.0));
        for (i, value) in [-1.0, 1.0, f64::NAN].iter().enumerate() {
            let items = root.field("ratios");
            __private::check(value, &ratio, How::PLAIN, &items.index(i), &mut errors);
        }
        errors
    });
    assert_eq!(errors.len(), 3);
    assert!(count <= 2, "3 range violations allocated {count} times");
}

/// Asserts that `rule` rejects `value` and builds its error without allocating, on the inline
/// path that generated code takes; the public `check` boxes the same error, once.
#[track_caller]
#[allow(
    clippy::result_large_err,
    reason = "the inline error is large by design: it is what keeps reporting allocation-free"
)]
fn invalid_without_allocating<T: ?Sized, R: Rule<T>>(rule: &R, value: &T) {
    let (result, count) = allocations(|| black_box(rule).check_inline(black_box(value)));
    assert!(result.is_err(), "the value should be invalid");
    assert_eq!(count, 0, "building the error allocated {count} times");
    let (boxed, count) = allocations(|| black_box(rule).check(black_box(value)));
    let (boxed, inline) = (boxed.unwrap_err(), result.unwrap_err());
    assert_eq!(
        (boxed.code(), boxed.message()),
        (inline.code(), inline.message())
    );
    assert_eq!(count, 1, "the public error is boxed once");
}

#[test]
fn range_and_length_errors_are_built_without_allocating() {
    invalid_without_allocating(&Range::new(Included(1), Included(4096)), &0);
    invalid_without_allocating(&Range::new(Excluded(0.0), Excluded(1.0)), &f64::NAN);
    invalid_without_allocating(&Range::new(Included(18u8), Unbounded), &17);
    invalid_without_allocating(&Range::new(Unbounded, Excluded(0i64)), &0);
    // `length` errors have four parameters: `min`, `max`, `unit` and `length`.
    invalid_without_allocating(&Length::new(1, 64), "");
    invalid_without_allocating(&Length::new(3, 3), "日本語x");
    invalid_without_allocating(&Length::at_least(2), "a");
    invalid_without_allocating(&Length::at_most(2), &vec![1, 2, 3]);
    invalid_without_allocating(&ByteLength::new(1, 1), "é");
    invalid_without_allocating(&NonNegative, &-4i64);
    invalid_without_allocating(&Positive, &0.0);
    invalid_without_allocating(&NonEmpty, "");
}

#[test]
fn recording_three_length_violations_allocates_at_most_twice() {
    let host = "h".repeat(65);
    let (errors, count) = allocations(|| {
        let root = Trail::Root;
        let mut errors = ValidationErrors::new();
        let name = Length::new(1, 64);
        __private::check("", &name, How::PLAIN, &root.field("name"), &mut errors);
        __private::check(
            host.as_str(),
            &name,
            How::PLAIN,
            &root.field("host"),
            &mut errors,
        );
        __private::check(
            "ab",
            &Length::new(3, 3),
            How::PLAIN,
            &root.field("code"),
            &mut errors,
        );
        errors
    });
    assert_eq!(errors.len(), 3);
    assert!(count <= 2, "3 length violations allocated {count} times");
    assert_eq!(
        errors.to_string(),
        "name: must have between 1 and 64 characters (got 0)\n\
         host: must have between 1 and 64 characters (got 65)\n\
         code: must have exactly 3 characters (got 2)"
    );
}
