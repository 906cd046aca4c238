//! The typed parameters of an error, stored inline.

use crate::value::Value;
use smallvec::SmallVec;
use std::borrow::Cow;
use std::fmt;
use std::mem::ManuallyDrop;

/// The typed parameters of an error or a rule: `min`, `max`, `value`, `pattern`...
///
/// Stored inline, without allocating: up to four parameters whose names come from a static list
/// (what built-in rules report: a `length` error has `min`, `max`, `unit` and `length`), or up
/// to two with any names (`Params::new().with(..)`, [`Error::with_param`](super::Error::with_param)); more spill to the
/// heap.
#[derive(Clone)]
pub struct Params {
    pub(crate) repr: Repr,
}

/// How many values a parameter list with static names holds inline.
pub(crate) const FIXED: usize = 4;

/// The names of a parameter list known in advance, in order: a reference to a static slice, one
/// pointer wide. At most [`FIXED`] names.
pub(crate) type Names = &'static &'static [&'static str];

#[derive(Clone)]
pub(crate) enum Repr {
    /// `names[i]` is the name of `values[i]`; the values past `names.len()` are `Null`.
    Fixed { names: Names, values: Slots },
    /// Any names, in the order they were added.
    List(SmallVec<[(&'static str, Value); 2]>),
}

/// The values of a fixed list. Dropping them costs nothing when they own nothing, as the numbers
/// and static text of built-in rules' errors do.
#[derive(Clone)]
pub(crate) struct Slots(pub(crate) ManuallyDrop<[Value; FIXED]>);

pub(crate) const NULL: Value = Value::Null;

/// Writes `value` into a slot of a fixed list that holds `Null`, which needs no dropping.
#[inline]
pub(crate) fn put(slot: &mut Value, value: Value) {
    debug_assert!(matches!(slot, Value::Null));
    std::mem::forget(std::mem::replace(slot, value));
}

impl Drop for Slots {
    #[inline]
    fn drop(&mut self) {
        let owns = |value: &Value| {
            !matches!(
                value,
                Value::Null
                    | Value::Bool(_)
                    | Value::Int(_)
                    | Value::UInt(_)
                    | Value::Float(_)
                    | Value::Str(Cow::Borrowed(_))
            )
        };
        if self.0.iter().any(owns) {
            self.drop_owned();
        }
    }
}

impl Slots {
    #[cold]
    #[inline(never)]
    fn drop_owned(&mut self) {
        drop(ManuallyDrop::into_inner(std::mem::replace(
            &mut self.0,
            ManuallyDrop::new([NULL; FIXED]),
        )));
    }
}

impl Params {
    /// No parameters.
    pub const fn new() -> Params {
        Params {
            repr: Repr::List(SmallVec::new_const()),
        }
    }

    /// The parameters `names`, in order, with the first `names.len()` of `values`; the others
    /// must be `Null`.
    #[inline]
    pub(crate) fn fixed(names: Names, values: [Value; FIXED]) -> Params {
        debug_assert!(names.len() <= FIXED);
        Params {
            repr: Repr::Fixed {
                names,
                values: Slots(ManuallyDrop::new(values)),
            },
        }
    }

    /// The parameters `names`, whose values `fill` writes with [`put`].
    #[inline]
    pub(crate) fn fixed_with(names: Names, fill: impl FnOnce(&mut [Value; FIXED])) -> Params {
        let mut values = [NULL; FIXED];
        fill(&mut values);
        Params::fixed(names, values)
    }

    /// Adds or replaces a parameter.
    pub fn set(&mut self, name: &'static str, value: impl Into<Value>) {
        let value = value.into();
        match self.get_mut(name) {
            Some(slot) => *slot = value,
            None => self.list_mut().push((name, value)),
        }
    }

    /// This list with one more parameter.
    pub fn with(mut self, name: &'static str, value: impl Into<Value>) -> Params {
        self.set(name, value);
        self
    }

    /// The parameter called `name`.
    pub fn get(&self, name: &str) -> Option<&Value> {
        match &self.repr {
            Repr::Fixed { names, values } => {
                names.iter().position(|n| *n == name).map(|i| &values.0[i])
            }
            Repr::List(entries) => entries.iter().find(|(n, _)| *n == name).map(|(_, v)| v),
        }
    }

    /// Every value but those of the parameters named in `keep` replaced by [`Value::REDACTED`].
    pub(crate) fn redact_all_but(&mut self, keep: &[&str]) {
        let names: SmallVec<[&'static str; FIXED]> = self
            .iter()
            .map(|(name, _)| name)
            .filter(|name| !keep.contains(name))
            .collect();
        for name in names {
            if let Some(value) = self.get_mut(name) {
                *value = Value::REDACTED;
            }
        }
    }

    pub(crate) fn get_mut(&mut self, name: &str) -> Option<&mut Value> {
        match &mut self.repr {
            Repr::Fixed { names, values } => names
                .iter()
                .position(|n| *n == name)
                .map(|i| &mut values.0[i]),
            Repr::List(entries) => entries.iter_mut().find(|(n, _)| *n == name).map(|(_, v)| v),
        }
    }

    /// The entries as a growable list, converting a fixed list.
    fn list_mut(&mut self) -> &mut SmallVec<[(&'static str, Value); 2]> {
        if let Repr::Fixed { names, values } = &mut self.repr {
            let list = names
                .iter()
                .zip(values.0.iter_mut())
                .map(|(name, value)| (*name, std::mem::replace(value, Value::Null)))
                .collect();
            self.repr = Repr::List(list);
        }
        match &mut self.repr {
            Repr::List(entries) => entries,
            Repr::Fixed { .. } => unreachable!("converted above"),
        }
    }

    /// All parameters, in the order they were added.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = (&'static str, &Value)> {
        match &self.repr {
            Repr::Fixed { names, values } => Iter::Fixed(names.iter().zip(values.0.iter())),
            Repr::List(entries) => Iter::List(entries.iter()),
        }
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// How many there are.
    pub fn len(&self) -> usize {
        match &self.repr {
            Repr::Fixed { names, .. } => names.len(),
            Repr::List(entries) => entries.len(),
        }
    }
}

pub(crate) enum Iter<'a> {
    Fixed(std::iter::Zip<std::slice::Iter<'a, &'static str>, std::slice::Iter<'a, Value>>),
    List(std::slice::Iter<'a, (&'static str, Value)>),
}

impl<'a> Iterator for Iter<'a> {
    type Item = (&'static str, &'a Value);

    fn next(&mut self) -> Option<Self::Item> {
        match self {
            Iter::Fixed(entries) => entries.next().map(|(n, v)| (*n, v)),
            Iter::List(entries) => entries.next().map(|(n, v)| (*n, v)),
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        match self {
            Iter::Fixed(entries) => entries.size_hint(),
            Iter::List(entries) => entries.size_hint(),
        }
    }
}

impl ExactSizeIterator for Iter<'_> {}

impl Default for Params {
    fn default() -> Params {
        Params::new()
    }
}

/// Equal when they hold the same names and values in the same order, however stored.
impl PartialEq for Params {
    fn eq(&self, other: &Params) -> bool {
        self.len() == other.len() && self.iter().eq(other.iter())
    }
}

impl fmt::Debug for Params {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}
