//! The walk over a schema document: models from object schemas, every keyword accounted for;
//! the schemas of values are read in `value.rs`, their rules in `rules.rs`.

use super::json::value;
use super::keys::{Keys, Node, Pointer};
use super::order::Orders;
use super::{Loaded, SchemaError};
use crate::dynamic::{DefineError, DefineErrors, Definition, Field, Kind, RuntimeModel};
use serde_json::Value as Json;
use std::collections::{HashMap, HashSet};

/// How deep schemas may nest (items of items, models in models...).
pub(crate) const MAX_NESTING: usize = 64;

/// The loading of one document.
pub(crate) struct Walk<'d> {
    pub(super) root: &'d Node,
    /// The order of the keys in the text, when the document came as text.
    pub(super) orders: Option<&'d Orders>,
    pub(super) skip_model_rules: bool,
    /// Models of `$defs` built so far, by key.
    pub(super) built: Vec<(String, &'static RuntimeModel)>,
    /// Models being built (`#` for the document's own): a reference to one of them is a cycle.
    pub(super) building: Vec<String>,
    /// Models of `$defs` that could not be built (their errors told once).
    pub(super) failed: Vec<String>,
    pub(super) errors: Vec<SchemaError>,
    pub(super) skipped: Vec<SchemaError>,
}

impl<'d> Walk<'d> {
    pub(super) fn error(&mut self, at: &Pointer, keyword: &str, message: impl Into<String>) {
        self.errors.push(SchemaError {
            pointer: at.0.clone(),
            keyword: keyword.to_owned(),
            message: message.into(),
        });
    }

    /// `x-model-rules` or `x-model-checks`: an error, or skipped and listed when asked.
    /// Refuses every keyword behind `keys` that nothing used (see [`Keys::unused`]).
    pub(super) fn finish(&mut self, keys: &Keys<'_>, whole: bool) {
        for (key, why) in keys.unused(whole) {
            self.error(&keys.at, key, why);
        }
    }

    pub(super) fn unenforced(&mut self, keys: &mut Keys<'_>, keyword: &str, what: &str) {
        let Some(value) = keys.take(keyword) else {
            return;
        };
        let names = match value {
            Json::Array(items) if items.iter().all(Json::is_string) => items
                .iter()
                .filter_map(Json::as_str)
                .map(|s| format!("`{s}`"))
                .collect::<Vec<_>>()
                .join(", "),
            _ => {
                self.error(&keys.at, keyword, "must be a list of strings");
                return;
            }
        };
        let error = SchemaError {
            pointer: keys.at.0.clone(),
            keyword: keyword.to_owned(),
            message: format!(
                "{what} {names} cannot be loaded from a schema (they are functions or rules \
                 no keyword says)"
            ),
        };
        if self.skip_model_rules {
            self.skipped.push(error);
        } else {
            self.errors.push(error);
        }
    }
}

/// The mistakes of a definition made from the object schema at `at`, each at its property.
pub(crate) fn built(errors: &DefineErrors, at: &Pointer) -> Vec<SchemaError> {
    errors
        .as_slice()
        .iter()
        .map(|error| {
            let (pointer, keyword) = match error {
                DefineError::BadDefault { field, .. } => (at.at("properties").at(field), "default"),
                DefineError::RuleDoesNotFit { field, .. } => (at.at("properties").at(field), ""),
                _ => (at.clone(), ""),
            };
            SchemaError {
                pointer: pointer.0,
                keyword: keyword.to_owned(),
                message: error.to_string(),
            }
        })
        .collect()
}

/// Loads the document `root` as a model called `name` (or its `title`).
pub(crate) fn load(
    root: &Json,
    orders: Option<&Orders>,
    name: Option<&str>,
    skip_model_rules: bool,
) -> Result<(Definition, Vec<SchemaError>), Vec<SchemaError>> {
    let at = Pointer::root();
    let Json::Object(root) = root else {
        return Err(vec![SchemaError {
            pointer: String::new(),
            keyword: String::new(),
            message: "a schema of a model must be a JSON object".into(),
        }]);
    };
    let mut walk = Walk {
        root,
        orders,
        skip_model_rules,
        built: Vec::new(),
        building: vec!["#".to_owned()],
        failed: Vec::new(),
        errors: Vec::new(),
        skipped: Vec::new(),
    };
    let mut keys = Keys::new(root, &at);
    if let Some(dialect) = keys.take("$schema") {
        if dialect.as_str() != Some(crate::schema::DIALECT) {
            walk.error(
                &at,
                "$schema",
                format!("only draft 2020-12 (`{}`) is read", crate::schema::DIALECT),
            );
        }
    }
    if let Some(defs) = keys.take("$defs") {
        match defs {
            Json::Object(defs) => {
                // Every definition is checked, used or not.
                for key in defs.keys() {
                    walk.definition(key, &at, 0);
                }
            }
            _ => walk.error(&at, "$defs", "must be an object"),
        }
    }
    let title = root.get("title").and_then(Json::as_str);
    let name = match name.or(title) {
        Some(name) if !name.is_empty() => name.to_owned(),
        _ => {
            walk.error(
                &at,
                "title",
                "a model needs a name: give the schema a `title`, or the loader a name",
            );
            String::new()
        }
    };
    let definition = walk.object(keys, &name, 0);
    match definition {
        Some(definition) if walk.errors.is_empty() => Ok((definition, walk.skipped)),
        _ => Err(walk.errors),
    }
}

impl<'d> Walk<'d> {
    /// The model of `$defs/key`, built once.
    fn definition(&mut self, key: &str, from: &Pointer, depth: usize) -> Option<Kind> {
        if let Some((_, model)) = self.built.iter().find(|(k, _)| k == key) {
            return Some(Kind::Model(model));
        }
        if self.failed.iter().any(|k| k == key) {
            return None;
        }
        if self.building.iter().any(|k| k == key) {
            self.error(
                from,
                "$ref",
                format!(
                    "`#/$defs/{key}` holds itself: a runtime model cannot contain a model \
                     being defined"
                ),
            );
            return None;
        }
        let at = Pointer::root().at("$defs").at(key);
        let Some(Json::Object(node)) = self.root.get("$defs").and_then(|d| d.get(key)) else {
            self.error(&at, "", "a model's schema must be a JSON object");
            return None;
        };
        self.building.push(key.to_owned());
        let keys = Keys::new(node, &at);
        let name = node.get("title").and_then(Json::as_str).unwrap_or(key);
        let model = self
            .object(keys, name, depth + 1)
            .and_then(|d| self.build(d, &at));
        self.building.pop();
        let Some(model) = model else {
            self.failed.push(key.to_owned());
            return None;
        };
        self.built.push((key.to_owned(), model));
        Some(Kind::Model(model))
    }

    pub(super) fn build(
        &mut self,
        definition: Definition,
        at: &Pointer,
    ) -> Option<&'static RuntimeModel> {
        match definition.build() {
            Ok(model) => Some(model),
            Err(errors) => {
                self.errors.extend(built(&errors, at));
                None
            }
        }
    }

    /// A `$ref`'s model.
    pub(super) fn reference(&mut self, target: &Json, at: &Pointer, depth: usize) -> Option<Kind> {
        let Some(target) = target.as_str() else {
            self.error(at, "$ref", "must be a string");
            return None;
        };
        if target == "#" {
            self.error(
                at,
                "$ref",
                "`#` refers to the model being defined: a runtime model cannot contain itself",
            );
            return None;
        }
        let key = target
            .strip_prefix("#/$defs/")
            .filter(|k| !k.contains('/'))
            .map(|k| k.replace("~1", "/").replace("~0", "~"));
        let Some(key) = key else {
            self.error(
                at,
                "$ref",
                format!("`{target}`: only `#/$defs/<name>` references are followed"),
            );
            return None;
        };
        if self.root.get("$defs").and_then(|d| d.get(&key)).is_none() {
            self.error(at, "$ref", format!("`{target}` names no schema in `$defs`"));
            return None;
        }
        self.definition(&key, at, depth)
    }

    /// The definition of the model described by the object schema behind `keys`.
    fn object(&mut self, mut keys: Keys<'_>, name: &str, depth: usize) -> Option<Definition> {
        let definition = self.object_in(&mut keys, name, depth);
        self.finish(&keys, definition.is_some());
        definition
    }

    pub(super) fn object_in(
        &mut self,
        keys: &mut Keys<'_>,
        name: &str,
        depth: usize,
    ) -> Option<Definition> {
        let at = keys.at.clone();
        if depth > MAX_NESTING {
            self.error(&at, "", format!("schemas nest deeper than {MAX_NESTING}"));
            return None;
        }
        // In place, the caller has read `type` already.
        if !keys.used.contains("type") {
            match keys.take("type") {
                Some(Json::String(t)) if t == "object" => {}
                _ => self.error(&at, "type", "a model's schema has `type: \"object\"`"),
            }
        }
        let mut definition = Definition::new(name);
        if let Some(doc) = keys.node.get("description").and_then(Json::as_str) {
            definition = definition.doc(doc);
        }
        match keys.take("additionalProperties") {
            None | Some(Json::Bool(true)) => definition = definition.allow_unknown_fields(),
            Some(Json::Object(any)) if any.is_empty() => {
                definition = definition.allow_unknown_fields();
            }
            Some(Json::Bool(false)) => {}
            Some(_) => self.error(
                &at,
                "additionalProperties",
                "a model with properties takes `false` or `true` here (a schema makes a map, \
                 which has no properties)",
            ),
        }
        let mut required: Vec<&str> = Vec::new();
        let mut listed: HashSet<&str> = HashSet::new();
        match keys.take("required") {
            None => {}
            Some(Json::Array(names)) => {
                for (i, name) in names.iter().enumerate() {
                    match name.as_str() {
                        Some(name) if listed.insert(name) => required.push(name),
                        Some(_) => self.error(&at.at("required").index(i), "required", "twice"),
                        None => self.error(&at.at("required").index(i), "required", "not a string"),
                    }
                }
            }
            Some(_) => self.error(&at, "required", "must be a list of property names"),
        }
        self.unenforced(keys, "x-model-checks", "the struct checks");
        let properties = match keys.take("properties") {
            None => None,
            Some(Json::Object(properties)) => Some(properties),
            Some(_) => {
                self.error(&at, "properties", "must be an object");
                None
            }
        };
        let before = self.errors.len();
        for (i, name) in required.iter().enumerate() {
            if !properties.is_some_and(|p| p.contains_key(*name)) {
                self.error(
                    &at.at("required").index(i),
                    "required",
                    format!("`{name}` is required but has no schema in `properties`"),
                );
            }
        }
        let mut whole = true;
        let mut fields: Vec<(&String, &Json)> = properties.into_iter().flatten().collect();
        let pointer = at.at("properties");
        if let Some(order) = self.orders.and_then(|o| o.keys(&pointer.0)) {
            // As the text lists them.
            let place: HashMap<&str, usize> = order
                .iter()
                .enumerate()
                .map(|(i, k)| (k.as_str(), i))
                .collect();
            fields.sort_by_key(|(name, _)| place.get(name.as_str()).copied());
        }
        for (field, schema) in fields {
            let required = listed.contains(field.as_str());
            let properties = at.at("properties");
            match self.property(field, schema, required, &properties, name, depth) {
                Some(field) => definition = definition.field(field),
                None => whole = false,
            }
        }
        (whole && self.errors.len() == before).then_some(definition)
    }

    /// One property of a model.
    fn property(
        &mut self,
        name: &str,
        schema: &Json,
        required: bool,
        properties: &Pointer,
        model: &str,
        depth: usize,
    ) -> Option<Field> {
        let at = properties.at(name);
        let Json::Object(node) = schema else {
            self.error(&at, "", "a property's schema must be a JSON object");
            return None;
        };
        let mut keys = Keys::new(node, &at);
        let read_only = self.flag(&mut keys, "readOnly");
        let write_only = self.flag(&mut keys, "writeOnly");
        let default = keys.take("default");
        let (mut kind, rules) = self.value(keys, &format!("{model}.{name}"), depth + 1)?;
        if matches!(kind, Kind::Any) && !required && default.is_none() {
            // Any value, null among them, or none: missing, it is null.
            kind = Kind::optional(kind);
        }
        let mut field = Field::new(name, kind.clone()).rules(rules);
        if let Some(doc) = node.get("description").and_then(Json::as_str) {
            field = field.doc(doc);
        }
        if read_only {
            field = field.readonly();
        }
        if write_only {
            field = field.secret();
        }
        let nullable = matches!(kind, Kind::Optional(_));
        match (required, nullable, default) {
            (true, true, _) => {
                self.error(
                    &at,
                    "required",
                    "a nullable property cannot be required: a runtime field that may be null \
                     may also be missing",
                );
                return None;
            }
            // A default of a required property is never used: the schema asks for the value.
            (true, false, _) => {}
            (false, _, Some(default)) => field = field.default(value(default)),
            (false, true, None) => {}
            (false, false, None) if read_only => {
                self.error(
                    &at,
                    "readOnly",
                    "a read-only property that is not required is a computed field, written and \
                     never read (its value skipped on input): a runtime model has none",
                );
                return None;
            }
            (false, false, None) => {
                self.error(
                    &at,
                    "required",
                    "a property that is not required needs a `default` or a `null` type: a \
                     runtime field missing from input takes its default, or else is null",
                );
                return None;
            }
        }
        Some(field)
    }

    fn flag(&mut self, keys: &mut Keys<'_>, keyword: &str) -> bool {
        match keys.take(keyword) {
            None | Some(Json::Bool(false)) => false,
            Some(Json::Bool(true)) => true,
            Some(_) => {
                let at = keys.at.clone();
                self.error(&at, keyword, "must be a boolean");
                false
            }
        }
    }
}

impl Loaded {
    pub(crate) fn new(model: &'static RuntimeModel, skipped: Vec<SchemaError>) -> Loaded {
        Loaded { model, skipped }
    }
}
