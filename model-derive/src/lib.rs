//! `#[derive(Model)]`: reads a struct, checks its `#[model(...)]` rules when it is compiled, and
//! generates the validating constructor, builder, getters, setters, `update` and the
//! [`Model`](https://docs.rs/valid-model) implementation with the struct's metadata.
//!
//! Three stages in a line, as `derive_model` shows: `attr::parse` reads `#[model(...)]` into raw
//! values that keep their spans (`attr::serde` reads `#[serde(...)]`: what the generated serde
//! impls honour, and an error at anything else); `check::check` judges them into the checked
//! model of `ast` (every mistake of both stages reported at once, at its tokens) and writes no
//! code; `expand` writes the code from it (`serde` its `Serialize` and `Deserialize`). See the
//! `model` crate for the user documentation.

mod ast;
mod attr;
mod check;
mod ctxt;
mod expand;

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
    // Parse, check (the mistakes of both reported at once), emit; on a mistake, the errors and
    // a stub impl, so that the user sees them and not a cascade.
    let mut cx = ctxt::Ctxt::default();
    let raw = attr::parse(&mut cx, &input);
    match check::check(cx, &input, raw) {
        Ok(model) => expand::model(&model),
        Err(errors) => expand::fallback(&input, errors),
    }
    .into()
}
