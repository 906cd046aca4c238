//! The validating `Deserialize`: a visitor that reads every field, reports every problem, and
//! builds the model only when all hold.

use super::*;

/// `Deserialize`: a visitor that reads each field into a slot, and a check of the model built.
pub(super) fn deserialize(model: &Model, g: &Generics) -> TokenStream {
    let p = quote!(::model::__private);
    let s = quote!(#p::serde);
    let input = model.input;
    let ident = &input.ident;
    let name = &model.name;
    let (_, ty_generics, _) = input.generics.split_for_impl();
    let (de_impl, _, de_where) = g.de.split_for_impl();
    let args = g.args;
    let others: Vec<&Ident> = model
        .fields
        .iter()
        .filter(|f| !f.stored())
        .map(|f| f.ident)
        .collect();
    // Fields not read take their default.
    let (skipped, read): (Vec<&Field>, Vec<&Field>) = model
        .stored()
        .partition(|f| f.serde.skip_deserializing.is_some());
    let skipped_idents = skipped.iter().map(|f| f.ident);
    let skipped_values = skipped.iter().map(|f| {
        let span = f.serde.skip_deserializing.unwrap_or_else(Span::call_site);
        match &f.default {
            Some(default) => quote!(#default),
            None => quote_spanned!(span=> ::core::default::Default::default()),
        }
    });
    let idents: Vec<&Ident> = read.iter().map(|f| f.ident).collect();
    let slots: Vec<Ident> = (0..read.len())
        .map(|i| format_ident!("__model_f{}", i))
        .collect();
    let types: Vec<&Type> = read.iter().map(|f| f.ty).collect();
    // Computed keys are known, so that a model's own output reads back; their values are skipped.
    let keys: Vec<&String> = read
        .iter()
        .map(|f| &f.key)
        .chain(model.computed.iter().map(|c| &c.key))
        .collect();
    // An alias has an index of its own, after the keys, so that the visitor knows which key
    // gave a value: the problems of a value read under an alias stand at the alias.
    let aliases: Vec<(String, usize)> = read
        .iter()
        .enumerate()
        .flat_map(|(i, f)| f.serde.aliases.iter().map(move |alias| (alias.value(), i)))
        .collect();
    let key_arms = keys
        .iter()
        .map(|key| key.as_str())
        .chain(aliases.iter().map(|(alias, _)| alias.as_str()))
        .enumerate()
        .map(|(i, key)| quote!(#key => ::core::option::Option::Some(#i),));
    let with_aliases = (!aliases.is_empty()).then(|| {
        let (names, fields): (Vec<&str>, Vec<usize>) =
            aliases.iter().map(|(name, i)| (name.as_str(), *i)).unzip();
        quote!(.with_aliases(&[#((#names, #fields)),*]))
    });
    // For each aliased field, the index of the key its value was read under.
    let vias: Vec<(usize, Ident, Vec<usize>)> = read
        .iter()
        .enumerate()
        .filter(|(_, f)| !f.serde.aliases.is_empty())
        .map(|(i, _)| {
            let indices = aliases
                .iter()
                .enumerate()
                .filter(|(_, (_, field))| *field == i)
                .map(|(j, _)| keys.len() + j)
                .collect();
            (i, format_ident!("__model_via{}", i), indices)
        })
        .collect();
    let via_idents: Vec<&Ident> = vias.iter().map(|(_, via, _)| via).collect();
    let via_fields: Vec<usize> = vias.iter().map(|(i, _, _)| *i).collect();
    let computed_count = model.computed.len();
    let deny = model.deny_unknown_fields;
    let visitor_ty = quote!(__ModelVisitor<'de #(, #args)*>);
    // `deserialize_with`: a seed per field whose `deserialize` calls the function.
    let seeds = read.iter().filter_map(|f| {
        let path = f.serde.deserialize_with.as_ref()?;
        let seed = format_ident!("__ModelDe_{}", f.name);
        let ty = f.ty;
        let bind = super::super::bind_at(path.span(), &[("__model_deserializer", quote!())]);
        let call = quote_spanned!(path.span()=> #path(__model_deserializer));
        let call = quote!({ #bind #call });
        Some(quote! {
            #[allow(non_camel_case_types)]
            struct #seed #de_impl (::core::marker::PhantomData<fn() -> (#ident #ty_generics, &'de ())>) #de_where;

            #[automatically_derived]
            impl #de_impl #s::de::DeserializeSeed<'de> for #seed<'de #(, #args)*> #de_where {
                type Value = #ty;

                #[inline]
                fn deserialize<__D>(self, __model_deserializer: __D) -> ::core::result::Result<#ty, __D::Error>
                where
                    __D: #s::Deserializer<'de>,
                {
                    #call
                }
            }
        })
    });
    // Each field's reader, and the function that reads its value into its slot: `slot_items`
    // for a collection, which a full pass may read in part.
    let (readers, slot_fns): (Vec<TokenStream>, Vec<TokenStream>) = read
        .iter()
        .map(|f| match &f.serde.deserialize_with {
            Some(_) => {
                let seed = format_ident!("__ModelDe_{}", f.name);
                (
                    quote!(#seed(::core::marker::PhantomData::<fn() -> (#ident #ty_generics, &'de ())>)),
                    quote!(#p::slot),
                )
            }
            None => match reader_of(f.ty) {
                (reader, true) => (reader, quote!(#p::slot_items)),
                (reader, false) => (reader, quote!(#p::slot)),
            },
        })
        .unzip();
    let flat = read.iter().position(|f| f.serde.flatten.is_some());
    let arms = read
        .iter()
        .zip(&slots)
        .zip(readers.iter().zip(&slot_fns))
        .enumerate()
        .filter(|(i, _)| Some(*i) != flat)
        .map(|(i, ((f, slot), (reader, slot_fn)))| {
            let (key, secret) = (&f.key, f.secret.is_some());
            let read = quote!(#slot_fn(&mut #slot, #reader, #key, &mut __model_map, #secret, &mut __model_problems)?);
            match vias.iter().find(|(field, _, _)| *field == i) {
                Some((_, via, indices)) => quote! {
                    ::core::option::Option::Some(__model_index @ (#i #(| #indices)*)) => {
                        if #slot.is_none() {
                            #via = __model_index;
                        }
                        #read
                    }
                },
                None => quote!(::core::option::Option::Some(#i) => #read,),
            }
        });
    let entry_arms: Vec<TokenStream> = read
        .iter()
        .zip(&slots)
        .zip(readers.iter().zip(&slot_fns))
        .enumerate()
        .map(|(i, ((f, slot), (reader, slot_fn)))| {
            let (key, secret) = (&f.key, f.secret.is_some());
            let read =
                quote!(#slot_fn(&mut #slot, #reader, #key, __model_map, #secret, __model_problems));
            match vias.iter().find(|(field, _, _)| *field == i) {
                Some((_, via, indices)) => quote! {
                    ::core::option::Option::Some(__model_index @ (#i #(| #indices)*)) => {
                        if #slot.is_none() {
                            #via = __model_index;
                        }
                        #read
                    }
                },
                None => quote!(::core::option::Option::Some(#i) => #read,),
            }
        })
        .collect();
    let seq_reads = read
        .iter()
        .zip(&slots)
        .zip(&readers)
        .map(|((f, slot), reader)| {
            let (key, secret) = (&f.key, f.secret.is_some());
            quote! {
                let #slot = #p::element_or(&mut __model_seq, #reader, #key, #secret, &mut __model_problems, &mut __model_failed);
            }
        });
    // A parent that flattens a model keeps the entries it does not know, and reads the model
    // from them after its own.
    let (map_slots, map_types): (Vec<&Ident>, Vec<&Type>) = slots
        .iter()
        .zip(&types)
        .enumerate()
        .filter(|(i, _)| Some(*i) != flat)
        .map(|(_, (slot, ty))| (slot, *ty))
        .unzip();
    let (key_seed, rest_arms, read_rest) = match flat {
        Some(i) => {
            let slot = &slots[i];
            let ty = types[i];
            (
                quote!(#p::RestKey::new(&__MODEL_KEYS, &mut __model_rest)),
                quote! {
                    ::core::option::Option::Some(_) => #p::skip(&mut __model_map)?,
                    ::core::option::Option::None => __model_rest.value(&mut __model_map)?,
                },
                quote! {
                    let #slot: ::core::option::Option<#ty> = __model_rest.read(&mut __model_problems)?;
                },
            )
        }
        None => (
            quote!(#p::FieldKey::new(&__MODEL_KEYS, &mut __model_problems)),
            quote!(_ => #p::skip(&mut __model_map)?,),
            quote!(),
        ),
    };
    let rest = flat.map(|_| quote!(let mut __model_rest = #p::Rest::new();));
    // Without a flattened field, the loop is `model-core`'s, given a closure that reads the value
    // of a key: one exit for errors, not one per field.
    let map_loop = match flat {
        Some(_) => quote! {
            #rest
            while let ::core::option::Option::Some(__model_key) =
                #s::de::MapAccess::next_key_seed(&mut __model_map, #key_seed)?
            {
                match __model_key {
                    #(#arms)*
                    #rest_arms
                }
            }
            #read_rest
        },
        None => quote! {
            #p::read_map(&mut __model_map, &__MODEL_KEYS, &mut __model_problems, |__model_map, __model_key, __model_problems| {
                match __model_key {
                    #(#entry_arms)*
                    _ => #p::skip(__model_map),
                }
            })?;
        },
    };
    // What a field left out of the input becomes: its default, `None`, or a problem.
    let expected = format!("struct {} with {} elements", model.name, read.len());
    let fill = read.iter().zip(&slots).enumerate().map(|(i, (f, slot))| {
        let fallback = match &f.default {
            Some(default) => quote!(::core::option::Option::Some(#default)),
            None if f.optional => {
                quote!(::core::option::Option::Some(::core::option::Option::None))
            }
            // Its problems, if any, are recorded already.
            None if Some(i) == flat => return quote!(),
            // A required field: see `absent` below.
            None => return quote!(),
        };
        quote! {
            let #slot = match #slot {
                ::core::option::Option::Some(__model_value) => ::core::option::Option::Some(__model_value),
                ::core::option::Option::None => #fallback,
            };
        }
    });
    // A flattened model that could not be read leaves its slot empty (its reader reported why).
    let flat_slot: Vec<&Ident> = flat.map(|i| &slots[i]).into_iter().collect();
    // Which required fields the input left out, in one call for all of them.
    let absent = read.iter().zip(&slots).enumerate().map(|(i, (f, slot))| {
        if f.default.is_some() || f.optional || Some(i) == flat {
            quote!(false)
        } else {
            quote!(::core::option::Option::is_none(&#slot))
        }
    });
    // With a problem, the rules of the fields that could be read are still checked, so that
    // one report holds both.
    let partial_checks = read
        .iter()
        .zip(&slots)
        .filter(|(f, _)| f.validated())
        .map(|(f, slot)| {
            let check = format_ident!("__model_check_{}", f.name);
            quote!(#p::check_read(&#slot, <#ident #ty_generics>::#check, &mut __model_problems);)
        });
    let expecting = format!("struct {}", model.name);
    let visitor = quote!(__ModelVisitor {
        __model_marker: ::core::marker::PhantomData
    });
    let as_struct = quote! {
        #s::Deserializer::deserialize_struct(__model_deserializer, #name, __MODEL_KEYS.list(), #visitor)
    };
    // A model that flattens another is written as a map, and read as one, as serde does: its
    // keys are more than its fields. The full pass reads it as a struct, for paths of fields.
    let read = match flat {
        Some(_) => quote! {
            if #p::full_pass() {
                #as_struct
            } else {
                #s::Deserializer::deserialize_map(__model_deserializer, #visitor)
            }
        },
        None => as_struct,
    };
    // An aliased model's visitor also says which keys its aliased fields were read under.
    let built = quote! {
        #ident {
            #(#idents: #slots,)*
            #(#skipped_idents: #skipped_values,)*
            #(#others: ::core::default::Default::default(),)*
        }
    };
    let (value_ty, built, read_pattern, apply_vias) = if vias.is_empty() {
        (
            quote!(#ident #ty_generics),
            built,
            quote!(mut __model_new),
            quote!(),
        )
    } else {
        let count = vias.len();
        (
            quote!((#ident #ty_generics, [usize; #count])),
            quote!((#built, [#(#via_idents),*])),
            quote!((mut __model_new, __model_vias)),
            quote! {
                for __model_via in __model_vias {
                    #p::via(&__MODEL_KEYS, __model_via, &mut __model_errors);
                }
            },
        )
    };
    quote! {
        #[inline]
        fn __model_key(__model_key: &str) -> ::core::option::Option<usize> {
            match __model_key {
                #(#key_arms)*
                _ => ::core::option::Option::None,
            }
        }

        static __MODEL_KEYS: #p::Keys = #p::Keys::new(&[#(#keys),*], __model_key, #deny)#with_aliases;

        #(#seeds)*

        struct __ModelVisitor #de_impl #de_where {
            __model_marker: ::core::marker::PhantomData<fn() -> (#ident #ty_generics, &'de ())>,
        }

        impl #de_impl #visitor_ty #de_where {
            /// The model from the values read, or every problem found.
            #[allow(unused_mut, unused_variables, clippy::too_many_arguments)]
            #[inline]
            fn __model_finish(
                #(#slots: ::core::option::Option<#types>,)*
                #(#via_idents: usize,)*
                mut __model_problems: #p::ValidationErrors,
                __model_seq: bool,
            ) -> ::core::result::Result<#value_ty, #p::Unfinished> {
                #(#fill)*
                if let ::core::option::Option::Some(__model_error) = #p::absent(&__MODEL_KEYS, &[#(#absent),*], __model_seq, #expected, &mut __model_problems) {
                    return ::core::result::Result::Err(__model_error);
                }
                if !__model_problems.is_empty() #(|| ::core::option::Option::is_none(&#flat_slot))* {
                    #(#partial_checks)*
                    #(#p::via(&__MODEL_KEYS, #via_idents, &mut __model_problems);)*
                    return ::core::result::Result::Err(#p::Unfinished::Rejected(__model_problems));
                }
                // Every slot holds a value now: a missing one is a problem above.
                #(
                    let #slots = match #slots {
                        ::core::option::Option::Some(__model_value) => __model_value,
                        ::core::option::Option::None => {
                            return ::core::result::Result::Err(#p::Unfinished::Rejected(__model_problems));
                        }
                    };
                )*
                ::core::result::Result::Ok(#built)
            }
        }

        #[automatically_derived]
        impl #de_impl #s::de::Visitor<'de> for #visitor_ty #de_where {
            type Value = #value_ty;

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
                #(let mut #map_slots: ::core::option::Option<#map_types> = ::core::option::Option::None;)*
                #(let mut #via_idents: usize = #via_fields;)*
                let mut __model_problems = #p::ValidationErrors::new();
                #map_loop
                #p::finished(&__MODEL_KEYS, Self::__model_finish(#(#slots,)* #(#via_idents,)* __model_problems, false))
            }

            #[allow(unused_mut)]
            #[inline]
            fn visit_seq<__A>(self, mut __model_seq: __A) -> ::core::result::Result<Self::Value, __A::Error>
            where
                __A: #s::de::SeqAccess<'de>,
            {
                let mut __model_problems = #p::ValidationErrors::new();
                let mut __model_failed: ::core::option::Option<__A::Error> = ::core::option::Option::None;
                #(#seq_reads)*
                if let ::core::option::Option::Some(__model_error) = __model_failed {
                    return ::core::result::Result::Err(__model_error);
                }
                #p::skip_elements(&mut __model_seq, #computed_count)?;
                #p::finished(&__MODEL_KEYS, Self::__model_finish(#(#slots,)* #(#via_fields,)* __model_problems, true))
            }
        }

        #[automatically_derived]
        impl #de_impl #s::Deserialize<'de> for #ident #ty_generics #de_where {
            #[inline]
            fn deserialize<__D>(__model_deserializer: __D) -> ::core::result::Result<Self, __D::Error>
            where
                __D: #s::Deserializer<'de>,
            {
                let #read_pattern = #read?;
                // The models this one holds checked themselves as they were read.
                let mut __model_errors = #p::ValidationErrors::new();
                __model_new.__model_construct(&#p::Trail::Root, &mut __model_errors, false);
                match __model_errors.into_result() {
                    ::core::result::Result::Ok(()) => ::core::result::Result::Ok(__model_new),
                    ::core::result::Result::Err(mut __model_errors) => {
                        #apply_vias
                        ::core::result::Result::Err(#p::invalid(__model_errors))
                    }
                }
            }
        }
    }
}

/// How a field's value is read: lists, sets and maps of the standard library, and options, by
/// readers that report every failed element in a full pass; anything else by its own
/// `Deserialize`.
fn reader(ty: &Type) -> TokenStream {
    reader_of(ty).0
}

/// The reader of a value of type `ty`, and whether it reads a collection (see `slot_items`).
fn reader_of(ty: &Type) -> (TokenStream, bool) {
    let p = quote!(::model::__private);
    let plain = || (quote!(#p::ReadPlain::<#ty>::NEW), false);
    let ty_inner = match ty {
        Type::Group(group) => return reader_of(&group.elem),
        Type::Paren(paren) => return reader_of(&paren.elem),
        Type::Array(array) => {
            let (inner, len) = (reader(&array.elem), &array.len);
            return (quote!(#p::ReadArray::<_, { #len }>::new(#inner)), false);
        }
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
            let (inner, collects) = reader_of(inner);
            (quote!(#p::ReadOption::new(#inner)), collects)
        }
        ("Vec" | "VecDeque" | "BTreeSet", [inner]) | ("HashSet", [inner, ..]) => {
            let inner = reader(inner);
            (quote!(#p::ReadSeq::<#ty, _>::new(#inner)), true)
        }
        ("BTreeMap", [key, value]) | ("HashMap", [key, value, ..]) => {
            let (key, value) = (reader(key), reader(value));
            (quote!(#p::ReadMap::<#ty, _, _>::new(#key, #value)), true)
        }
        _ => plain(),
    }
}
