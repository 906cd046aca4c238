//! Effective Python, Item 29: "Use plain attributes instead of get and set methods", in Rust.
//!
//! Python starts with public attributes and migrates to `@property` when a setter needs to do
//! more. A model generates the getter and setter from the start, so the migration costs the
//! call sites nothing: rules (`BoundedResistance`), read-only fields (`FixedResistance`) and
//! setter hooks (`VoltageResistance`: setting the voltage updates the current) are declared on
//! the field.
//!
//! Run with `cargo run --example resistor`.

use model::{Error, Model, ValidationErrors};

/// Python's plain `Resistor`: no rules, so its fields can stay public.
#[derive(Model, Debug)]
struct Resistor {
    pub ohms: f64,
    #[model(default)]
    pub voltage: f64,
    #[model(default)]
    pub current: f64,
}

/// Python's `VoltageResistance`: assigning the voltage updates the current. The `on_set` hook
/// runs after the new voltage passed its rules; Ohm's law is a struct check, so a change that
/// breaks it (setting the current alone, say) is rolled back whole. `init` runs the hook on
/// construction too, as Python's `__init__` assigns through the property.
#[derive(Model, Debug)]
#[model(check = Self::ohms_law)]
struct VoltageResistance {
    #[model(positive, on_set = Self::update_current)]
    ohms: f64,
    #[model(default, on_set(Self::update_current, init))]
    voltage: f64,
    #[model(default)]
    current: f64,
}

impl VoltageResistance {
    /// The body of Python's `@voltage.setter`, on the pending change.
    fn update_current(draft: &mut VoltageResistanceDraft<'_>) {
        let current = draft.voltage() / draft.ohms();
        draft.set_current(current);
    }

    fn ohms_law(&self) -> Result<(), Error> {
        let expected = self.current * self.ohms;
        if (self.voltage - expected).abs() <= 1e-9 * self.voltage.abs().max(1.0) {
            Ok(())
        } else {
            Err(Error::new("ohms_law", "voltage must equal current × ohms"))
        }
    }
}

/// Python's `BoundedResistance`: "ohms must be > 0", on construction and on every change.
#[derive(Model, Debug)]
struct BoundedResistance {
    #[model(positive(message = "{value} ohms must be > 0"))]
    ohms: f64,
}

/// Python's `FixedResistance`: set once. There is no `set_ohms` at all, and setting it by name
/// is refused.
#[derive(Model, Debug)]
struct FixedResistance {
    #[model(readonly)]
    ohms: f64,
}

fn main() -> Result<(), ValidationErrors> {
    let mut r1 = Resistor::new(50e3)?;
    r1.ohms = 10e3;
    r1.ohms += 5e3;
    println!("Resistor: {} ohms", r1.ohms);

    let mut r2 = VoltageResistance::new(1e3)?;
    println!("Before: {} amps", r2.current());
    r2.set_voltage(10.0)?;
    println!("After:  {} amps", r2.current());
    r2.set("voltage", 20)?;
    println!("By name, voltage = 20: {} amps", r2.get("current").unwrap());
    r2.set_ohms(4e3)?;
    println!("ohms = 4e3: {} amps", r2.current());
    match r2.set_current(1.0) {
        Err(errors) => println!("Setting the current alone breaks Ohm's law:\n{errors}"),
        Ok(()) => unreachable!("the struct check refuses it"),
    }
    println!("Unchanged: {r2:?}");

    let mut r3 = BoundedResistance::new(1e3)?;
    if let Err(errors) = r3.set_ohms(0.0) {
        println!("ValueError: {errors}");
    }
    if let Err(errors) = BoundedResistance::new(-5.0) {
        println!("ValueError: {errors}");
    }
    println!("Still {} ohms", r3.ohms());

    let mut r4 = FixedResistance::new(1e3)?;
    if let Err(errors) = r4.set("ohms", 2e3) {
        println!("AttributeError: {errors}");
    }
    println!("Still {} ohms", r4.ohms());
    Ok(())
}
