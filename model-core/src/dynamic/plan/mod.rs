//! [`Plan`]: a field's rules folded, when its model is built, into one test specialised on the
//! field's kind (an integer's bounds already converted and merged with its format's, a text's
//! bounds in characters and bytes, a list's count and the plan of its items), so that
//! validating a record or setting a field asks one question per field instead of matching each
//! rule against the slot.
//!
//! A plan only answers whether every rule holds. When it says no, the rules run one by one
//! ([`apply_rules`](super::rules::apply_rules)) and report, so errors are those of the rules
//! themselves. It never says yes when a rule fails; it may say no when unsure.

use super::define::Kind;
use super::rules::Compiled;
use super::slot::{Slot, INLINE};
use crate::value::Value;
use std::ops::Bound;

/// The rules of one field (or of the items of a list, the values of a map), folded.
pub(crate) struct Plan {
    gate: Gate,
    /// The rules that were not folded into the gate, asked one by one.
    rest: Box<[Compiled]>,
    /// Whether the field is optional: null satisfies every rule.
    optional: bool,
    /// The commonest answers, settled inline.
    pub(crate) quick: Quick,
}

/// What [`Plan::quick`] settles without a call.
#[derive(Clone, Copy)]
pub(crate) enum Quick {
    /// Every value holds: no rule to ask, no record nested.
    Yes,
    /// A signed integer slot holds exactly when it is within `low ..= low + span` (one
    /// comparison: see [`Quick::contains`]).
    Int { low: i64, span: u64 },
    /// An unsigned integer slot holds exactly when it is within `low ..= low + span`.
    UInt { low: u64, span: u64 },
    /// Inline text holds when its length in bytes is within both bounds (others are asked).
    Short(u8, u8),
    /// Everything is asked.
    Ask,
}

/// The folded rules, by the kind of the slot.
enum Gate {
    /// A kind the plan does not specialise on (a nested model, any value): only `rest`.
    Open,
    Bool,
    /// A signed integer within both bounds, inclusive: the format's and the rules'.
    Int(i64, i64),
    /// An unsigned integer within both bounds, inclusive.
    UInt(u64, u64),
    /// A finite float within both bounds.
    Float(Bound<f64>, Bound<f64>),
    /// Text of `chars` characters and `bytes` bytes (both inclusive ranges).
    Text {
        chars: (usize, usize),
        bytes: (usize, usize),
    },
    /// A list or a map of `count` items, each (each value of a map) satisfying `each` (the plan
    /// of no rule when the field has no `each`).
    Items {
        count: (usize, usize),
        each: Box<Plan>,
    },
}

/// A value on its way into or out of a slot, without the tree of a [`Value`].
#[doc(hidden)]
pub enum Raw<'a> {
    Null,
    Bool(bool),
    Int(i64),
    UInt(u64),
    Float(f64),
    Text(&'a str),
    /// Any other value, owned.
    Value(Value),
    /// A value of another kind, borrowed: only the general way takes it.
    Other,
}

impl<'a> Raw<'a> {
    /// The raw form of the value of `slot`.
    #[inline]
    pub(crate) fn of(slot: &'a Slot) -> Raw<'a> {
        match slot {
            Slot::Null | Slot::Missing | Slot::Refused => Raw::Null,
            Slot::Bool(v) => Raw::Bool(*v),
            Slot::Int(v) => Raw::Int(*v),
            Slot::UInt(v) => Raw::UInt(*v),
            Slot::Float(v) => Raw::Float(*v),
            Slot::Short(..) | Slot::Text(_) => Raw::Text(slot.as_text().unwrap_or_default()),
            other => Raw::Value(other.to_value()),
        }
    }

    /// The raw form of `value`, borrowed: [`Raw::Other`] for lists, maps and the like.
    #[inline]
    pub(crate) fn borrow(value: &'a Value) -> Raw<'a> {
        match value {
            Value::Null => Raw::Null,
            Value::Bool(v) => Raw::Bool(*v),
            Value::Int(v) => Raw::Int(*v),
            Value::UInt(v) => Raw::UInt(*v),
            Value::Float(v) => Raw::Float(*v),
            Value::Str(v) => Raw::Text(v),
            _ => Raw::Other,
        }
    }

    /// The value, for the general way.
    pub(crate) fn into_value(self) -> Value {
        match self {
            Raw::Null | Raw::Other => Value::Null,
            Raw::Bool(v) => Value::Bool(v),
            Raw::Int(v) => Value::Int(v),
            Raw::UInt(v) => Value::UInt(v),
            Raw::Float(v) => Value::Float(v),
            Raw::Text(v) => Value::Str(std::borrow::Cow::Owned(v.to_owned())),
            Raw::Value(v) => v,
        }
    }
}

impl Plan {
    /// The plan of `rules` (compiled for `kind`).
    pub(crate) fn new(kind: &Kind, rules: &[Compiled]) -> Plan {
        let mut gate = match kind.required() {
            Kind::Bool => Gate::Bool,
            Kind::Integer(int) if int.is_unsigned() => Gate::UInt(0, int.max()),
            Kind::Integer(int) => Gate::Int(int.min(), int.max() as i64),
            Kind::Float => Gate::Float(Bound::Unbounded, Bound::Unbounded),
            Kind::Text => Gate::Text {
                chars: (0, usize::MAX),
                bytes: (0, usize::MAX),
            },
            Kind::List(inner) | Kind::Map(inner) => Gate::Items {
                count: (0, usize::MAX),
                each: Box::new(Plan::new(inner, &[])),
            },
            _ => Gate::Open,
        };
        let mut rest = Vec::new();
        let mut each_seen = false;
        for rule in rules {
            if !gate.fold(unwrap(rule), kind.required(), &mut each_seen) {
                rest.push(rule.clone());
            }
        }
        let quick = match &gate {
            _ if !rest.is_empty() || kind.nests() => Quick::Ask,
            Gate::Open | Gate::Bool => Quick::Yes,
            Gate::Int(low, high) if low <= high => Quick::Int {
                low: *low,
                span: high.abs_diff(*low),
            },
            Gate::UInt(low, high) if low <= high => Quick::UInt {
                low: *low,
                span: high - low,
            },
            Gate::Text { chars, bytes } => {
                // Text of `len` bytes has from `ceil(len / 4)` to `len` characters: a byte
                // length within these bounds settles both.
                let low = bytes.0.max(chars.0.saturating_mul(4).saturating_sub(3));
                let high = bytes.1.min(chars.1).min(INLINE);
                match (u8::try_from(low), u8::try_from(high)) {
                    (Ok(low), Ok(high)) if low <= high => Quick::Short(low, high),
                    _ => Quick::Ask,
                }
            }
            _ => Quick::Ask,
        };
        Plan {
            gate,
            rest: rest.into_boxed_slice(),
            optional: matches!(kind, Kind::Optional(_)),
            quick,
        }
    }

    /// Whether every rule holds for `slot`; `false` when unsure. A null slot satisfies every
    /// rule. The records nested in `slot` are not looked into.
    #[inline]
    pub(crate) fn holds(&self, slot: &Slot) -> bool {
        match self.quick(slot) {
            Some(holds) => holds,
            None => self.holds_slow(slot),
        }
    }

    /// [`Plan::holds`] for the commonest pairs, settled inline with no call (so that a loop
    /// over fields keeps its registers): `None` for the others, and always for a kind that may
    /// nest records, so that a caller that looks into them does it then.
    #[inline(always)]
    pub(crate) fn quick(&self, slot: &Slot) -> Option<bool> {
        match (&self.quick, slot) {
            (Quick::Yes, _) => Some(true),
            (&Quick::Int { low, span }, &Slot::Int(v)) => Some(Quick::contains(v, low, span)),
            (&Quick::UInt { low, span }, &Slot::UInt(v)) => {
                Some(Quick::contains_unsigned(v, low, span))
            }
            (Quick::Short(low, high), Slot::Short(len, _)) if low <= len && len <= high => {
                Some(true)
            }
            _ => None,
        }
    }

    /// [`Plan::holds`] in full.
    #[inline(never)]
    pub(crate) fn holds_slow(&self, slot: &Slot) -> bool {
        self.gate.holds(slot) && (self.rest.is_empty() || self.rest_holds(slot))
    }

    fn rest_holds(&self, slot: &Slot) -> bool {
        self.rest.iter().all(|rule| rule.holds(slot))
    }

    /// Whether every rule holds for `text`, before it is put in a slot (a reader's check);
    /// `false` when the field does not hold text.
    #[cfg(feature = "json")]
    pub(crate) fn holds_text(&self, text: &str) -> bool {
        match &self.gate {
            Gate::Text { chars, bytes } => {
                text_within(text, *chars, *bytes)
                    && self.rest.iter().all(|rule| rule.holds_text(text))
            }
            _ => false,
        }
    }

    /// The plan of each item of a list (each value of a map), for a reader that checks the
    /// items as it reads them; `None` when the field holds neither.
    #[cfg(feature = "json")]
    pub(crate) fn each(&self) -> Option<&Plan> {
        match &self.gate {
            Gate::Items { each, .. } => Some(each),
            _ => None,
        }
    }

    /// Whether every rule holds for the list or map `slot` whose items (values) were checked
    /// against [`Plan::each`] already.
    #[cfg(feature = "json")]
    pub(crate) fn holds_but_each(&self, slot: &Slot) -> bool {
        let len = match slot {
            Slot::List(items) => items.len(),
            Slot::Map(entries) => entries.len(),
            _ => return false,
        };
        match &self.gate {
            Gate::Items { count, .. } => within(len, *count) && self.rest_holds(slot),
            _ => false,
        }
    }

    /// The slot of `raw` when it is of the field's kind and satisfies every rule, ready to be
    /// stored; `None` otherwise, or when unsure (the caller then goes the general way, which
    /// reports).
    #[inline]
    pub(crate) fn admit(&self, raw: &Raw<'_>) -> Option<Slot> {
        let slot = match (&self.gate, raw) {
            (Gate::Int(low, high), &Raw::Int(v)) if *low <= v && v <= *high => Slot::Int(v),
            (Gate::Int(low, high), &Raw::UInt(v))
                if i64::try_from(v).is_ok_and(|v| *low <= v && v <= *high) =>
            {
                Slot::Int(v as i64)
            }
            (Gate::UInt(low, high), &Raw::UInt(v)) if *low <= v && v <= *high => Slot::UInt(v),
            (Gate::UInt(low, high), &Raw::Int(v))
                if v >= 0 && *low <= v as u64 && v as u64 <= *high =>
            {
                Slot::UInt(v as u64)
            }
            (Gate::Float(low, high), &Raw::Float(v)) if float_within(v, low, high) => {
                Slot::Float(v)
            }
            (Gate::Bool, &Raw::Bool(v)) => Slot::Bool(v),
            (Gate::Text { chars, bytes }, &Raw::Text(text))
                if text_within(text, *chars, *bytes) =>
            {
                Slot::text(text)
            }
            (_, Raw::Null) if self.optional => return Some(Slot::Null),
            _ => return None,
        };
        (self.rest.is_empty() || self.rest_holds(&slot)).then_some(slot)
    }
}

impl Quick {
    /// Whether `low <= v <= low + span`, in one comparison.
    #[inline(always)]
    fn contains(v: i64, low: i64, span: u64) -> bool {
        v.wrapping_sub(low) as u64 <= span
    }

    /// Whether `low <= v <= low + span`, in one comparison.
    #[inline(always)]
    fn contains_unsigned(v: u64, low: u64, span: u64) -> bool {
        v.wrapping_sub(low) <= span
    }

    /// Writes `raw` into `target` in place when both are a scalar of the same variant (nothing
    /// to drop) and `raw` satisfies every rule; `false`, with `target` left alone, otherwise.
    #[inline(always)]
    pub(crate) fn put(self, raw: &Raw<'_>, target: &mut Slot) -> bool {
        match (self, raw, target) {
            (Quick::Int { low, span }, &Raw::Int(v), Slot::Int(old))
                if Quick::contains(v, low, span) =>
            {
                *old = v;
            }
            (Quick::UInt { low, span }, &Raw::UInt(v), Slot::UInt(old))
                if Quick::contains_unsigned(v, low, span) =>
            {
                *old = v;
            }
            (Quick::Yes, &Raw::Bool(v), Slot::Bool(old)) => *old = v,
            _ => return false,
        }
        true
    }
}

/// A rule without the message around it: a message changes what is reported, not what holds.
fn unwrap(rule: &Compiled) -> &Compiled {
    match rule {
        Compiled::Message(rule, _) => unwrap(rule),
        rule => rule,
    }
}

/// The larger of two lower bounds of floats (the excluded one when they are equal).
fn lower(a: Bound<f64>, b: Bound<f64>) -> Bound<f64> {
    match (a, b) {
        (Bound::Unbounded, other) | (other, Bound::Unbounded) => other,
        (Bound::Included(x) | Bound::Excluded(x), Bound::Included(y) | Bound::Excluded(y))
            if x != y =>
        {
            if x > y {
                a
            } else {
                b
            }
        }
        (Bound::Excluded(_), _) => a,
        _ => b,
    }
}

/// The smaller of two upper bounds of floats (the excluded one when they are equal).
fn upper(a: Bound<f64>, b: Bound<f64>) -> Bound<f64> {
    match (a, b) {
        (Bound::Unbounded, other) | (other, Bound::Unbounded) => other,
        (Bound::Included(x) | Bound::Excluded(x), Bound::Included(y) | Bound::Excluded(y))
            if x != y =>
        {
            if x < y {
                a
            } else {
                b
            }
        }
        (Bound::Excluded(_), _) => a,
        _ => b,
    }
}

/// Whether the float `v` is finite and within both bounds.
#[inline]
fn float_within(v: f64, low: &Bound<f64>, high: &Bound<f64>) -> bool {
    v.is_finite()
        && match *low {
            Bound::Included(l) => v >= l,
            Bound::Excluded(l) => v > l,
            Bound::Unbounded => true,
        }
        && match *high {
            Bound::Included(h) => v <= h,
            Bound::Excluded(h) => v < h,
            Bound::Unbounded => true,
        }
}

/// Whether `(low, high)` contains `n`.
#[inline]
fn within(n: usize, (low, high): (usize, usize)) -> bool {
    low <= n && n <= high
}

/// Whether text of `len` bytes, measured in characters by `count` when its byte length does not
/// settle it, is within both bounds.
#[inline]
fn sized(
    len: usize,
    count: impl FnOnce() -> usize,
    chars: (usize, usize),
    bytes: (usize, usize),
) -> bool {
    // A character takes one to four bytes: most lengths are settled without counting.
    within(len, bytes) && ((chars.0 <= len.div_ceil(4) && len <= chars.1) || within(count(), chars))
}

/// Whether `text` has a length within `chars` characters and `bytes` bytes.
#[inline]
fn text_within(text: &str, chars: (usize, usize), bytes: (usize, usize)) -> bool {
    sized(text.len(), || text.chars().count(), chars, bytes)
}

impl Gate {
    /// Folds `rule` (compiled for the required kind `kind`) into the gate; `false` when it does
    /// not fold (it is then asked on its own). `each_seen` is set by the first `each` folded:
    /// a second one is asked on its own.
    fn fold(&mut self, rule: &Compiled, kind: &Kind, each_seen: &mut bool) -> bool {
        match (self, rule) {
            (Gate::Int(low, high), Compiled::RangeInt(range)) => {
                let from = match *range.min() {
                    Bound::Included(v) => Some(v),
                    Bound::Excluded(v) => v.checked_add(1),
                    Bound::Unbounded => Some(i64::MIN),
                };
                let to = match *range.max() {
                    Bound::Included(v) => Some(v),
                    Bound::Excluded(v) => v.checked_sub(1),
                    Bound::Unbounded => Some(i64::MAX),
                };
                let (Some(from), Some(to)) = (from, to) else {
                    return false;
                };
                *low = (*low).max(from);
                *high = (*high).min(to);
                true
            }
            (Gate::UInt(low, high), Compiled::RangeUInt(range)) => {
                let from = match *range.min() {
                    Bound::Included(v) => Some(v),
                    Bound::Excluded(v) => v.checked_add(1),
                    Bound::Unbounded => Some(0),
                };
                let to = match *range.max() {
                    Bound::Included(v) => Some(v),
                    Bound::Excluded(v) => v.checked_sub(1),
                    Bound::Unbounded => Some(u64::MAX),
                };
                let (Some(from), Some(to)) = (from, to) else {
                    return false;
                };
                *low = (*low).max(from);
                *high = (*high).min(to);
                true
            }
            (Gate::Int(low, _), Compiled::NonNegative) => {
                *low = (*low).max(0);
                true
            }
            (Gate::Int(low, _), Compiled::Positive) => {
                *low = (*low).max(1);
                true
            }
            (Gate::UInt(..), Compiled::NonNegative) => true,
            (Gate::UInt(low, _), Compiled::Positive) => {
                *low = (*low).max(1);
                true
            }
            (Gate::Float(low, high), Compiled::RangeFloat(range)) => {
                *low = lower(*low, *range.min());
                *high = upper(*high, *range.max());
                true
            }
            (Gate::Float(low, _), Compiled::NonNegative) => {
                *low = lower(*low, Bound::Included(0.0));
                true
            }
            (Gate::Float(low, _), Compiled::Positive) => {
                *low = lower(*low, Bound::Excluded(0.0));
                true
            }
            (Gate::Text { chars, .. }, Compiled::Length(length)) => {
                narrow(chars, length.bounds());
                true
            }
            (Gate::Text { bytes, .. }, Compiled::ByteLength(length)) => {
                narrow(bytes, length.bounds());
                true
            }
            (Gate::Text { chars, .. }, Compiled::NonEmpty) => {
                narrow(chars, (1, usize::MAX));
                true
            }
            (Gate::Items { count, .. }, Compiled::LengthItems(length)) => {
                narrow(count, length.bounds());
                true
            }
            (Gate::Items { count, .. }, Compiled::NonEmpty) => {
                narrow(count, (1, usize::MAX));
                true
            }
            (Gate::Items { each, .. }, Compiled::Each(rules)) if !*each_seen => {
                let inner = match kind {
                    Kind::List(item) => item,
                    Kind::Map(value) => value,
                    _ => return false,
                };
                *each_seen = true;
                **each = Plan::new(inner, rules);
                true
            }
            _ => false,
        }
    }

    /// Whether the folded rules hold for `slot`; `false` when the slot is not of the gate's kind
    /// (which does not occur in a record).
    fn holds(&self, slot: &Slot) -> bool {
        match (self, slot) {
            (_, Slot::Null) | (Gate::Open | Gate::Bool, _) => true,
            (Gate::Int(low, high), Slot::Int(v)) => low <= v && v <= high,
            (Gate::Text { chars, bytes }, Slot::Short(len, b)) => {
                let len = usize::from(*len);
                sized(len, || inline_chars(b, len), *chars, *bytes)
            }
            (Gate::UInt(low, high), Slot::UInt(v)) => low <= v && v <= high,
            (Gate::Float(low, high), Slot::Float(v)) => float_within(*v, low, high),
            (Gate::Text { chars, bytes }, Slot::Text(text)) => text_within(text, *chars, *bytes),
            (Gate::Items { count, each }, Slot::List(items)) => {
                within(items.len(), *count)
                    && (matches!(each.quick, Quick::Yes)
                        || items.iter().all(|item| each.holds(item)))
            }
            (Gate::Items { count, each }, Slot::Map(entries)) => {
                within(entries.len(), *count)
                    && (matches!(each.quick, Quick::Yes)
                        || entries.iter().all(|(_, value)| each.holds(value)))
            }
            _ => false,
        }
    }
}

/// `range` narrowed to its intersection with `other`.
fn narrow(range: &mut (usize, usize), other: (usize, usize)) {
    range.0 = range.0.max(other.0);
    range.1 = range.1.min(other.1);
}

/// The characters of the first `len` bytes of inline text (UTF-8, written from a `&str`): the
/// bytes that do not continue a character.
fn inline_chars(bytes: &[u8], len: usize) -> usize {
    bytes[..len].iter().filter(|&&b| (b as i8) >= -0x40).count()
}

#[cfg(test)]
mod tests;
