//! `Serialize` and validating `Deserialize`, wrapped so that they vanish when the `serde`
//! feature of `model` is off.

use crate::check::{Field, Model};
use proc_macro2::TokenStream;
use quote::{format_ident, quote, quote_spanned, ToTokens};
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
    let types: Vec<&Type> = stored.iter().map(|f| f.ty).collect();
    // Computed keys are known, so that a model's own output reads back; their values are skipped.
    let keys: Vec<&String> = stored
        .iter()
        .map(|f| &f.key)
        .chain(model.computed.iter().map(|c| &c.key))
        .collect();
    let computed_count = model.computed.len();
    let key_indices = 0..keys.len();
    let deny = model.deny_unknown_fields;
    let readers: Vec<TokenStream> = stored.iter().map(|f| reader(f.ty)).collect();
    let arms = stored
        .iter()
        .zip(&slots)
        .zip(&readers)
        .enumerate()
        .map(|(i, ((f, slot), reader))| {
            let (key, secret) = (&f.key, f.secret);
            quote! {
                ::core::option::Option::Some(#i) => #p::slot(&mut #slot, #reader, #key, &mut __model_map, #secret, &mut __model_problems)?,
            }
        });
    let seq_reads = stored
        .iter()
        .zip(&slots)
        .zip(&readers)
        .map(|((f, slot), reader)| {
            let (key, secret) = (&f.key, f.secret);
            quote! {
                let #slot = #p::element(&mut __model_seq, #reader, #key, #secret, &mut __model_problems)?;
            }
        });
    // What a field left out of the input becomes: its default, `None`, or a problem.
    let expected = format!("struct {} with {} elements", model.name, stored.len());
    let fill = stored.iter().zip(&slots).enumerate().map(|(i, (f, slot))| {
        let key = &f.key;
        let fallback = match &f.default {
            Some(default) => quote!(::core::option::Option::Some(#default)),
            None if f.optional => {
                quote!(::core::option::Option::Some(::core::option::Option::None))
            }
            None => quote!({
                #p::missing(#key, __model_seq.then_some(#i), #expected, &mut __model_problems)?;
                ::core::option::Option::None
            }),
        };
        quote! {
            let #slot = match #slot {
                ::core::option::Option::Some(__model_value) => ::core::option::Option::Some(__model_value),
                ::core::option::Option::None => #fallback,
            };
        }
    });
    // With a problem, the rules of the fields that could be read are still checked, so that
    // one report holds both.
    let partial_checks = stored.iter().zip(&slots).filter(|(f, _)| f.validated()).map(|(f, slot)| {
        let check = format_ident!("__model_check_{}", f.name);
        quote! {
            if let ::core::option::Option::Some(__model_value) = &#slot {
                <#ident #ty_generics>::#check(__model_value, &#p::Trail::Root, &mut __model_problems, false);
            }
        }
    });
    let expecting = format!("struct {}", model.name);
    let visitor_ty = quote!(__ModelVisitor<'de #(, #args)*>);
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
                #[inline]
                fn __model_key(__model_key: &str) -> ::core::option::Option<usize> {
                    match __model_key {
                        #(#keys => ::core::option::Option::Some(#key_indices),)*
                        _ => ::core::option::Option::None,
                    }
                }

                static __MODEL_KEYS: #p::Keys = #p::Keys::new(&[#(#keys),*], __model_key, #deny);

                struct __ModelVisitor #de_impl #de_where {
                    __model_marker: ::core::marker::PhantomData<fn() -> (#ident #ty_generics, &'de ())>,
                }

                impl #de_impl #visitor_ty #de_where {
                    /// The model from the values read, or every problem found.
                    #[allow(unused_mut, unused_variables, clippy::too_many_arguments)]
                    #[inline]
                    fn __model_finish<__E: #s::de::Error>(
                        #(#slots: ::core::option::Option<#types>,)*
                        mut __model_problems: #p::ValidationErrors,
                        __model_seq: bool,
                    ) -> ::core::result::Result<#ident #ty_generics, __E> {
                        #(#fill)*
                        match (#(#slots,)*) {
                            (#(::core::option::Option::Some(#slots),)*) if __model_problems.is_empty() => {
                                ::core::result::Result::Ok(#ident {
                                    #(#idents: #slots,)*
                                    #(#others: ::core::default::Default::default(),)*
                                })
                            }
                            (#(#slots,)*) => {
                                #(#partial_checks)*
                                ::core::result::Result::Err(#p::rejected(&__MODEL_KEYS, __model_problems))
                            }
                        }
                    }
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
                        let mut __model_problems = #p::ValidationErrors::new();
                        while let ::core::option::Option::Some(__model_key) =
                            #s::de::MapAccess::next_key_seed(&mut __model_map, #p::FieldKey::new(&__MODEL_KEYS, &mut __model_problems))?
                        {
                            match __model_key {
                                #(#arms)*
                                _ => #p::skip(&mut __model_map)?,
                            }
                        }
                        Self::__model_finish(#(#slots,)* __model_problems, false)
                    }

                    #[allow(unused_mut)]
                    #[inline]
                    fn visit_seq<__A>(self, mut __model_seq: __A) -> ::core::result::Result<Self::Value, __A::Error>
                    where
                        __A: #s::de::SeqAccess<'de>,
                    {
                        let mut __model_problems = #p::ValidationErrors::new();
                        #(#seq_reads)*
                        #p::skip_elements(&mut __model_seq, #computed_count)?;
                        Self::__model_finish(#(#slots,)* __model_problems, true)
                    }
                }

                #[automatically_derived]
                impl #de_impl #s::Deserialize<'de> for #ident #ty_generics #de_where {
                    #[inline]
                    fn deserialize<__D>(__model_deserializer: __D) -> ::core::result::Result<Self, __D::Error>
                    where
                        __D: #s::Deserializer<'de>,
                    {
                        let mut __model_new = #s::Deserializer::deserialize_struct(
                            __model_deserializer,
                            #name,
                            __MODEL_KEYS.list(),
                            __ModelVisitor { __model_marker: ::core::marker::PhantomData },
                        )?;
                        // The models this one holds checked themselves as they were read.
                        let mut __model_errors = #p::ValidationErrors::new();
                        __model_new.__model_construct(&#p::Trail::Root, &mut __model_errors, false);
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

/// How a field's value is read: lists, sets and maps of the standard library, and options, by
/// readers that report every failed element in a full pass; anything else by its own
/// `Deserialize`.
fn reader(ty: &Type) -> TokenStream {
    let p = quote!(::model::__private);
    let plain = || quote!(#p::ReadPlain::<#ty>::NEW);
    let ty_inner = match ty {
        Type::Group(group) => return reader(&group.elem),
        Type::Paren(paren) => return reader(&paren.elem),
        Type::Path(path) if path.qself.is_none() => path,
        _ => return plain(),
    };
    let segments = &ty_inner.path.segments;
    let std_path = segments.len() == 1
        || segments
            .first()
            .is_some_and(|s| s.ident == "std" || s.ident == "alloc" || s.ident == "core");
    let Some(last) = segments.last().filter(|_| std_path) else {
        return plain();
    };
    let args: Vec<&Type> = match &last.arguments {
        syn::PathArguments::AngleBracketed(args) => args
            .args
            .iter()
            .filter_map(|arg| match arg {
                syn::GenericArgument::Type(ty) => Some(ty),
                _ => None,
            })
            .collect(),
        _ => return plain(),
    };
    match (last.ident.to_string().as_str(), args.as_slice()) {
        ("Option", [inner]) => {
            let inner = reader(inner);
            quote!(#p::ReadOption::new(#inner))
        }
        ("Vec" | "VecDeque" | "BTreeSet", [inner]) | ("HashSet", [inner, ..]) => {
            let inner = reader(inner);
            quote!(#p::ReadSeq::<#ty, _>::new(#inner))
        }
        ("BTreeMap", [key, value]) | ("HashMap", [key, value, ..]) => {
            let (key, value) = (reader(key), reader(value));
            quote!(#p::ReadMap::<#ty, _, _>::new(#key, #value))
        }
        _ => plain(),
    }
}
