//! Partial updates (feature `json`): a JSON object of some of a model's fields, applied to an
//! existing instance all or nothing, every problem reported. What an HTTP `PATCH` does.
//!
//! [`Model::patch_json`] (or [`json`]) applies it:
//!
//! 1. The text must be a JSON object: unreadable JSON is [`Rejected::Malformed`]; any other
//!    value is one `invalid_type` problem.
//! 2. Each key must name a field that can be set. An unknown key is `unknown_field`; a
//!    `readonly` field, a computed field and a lazy field are `readonly`, each with a message
//!    saying which (a computed field with a setter is set through `update`, not a patch).
//! 3. The patch is laid over the instance as it is (the fields it leaves out keep their values),
//!    and the result is read as a whole model, as [`json::from_str`](crate::json::from_str)
//!    reads a document: every value's type and every field rule, and the struct-level checks of
//!    the result. Each problem has its path and the line and column in the patch's text.
//! 4. The fields present are then set through the commit path of `update`, as their setters
//!    would set them: their `on_set` hooks run, the struct-level checks run on the result, the
//!    change is recorded (`track_changes`), lazy fields that depend on them are reset and
//!    `on_change` is told. A field present with its current value is set all the same.
//!
//! All or nothing: on any problem, at any step, the instance is left exactly as it was.
//!
//! A key replaces its field's whole value: a nested model, a list or a map given in a patch is
//! the new value, not merged into the old one; `null` sets an `Option` field to `None`. Keys
//! are the external names (after `rename` and `rename_all`), as in the serialized form.
//!
//! Step 3 reads the patched document as a whole before any hook runs: a patch must leave the
//! model valid on its own. A field whose `on_set` hook repairs another field so that a struct
//! check holds (rather than an `on_set(.., init)` hook, which reading runs too) is best changed
//! through its setter or `update`.
//!
//! A model that cannot change (`frozen`, or a hand-written `Model`) refuses every key as
//! `readonly`.
//!
//! The instance is laid under the patch through its serialized form: a field that form leaves
//! out (`#[serde(skip_serializing)]`) is read as missing. Without a default, a patch that does
//! not give it is refused, `unsupported`, saying so; with one, the struct-level checks of step 3
//! see the default rather than the field's value. Change such a model with `update`.

use crate::de::document::{Document, Kind};
use crate::de::{json as read_json, scan_json, Rejected};
use crate::error::{Error, ValidationErrors, Violation};
use crate::meta::{FieldKind, FieldMeta};
use crate::model::Model;
use crate::path::{Path, Segment};
use crate::value::Value;
use serde::de::DeserializeOwned;
use serde::Serialize;

/// A field the patch needs but the model's serialized form leaves out, at `violation`'s place.
#[cold]
fn not_serialized(violation: Violation) -> Violation {
    let error = Error::new(
        "unsupported",
        "is left out of the model's serialized form (`skip_serializing`, or `skip_serializing_if` \
         as it is now), so a patch cannot keep its value: give it in the patch, or change the \
         model with `update`",
    );
    let mut placed = Violation::new(violation.path().clone(), error);
    if let Some(position) = violation.position() {
        placed.set_position(position);
    }
    placed
}

/// Applies the JSON object `text` to `model`: see the [module documentation](self).
/// [`Model::patch_json`] calls it.
pub fn json<M>(model: &mut M, text: &str) -> Result<(), Rejected<serde_json::Error>>
where
    M: Model + Serialize + DeserializeOwned,
{
    let root = scan_json(text).map_err(Rejected::Malformed)?;
    let document = Document::new(root, Some(text));
    let Kind::Map(entries) = &document.root.kind else {
        let found = kind(&document.root.kind);
        let error = Error::new("invalid_type", "expected {expected}, found {found}")
            .with_param("expected", "an object of fields")
            .with_param("found", found);
        let mut report = ValidationErrors::from(Violation::new(Path::root(), error));
        document.place(&mut report);
        return Err(Rejected::Invalid(report));
    };
    let fields = M::meta().field_list();
    let mut present = vec![false; fields.len()];
    let mut refused = ValidationErrors::new();
    let mut refused_keys: Vec<&str> = Vec::new();
    for (key, _) in entries {
        let Kind::Str(name) = &key.kind else { continue };
        let name: &str = name;
        match fields.iter().position(|f| f.name() == name) {
            Some(index) => match refusal(&fields[index]) {
                None => present[index] = true,
                Some(error) => {
                    refused.push(Violation::new(Path::field(name.to_owned()), error));
                    refused_keys.push(name);
                }
            },
            None => {
                refused.push(Violation::new(
                    Path::field(name.to_owned()),
                    unknown(fields),
                ));
                refused_keys.push(name);
            }
        }
    }
    document.place(&mut refused);

    // The patch with the fields it leaves out appended before its closing brace, so that the
    // positions of its own values stay those of `text`.
    let current = serde_json::to_value(&*model).map_err(Rejected::Malformed)?;
    // Stored fields that the serialized form leaves out (`skip_serializing`) and the patch does
    // not give: their values cannot be laid under the patch.
    let skipped: Vec<&str> = match &current {
        serde_json::Value::Object(map) => fields
            .iter()
            .filter(|f| f.field_kind() == FieldKind::Stored && !map.contains_key(f.name()))
            .map(FieldMeta::name)
            .filter(|name| {
                !entries
                    .iter()
                    .any(|(k, _)| matches!(&k.kind, Kind::Str(key) if key == name))
            })
            .collect(),
        _ => Vec::new(),
    };
    let mut merged = String::with_capacity(text.len() + 64);
    let end = text.trim_end().len().saturating_sub(1);
    merged.push_str(&text[..end]);
    let mut comma = !entries.is_empty();
    if let serde_json::Value::Object(map) = &current {
        for (key, value) in map {
            let stored = fields
                .iter()
                .position(|f| f.name() == key)
                .is_some_and(|i| fields[i].field_kind() == FieldKind::Stored);
            let given = entries
                .iter()
                .any(|(k, _)| matches!(&k.kind, Kind::Str(name) if name == key));
            if !stored || given {
                continue;
            }
            if comma {
                merged.push(',');
            }
            comma = true;
            merged.push_str(&serde_json::to_string(key).map_err(Rejected::Malformed)?);
            merged.push(':');
            merged.push_str(&serde_json::to_string(value).map_err(Rejected::Malformed)?);
        }
    }
    merged.push_str(&text[end..]);

    let patched = match read_json::from_str::<M>(&merged) {
        Ok(patched) => Some(patched),
        Err(Rejected::Malformed(error)) => return Err(Rejected::Malformed(error)),
        Err(Rejected::Invalid(report)) => {
            // The keys refused above are reported once, as refused.
            refused.extend(
                report
                    .into_iter()
                    .filter(|v| {
                        !matches!(v.path().segments().first(),
                            Some(Segment::Field(name)) if refused_keys.contains(&&**name))
                    })
                    .map(|v| match v.path().segments() {
                        [Segment::Field(name)]
                            if v.code() == "required" && skipped.contains(&&**name) =>
                        {
                            not_serialized(v)
                        }
                        _ => v,
                    }),
            );
            None
        }
    };
    if !refused.is_empty() {
        sort(&mut refused);
        return Err(Rejected::Invalid(refused));
    }
    let Some(patched) = patched else {
        return Ok(());
    };
    let committed = model.__commit_from(patched, &|index| present[index]);
    match committed {
        Some(Ok(())) => Ok(()),
        Some(Err(mut report)) => {
            document.place(&mut report);
            Err(Rejected::Invalid(report))
        }
        None => {
            // Nothing can change: every field present is read-only.
            let mut report = ValidationErrors::new();
            for (field, _) in fields.iter().zip(&present).filter(|(_, given)| **given) {
                let error = Error::new("readonly", READ_ONLY);
                report.push(Violation::new(Path::field(field.name()), error));
            }
            document.place(&mut report);
            report.into_result().map_err(Rejected::Invalid)
        }
    }
}

const READ_ONLY: &str = "is read-only";

/// Why a patch may not set `field`, if it may not.
fn refusal(field: &FieldMeta) -> Option<Error> {
    let message = match field.field_kind() {
        FieldKind::Computed => "is computed from other fields; it cannot be patched",
        FieldKind::Lazy => "is computed when first read; it cannot be patched",
        _ if field.is_readonly() => READ_ONLY,
        _ => return None,
    };
    Some(Error::new("readonly", message))
}

/// The error of a key that names no field, listing the fields a patch may set.
fn unknown(fields: &[FieldMeta]) -> Error {
    let names: Vec<String> = fields
        .iter()
        .filter(|f| refusal(f).is_none())
        .map(|f| format!("`{}`", f.name()))
        .collect();
    Error::new("unknown_field", "unknown field; expected one of {expected}")
        .with_param("expected", Value::from(names.join(", ")))
}

/// What kind of JSON value a node is, for a message.
fn kind(kind: &Kind<'_>) -> &'static str {
    match kind {
        Kind::Unit => "null",
        Kind::Bool(_) => "a boolean",
        Kind::U64(_) | Kind::I64(_) | Kind::Wide(_) | Kind::TooLarge(..) | Kind::F64(_) => {
            "a number"
        }
        Kind::Str(_) => "a string",
        Kind::Bytes(_) => "bytes",
        Kind::Seq(_) => "an array",
        Kind::Map(_) => "an object",
    }
}

/// Puts the violations in the order of the text (stable: those at one place keep their order).
fn sort(report: &mut ValidationErrors) {
    let mut all: Vec<Violation> = std::mem::take(report).into_iter().collect();
    all.sort_by_key(|v| v.position().map(|p| (p.line(), p.column())));
    report.extend(all);
}
