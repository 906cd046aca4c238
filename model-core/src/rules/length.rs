//! `length` (characters of text, items of a collection), `length(bytes = ..)` and `non_empty`.
//!
//! ```
//! use model_core::rules::{ByteLength, Length, NonEmpty, Rule};
//!
//! let name = Length::new(1, 64);
//! assert!(name.check("web-1").is_ok());
//! assert_eq!(name.check("").unwrap_err().message(), "must have between 1 and 64 characters (got 0)");
//! // "é" is one character but two bytes.
//! assert!(Length::new(1, 1).check("é").is_ok());
//! assert!(ByteLength::new(1, 1).check("é").is_err());
//! assert_eq!(Length::at_most(2).check(&vec![1, 2, 3]).unwrap_err().message(), "must have at most 2 items (got 3)");
//! assert!(NonEmpty.check(&Vec::<u8>::new()).is_err());
//! ```

use super::Rule;
use crate::error::How;
use crate::error::{put, Error, Fault, Names, Params, ValidationErrors, FIXED};
use crate::path::Trail;
use crate::value::Value;
use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet, VecDeque};

/// What a length counts, for messages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    /// Unicode scalar values of text.
    Characters,
    /// Bytes.
    Bytes,
    /// Items of a collection.
    Items,
}

impl Unit {
    fn name(self, count: usize) -> &'static str {
        match (self, count == 1) {
            (Unit::Characters, true) => "character",
            (Unit::Characters, false) => "characters",
            (Unit::Bytes, true) => "byte",
            (Unit::Bytes, false) => "bytes",
            (Unit::Items, true) => "item",
            (Unit::Items, false) => "items",
        }
    }
}

/// A value with a length: text (in characters) or a collection (in items).
#[diagnostic::on_unimplemented(
    message = "`{Self}` has no length, so `length` and `non_empty` do not apply to it",
    label = "this rule needs text or a collection"
)]
pub trait HasLength {
    /// What the length counts.
    const UNIT: Unit;

    /// The exact length.
    fn length(&self) -> usize;

    /// Cheap bounds `(low, high)` of the length, so that most checks need no counting.
    /// `high` must be 0 exactly when the value is empty.
    #[inline]
    fn length_bounds(&self) -> (usize, usize) {
        let len = self.length();
        (len, len)
    }
}

impl HasLength for str {
    const UNIT: Unit = Unit::Characters;
    #[inline]
    fn length(&self) -> usize {
        self.chars().count()
    }
    #[inline]
    fn length_bounds(&self) -> (usize, usize) {
        // A character takes one to four bytes.
        (self.len().div_ceil(4), self.len())
    }
}

macro_rules! deref_length {
    ($($ty:ty),*) => {$(
        impl HasLength for $ty {
            const UNIT: Unit = Unit::Characters;
            #[inline]
            fn length(&self) -> usize {
                str::length(self)
            }
            #[inline]
            fn length_bounds(&self) -> (usize, usize) {
                str::length_bounds(self)
            }
        }
    )*};
}
deref_length!(
    String,
    Box<str>,
    std::rc::Rc<str>,
    std::sync::Arc<str>,
    Cow<'_, str>
);

macro_rules! collection_length {
    ($([$($gen:tt)*] $ty:ty),*) => {$(
        impl<$($gen)*> HasLength for $ty {
            const UNIT: Unit = Unit::Items;
            #[inline]
            fn length(&self) -> usize {
                self.len()
            }
        }
    )*};
}
collection_length!(
    [T] [T], [T] Vec<T>, [T, const N: usize] [T; N], [T] VecDeque<T>, [T] Box<[T]>,
    [T, S] HashSet<T, S>, [T] BTreeSet<T>, [K, V, S] HashMap<K, V, S>, [K, V] BTreeMap<K, V>
);

/// A value whose size in bytes can be checked: text and byte buffers.
#[diagnostic::on_unimplemented(
    message = "`{Self}` has no byte length, so `length(bytes = ..)` does not apply to it",
    label = "this rule needs text or bytes"
)]
pub trait HasBytes {
    /// The length in bytes.
    fn byte_len(&self) -> usize;
}

macro_rules! has_bytes {
    ($([$($gen:tt)*] $ty:ty),*) => {$(
        impl<$($gen)*> HasBytes for $ty {
            #[inline]
            fn byte_len(&self) -> usize {
                self.len()
            }
        }
    )*};
}
has_bytes!(
    [] str, [] String, [] Box<str>, [] std::rc::Rc<str>, [] std::sync::Arc<str>, [] Cow<'_, str>,
    [] [u8], [] Vec<u8>, [const N: usize] [u8; N]
);

fn length_template(min: usize, max: usize) -> &'static str {
    if min == max {
        "must have exactly {min} {unit} (got {length})"
    } else if max == usize::MAX {
        "must have at least {min} {unit} (got {length})"
    } else if min == 0 {
        "must have at most {max} {unit} (got {length})"
    } else {
        "must have between {min} and {max} {unit} (got {length})"
    }
}

/// The names of a length's parameters, by whether `min` and `max` are shown: for metadata
/// (with `unit`) and for errors (with `unit` and `length`).
static LENGTH_NAMES: [[&[&str]; 4]; 2] = [
    [
        &["unit"],
        &["max", "unit"],
        &["min", "unit"],
        &["min", "max", "unit"],
    ],
    [
        &["unit", "length"],
        &["max", "unit", "length"],
        &["min", "unit", "length"],
        &["min", "max", "unit", "length"],
    ],
];

/// The names of a length rule's parameters: `min` and `max` as shown, `unit`, then `length` if
/// `with_length`.
fn length_names(min: usize, max: usize, with_length: bool) -> Names {
    let (has_min, has_max) = shown(min, max);
    &LENGTH_NAMES[usize::from(with_length)][usize::from(has_min) * 2 + usize::from(has_max)]
}

/// Whether `min` and `max` are shown. An exact length is shown as `{min}`, even when it is 0.
fn shown(min: usize, max: usize) -> (bool, bool) {
    (min > 0 || min == max, max != usize::MAX)
}

/// Writes the values of a length rule's parameters, in the order of [`length_names`].
#[inline]
fn length_fill(
    slots: &mut [Value; FIXED],
    (min, max): (usize, usize),
    unit: &'static str,
    length: Option<usize>,
) {
    let (has_min, has_max) = shown(min, max);
    let mut i = 0;
    for (show, bound) in [(has_min, min), (has_max, max)] {
        if show {
            put(&mut slots[i], Value::UInt(bound as u64));
            i += 1;
        }
    }
    put(&mut slots[i], Value::str(unit));
    if let Some(length) = length {
        put(&mut slots[i + 1], Value::UInt(length as u64));
    }
}

/// The unit's name in an error: singular when the bound shown is 1.
fn error_unit(min: usize, max: usize, unit: Unit) -> &'static str {
    let shown = if max == usize::MAX || min == max {
        min
    } else {
        max
    };
    unit.name(shown)
}

#[cold]
fn length_error(min: usize, max: usize, unit: Unit, length: usize) -> Fault {
    let kind = (
        "length",
        length_template(min, max),
        length_names(min, max, true),
    );
    let unit = error_unit(min, max, unit);
    Fault::fixed_with(kind, |slots| {
        length_fill(slots, (min, max), unit, Some(length));
    })
}

#[cold]
#[inline(never)]
fn length_report(
    (min, max, unit, length): (usize, usize, Unit, usize),
    how: How,
    at: &Trail<'_>,
    errors: &mut ValidationErrors,
) {
    let kind = (
        "length",
        length_template(min, max),
        length_names(min, max, true),
    );
    let unit = error_unit(min, max, unit);
    errors.record_fixed(at, how, kind, |slots| {
        length_fill(slots, (min, max), unit, Some(length));
    });
}

/// A length between `min` and `max` (inclusive): characters of text, items of a collection.
///
/// Parameters: `min`, `max`, the offending `length` and its `unit`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Length {
    min: usize,
    max: usize,
}

impl Length {
    /// A length from `min` to `max`, both inclusive.
    pub const fn new(min: usize, max: usize) -> Length {
        Length { min, max }
    }

    /// A length of at least `min`.
    pub const fn at_least(min: usize) -> Length {
        Length::new(min, usize::MAX)
    }

    /// A length of at most `max`.
    pub const fn at_most(max: usize) -> Length {
        Length::new(0, max)
    }

    /// The bounds `(min, max)`, both inclusive.
    pub(crate) const fn bounds(&self) -> (usize, usize) {
        (self.min, self.max)
    }
}

impl Length {
    /// `Ok` when the length of `value` is within bounds, otherwise the length.
    #[inline]
    fn measure<T: HasLength + ?Sized>(&self, value: &T) -> Result<(), usize> {
        let (low, high) = value.length_bounds();
        if low >= self.min && high <= self.max {
            return Ok(());
        }
        let length = if low == high { low } else { value.length() };
        if length >= self.min && length <= self.max {
            Ok(())
        } else {
            Err(length)
        }
    }
}

impl<T: HasLength + ?Sized> Rule<T> for Length {
    #[inline]
    fn check(&self, value: &T) -> Result<(), Error> {
        self.check_inline(value).map_err(Error::from)
    }

    #[inline]
    fn check_inline(&self, value: &T) -> Result<(), Fault> {
        match self.measure(value) {
            Ok(()) => Ok(()),
            Err(length) => Err(length_error(self.min, self.max, T::UNIT, length)),
        }
    }

    #[inline]
    fn check_into(
        &self,
        value: &T,
        how: How,
        at: &Trail<'_>,
        errors: &mut ValidationErrors,
    ) -> Result<(), Fault> {
        if let Err(length) = self.measure(value) {
            length_report((self.min, self.max, T::UNIT, length), how, at, errors);
        }
        Ok(())
    }

    #[inline]
    fn holds(&self, value: &T) -> bool {
        self.measure(value).is_ok()
    }

    fn params(&self) -> Params {
        let bounds = (self.min, self.max);
        Params::fixed_with(length_names(self.min, self.max, false), |slots| {
            length_fill(slots, bounds, T::UNIT.name(2), None);
        })
    }
}

/// A size in bytes between `min` and `max` (inclusive): `#[model(length(bytes = ..))]`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ByteLength {
    min: usize,
    max: usize,
}

impl ByteLength {
    /// A size from `min` to `max` bytes, both inclusive.
    pub const fn new(min: usize, max: usize) -> ByteLength {
        ByteLength { min, max }
    }

    /// The bounds `(min, max)` in bytes, both inclusive.
    pub(crate) const fn bounds(&self) -> (usize, usize) {
        (self.min, self.max)
    }
}

impl<T: HasBytes + ?Sized> Rule<T> for ByteLength {
    #[inline]
    fn check(&self, value: &T) -> Result<(), Error> {
        self.check_inline(value).map_err(Error::from)
    }

    #[inline]
    fn holds(&self, value: &T) -> bool {
        (self.min..=self.max).contains(&value.byte_len())
    }

    #[inline]
    fn check_inline(&self, value: &T) -> Result<(), Fault> {
        if Rule::<T>::holds(self, value) {
            Ok(())
        } else {
            Err(length_error(
                self.min,
                self.max,
                Unit::Bytes,
                value.byte_len(),
            ))
        }
    }

    #[inline]
    fn check_into(
        &self,
        value: &T,
        how: How,
        at: &Trail<'_>,
        errors: &mut ValidationErrors,
    ) -> Result<(), Fault> {
        if !Rule::<T>::holds(self, value) {
            let length = value.byte_len();
            length_report((self.min, self.max, Unit::Bytes, length), how, at, errors);
        }
        Ok(())
    }

    fn params(&self) -> Params {
        let bounds = (self.min, self.max);
        Params::fixed_with(length_names(self.min, self.max, false), |slots| {
            length_fill(slots, bounds, "bytes", None);
        })
    }
}

const NON_EMPTY: (&str, &str) = ("non_empty", "must not be empty");

/// Text or a collection that is not empty.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct NonEmpty;

impl<T: HasLength + ?Sized> Rule<T> for NonEmpty {
    #[inline]
    fn check(&self, value: &T) -> Result<(), Error> {
        self.check_inline(value).map_err(Error::from)
    }

    #[inline]
    fn holds(&self, value: &T) -> bool {
        value.length_bounds().1 > 0
    }

    #[inline]
    fn check_inline(&self, value: &T) -> Result<(), Fault> {
        if Rule::<T>::holds(self, value) {
            Ok(())
        } else {
            Err(Fault::new(NON_EMPTY.0, NON_EMPTY.1))
        }
    }

    #[inline]
    fn check_into(
        &self,
        value: &T,
        how: How,
        at: &Trail<'_>,
        errors: &mut ValidationErrors,
    ) -> Result<(), Fault> {
        if !Rule::<T>::holds(self, value) {
            super::report(NON_EMPTY, how, at, errors);
        }
        Ok(())
    }
}
