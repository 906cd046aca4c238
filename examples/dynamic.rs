//! A resource kind defined at run time: its description is data (here a small table, as a
//! tool would read it from a configuration file), built into a model without recompiling, then
//! registered next to the compiled models so that the registry reads it by name.
//!
//! ```text
//! cargo run --example dynamic
//! ```

use model::dynamic::{Definition, Field, FieldRule, Int, Kind, Record};
use model::{Rejected, Value};

/// One field of the kind, as a configuration file would describe it: name, type, bounds.
struct Spec {
    name: &'static str,
    kind: &'static str,
    min: Option<i64>,
    max: Option<i64>,
    secret: bool,
}

const QUEUE: [Spec; 4] = [
    Spec {
        name: "name",
        kind: "string",
        min: Some(1),
        max: Some(40),
        secret: false,
    },
    Spec {
        name: "partitions",
        kind: "uint16",
        min: Some(1),
        max: Some(1024),
        secret: false,
    },
    Spec {
        name: "retention_hours",
        kind: "uint32",
        min: Some(1),
        max: None,
        secret: false,
    },
    Spec {
        name: "token",
        kind: "string",
        min: Some(16),
        max: None,
        secret: true,
    },
];

fn field(spec: &Spec) -> Field {
    let (kind, rule) = match spec.kind {
        "string" => (
            Kind::Text,
            FieldRule::Length {
                min: spec.min.map(|n| n as usize),
                max: spec.max.map(|n| n as usize),
            },
        ),
        format => (
            Kind::Integer(Int::from_format(format).unwrap_or(Int::I64)),
            FieldRule::Range {
                min: spec.min.map_or(std::ops::Bound::Unbounded, |n| {
                    std::ops::Bound::Included(Value::Int(n))
                }),
                max: spec.max.map_or(std::ops::Bound::Unbounded, |n| {
                    std::ops::Bound::Included(Value::Int(n))
                }),
            },
        ),
    };
    let field = Field::new(spec.name, kind).rule(rule);
    if spec.secret {
        field.secret()
    } else {
        field
    }
}

fn main() {
    let queue = match Definition::new("Queue")
        .fields(QUEUE.iter().map(field))
        .register()
    {
        Ok(model) => model,
        Err(errors) => {
            eprintln!("the description of Queue is wrong: {errors}");
            std::process::exit(2);
        }
    };
    let fields: Vec<_> = queue
        .meta()
        .field_list()
        .iter()
        .map(|f| format!("{}: {}", f.name(), f.ty()))
        .collect();
    println!("defined {} {{ {} }}", queue.name(), fields.join(", "));

    let good = r#"{"type": "Queue", "name": "orders", "partitions": 12, "retention_hours": 72, "token": "0123456789abcdef"}"#;
    let any = model::from_json(good).expect("a valid queue");
    let record = any.downcast_ref::<Record>().expect("a runtime record");
    println!("read {record:?}");

    let bad =
        "{\"name\": \"\",\n \"partitions\": 0, \"retention_hours\": -1, \"token\": \"short\"}";
    match Record::from_json(queue, bad) {
        Err(Rejected::Invalid(report)) => println!("refused:\n{report}"),
        other => println!("unexpected: {other:?}"),
    }
}
