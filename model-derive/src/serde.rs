//! `Serialize` and validating `Deserialize`, wrapped so that they vanish when the `serde`
//! feature of `model` is off.

use crate::check::Model;
use quote::{format_ident, quote, quote_spanned};
use syn::spanned::Spanned;
use syn::{parse_quote, Ident};

pub fn impls(model: &Model) -> proc_macro2::TokenStream {
    if !model.serde {
        return quote!();
    }
    let p = quote!(::model::__private);
    let s = quote!(#p::serde);
    let input = model.input;
    let ident = &input.ident;
    let name = &model.name;
    let (_, ty_generics, _) = input.generics.split_for_impl();
    let type_params: Vec<&Ident> = input.generics.type_params().map(|t| &t.ident).collect();

    let mut ser_generics = input.generics.clone();
    for t in &type_params {
        ser_generics
            .make_where_clause()
            .predicates
            .push(parse_quote!(#t: #s::Serialize));
    }
    let (ser_impl, _, ser_where) = ser_generics.split_for_impl();
    let count = model.stored().count() + model.computed.len();
    let ser_fields = model.stored().map(|f| {
        let key = &f.key;
        let field = f.ident;
        quote!(#s::ser::SerializeStruct::serialize_field(&mut __model_state, #key, &self.#field)?;)
    });
    // Output only: a computed field is never read back.
    let ser_computed = model.computed.iter().map(|c| {
        let key = c.name.to_string();
        let get = &c.get;
        let call = quote_spanned!(get.span()=> #get(self));
        quote!(#s::ser::SerializeStruct::serialize_field(&mut __model_state, #key, &#call)?;)
    });
    let others: Vec<&Ident> = model
        .fields
        .iter()
        .filter(|f| !f.stored())
        .map(|f| f.ident)
        .collect();

    let mut de_generics = input.generics.clone();
    de_generics.params.insert(0, parse_quote!('de));
    for t in &type_params {
        de_generics
            .make_where_clause()
            .predicates
            .push(parse_quote!(#t: #s::Deserialize<'de>));
    }
    let (de_impl, _, de_where) = de_generics.split_for_impl();
    let raw_generics = &input.generics;
    let raw_where = &input.generics.where_clause;
    let (fn_generics, _, fn_where) = input.generics.split_for_impl();
    let turbofish = ty_generics.as_turbofish();
    let idents: Vec<&Ident> = model.stored().map(|f| f.ident).collect();
    let mut default_fns = Vec::new();
    let raw_fields = model.stored().map(|f| {
        let field = f.ident;
        let ty = f.ty;
        let key = &f.key;
        let rename = quote!(#[serde(rename = #key)]);
        let nested = f.nested.map(|span| {
            // At `nested`, where serde reports a field that holds no models.
            let path = syn::LitStr::new("::model::__private::deserialize_nested", span);
            quote!(#[serde(deserialize_with = #path)])
        });
        match &f.default {
            Some(default) => {
                let fn_name = format_ident!("__model_default_{}", f.name);
                default_fns.push(quote! {
                    fn #fn_name #fn_generics () -> #ty #fn_where { #default }
                });
                let path = format!("{}{}", fn_name, quote!(#turbofish)).replace(' ', "");
                quote!(#rename #nested #[serde(default = #path)] #field: #ty)
            }
            None => quote!(#rename #nested #field: #ty),
        }
    });
    let deny = model
        .deny_unknown_fields
        .then(|| quote!(deny_unknown_fields,));
    let init = model
        .fields
        .iter()
        .any(|f| f.on_set.as_ref().is_some_and(|h| h.init))
        .then(
            || quote!(__model_new.__model_construct(&#p::Trail::Root, &mut __model_errors, false);),
        );
    // Every model registers itself; generic ones cannot, having no single type to name.
    let register = input.generics.params.is_empty().then(|| {
        quote! {
            #p::inventory::submit! {
                #p::Entry::of::<#ident>()
            }
        }
    });
    quote! {
        #p::with_serde! {
            #[automatically_derived]
            impl #ser_impl #s::Serialize for #ident #ty_generics #ser_where {
                fn serialize<__S>(&self, __model_serializer: __S) -> ::core::result::Result<__S::Ok, __S::Error>
                where
                    __S: #s::Serializer,
                {
                    let mut __model_state = #s::Serializer::serialize_struct(__model_serializer, #name, #count)?;
                    #(#ser_fields)*
                    #(#ser_computed)*
                    #s::ser::SerializeStruct::end(__model_state)
                }
            }

            const _: () = {
                #[derive(#s::Deserialize)]
                #[serde(crate = "::model::__private::serde", #deny rename = #name)]
                struct __ModelRaw #raw_generics #raw_where {
                    #(#raw_fields,)*
                }

                #(#default_fns)*

                #[automatically_derived]
                impl #de_impl #s::Deserialize<'de> for #ident #ty_generics #de_where {
                    fn deserialize<__D>(__model_deserializer: __D) -> ::core::result::Result<Self, __D::Error>
                    where
                        __D: #s::Deserializer<'de>,
                    {
                        let __model_scope = #p::ModelScope::enter();
                        let __ModelRaw { #(#idents,)* } =
                            <__ModelRaw #ty_generics as #s::Deserialize<'de>>::deserialize(__model_deserializer)?;
                        let mut __model_new = #ident {
                            #(#idents,)*
                            #(#others: ::core::default::Default::default(),)*
                        };
                        let mut __model_errors = #p::ValidationErrors::new();
                        if __model_scope.deferred() {
                            // The parent validates the whole tree, with full paths; `init` hooks
                            // run now if the fields allow (a failed one leaves the instance as
                            // read, for the parent's validation to judge).
                            #init
                            return ::core::result::Result::Ok(__model_new);
                        }
                        __model_new.__model_construct(&#p::Trail::Root, &mut __model_errors, true);
                        match __model_errors.into_result() {
                            ::core::result::Result::Ok(()) => ::core::result::Result::Ok(__model_new),
                            ::core::result::Result::Err(__model_errors) => {
                                ::core::result::Result::Err(#p::invalid(__model_errors))
                            }
                        }
                    }
                }
            };

            #register
        }
    }
}
