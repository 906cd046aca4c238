//! The rules a schema's keywords say about a value: lengths, counts, bounds, patterns, the
//! rules of the export's own keywords.

use super::ecma;
use super::json::{ceil, floor, of_kind};
use super::keys::{Keys, Pointer};
use super::load::Walk;
use crate::dynamic::{FieldRule, Kind};
use crate::value::Value;
use serde_json::Value as Json;
use std::collections::HashSet;
use std::ops::Bound;

impl Walk<'_> {
    /// The rules the keywords behind `keys` say about values of `kind`.
    pub(super) fn rules(&mut self, keys: &mut Keys<'_>, kind: &Kind) -> Vec<FieldRule> {
        let mut rules = Vec::new();
        let at = keys.at.clone();
        self.unenforced(keys, "x-model-rules", "the rules");
        let (min_key, max_key) = match kind {
            Kind::Text => ("minLength", "maxLength"),
            Kind::List(_) => ("minItems", "maxItems"),
            Kind::Map(_) => ("minProperties", "maxProperties"),
            _ => ("", ""),
        };
        if !min_key.is_empty() {
            let min = keys.take(min_key).and_then(|v| self.count(v, &at, min_key));
            let max = keys.take(max_key).and_then(|v| self.count(v, &at, max_key));
            match (min, max) {
                (None | Some(0), None) => {}
                (Some(1), None) => rules.push(FieldRule::NonEmpty),
                (min, max) => rules.push(FieldRule::Length {
                    min: min.filter(|m| *m > 0),
                    max,
                }),
            }
        }
        if matches!(kind, Kind::Integer(_) | Kind::Float) {
            rules.extend(self.bounds(keys, kind));
        }
        if matches!(kind, Kind::Text) {
            if let Some(pattern) = keys.take("pattern") {
                rules.extend(self.pattern(pattern, &at));
            }
            match keys.take("format") {
                None => {}
                Some(Json::String(f)) => match f.as_str() {
                    "email" => rules.push(FieldRule::Email),
                    "uri" => rules.push(FieldRule::Url),
                    // An annotation: the text is a secret (with `writeOnly`).
                    "password" => {}
                    other => self.error(
                        &at,
                        "format",
                        format!("the format `{other}` is not checked (only `email`, `uri`)"),
                    ),
                },
                Some(_) => self.error(&at, "format", "must be a string"),
            }
        }
        if let Some(all) = keys.take("allOf") {
            match all {
                Json::Array(schemas) => {
                    for (i, schema) in schemas.iter().enumerate() {
                        let at = at.at("allOf").index(i);
                        let Json::Object(node) = schema else {
                            self.error(&at, "", "must be a schema object");
                            continue;
                        };
                        // Each holds more rules on the same value, no type of its own.
                        let mut inner = Keys::new(node, &at);
                        let more = self.rules(&mut inner, kind);
                        self.finish(&inner, true);
                        rules.extend(more);
                    }
                }
                _ => self.error(&at, "allOf", "must be a list of schemas"),
            }
        }
        for keyword in ["enum", "const"] {
            let Some(allowed) = keys.take(keyword) else {
                continue;
            };
            let list = match (keyword, allowed) {
                ("enum", Json::Array(values)) => values.as_slice(),
                ("enum", _) => {
                    self.error(&at, keyword, "must be a list");
                    continue;
                }
                _ => std::slice::from_ref(allowed),
            };
            if matches!(kind, Kind::List(_) | Kind::Map(_)) {
                self.error(
                    &at,
                    keyword,
                    "is read on booleans, numbers and strings only",
                );
                continue;
            }
            // Values of another type can never match: they are left out; each value once, in
            // the order given (a set of what was seen, so that a long enum loads in linear time).
            let mut seen = HashSet::new();
            let values: Vec<Value> = list
                .iter()
                .filter_map(|v| of_kind(v, kind))
                .filter(|v| seen.insert(Seen::of(v)))
                .collect();
            rules.push(FieldRule::OneOf(values));
        }
        rules
    }

    /// A count (`minLength`...): a whole number ≥ 0.
    pub(super) fn count(&mut self, value: &Json, at: &Pointer, keyword: &str) -> Option<usize> {
        match value {
            Json::Number(n) => {
                if let Some(n) = n.as_u64() {
                    return Some(usize::try_from(n).unwrap_or(usize::MAX));
                }
                match n.as_f64() {
                    Some(f) if f >= 0.0 && f.fract() == 0.0 => Some(if f >= usize::MAX as f64 {
                        usize::MAX
                    } else {
                        f as usize
                    }),
                    _ => {
                        self.error(at, keyword, "must be a whole number, 0 or more");
                        None
                    }
                }
            }
            _ => {
                self.error(at, keyword, "must be a whole number, 0 or more");
                None
            }
        }
    }

    /// `pattern`, in the `regex` crate's dialect.
    pub(super) fn pattern(&mut self, pattern: &Json, at: &Pointer) -> Option<FieldRule> {
        let Some(source) = pattern.as_str() else {
            self.error(at, "pattern", "must be a string");
            return None;
        };
        if let Some(rule) = ecma::text_rule(source) {
            return Some(rule);
        }
        let translated = match ecma::translate(source) {
            Ok(translated) => translated,
            Err(why) => {
                self.error(at, "pattern", format!("`{source}` cannot be read: {why}"));
                return None;
            }
        };
        match compiles(&translated) {
            Ok(()) => Some(FieldRule::Pattern(translated)),
            Err(why) => {
                self.error(at, "pattern", format!("`{source}` {why}"));
                None
            }
        }
    }

    /// `minimum`, `maximum`, `exclusiveMinimum`, `exclusiveMaximum` as one rule.
    pub(super) fn bounds(&mut self, keys: &mut Keys<'_>, kind: &Kind) -> Option<FieldRule> {
        let at = keys.at.clone();
        let mut bound = |key: &str, this: &mut Walk<'_>| match keys.take(key) {
            None => None,
            Some(Json::Number(n)) => Some(n.clone()),
            Some(_) => {
                this.error(&at, key, "must be a number");
                None
            }
        };
        let min = bound("minimum", self);
        let exclusive_min = bound("exclusiveMinimum", self);
        let max = bound("maximum", self);
        let exclusive_max = bound("exclusiveMaximum", self);
        match kind {
            Kind::Integer(int) => {
                let type_low = i128::from(int.min());
                let type_high = i128::from(int.max());
                // Each bound as a whole, inclusive one; those the format implies say nothing.
                let low: Vec<(&str, i128)> = [
                    ("minimum", min.as_ref().map(ceil)),
                    (
                        "exclusiveMinimum",
                        exclusive_min.as_ref().map(|n| floor(n).saturating_add(1)),
                    ),
                ]
                .into_iter()
                .filter_map(|(key, bound)| Some((key, bound?)))
                .filter(|(_, bound)| *bound > type_low)
                .collect();
                let high: Vec<i128> = [
                    max.as_ref().map(floor),
                    exclusive_max.as_ref().map(|n| ceil(n).saturating_sub(1)),
                ]
                .into_iter()
                .flatten()
                .filter(|bound| *bound < type_high)
                .collect();
                let number = |n: i128| {
                    if int.is_unsigned() {
                        Value::UInt(n as u64)
                    } else {
                        Value::Int(n as i64)
                    }
                };
                if high.is_empty() {
                    let zero = |n: &Option<serde_json::Number>| {
                        n.as_ref().and_then(serde_json::Number::as_f64) == Some(0.0)
                    };
                    match low.as_slice() {
                        [("minimum", 0)] => return Some(FieldRule::NonNegative),
                        [("exclusiveMinimum", 1)] if zero(&exclusive_min) => {
                            return Some(FieldRule::Positive)
                        }
                        _ => {}
                    }
                }
                let low = low.iter().map(|(_, b)| *b).fold(type_low, i128::max);
                let high = high.into_iter().fold(type_high, i128::min);
                if low > high {
                    // No whole number of the format is within: nothing but null is valid.
                    return Some(FieldRule::OneOf(Vec::new()));
                }
                let lower = if low > type_low {
                    Bound::Included(number(low))
                } else {
                    Bound::Unbounded
                };
                let upper = if high < type_high {
                    Bound::Included(number(high))
                } else {
                    Bound::Unbounded
                };
                if matches!((&lower, &upper), (Bound::Unbounded, Bound::Unbounded)) {
                    return None;
                }
                Some(FieldRule::Range {
                    min: lower,
                    max: upper,
                })
            }
            _ => {
                let f = |n: &Option<serde_json::Number>| {
                    n.as_ref().and_then(serde_json::Number::as_f64)
                };
                let (min, exclusive_min, max, exclusive_max) =
                    (f(&min), f(&exclusive_min), f(&max), f(&exclusive_max));
                match (min, exclusive_min, max, exclusive_max) {
                    (Some(0.0), None, None, None) => return Some(FieldRule::NonNegative),
                    (None, Some(0.0), None, None) => return Some(FieldRule::Positive),
                    (None, None, None, None) => return None,
                    _ => {}
                }
                // The tighter of each pair; on a tie, the exclusive one.
                let lower = match (min, exclusive_min) {
                    (Some(a), Some(b)) if b >= a => Bound::Excluded(Value::Float(b)),
                    (Some(a), _) => Bound::Included(Value::Float(a)),
                    (None, Some(b)) => Bound::Excluded(Value::Float(b)),
                    (None, None) => Bound::Unbounded,
                };
                let upper = match (max, exclusive_max) {
                    (Some(a), Some(b)) if b <= a => Bound::Excluded(Value::Float(b)),
                    (Some(a), _) => Bound::Included(Value::Float(a)),
                    (None, Some(b)) => Bound::Excluded(Value::Float(b)),
                    (None, None) => Bound::Unbounded,
                };
                Some(FieldRule::Range {
                    min: lower,
                    max: upper,
                })
            }
        }
    }
}

/// Whether the `regex` crate compiles `pattern`, or why not.
#[cfg(feature = "regex")]
fn compiles(pattern: &str) -> Result<(), String> {
    regex::Regex::new(pattern).map(drop).map_err(|error| {
        let why = error.to_string();
        let why = why.lines().last().unwrap_or_default().trim().to_owned();
        format!("does not compile: {why}")
    })
}

#[cfg(not(feature = "regex"))]
fn compiles(_: &str) -> Result<(), String> {
    Err("cannot be checked: patterns need the `regex` feature".into())
}

/// A value of an enum as a set can hold it: equal exactly when the values are (`==`, so `0.0`
/// and `-0.0` are one).
#[derive(PartialEq, Eq, Hash)]
enum Seen {
    Bool(bool),
    Int(i64),
    UInt(u64),
    Float(u64),
    Str(String),
    /// Anything else, told apart by its rendering.
    Other(String),
}

impl Seen {
    fn of(value: &Value) -> Seen {
        match value {
            Value::Bool(b) => Seen::Bool(*b),
            Value::Int(n) => Seen::Int(*n),
            Value::UInt(n) => Seen::UInt(*n),
            Value::Float(f) if *f == 0.0 => Seen::Float(0),
            Value::Float(f) => Seen::Float(f.to_bits()),
            Value::Str(text) => Seen::Str(text.to_string()),
            other => Seen::Other(format!("{other:?}")),
        }
    }
}
