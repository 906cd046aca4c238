//! Effective Python, Item 30: "Consider @property instead of refactoring attributes", told in
//! Rust: the leaky-bucket quota.
//!
//! The book's `Bucket` keeps `max_quota` and `quota_consumed`, and a `quota` property computes
//! what is left; its setter asserts `max_quota >= quota_consumed`. Here that assertion is a
//! struct-level check that every change must pass: `fill` and `deduct` are `update`s, and a
//! deduct that would take the quota below zero is refused and leaves the bucket as it was.
//!
//! Time is passed in (a `Duration` since some start, as a monotonic clock gives), so that the
//! periods are exact in tests.

use model::{Error, Model, ValidationErrors, Value};
use std::fmt;
use std::time::Duration;

#[derive(Model, Debug, Clone, PartialEq)]
#[model(check = Self::consumed_within_max)]
pub struct Bucket {
    /// How long a fill lasts.
    #[model(positive)]
    period: Duration,
    /// When the current period began, on the caller's clock (time since some start).
    #[model(default = Duration::ZERO)]
    reset_time: Duration,
    /// The quota issued in this period.
    #[model(default, non_negative)]
    max_quota: i64,
    /// The quota used in this period.
    #[model(default, non_negative)]
    quota_consumed: i64,
}

impl Bucket {
    /// The book's `quota` property: what is left.
    pub fn quota(&self) -> i64 {
        self.max_quota - self.quota_consumed
    }

    fn consumed_within_max(&self) -> Result<(), Error> {
        if self.quota_consumed <= self.max_quota {
            Ok(())
        } else {
            Err(
                Error::new("quota", "cannot consume {consumed} of a quota of {max}")
                    .with_param("consumed", self.quota_consumed)
                    .with_param("max", self.max_quota),
            )
        }
    }
}

impl fmt::Display for Bucket {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "Bucket(max_quota={}, quota_consumed={})",
            self.max_quota, self.quota_consumed
        )
    }
}

/// Fills the bucket for a new period, if the last one is over; otherwise adds to it.
fn fill(bucket: &mut Bucket, amount: i64, now: Duration) -> Result<(), ValidationErrors> {
    let expired = now.saturating_sub(*bucket.reset_time()) > *bucket.period();
    bucket.update(|draft| {
        if expired {
            draft
                .set_reset_time(now)
                .set_quota_consumed(0)
                .set_max_quota(amount);
        } else {
            let max = draft.max_quota() + amount;
            draft.set_max_quota(max);
        }
    })
}

/// Uses `amount` of the quota: `false` if the period is over or the quota would go negative.
fn deduct(bucket: &mut Bucket, amount: i64, now: Duration) -> bool {
    if now.saturating_sub(*bucket.reset_time()) > *bucket.period() {
        return false;
    }
    bucket
        .update(|draft| {
            let consumed = draft.quota_consumed() + amount;
            draft.set_quota_consumed(consumed);
        })
        .is_ok()
}

fn sixty_seconds() -> Duration {
    Duration::from_secs(60)
}

#[test]
fn the_books_demo() {
    let start = Duration::from_secs(1_000);
    let mut bucket = Bucket::new(sixty_seconds()).unwrap();
    assert_eq!(bucket.to_string(), "Bucket(max_quota=0, quota_consumed=0)");
    assert_eq!(bucket.quota(), 0);

    fill(&mut bucket, 100, start).unwrap();
    assert_eq!(
        bucket.to_string(),
        "Bucket(max_quota=100, quota_consumed=0)"
    );
    assert_eq!(bucket.quota(), 100);

    assert!(deduct(&mut bucket, 99, start), "had 99 quota");
    assert_eq!(
        bucket.to_string(),
        "Bucket(max_quota=100, quota_consumed=99)"
    );
    assert_eq!(bucket.quota(), 1);

    let before = bucket.clone();
    assert!(!deduct(&mut bucket, 3, start), "not enough for 3 quota");
    assert_eq!(
        bucket.to_string(),
        "Bucket(max_quota=100, quota_consumed=99)"
    );
    assert_eq!(bucket, before, "still the same bucket");
    assert_eq!(bucket.quota(), 1);

    // The last unit can still be used, and then nothing more.
    assert!(deduct(&mut bucket, 1, start));
    assert_eq!(bucket.quota(), 0);
    assert!(!deduct(&mut bucket, 1, start));
    assert_eq!(bucket.quota(), 0);
}

#[test]
fn an_overdraft_is_refused_with_the_check_error() {
    let now = Duration::from_secs(1_000);
    let mut bucket = Bucket::new(sixty_seconds()).unwrap();
    fill(&mut bucket, 10, now).unwrap();
    let before = bucket.clone();

    let error = bucket
        .update(|draft| {
            draft.set_quota_consumed(11);
        })
        .unwrap_err();
    assert_eq!(error.len(), 1);
    let violation = &error.as_slice()[0];
    assert!(violation.path().is_root());
    assert_eq!(violation.code(), "quota");
    assert_eq!(violation.param("consumed"), Some(&Value::Int(11)));
    assert_eq!(violation.param("max"), Some(&Value::Int(10)));
    assert_eq!(error.to_string(), "cannot consume 11 of a quota of 10");
    assert_eq!(bucket, before);

    // The single-field setter is held to the same check.
    assert_eq!(
        bucket.set_quota_consumed(11).unwrap_err().to_string(),
        "cannot consume 11 of a quota of 10"
    );
    // Shrinking the quota below what was consumed is refused as well.
    bucket.set_quota_consumed(8).unwrap();
    let error = bucket.set_max_quota(5).unwrap_err();
    assert_eq!(error.as_slice()[0].code(), "quota");
    assert_eq!((bucket.max_quota(), bucket.quota_consumed()), (10, 8));
}

#[test]
fn negative_amounts_are_caught_by_the_field_rules() {
    let now = Duration::from_secs(1_000);
    let mut bucket = Bucket::new(sixty_seconds()).unwrap();
    fill(&mut bucket, 10, now).unwrap();
    let before = bucket.clone();

    // Deducting a negative amount would take `quota_consumed` below zero.
    let error = bucket
        .update(|draft| {
            draft.set_quota_consumed(-5);
        })
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        "quota_consumed: must not be negative (got -5)"
    );
    assert!(!deduct(&mut bucket, -5, now));
    assert_eq!(bucket, before);

    // A fill with a negative amount on a new period: refused, the period is not reset either.
    let later = now + Duration::from_secs(61);
    let error = fill(&mut bucket, -1, later).unwrap_err();
    assert_eq!(
        error.to_string(),
        "max_quota: must not be negative (got -1)"
    );
    assert_eq!(bucket, before);
}

#[test]
fn a_new_period_resets_the_quota() {
    let start = Duration::from_secs(1_000);
    let mut bucket = Bucket::new(sixty_seconds()).unwrap();
    fill(&mut bucket, 100, start).unwrap();
    assert!(deduct(&mut bucket, 99, start));

    // Within the period, a fill adds to the quota.
    fill(&mut bucket, 10, start + Duration::from_secs(30)).unwrap();
    assert_eq!((bucket.max_quota(), bucket.quota_consumed()), (110, 99));

    // Once the period is over, deduct refuses, and a fill starts afresh.
    let later = start + Duration::from_secs(120);
    assert!(!deduct(&mut bucket, 1, later));
    fill(&mut bucket, 50, later).unwrap();
    assert_eq!(bucket.to_string(), "Bucket(max_quota=50, quota_consumed=0)");
    assert_eq!(*bucket.reset_time(), later);
    assert!(deduct(&mut bucket, 50, later));
    assert_eq!(bucket.quota(), 0);
}

#[test]
fn the_bucket_itself_is_validated() {
    let error = Bucket::new(Duration::ZERO).unwrap_err();
    assert_eq!(error.as_slice()[0].path().to_string(), "period");
    assert_eq!(error.as_slice()[0].code(), "positive");
    assert_eq!(error.as_slice()[0].param("value"), Some(&Value::Float(0.0)));

    // The builder can start a bucket part-used, but not overdrawn.
    let error = Bucket::builder()
        .period(sixty_seconds())
        .max_quota(5)
        .quota_consumed(6)
        .build()
        .unwrap_err();
    assert_eq!(error.to_string(), "cannot consume 6 of a quota of 5");
    let bucket = Bucket::builder()
        .period(sixty_seconds())
        .max_quota(5)
        .quota_consumed(5)
        .build()
        .unwrap();
    assert_eq!(bucket.quota(), 0);

    let meta = Bucket::meta();
    assert_eq!(meta.check_list(), ["Self::consumed_within_max"]);
    let names: Vec<(&str, &str)> = meta
        .field_list()
        .iter()
        .map(|f| (f.name(), f.ty()))
        .collect();
    assert_eq!(
        names,
        [
            ("period", "Duration"),
            ("reset_time", "Duration"),
            ("max_quota", "i64"),
            ("quota_consumed", "i64"),
        ]
    );
    assert_eq!(
        meta.field("period").unwrap().documentation(),
        "How long a fill lasts."
    );
}
