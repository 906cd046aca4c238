//! `Serialize` and validating `Deserialize`, wrapped so that they vanish when the `serde`
//! feature of `model` is off.

use crate::check::{Field, Model};
use proc_macro2::TokenStream;
use quote::{format_ident, quote, quote_spanned, ToTokens};
use syn::spanned::Spanned;
use syn::{parse_quote, Ident};

pub fn impls(model: &Model) -> TokenStream {
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
        let key = &c.key;
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
    let (de_impl, _, de_where) = de_generics.split_for_impl();
    let args = input.generics.params.iter().map(|param| match param {
        syn::GenericParam::Lifetime(l) => l.lifetime.to_token_stream(),
        syn::GenericParam::Type(t) => t.ident.to_token_stream(),
        syn::GenericParam::Const(c) => c.ident.to_token_stream(),
    });
    let stored: Vec<&Field> = model.stored().collect();
    let idents: Vec<&Ident> = stored.iter().map(|f| f.ident).collect();
    let slots: Vec<Ident> = (0..stored.len())
        .map(|i| format_ident!("__model_f{}", i))
        .collect();
    let types = stored.iter().map(|f| f.ty);
    // Computed keys are known, so that a model's own output reads back; their values are skipped.
    let keys: Vec<&String> = stored
        .iter()
        .map(|f| &f.key)
        .chain(model.computed.iter().map(|c| &c.key))
        .collect();
    let computed_count = model.computed.len();
    let key_indices = 0..keys.len();
    let deny = model.deny_unknown_fields;
    let arms = stored.iter().zip(&slots).enumerate().map(|(i, (f, slot))| {
        let key = &f.key;
        let (nested, secret) = (f.nested.is_some(), f.secret);
        quote! {
            ::core::option::Option::Some(#i) => #p::slot(&mut #slot, #key, &mut __model_map, #nested, #secret)?,
        }
    });
    // What a field left out of the input becomes: its default, `None`, or an error.
    let missing = |f: &Field, slot: &Ident, error: TokenStream| -> TokenStream {
        let fallback = match &f.default {
            Some(default) => quote!(#default),
            None if f.optional => quote!(::core::option::Option::None),
            None => quote!(return ::core::result::Result::Err(#error)),
        };
        quote! {
            let #slot = match #slot {
                ::core::option::Option::Some(__model_value) => __model_value,
                ::core::option::Option::None => #fallback,
            };
        }
    };
    let map_missing = stored.iter().zip(&slots).map(|(f, slot)| {
        let key = &f.key;
        missing(f, slot, quote!(#p::missing(#key)))
    });
    let expected = format!("struct {} with {} elements", model.name, stored.len());
    let seq_reads = stored.iter().zip(&slots).enumerate().map(|(i, (f, slot))| {
        let (nested, secret, key) = (f.nested.is_some(), f.secret, &f.key);
        let read = quote!(#p::element(&mut __model_seq, #key, #nested, #secret)?);
        let fill = missing(f, slot, quote!(#p::too_short(#i, #expected)));
        quote! {
            let #slot = #read;
            #fill
        }
    });
    let expecting = format!("struct {}", model.name);
    let visitor_ty = quote!(__ModelVisitor<'de #(, #args)*>);
    let init = model
        .fields
        .iter()
        .any(|f| f.on_set.as_ref().is_some_and(|h| h.init))
        .then(|| {
            quote! {
                __model_new.__model_construct(&#p::Trail::Root, &mut __model_errors, false);
                if !__model_errors.is_empty() {
                    return ::core::result::Result::Err(#p::invalid(__model_errors));
                }
            }
        });
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
                #[inline]
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
                const __MODEL_KEYS: &[&str] = &[#(#keys),*];

                #[inline]
                fn __model_key(__model_key: &str) -> ::core::option::Option<usize> {
                    match __model_key {
                        #(#keys => ::core::option::Option::Some(#key_indices),)*
                        _ => ::core::option::Option::None,
                    }
                }

                struct __ModelVisitor #de_impl #de_where {
                    __model_marker: ::core::marker::PhantomData<fn() -> (#ident #ty_generics, &'de ())>,
                }

                #[automatically_derived]
                impl #de_impl #s::de::Visitor<'de> for #visitor_ty #de_where {
                    type Value = #ident #ty_generics;

                    #[inline]
                    fn expecting(&self, __model_f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                        __model_f.write_str(#expecting)
                    }

                    #[allow(unused_mut)]
                    #[inline]
                    fn visit_map<__A>(self, mut __model_map: __A) -> ::core::result::Result<Self::Value, __A::Error>
                    where
                        __A: #s::de::MapAccess<'de>,
                    {
                        #(let mut #slots: ::core::option::Option<#types> = ::core::option::Option::None;)*
                        while let ::core::option::Option::Some(__model_key) =
                            #s::de::MapAccess::next_key_seed(&mut __model_map, #p::FieldKey::new(__MODEL_KEYS, __model_key, #deny))?
                        {
                            match __model_key {
                                #(#arms)*
                                _ => #p::skip(&mut __model_map)?,
                            }
                        }
                        #(#map_missing)*
                        ::core::result::Result::Ok(#ident {
                            #(#idents: #slots,)*
                            #(#others: ::core::default::Default::default(),)*
                        })
                    }

                    #[allow(unused_mut)]
                    #[inline]
                    fn visit_seq<__A>(self, mut __model_seq: __A) -> ::core::result::Result<Self::Value, __A::Error>
                    where
                        __A: #s::de::SeqAccess<'de>,
                    {
                        #(#seq_reads)*
                        #p::skip_elements(&mut __model_seq, #computed_count)?;
                        ::core::result::Result::Ok(#ident {
                            #(#idents: #slots,)*
                            #(#others: ::core::default::Default::default(),)*
                        })
                    }
                }

                #[automatically_derived]
                impl #de_impl #s::Deserialize<'de> for #ident #ty_generics #de_where {
                    #[inline]
                    fn deserialize<__D>(__model_deserializer: __D) -> ::core::result::Result<Self, __D::Error>
                    where
                        __D: #s::Deserializer<'de>,
                    {
                        let __model_scope = #p::ModelScope::enter();
                        let mut __model_new = #s::Deserializer::deserialize_struct(
                            __model_deserializer,
                            #name,
                            __MODEL_KEYS,
                            __ModelVisitor { __model_marker: ::core::marker::PhantomData },
                        )?;
                        let mut __model_errors = #p::ValidationErrors::new();
                        if __model_scope.deferred() {
                            // The parent validates the whole tree, with full paths. `init` hooks
                            // run now, on this model's validated fields; if they fail, so does
                            // the read (reported without the parent's path).
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
