//! One rule into its keywords, on the schema of the value it checks.

use super::keywords::{at_least, at_most, escape, json, pattern, unexpressed, Node};
use crate::meta::RuleMeta;
use crate::shape::Shape;
use crate::value::Value;
use serde_json::Value as Json;

/// ASCII only: what `str::is_ascii` accepts.
const ASCII: &str = "^[\\x00-\\x7F]*$";
/// Letters and digits: what `char::is_alphanumeric` accepts, the Unicode property
/// `Alphabetic` or a number (`N`).
const ALPHANUMERIC: &str = "^[\\p{Alphabetic}\\p{N}]*$";

/// Writes `rule`, which checks values of shape `shape`, into `node`; or names it in
/// `x-model-rules` when no keyword says it.
pub(crate) fn apply(node: &mut Node, shape: &Shape, rule: &RuleMeta) {
    if !express(node, shape, rule) {
        unexpressed(node, rule.name(), rule.source());
    }
}

/// What a length counts on a value of this shape, as the keywords' stem.
fn counted(shape: &Shape) -> Option<(&'static str, &'static str)> {
    match shape {
        Shape::Str | Shape::Char => Some(("minLength", "maxLength")),
        Shape::List(_) | Shape::Array { .. } => Some(("minItems", "maxItems")),
        Shape::Map { .. } => Some(("minProperties", "maxProperties")),
        _ => None,
    }
}

fn is_number(shape: &Shape) -> bool {
    matches!(shape, Shape::Integer { .. } | Shape::Float { .. })
}

fn is_text(shape: &Shape) -> bool {
    matches!(shape, Shape::Str | Shape::Char)
}

/// Whether `rule` could be written as keywords (and was).
fn express(node: &mut Node, shape: &Shape, rule: &RuleMeta) -> bool {
    let params = rule.params();
    let number = |name: &str| params.get(name).filter(|v| v.as_f64().is_some()).map(json);
    match rule.name() {
        "length" => {
            let unit = params.get("unit").and_then(Value::as_str);
            let Some((min_key, max_key)) = counted(shape) else {
                return false;
            };
            // Characters on text, items on collections; bytes have no keyword.
            let fits = match unit {
                Some("characters") => is_text(shape),
                Some("items") => !is_text(shape),
                _ => false,
            };
            if !fits {
                return false;
            }
            if let Some(min) = params.get("min").and_then(Value::as_u64) {
                at_least(node, min_key, Json::from(min));
            }
            if let Some(max) = params.get("max").and_then(Value::as_u64) {
                at_most(node, max_key, Json::from(max));
            }
            true
        }
        "non_empty" => match counted(shape) {
            Some((min_key, _)) => {
                at_least(node, min_key, Json::from(1));
                true
            }
            None => false,
        },
        "range" if is_number(shape) => {
            let bounds = [
                ("min", "minimum", true),
                ("exclusive_min", "exclusiveMinimum", true),
                ("max", "maximum", false),
                ("exclusive_max", "exclusiveMaximum", false),
            ];
            // A bound that is not a number (a range over text) has no keyword.
            if params.iter().any(|(_, v)| v.as_f64().is_none()) {
                return false;
            }
            for (param, key, lower) in bounds {
                if let Some(bound) = number(param) {
                    if lower {
                        at_least(node, key, bound);
                    } else {
                        at_most(node, key, bound);
                    }
                }
            }
            true
        }
        "non_negative" if is_number(shape) => {
            at_least(node, "minimum", Json::from(0));
            true
        }
        "positive" if is_number(shape) => {
            at_least(node, "exclusiveMinimum", Json::from(0));
            true
        }
        "pattern" if is_text(shape) => match params.get("pattern").and_then(Value::as_str) {
            Some(p) => {
                pattern(node, super::pattern::translate(p));
                true
            }
            None => false,
        },
        "email" if is_text(shape) => format(node, "email"),
        "url" if is_text(shape) => format(node, "uri"),
        "prefix" | "suffix" | "contains" if is_text(shape) => {
            let (param, before, after) = match rule.name() {
                "prefix" => ("prefix", "^", ""),
                "suffix" => ("suffix", "", "$"),
                _ => ("substring", "", ""),
            };
            match params.get(param).and_then(Value::as_str) {
                Some(text) => {
                    pattern(node, format!("{before}{}{after}", escape(text)));
                    true
                }
                None => false,
            }
        }
        "ascii" if is_text(shape) => {
            pattern(node, ASCII.to_owned());
            true
        }
        "alphanumeric" if is_text(shape) => {
            pattern(node, ALPHANUMERIC.to_owned());
            true
        }
        "one_of" if !matches!(shape, Shape::Unknown | Shape::Object(_) | Shape::Dynamic(_)) => {
            match params.get("allowed") {
                Some(Value::List(allowed)) => {
                    let allowed: Vec<Json> = allowed.iter().map(json).collect();
                    match node.get_mut("enum") {
                        // Two lists: the values in both.
                        Some(Json::Array(old)) => old.retain(|v| allowed.contains(v)),
                        _ => {
                            node.insert("enum".to_owned(), Json::Array(allowed));
                        }
                    }
                    true
                }
                _ => false,
            }
        }
        _ => false,
    }
}

fn format(node: &mut Node, format: &str) -> bool {
    match node.get("format") {
        Some(Json::String(old)) if old != format => false,
        _ => {
            node.insert("format".to_owned(), Json::String(format.to_owned()));
            true
        }
    }
}
