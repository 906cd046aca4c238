//! Records read from documents (feature `serde`): a tree of values that remember where they
//! stood, read into slots with every problem reported, each with its path and, from text, its
//! line and column; the codes are those of compiled models (`invalid_type`, `out_of_range`,
//! `required`, `unknown_field`, `duplicate_field`...).

use super::define::Kind;
use super::model::RuntimeModel;
use super::record::Record;
use super::slot::Slot;
use crate::de::document::{Document, Kind as NodeKind, Node};
use crate::error::{Error, ValidationErrors};
use crate::path::{Segment, Trail};
use crate::value::Value;
use std::borrow::Cow;

/// What a kind expects, as serde (and so a compiled model's reader) words it.
fn expected(kind: &Kind) -> Value {
    match kind {
        Kind::Bool => Value::str("a boolean"),
        Kind::Integer(int) => Value::str(int.rust_name()),
        Kind::Float => Value::str("f64"),
        Kind::Text => Value::str("a string"),
        Kind::List(_) => Value::str("a sequence"),
        Kind::Map(_) => Value::str("a map"),
        Kind::Optional(inner) => expected(inner),
        Kind::Model(model) => Value::Str(Cow::Owned(format!("struct {}", model.name()))),
        Kind::Any => Value::str("any value"),
        #[cfg(feature = "json")]
        Kind::Compiled(model) => {
            Value::Str(Cow::Owned(format!("struct {}", model.meta().rust_name())))
        }
    }
}

/// What a node is, as serde words it.
fn found(node: &Node<'_>) -> &'static str {
    match node.kind {
        NodeKind::Unit => "null",
        NodeKind::Bool(_) => "a boolean",
        NodeKind::U64(_) | NodeKind::I64(_) | NodeKind::Wide(_) => "an integer",
        NodeKind::TooLarge(..) => "a number",
        NodeKind::Map(_) if node.date().is_some() => "a date",
        NodeKind::F64(_) => "a decimal number",
        NodeKind::Str(_) => "a string",
        NodeKind::Bytes(_) => "bytes",
        NodeKind::Seq(_) => "a sequence",
        NodeKind::Map(_) => "a map",
    }
}

#[cold]
fn invalid_type(kind: &Kind, node: &Node<'_>, at: &Trail<'_>, errors: &mut ValidationErrors) {
    errors.add(
        at,
        Error::new("invalid_type", "expected {expected}, found {found}")
            .with_param("expected", expected(kind))
            .with_param("found", found(node)),
    );
}

/// Reads the record of `model` from `node`; every problem recorded in `errors`, `None` if any.
pub(crate) fn record(
    model: &'static RuntimeModel,
    node: &Node<'_>,
    at: &Trail<'_>,
    errors: &mut ValidationErrors,
    depth: usize,
) -> Option<Record> {
    let NodeKind::Map(entries) = &node.kind else {
        invalid_type(&Kind::Model(model), node, at, errors);
        return None;
    };
    let before = errors.len();
    let mut slots = vec![Slot::Missing; model.fields.len()];
    let mut partly = Vec::new();
    for (key, value) in entries {
        let NodeKind::Str(name) = &key.kind else {
            errors.add(
                at,
                Error::new("invalid_type", "expected {expected}, found {found}")
                    .with_param("expected", "a field name")
                    .with_param("found", found(key)),
            );
            continue;
        };
        let Some(index) = model.names.find(name.as_ref()) else {
            if !model.unknown_fields {
                errors.add(&Trail::Name(at, name), unknown(model));
            }
            continue;
        };
        let field = &model.fields[index];
        let trail = Trail::Field(at, field.name);
        if !matches!(slots[index], Slot::Missing) {
            errors.add(&trail, crate::error::duplicate_field());
            continue;
        }
        let start = errors.len();
        let mut kept = Partly::Asked;
        slots[index] =
            slot(&field.kind, value, &trail, errors, depth, &mut kept).unwrap_or(Slot::Refused);
        if field.secret {
            errors.redact_from(start, &trail);
        }
        if let Partly::Kept(kept) = kept {
            partly.push((field.name, kept));
        }
    }
    let rules = errors.len();
    let record = Record::finish(model, slots, at, errors, before);
    if !partly.is_empty() {
        place_partly(&partly, at, errors, rules);
    }
    record
}

/// Whether a list or map may be read in part (the elements that could be read, for the field's
/// rules to check, beside the problems of the others), and once it was, the indices in the
/// document of a list's elements kept (`None` for a map), as the compiled models do.
enum Partly {
    Not,
    Asked,
    Kept(Option<Vec<usize>>),
}

/// The problems that the rules of the fields read in part (`partly`) found from `rules` on:
/// each element's at its index in the document; those of the whole collection, which hold of
/// the elements kept but not of the document's, left out.
#[cold]
fn place_partly(
    partly: &[(&str, Option<Vec<usize>>)],
    at: &Trail<'_>,
    errors: &mut ValidationErrors,
    rules: usize,
) {
    let depth = at.depth();
    let mut found = errors.drain_from(rules);
    found.retain_mut(|violation| {
        let segments = violation.path().segments();
        let field = match segments.get(depth) {
            Some(Segment::Field(name)) => partly.iter().find(|(f, _)| *f == name.as_ref()),
            _ => None,
        };
        let Some((_, kept)) = field else {
            return true;
        };
        match (segments.get(depth + 1), kept) {
            (None, _) => false,
            (Some(Segment::Index(i)), Some(kept)) => match kept.get(*i) {
                Some(&index) => {
                    violation.replace_at(depth + 1, Segment::Index(index));
                    true
                }
                None => false,
            },
            _ => true,
        }
    });
    errors.extend(found);
}

/// The error of a key that names no field, listing the fields.
fn unknown(model: &RuntimeModel) -> Error {
    let names: Vec<String> = model.field_names().map(|n| format!("`{n}`")).collect();
    Error::new("unknown_field", "unknown field; expected one of {expected}")
        .with_param("expected", names.join(", "))
}

/// Reads a slot of `kind` from `node`.
fn slot(
    kind: &Kind,
    node: &Node<'_>,
    at: &Trail<'_>,
    errors: &mut ValidationErrors,
    depth: usize,
    partly: &mut Partly,
) -> Option<Slot> {
    if depth > crate::model::MAX_DEPTH {
        errors.add(
            at,
            Error::new("depth", "nests deeper than {max} levels")
                .with_param("max", crate::model::MAX_DEPTH),
        );
        return None;
    }
    Some(match (kind, &node.kind) {
        (Kind::Optional(_), NodeKind::Unit) => Slot::Null,
        (Kind::Optional(inner), _) => return slot(inner, node, at, errors, depth, partly),
        (Kind::Bool, NodeKind::Bool(v)) => Slot::Bool(*v),
        (Kind::Integer(int), NodeKind::I64(_) | NodeKind::U64(_)) => {
            let value = match node.kind {
                NodeKind::I64(v) => Value::Int(v),
                NodeKind::U64(v) => Value::UInt(v),
                _ => Value::Null,
            };
            match super::slot::int_slot(*int, &value) {
                Some(slot) => slot,
                None => {
                    errors.add(
                        at,
                        Error::new("out_of_range", "must fit in {type} (got {value})")
                            .with_param("type", int.rust_name())
                            .with_param("value", value),
                    );
                    return None;
                }
            }
        }
        (Kind::Float, NodeKind::F64(v)) if v.is_finite() => Slot::Float(*v),
        (Kind::Float, NodeKind::F64(v)) => {
            errors.add(at, super::slot::not_finite(Value::Float(*v)));
            return None;
        }
        (_, NodeKind::TooLarge(text, ty)) => {
            errors.add(
                at,
                crate::from_value::out_of_range(Value::from(text.clone()), ty),
            );
            return None;
        }
        (Kind::Integer(int), NodeKind::Wide(n)) => {
            errors.add(
                at,
                crate::from_value::out_of_range(Value::from(n.to_string()), int.rust_name()),
            );
            return None;
        }
        (Kind::Float, NodeKind::Wide(n)) => Slot::Float(n.as_f64()),
        (Kind::Float, NodeKind::I64(v)) => Slot::Float(*v as f64),
        (Kind::Float, NodeKind::U64(v)) => Slot::Float(*v as f64),
        (Kind::Text, NodeKind::Str(text)) => Slot::text(text),
        (Kind::List(item), NodeKind::Seq(items)) => {
            let before = errors.len();
            let mut kept = Vec::new();
            let slots: Vec<Slot> = items
                .iter()
                .enumerate()
                .filter_map(|(i, n)| {
                    let slot = slot(
                        item,
                        n,
                        &Trail::Index(at, i),
                        errors,
                        depth + 1,
                        &mut Partly::Not,
                    );
                    kept.extend(slot.is_some().then_some(i));
                    slot
                })
                .collect();
            if errors.len() > before {
                if !matches!(partly, Partly::Asked) {
                    return None;
                }
                *partly = Partly::Kept(Some(kept));
            }
            Slot::List(slots.into_boxed_slice())
        }
        (Kind::Map(value_kind), NodeKind::Map(entries)) => {
            let before = errors.len();
            let mut slots: Vec<(Box<str>, Slot)> = Vec::with_capacity(entries.len());
            let mut seen = super::slot::Seen::default();
            for (key, value) in entries {
                let key = key.step();
                let trail = Trail::Key(at, &key);
                if !seen.insert(&key) {
                    errors.add(&trail, crate::error::duplicate_field());
                    continue;
                }
                if let Some(slot) = slot(
                    value_kind,
                    value,
                    &trail,
                    errors,
                    depth + 1,
                    &mut Partly::Not,
                ) {
                    slots.push((key.into_boxed_str(), slot));
                }
            }
            if errors.len() > before {
                if !matches!(partly, Partly::Asked) {
                    return None;
                }
                *partly = Partly::Kept(None);
            }
            Slot::Map(slots.into_boxed_slice())
        }
        #[cfg(feature = "json")]
        (Kind::Compiled(model), _) => match (model.read)(node) {
            Ok(model) => Slot::Compiled(model),
            Err(report) => {
                errors.absorb(at, report);
                return None;
            }
        },
        (Kind::Any, _) => {
            let before = errors.len();
            let value = any(node, at, errors);
            if errors.len() > before {
                return None;
            }
            Slot::Any(Box::new(value))
        }
        (Kind::Model(model), NodeKind::Map(_)) => {
            return record(model, node, at, errors, depth + 1)
                .map(|record| Slot::Record(Box::new(record)));
        }
        _ => {
            invalid_type(kind, node, at, errors);
            return None;
        }
    })
}

/// A node as a [`Value`], for [`Kind::Any`]: floats finite, keys once each.
fn any(node: &Node<'_>, at: &Trail<'_>, errors: &mut ValidationErrors) -> Value {
    match &node.kind {
        NodeKind::Unit => Value::Null,
        NodeKind::Bool(v) => Value::Bool(*v),
        NodeKind::I64(v) => Value::Int(*v),
        NodeKind::U64(v) => Value::UInt(*v),
        // Past what a `Value` holds as an integer: as a float, as JSON has no other.
        NodeKind::Wide(n) => Value::Float(n.as_f64()),
        NodeKind::TooLarge(text, ty) => {
            errors.add(
                at,
                crate::from_value::out_of_range(Value::from(text.clone()), ty),
            );
            Value::Null
        }
        // A TOML date: its text.
        NodeKind::Map(_) if node.date().is_some() => {
            Value::from(node.date().unwrap_or_default().to_owned())
        }
        NodeKind::F64(v) if v.is_finite() => Value::Float(*v),
        NodeKind::F64(v) => {
            errors.add(at, super::slot::not_finite(Value::Float(*v)));
            Value::Null
        }
        NodeKind::Str(text) => Value::Str(Cow::Owned(text.to_string())),
        NodeKind::Bytes(bytes) => {
            Value::List(bytes.iter().map(|b| Value::UInt(u64::from(*b))).collect())
        }
        NodeKind::Seq(items) => Value::List(
            items
                .iter()
                .enumerate()
                .map(|(i, item)| any(item, &Trail::Index(at, i), errors))
                .collect(),
        ),
        NodeKind::Map(entries) => {
            let mut seen = super::slot::Seen::default();
            let mut map = Vec::with_capacity(entries.len());
            for (key, value) in entries {
                let key = key.step();
                let trail = Trail::Key(at, &key);
                if !seen.insert(&key) {
                    errors.add(&trail, crate::error::duplicate_field());
                    continue;
                }
                let value = any(value, &trail, errors);
                map.push((key, value));
            }
            Value::Map(map)
        }
    }
}

/// Reads a record of `model` from a whole document; problems in the order of the document,
/// each with its position when the document was read from text.
pub(crate) fn document(
    model: &'static RuntimeModel,
    document: &Document<'_>,
) -> Result<Record, ValidationErrors> {
    let mut errors = ValidationErrors::new();
    match record(model, &document.root, &Trail::Root, &mut errors, 0) {
        Some(record) if errors.is_empty() => Ok(record),
        _ => {
            document.place(&mut errors);
            Err(errors)
        }
    }
}
