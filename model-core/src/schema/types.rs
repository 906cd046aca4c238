//! A value's schema from its shape and the rules that check it, at any depth of
//! `each`/`keys`/`values`.

use super::keywords::{unexpressed, Node};
use super::object::Defs;
use super::rules;
use crate::meta::{RuleMeta, Target};
use crate::shape::Shape;
use serde_json::Value as Json;

/// A rule, with the `each`/`keys`/`values` still to descend before it applies.
#[derive(Clone, Copy)]
pub(crate) struct Pending<'r> {
    pub(crate) rest: &'r [Target],
    pub(crate) rule: &'r RuleMeta,
}

impl<'r> Pending<'r> {
    pub(crate) fn new(rule: &'r RuleMeta) -> Pending<'r> {
        Pending {
            rest: rule.path(),
            rule,
        }
    }
}

/// The schema of a value of shape `shape`, checked by `rules`.
pub(crate) fn schema(shape: &Shape, rules: &[Pending<'_>], defs: &mut Defs) -> Node {
    if let Shape::Optional(inner) = shape {
        // The rules apply to `Some`.
        return nullable(schema(inner, rules, defs));
    }
    let mut node = base(shape, defs);
    let (here, deeper): (Vec<Pending<'_>>, Vec<Pending<'_>>) =
        rules.iter().partition(|p| p.rest.is_empty());
    for pending in &here {
        rules::apply(&mut node, shape, pending.rule);
    }
    for target in [Target::Each, Target::Keys, Target::Values] {
        let inner: Vec<Pending<'_>> = deeper
            .iter()
            .filter(|p| p.rest[0] == target)
            .map(|p| Pending {
                rest: &p.rest[1..],
                rule: p.rule,
            })
            .collect();
        if !inner.is_empty() {
            descend(&mut node, shape, target, &inner, defs);
        }
    }
    node
}

/// Writes the schema of the items, keys or values of `shape`, checked by `rules`, into `node`.
fn descend(node: &mut Node, shape: &Shape, target: Target, rules: &[Pending<'_>], defs: &mut Defs) {
    let (keyword, inner) = match (target, shape) {
        (Target::Each, Shape::List(item) | Shape::Array { item, .. }) => ("items", *item),
        (Target::Keys, Shape::Map { key, .. }) if matches!(key, Shape::Str | Shape::Char) => {
            ("propertyNames", *key)
        }
        (Target::Values, Shape::Map { value, .. }) => ("additionalProperties", *value),
        _ => {
            // No keyword reaches there: every rule inside is named, with the way down.
            for pending in rules {
                let rule = pending.rule;
                let inner = format!("{}({})", rule.name(), rule.source());
                let written = rule.path().iter().rev().fold(inner, |inner, target| {
                    let name = match target {
                        Target::Each => "each",
                        Target::Keys => "keys",
                        Target::Values => "values",
                        Target::Value => return inner,
                    };
                    format!("{name}({inner})")
                });
                unexpressed(node, &written, "");
            }
            return;
        }
    };
    let schema = schema(inner, rules, defs);
    node.insert(keyword.to_owned(), Json::Object(schema));
}

/// The keywords of the type alone.
fn base(shape: &Shape, defs: &mut Defs) -> Node {
    let mut node = Node::new();
    let mut put = |key: &str, value: Json| {
        node.insert(key.to_owned(), value);
    };
    match shape {
        Shape::Unknown => {}
        Shape::Bool => put("type", "boolean".into()),
        Shape::Integer { format, min, max } => {
            put("type", "integer".into());
            put("format", (*format).into());
            if let Some(min) = min {
                put("minimum", (*min).into());
            }
            if let Some(max) = max {
                put("maximum", (*max).into());
            }
        }
        Shape::Float { format } => {
            put("type", "number".into());
            put("format", (*format).into());
        }
        Shape::Str => put("type", "string".into()),
        Shape::Char => {
            put("type", "string".into());
            put("minLength", 1.into());
            put("maxLength", 1.into());
        }
        Shape::List(item) => {
            put("type", "array".into());
            put("items", Json::Object(schema(item, &[], defs)));
        }
        Shape::Array { item, len } => {
            put("type", "array".into());
            put("items", Json::Object(schema(item, &[], defs)));
            put("minItems", (*len).into());
            put("maxItems", (*len).into());
        }
        Shape::Map { key, value } => {
            put("type", "object".into());
            if let Shape::Integer { min, .. } = key {
                // Numbers as keys are written as text.
                let pattern = if min.is_some_and(|m| m >= 0) {
                    "^[0-9]+$"
                } else {
                    "^-?[0-9]+$"
                };
                put("propertyNames", serde_json::json!({ "pattern": pattern }));
            }
            put(
                "additionalProperties",
                Json::Object(schema(value, &[], defs)),
            );
        }
        Shape::Optional(inner) => return nullable(schema(inner, &[], defs)),
        Shape::Object(meta) => return defs.reference(meta()),
        Shape::Dynamic(meta) => return defs.reference(meta),
    }
    node
}

/// `node`, or `null`.
fn nullable(mut node: Node) -> Node {
    if node.is_empty() {
        return node;
    }
    if let Some(Json::Array(allowed)) = node.get_mut("enum") {
        if !allowed.contains(&Json::Null) {
            allowed.push(Json::Null);
        }
    }
    match node.get("type") {
        Some(Json::String(ty)) if !node.contains_key("$ref") => {
            let types = Json::Array(vec![Json::String(ty.clone()), "null".into()]);
            node.insert("type".to_owned(), types);
            node
        }
        _ => {
            let mut either = Node::new();
            let null = serde_json::json!({ "type": "null" });
            either.insert(
                "anyOf".to_owned(),
                Json::Array(vec![Json::Object(node), null]),
            );
            either
        }
    }
}
