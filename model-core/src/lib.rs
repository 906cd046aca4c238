//! Runtime of [`model`](https://docs.rs/model): the validator trait and built-in rules, the error
//! report, reflection metadata, the [`Model`] trait, access to fields by name ([`ToValue`],
//! [`FromValue`]), lazy fields ([`Lazy`]) and change tracking ([`Changes`]).
//!
//! Users depend on the `model` crate, which re-exports everything here together with
//! `#[derive(Model)]`.

#![forbid(unsafe_code)]
#![deny(missing_docs)]

#[cfg(feature = "axum")]
#[path = "http.rs"]
pub mod axum;
mod changes;
#[cfg(feature = "serde")]
mod de;
mod error;
mod from_value;
mod lazy;
mod meta;
mod model;
#[cfg(feature = "json")]
pub mod patch;
mod path;
#[cfg(feature = "serde")]
mod registry;
#[cfg(feature = "serde")]
mod report_serde;
pub mod rules;
mod suggest;
mod value;

pub use changes::{ChangedFields, Changes};
#[cfg(feature = "json")]
pub use de::json;
#[cfg(feature = "toml")]
pub use de::toml;
#[cfg(feature = "serde")]
pub use de::{deserialize, Rejected};
#[doc(hidden)]
pub use error::Fault;
pub use error::{Error, Params, Position, ValidationErrors, Violation};
pub use from_value::FromValue;
pub use lazy::Lazy;
pub use meta::{FieldKind, FieldMeta, ModelMeta, RuleMeta, Target, UnknownField};
pub use model::{FieldValues, Model, Nested};
pub use path::{Path, Segment, Trail};
#[cfg(feature = "json")]
pub use registry::from_json;
#[cfg(feature = "serde")]
pub use registry::{registry, AnyModel, Entry, Registry, RegistryError};
pub use rules::*;
pub use value::{ToValue, Value};

/// Support for generated code. Not public API: it changes without notice.
#[doc(hidden)]
pub mod __private;
