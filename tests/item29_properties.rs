//! Effective Python, Item 29: "Use plain attributes instead of get and set methods", told in
//! Rust.
//!
//! Rust has no properties: a struct either exposes a field or does not. A model generates the
//! getter and setter for it, and the setter is where the `@property.setter` logic goes: rules
//! that run before the value is stored, on construction and on every change.

use model::{Error, Model, Value};

/// Python's plain `Resistor`: no rules, public fields, nothing to protect.
#[derive(Model, Debug, Clone, PartialEq)]
pub struct Resistor {
    pub ohms: f64,
    #[model(default)]
    pub voltage: f64,
    #[model(default)]
    pub current: f64,
}

/// Python's `BoundedResistance`: "ohms must be > 0", on construction and on assignment.
#[derive(Model, Debug, Clone, PartialEq)]
pub struct BoundedResistance {
    #[model(positive)]
    ohms: f64,
}

/// Python's `FixedResistance`: set once, "can't set attribute" afterwards.
#[derive(Model, Debug, Clone, PartialEq)]
pub struct FixedResistance {
    #[model(readonly)]
    ohms: f64,
}

/// Python's `VoltageResistance`, whose voltage setter also updates the current. Here Ohm's law
/// is an invariant of the struct; `update` sets voltage and current together.
#[derive(Model, Debug, Clone, PartialEq)]
#[model(check = Self::ohms_law)]
pub struct VoltageResistance {
    #[model(positive)]
    ohms: f64,
    #[model(default)]
    voltage: f64,
    #[model(default)]
    current: f64,
}

impl VoltageResistance {
    fn ohms_law(&self) -> Result<(), Error> {
        if (self.voltage - self.current * self.ohms).abs() <= 1e-9 * self.voltage.abs().max(1.0) {
            Ok(())
        } else {
            Err(Error::new("ohms_law", "voltage must equal current × ohms"))
        }
    }

    /// The Python `voltage` setter: the current follows.
    pub fn apply_voltage(&mut self, voltage: f64) -> Result<(), model::ValidationErrors> {
        self.update(|draft| {
            let current = voltage / draft.ohms();
            draft.set_voltage(voltage).set_current(current);
        })
    }
}

#[test]
fn plain_attributes_need_no_rules() {
    let mut r1 = Resistor::new(50e3).unwrap();
    assert_eq!((r1.ohms(), r1.voltage(), r1.current()), (50e3, 0.0, 0.0));
    // Plain public fields, as in Python: assign and increment in place.
    r1.ohms = 10e3;
    r1.ohms += 5e3;
    assert_eq!(r1.ohms, 15e3);
    // The generated getter and setter exist too, and cannot fail.
    r1.set_ohms(20e3).unwrap();
    assert_eq!(r1.ohms(), 20e3);
    assert!(Resistor::meta()
        .field_list()
        .iter()
        .all(|f| f.rule_list().is_empty()));
}

#[test]
fn bounded_resistance_rejects_zero_and_negative_on_construction() {
    let r3 = BoundedResistance::new(1e3).unwrap();
    assert_eq!(r3.ohms(), 1e3);

    let error = BoundedResistance::new(-5.0).unwrap_err();
    assert_eq!(error.to_string(), "ohms: must be greater than 0 (got -5.0)");
    let violation = &error.as_slice()[0];
    assert_eq!(violation.path().to_string(), "ohms");
    assert_eq!(violation.code(), "positive");
    assert_eq!(violation.param("value"), Some(&Value::Float(-5.0)));

    let error = BoundedResistance::new(0.0).unwrap_err();
    assert_eq!(error.to_string(), "ohms: must be greater than 0 (got 0.0)");
    assert_eq!(error.as_slice()[0].param("value"), Some(&Value::Float(0.0)));

    // The builder too, and NaN is not "greater than zero".
    let error = BoundedResistance::builder().ohms(0.0).build().unwrap_err();
    assert_eq!(error.to_string(), "ohms: must be greater than 0 (got 0.0)");
    assert_eq!(
        BoundedResistance::new(f64::NAN).unwrap_err().as_slice()[0].code(),
        "positive"
    );
}

#[test]
fn bounded_resistance_rejects_zero_and_negative_on_set() {
    let mut r3 = BoundedResistance::new(1e3).unwrap();

    let error = r3.set_ohms(0.0).unwrap_err();
    assert_eq!(error.to_string(), "ohms: must be greater than 0 (got 0.0)");
    assert_eq!(r3.ohms(), 1e3, "the refused value is not stored");

    let error = r3.set_ohms(-5.0).unwrap_err();
    assert_eq!(error.as_slice()[0].code(), "positive");
    assert_eq!(
        error.as_slice()[0].param("value"),
        Some(&Value::Float(-5.0))
    );
    assert_eq!(r3.ohms(), 1e3);

    let error = r3.update(|draft| {
        draft.set_ohms(-0.5);
    });
    assert_eq!(
        error.unwrap_err().to_string(),
        "ohms: must be greater than 0 (got -0.5)"
    );
    assert_eq!(r3.ohms(), 1e3);

    r3.set_ohms(2e3).unwrap();
    assert_eq!(r3.ohms(), 2e3);
    assert_eq!(r3.validate(), Ok(()));
}

#[test]
fn fixed_resistance_is_set_once() {
    let r4 = FixedResistance::new(1e3).unwrap();
    assert_eq!(r4.ohms(), 1e3);
    // `r4.set_ohms(2e3)` does not compile: there is no setter (a compile-fail test proves it).
    // The metadata says so too.
    let ohms = FixedResistance::meta().field("ohms").unwrap();
    assert!(ohms.is_readonly());
    assert!(!ohms.is_default());
    assert_eq!(ohms.ty(), "f64");

    // `update` can read it but not set it; an update leaves it alone.
    let mut r4 = r4;
    r4.update(|draft| assert_eq!(draft.ohms(), 1e3)).unwrap();
    assert_eq!(r4.ohms(), 1e3);

    // The builder sets it at construction, like `__init__`.
    let r5 = FixedResistance::builder().ohms(3e3).build().unwrap();
    assert_eq!(r5.ohms(), 3e3);
}

#[test]
fn getters_cannot_have_side_effects() {
    // Python's `MysteriousResistor` changed `voltage` from the `ohms` getter. Generated getters
    // take `&self`: they cannot change anything.
    let getter: fn(&VoltageResistance) -> f64 = VoltageResistance::ohms;
    let r7 = VoltageResistance::new(10.0).unwrap();
    let before = r7.clone();
    assert_eq!(getter(&r7), 10.0);
    assert_eq!(r7, before);
}

#[test]
fn voltage_and_current_change_together() {
    let mut r2 = VoltageResistance::new(1e3).unwrap();
    assert_eq!(r2.current(), 0.0, "before: 0 amps");

    r2.apply_voltage(10.0).unwrap();
    assert_eq!(r2.voltage(), 10.0);
    assert!((r2.current() - 0.01).abs() < 1e-12, "after: 0.01 amps");

    // The same, written out: both fields in one update.
    r2.update(|draft| {
        draft.set_voltage(20.0).set_current(0.02);
    })
    .unwrap();
    assert_eq!((r2.voltage(), r2.current()), (20.0, 0.02));

    // Setting the voltage alone would break Ohm's law: refused, nothing changes.
    let error = r2.set_voltage(30.0).unwrap_err();
    assert_eq!(error.to_string(), "voltage must equal current × ohms");
    assert!(error.as_slice()[0].path().is_root());
    assert_eq!(error.as_slice()[0].code(), "ohms_law");
    assert_eq!((r2.voltage(), r2.current()), (20.0, 0.02));

    // An update that gets the current wrong is refused as a whole.
    let error = r2
        .update(|draft| {
            draft.set_voltage(30.0).set_current(1.0);
        })
        .unwrap_err();
    assert_eq!(error.as_slice()[0].code(), "ohms_law");
    assert_eq!((r2.voltage(), r2.current()), (20.0, 0.02));

    // Changing the resistance moves the current with it.
    r2.update(|draft| {
        draft.set_ohms(2e3).set_current(0.01);
    })
    .unwrap();
    assert_eq!((r2.ohms(), r2.voltage(), r2.current()), (2e3, 20.0, 0.01));

    // A bad resistance is caught by its rule, before Ohm's law is even considered.
    let error = r2
        .update(|draft| {
            draft.set_ohms(0.0).set_current(f64::INFINITY);
        })
        .unwrap_err();
    assert_eq!(error.to_string(), "ohms: must be greater than 0 (got 0.0)");
    assert_eq!((r2.ohms(), r2.voltage(), r2.current()), (2e3, 20.0, 0.01));
}
