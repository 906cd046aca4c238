//! The walk over a schema document: models from object schemas, kinds and rules from the
//! schemas of values, every keyword accounted for.

use super::keys::{Keys, Node, Pointer};
use super::order::Orders;
use super::rules::exact;
use super::{Loaded, SchemaError};
use crate::dynamic::{
    DefineError, DefineErrors, Definition, Field, FieldRule, Int, Kind, RuntimeModel,
};
use crate::value::Value;
use serde_json::Value as Json;
use std::collections::{HashMap, HashSet};
use std::ops::Bound;

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

    fn build(&mut self, definition: Definition, at: &Pointer) -> Option<&'static RuntimeModel> {
        match definition.build() {
            Ok(model) => Some(model),
            Err(errors) => {
                self.errors.extend(built(&errors, at));
                None
            }
        }
    }

    /// A `$ref`'s model.
    fn reference(&mut self, target: &Json, at: &Pointer, depth: usize) -> Option<Kind> {
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
        keys.finish(self, definition.is_some());
        definition
    }

    fn object_in(&mut self, keys: &mut Keys<'_>, name: &str, depth: usize) -> Option<Definition> {
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

    /// The kind and rules of the values the schema behind `keys` describes.
    fn value(
        &mut self,
        mut keys: Keys<'_>,
        name: &str,
        depth: usize,
    ) -> Option<(Kind, Vec<FieldRule>)> {
        let value = self.value_in(&mut keys, name, depth);
        keys.finish(self, value.is_some());
        value
    }

    fn value_in(
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

    fn wrap(
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
    fn sub(
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
    fn nullable(
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
    fn names(&mut self, schema: &Json, at: &Pointer, depth: usize) -> Vec<FieldRule> {
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
        keys.finish(self, true);
        rules
    }
}

/// `json` as a value of `kind`, if it is one (`1.0` is the integer 1).
pub(super) fn of_kind(json: &Json, kind: &Kind) -> Option<Value> {
    match (kind.required(), json) {
        (Kind::Bool, Json::Bool(b)) => Some(Value::Bool(*b)),
        (Kind::Text, Json::String(s)) => Some(Value::Str(s.clone().into())),
        (Kind::Float, Json::Number(n)) => n.as_f64().map(Value::Float),
        (Kind::Integer(int), Json::Number(n)) => {
            let whole = exact(n).or_else(|| {
                n.as_f64()
                    .filter(|f| f.fract() == 0.0 && f.abs() < 1.0e19)
                    .map(|f| f as i128)
            })?;
            if whole < i128::from(int.min()) || whole > i128::from(int.max()) {
                return None;
            }
            Some(if int.is_unsigned() {
                Value::UInt(whole as u64)
            } else {
                Value::Int(whole as i64)
            })
        }
        _ => None,
    }
}

/// A JSON value as a [`Value`] (for defaults).
fn value(json: &Json) -> Value {
    match json {
        Json::Null => Value::Null,
        Json::Bool(b) => Value::Bool(*b),
        Json::Number(n) => n
            .as_i64()
            .map(Value::Int)
            .or_else(|| n.as_u64().map(Value::UInt))
            .unwrap_or_else(|| Value::Float(n.as_f64().unwrap_or(f64::NAN))),
        Json::String(s) => Value::Str(s.clone().into()),
        Json::Array(items) => Value::List(items.iter().map(value).collect()),
        Json::Object(entries) => {
            Value::Map(entries.iter().map(|(k, v)| (k.clone(), value(v))).collect())
        }
    }
}

impl Loaded {
    pub(crate) fn new(model: &'static RuntimeModel, skipped: Vec<SchemaError>) -> Loaded {
        Loaded { model, skipped }
    }
}
