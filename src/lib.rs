// The README is the crate documentation, and its examples are tests; they read JSON and match
// patterns, so they are compiled with the default features only.
#![cfg_attr(all(feature = "json", feature = "regex"), doc = include_str!("../README.md"))]
#![cfg_attr(
    not(all(feature = "json", feature = "regex")),
    doc = "Validated data models: see the README, the documentation with the default features."
)]
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub use model_core::*;

/// Derives [`Model`] for a struct with named fields: validating constructor, builder, getters,
/// setters, `update` and metadata. See the crate documentation for the attributes.
pub use model_derive::Model;
