//! Effective Python, Item 35: "Annotate class attributes with metaclasses", in Rust.
//!
//! The book's `Field` descriptor needs the name of the attribute it is assigned to: to store
//! the value (`_first_name` in the instance's `__dict__`) and, in a validating framework, to say
//! which field is wrong. Written by hand, every name is written twice:
//! `first_name = Field('first_name')`. The book's fix is a metaclass that walks the class body
//! and tells each `Field` its name, so that `Customer` declares `first_name = Field()`.
//!
//! `#[derive(Model)]` is that metaclass, run when the crate compiles: each field is written once,
//! and its rules, its errors, the metadata and access by name all know what it is called.
//! `rename` gives a field another name outside Rust, in one place too.
//!
//! Run with `cargo run --example customer`.

use model::{Model, ValidationErrors, Value};

/// The book's `Customer(DatabaseRow)`: four fields, and no name written twice.
#[derive(Model, Debug)]
struct Customer {
    #[model(length(1..=64))]
    first_name: String,
    #[model(length(1..=64))]
    last_name: String,
    #[model(default, one_of("", "Dr.", "Mr.", "Ms.", "Mx."))]
    prefix: String,
    /// `Jr.`, `III`...: the database column is called `name_suffix`.
    #[model(default, length(..=8), rename = "name_suffix")]
    suffix: String,
}

fn main() -> Result<(), ValidationErrors> {
    // Python: `foo = Customer()`, then `foo.first_name = 'Euclid'`.
    let mut customer = Customer::new("Euclid", "of Alexandria")?;
    println!(
        "Before: {:?} {:?}",
        customer.first_name(),
        customer.get("first_name")
    );
    customer.set_first_name("Euler")?;
    println!(
        "After:  {:?} {:?}",
        customer.first_name(),
        customer.get("first_name")
    );
    assert_eq!(customer.get("first_name"), Ok(Value::from("Euler")));

    // A rule reports the field it guards, though no rule was told its name.
    let error = customer.set_last_name("").unwrap_err();
    println!("{error}");
    assert_eq!(
        error.to_string(),
        "last_name: must have between 1 and 64 characters (got 0)"
    );
    assert_eq!(
        customer.last_name(),
        "of Alexandria",
        "a failed set changes nothing"
    );

    // Every mistake, each under its own name; a renamed field under the name it goes by.
    let report = Customer::builder()
        .first_name("")
        .last_name("Gauss")
        .prefix("Prof.")
        .suffix("the Prince of Mathematicians")
        .build()
        .unwrap_err();
    println!("{report}");
    let paths: Vec<String> = report.iter().map(|v| v.path().to_string()).collect();
    assert_eq!(paths, ["first_name", "prefix", "name_suffix"]);

    // The names are in the metadata, reachable from the type: what Python's metaclass stored
    // on each `Field`, read without an instance.
    for field in Customer::meta().field_list() {
        println!(
            "{:<12} Rust `{}: {}`, rules: {:?}",
            field.name(),
            field.ident(),
            field.ty(),
            field
                .rule_list()
                .iter()
                .map(|r| r.name())
                .collect::<Vec<_>>()
        );
    }
    let names: Vec<&str> = Customer::meta()
        .field_list()
        .iter()
        .map(|f| f.name())
        .collect();
    assert_eq!(names, ["first_name", "last_name", "prefix", "name_suffix"]);

    // By name, as Python's `setattr(foo, 'prefix', 'Dr.')`: the same rules, and a misspelt
    // name is refused with the close ones.
    customer.set("prefix", "Dr.")?;
    assert_eq!(customer.prefix(), "Dr.");
    let misspelt = customer.set("sufix", "III").unwrap_err();
    println!("{misspelt}");
    assert!(misspelt.to_string().contains("did you mean `suffix`?"));
    Ok(())
}
