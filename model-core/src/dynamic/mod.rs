//! Models defined at run time: a [`Definition`] (fields, kinds, rules, defaults, checks) built
//! into a [`RuntimeModel`], whose instances are [`Record`]s.
//!
//! A record keeps its values in a fixed layout decided once per model: one slot per field,
//! found by index, with no per-record map nor key strings; names, kinds and rules live in the
//! model, shared by every record. Records are always valid, as compiled models are: they are
//! made and changed through the same rule types ([`crate::rules`]), with the same codes,
//! messages, parameters and paths, every problem reported at once.
//!
//! Building a model leaks it, once, so that its metadata is a `&'static`
//! [`ModelMeta`](crate::ModelMeta) like a compiled model's: build each model once, not per
//! record.

mod build;
#[cfg(feature = "json")]
mod compiled;
mod define;
mod error;
#[cfg(feature = "json")]
mod fast;
mod key;
mod model;
mod plan;
#[cfg(feature = "serde")]
mod read;
mod record;
mod rules;
#[cfg(feature = "json")]
pub mod schema;
#[cfg(feature = "serde")]
mod serde;
mod slot;

#[cfg(feature = "json")]
pub use compiled::CompiledModel;
pub use define::{Definition, Field, FieldRule, Int, Kind, RecordCheck, ValueCheck};
pub use error::{DefineError, DefineErrors};
pub use key::{FieldKey, FieldType};
pub use model::RuntimeModel;
pub use record::{Draft, Record};

#[cfg(feature = "json")]
pub(crate) use self::serde::read_registered_json;
#[cfg(feature = "serde")]
pub use self::serde::{find, models};
#[cfg(feature = "serde")]
pub(crate) use self::serde::{read_registered, registered, registered_names};

#[cfg(test)]
mod tests;
