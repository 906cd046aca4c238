//! The building blocks of the `Deserialize` that `#[derive(Model)]` writes: generic code,
//! compiled once per field type, so that each model emits only a match over its field indices.
//!
//! On the fast path they read and fail as any serde code does. In a full pass (see
//! [`pass`](super::pass)) a problem is recorded in the model's report and the read goes on, so
//! that one report holds every problem of the document; the readers of lists, sets, maps and
//! options go on past a failed element in the same way.

use super::pass::{self, Partial};
use super::reader::{duplicate_field, unknown_field};
use super::readers::Reader;
use crate::__private::Check;
use crate::error::{Error, ValidationErrors, Violation};
use crate::path::{Path, Segment, Trail};
use crate::value::Value;
use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use std::fmt;

/// A model's input keys, and how to find one: a generated `match`, faster than comparing with
/// each key in turn.
pub struct Keys {
    keys: &'static [&'static str],
    index: fn(&str) -> Option<usize>,
    deny_unknown: bool,
    /// Other keys of fields, each with its field's index: `index` gives the alias `j` the
    /// index `keys.len() + j`.
    aliases: &'static [(&'static str, usize)],
}

impl Keys {
    /// The keys `keys`, found by `index`; unknown keys are refused when `deny_unknown`.
    pub const fn new(
        keys: &'static [&'static str],
        index: fn(&str) -> Option<usize>,
        deny_unknown: bool,
    ) -> Keys {
        Keys {
            keys,
            index,
            deny_unknown,
            aliases: &[],
        }
    }

    /// These keys, and `aliases` (`(alias, field index)`), found by `index` after the keys.
    pub const fn with_aliases(self, aliases: &'static [(&'static str, usize)]) -> Keys {
        Keys { aliases, ..self }
    }

    /// The keys, in order.
    pub const fn list(&self) -> &'static [&'static str] {
        self.keys
    }

    /// What `index` says of `key`: the index of a key or an alias.
    #[inline]
    pub(super) fn find(&self, key: &str) -> Option<usize> {
        (self.index)(key)
    }

    /// The index of the field that `key` names, by its key or an alias.
    fn field(&self, key: &str) -> Option<usize> {
        let index = (self.index)(key)?;
        match index.checked_sub(self.keys.len()) {
            None => Some(index),
            Some(alias) => self.aliases.get(alias).map(|(_, field)| *field),
        }
    }
}

/// A field read under the key of index `via` (see [`Keys::with_aliases`]): when that is an
/// alias, the problems found at the field's own key are put at the alias, where the value
/// stands in the document.
#[cold]
pub fn via(keys: &Keys, via: usize, problems: &mut ValidationErrors) {
    let Some(&(alias, field)) = via
        .checked_sub(keys.keys.len())
        .and_then(|alias| keys.aliases.get(alias))
    else {
        return;
    };
    let key = keys.keys[field];
    for violation in problems.iter_mut() {
        if matches!(violation.path().segments().first(), Some(Segment::Field(name)) if name == key)
        {
            violation.replace_first(Segment::Field(alias.into()));
        }
    }
}

/// Reads a map key as the index of a model's field; `None` for a key to skip.
pub struct FieldKey<'r> {
    keys: &'static Keys,
    problems: &'r mut ValidationErrors,
}

impl<'r> FieldKey<'r> {
    /// The key reader of a model whose keys are `keys`, recording problems in `problems`.
    #[inline]
    pub fn new(keys: &'static Keys, problems: &'r mut ValidationErrors) -> FieldKey<'r> {
        FieldKey { keys, problems }
    }

    #[inline]
    fn find<E: de::Error>(self, key: &str) -> Result<Option<usize>, E> {
        match self.keys.find(key) {
            Some(index) => Ok(Some(index)),
            None if self.keys.deny_unknown => self.unknown(key),
            None => Ok(None),
        }
    }

    #[cold]
    fn unknown<E: de::Error>(self, key: &str) -> Result<Option<usize>, E> {
        if !pass::full() {
            return Err(E::unknown_field(key, self.keys.keys));
        }
        self.problems.push(Violation::new(
            Path::field(key.to_owned()),
            unknown_field(self.keys.keys),
        ));
        Ok(None)
    }
}

impl<'de> DeserializeSeed<'de> for FieldKey<'_> {
    type Value = Option<usize>;

    #[inline]
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_identifier(self)
    }
}

impl<'de> Visitor<'de> for FieldKey<'_> {
    type Value = Option<usize>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a field name")
    }

    #[inline]
    fn visit_str<E: de::Error>(self, key: &str) -> Result<Self::Value, E> {
        self.find(key)
    }

    fn visit_bytes<E: de::Error>(self, key: &[u8]) -> Result<Self::Value, E> {
        match std::str::from_utf8(key) {
            Ok(key) => self.find(key),
            Err(_) => self.find(&String::from_utf8_lossy(key)),
        }
    }

    fn visit_u64<E: de::Error>(self, index: u64) -> Result<Self::Value, E> {
        match usize::try_from(index) {
            Ok(index) if index < self.keys.keys.len() => Ok(Some(index)),
            _ if self.keys.deny_unknown => self.unknown(&index.to_string()),
            _ => Ok(None),
        }
    }
}

/// Reads the value of the field `key` into its `slot` with `seed`; a key given twice is a
/// problem. A `secret` field's value never shows in the problems its value has.
#[inline]
pub fn slot<'de, A, S>(
    slot: &mut Option<S::Value>,
    seed: S,
    key: &'static str,
    map: &mut A,
    secret: bool,
    problems: &mut ValidationErrors,
) -> Result<(), A::Error>
where
    A: MapAccess<'de>,
    S: DeserializeSeed<'de>,
{
    if slot.is_some() {
        return repeated(key, map, problems);
    }
    match map.next_value_seed(seed) {
        Ok(value) => {
            *slot = Some(value);
            Ok(())
        }
        Err(error) => failed(
            error,
            &|| Segment::Field(key.into()),
            false,
            secret,
            problems,
        ),
    }
}

#[cold]
fn repeated<'de, A: MapAccess<'de>>(
    key: &'static str,
    map: &mut A,
    problems: &mut ValidationErrors,
) -> Result<(), A::Error> {
    if !pass::full() {
        return Err(de::Error::duplicate_field(key));
    }
    problems.add(&Trail::Root.field(key), duplicate_field());
    map.next_value::<IgnoredAny>().map(drop)
}

/// A value that could not be read: on the fast path, the error (a secret's without its value);
/// in a full pass, its problems join `problems`, under `step` unless the reader of the value
/// put its step there already (where that step is an element's index and the value a field of
/// a struct read from a sequence, `rename`, the field's name replaces it).
#[cold]
#[inline(never)]
pub(super) fn failed<E: de::Error>(
    error: E,
    // Not generic: one copy of this function per error type, not one per caller's closure.
    step: &dyn Fn() -> Segment,
    rename: bool,
    secret: bool,
    problems: &mut ValidationErrors,
) -> Result<(), E> {
    if !pass::full() {
        return Err(if secret { secret_error(step()) } else { error });
    }
    match pass::take(&error) {
        Some((mut report, stepped)) => {
            if !stepped {
                report.prepend(&std::iter::once(step()).collect::<Path>());
            } else if rename {
                report.iter_mut().for_each(|v| v.replace_first(step()));
            }
            merge(report, secret, problems);
        }
        None => {
            let message = if secret {
                SECRET.to_owned()
            } else {
                error.to_string()
            };
            problems.push(Violation::new(
                std::iter::once(step()).collect(),
                Error::custom(message).with_code("invalid"),
            ));
        }
    }
    Ok(())
}

/// The problems of a value, their paths from the model, joining the model's.
fn merge(mut report: ValidationErrors, secret: bool, problems: &mut ValidationErrors) {
    if secret {
        // The secret field is the first step of these paths.
        report.redact_read_from(0, &Trail::Root.field(""));
        // A message of the value's own `Deserialize` (or a `deserialize_with` function) is
        // free text that may quote the value.
        for violation in report.iter_mut().filter(|v| v.code() == "invalid") {
            *violation = Violation::new(
                violation.path().clone(),
                Error::custom(SECRET).with_code("invalid"),
            );
        }
    }
    problems.extend(report);
}

/// Reads the value of the field `key`, a collection, into its `slot` with `seed`, as [`slot`]
/// does; but in a full pass, a collection some of whose elements cannot be read is kept with
/// the others, beside their problems, so that the field's rules still check the elements read
/// (each at its place in the document).
#[inline]
pub fn slot_items<'de, A, S>(
    slot: &mut Option<S::Value>,
    seed: S,
    key: &'static str,
    map: &mut A,
    secret: bool,
    problems: &mut ValidationErrors,
) -> Result<(), A::Error>
where
    A: MapAccess<'de>,
    S: DeserializeSeed<'de> + Reader,
{
    if slot.is_some() {
        return repeated(key, map, problems);
    }
    let read = self::slot(slot, seed.partly(), key, map, secret, problems);
    // Taken however the read ended: a collection that handed itself over in part and then
    // failed after all (the format's end of a sequence) left what is not this field's.
    if let Some(partial) = pass::take_partial() {
        if slot.is_some() {
            read_partly(partial, key, secret, problems);
        }
    }
    read
}

/// The problems of a collection read in part, under `step`, joining `problems`; the indices in
/// the document of the elements kept, for a list.
#[cold]
pub(super) fn read_in_part(
    partial: Partial,
    step: Segment,
    secret: bool,
    problems: &mut ValidationErrors,
) -> Option<Vec<usize>> {
    let Partial {
        problems: mut report,
        kept,
    } = partial;
    report.prepend(&std::iter::once(step).collect::<Path>());
    merge(report, secret, problems);
    kept
}

/// The code of the note [`slot_items`] leaves in a model's problems for a field read in part:
/// never shown, it tells [`check_read`] to place the field's problems in the document and is
/// taken out before the model's report leaves it.
const READ_IN_PART: &str = "__read_in_part";

/// A field read in part: its problems, and the note for [`check_read`].
#[cold]
fn read_partly(partial: Partial, key: &'static str, secret: bool, problems: &mut ValidationErrors) {
    let kept = read_in_part(partial, Segment::Field(key.into()), secret, problems);
    let kept = kept.map_or(Value::Null, |kept| {
        Value::List(kept.into_iter().map(|i| Value::UInt(i as u64)).collect())
    });
    problems.push(Violation::new(
        Path::field(key),
        Error::new(READ_IN_PART, "").with_param("kept", kept),
    ));
}

/// The rules of a field of a model read with problems (`check`, the field's generated check),
/// when there is a value. A field read in part (see [`slot_items`]) has its elements' problems
/// placed where those elements stand in the document, and the problems of the whole
/// collection (its length...), which hold of the elements kept but not of the document's, left
/// out.
#[cold]
pub fn check_read<T>(value: &Option<T>, check: Check<T>, problems: &mut ValidationErrors) {
    let Some(value) = value else { return };
    let start = problems.len();
    check(value, &Trail::Root, problems, false);
    if problems.len() > start {
        place_read_in_part(problems, start);
    }
}

/// The problems from `start` on, of one field's rules: placed in the document if the field was
/// read in part (see [`check_read`]).
#[cold]
fn place_read_in_part(problems: &mut ValidationErrors, start: usize) {
    let all = problems.as_slice();
    // Every problem of one field's check starts with the field's step.
    let field = all[start].path().segments().first();
    let Some(note) = all[..start]
        .iter()
        .find(|v| v.code() == READ_IN_PART && v.path().segments().first() == field)
    else {
        return;
    };
    let kept: Option<Vec<usize>> = match note.param("kept") {
        Some(Value::List(kept)) => Some(
            kept.iter()
                .map(|at| match at {
                    Value::UInt(at) => *at as usize,
                    _ => usize::MAX,
                })
                .collect(),
        ),
        _ => None,
    };
    let mut found: Vec<Violation> = problems.drain_from(start);
    found.retain_mut(
        |violation| match (violation.path().segments().get(1), &kept) {
            // A rule of the whole collection, checked on the elements kept.
            (None, _) => false,
            (Some(Segment::Index(i)), Some(kept)) => match kept.get(*i) {
                Some(&at) => {
                    violation.replace_at(1, Segment::Index(at));
                    true
                }
                None => false,
            },
            _ => true,
        },
    );
    problems.extend(found);
}

/// What a secret field's value that could not be read says instead of the reader's message.
const SECRET: &str = "cannot be read (not shown: the field is secret)";

#[cold]
fn secret_error<E: de::Error>(step: Segment) -> E {
    E::custom(format_args!(
        "invalid value for the secret field `{step}` (not shown)"
    ))
}

/// Skips the value of a key that is not read.
#[inline]
pub fn skip<'de, A: MapAccess<'de>>(map: &mut A) -> Result<(), A::Error> {
    map.next_value::<IgnoredAny>().map(drop)
}

/// The required field `field` (its index among `keys`) missing from the input: the error on
/// the fast path (for a struct read from a sequence, `seq`, the field's index and what the
/// sequence should hold), a problem in a full pass, unless the field's value was there (under
/// its key or an alias) but could not be read.
#[cold]
pub fn missing<E: de::Error>(
    keys: &Keys,
    field: usize,
    seq: bool,
    expected: &'static str,
    problems: &mut ValidationErrors,
) -> Result<(), E> {
    if !pass::full() {
        return Err(missing_error(keys, field, seq, expected));
    }
    missing_problem(keys, field, problems);
    Ok(())
}

/// The fast path's error for a missing required field.
#[cold]
fn missing_error<E: de::Error>(keys: &Keys, field: usize, seq: bool, expected: &'static str) -> E {
    if seq {
        E::invalid_length(field, &expected)
    } else {
        E::missing_field(keys.keys[field])
    }
}

/// The full pass's problem for a missing required field, unless its value was there (under its
/// key or an alias) but could not be read.
#[cold]
fn missing_problem(keys: &Keys, field: usize, problems: &mut ValidationErrors) {
    let failed = problems.iter().any(|v| {
        matches!(v.path().segments().first(), Some(Segment::Field(name)) if keys.field(name) == Some(field))
    });
    if !failed {
        problems.add(&Trail::Root.field(keys.keys[field]), Error::required());
    }
}

/// Why a model could not be made from the values read. Not generic over the deserializer's
/// error, so that the generated function that makes the model is compiled once per model;
/// [`finished`] turns it into that error.
#[derive(Debug)]
pub enum Unfinished {
    /// A required field is missing, on the fast path: serde's error for it.
    Missing {
        /// Its index among the keys.
        field: usize,
        /// Whether the struct was read from a sequence.
        seq: bool,
        /// What the sequence should hold.
        expected: &'static str,
    },
    /// Every problem found: [`rejected`]'s error.
    Rejected(ValidationErrors),
}

/// The required fields the input left out (`absent`, one flag per field, in key order; `false`
/// for the fields that have a default or are optional): on the fast path, serde's error for the
/// first; in a full pass, a problem for each, and `None`. Generated code calls it once for all
/// the fields: one exit, whatever their number.
#[inline]
pub fn absent(
    keys: &Keys,
    absent: &[bool],
    seq: bool,
    expected: &'static str,
    problems: &mut ValidationErrors,
) -> Option<Unfinished> {
    if absent.contains(&true) {
        report_absent(keys, absent, seq, expected, problems)
    } else {
        None
    }
}

#[cold]
fn report_absent(
    keys: &Keys,
    absent: &[bool],
    seq: bool,
    expected: &'static str,
    problems: &mut ValidationErrors,
) -> Option<Unfinished> {
    let mut fields = absent.iter().enumerate().filter(|(_, absent)| **absent);
    if !pass::full() {
        let (field, _) = fields.next()?;
        return Some(Unfinished::Missing {
            field,
            seq,
            expected,
        });
    }
    for (field, _) in fields {
        missing_problem(keys, field, problems);
    }
    None
}

/// The model made by the generated function, or its failure as the deserializer's error.
#[inline]
pub fn finished<T, E: de::Error>(keys: &Keys, made: Result<T, Unfinished>) -> Result<T, E> {
    match made {
        Ok(model) => Ok(model),
        Err(failure) => Err(unfinished(keys, failure)),
    }
}

#[cold]
fn unfinished<E: de::Error>(keys: &Keys, failure: Unfinished) -> E {
    match failure {
        Unfinished::Missing {
            field,
            seq,
            expected,
        } => missing_error(keys, field, seq, expected),
        Unfinished::Rejected(problems) => rejected(keys, problems),
    }
}

/// The entries of a map, each key read with [`FieldKey`] and handed with its index to `entry`
/// (which reads or skips the value): the loop of every generated `visit_map`, written once.
#[inline]
pub fn read_map<'de, A, F>(
    map: &mut A,
    keys: &'static Keys,
    problems: &mut ValidationErrors,
    mut entry: F,
) -> Result<(), A::Error>
where
    A: MapAccess<'de>,
    F: FnMut(&mut A, Option<usize>, &mut ValidationErrors) -> Result<(), A::Error>,
{
    while let Some(key) = map.next_key_seed(FieldKey::new(keys, problems))? {
        entry(map, key, problems)?;
    }
    Ok(())
}

/// The next element of a sequence (formats that write structs as sequences) read with `seed`:
/// `None` at the end, or, in a full pass, when it could not be read (its problems recorded).
#[inline]
pub fn element<'de, A, S>(
    seq: &mut A,
    seed: S,
    key: &'static str,
    secret: bool,
    problems: &mut ValidationErrors,
) -> Result<Option<S::Value>, A::Error>
where
    A: SeqAccess<'de>,
    S: DeserializeSeed<'de>,
{
    match seq.next_element_seed(seed) {
        Ok(value) => Ok(value),
        Err(error) => {
            failed(
                error,
                &|| Segment::Field(key.into()),
                true,
                secret,
                problems,
            )?;
            Ok(None)
        }
    }
}

/// [`element`], unless an earlier element failed: `None` then, and the error of a failure goes
/// to `failed`, which the generated `visit_seq` returns once, after its last element.
#[inline]
pub fn element_or<'de, A, S>(
    seq: &mut A,
    seed: S,
    key: &'static str,
    secret: bool,
    problems: &mut ValidationErrors,
    failed: &mut Option<A::Error>,
) -> Option<S::Value>
where
    A: SeqAccess<'de>,
    S: DeserializeSeed<'de>,
{
    if failed.is_some() {
        return None;
    }
    match element(seq, seed, key, secret, problems) {
        Ok(value) => value,
        Err(error) => {
            *failed = Some(error);
            None
        }
    }
}

/// Skips the `count` computed fields a model writes after its stored ones.
#[inline]
pub fn skip_elements<'de, A: SeqAccess<'de>>(seq: &mut A, count: usize) -> Result<(), A::Error> {
    for _ in 0..count {
        if seq.next_element::<IgnoredAny>()?.is_none() {
            break;
        }
    }
    Ok(())
}

/// The error of a model that breaks its rules (see `pass::carry`).
#[cold]
pub fn invalid<E: de::Error>(errors: ValidationErrors) -> E {
    pass::carry(errors)
}

/// The error of a model read with problems: `problems` in the order of the model's fields
/// (those found as the values were read, and those of the rules checked after), then carried.
#[cold]
pub fn rejected<E: de::Error>(keys: &Keys, problems: ValidationErrors) -> E {
    pass::carry(ranked(keys, problems))
}

/// `problems` in the order of the model's fields (not generic: one copy of the sort).
#[cold]
fn ranked(keys: &Keys, mut problems: ValidationErrors) -> ValidationErrors {
    let rank = |v: &Violation| match v.path().segments().first() {
        Some(Segment::Field(name)) => keys.field(name),
        _ => None,
    };
    let mut ranked: Vec<(Option<usize>, Violation)> = std::mem::take(&mut problems)
        .into_iter()
        .filter(|v| v.code() != READ_IN_PART)
        .map(|v| (rank(&v), v))
        .collect();
    ranked.sort_by_key(|(rank, _)| *rank);
    problems.extend(ranked.into_iter().map(|(_, v)| v));
    problems
}
