//! A [`FieldRule`] compiled against its field's kind into the rule types of [`crate::rules`],
//! and applied to a [`Slot`]: the same codes, messages and parameters as a compiled model.

use super::define::{FieldRule, Kind, ValueCheck};
use super::model::FieldDesc;
use super::slot::Slot;
use crate::__private::check;
use crate::error::{How, ValidationErrors};
use crate::path::Trail;
use crate::rules::{
    Alphanumeric, Ascii, ByteLength, Check, Contains, HasBytes, HasLength, Length, NonEmpty,
    NonNegative, OneOf, Positive, Prefix, Range, Rule, Suffix, Unit,
};
use crate::value::Value;
use std::ops::Bound;

/// A rule ready to run on the slots of one kind.
#[derive(Clone)]
pub(crate) enum Compiled {
    /// `length` of text.
    Length(Length),
    /// `length` of a list or a map: its parameters count items.
    LengthItems(Length),
    ByteLength(ByteLength),
    NonEmpty,
    RangeInt(Range<i64>),
    RangeUInt(Range<u64>),
    RangeFloat(Range<f64>),
    NonNegative,
    Positive,
    OneOfText(OneOf<&'static str>),
    OneOfInt(OneOf<i64>),
    OneOfUInt(OneOf<u64>),
    OneOfFloat(OneOf<f64>),
    OneOfBool(OneOf<bool>),
    #[cfg(feature = "regex")]
    Pattern(&'static crate::rules::Pattern),
    #[cfg(feature = "email")]
    Email,
    #[cfg(feature = "url")]
    Url,
    Contains(Contains),
    Prefix(Prefix),
    Suffix(Suffix),
    Ascii,
    Alphanumeric,
    /// Rules on each item of a list, or each value of a map.
    Each(Box<[Compiled]>),
    /// Rules on each key of a map.
    Keys(Box<[Compiled]>),
    Func(ValueCheck),
    Message(Box<Compiled>, &'static str),
}

/// Leaks `text` for the life of the program: a runtime model's rule parameters live as long as
/// the model, which is leaked once (see [`Definition::build`](super::Definition::build)).
pub(crate) fn leak(text: &str) -> &'static str {
    Box::leak(text.to_owned().into_boxed_str())
}

fn leak_slice<T>(items: Vec<T>) -> &'static [T] {
    Box::leak(items.into_boxed_slice())
}

/// Which values a rule needs.
#[derive(Clone, Copy, PartialEq)]
enum Needs {
    Text,
    Sized,
    Number,
}

fn fits(needs: Needs, kind: &Kind) -> bool {
    match needs {
        Needs::Text => matches!(kind, Kind::Text),
        Needs::Sized => matches!(kind, Kind::Text | Kind::List(_) | Kind::Map(_)),
        Needs::Number => matches!(kind, Kind::Integer(_) | Kind::Float),
    }
}

/// `bound` as a bound of `T`, through `convert`.
fn bound<T>(
    bound: &Bound<Value>,
    convert: impl Fn(&Value) -> Option<T>,
) -> Result<Bound<T>, String> {
    let value = match bound {
        Bound::Unbounded => return Ok(Bound::Unbounded),
        Bound::Included(v) | Bound::Excluded(v) => v,
    };
    let converted = convert(value).ok_or_else(|| match value {
        Value::Float(f) if !f.is_finite() => format!("the bound {value} is not a finite number"),
        _ => format!("the bound {value} is not a number of the field's kind"),
    })?;
    Ok(match bound {
        Bound::Included(_) => Bound::Included(converted),
        _ => Bound::Excluded(converted),
    })
}

/// Both bounds of a range through `convert`, or why they do not fit: not of the kind, or no
/// value between them.
fn bounds<T: PartialOrd + Copy>(
    min: &Bound<Value>,
    max: &Bound<Value>,
    convert: impl Fn(&Value) -> Option<T>,
) -> Result<(Bound<T>, Bound<T>), String> {
    let (low, high) = (bound(min, &convert)?, bound(max, &convert)?);
    let empty = match (low, high) {
        (Bound::Included(a), Bound::Included(b)) => a > b,
        (Bound::Included(a) | Bound::Excluded(a), Bound::Included(b) | Bound::Excluded(b)) => {
            a >= b
        }
        _ => false,
    };
    if empty {
        return Err(format!(
            "no value is within the bounds {} and {}",
            shown(min),
            shown(max)
        ));
    }
    Ok((low, high))
}

/// A bound's value as an error shows it.
fn shown(bound: &Bound<Value>) -> String {
    match bound {
        Bound::Included(v) | Bound::Excluded(v) => v.to_string(),
        Bound::Unbounded => String::new(),
    }
}

/// Fewest and most items of a `length`, or why no length fits them.
fn counts(min: Option<usize>, max: Option<usize>) -> Result<(), String> {
    match (min, max) {
        (Some(min), Some(max)) if min > max => {
            Err(format!("no length is within the bounds {min} and {max}"))
        }
        _ => Ok(()),
    }
}

/// A finite number as a float (a float field never holds NaN nor an infinity).
fn finite(value: &Value) -> Option<f64> {
    value.as_f64().filter(|f| f.is_finite())
}

/// A whole float as an integer.
fn whole(value: &Value) -> Option<Value> {
    match *value {
        Value::Float(f) if f.fract() == 0.0 && f.abs() < 9.0e18 => Some(Value::Int(f as i64)),
        Value::Int(_) | Value::UInt(_) => Some(value.clone()),
        _ => None,
    }
}

/// Each of `values` through `convert`, or the first that does not convert.
fn all<T>(values: &[Value], convert: impl Fn(&Value) -> Option<T>) -> Result<Vec<T>, String> {
    values
        .iter()
        .map(|v| {
            convert(v).ok_or_else(|| match v {
                Value::Float(f) if !f.is_finite() => format!("{v} is not a finite number"),
                _ => format!("{v} is not a value of the field's kind"),
            })
        })
        .collect()
}

/// `rule` compiled for values of `kind` (optional kinds unwrapped), or why it does not fit:
/// `Err((rule name, reason))`; an empty reason means the kind alone is at fault.
pub(crate) fn compile(rule: &FieldRule, kind: &Kind) -> Result<Compiled, (&'static str, String)> {
    let kind = kind.required();
    let name = rule.name();
    let needs = |needs: Needs| {
        if fits(needs, kind) {
            Ok(())
        } else {
            Err((name, String::new()))
        }
    };
    let fail = |reason: String| (name, reason);
    Ok(match rule {
        FieldRule::Length { min, max } => {
            needs(Needs::Sized)?;
            counts(*min, *max).map_err(fail)?;
            let rule = Length::new(min.unwrap_or(0), max.unwrap_or(usize::MAX));
            if matches!(kind, Kind::Text) {
                Compiled::Length(rule)
            } else {
                Compiled::LengthItems(rule)
            }
        }
        FieldRule::ByteLength { min, max } => {
            needs(Needs::Text)?;
            counts(*min, *max).map_err(fail)?;
            Compiled::ByteLength(ByteLength::new(min.unwrap_or(0), max.unwrap_or(usize::MAX)))
        }
        FieldRule::NonEmpty => {
            needs(Needs::Sized)?;
            Compiled::NonEmpty
        }
        FieldRule::Range { min, max } => match kind {
            Kind::Integer(int) if int.is_unsigned() => {
                let (min, max) = bounds(min, max, |v| whole(v)?.as_u64()).map_err(fail)?;
                Compiled::RangeUInt(Range::new(min, max))
            }
            Kind::Integer(_) => {
                let (min, max) = bounds(min, max, |v| whole(v)?.as_i64()).map_err(fail)?;
                Compiled::RangeInt(Range::new(min, max))
            }
            Kind::Float => {
                let (min, max) = bounds(min, max, finite).map_err(fail)?;
                Compiled::RangeFloat(Range::new(min, max))
            }
            _ => return Err((name, String::new())),
        },
        FieldRule::NonNegative => {
            needs(Needs::Number)?;
            Compiled::NonNegative
        }
        FieldRule::Positive => {
            needs(Needs::Number)?;
            Compiled::Positive
        }
        FieldRule::OneOf(values) => match kind {
            Kind::Text => Compiled::OneOfText(OneOf::new(leak_slice(
                all(values, |v| v.as_str().map(leak)).map_err(fail)?,
            ))),
            Kind::Integer(int) if int.is_unsigned() => Compiled::OneOfUInt(OneOf::new(leak_slice(
                all(values, Value::as_u64).map_err(fail)?,
            ))),
            Kind::Integer(_) => Compiled::OneOfInt(OneOf::new(leak_slice(
                all(values, Value::as_i64).map_err(fail)?,
            ))),
            Kind::Float => {
                Compiled::OneOfFloat(OneOf::new(leak_slice(all(values, finite).map_err(fail)?)))
            }
            Kind::Bool => Compiled::OneOfBool(OneOf::new(leak_slice(
                all(values, |v| match v {
                    Value::Bool(b) => Some(*b),
                    _ => None,
                })
                .map_err(fail)?,
            ))),
            _ => return Err((name, String::new())),
        },
        FieldRule::Pattern(source) => {
            needs(Needs::Text)?;
            pattern(source).map_err(fail)?
        }
        FieldRule::Email => {
            needs(Needs::Text)?;
            feature_rule(name)?
        }
        FieldRule::Url => {
            needs(Needs::Text)?;
            feature_rule(name)?
        }
        FieldRule::Contains(text) => {
            needs(Needs::Text)?;
            Compiled::Contains(Contains::new(leak(text)))
        }
        FieldRule::Prefix(text) => {
            needs(Needs::Text)?;
            Compiled::Prefix(Prefix::new(leak(text)))
        }
        FieldRule::Suffix(text) => {
            needs(Needs::Text)?;
            Compiled::Suffix(Suffix::new(leak(text)))
        }
        FieldRule::Ascii => {
            needs(Needs::Text)?;
            Compiled::Ascii
        }
        FieldRule::Alphanumeric => {
            needs(Needs::Text)?;
            Compiled::Alphanumeric
        }
        FieldRule::Each(rules) | FieldRule::Values(rules) => {
            let inner = match (rule, kind) {
                (FieldRule::Each(_), Kind::List(item)) => item,
                (_, Kind::Map(value)) => value,
                _ => return Err((name, String::new())),
            };
            Compiled::Each(compile_all(rules, inner)?)
        }
        FieldRule::Keys(rules) => {
            if !matches!(kind, Kind::Map(_)) {
                return Err((name, String::new()));
            }
            Compiled::Keys(compile_all(rules, &Kind::Text)?)
        }
        FieldRule::Check { check, .. } => Compiled::Func(check.clone()),
        FieldRule::Message { rule, message } => {
            Compiled::Message(Box::new(compile(rule, kind)?), leak(message))
        }
    })
}

fn compile_all(
    rules: &[FieldRule],
    kind: &Kind,
) -> Result<Box<[Compiled]>, (&'static str, String)> {
    rules.iter().map(|rule| compile(rule, kind)).collect()
}

#[cfg(feature = "regex")]
fn pattern(source: &str) -> Result<Compiled, String> {
    let rule = crate::rules::Pattern::new(leak(source));
    if rule.regex().is_none() {
        return Err(format!(
            "the pattern `{source}` is not a valid regular expression"
        ));
    }
    Ok(Compiled::Pattern(Box::leak(Box::new(rule))))
}

#[cfg(not(feature = "regex"))]
fn pattern(_: &str) -> Result<Compiled, String> {
    Err("the `regex` feature is off".into())
}

fn feature_rule(name: &'static str) -> Result<Compiled, (&'static str, String)> {
    match name {
        #[cfg(feature = "email")]
        "email" => Ok(Compiled::Email),
        #[cfg(feature = "url")]
        "url" => Ok(Compiled::Url),
        _ => Err((name, format!("the `{name}` feature is off"))),
    }
}

/// Checks `slot` against every rule of `field`, recording every violation at `at`. A secret
/// field's rules hide its value from their violations; its map keys are its value too, hidden
/// from their paths here, as a compiled model hides them.
pub(crate) fn apply_rules(
    field: &FieldDesc,
    slot: &Slot,
    at: &Trail<'_>,
    errors: &mut ValidationErrors,
) {
    let start = errors.len();
    for rule in field.rules.iter() {
        rule.apply(slot, field.how(), at, errors);
    }
    if field.secret && errors.len() > start {
        errors.redact_keys_from(start, at);
    }
}

impl Compiled {
    /// Checks `slot`, recording every violation in `errors` at `at`. A null slot (an empty
    /// optional) satisfies every rule.
    pub(crate) fn apply(
        &self,
        slot: &Slot,
        how: How,
        at: &Trail<'_>,
        errors: &mut ValidationErrors,
    ) {
        match (self, slot) {
            (_, Slot::Null | Slot::Missing | Slot::Refused) => {}
            (Compiled::Message(rule, message), _) => rule.apply(
                slot,
                How {
                    message: Some(message),
                    ..how
                },
                at,
                errors,
            ),
            (Compiled::Func(f), _) => {
                let value = slot.to_value();
                check(&value, &Check(|v: &Value| f(v)), how, at, errors);
            }
            (Compiled::Each(rules), Slot::List(items)) => {
                for (i, item) in items.iter().enumerate() {
                    let at = Trail::Index(at, i);
                    for rule in rules.iter() {
                        rule.apply(item, how, &at, errors);
                    }
                }
            }
            (Compiled::Each(rules), Slot::Map(entries)) => {
                for (key, value) in entries.iter() {
                    let at = Trail::Key(at, key);
                    for rule in rules.iter() {
                        rule.apply(value, how, &at, errors);
                    }
                }
            }
            (Compiled::Keys(rules), Slot::Map(entries)) => {
                for (key, _) in entries.iter() {
                    let at = Trail::Key(at, key);
                    let key = Slot::text(key);
                    for rule in rules.iter() {
                        rule.apply(&key, how, &at, errors);
                    }
                }
            }
            (_, Slot::Short(..) | Slot::Text(_)) => {
                self.text(slot.as_text().unwrap_or_default(), how, at, errors)
            }
            (Compiled::LengthItems(rule), Slot::List(items)) => {
                check(&**items, rule, how, at, errors)
            }
            (Compiled::LengthItems(rule), Slot::Map(entries)) => {
                check(&**entries, rule, how, at, errors)
            }
            (Compiled::NonEmpty, Slot::List(items)) => check(&**items, &NonEmpty, how, at, errors),
            (Compiled::NonEmpty, Slot::Map(entries)) => {
                check(&**entries, &NonEmpty, how, at, errors)
            }
            (Compiled::RangeInt(rule), Slot::Int(v)) => check(v, rule, how, at, errors),
            (Compiled::RangeUInt(rule), Slot::UInt(v)) => check(v, rule, how, at, errors),
            (Compiled::RangeFloat(rule), Slot::Float(v)) => check(v, rule, how, at, errors),
            (Compiled::NonNegative, Slot::Int(v)) => check(v, &NonNegative, how, at, errors),
            (Compiled::NonNegative, Slot::UInt(v)) => check(v, &NonNegative, how, at, errors),
            (Compiled::NonNegative, Slot::Float(v)) => check(v, &NonNegative, how, at, errors),
            (Compiled::Positive, Slot::Int(v)) => check(v, &Positive, how, at, errors),
            (Compiled::Positive, Slot::UInt(v)) => check(v, &Positive, how, at, errors),
            (Compiled::Positive, Slot::Float(v)) => check(v, &Positive, how, at, errors),
            (Compiled::OneOfInt(rule), Slot::Int(v)) => check(v, rule, how, at, errors),
            (Compiled::OneOfUInt(rule), Slot::UInt(v)) => check(v, rule, how, at, errors),
            (Compiled::OneOfFloat(rule), Slot::Float(v)) => check(v, rule, how, at, errors),
            (Compiled::OneOfBool(rule), Slot::Bool(v)) => check(v, rule, how, at, errors),
            // Compilation matched every rule to its kind: other pairs do not occur.
            _ => {}
        }
    }

    fn text(&self, text: &str, how: How, at: &Trail<'_>, errors: &mut ValidationErrors) {
        match self {
            Compiled::Length(rule) => check(text, rule, how, at, errors),
            Compiled::ByteLength(rule) => check(text, rule, how, at, errors),
            Compiled::NonEmpty => check(text, &NonEmpty, how, at, errors),
            Compiled::OneOfText(rule) => check(text, rule, how, at, errors),
            #[cfg(feature = "regex")]
            Compiled::Pattern(rule) => check(text, *rule, how, at, errors),
            #[cfg(feature = "email")]
            Compiled::Email => check(text, &crate::rules::Email, how, at, errors),
            #[cfg(feature = "url")]
            Compiled::Url => check(text, &crate::rules::Url, how, at, errors),
            Compiled::Contains(rule) => check(text, rule, how, at, errors),
            Compiled::Prefix(rule) => check(text, rule, how, at, errors),
            Compiled::Suffix(rule) => check(text, rule, how, at, errors),
            Compiled::Ascii => check(text, &Ascii, how, at, errors),
            Compiled::Alphanumeric => check(text, &Alphanumeric, how, at, errors),
            _ => {}
        }
    }

    /// Whether `slot` satisfies the rule, reporting nothing: the fast path of reads, `set` and
    /// `validate`, which report through [`Compiled::apply`] only when a rule fails. A null slot
    /// satisfies every rule; inline text is measured without checking its UTF-8 again.
    #[inline]
    pub(crate) fn holds(&self, slot: &Slot) -> bool {
        // The commonest pairs inline, the rest through one call.
        match (self, slot) {
            (Compiled::Length(rule), Slot::Short(len, bytes)) => {
                Rule::holds(rule, &InlineText(&bytes[..usize::from(*len)]))
            }
            (Compiled::RangeInt(rule), Slot::Int(v)) => rule.holds(v),
            (Compiled::NonNegative, Slot::Int(v)) => NonNegative.holds(v),
            _ => self.holds_other(slot),
        }
    }

    fn holds_other(&self, slot: &Slot) -> bool {
        match (self, slot) {
            (_, Slot::Null | Slot::Missing | Slot::Refused) => true,
            (Compiled::Message(rule, _), _) => rule.holds(slot),
            (Compiled::Func(f), _) => f(&slot.to_value()).is_ok(),
            (Compiled::Each(rules), Slot::List(items)) => items
                .iter()
                .all(|item| rules.iter().all(|rule| rule.holds(item))),
            (Compiled::Each(rules), Slot::Map(entries)) => entries
                .iter()
                .all(|(_, value)| rules.iter().all(|rule| rule.holds(value))),
            (Compiled::Keys(rules), Slot::Map(entries)) => entries
                .iter()
                .all(|(key, _)| rules.iter().all(|rule| rule.holds_text(key))),
            (Compiled::Length(rule), Slot::Short(len, bytes)) => {
                Rule::holds(rule, &InlineText(&bytes[..usize::from(*len)]))
            }
            (Compiled::ByteLength(rule), Slot::Short(len, bytes)) => {
                Rule::holds(rule, &InlineText(&bytes[..usize::from(*len)]))
            }
            (Compiled::NonEmpty, Slot::Short(len, _)) => *len > 0,
            (_, Slot::Short(..) | Slot::Text(_)) => {
                self.holds_text(slot.as_text().unwrap_or_default())
            }
            (Compiled::LengthItems(rule), Slot::List(items)) => Rule::holds(rule, &**items),
            (Compiled::LengthItems(rule), Slot::Map(entries)) => Rule::holds(rule, &**entries),
            (Compiled::NonEmpty, Slot::List(items)) => !items.is_empty(),
            (Compiled::NonEmpty, Slot::Map(entries)) => !entries.is_empty(),
            (Compiled::RangeInt(rule), Slot::Int(v)) => rule.holds(v),
            (Compiled::RangeUInt(rule), Slot::UInt(v)) => rule.holds(v),
            (Compiled::RangeFloat(rule), Slot::Float(v)) => rule.holds(v),
            (Compiled::NonNegative, Slot::Int(v)) => NonNegative.holds(v),
            (Compiled::NonNegative, Slot::UInt(v)) => NonNegative.holds(v),
            (Compiled::NonNegative, Slot::Float(v)) => NonNegative.holds(v),
            (Compiled::Positive, Slot::Int(v)) => Positive.holds(v),
            (Compiled::Positive, Slot::UInt(v)) => Positive.holds(v),
            (Compiled::Positive, Slot::Float(v)) => Positive.holds(v),
            (Compiled::OneOfInt(rule), Slot::Int(v)) => rule.holds(v),
            (Compiled::OneOfUInt(rule), Slot::UInt(v)) => rule.holds(v),
            (Compiled::OneOfFloat(rule), Slot::Float(v)) => rule.holds(v),
            (Compiled::OneOfBool(rule), Slot::Bool(v)) => rule.holds(v),
            // As in `apply`: compilation matched every rule to its kind.
            _ => true,
        }
    }

    /// Whether the text `text` satisfies the rule, reporting nothing (before it is put in a
    /// slot).
    pub(crate) fn holds_text(&self, text: &str) -> bool {
        match self {
            Compiled::Length(rule) => Rule::<str>::holds(rule, text),
            Compiled::ByteLength(rule) => Rule::<str>::holds(rule, text),
            Compiled::NonEmpty => !text.is_empty(),
            Compiled::OneOfText(rule) => Rule::<str>::holds(rule, text),
            #[cfg(feature = "regex")]
            Compiled::Pattern(rule) => Rule::<str>::holds(*rule, text),
            #[cfg(feature = "email")]
            Compiled::Email => Rule::<str>::holds(&crate::rules::Email, text),
            #[cfg(feature = "url")]
            Compiled::Url => Rule::<str>::holds(&crate::rules::Url, text),
            Compiled::Contains(rule) => Rule::<str>::holds(rule, text),
            Compiled::Prefix(rule) => Rule::<str>::holds(rule, text),
            Compiled::Suffix(rule) => Rule::<str>::holds(rule, text),
            Compiled::Ascii => Rule::<str>::holds(&Ascii, text),
            Compiled::Alphanumeric => Rule::<str>::holds(&Alphanumeric, text),
            Compiled::Message(rule, _) => rule.holds_text(text),
            Compiled::Func(f) => f(&Value::Str(std::borrow::Cow::Owned(text.to_owned()))).is_ok(),
            _ => true,
        }
    }

    /// The rule's parameters, for metadata.
    pub(crate) fn params(&self) -> crate::error::Params {
        use crate::rules::Rule;
        match self {
            Compiled::Length(rule) => Rule::<str>::params(rule),
            Compiled::LengthItems(rule) => Rule::<[Slot]>::params(rule),
            Compiled::ByteLength(rule) => Rule::<str>::params(rule),
            Compiled::RangeInt(rule) => Rule::<i64>::params(rule),
            Compiled::RangeUInt(rule) => Rule::<u64>::params(rule),
            Compiled::RangeFloat(rule) => Rule::<f64>::params(rule),
            Compiled::OneOfText(rule) => Rule::<str>::params(rule),
            Compiled::OneOfInt(rule) => Rule::<i64>::params(rule),
            Compiled::OneOfUInt(rule) => Rule::<u64>::params(rule),
            Compiled::OneOfFloat(rule) => Rule::<f64>::params(rule),
            Compiled::OneOfBool(rule) => Rule::<bool>::params(rule),
            #[cfg(feature = "regex")]
            Compiled::Pattern(rule) => Rule::<str>::params(*rule),
            Compiled::Contains(rule) => Rule::<str>::params(rule),
            Compiled::Prefix(rule) => Rule::<str>::params(rule),
            Compiled::Suffix(rule) => Rule::<str>::params(rule),
            Compiled::Message(rule, _) => rule.params(),
            _ => crate::error::Params::new(),
        }
    }
}

/// The bytes of text kept inline in a slot, UTF-8 since they were written from a `&str`:
/// measured in characters (the bytes that do not continue one) without being checked again.
struct InlineText<'a>(&'a [u8]);

impl HasLength for InlineText<'_> {
    const UNIT: Unit = Unit::Characters;

    #[inline]
    fn length(&self) -> usize {
        self.0.iter().filter(|&&b| (b as i8) >= -0x40).count()
    }

    #[inline]
    fn length_bounds(&self) -> (usize, usize) {
        (self.0.len().div_ceil(4), self.0.len())
    }
}

impl HasBytes for InlineText<'_> {
    fn byte_len(&self) -> usize {
        self.0.len()
    }
}
