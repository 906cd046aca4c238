//! Trait impls that keep a model honest: a redacting `Debug`, and no `Default` beside the
//! validating constructors.

use super::*;

/// A `Debug` that redacts secret fields, for models that have any (derive `Debug` on the
/// others as usual).
pub(super) fn debug(model: &Model) -> TokenStream {
    let Some(secret) = model.fields.iter().find_map(|f| f.secret) else {
        return TokenStream::new();
    };
    let input = model.input;
    // At `secret`: a `#[derive(Debug)]` beside `Model` (which the derive cannot see) conflicts
    // with this impl, and the compiler's "first implementation here" then points at the reason.
    let mut ident = input.ident.clone();
    ident.set_span(secret);
    let name = ident.to_string();
    let mut generics = input.generics.clone();
    for param in input.generics.type_params() {
        let t = &param.ident;
        generics
            .make_where_clause()
            .predicates
            .push(syn::parse_quote!(#t: ::core::fmt::Debug));
    }
    let (impl_generics, ty_generics, where_clause) = generics.split_for_impl();
    let fields = model.fields.iter().map(|f| {
        let ident = f.ident;
        let name = &f.name;
        if f.secret.is_some() {
            quote!(.field(#name, &::core::format_args!("[redacted]")))
        } else {
            quote!(.field(#name, &{
                #[allow(unused_imports)]
                use ::model::__private::probe::*;
                (&&&::model::__private::Show(&self.#ident)).__model_debug()
            }))
        }
    });
    // `self` as the derive's own code writes it, which the fields read (see `bind_at`).
    let this = quote!(self);
    quote_spanned! {secret=>
        #[automatically_derived]
        impl #impl_generics ::core::fmt::Debug for #ident #ty_generics #where_clause {
            #[inline]
            fn fmt(&#this, __model_f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                __model_f.debug_struct(#name) #(#fields)* .finish()
            }
        }
    }
}

/// An `impl Default` whose bound never holds, so that a derived or hand-written `Default`, which
/// would build the model around its rules, conflicts with it (see `__private::UseNewOrTheBuilder`).
pub(super) fn no_default(model: &Model) -> TokenStream {
    let p = quote!(::model::__private);
    let ident = &model.input.ident;
    let mut generics = model.input.generics.clone();
    generics.params.insert(0, syn::parse_quote!('__model_a));
    let (impl_generics, _, _) = generics.split_for_impl();
    let (_, ty_generics, where_clause) = model.input.generics.split_for_impl();
    let predicates = where_clause.map(|w| &w.predicates);
    quote! {
        #[automatically_derived]
        impl #impl_generics ::core::default::Default for #ident #ty_generics
        where
            #p::UseNewOrTheBuilder<(&'__model_a (), Self)>: #p::DefaultWouldSkipTheRules,
            #predicates
        {
            fn default() -> Self {
                <#p::UseNewOrTheBuilder<(&'__model_a (), Self)> as #p::DefaultWouldSkipTheRules>::default()
            }
        }
    }
}
