//! The promise, property-tested: whatever sequence of changes is attempted through the public
//! API (typed setters, `update`, a computed setter, set-by-name with right and wrong names and
//! types), the model is valid after each one, a refused change leaves it exactly as it was, and
//! what is derived from it (a lazy field, the change record) stays in step.

use model::{ChangedFields, Changes, Error, Lazy, Model, Value};
use proptest::prelude::*;
use std::cell::Cell;

thread_local! {
    static NOTIFIED: Cell<u64> = const { Cell::new(0) };
}

#[derive(Model, Debug, Clone, PartialEq)]
#[model(check = Self::within_limit, track_changes, on_change = Self::notify)]
#[model(computed(free: i64 = Self::free, set = Self::leave_free))]
struct Account {
    /// Lowering the limit below what is used lowers the use with it.
    #[model(range(0..=1000), on_set = Self::clamp_used)]
    limit: i64,
    #[model(range(0..=1000))]
    used: i64,
    #[model(length(1..=8), each(range(0..=9)))]
    digits: Vec<u8>,
    #[model(readonly)]
    id: u32,
    #[model(lazy = Self::describe, depends_on(limit, used))]
    label: Lazy<String>,
    changes: Changes,
}

impl Account {
    fn within_limit(&self) -> Result<(), Error> {
        if self.used <= self.limit {
            Ok(())
        } else {
            Err(Error::new("over_limit", "uses more than its limit"))
        }
    }

    fn clamp_used(draft: &mut AccountDraft<'_>) {
        if draft.used() > draft.limit() {
            let limit = draft.limit();
            draft.set_used(limit);
        }
    }

    fn free(&self) -> i64 {
        self.limit - self.used
    }

    fn leave_free(draft: &mut AccountDraft<'_>, free: i64) {
        let used = draft.limit() - free;
        draft.set_used(used);
    }

    fn describe(&self) -> String {
        format!("{}/{}", self.used, self.limit)
    }

    fn notify(&self, changed: ChangedFields) {
        NOTIFIED.with(|n| n.set(n.get() | changed.bits()));
    }

    /// Every rule, checked by hand: what "valid" means for this model.
    fn holds(&self) -> bool {
        (0..=1000).contains(&self.limit)
            && (0..=1000).contains(&self.used)
            && self.used <= self.limit
            && (1..=8).contains(&self.digits.len())
            && self.digits.iter().all(|d| *d <= 9)
    }
}

#[derive(Clone, Debug)]
enum Op {
    SetLimit(i64),
    SetUsed(i64),
    SetDigits(Vec<u8>),
    SetFree(i64),
    Update(Option<i64>, Option<i64>, Option<Vec<u8>>),
    ByName(&'static str, Value),
}

fn number() -> impl Strategy<Value = i64> {
    prop_oneof![-20i64..=20, 980i64..=1020, -5i64..=1005]
}

fn digits() -> impl Strategy<Value = Vec<u8>> {
    proptest::collection::vec(0u8..=11, 0..=10)
}

fn value() -> impl Strategy<Value = Value> {
    prop_oneof![
        number().prop_map(Value::Int),
        Just(Value::Float(1.5)),
        Just(Value::from("text")),
        Just(Value::Null),
        digits().prop_map(|d| Value::List(d.into_iter().map(|x| Value::UInt(x.into())).collect())),
    ]
}

fn op() -> impl Strategy<Value = Op> {
    let names = prop_oneof![
        Just("limit"),
        Just("used"),
        Just("digits"),
        Just("id"),
        Just("free"),
        Just("label"),
        Just("limt"),
        Just("changes"),
    ];
    prop_oneof![
        number().prop_map(Op::SetLimit),
        number().prop_map(Op::SetUsed),
        digits().prop_map(Op::SetDigits),
        number().prop_map(Op::SetFree),
        (
            proptest::option::of(number()),
            proptest::option::of(number()),
            proptest::option::of(digits())
        )
            .prop_map(|(l, u, d)| Op::Update(l, u, d)),
        (names, value()).prop_map(|(n, v)| Op::ByName(n, v)),
    ]
}

fn apply(account: &mut Account, op: Op) -> Result<(), model::ValidationErrors> {
    match op {
        Op::SetLimit(v) => account.set_limit(v),
        Op::SetUsed(v) => account.set_used(v),
        Op::SetDigits(v) => account.set_digits(v),
        Op::SetFree(v) => account.set_free(v),
        Op::Update(limit, used, digits) => account.update(|draft| {
            if let Some(v) = limit {
                draft.set_limit(v);
            }
            if let Some(v) = used {
                draft.set_used(v);
            }
            if let Some(v) = digits {
                draft.set_digits(v);
            }
        }),
        Op::ByName(name, value) => account.set(name, value),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn no_sequence_of_changes_yields_an_invalid_account(ops in proptest::collection::vec(op(), 1..24)) {
        let mut account = Account::new(100, 10, vec![1, 2], 7).unwrap();
        prop_assert!(account.holds());
        for op in ops {
            let before = account.clone();
            let changes_before = account.changed_fields().bits();
            NOTIFIED.with(|n| n.set(0));
            let result = apply(&mut account, op.clone());
            prop_assert!(account.holds(), "{op:?} left {account:?}");
            prop_assert!(account.validate().is_ok());
            prop_assert_eq!(account.label(), &account.describe(), "a stale lazy field after {:?}", op);
            prop_assert_eq!(account.id(), 7);
            match result {
                Ok(()) => {
                    // What was notified is what was recorded.
                    let notified = NOTIFIED.with(Cell::get);
                    prop_assert_eq!(account.changed_fields().bits(), changes_before | notified);
                }
                Err(errors) => {
                    prop_assert!(!errors.is_empty());
                    prop_assert_eq!(&account, &before, "a refused {:?} changed the account", op);
                    prop_assert_eq!(account.changed_fields().bits(), changes_before);
                    prop_assert_eq!(NOTIFIED.with(Cell::get), 0);
                    for violation in errors.iter() {
                        prop_assert!(!violation.code().is_empty());
                        prop_assert!(!violation.message().is_empty());
                    }
                }
            }
        }
    }
}
