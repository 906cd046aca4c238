//! Models written by `macro_rules!` macros: the tokens of a model then come from two places (the
//! macro's own body and what its caller passed in), and the generated code must read its own
//! variables whichever of the two wrote the rule, hook or option around them. Clippy lints this
//! file with the rest of the crate, so the generated code must not warn either.
#![cfg(all(feature = "json", feature = "regex"))]

use model::{ChangedFields, Changes, Lazy, Model, Value};
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};

/// The derive is written here; the fields, with their rules and options, by the caller.
macro_rules! model {
    ($(#[$attr:meta])* $name:ident { $($body:tt)* }) => {
        #[derive(Model)]
        $(#[$attr])*
        struct $name { $($body)* }
    };
}

/// The caller writes the derive and some fields; these are added here.
macro_rules! with_login {
    ($(#[$attr:meta])* struct $name:ident { $($body:tt)* }) => {
        $(#[$attr])*
        struct $name {
            $($body)*
            #[model(length(1..=16), pattern("^[a-z]+$"))]
            user: String,
            #[model(secret, length(8..))]
            password: String,
            #[model(keys(length(1..=8)), values(each(range(1..=4))))]
            roles: BTreeMap<String, Vec<i32>>,
        }
    };
}

/// `each` written here, the rule inside it by the caller.
macro_rules! list_of {
    ($name:ident, $($rule:tt)*) => {
        #[derive(Model, Debug)]
        struct $name {
            #[model(each($($rule)*))]
            items: Vec<i64>,
        }
    };
}

/// The rule inside written here, `each`, `keys` or `values` by the caller.
macro_rules! wrapped {
    ($name:ident, $walk:ident) => {
        #[derive(Model, Debug)]
        struct $name {
            #[model($walk(range(0..=3)))]
            items: Vec<i64>,
        }
    };
}

list_of!(Small, range(0..=3));
wrapped!(Wrapped, each);

#[derive(Model, Debug, Clone, PartialEq)]
struct Part {
    #[model(range(1..=9))]
    size: u8,
}

fn even(value: &i64) -> Result<(), model::Error> {
    if value % 2 == 0 {
        Ok(())
    } else {
        Err(model::Error::new("even", "must be even"))
    }
}

fn shout<S: serde::Serializer>(text: &str, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(&text.to_uppercase())
}

model! {
    #[model(check = Self::fits)]
    Rack {
        #[model(secret, length(4..))]
        token: String,
        #[model(each(range(1..=64)), length(..=4))]
        slots: Vec<i64>,
        #[model(check = even, on_set = Self::grow)]
        width: i64,
        #[model(default = 2, range(1..=8))]
        depth: i64,
        #[model(nested)]
        parts: Vec<Part>,
        #[model(length(1..=8))]
        #[serde(serialize_with = "shout")]
        label: String,
        #[model(keys(length(1..=4)), values(each(range(1..=4))))]
        tiers: BTreeMap<String, Vec<i32>>,
    }
}

impl Rack {
    fn fits(&self) -> Result<(), model::Error> {
        if self.slots.len() as i64 <= self.width {
            Ok(())
        } else {
            Err(model::Error::new("fits", "more slots than width"))
        }
    }

    fn grow(draft: &mut RackDraft<'_>) {
        let depth = draft.depth().max(draft.width() / 2);
        draft.set_depth(depth);
    }
}

with_login! {
    #[derive(Model, Clone)]
    #[model(name = "Account")]
    struct Account {
        #[model(range(0..=3))]
        level: u8,
    }
}

fn upper<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    let text: String = serde::Deserialize::deserialize(deserializer)?;
    Ok(text.to_uppercase())
}

static SAVED: AtomicUsize = AtomicUsize::new(0);

#[derive(Model, Debug, Clone, PartialEq)]
struct Place {
    #[model(length(1..=8))]
    zone: String,
}

// Hooks run on construction and on change, a computed field with a setter, a lazy field, change
// tracking and the serde options that call the user's functions.
model! {
    #[model(track_changes, on_change = Self::saved)]
    #[model(computed(area: i64 = Self::area, set = Self::apply_area))]
    Plot {
        #[model(range(1..=100), on_set(Self::square, init))]
        width: i64,
        #[model(range(1..=100))]
        length: i64,
        #[model(lazy = Self::describe, depends_on(width, length))]
        label: Lazy<String>,
        #[model(length(1..=8))]
        #[serde(deserialize_with = "upper", skip_serializing_if = "String::is_empty")]
        owner: String,
        #[model(nested)]
        #[serde(flatten)]
        place: Place,
        changes: Changes,
    }
}

impl Plot {
    fn square(draft: &mut PlotDraft<'_>) {
        let width = draft.width();
        draft.set_length(width);
    }
    fn area(&self) -> i64 {
        self.width * self.length
    }
    fn apply_area(draft: &mut PlotDraft<'_>, area: i64) {
        draft.set_length(area / draft.width());
    }
    fn describe(&self) -> String {
        format!("{} by {}", self.width, self.length)
    }
    fn saved(&self, changed: ChangedFields) {
        SAVED.fetch_add(changed.count(), Ordering::SeqCst);
    }
}

#[test]
fn rules_inside_each_read_the_items_wherever_each_and_they_were_written() {
    assert!(Small::new(vec![0, 3]).is_ok());
    let errors = Small::new(vec![1, 4, 9]).unwrap_err();
    let found = paths_and_codes(&errors);
    assert_eq!(
        found,
        [
            ("items[1]".to_owned(), "range".to_owned()),
            ("items[2]".to_owned(), "range".to_owned()),
        ]
    );
    assert!(Wrapped::new(vec![3]).is_ok());
    let errors = Wrapped::new(vec![4]).unwrap_err();
    assert_eq!(
        paths_and_codes(&errors),
        [("items[0]".to_owned(), "range".to_owned())]
    );
}

#[test]
fn hooks_computed_and_lazy_fields_and_serde_options_of_a_macro_written_model() {
    let mut plot: Plot =
        model::json::from_str(r#"{"width": 4, "length": 9, "owner": "ada", "zone": "north"}"#)
            .unwrap();
    // The `init` hook squared it; `deserialize_with` read the owner.
    assert_eq!(
        (plot.width(), plot.length(), plot.owner().as_str()),
        (4, 4, "ADA")
    );
    assert_eq!(plot.label(), "4 by 4");
    assert_eq!(plot.get("area"), Ok(Value::Int(16)));

    plot.set_area(20).unwrap();
    assert_eq!(plot.length(), 5);
    assert_eq!(plot.label(), "4 by 5");
    assert!(SAVED.load(Ordering::SeqCst) >= 1);
    assert_eq!(plot.take_changes().collect::<Vec<_>>(), ["length", "area"]);
    assert!(plot.set_area(4000).is_err());
    assert_eq!(plot.length(), 5);

    let json = serde_json::to_value(&plot).unwrap();
    assert_eq!(json["zone"], "north");
    assert_eq!(json["area"], 20);
    let read =
        model::json::from_str::<Plot>(r#"{"width": 0, "length": 9, "owner": "", "zone": ""}"#);
    let Err(model::Rejected::Invalid(errors)) = read else {
        panic!("expected every problem of the document");
    };
    let paths: Vec<String> = errors.iter().map(|v| v.path().to_string()).collect();
    assert_eq!(paths, ["width", "owner", "zone"]);
}

#[test]
fn a_model_whose_fields_come_from_the_caller_validates_and_reports_as_any_other() {
    let tiers = BTreeMap::from([("a".to_owned(), vec![1, 2])]);
    let mut rack = Rack::new(
        "abcd",
        vec![1, 2],
        4,
        vec![Part::new(3).unwrap()],
        "top",
        tiers,
    )
    .unwrap();
    assert_eq!(rack.depth(), 2);
    assert_eq!(
        format!("{rack:?}"),
        r#"Rack { token: [redacted], slots: [1, 2], width: 4, depth: 2, parts: [Part { size: 3 }], label: "top", tiers: {"a": [1, 2]} }"#
    );
    assert_eq!(
        serde_json::to_value(&rack).unwrap()["label"],
        serde_json::json!("TOP")
    );

    // The `on_set` hook runs and what it sets is validated: 20 wide asks for 10 deep.
    let grown = rack.set_width(20).unwrap_err();
    assert_eq!(
        paths_and_codes(&grown),
        [("depth".to_owned(), "range".to_owned())]
    );
    rack.set_width(12).unwrap();
    assert_eq!(rack.depth(), 6);

    let errors = Rack::new(
        "ab",
        vec![0, 65, 3],
        3,
        vec![Part { size: 3 }],
        "",
        BTreeMap::from([("toolong".to_owned(), vec![5])]),
    )
    .unwrap_err();
    let found = paths_and_codes(&errors);
    let expected = [
        ("token", "length"),
        ("slots[0]", "range"),
        ("slots[1]", "range"),
        ("width", "even"),
        ("label", "length"),
        ("tiers[\"toolong\"]", "length"),
        ("tiers[\"toolong\"][0]", "range"),
    ];
    let expected: Vec<(String, String)> = expected
        .iter()
        .map(|(p, c)| (p.to_string(), c.to_string()))
        .collect();
    assert_eq!(found, expected);
}

#[test]
fn fields_a_macro_adds_to_the_callers_model_validate_too() {
    let roles = BTreeMap::from([("ops".to_owned(), vec![1])]);
    let account = Account::new(1, "ada", "correct horse", roles).unwrap();
    assert_eq!(account.user(), "ada");
    assert!(!format!("{:?}", account.get("password").unwrap()).contains("horse"));

    let errors = Account::new(
        4,
        "ADA",
        "short",
        BTreeMap::from([(String::new(), vec![9])]),
    )
    .unwrap_err();
    assert_eq!(
        paths_and_codes(&errors),
        [
            ("level".to_owned(), "range".to_owned()),
            ("user".to_owned(), "pattern".to_owned()),
            ("password".to_owned(), "length".to_owned()),
            ("roles[\"\"]".to_owned(), "length".to_owned()),
            ("roles[\"\"][0]".to_owned(), "range".to_owned()),
        ]
    );

    // Read by name from the registry, as every model is.
    let read = model::from_json(
        r#"{"type": "Account", "level": 1, "user": "ada", "password": "correct horse", "roles": {"ops": [1]}}"#,
    )
    .unwrap();
    assert_eq!(read.downcast_ref::<Account>().map(Account::level), Some(1));
}

fn paths_and_codes(errors: &model::ValidationErrors) -> Vec<(String, String)> {
    errors
        .iter()
        .map(|v| (v.path().to_string(), v.code().to_string()))
        .collect()
}
