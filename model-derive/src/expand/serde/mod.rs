//! `Serialize` and validating `Deserialize`, wrapped so that they vanish when the `serde`
//! feature of `model` is off.

mod de;
mod ser;

use crate::check::{Field, Model};
use de::deserialize;
use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use ser::serialize;
use syn::spanned::Spanned;
use syn::{parse_quote, Ident, Type};

pub fn impls(model: &Model) -> TokenStream {
    if !model.serde {
        return quote!();
    }
    let p = quote!(::model::__private);
    let s = quote!(#p::serde);
    let input = model.input;
    let ident = &input.ident;
    let type_params: Vec<&Ident> = input.generics.type_params().map(|t| &t.ident).collect();

    let mut ser_generics = input.generics.clone();
    for t in &type_params {
        ser_generics
            .make_where_clause()
            .predicates
            .push(parse_quote!(#t: #s::Serialize));
    }
    let mut de_generics = input.generics.clone();
    // Borrowed fields (`&'a str`) borrow from the input.
    for lifetime in input.generics.lifetimes() {
        let lifetime = &lifetime.lifetime;
        de_generics
            .make_where_clause()
            .predicates
            .push(parse_quote!('de: #lifetime));
    }
    de_generics.params.insert(0, parse_quote!('de));
    for t in &type_params {
        de_generics
            .make_where_clause()
            .predicates
            .push(parse_quote!(#t: #s::Deserialize<'de>));
    }
    let args = super::generic_args(model);
    let g = Generics {
        ser: &ser_generics,
        de: &de_generics,
        args: &args,
    };
    let serialize = serialize(model, &g);
    let deserialize = deserialize(model, &g);
    // Every model registers itself unless it says `register = false`; generic ones cannot,
    // having no single type to name.
    let register = (model.register && input.generics.params.is_empty()).then(|| {
        quote! {
            #p::inventory::submit! {
                #p::Entry::of::<#ident>()
            }
        }
    });
    quote! {
        #p::with_serde! {
            const _: () = {
                #serialize
                #deserialize
            };

            #register
        }
    }
}

/// The model's generics, with `Serialize` bounds and with `'de` and `Deserialize` bounds, and
/// its parameters as arguments.
struct Generics<'a> {
    ser: &'a syn::Generics,
    de: &'a syn::Generics,
    args: &'a [TokenStream],
}
