//! Runtime models loaded from JSON Schema documents (draft 2020-12; feature `json`).
//!
//! A schema of an object becomes a [`Definition`]: its properties the fields, their `type` (and
//! `format`) the [`Kind`]s, their keywords the [`FieldRule`]s, the objects of `$defs` that
//! `$ref` names nested models ([`Kind::Model`]). Everything [`Model::json_schema`] writes is
//! read ([the table](crate::schema#what-maps-to-what)), so that a compiled model's schema,
//! loaded, gives a runtime model that accepts and refuses the same documents.
//!
//! ```
//! use model_core::dynamic::{schema, Record};
//! use serde_json::json;
//!
//! let queue = schema::load(&json!({
//!     "title": "Queue",
//!     "type": "object",
//!     "properties": {
//!         "name": {"type": "string", "minLength": 1, "maxLength": 64, "pattern": "^[a-z-]+$"},
//!         "retention_hours": {"type": "integer", "format": "uint32", "minimum": 1, "maximum": 336},
//!         "fifo": {"type": "boolean", "default": false}
//!     },
//!     "required": ["name", "retention_hours"],
//!     "additionalProperties": false
//! }))
//! .unwrap();
//! assert_eq!(queue.name(), "Queue");
//!
//! let record = Record::from_json(queue, r#"{"name": "jobs", "retention_hours": 24}"#).unwrap();
//! assert_eq!(record.get("fifo").unwrap(), model_core::Value::Bool(false));
//! let error = Record::from_json(queue, r#"{"name": "Jobs", "retention_hours": 0}"#).unwrap_err();
//! assert_eq!(error.to_string().lines().count(), 2);
//!
//! // A keyword the model could not honour is an error naming it and where it stands.
//! let error = schema::load(&json!({
//!     "title": "Odd",
//!     "type": "object",
//!     "properties": {"n": {"type": "integer", "multipleOf": 2}},
//!     "required": ["n"]
//! }))
//! .unwrap_err();
//! assert_eq!(
//!     error.to_string(),
//!     "#/properties/n: `multipleOf`: this keyword is not supported: the model would not honour it"
//! );
//! ```
//!
//! # What is read
//!
//! | JSON Schema | runtime model |
//! | --- | --- |
//! | `type: object` with `properties`, `required`, `additionalProperties: false` / `true` or absent | a model; unknown fields refused / ignored ([`Definition::allow_unknown_fields`]) |
//! | `type: object` with a schema in `additionalProperties`, `propertyNames`, `minProperties`, `maxProperties` | [`Kind::Map`], `values(..)`, `keys(..)`, `length` |
//! | `type: array` with `items`, `minItems`, `maxItems` | [`Kind::List`], `each(..)`, `length` |
//! | `type: integer` with `format` `int8` ... `uint64` (none: `int64`) | [`Kind::Integer`] |
//! | `type: number` (`format` `double` or `float`), `type: boolean`, `type: string` | [`Kind::Float`], [`Kind::Bool`], [`Kind::Text`] |
//! | `minimum`, `maximum`, `exclusiveMinimum`, `exclusiveMaximum` | one `range` (`non_negative` for `minimum: 0` alone, `positive` for `exclusiveMinimum: 0` alone); bounds that the format implies are dropped, and on integers bounds are made whole |
//! | `minLength`, `maxLength` | `length` (`non_empty` for `minLength: 1` alone) |
//! | `pattern`, and patterns in `allOf` | `pattern`, ECMA-262 read as ECMA-262 (`\d` is `[0-9]`...) |
//! | `format: email`, `format: uri` | `email`, `url` (features `email`, `url`); `format: password` is an annotation |
//! | `enum`, `const` on booleans, numbers and text | `one_of` (values of another type, which can never match, left out) |
//! | `type: [T, "null"]`, `anyOf: [schema, {"type": "null"}]` | [`Kind::Optional`] |
//! | `{}`, or annotations only (no keyword about the value) | [`Kind::Any`] (optional when not `required`: missing, it is null) |
//! | `$ref: "#/$defs/Name"`, or an object schema in place | [`Kind::Model`], built once per definition (named by its `title`, else its key) |
//! | `default`, `readOnly`, `writeOnly`, `description` on a property | [`Field::default`], [`Field::readonly`], [`Field::secret`], [`Field::doc`] |
//! | `title`, `description`, `$comment`, `examples`, `deprecated` | annotations (`title` names the model) |
//!
//! # What is refused
//!
//! Every problem of the document at once, each a [`SchemaError`] with the JSON pointer of the
//! schema and the keyword at fault: a keyword not in the table (`multipleOf`, `oneOf`,
//! `if`...), a keyword of the wrong type, a `$ref` to anything but `#/$defs/<name>` or to a
//! name that is not there, a model that holds itself (through `#` or a cycle of `$defs`: a
//! runtime model holds built models only), a pattern with
//! look-around or back-references or that does not compile, schemas nested deeper than 64. A
//! schema with keywords about the value but no `type` (`{"minLength": 2}`) is refused too: a
//! runtime field has one kind.
//!
//! A runtime field that is missing from input takes its default, or is null: so a property
//! that is not `required` must have a `default` or a `null` type, and one that is `required`
//! must not be nullable; other combinations are refused rather than read as something else.
//!
//! A document describes one model: the registry's schema
//! ([`registry_schema`](crate::schema::registry_schema), a `oneOf` of models) is refused; load
//! each model's own schema.
//!
//! `x-model-rules` and `x-model-checks`, where the export names the rules and struct checks a
//! schema cannot say (`check = path`, `with = Rule`, `length(bytes = ..)`), are refused: the
//! schema does not hold them, and a model loaded without them accepts more. With
//! [`Loader::skip_model_rules`] they are skipped instead, and listed in [`Loaded::skipped`].
//!
//! # Where a loaded model may differ
//!
//! - a `type: integer` without `format` is an `int64`; JSON Schema takes any whole number, and
//!   `1.0` (as the export's own notes say of compiled models, which refuse it too).
//! - `format: float` is read as a `double` within a float's bounds (or the schema's own bounds,
//!   as written), so a number finer than a float's precision is kept as given.
//! - map keys that the export constrains by a pattern because they are numbers (`^[0-9]+$`)
//!   are text in the loaded model: a key past the compiled model's integer type is accepted.
//! - the fields come in the order of the `properties` object: the text's with
//!   [`Loader::load_str`], by name from a [`serde_json::Value`] (which keeps no order unless
//!   serde_json's `preserve_order` is on). Order changes no verdict.
//!
//! Nested models are built (and, as every built model, leaked) as they are met: a document
//! refused for a later mistake may leave some of its nested models built.
//!
//! [`Model::json_schema`]: crate::Model::json_schema

mod ecma;
mod json;
mod keys;
mod load;
mod order;
mod rules;
mod value;

use super::{Definition, RuntimeModel};
#[cfg(doc)]
use super::{Field, FieldRule, Kind};
use serde_json::Value as Json;
use std::fmt;

/// Loads the runtime model described by `schema`, an object schema with a `title` (its name).
///
/// # Errors
///
/// Every problem of the document ([module docs](self#what-is-refused)).
pub fn load(schema: &Json) -> Result<&'static RuntimeModel, SchemaErrors> {
    Loader::new().load(schema).map(|loaded| loaded.model)
}

/// Loads runtime models from schemas, with options.
#[derive(Clone, Debug, Default)]
pub struct Loader {
    name: Option<String>,
    skip_model_rules: bool,
}

impl Loader {
    /// A loader that refuses what it cannot honour, and names each model by its `title`.
    pub fn new() -> Loader {
        Loader::default()
    }

    /// Names the document's model `name`, whatever its `title` says.
    pub fn name(mut self, name: impl Into<String>) -> Loader {
        self.name = Some(name.into());
        self
    }

    /// Skips `x-model-rules` and `x-model-checks` instead of refusing the document, listing
    /// each in [`Loaded::skipped`]: the model then accepts what those rules would refuse.
    pub fn skip_model_rules(mut self) -> Loader {
        self.skip_model_rules = true;
        self
    }

    /// The definition of the document's model, its nested models built, to add checks to or
    /// build later.
    ///
    /// # Errors
    ///
    /// Every problem of the document.
    ///
    /// The fields come in the order of the `properties` object as `schema` iterates it: by
    /// name, unless serde_json's feature `preserve_order` is on. Text read by
    /// [`Loader::definition_str`] and [`Loader::load_str`] keeps its own order.
    pub fn definition(
        &self,
        schema: &Json,
    ) -> Result<(Definition, Vec<SchemaError>), SchemaErrors> {
        load::load(schema, None, self.name.as_deref(), self.skip_model_rules).map_err(SchemaErrors)
    }

    /// The definition of the model of a schema given as JSON text, its fields in the order the
    /// text lists them.
    ///
    /// # Errors
    ///
    /// The text is not JSON, or every problem of the document.
    pub fn definition_str(
        &self,
        text: &str,
    ) -> Result<(Definition, Vec<SchemaError>), SchemaErrors> {
        let schema = parse(text)?;
        let orders = order::Orders::read(text);
        load::load(
            &schema,
            Some(&orders),
            self.name.as_deref(),
            self.skip_model_rules,
        )
        .map_err(SchemaErrors)
    }

    /// Loads and builds the document's model.
    ///
    /// # Errors
    ///
    /// Every problem of the document.
    pub fn load(&self, schema: &Json) -> Result<Loaded, SchemaErrors> {
        finish(self.definition(schema)?)
    }

    /// Loads the model of a schema given as JSON text, its fields in the order the text lists
    /// them.
    ///
    /// # Errors
    ///
    /// The text is not JSON (one error, at the root, with serde_json's message), or every
    /// problem of the document.
    pub fn load_str(&self, text: &str) -> Result<Loaded, SchemaErrors> {
        finish(self.definition_str(text)?)
    }
}

/// `text` as JSON.
fn parse(text: &str) -> Result<Json, SchemaErrors> {
    serde_json::from_str(text).map_err(|error| {
        SchemaErrors(vec![SchemaError {
            pointer: String::new(),
            keyword: String::new(),
            message: format!("not JSON: {error}"),
        }])
    })
}

/// The model of a definition loaded, built.
fn finish((definition, skipped): (Definition, Vec<SchemaError>)) -> Result<Loaded, SchemaErrors> {
    let model = definition
        .build()
        .map_err(|errors| SchemaErrors(load::built(&errors, &keys::Pointer::root())))?;
    Ok(Loaded::new(model, skipped))
}

/// A model loaded, with what was skipped on request.
#[derive(Debug)]
#[non_exhaustive]
pub struct Loaded {
    /// The model.
    pub model: &'static RuntimeModel,
    /// The `x-model-rules` and `x-model-checks` skipped ([`Loader::skip_model_rules`]), each
    /// where it stood.
    pub skipped: Vec<SchemaError>,
}

/// One problem of a schema document: where (a JSON pointer), which keyword, and what.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SchemaError {
    pointer: String,
    keyword: String,
    message: String,
}

impl SchemaError {
    /// The JSON pointer (RFC 6901) of the schema object at fault: `""` for the document,
    /// `/properties/port`, `/$defs/Disk/properties/size`...
    pub fn pointer(&self) -> &str {
        &self.pointer
    }

    /// The keyword at fault (`pattern`, `$ref`, `x-model-rules`...), or `""` when the schema
    /// object as a whole is.
    pub fn keyword(&self) -> &str {
        &self.keyword
    }

    /// What is wrong.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for SchemaError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{}: ", self.pointer)?;
        if !self.keyword.is_empty() {
            write!(f, "`{}`: ", self.keyword)?;
        }
        f.write_str(&self.message)
    }
}

impl std::error::Error for SchemaError {}

/// Every problem of a schema document, in document order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SchemaErrors(Vec<SchemaError>);

impl SchemaErrors {
    /// The problems.
    pub fn as_slice(&self) -> &[SchemaError] {
        &self.0
    }

    /// Whether one of them is about `keyword`.
    pub fn names(&self, keyword: &str) -> bool {
        self.0.iter().any(|e| e.keyword == keyword)
    }
}

impl fmt::Display for SchemaErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, error) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            fmt::Display::fmt(error, f)?;
        }
        Ok(())
    }
}

impl std::error::Error for SchemaErrors {}
