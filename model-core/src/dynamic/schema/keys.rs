//! The keywords of a schema object, each accounted for, and the JSON pointers that name where
//! they stand.

use serde_json::{Map, Value as Json};
use std::collections::BTreeSet;

/// Keywords that say nothing about which documents are valid, accepted anywhere.
const ANNOTATIONS: &[&str] = &["title", "description", "$comment", "examples", "deprecated"];

/// Every keyword read somewhere.
const KNOWN: &[&str] = &[
    "$schema",
    "$defs",
    "$ref",
    "type",
    "format",
    "properties",
    "required",
    "additionalProperties",
    "propertyNames",
    "items",
    "anyOf",
    "allOf",
    "enum",
    "const",
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "minLength",
    "maxLength",
    "minItems",
    "maxItems",
    "minProperties",
    "maxProperties",
    "pattern",
    "default",
    "readOnly",
    "writeOnly",
    "x-model-rules",
    "x-model-checks",
];

pub(super) type Node = Map<String, Json>;

/// A JSON pointer under construction.
#[derive(Clone)]
pub(crate) struct Pointer(pub(super) String);

impl Pointer {
    pub(crate) fn root() -> Pointer {
        Pointer(String::new())
    }

    pub(super) fn at(&self, token: &str) -> Pointer {
        Pointer(format!(
            "{}/{}",
            self.0,
            token.replace('~', "~0").replace('/', "~1")
        ))
    }

    pub(super) fn index(&self, i: usize) -> Pointer {
        Pointer(format!("{}/{i}", self.0))
    }
}

/// The keywords of one schema object, each marked when used; the rest are errors.
pub(super) struct Keys<'a> {
    pub(super) node: &'a Node,
    pub(super) at: Pointer,
    pub(super) used: BTreeSet<&'a str>,
}

impl<'a> Keys<'a> {
    pub(super) fn new(node: &'a Node, at: &Pointer) -> Keys<'a> {
        let mut used = BTreeSet::new();
        for key in ANNOTATIONS {
            if let Some((key, _)) = node.get_key_value(*key) {
                used.insert(key.as_str());
            }
        }
        Keys {
            node,
            at: at.clone(),
            used,
        }
    }

    /// The keyword's value, marked used.
    pub(super) fn take(&mut self, key: &str) -> Option<&'a Json> {
        let (key, value) = self.node.get_key_value(key)?;
        self.used.insert(key.as_str());
        Some(value)
    }

    /// The keywords not used, each with why it is refused; after another error (`whole` false),
    /// only those that are never read, so that a keyword the loader cannot honour is always
    /// named.
    pub(super) fn unused(&self, whole: bool) -> Vec<(&'a str, String)> {
        self.node
            .keys()
            .map(String::as_str)
            .filter(|key| !self.used.contains(*key) && (whole || !KNOWN.contains(key)))
            .map(|key| {
                let why = match key {
                    "$ref" => "`$ref` beside these keywords cannot be honoured".to_owned(),
                    "readOnly" | "writeOnly" | "default" => {
                        "is honoured on a model's property only".to_owned()
                    }
                    key if KNOWN.contains(&key) => {
                        "does not apply here (to this type, or beside `$ref` or `anyOf`)".to_owned()
                    }
                    _ => "this keyword is not supported: the model would not honour it".to_owned(),
                };
                (key, why)
            })
            .collect()
    }
}
