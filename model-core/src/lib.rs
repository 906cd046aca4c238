//! Runtime of [`model`](https://docs.rs/valid-model): the validator trait and built-in rules, the error
//! report, reflection metadata, the [`Model`] trait, access to fields by name ([`ToValue`],
//! [`FromValue`]), lazy fields ([`Lazy`]) and change tracking ([`Changes`]).
//!
//! Users depend on the `model` crate, which re-exports everything here together with
//! `#[derive(Model)]`.
//!
//! # What is public API
//!
//! - At the root, what an application names: the [`Model`] trait; [`Rule`] and [`Error`], to
//!   write a rule or a check; the report, [`ValidationErrors`] of [`Violation`]s with their
//!   [`Params`]; [`Value`], [`ToValue`] and [`FromValue`], for access by name and for error
//!   parameters; [`Lazy`], [`Changes`] and [`ChangedFields`], the types of lazy and tracking
//!   fields; the metadata read through [`Model::meta`] ([`ModelMeta`], [`FieldMeta`],
//!   [`RuleMeta`], [`Target`], [`FieldKind`], [`UnknownField`], [`FieldValues`]); [`Nested`];
//!   and, with the `serde` feature, [`deserialize`] and [`Rejected`], the [`registry`], and the
//!   document readers `json` and `toml` (features `json` and `toml`), whose problems carry a
//!   [`Position`].
//! - [`rules`]: the built-in rules (`rules::Range`, `rules::Length`...), each a type usable with
//!   `#[model(with = ...)]` or alone, and the capability traits through which they extend to your
//!   own types (`rules::HasLength`, `rules::Text`, `rules::Numeric`...). Their names would
//!   shadow common ones (`Range`, `Url`), so they are not at the root.
//! - [`path`]: [`Path`](path::Path) and [`Segment`](path::Segment), where a violation happened.
//! - [`dynamic`]: models defined at run time ([`Definition`](dynamic::Definition),
//!   [`RuntimeModel`](dynamic::RuntimeModel)) and their instances ([`Record`](dynamic::Record)),
//!   checked by the same rules and reported with the same codes as compiled models.
//!
//! Everything else is hidden from the documentation and is not public API: it may change in any
//! release. That is `__private` (what generated code calls), the constructors of the metadata
//! (`ModelMeta::new`, `FieldMeta::new`, `RuleMeta::new` and their setters), the trail a
//! validation walks (`path::Trail`) and the [`Model`] methods the derive implements
//! (`validate_at`). Implement [`Model`] by deriving it.

#![forbid(unsafe_code)]
#![deny(missing_docs)]

#[cfg(feature = "axum")]
#[path = "http.rs"]
pub mod axum;
mod changes;
#[cfg(feature = "serde")]
mod de;
pub mod dynamic;
mod error;
mod from_value;
mod lazy;
mod meta;
mod model;
#[cfg(feature = "json")]
pub mod patch;
pub mod path;
#[cfg(feature = "serde")]
mod registry;
#[cfg(feature = "serde")]
mod report_serde;
pub mod rules;
#[cfg(feature = "json")]
pub mod schema;
mod shape;
mod suggest;
mod value;

pub use changes::{ChangedFields, Changes};
#[cfg(feature = "json")]
pub use de::json;
#[cfg(feature = "toml")]
pub use de::toml;
#[cfg(feature = "serde")]
pub use de::{deserialize, Rejected};
pub use error::{Error, Params, Position, ValidationErrors, Violation};
pub use from_value::FromValue;
pub use lazy::Lazy;
pub use meta::{FieldKind, FieldMeta, ModelMeta, RuleMeta, Target, UnknownField};
pub use model::{FieldValues, Model, Nested, MAX_DEPTH};
#[cfg(feature = "json")]
pub use registry::from_json;
#[cfg(feature = "serde")]
pub use registry::{registry, AnyModel, Entry, Registry, RegistryError};
pub use rules::Rule;
pub use shape::{HasShape, Shape};
pub use value::{ToValue, Value};

/// Support for generated code. Not public API: it changes without notice.
#[doc(hidden)]
pub mod __private;
