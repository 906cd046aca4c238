#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub use model_core::*;

/// Derives [`Model`] for a struct with named fields: validating constructor, builder, getters,
/// setters, `update` and metadata. See the crate documentation for the attributes.
pub use model_derive::Model;
