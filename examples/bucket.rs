//! Effective Python, Item 30: "Consider @property instead of refactoring attributes", in Rust.
//!
//! The leaky bucket first stored a `quota`; it now stores `max_quota` and `quota_consumed`, and
//! `quota` became a computed field: `bucket.quota()` and `bucket.set_quota(..)` keep working
//! for the old call sites (`fill` and `deduct` below are unchanged in spirit), `quota` is still
//! serialized and read by name, and the setter maps onto the two stored fields through the same
//! validation and struct checks as any other change. The `assert`s of the Python setter are a
//! struct check here: a change that breaks it is refused and the bucket left as it was.
//!
//! Run with `cargo run --example bucket`.

use model::{Error, Model, ValidationErrors};
use std::fmt;
use std::time::{Duration, SystemTime};

#[derive(Model)]
#[model(
    computed(quota: i64 = Self::quota, set = Self::apply_quota),
    check = Self::consumed_within_max
)]
struct Bucket {
    period_delta: Duration,
    #[model(default = SystemTime::now())]
    reset_time: SystemTime,
    #[model(default, non_negative)]
    max_quota: i64,
    #[model(default, non_negative)]
    quota_consumed: i64,
}

impl Bucket {
    /// Python's `@property def quota`.
    fn quota(&self) -> i64 {
        self.max_quota - self.quota_consumed
    }

    /// Python's `@quota.setter`, on the pending change.
    fn apply_quota(draft: &mut BucketDraft<'_>, amount: i64) {
        let delta = draft.max_quota() - amount;
        if amount == 0 {
            // Quota being reset for a new period.
            draft.set_quota_consumed(0).set_max_quota(0);
        } else if delta < 0 {
            // Quota being filled for the new period.
            draft.set_max_quota(amount);
        } else {
            // Quota being consumed during the period.
            let consumed = draft.quota_consumed() + delta;
            draft.set_quota_consumed(consumed);
        }
    }

    fn consumed_within_max(&self) -> Result<(), Error> {
        if self.quota_consumed <= self.max_quota {
            Ok(())
        } else {
            Err(Error::new(
                "overdraft",
                "cannot consume more quota than the maximum",
            ))
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

fn fill(bucket: &mut Bucket, amount: i64) -> Result<(), ValidationErrors> {
    let now = SystemTime::now();
    let elapsed = now.duration_since(*bucket.reset_time()).unwrap_or_default();
    if elapsed > *bucket.period_delta() {
        bucket.set_quota(0)?;
        bucket.set_reset_time(now)?;
    }
    bucket.set_quota(bucket.quota() + amount)
}

fn deduct(bucket: &mut Bucket, amount: i64) -> bool {
    let now = SystemTime::now();
    let elapsed = now.duration_since(*bucket.reset_time()).unwrap_or_default();
    if elapsed > *bucket.period_delta() {
        return false;
    }
    if bucket.quota() - amount < 0 {
        return false;
    }
    bucket.set_quota(bucket.quota() - amount).is_ok()
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut bucket = Bucket::new(Duration::from_secs(60))?;
    println!("Initial {bucket}");
    fill(&mut bucket, 100)?;
    println!("Filled {bucket}");

    if deduct(&mut bucket, 99) {
        println!("Had 99 quota");
    } else {
        println!("Not enough for 99 quota");
    }
    println!("Now {bucket}");

    if deduct(&mut bucket, 3) {
        println!("Had 3 quota");
    } else {
        println!("Not enough for 3 quota");
    }
    println!("Still {bucket}");

    // The computed field is part of the model: metadata, get-by-name, serialization.
    println!("quota by name: {}", bucket.get("quota")?);
    let json = serde_json::to_value(&bucket)?;
    println!("as JSON, quota = {}", json["quota"]);

    // Filling while quota is consumed breaks the Python setter's `assert`; here the struct
    // check refuses the change and the bucket keeps its state.
    let mut fresh = Bucket::new(Duration::from_secs(60))?;
    fresh.set_quota(10)?;
    fresh.set_quota(4)?;
    match fresh.update(|draft| {
        draft.set_quota_consumed(50);
    }) {
        Err(errors) => println!("Refused: {errors}"),
        Ok(()) => unreachable!("the struct check refuses an overdraft"),
    }
    println!("Unchanged {fresh}");
    Ok(())
}
