//! Code generation: the only place that writes Rust. The logic lives once in
//! `model::__private`; what is emitted here is a list of calls to it.

use crate::check::{Builtin, Field, FieldDefault, Kind, Model, Role, Rule, TextRule};
use proc_macro2::{Group, Span, TokenStream, TokenTree};
use quote::{format_ident, quote, quote_spanned, ToTokens};
use syn::spanned::Spanned;
use syn::{DeriveInput, Ident, LitStr, Type};

mod construct;
mod draft;
mod meta;
mod mutate;
mod rules;
mod serde;
mod traits;

use construct::*;
use draft::*;
use meta::*;
use mutate::*;
use rules::*;
use traits::*;

/// The code of a checked model, written against `::model`, or the renamed dependency's path.
pub fn model(model: &Model) -> TokenStream {
    match &model.krate {
        Some(krate) => renamed(expand(model), krate),
        None => expand(model),
    }
}

/// The expansion with `krate` for `::model`, the path every generated item is written against:
/// one pass over the tokens at the end, so that no emitting function needs the path.
fn renamed(tokens: TokenStream, krate: &syn::Path) -> TokenStream {
    let mut out = Vec::new();
    let trees: Vec<TokenTree> = tokens.into_iter().collect();
    let mut i = 0;
    while i < trees.len() {
        // `::model::__private`: two `:` joined, `model`, two `:`, `__private`.
        let at_root = matches!(
            (&trees[i], trees.get(i + 1), trees.get(i + 2)),
            (TokenTree::Punct(a), Some(TokenTree::Punct(b)), Some(TokenTree::Ident(m)))
                if a.as_char() == ':' && b.as_char() == ':' && m == "model"
        ) && matches!(
            (trees.get(i + 3), trees.get(i + 4), trees.get(i + 5)),
            (Some(TokenTree::Punct(a)), Some(TokenTree::Punct(b)), Some(TokenTree::Ident(p)))
                if a.as_char() == ':' && b.as_char() == ':' && p == "__private"
        );
        if at_root {
            out.extend(krate.to_token_stream());
            i += 3;
            continue;
        }
        out.push(match &trees[i] {
            TokenTree::Group(group) => {
                let mut inner = Group::new(group.delimiter(), renamed(group.stream(), krate));
                inner.set_span(group.span());
                TokenTree::Group(inner)
            }
            other => other.clone(),
        });
        i += 1;
    }
    out.into_iter().collect()
}

/// On error: the errors, and a stub `impl Model` so that the user sees them and not a cascade.
pub fn fallback(input: &DeriveInput, errors: syn::Error) -> TokenStream {
    let ident = &input.ident;
    let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
    let errors = errors.to_compile_error();
    quote! {
        #errors
        #[automatically_derived]
        impl #impl_generics ::model::__private::Model for #ident #ty_generics #where_clause {
            #[inline]
            fn meta() -> &'static ::model::__private::ModelMeta {
                ::core::unimplemented!()
            }
            #[inline]
            fn validate_at(&self, _: &::model::__private::Trail<'_>, _: &mut ::model::__private::ValidationErrors) {}
        }
    }
}

fn expand(model: &Model) -> TokenStream {
    let input = model.input;
    let ident = &input.ident;
    let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
    let p = quote!(::model::__private);

    let check_fns = model
        .fields
        .iter()
        .enumerate()
        .filter(|(_, f)| f.stored() && f.validated())
        .map(|(index, f)| check_fn(index, f));
    let struct_checks = struct_checks(model);
    let field_checks = model.stored().filter(|f| f.validated()).map(|f| {
        let ident = f.ident;
        let check = format_ident!("__model_check_{}", f.name);
        quote!(Self::#check(&self.#ident, __model_at, __model_errors, __model_deep);)
    });
    let new = constructor(model);
    let construct = construct(model);
    let getters = model.fields.iter().map(getter);
    let mutation = (!model.frozen).then(|| mutation(model));
    let builder = builder(model);
    let (meta, meta_tables) = meta(model);
    let by_name = by_name(model);
    let asserts = asserts(model);
    let debug = debug(model);
    let serde = serde::impls(model);
    let schemars = schemars(model);
    let no_default = no_default(model);
    let commit_from = commit_from(model);

    quote! {
        #[automatically_derived]
        impl #impl_generics #ident #ty_generics #where_clause {
            #new
            #(#getters)*
            #(#check_fns)*
            #struct_checks
            #construct
            #meta_tables

            /// Field rules in order (nested models too when `deep`), then, if those hold,
            /// the struct-level checks.
            #[doc(hidden)]
            #[inline]
            fn __model_validate(&self, __model_at: &#p::Trail<'_>, __model_errors: &mut #p::ValidationErrors, __model_deep: bool) {
                let __model_before = __model_errors.len();
                self.__model_validate_fields(__model_at, __model_errors, __model_deep);
                if __model_errors.len() == __model_before {
                    self.__model_struct_checks(__model_at, __model_errors);
                }
            }

            #[doc(hidden)]
            #[allow(unused_variables)]
            #[inline]
            fn __model_validate_fields(&self, __model_at: &#p::Trail<'_>, __model_errors: &mut #p::ValidationErrors, __model_deep: bool) {
                #(#field_checks)*
            }
        }

        #[automatically_derived]
        impl #impl_generics #p::Model for #ident #ty_generics #where_clause {
            #[inline]
            fn meta() -> &'static #p::ModelMeta {
                #meta
            }

            #[inline]
            fn validate_at(&self, __model_at: &#p::Trail<'_>, __model_errors: &mut #p::ValidationErrors) {
                self.__model_validate(__model_at, __model_errors, true);
            }

            #by_name
            #commit_from
        }

        #[automatically_derived]
        impl #impl_generics #p::Nested for #ident #ty_generics #where_clause {
            #[inline]
            fn validate_nested(&self, __model_at: &#p::Trail<'_>, __model_errors: &mut #p::ValidationErrors) {
                if #p::too_deep(__model_at, __model_errors) {
                    return;
                }
                self.__model_validate(__model_at, __model_errors, true);
            }
        }

        #[automatically_derived]
        impl #impl_generics #p::ToValue for #ident #ty_generics #where_clause {
            #[inline]
            fn to_value(&self) -> #p::Value {
                #p::model_value(self)
            }
        }

        #no_default
        #builder
        #mutation
        #asserts
        #debug
        #serde
        #schemars
    }
}

/// The generic arguments of the model, as the draft and the serde impls name them.
fn generic_args(model: &Model) -> Vec<TokenStream> {
    model
        .input
        .generics
        .params
        .iter()
        .map(|param| match param {
            syn::GenericParam::Lifetime(l) => l.lifetime.to_token_stream(),
            syn::GenericParam::Type(t) => t.ident.to_token_stream(),
            syn::GenericParam::Const(c) => c.ident.to_token_stream(),
        })
        .collect()
}

/// How code spanned at a rule, a hook or an option (so that rustc reports there) reads the
/// generated code's variables: bound again at that span. Spelled inside `quote_spanned!`, a
/// variable takes the hygiene of the user's tokens, and in a model that a `macro_rules!` macro
/// writes (the derive in the macro and the fields from its caller, or the other way round) it
/// would not see the derive's own. `let <name at span> = <prefix> <name>;` for each `(name,
/// prefix)`; `self` is bound as `__model_this`. Where both come from the same place, a no-op.
fn bind_at(span: Span, names: &[(&str, TokenStream)]) -> TokenStream {
    names
        .iter()
        .map(|(name, prefix)| {
            let (there, here) = if *name == "self" {
                (Ident::new("__model_this", span), quote!(self))
            } else {
                let here = Ident::new(name, Span::call_site());
                (Ident::new(name, span), quote!(#here))
            };
            quote!(let #there = #prefix #here;)
        })
        .collect()
}

/// A default as the expression that makes it.
impl ToTokens for FieldDefault {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        tokens.extend(match self {
            FieldDefault::Expr(expr) => expr.clone(),
            FieldDefault::Trait(span) => {
                quote_spanned!(*span=> ::core::default::Default::default())
            }
            FieldDefault::Call(path) => quote_spanned!(path.span()=> #path()),
        });
    }
}

/// `tokens` with every span set to `span`: user tokens moved to the place an error should be
/// reported (they keep their meaning: both spans resolve at the call site).
fn respan(tokens: TokenStream, span: Span) -> TokenStream {
    tokens
        .into_iter()
        .map(|mut tree| {
            if let TokenTree::Group(group) = &tree {
                let mut inner = Group::new(group.delimiter(), respan(group.stream(), span));
                inner.set_span(span);
                tree = TokenTree::Group(inner);
            } else {
                tree.set_span(span);
            }
            tree
        })
        .collect()
}
