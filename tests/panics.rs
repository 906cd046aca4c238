//! A panic in user code (a rule, a struct check, an `on_set` hook, a lazy loader, `on_change`)
//! during a change, caught by the caller, leaves the model exactly as before the change, or (for
//! `on_change`, which runs once the change is committed) exactly as after it: never between.

use model::{ChangedFields, Changes, Error, Lazy, Model};
use std::cell::Cell;
use std::panic::{catch_unwind, AssertUnwindSafe};

thread_local! {
    /// Which piece of user code panics next.
    static PANIC_IN: Cell<&'static str> = const { Cell::new("") };
}

fn panics_here(place: &'static str) {
    if PANIC_IN.with(Cell::get) == place {
        panic!("{place} panicked");
    }
}

#[derive(Model, Debug, Clone, PartialEq)]
#[model(check = Self::fits, track_changes, on_change = Self::changed)]
#[model(computed(total: i64 = Self::total, set = Self::split_total))]
struct Budget {
    #[model(range(0..=1000), check = Self::sane, on_set = Self::follow)]
    limit: i64,
    #[model(range(0..=1000))]
    used: i64,
    #[model(lazy = Self::describe, depends_on(limit, used))]
    label: Lazy<String>,
    changes: Changes,
}

impl Budget {
    fn sane(_: &i64) -> Result<(), Error> {
        panics_here("rule");
        Ok(())
    }
    fn follow(draft: &mut BudgetDraft<'_>) {
        panics_here("on_set");
        let used = draft.used().min(draft.limit());
        draft.set_used(used);
    }
    fn fits(&self) -> Result<(), Error> {
        panics_here("check");
        // The struct check reads the lazy field: its loader runs inside the check.
        if self.label().is_empty() {
            return Err(Error::new("label", "has no label"));
        }
        if self.used <= self.limit {
            Ok(())
        } else {
            Err(Error::new("fits", "uses more than its limit"))
        }
    }
    fn describe(&self) -> String {
        panics_here("loader");
        format!("{}/{}", self.used, self.limit)
    }
    fn total(&self) -> i64 {
        self.limit + self.used
    }
    fn split_total(draft: &mut BudgetDraft<'_>, total: i64) {
        panics_here("computed");
        draft.set_limit(total / 2).set_used(total / 2);
    }
    fn changed(&self, _: ChangedFields) {
        panics_here("on_change");
    }
}

/// A way of changing a budget, by name.
type Change = (&'static str, fn(&mut Budget));

/// Each way of changing a budget, from 100/10 towards 200/20.
fn changes() -> Vec<Change> {
    vec![
        ("set_limit", |b| drop(b.set_limit(200))),
        ("set_used", |b| drop(b.set_used(20))),
        ("update", |b| {
            drop(b.update(|d| {
                d.set_limit(200).set_used(20);
            }))
        }),
        ("set by name", |b| drop(b.set("limit", 200))),
        ("computed setter", |b| drop(b.set_total(220))),
    ]
}

fn budget() -> Budget {
    let mut budget = Budget::new(100, 10).unwrap();
    let _ = budget.take_changes();
    assert_eq!(budget.label(), "10/100");
    budget
}

/// Runs `change` with a panic planted in `place`; returns whether it panicked.
fn run(budget: &mut Budget, place: &'static str, change: fn(&mut Budget)) -> bool {
    PANIC_IN.with(|p| p.set(place));
    let panicked = catch_unwind(AssertUnwindSafe(|| change(budget))).is_err();
    PANIC_IN.with(|p| p.set(""));
    panicked
}

/// The model is consistent: valid, and its lazy field agrees with its data.
fn consistent(budget: &Budget) {
    assert_eq!(budget.validate(), Ok(()));
    assert_eq!(
        *budget.label(),
        format!("{}/{}", budget.used(), budget.limit())
    );
}

#[test]
fn a_panic_before_the_change_is_committed_leaves_the_model_as_it_was() {
    for place in ["rule", "on_set", "check", "loader", "computed"] {
        for (how, change) in changes() {
            let mut budget = budget();
            let before = budget.clone();
            let panicked = run(&mut budget, place, change);
            if !panicked {
                // This way of changing does not reach that code (no hook for `used`...).
                continue;
            }
            assert_eq!(budget, before, "{how}, panic in {place}");
            assert_eq!(
                budget.changed_fields().count(),
                0,
                "{how}, panic in {place}"
            );
            consistent(&budget);
        }
    }
}

#[test]
fn the_struct_check_panicking_is_caught_on_every_path() {
    // The struct check runs on every change, so each way of changing reaches it.
    for (how, change) in changes() {
        let mut budget = budget();
        let before = budget.clone();
        assert!(run(&mut budget, "check", change), "{how}");
        assert_eq!(budget, before, "{how}");
        consistent(&budget);
        // And the model still changes normally afterwards.
        change(&mut budget);
        assert_ne!(budget, before, "{how}");
        consistent(&budget);
    }
}

#[test]
fn a_panic_in_on_change_comes_after_the_change_is_committed_and_recorded() {
    for (how, change) in changes() {
        let mut budget = budget();
        let before = budget.clone();
        assert!(run(&mut budget, "on_change", change), "{how}");
        assert_ne!(budget, before, "{how}");
        assert!(budget.changed_fields().count() > 0, "{how}");
        consistent(&budget);
    }
}
