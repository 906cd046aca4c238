//! The schemas of values: their kinds (scalars, lists, maps, optional values, nested models),
//! each with the rules its keywords say (read in `rules.rs`).

use super::keys::{Keys, Pointer};
use super::load::{Walk, MAX_NESTING};
use crate::dynamic::{FieldRule, Int, Kind};
use crate::value::Value;
use serde_json::Value as Json;
use std::ops::Bound;

impl Walk<'_> {
    /// The kind and rules of the values the schema behind `keys` describes.
    pub(super) fn value(
        &mut self,
        mut keys: Keys<'_>,
        name: &str,
        depth: usize,
    ) -> Option<(Kind, Vec<FieldRule>)> {
        let value = self.value_in(&mut keys, name, depth);
        self.finish(&keys, value.is_some());
        value
    }

    pub(super) fn value_in(
        &mut self,
        keys: &mut Keys<'_>,
        name: &str,
        depth: usize,
    ) -> Option<(Kind, Vec<FieldRule>)> {
        let at = keys.at.clone();
        if depth > MAX_NESTING {
            self.error(&at, "", format!("schemas nest deeper than {MAX_NESTING}"));
            return None;
        }
        if let Some(target) = keys.take("$ref") {
            // A rule on a nested model (`check = f`) is named beside the reference.
            self.unenforced(keys, "x-model-rules", "the rules");
            let kind = self.reference(target, &at, depth);
            return kind.map(|k| (k, Vec::new()));
        }
        if let Some(either) = keys.take("anyOf") {
            let inner = self.nullable(either, &at, name, depth);
            let (kind, rules) = inner?;
            return Some((Kind::optional(kind), rules));
        }
        let (ty, nullable) = match keys.take("type") {
            Some(Json::String(t)) => (t.as_str(), false),
            Some(Json::Array(types)) => match types.as_slice() {
                [Json::String(t), Json::String(n)] | [Json::String(n), Json::String(t)]
                    if n == "null" && t != "null" =>
                {
                    (t.as_str(), true)
                }
                _ => {
                    self.error(
                        &at,
                        "type",
                        "a list of types is read only as `[type, \"null\"]` (a nullable value)",
                    );
                    return None;
                }
            },
            Some(_) => {
                self.error(&at, "type", "must be a string or a list of two strings");
                return None;
            }
            // Nothing said of the value but annotations: any value.
            None if keys
                .node
                .keys()
                .all(|k| keys.used.contains(k.as_str()) || k == "x-model-rules") =>
            {
                let before = self.errors.len();
                self.unenforced(keys, "x-model-rules", "the rules");
                return self.wrap(Kind::Any, Vec::new(), false, before);
            }
            None => {
                self.error(
                    &at,
                    "type",
                    "a value's schema with keywords needs a `type` (or a `$ref`): a runtime \
                     field has one kind, or is any value (a schema of annotations only)",
                );
                return None;
            }
        };
        // `enum` or `const` without null refuses null whatever `type` says: not nullable.
        let nullable = nullable
            && ["enum", "const"]
                .iter()
                .all(|keyword| match keys.node.get(*keyword) {
                    None => true,
                    Some(Json::Array(values)) if *keyword == "enum" => values.contains(&Json::Null),
                    Some(value) => value.is_null(),
                });
        let before = self.errors.len();
        let kind = match ty {
            "boolean" => Kind::Bool,
            "integer" => match keys.take("format") {
                None => Kind::Integer(Int::I64),
                Some(Json::String(f)) => match Int::from_format(f) {
                    Some(int) => Kind::Integer(int),
                    None => {
                        self.error(
                            &at,
                            "format",
                            format!("`{f}` is not an integer format (int8 ... uint64)"),
                        );
                        return None;
                    }
                },
                Some(_) => {
                    self.error(&at, "format", "must be a string");
                    return None;
                }
            },
            "number" => {
                match keys.take("format") {
                    None => {}
                    // A 32-bit float: a double within a float's bounds, unless the schema
                    // gives bounds of its own (the finer precision stays).
                    Some(Json::String(f))
                        if f == "float"
                            && !["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"]
                                .iter()
                                .any(|k| keys.node.contains_key(*k)) =>
                    {
                        let max = Value::Float(f64::from(f32::MAX));
                        let min = Value::Float(f64::from(f32::MIN));
                        let rules = vec![FieldRule::Range {
                            min: Bound::Included(min),
                            max: Bound::Included(max),
                        }];
                        let mut all = self.rules(keys, &Kind::Float);
                        all.splice(0..0, rules);
                        return self.wrap(Kind::Float, all, nullable, before);
                    }
                    Some(Json::String(f)) if f == "double" || f == "float" => {}
                    Some(_) => {
                        self.error(&at, "format", "a number's format is `double` or `float`")
                    }
                }
                Kind::Float
            }
            "string" => Kind::Text,
            "array" => {
                let Some(items) = keys.take("items") else {
                    self.error(&at, "items", "an array needs the schema of its `items`");
                    return None;
                };
                let (item, rules) = self.sub(items, &at.at("items"), name, depth)?;
                let kind = Kind::list(item);
                let mut all = self.rules(keys, &kind);
                if !rules.is_empty() {
                    all.push(FieldRule::Each(rules));
                }
                return self.wrap(kind, all, nullable, before);
            }
            "object" => match keys.node.get("additionalProperties") {
                // `{}` beside properties is `true`: a model that ignores other keys.
                Some(values @ Json::Object(o))
                    if !(o.is_empty() && keys.node.contains_key("properties")) =>
                {
                    keys.take("additionalProperties");
                    let (value, value_rules) =
                        self.sub(values, &at.at("additionalProperties"), name, depth)?;
                    if let Some(Json::Object(props)) = keys.take("properties") {
                        if !props.is_empty() {
                            self.error(
                                &at,
                                "properties",
                                "a map (`additionalProperties` with a schema) has no properties",
                            );
                        }
                    }
                    let kind = Kind::map(value);
                    let mut all = self.rules(keys, &kind);
                    if let Some(names) = keys.take("propertyNames") {
                        let key_rules = self.names(names, &at.at("propertyNames"), depth);
                        if !key_rules.is_empty() {
                            all.push(FieldRule::Keys(key_rules));
                        }
                    }
                    if !value_rules.is_empty() {
                        all.push(FieldRule::Values(value_rules));
                    }
                    return self.wrap(kind, all, nullable, before);
                }
                _ => {
                    // An object schema written in place: a model of its own.
                    let name = keys
                        .node
                        .get("title")
                        .and_then(Json::as_str)
                        .unwrap_or(name)
                        .to_owned();
                    let definition = self.object_in(keys, &name, depth)?;
                    let kind = Kind::Model(self.build(definition, &at)?);
                    return Some((
                        if nullable { Kind::optional(kind) } else { kind },
                        Vec::new(),
                    ));
                }
            },
            "null" => {
                self.error(&at, "type", "a value that is always null has no kind");
                return None;
            }
            other => {
                self.error(&at, "type", format!("`{other}` is not a JSON Schema type"));
                return None;
            }
        };
        let rules = self.rules(keys, &kind);
        self.wrap(kind, rules, nullable, before)
    }

    pub(super) fn wrap(
        &mut self,
        kind: Kind,
        rules: Vec<FieldRule>,
        nullable: bool,
        before: usize,
    ) -> Option<(Kind, Vec<FieldRule>)> {
        if self.errors.len() > before {
            return None;
        }
        Some((if nullable { Kind::optional(kind) } else { kind }, rules))
    }

    /// The kind and rules of a schema inside another (`items`, `additionalProperties`).
    pub(super) fn sub(
        &mut self,
        schema: &Json,
        at: &Pointer,
        name: &str,
        depth: usize,
    ) -> Option<(Kind, Vec<FieldRule>)> {
        let Json::Object(node) = schema else {
            self.error(at, "", "must be a schema object");
            return None;
        };
        self.value(Keys::new(node, at), name, depth + 1)
    }

    /// `anyOf: [schema, {"type": "null"}]`.
    pub(super) fn nullable(
        &mut self,
        either: &Json,
        at: &Pointer,
        name: &str,
        depth: usize,
    ) -> Option<(Kind, Vec<FieldRule>)> {
        let null = |s: &Json| {
            s.as_object()
                .is_some_and(|o| o.len() == 1 && o.get("type") == Some(&Json::from("null")))
        };
        match either.as_array().map(Vec::as_slice) {
            Some([a, b]) if null(b) && !null(a) => {
                self.sub(a, &at.at("anyOf").index(0), name, depth)
            }
            Some([a, b]) if null(a) && !null(b) => {
                self.sub(b, &at.at("anyOf").index(1), name, depth)
            }
            _ => {
                self.error(
                    at,
                    "anyOf",
                    "`anyOf` is read only as `[schema, {\"type\": \"null\"}]` (a nullable value)",
                );
                None
            }
        }
        .and_then(|(kind, rules)| {
            if matches!(kind, Kind::Optional(_)) {
                self.error(at, "anyOf", "null twice");
                None
            } else {
                Some((kind, rules))
            }
        })
    }

    /// The rules of map keys, from `propertyNames` (text, whether or not it says so).
    pub(super) fn names(&mut self, schema: &Json, at: &Pointer, depth: usize) -> Vec<FieldRule> {
        let Json::Object(node) = schema else {
            self.error(at, "", "must be a schema object");
            return Vec::new();
        };
        let mut keys = Keys::new(node, at);
        match keys.take("type") {
            None => {}
            Some(t) if t == "string" => {}
            Some(_) => self.error(at, "type", "property names are strings"),
        }
        if depth > MAX_NESTING {
            self.error(at, "", format!("schemas nest deeper than {MAX_NESTING}"));
        }
        let rules = self.rules(&mut keys, &Kind::Text);
        self.finish(&keys, true);
        rules
    }
}
