//! A resource kind defined at run time: its description is data (here a small table, as a
//! tool would read it from a configuration file), built into a model without recompiling, then
//! registered next to the compiled models so that the registry reads it by name; one of its
//! fields is then changed through a typed key found once.
//!
//! ```text
//! cargo run --example dynamic
//! ```

use model::dynamic::{Definition, Field, FieldRule, Int, Kind, Record};
use model::{Rejected, Value};
use std::ops::Bound;

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

/// The field `spec` describes, or what is wrong with the description: a type that is not
/// `string` nor an integer format, a length bound below zero.
fn field(spec: &Spec) -> Result<Field, String> {
    let (kind, rule) = match spec.kind {
        "string" => {
            let count = |bound: Option<i64>| {
                bound
                    .map(|n| {
                        usize::try_from(n)
                            .map_err(|_| format!("field `{}`: a length cannot be {n}", spec.name))
                    })
                    .transpose()
            };
            let (min, max) = (count(spec.min)?, count(spec.max)?);
            (Kind::Text, FieldRule::Length { min, max })
        }
        format => {
            let int = Int::from_format(format)
                .ok_or_else(|| format!("field `{}`: unknown type `{format}`", spec.name))?;
            let bound = |bound: Option<i64>| {
                bound.map_or(Bound::Unbounded, |n| Bound::Included(Value::Int(n)))
            };
            (
                Kind::Integer(int),
                FieldRule::Range {
                    min: bound(spec.min),
                    max: bound(spec.max),
                },
            )
        }
    };
    let field = Field::new(spec.name, kind).rule(rule);
    Ok(if spec.secret { field.secret() } else { field })
}

fn main() {
    let fields = match QUEUE.iter().map(field).collect::<Result<Vec<_>, _>>() {
        Ok(fields) => fields,
        Err(problem) => {
            eprintln!("the description of Queue is wrong: {problem}");
            std::process::exit(2);
        }
    };
    let queue = match Definition::new("Queue").fields(fields).register() {
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

    // A field changed often is found once, by name and type (checked against its kind here, not
    // at each change), then set and read with no search: the runtime counterpart of a compiled
    // model's typed setter, with the same rules and errors as `set`.
    let partitions = match queue.field_key::<u64>("partitions") {
        Ok(key) => key,
        Err(error) => {
            eprintln!("Queue has no unsigned `partitions`: {error}");
            std::process::exit(2);
        }
    };
    let mut record = record.clone();
    for n in [24, 48, 96] {
        record.set_typed(&partitions, n).expect("within 1..=1024");
    }
    let now = record.get_typed(&partitions).expect("a key of Queue");
    println!("partitions now {now}");
    match record.set_typed(&partitions, 2048) {
        Err(report) => println!("refused, still {now}:\n{report}"),
        Ok(()) => println!("unexpected: 2048 partitions"),
    }

    let bad =
        "{\"name\": \"\",\n \"partitions\": 0, \"retention_hours\": -1, \"token\": \"short\"}";
    match Record::from_json(queue, bad) {
        Err(Rejected::Invalid(report)) => println!("refused:\n{report}"),
        other => println!("unexpected: {other:?}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(kind: &'static str, min: Option<i64>) -> Spec {
        Spec {
            name: "f",
            kind,
            min,
            max: None,
            secret: false,
        }
    }

    #[test]
    fn a_wrong_description_is_refused_not_replaced() {
        assert_eq!(
            field(&spec("int33", None)).unwrap_err(),
            "field `f`: unknown type `int33`"
        );
        assert_eq!(
            field(&spec("string", Some(-1))).unwrap_err(),
            "field `f`: a length cannot be -1"
        );
        let field = field(&spec("uint8", Some(1))).unwrap();
        assert!(matches!(field.kind(), Kind::Integer(Int::U8)));
    }
}
