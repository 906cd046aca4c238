//! [`Record`]: an instance of a runtime model, its values in slots, always valid.

use super::model::RuntimeModel;
use super::plan::Raw;
use super::rules::apply_rules;
use super::slot::Slot;
use crate::__private::{check, unknown_field_error as unknown_field, Rollback};
use crate::error::{Error, How, ValidationErrors};
use crate::meta::{ModelMeta, UnknownField};
use crate::path::Trail;
use crate::rules::Check;
use crate::value::Value;
use std::fmt;

/// An instance of a [`RuntimeModel`]: one slot per field, in the model's order, found by
/// index; the field names, kinds and rules live in the model, shared by every record.
///
/// Like a compiled model, a record is always valid: every way to make or change one
/// ([`Record::from_value`], [`Record::set`], [`Record::update`], the readers) checks the kinds,
/// the rules and the struct-level checks, and reports every problem at once.
///
/// ```
/// use model_core::dynamic::{Definition, Field, FieldRule, Kind, Record};
/// use model_core::Value;
///
/// let point = Definition::new("Point")
///     .field(Field::new("x", Kind::Float))
///     .field(Field::new("label", Kind::Text).rule(FieldRule::length(1, 8)).default("p"))
///     .build()
///     .unwrap();
/// let mut p = Record::from_value(point, Value::Map(vec![("x".into(), Value::Float(1.5))])).unwrap();
/// assert_eq!(p.get("label").unwrap(), Value::from("p"));
/// let error = p.set("label", "far too long").unwrap_err();
/// assert_eq!(error.as_slice()[0].code(), "length");
/// assert_eq!(p.get("label").unwrap(), Value::from("p"));
/// ```
#[derive(Clone)]
pub struct Record {
    pub(crate) model: &'static RuntimeModel,
    pub(crate) slots: Box<[Slot]>,
}

impl Record {
    /// A record of `model` from a map of values by external field name, as documents name them
    /// (a renamed field's own name is unknown here; [`Record::get`] and [`Record::set`] take
    /// both): kinds, rules and checks verified, defaults filled in, every problem reported.
    ///
    /// # Errors
    ///
    /// Every violation: `type` for a value of the wrong kind, `required`, `unknown_field`,
    /// `duplicate_field`, and the codes of the rules and checks.
    pub fn from_value(
        model: &'static RuntimeModel,
        value: impl Into<Value>,
    ) -> Result<Record, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        let record = match value.into() {
            Value::Map(entries) => Record::from_entries(model, entries, &Trail::Root, &mut errors),
            other => {
                errors.add(&Trail::Root, super::slot::mismatch("a map", &other));
                None
            }
        };
        match record {
            Some(record) if errors.is_empty() => Ok(record),
            _ => Err(errors),
        }
    }

    /// A record from named values, every problem recorded at `at`; `None` if there was any.
    pub(crate) fn from_entries(
        model: &'static RuntimeModel,
        entries: Vec<(String, Value)>,
        at: &Trail<'_>,
        errors: &mut ValidationErrors,
    ) -> Option<Record> {
        let before = errors.len();
        let mut slots = vec![Slot::Missing; model.fields.len()];
        for (name, value) in entries {
            // By external name only, as documents name the fields.
            let index = match model.names.find(&name) {
                Some(index) => index,
                None if model.unknown_fields => continue,
                None => {
                    errors.add(&Trail::Name(at, &name), unknown_key(model, &name));
                    continue;
                }
            };
            let field = &model.fields[index];
            let trail = Trail::Field(at, field.name);
            if !matches!(slots[index], Slot::Missing) {
                errors.add(&trail, crate::error::duplicate_field());
                continue;
            }
            let start = errors.len();
            slots[index] =
                Slot::from_value(&field.kind, value, &trail, errors).unwrap_or(Slot::Refused);
            if field.secret {
                errors.redact_from(start, &trail);
            }
        }
        Record::finish(model, slots, at, errors, before)
    }

    /// The record of `slots`, read from input: [`Slot::Missing`] fields filled in with their
    /// default or reported `required` ([`Slot::Refused`] ones were reported already), the rules
    /// of every field read run, then, if all is well, the struct-level checks; `None` if
    /// anything was recorded since `before`.
    pub(crate) fn finish(
        model: &'static RuntimeModel,
        mut slots: Vec<Slot>,
        at: &Trail<'_>,
        errors: &mut ValidationErrors,
        before: usize,
    ) -> Option<Record> {
        for (field, slot) in model.fields.iter().zip(slots.iter_mut()) {
            match slot {
                Slot::Refused => {}
                Slot::Missing => match field.missing() {
                    Some(default) => *slot = default,
                    None => errors.add(&Trail::Field(at, field.name), Error::required()),
                },
                slot if field.plan.holds(slot) => {}
                slot => apply_rules(field, slot, &Trail::Field(at, field.name), errors),
            }
        }
        if errors.len() > before {
            return None;
        }
        let record = Record {
            model,
            slots: slots.into_boxed_slice(),
        };
        record.check_struct(at, errors);
        (errors.len() == before).then_some(record)
    }

    /// The rules of every field (nested records are checked when built, and by
    /// [`Record::validate`]).
    fn check_fields(&self, at: &Trail<'_>, errors: &mut ValidationErrors) {
        for (field, slot) in self.model.fields.iter().zip(self.slots.iter()) {
            apply_rules(field, slot, &Trail::Field(at, field.name), errors);
        }
    }

    /// The struct-level checks, each error at `at`.
    pub(crate) fn check_struct(&self, at: &Trail<'_>, errors: &mut ValidationErrors) {
        for (_, f) in self.model.checks.iter() {
            check(self, &Check(|r: &Record| f(r)), How::PLAIN, at, errors);
        }
    }

    /// Checks every rule and check of this record and of the records nested in it, returning
    /// every violation. A record is valid from construction on, so this finds nothing; it is
    /// there to mirror [`Model::validate`](crate::Model::validate).
    ///
    /// # Errors
    ///
    /// Every violation found.
    pub fn validate(&self) -> Result<(), ValidationErrors> {
        // Every rule and check asked whether it holds first; the report is made only if one
        // does not.
        if self.holds() {
            return Ok(());
        }
        let mut errors = ValidationErrors::new();
        self.validate_at(&Trail::Root, &mut errors);
        errors.into_result()
    }

    /// Whether every rule of every field, every nested record and every struct-level check
    /// holds, reporting nothing.
    fn holds(&self) -> bool {
        let model = self.model;
        model
            .fields
            .iter()
            .zip(self.slots.iter())
            .all(|(field, slot)| match field.plan.quick(slot) {
                Some(holds) => holds,
                None => field.plan.holds_slow(slot) && (!field.nests || nested_hold(slot)),
            })
            && model.checks.iter().all(|(_, f)| f(self).is_ok())
    }

    fn validate_at(&self, at: &Trail<'_>, errors: &mut ValidationErrors) {
        let before = errors.len();
        self.check_fields(at, errors);
        for (field, slot) in self.model.fields.iter().zip(self.slots.iter()) {
            nested(slot, &Trail::Field(at, field.name), errors);
        }
        if errors.len() == before {
            self.check_struct(at, errors);
        }
    }

    /// The model of this record.
    pub fn model(&self) -> &'static RuntimeModel {
        self.model
    }

    /// The model's metadata.
    pub fn meta(&self) -> &'static ModelMeta {
        self.model.meta
    }

    /// The value of the field called `name` (external or own name); a secret field gives
    /// [`Value::REDACTED`].
    ///
    /// # Errors
    ///
    /// An unknown name, with the close matches.
    pub fn get(&self, name: &str) -> Result<Value, UnknownField> {
        let index = self.model.field_index(name)?;
        Ok(self.value_at(index).unwrap_or(Value::Null))
    }

    /// The value of the field at `index`, or `None` past the last field. Secrets are redacted:
    /// a secret field, and the secret fields of the records and compiled models nested in any
    /// field, give [`Value::REDACTED`].
    pub fn value_at(&self, index: usize) -> Option<Value> {
        let field = self.model.fields.get(index)?;
        Some(if field.secret {
            Value::REDACTED
        } else {
            self.slots[index].shown()
        })
    }

    /// The record as a map of its fields by external name, secrets redacted at any depth: a
    /// nested record's value in [`Record::get`] and [`Record::fields`].
    pub(crate) fn shown(&self) -> Value {
        Value::Map(
            self.fields()
                .map(|(name, value)| (name.to_owned(), value))
                .collect(),
        )
    }

    /// Every field's external name and value, in order (secrets redacted).
    pub fn fields(&self) -> impl ExactSizeIterator<Item = (&'static str, Value)> + '_ {
        (0..self.slots.len()).map(|i| {
            (
                self.model.fields[i].name,
                self.value_at(i).unwrap_or(Value::Null),
            )
        })
    }

    /// The record as a map of its fields by external name, secrets included: what
    /// [`Record::from_value`] reads back.
    pub fn to_value(&self) -> Value {
        Value::Map(
            self.model
                .fields
                .iter()
                .zip(self.slots.iter())
                .map(|(f, s)| (f.name.to_owned(), s.to_value()))
                .collect(),
        )
    }

    /// Sets the field called `name` from a dynamic value: the kind, the field's rules, the
    /// read-only flag and the struct-level checks are verified, as by a compiled model's `set`.
    /// On any violation the record is left as it was.
    ///
    /// # Errors
    ///
    /// `unknown_field`, `readonly`, `type`, and the codes of the rules and checks.
    pub fn set(&mut self, name: &str, value: impl Into<Value>) -> Result<(), ValidationErrors> {
        if let Some(index) = self.model.names.find(name) {
            return self.set_at(index, value);
        }
        // A field's own name, or none.
        let meta = self.model.meta;
        crate::__private::set_by_name(meta, name, value.into(), |index, value| {
            self.set_slot(index, value)
        })
    }

    /// Sets the field at `index` (from [`RuntimeModel::field_index`], found once) from a
    /// dynamic value, with the checks of [`Record::set`] but no search by name.
    ///
    /// ```
    /// # #[cfg(feature = "json")] {
    /// use model_core::dynamic::{Definition, Field, FieldRule, Int, Kind, Record};
    ///
    /// let server = Definition::new("Server")
    ///     .field(Field::new("cores", Kind::Integer(Int::U8)).rule(FieldRule::range(1, 64)))
    ///     .build()
    ///     .unwrap();
    /// let cores = server.field_index("cores").unwrap();
    /// let mut record = Record::from_json(server, r#"{"cores": 4}"#).unwrap();
    /// record.set_at(cores, 8).unwrap();
    /// assert_eq!(record.get("cores").unwrap(), model_core::Value::UInt(8));
    /// assert_eq!(record.set_at(cores, 0).unwrap_err().as_slice()[0].code(), "range");
    /// assert_eq!(record.set_at(1, 8).unwrap_err().as_slice()[0].code(), "unknown_field");
    /// # }
    /// ```
    ///
    /// # Errors
    ///
    /// `unknown_field` for an index past the last field, `readonly`, `type`, and the codes of
    /// the rules and checks.
    pub fn set_at(
        &mut self,
        index: usize,
        value: impl Into<Value>,
    ) -> Result<(), ValidationErrors> {
        match self.model.fields.get(index) {
            Some(field) if field.readonly => Err(crate::__private::read_only(
                &self.model.meta.field_list()[index],
            )),
            Some(_) => self.set_slot(index, value.into()),
            None => Err(no_index(index)),
        }
    }

    /// Puts `value` in the slot `index`: [`Record::update_slots`] for one change, without
    /// allocating when the value is valid and not text.
    fn set_slot(&mut self, index: usize, value: Value) -> Result<(), ValidationErrors> {
        let field = &self.model.fields[index];
        // A valid number for a number with no struct check to run, the commonest change, in
        // place; a number owns nothing, so it is not dropped through a call.
        if self.model.checks.is_empty()
            && field
                .plan
                .quick
                .put(&Raw::borrow(&value), &mut self.slots[index])
        {
            if matches!(value, Value::Bool(_) | Value::Int(_) | Value::UInt(_)) {
                std::mem::forget(value);
            }
            return Ok(());
        }
        // A scalar of the field's kind that satisfies its rules, without the general conversion.
        if let Some(slot) = field.plan.admit(&Raw::borrow(&value)) {
            return self.replace_slot(index, slot);
        }
        let trail = Trail::Field(&Trail::Root, field.name);
        let mut errors = ValidationErrors::new();
        let Some(slot) = Slot::from_value(&field.kind, value, &trail, &mut errors) else {
            if field.secret {
                errors.redact_from(0, &trail);
            }
            return Err(errors);
        };
        if !field.plan.holds(&slot) {
            apply_rules(field, &slot, &trail, &mut errors);
            if !errors.is_empty() {
                return Err(errors);
            }
        }
        self.replace_slot(index, slot)
    }

    /// Puts `slot` (of the field's kind, its rules satisfied) in the slot `index`, then runs the
    /// struct-level checks; on a violation the old slot goes back.
    #[inline]
    pub(crate) fn replace_slot(
        &mut self,
        index: usize,
        slot: Slot,
    ) -> Result<(), ValidationErrors> {
        if self.model.checks.is_empty() {
            let old = std::mem::replace(&mut self.slots[index], slot);
            // A scalar or inline text owns nothing: forgetting it frees nothing and saves the
            // call to the drop of a slot.
            if matches!(
                old,
                Slot::Null
                    | Slot::Bool(_)
                    | Slot::Int(_)
                    | Slot::UInt(_)
                    | Slot::Float(_)
                    | Slot::Short(..)
            ) {
                std::mem::forget(old);
            }
            return Ok(());
        }
        self.replace_checked(index, slot)
    }

    fn replace_checked(&mut self, index: usize, slot: Slot) -> Result<(), ValidationErrors> {
        let old = std::mem::replace(&mut self.slots[index], slot);
        // Struct checks are user code: the old value goes back even if one panics.
        let guard = Rollback::new(self, (index, old), |record, (index, old)| {
            record.slots[index] = old;
        });
        let mut errors = ValidationErrors::new();
        guard.model().check_struct(&Trail::Root, &mut errors);
        if errors.is_empty() {
            guard.commit();
            Ok(())
        } else {
            drop(guard);
            Err(errors)
        }
    }

    /// Changes several fields at once: the closure sets them by name on a [`Draft`]; the new
    /// values are checked, then the struct-level checks run on the result. All or nothing: on
    /// any violation (every one is reported) the record is left exactly as it was.
    ///
    /// # Errors
    ///
    /// Every violation of every value set, and of the checks.
    pub fn update(&mut self, f: impl FnOnce(&mut Draft)) -> Result<(), ValidationErrors> {
        let mut draft = Draft {
            changes: Vec::new(),
            errors: ValidationErrors::new(),
            model: self.model,
        };
        f(&mut draft);
        self.update_slots(draft.changes, draft.errors)
    }

    /// Puts `changes` (slot index, value) in, all or nothing: nothing when `errors` (those of
    /// the names, already found) has any, the values checked all the same and reported with them.
    fn update_slots(
        &mut self,
        changes: Vec<(usize, Value)>,
        mut errors: ValidationErrors,
    ) -> Result<(), ValidationErrors> {
        let mut new = Vec::with_capacity(changes.len());
        for (index, value) in changes {
            let field = &self.model.fields[index];
            let trail = Trail::Field(&Trail::Root, field.name);
            let start = errors.len();
            let slot = Slot::from_value(&field.kind, value, &trail, &mut errors);
            if field.secret {
                errors.redact_from(start, &trail);
            }
            if let Some(slot) = slot {
                if !field.plan.holds(&slot) {
                    apply_rules(field, &slot, &trail, &mut errors);
                }
                new.push((index, slot));
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let old: Vec<(usize, Slot)> = new
            .into_iter()
            .map(|(index, slot)| (index, std::mem::replace(&mut self.slots[index], slot)))
            .collect();
        // Struct checks are user code: the old values go back even if one panics.
        let guard = Rollback::new(self, old, |record, old| {
            for (index, slot) in old.into_iter().rev() {
                record.slots[index] = slot;
            }
        });
        guard.model().check_struct(&Trail::Root, &mut errors);
        if errors.is_empty() {
            guard.commit();
            Ok(())
        } else {
            drop(guard);
            Err(errors)
        }
    }
}

/// Whether the records nested in `slot` are valid.
fn nested_hold(slot: &Slot) -> bool {
    match slot {
        Slot::Record(record) => record.holds(),
        #[cfg(feature = "json")]
        Slot::Compiled(model) => {
            let mut errors = ValidationErrors::new();
            model.validate_at(&Trail::Root, &mut errors);
            errors.is_empty()
        }
        Slot::List(items) => items.iter().all(nested_hold),
        Slot::Map(entries) => entries.iter().all(|(_, value)| nested_hold(value)),
        _ => true,
    }
}

/// The records nested in `slot`, validated.
fn nested(slot: &Slot, at: &Trail<'_>, errors: &mut ValidationErrors) {
    match slot {
        Slot::Record(record) => record.validate_at(at, errors),
        #[cfg(feature = "json")]
        Slot::Compiled(model) => model.validate_at(at, errors),
        Slot::List(items) => {
            for (i, item) in items.iter().enumerate() {
                nested(item, &Trail::Index(at, i), errors);
            }
        }
        Slot::Map(entries) => {
            for (key, value) in entries.iter() {
                nested(value, &Trail::Key(at, key), errors);
            }
        }
        _ => {}
    }
}

/// The error of a key of input that names no field by its external name: a renamed field's own
/// name is pointed to the external one.
#[cold]
fn unknown_key(model: &RuntimeModel, name: &str) -> Error {
    match model.fields.iter().find(|f| f.ident == name) {
        Some(field) => Error::new(
            "unknown_field",
            "no such field; did you mean `{did_you_mean}`?",
        )
        .with_param("name", name.to_owned())
        .with_param("did_you_mean", field.name),
        None => unknown_field(&UnknownField::new(model.meta, name)),
    }
}

/// The changes of [`Record::update`], set by name.
pub struct Draft {
    changes: Vec<(usize, Value)>,
    errors: ValidationErrors,
    model: &'static RuntimeModel,
}

impl Draft {
    /// Sets the field called `name` to `value` (checked when the closure returns). An unknown
    /// or read-only name is reported then too.
    pub fn set(&mut self, name: &str, value: impl Into<Value>) -> &mut Draft {
        match self.model.field_index(name) {
            Ok(index) if self.model.fields[index].readonly => {
                let field = &self.model.fields[index];
                self.errors.add(
                    &Trail::Field(&Trail::Root, field.name),
                    Error::new("readonly", "is read-only"),
                );
            }
            Ok(index) => {
                self.changes.retain(|(i, _)| *i != index);
                self.changes.push((index, value.into()));
            }
            Err(unknown) => self
                .errors
                .add(&Trail::Name(&Trail::Root, name), unknown_field(&unknown)),
        }
        self
    }
}

impl PartialEq for Record {
    fn eq(&self, other: &Record) -> bool {
        std::ptr::eq(self.model, other.model) && self.slots == other.slots
    }
}

impl fmt::Debug for Record {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut s = f.debug_struct(self.model.name);
        for (field, slot) in self.model.fields.iter().zip(self.slots.iter()) {
            if field.secret {
                s.field(field.name, &format_args!("[redacted]"));
            } else {
                s.field(field.name, &Shown(slot));
            }
        }
        s.finish()
    }
}

/// A slot as `Debug` shows it: like the Rust value it stands for.
struct Shown<'a>(&'a Slot);

impl fmt::Debug for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Slot::Null | Slot::Missing | Slot::Refused => f.write_str("None"),
            Slot::Bool(v) => fmt::Debug::fmt(v, f),
            Slot::Int(v) => fmt::Debug::fmt(v, f),
            Slot::UInt(v) => fmt::Debug::fmt(v, f),
            Slot::Float(v) => fmt::Debug::fmt(v, f),
            Slot::Short(..) | Slot::Text(_) => {
                fmt::Debug::fmt(self.0.as_text().unwrap_or_default(), f)
            }
            Slot::List(items) => f.debug_list().entries(items.iter().map(Shown)).finish(),
            Slot::Map(entries) => f
                .debug_map()
                .entries(entries.iter().map(|(k, v)| (k, Shown(v))))
                .finish(),
            Slot::Record(record) => fmt::Debug::fmt(record, f),
            Slot::Any(value) => fmt::Debug::fmt(value, f),
            #[cfg(feature = "json")]
            Slot::Compiled(model) => fmt::Debug::fmt(model, f),
        }
    }
}

/// The report of [`Record::set_at`] given an index past the last field.
#[cold]
fn no_index(index: usize) -> ValidationErrors {
    let mut errors = ValidationErrors::new();
    errors.add(
        &Trail::Index(&Trail::Root, index),
        Error::new("unknown_field", "no field at index {index}").with_param("index", index),
    );
    errors
}
