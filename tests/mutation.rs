//! Hooks, computed fields, lazy fields, change tracking, access by name, frozen models and
//! secrets, each through every path that changes a model: typed setter, `update`, set-by-name.

// `foo` and `bar` are the names of Effective Python's examples.
#![allow(clippy::disallowed_names)]

use model::{ChangedFields, Changes, Error, FieldKind, Lazy, Model, Value};
use std::cell::Cell;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Item 29's `VoltageResistance`: the `on_set` hook keeps the current in step with the voltage,
/// and Ohm's law is a struct check that every change must leave true.
#[derive(Model, Debug, Clone, PartialEq)]
#[model(check = Self::ohms_law)]
struct Circuit {
    #[model(positive, on_set = Self::follow)]
    ohms: f64,
    #[model(default, range(-1000.0..=1000.0), on_set(Self::follow, init))]
    voltage: f64,
    #[model(default, range(-1.0..=1.0))]
    current: f64,
}

impl Circuit {
    fn follow(draft: &mut CircuitDraft<'_>) {
        let current = draft.voltage() / draft.ohms();
        draft.set_current(current);
    }

    fn ohms_law(&self) -> Result<(), Error> {
        if (self.voltage - self.current * self.ohms).abs() <= 1e-9 * self.voltage.abs().max(1.0) {
            Ok(())
        } else {
            Err(Error::new("ohms_law", "voltage must equal current × ohms"))
        }
    }
}

#[test]
fn on_set_runs_after_the_value_is_validated_through_every_path() {
    // `init`: the hook runs on construction too.
    let mut c = Circuit::builder()
        .ohms(100.0)
        .voltage(50.0)
        .build()
        .unwrap();
    assert_eq!(c.current(), 0.5);
    let c2 = Circuit::new(100.0).unwrap();
    assert_eq!(c2.current(), 0.0);

    c.set_voltage(10.0).unwrap();
    assert_eq!(c.current(), 0.1);

    c.update(|draft| {
        draft.set_voltage(20.0);
    })
    .unwrap();
    assert_eq!(c.current(), 0.2);

    c.set("voltage", 30).unwrap();
    assert_eq!(c.current(), 0.3);

    // The hook of `ohms` too.
    c.set_ohms(300.0).unwrap();
    assert_eq!(c.current(), 0.1);
}

#[test]
fn a_hook_whose_result_breaks_a_rule_rolls_the_whole_change_back() {
    let mut c = Circuit::new(100.0).unwrap();
    c.set_voltage(50.0).unwrap();
    let before = c.clone();

    // 200 V over 100 Ω is 2 A: the voltage is valid, the current the hook computes is not.
    let errors = c.set_voltage(200.0).unwrap_err();
    assert_eq!(errors.len(), 1);
    assert_eq!(errors.as_slice()[0].path().to_string(), "current");
    assert_eq!(errors.as_slice()[0].code(), "range");
    assert_eq!(c, before);

    let errors = c.set("voltage", 200.0).unwrap_err();
    assert_eq!(errors.as_slice()[0].path().to_string(), "current");
    assert_eq!(c, before);

    let errors = c
        .update(|draft| {
            draft.set_voltage(200.0);
        })
        .unwrap_err();
    assert_eq!(errors.as_slice()[0].path().to_string(), "current");
    assert_eq!(c, before);
}

#[test]
fn the_value_itself_is_checked_before_the_hook_runs() {
    let mut c = Circuit::new(100.0).unwrap();
    let errors = c.set_voltage(5000.0).unwrap_err();
    assert_eq!(errors.as_slice()[0].path().to_string(), "voltage");
    let errors = c.set_ohms(0.0).unwrap_err();
    assert_eq!(errors.as_slice()[0].path().to_string(), "ohms");
    assert_eq!(c, Circuit::new(100.0).unwrap());
}

#[test]
fn struct_checks_run_after_the_hooks_and_roll_back_on_failure() {
    let mut c = Circuit::new(100.0).unwrap();
    c.set_voltage(10.0).unwrap();
    let before = c.clone();
    // No hook on `current`: setting it alone breaks Ohm's law.
    let errors = c.set_current(0.5).unwrap_err();
    assert_eq!(errors.as_slice()[0].code(), "ohms_law");
    assert_eq!(c, before);
    let errors = c.set("current", 0.5).unwrap_err();
    assert_eq!(errors.as_slice()[0].code(), "ohms_law");
    assert_eq!(c, before);
    // Hooks run for the fields the caller set; a hook's own settings do not re-run hooks.
    c.update(|draft| {
        draft.set_ohms(50.0).set_voltage(25.0);
    })
    .unwrap();
    assert_eq!(c.current(), 0.5);
}

/// Item 30's bucket: `quota` is computed from the stored fields, with a setter onto them.
#[derive(Model, Debug, Clone, PartialEq)]
#[model(computed(quota: i64 = Self::quota, set = Self::fill_to))]
#[model(computed(level: f64 = Self::level))]
#[model(check = Self::within_max)]
struct Quota {
    #[model(default, non_negative)]
    max_quota: i64,
    #[model(default, non_negative)]
    quota_consumed: i64,
}

impl Quota {
    fn quota(&self) -> i64 {
        self.max_quota - self.quota_consumed
    }

    fn level(&self) -> f64 {
        if self.max_quota == 0 {
            0.0
        } else {
            self.quota() as f64 / self.max_quota as f64
        }
    }

    /// Sets what is left: a reset at 0, a new maximum above it, else what was consumed.
    fn fill_to(draft: &mut QuotaDraft<'_>, amount: i64) {
        if amount == 0 {
            draft.set_quota_consumed(0).set_max_quota(0);
        } else if amount > draft.max_quota() {
            draft.set_max_quota(amount);
        } else {
            let consumed = draft.max_quota() - amount;
            draft.set_quota_consumed(consumed);
        }
    }

    fn within_max(&self) -> Result<(), Error> {
        if self.quota_consumed <= self.max_quota {
            Ok(())
        } else {
            Err(Error::new(
                "overdraft",
                "cannot consume more than the maximum",
            ))
        }
    }
}

#[test]
fn computed_fields_are_metadata_get_by_name_and_output_only() {
    let mut q = Quota::new().unwrap();
    q.set_quota(100).unwrap();
    q.set("quota", 40).unwrap();
    q.update(|draft| {
        draft.set_quota(30);
    })
    .unwrap();
    assert_eq!(
        (q.max_quota(), q.quota_consumed(), q.quota()),
        (100, 70, 30)
    );
    assert_eq!(q.get("quota"), Ok(Value::Int(30)));
    assert_eq!(q.get("level"), Ok(Value::Float(0.3)));

    let meta = Quota::meta();
    let quota = meta.field("quota").unwrap();
    assert_eq!(quota.field_kind(), FieldKind::Computed);
    assert_eq!(quota.ty(), "i64");
    assert!(!quota.is_readonly());
    assert!(meta.field("level").unwrap().is_readonly());
    let names: Vec<&str> = q.fields().map(|(f, _)| f.name()).collect();
    assert_eq!(names, ["max_quota", "quota_consumed", "quota", "level"]);

    // A computed field without a setter cannot be set by name.
    let errors = q.set("level", 1.0).unwrap_err();
    assert_eq!(errors.as_slice()[0].code(), "readonly");
    assert_eq!(errors.as_slice()[0].path().to_string(), "level");
}

#[cfg(feature = "json")]
#[test]
fn computed_fields_are_serialized_but_never_read() {
    let mut q = Quota::new().unwrap();
    q.set_quota(10).unwrap();
    let json = serde_json::to_string(&q).unwrap();
    assert_eq!(
        json,
        r#"{"max_quota":10,"quota_consumed":0,"quota":10,"level":1.0}"#
    );
    // A model's own output reads back: the computed values are skipped, never stored.
    assert_eq!(serde_json::from_str::<Quota>(&json).unwrap(), q);
    let back: Quota =
        serde_json::from_str(r#"{"max_quota":10,"quota_consumed":4,"quota":999}"#).unwrap();
    assert_eq!(back.quota(), 6);
    // Sequence formats too: the computed values are written after the stored ones.
    let array = r#"[10, 4, 999, 0.5]"#;
    assert_eq!(serde_json::from_str::<Quota>(array).unwrap().quota(), 6);
    // Other unknown keys are still refused.
    let error =
        serde_json::from_str::<Quota>(r#"{"max_quota":1,"quota_consumed":0,"x":1}"#).unwrap_err();
    assert!(error.to_string().contains("unknown field `x`"), "{error}");
}

#[test]
fn a_computed_setter_goes_through_the_rules_and_struct_checks() {
    let mut q = Quota::new().unwrap();
    q.set_quota(10).unwrap();
    let before = q.clone();
    // Leaving -5 means consuming 15 of 10: refused by the struct check, nothing changed.
    let errors = q.set_quota(-5).unwrap_err();
    assert_eq!(errors.as_slice()[0].code(), "overdraft");
    assert_eq!(q, before);
    let errors = q.set("quota", -5).unwrap_err();
    assert_eq!(errors.as_slice()[0].code(), "overdraft");
    assert_eq!(q, before);
    q.set_quota(4).unwrap();
    let before = q.clone();
    let errors = q.set_quota_consumed(11).unwrap_err();
    assert_eq!(errors.as_slice()[0].code(), "overdraft");
    assert_eq!(q, before);
}

thread_local! {
    /// Loads of `Row::foo` on this test's thread: tests run in parallel.
    static LOADS: Cell<usize> = const { Cell::new(0) };
}

/// Item 32's `LazyDB`.
#[derive(Model, Debug, Clone, PartialEq)]
struct Row {
    #[model(range(0..))]
    exists: i64,
    #[model(lazy = Self::load_foo)]
    foo: Lazy<String>,
    #[model(lazy = Self::describe, depends_on(exists))]
    summary: Lazy<String>,
}

impl Row {
    fn load_foo(&self) -> String {
        LOADS.with(|loads| loads.set(loads.get() + 1));
        "Value for foo".to_owned()
    }

    fn describe(&self) -> String {
        format!("{} rows", self.exists)
    }
}

#[test]
fn lazy_fields_load_once_and_reset_when_what_they_depend_on_changes() {
    let mut row = Row::new(5).unwrap();
    let before = LOADS.with(Cell::get);
    assert!(format!("{row:?}").contains("not loaded"), "{row:?}");
    assert_eq!(row.foo(), "Value for foo");
    assert_eq!(row.foo(), "Value for foo");
    assert_eq!(row.get("foo"), Ok(Value::from("Value for foo")));
    assert_eq!(LOADS.with(Cell::get), before + 1);

    assert_eq!(row.summary(), "5 rows");
    row.set_exists(7).unwrap();
    assert_eq!(row.summary(), "7 rows");
    row.set("exists", 8).unwrap();
    assert_eq!(row.get("summary"), Ok(Value::from("8 rows")));
    row.update(|draft| {
        draft.set_exists(9);
    })
    .unwrap();
    assert_eq!(row.summary(), "9 rows");
    // A refused change resets nothing.
    row.set_exists(-1).unwrap_err();
    assert_eq!(row.summary(), "9 rows");
    // `foo` depends on nothing: still the first load.
    assert_eq!(LOADS.with(Cell::get), before + 1);

    // Lazy fields are no data: equality ignores them, and they are never set.
    let fresh = Row::new(9).unwrap();
    assert_eq!(row, fresh);
    let errors = row.set("foo", "x").unwrap_err();
    assert_eq!(errors.as_slice()[0].code(), "readonly");
    let meta = Row::meta().field("foo").unwrap();
    assert_eq!(meta.field_kind(), FieldKind::Lazy);
    assert_eq!(meta.ty(), "String");
}

#[cfg(feature = "json")]
#[test]
fn lazy_fields_are_not_serialized() {
    let row = Row::new(3).unwrap();
    let _ = row.foo();
    assert_eq!(serde_json::to_string(&row).unwrap(), r#"{"exists":3}"#);
    let back: Row = serde_json::from_str(r#"{"exists":3}"#).unwrap();
    assert_eq!(back.summary(), "3 rows");
    assert!(serde_json::from_str::<Row>(r#"{"exists":3,"foo":"x"}"#).is_err());
}

thread_local! {
    static SAVED: std::cell::RefCell<Vec<Vec<&'static str>>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Item 32's `SavingDB`.
#[derive(Model, Debug, Clone, PartialEq)]
#[model(track_changes, on_change = Self::save)]
#[model(computed(total: i64 = Self::total, set = Self::set_total_to))]
struct Record {
    #[model(range(0..=100))]
    foo: i64,
    #[model(default, range(0..=100))]
    bar: i64,
    #[model(readonly)]
    id: u32,
    changes: Changes,
}

impl Record {
    fn save(&self, changed: ChangedFields) {
        SAVED.with(|saved| saved.borrow_mut().push(changed.collect()));
    }

    fn total(&self) -> i64 {
        self.foo + self.bar
    }

    fn set_total_to(draft: &mut RecordDraft<'_>, total: i64) {
        let foo = draft.foo();
        draft.set_bar(total - foo);
    }
}

fn saved() -> Vec<Vec<&'static str>> {
    SAVED.with(|saved| saved.borrow_mut().drain(..).collect())
}

#[test]
fn every_successful_change_is_recorded_and_reported_once() {
    let mut r = Record::new(1, 7).unwrap();
    assert!(r.changed_fields().is_empty(), "construction is no change");
    assert!(saved().is_empty());

    r.set_foo(5).unwrap();
    r.set("bar", 6).unwrap();
    r.set_foo(500).unwrap_err();
    r.set("foo", "five").unwrap_err();
    assert_eq!(saved(), [vec!["foo"], vec!["bar"]]);
    assert_eq!(r.changed_fields().collect::<Vec<_>>(), ["foo", "bar"]);

    let batch: Vec<&str> = r.take_changes().collect();
    assert_eq!(batch, ["foo", "bar"]);
    assert!(r.changed_fields().is_empty());

    r.update(|draft| {
        draft.set_foo(10).set_bar(20);
    })
    .unwrap();
    assert_eq!(saved(), [vec!["foo", "bar"]]);
    r.set_total(50).unwrap();
    assert_eq!(r.bar(), 40);
    assert_eq!(saved(), [vec!["bar", "total"]]);
    assert!(r.changed_fields().contains("total"));

    // The tracking state is not data: equal fields, equal records.
    assert_eq!(r, {
        let mut other = Record::new(10, 7).unwrap();
        other.set_bar(40).unwrap();
        other
    });
    assert_eq!(std::mem::size_of::<Changes>(), 8);
}

#[test]
fn set_by_name_has_the_typed_setters_rules_and_errors() {
    let mut r = Record::new(1, 7).unwrap();
    let errors = r.set("fo", 3).unwrap_err();
    let violation = &errors.as_slice()[0];
    assert_eq!(violation.code(), "unknown_field");
    assert!(errors.to_string().contains("`foo`"), "{errors}");

    let errors = r.set("foo", "five").unwrap_err();
    assert_eq!(errors.as_slice()[0].code(), "invalid_type");
    assert_eq!(errors.as_slice()[0].path().to_string(), "foo");

    let errors = r.set("foo", 101).unwrap_err();
    assert_eq!(errors.as_slice()[0].code(), "range");

    let errors = r.set("id", 9).unwrap_err();
    assert_eq!(errors.as_slice()[0].code(), "readonly");
    assert_eq!(r.id(), 7);

    assert_eq!(r.get("id"), Ok(Value::UInt(7)));
    let error = r.get("idd").unwrap_err();
    assert_eq!(error.close_matches(), ["id"]);
    let all: Vec<(&str, Value)> = r.fields().map(|(f, v)| (f.name(), v)).collect();
    assert_eq!(
        all,
        [
            ("foo", Value::Int(1)),
            ("bar", Value::Int(0)),
            ("id", Value::UInt(7)),
            ("total", Value::Int(1)),
        ]
    );
}

/// `#[model(frozen)]`: constructed once, never changed (no setters, `update` or `set`).
#[derive(Model, Debug, Clone, PartialEq)]
#[model(frozen)]
struct Point {
    #[model(range(-100..=100))]
    x: i64,
    y: i64,
}

#[test]
fn a_frozen_model_is_validated_and_read_but_never_changed() {
    let p = Point::new(1, 2).unwrap();
    assert_eq!(p.get("x"), Ok(Value::Int(1)));
    assert!(Point::new(101, 0).is_err());
    assert!(Point::meta().field_list().iter().all(|f| f.is_readonly()));
}

/// Secret fields: redacted in `Debug`, in error parameters and by name.
#[derive(Model, Clone)]
struct Login {
    #[model(length(1..=32))]
    user: String,
    #[model(secret, length(8..=64))]
    password: String,
}

#[test]
fn secrets_are_redacted_everywhere_they_could_leak() {
    let mut login = Login::new("ada", "correct horse").unwrap();
    let debug = format!("{login:?}");
    assert_eq!(debug, r#"Login { user: "ada", password: [redacted] }"#);
    assert_eq!(login.get("password"), Ok(Value::REDACTED));

    let errors = login.set_password("short").unwrap_err();
    assert!(!errors.to_string().contains("short"), "{errors}");
    let errors = login.set("password", "short").unwrap_err();
    let text = format!("{errors} {errors:?}");
    assert!(!text.contains("short"), "{text}");
    // A conversion error names the value too, unless it is secret.
    #[derive(Model)]
    struct Pin {
        #[model(secret)]
        pin: u16,
    }
    let mut pin = Pin::new(1234).unwrap();
    let errors = pin.set("pin", 98765).unwrap_err();
    assert_eq!(errors.as_slice()[0].code(), "out_of_range");
    assert!(!errors.to_string().contains("98765"), "{errors}");
    assert_eq!(pin.pin(), 1234);
    let errors = Login::new("ada", "tiny").unwrap_err();
    assert!(!format!("{errors:?}").contains("tiny"));
    // The typed getter still reads it.
    assert_eq!(login.password(), "correct horse");
}

#[cfg(feature = "json")]
#[test]
fn init_hooks_run_when_deserializing_too() {
    let c: Circuit = serde_json::from_str(r#"{"ohms": 100.0, "voltage": 50.0}"#).unwrap();
    assert_eq!(c.current(), 0.5);
    // The hook's result is validated like any other value: 200 V over 100 Ω is 2 A.
    let rejected =
        serde_json::from_str::<Circuit>(r#"{"ohms": 100.0, "voltage": 200.0}"#).unwrap_err();
    assert!(rejected.to_string().contains("current"), "{rejected}");
}

static SHARED_LOADS: AtomicUsize = AtomicUsize::new(0);

#[derive(Model)]
struct Shared {
    #[model(lazy = Self::load)]
    greeting: Lazy<String>,
}

impl Shared {
    fn load(&self) -> String {
        SHARED_LOADS.fetch_add(1, Ordering::SeqCst);
        "Value for foo".to_owned()
    }
}

#[test]
fn a_lazy_field_loads_once_across_threads() {
    let row = std::sync::Arc::new(Shared::new().unwrap());
    let handles: Vec<_> = (0..4)
        .map(|_| {
            let row = std::sync::Arc::clone(&row);
            std::thread::spawn(move || row.greeting().len())
        })
        .collect();
    for handle in handles {
        assert_eq!(handle.join().unwrap(), "Value for foo".len());
    }
    assert_eq!(SHARED_LOADS.load(Ordering::SeqCst), 1);
}

#[test]
fn change_tracking_costs_eight_bytes() {
    #[derive(Model)]
    struct Plain {
        #[model(range(0..=100))]
        foo: i64,
        #[model(default, range(0..=100))]
        bar: i64,
        #[model(readonly)]
        id: u32,
    }
    assert_eq!(
        std::mem::size_of::<Record>(),
        std::mem::size_of::<Plain>() + 8
    );
}

#[cfg(feature = "json")]
#[test]
fn a_secret_never_shows_in_deserialization_errors() {
    #[derive(Model)]
    struct Pin {
        #[model(secret, range(1000..=9999))]
        pin: u16,
    }
    for json in [r#"{"pin": 98765}"#, r#"{"pin": "hunter2"}"#, r#"[98765]"#] {
        let error = serde_json::from_str::<Pin>(json).unwrap_err().to_string();
        assert!(
            !error.contains("98765") && !error.contains("hunter2"),
            "{error}"
        );
        assert!(error.contains("secret field `pin`"), "{error}");
    }
    let error = serde_json::from_str::<Pin>(r#"{"pin": 12}"#)
        .unwrap_err()
        .to_string();
    assert!(!error.contains("12 "), "{error}");
}

#[cfg(feature = "json")]
#[test]
fn a_failed_init_hook_fails_a_nested_read_too() {
    #[derive(Model, Debug)]
    struct Bench {
        #[model(nested)]
        circuits: Vec<Circuit>,
    }
    // 200 V over 100 Ω is 2 A, out of `current`'s range: refused alone and nested alike.
    let json = r#"{"ohms": 100.0, "voltage": 200.0}"#;
    assert!(serde_json::from_str::<Circuit>(json).is_err());
    let nested = format!(r#"{{"circuits": [{json}]}}"#);
    assert!(serde_json::from_str::<Bench>(&nested).is_err());
    let fine: Bench =
        serde_json::from_str(r#"{"circuits": [{"ohms": 100.0, "voltage": 50.0}]}"#).unwrap();
    assert_eq!(fine.circuits()[0].current(), 0.5);
}

/// A struct check that reads a lazy field sees it computed from the candidate state.
#[derive(Model, Debug)]
#[model(check = Self::short_label)]
struct Labeled {
    #[model(range(0..=1000))]
    x: i64,
    #[model(lazy = Self::describe, depends_on(x))]
    label: Lazy<String>,
}

impl Labeled {
    fn describe(&self) -> String {
        format!("x={}", self.x)
    }

    fn short_label(&self) -> Result<(), Error> {
        if self.label().len() <= 4 {
            Ok(())
        } else {
            Err(Error::new("long", "label too long"))
        }
    }
}

#[test]
fn struct_checks_never_judge_a_stale_lazy_field() {
    let mut l = Labeled::new(5).unwrap();
    assert_eq!(l.label(), "x=5");
    assert!(l.set_x(100).is_err(), "x=100 is too long a label");
    assert_eq!((l.x(), l.label().as_str()), (5, "x=5"));
    assert!(l.validate().is_ok());
    assert!(l
        .update(|draft| {
            draft.set_x(123);
        })
        .is_err());
    assert_eq!(
        l.label(),
        "x=5",
        "the rollback forgets what the check loaded"
    );
    l.set("x", 7).unwrap();
    assert_eq!(l.label(), "x=7");
}

#[test]
fn a_change_that_sets_nothing_is_no_change() {
    let mut r = Record::new(1, 7).unwrap();
    saved();
    r.update(|_| {}).unwrap();
    assert!(saved().is_empty());
    assert!(r.changed_fields().is_empty());
    // A computed setter set through `update` is recorded as through its own setter.
    r.update(|draft| {
        draft.set_total(9);
    })
    .unwrap();
    assert_eq!(saved(), [vec!["bar", "total"]]);
}

#[test]
fn computed_fields_follow_rename_all_and_raw_names() {
    #[derive(Model, Debug)]
    #[model(rename_all = "camelCase")]
    #[model(computed(total_power: i64 = Self::total, set = Self::apply_total))]
    #[model(computed(r#type: i64 = Self::kind))]
    struct Plant {
        #[model(default, range(0..=100))]
        max_power: i64,
    }
    impl Plant {
        fn total(&self) -> i64 {
            self.max_power
        }
        fn kind(&self) -> i64 {
            1
        }
        fn apply_total(draft: &mut PlantDraft<'_>, total: i64) {
            draft.set_max_power(total);
        }
    }
    let mut plant = Plant::new().unwrap();
    plant.set("totalPower", 40).unwrap();
    assert_eq!(plant.get("totalPower"), Ok(Value::Int(40)));
    assert_eq!(plant.get("type"), Ok(Value::Int(1)));
    let names: Vec<&str> = plant.fields().map(|(f, _)| f.name()).collect();
    assert_eq!(names, ["maxPower", "totalPower", "type"]);
    #[cfg(feature = "json")]
    assert_eq!(
        serde_json::to_string(&plant).unwrap(),
        r#"{"maxPower":40,"totalPower":40,"type":1}"#
    );
}

#[cfg(feature = "serde")]
#[test]
fn borrowed_fields_deserialize() {
    #[derive(Model, Debug)]
    struct Tag<'a> {
        #[model(check = not_blank)]
        name: &'a str,
    }
    fn not_blank(name: &&str) -> Result<(), Error> {
        if name.trim().is_empty() {
            Err(Error::new("blank", "must not be blank"))
        } else {
            Ok(())
        }
    }
    let tag: Tag<'_> = serde_json::from_str(r#"{"name": "ops"}"#).unwrap();
    assert_eq!(*tag.name(), "ops");
    assert!(serde_json::from_str::<Tag<'_>>(r#"{"name": " "}"#).is_err());
}

#[cfg(feature = "json")]
#[test]
fn a_secret_field_hides_the_values_its_nested_models_report() {
    #[derive(Model, Debug)]
    struct Inner {
        #[model(range(0..=10))]
        pin: i64,
    }
    #[derive(Model)]
    struct Outer {
        #[model(secret, nested)]
        inner: Inner,
    }
    let rejected = model::deserialize::<Outer, _>(&mut serde_json::Deserializer::from_str(
        r#"{"inner": {"pin": 424242}}"#,
    ))
    .unwrap_err();
    let errors = rejected.validation_errors().expect("a validation report");
    assert_eq!(errors.as_slice()[0].path().to_string(), "inner.pin");
    assert_eq!(errors.as_slice()[0].param("value"), Some(&Value::REDACTED));
    assert!(!errors.to_string().contains("424242"), "{errors}");
}
