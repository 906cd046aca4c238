//! `#[derive(Model)]`: reads a struct, checks its `#[model(...)]` rules when it is compiled, and
//! generates the validating constructor, builder, getters, setters, `update` and the
//! [`Model`](https://docs.rs/valid-model) implementation with the struct's metadata.
//!
//! The stages, one file each: `attr` parses `#[model(...)]` into raw values that keep their
//! spans (`serde_attr` reads `#[serde(...)]`: what the generated serde impls honour, and an
//! error at anything else); `check` judges them (every mistake is reported, at its tokens);
//! `expand` writes the code (`serde` its `Serialize` and `Deserialize`). See the `model` crate
//! for the user documentation.

mod attr;
mod check;
mod ctxt;
mod expand;
mod serde;
mod serde_attr;

use proc_macro::TokenStream;
use syn::{parse_macro_input, DeriveInput};

/// Turns a struct with named fields into a model whose instances are always valid.
///
/// `#[serde(...)]` is read by the generated `Serialize` and `Deserialize` (see the `model`
/// crate for the attributes a model takes), or left to your own serde derive with
/// `#[model(serde = false)]`.
#[proc_macro_derive(Model, attributes(model, serde))]
pub fn derive_model(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    expand::derive(&input).into()
}
