//! JSON Schema (draft 2020-12) of a model, made at run time from its metadata (feature `json`).
//!
//! The schema says what the model's serialized form is and which of its rules hold, so that
//! other tools (form generators, OpenAPI, editors checking configuration files, other
//! languages) accept what the model accepts. Every model has [`Model::json_schema`](crate::Model::json_schema):
//!
//! ```
//! use model_core::rules::Length;
//! use model_core::{FieldMeta, ModelMeta, RuleMeta, Target, Rule, HasShape};
//!
//! static FIELDS: [FieldMeta; 1] = [FieldMeta::new("name", "String")
//!     .shape(String::shape)
//!     .rules(&[RuleMeta::new("length", Target::Value, "1..=64", || Rule::<String>::params(&Length::new(1, 64)))])];
//! static META: ModelMeta = ModelMeta::new("Server").fields(&FIELDS);
//!
//! let schema = model_core::schema::model_schema(&META);
//! assert_eq!(schema["properties"]["name"], serde_json::json!({"type": "string", "minLength": 1, "maxLength": 64}));
//! assert_eq!(schema["required"], serde_json::json!(["name"]));
//! assert_eq!(schema["additionalProperties"], false);
//! ```
//!
//! # What maps to what
//!
//! | model | JSON Schema |
//! | --- | --- |
//! | `length(a..=b)` on text | `minLength`, `maxLength` (both count characters) |
//! | `length(a..=b)` on a list, a set / a map | `minItems`, `maxItems` / `minProperties`, `maxProperties` |
//! | `non_empty` | `minLength: 1`, `minItems: 1` or `minProperties: 1` |
//! | `range(..)` on numbers | `minimum`, `maximum`, `exclusiveMinimum`, `exclusiveMaximum` |
//! | `non_negative`, `positive` | `minimum: 0`, `exclusiveMinimum: 0` |
//! | `pattern("...")` | `pattern` |
//! | `email`, `url` | `format: email`, `format: uri` |
//! | `one_of(..)` | `enum` |
//! | `prefix`, `suffix`, `contains`, `ascii`, `alphanumeric` | `pattern` (escaped text; several patterns go in `allOf`) |
//! | `each(..)`, `keys(..)`, `values(..)` | `items`, `propertyNames`, `additionalProperties` |
//! | a nested model | `$ref` to `#/$defs/Name` (`#` for the model itself) |
//! | `Option<T>` | `T` or `null` (not `required`) |
//! | `default` | `default` (not `required`); a secret's default is left out |
//! | `readonly`, computed fields | `readOnly: true` (computed: not `required`) |
//! | `secret` | `writeOnly: true`, and `format: password` on text |
//! | `///` docs | `description` (the model's name is its `title`) |
//! | `rename`, `rename_all` | the property names |
//! | unknown fields refused | `additionalProperties: false` (not with `allow_unknown_fields`) |
//! | the type: integers, floats, `bool`, text, `char`, lists, arrays, maps | `type`, with `format` (`int64`, `uint8`, `double`...) and the bounds of integers narrower than 64 bits |
//!
//! # What a schema cannot say
//!
//! These rules are not dropped: each is named, as written, in an `x-model-rules` list on the
//! schema it would apply to, and the struct checks in `x-model-checks` on the model's schema.
//! A document that the schema accepts may still be refused by them.
//!
//! - `length(bytes = ..)`: JSON Schema counts characters, not bytes.
//! - `check = path` and `with = Rule`: functions and rule types of your own.
//! - struct checks (`#[model(check = ...)]`), in `x-model-checks`.
//! - `range` over anything but numbers (text, durations), and any rule on a field whose type
//!   has no [`Shape`](crate::Shape) (types of other crates, type parameters: their schema is
//!   `{}`).
//! - `keys(..)` on maps whose keys are not text.
//!
//! Where the two differ in what they accept although a keyword exists:
//!
//! - `pattern` is a `regex` crate pattern, and JSON Schema's are ECMA-262: `\d`, `\D`, `\w`,
//!   `\W`, `\s`, `\S` and `.` are written out as the Unicode classes they mean in the `regex`
//!   crate, and the rest is kept as written. Most patterns mean the same in both; `\b` (Unicode
//!   in the `regex` crate, ASCII in ECMA-262), `\W` inside `[...]`, inline flags such as `(?i)`
//!   and nested classes do not.
//! - `type: integer` accepts `1.0`, which deserialization into an integer field refuses.
//! - the limits of 64-bit integers are said by `format` (`int64`, `uint64`), not by `minimum`
//!   and `maximum` as for narrower ones: a validator takes `2^63` for an `i64` field, which
//!   deserialization refuses. Give the field a `range` where that matters.
//! - `format` is an annotation by default in draft 2020-12: validators check `email` and
//!   `uri` only when asked to, and then by their own definition of an address.
//! - a computed field's value is skipped on input whatever it is; its schema gives its type.
//!
//! Lazy fields are not serialized and have no property.
//!
//! # One description
//!
//! The schema is a function of the metadata alone: [`ModelMeta`](crate::ModelMeta), each
//! field's [`FieldMeta`](crate::FieldMeta) with its [`Shape`](crate::Shape) and default, each
//! rule's [`RuleMeta`](crate::RuleMeta) with its name, the way down through `each`/`keys`/
//! `values` ([`RuleMeta::path`](crate::RuleMeta::path)) and its typed parameters. Nothing
//! about a model is known here that the metadata does not say, so that a schema read back
//! describes a model with the same metadata.

mod keywords;
mod object;
mod pattern;
mod rules;
#[cfg(feature = "schemars")]
mod schemars;
mod types;

#[cfg(feature = "schemars")]
#[doc(hidden)]
pub use self::schemars::{schemars_name, schemars_schema};
pub use object::{model_schema, registry_schema};

/// The `$schema` of every schema made here: JSON Schema draft 2020-12.
pub const DIALECT: &str = "https://json-schema.org/draft/2020-12/schema";
