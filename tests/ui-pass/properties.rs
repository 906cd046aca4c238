//! Every option of hooks, computed and lazy fields, change tracking and frozen models, on
//! documented public models, compiles without a warning under the strictest lints.

#![deny(warnings, unused_qualifications, missing_docs)]

use model::{ChangedFields, Changes, Error, Lazy, Model};

/// A circuit.
#[derive(Model, Debug, Clone, PartialEq)]
#[model(check = Self::ohms_law, track_changes, on_change = Self::saved)]
#[model(computed(power: f64 = Self::power, set = Self::apply_power))]
#[model(computed(label: String = Self::label))]
pub struct Circuit {
    /// Ohms.
    #[model(positive, on_set = Self::follow)]
    ohms: f64,
    /// Volts.
    #[model(default, on_set(Self::follow, init))]
    voltage: f64,
    /// Amperes.
    #[model(default)]
    current: f64,
    /// A description, computed once.
    #[model(lazy = Self::describe, depends_on(ohms, voltage))]
    description: Lazy<String>,
    /// What changed.
    changes: Changes,
}

impl Circuit {
    fn follow(draft: &mut CircuitDraft<'_>) {
        let current = draft.voltage() / draft.ohms();
        draft.set_current(current);
    }

    fn ohms_law(&self) -> Result<(), Error> {
        if (self.voltage - self.current * self.ohms).abs() < 1e-9 {
            Ok(())
        } else {
            Err(Error::new("ohms_law", "voltage must equal current × ohms"))
        }
    }

    fn power(&self) -> f64 {
        self.voltage * self.current
    }

    fn apply_power(draft: &mut CircuitDraft<'_>, power: f64) {
        let voltage = (power * draft.ohms()).sqrt();
        draft.set_voltage(voltage);
    }

    fn label(&self) -> String {
        format!("{} Ω", self.ohms)
    }

    fn describe(&self) -> String {
        format!("{} V over {} Ω", self.voltage, self.ohms)
    }

    fn saved(&self, changed: ChangedFields) {
        let _ = changed.count();
    }
}

/// A frozen point.
#[derive(Model, Debug, Clone, Copy, PartialEq)]
#[model(frozen)]
pub struct Point {
    /// X.
    #[model(range(-100..=100))]
    x: i64,
    /// Y.
    y: i64,
}

/// A generic page with a lazy summary.
#[derive(Model, Debug)]
pub struct Page<T: Clone + std::fmt::Debug> {
    /// The items.
    #[model(length(..=10))]
    items: Vec<T>,
    /// How many, computed once.
    #[model(lazy = Self::count_items, depends_on(items))]
    count: Lazy<usize>,
}

impl<T: Clone + std::fmt::Debug> Page<T> {
    fn count_items(&self) -> usize {
        self.items.len()
    }
}

/// Credentials.
#[derive(Model, Clone)]
pub struct Login {
    /// The user.
    #[model(length(1..=32))]
    user: String,
    /// Never shown.
    #[model(secret, length(8..))]
    password: String,
}

fn main() {
    let mut circuit = Circuit::new(100.0).unwrap();
    circuit.set_voltage(10.0).unwrap();
    circuit.set("ohms", 50).unwrap();
    circuit.set_power(2.0).unwrap();
    assert!(circuit.description().contains("50"));
    assert_eq!(circuit.take_changes().count(), 4);
    let point = Point::new(1, 2).unwrap();
    assert_eq!(point.x(), 1);
    let mut page = Page::new(vec!['a']).unwrap();
    assert_eq!(*page.count(), 1);
    page.set_items(vec!['a', 'b']).unwrap();
    assert_eq!(*page.count(), 2);
    let login = Login::new("ada", "correct horse").unwrap();
    assert!(!format!("{login:?}").contains("horse"));
}
