//! `Serialize`, and `Flatten` for a parent that flattens the model.

use super::*;

/// `Serialize`, and `Flatten`, which writes the fields as map entries: how a parent writes a
/// model it flattens.
pub(super) fn serialize(model: &Model, g: &Generics) -> TokenStream {
    let p = quote!(::model::__private);
    let s = quote!(#p::serde);
    let input = model.input;
    let ident = &input.ident;
    let name = &model.name;
    let (_, ty_generics, _) = input.generics.split_for_impl();
    let (ser_impl, _, ser_where) = g.ser.split_for_impl();
    let written: Vec<&Field> = model
        .stored()
        .filter(|f| !f.serde.skip_serializing)
        .collect();
    // `serialize_with`: a wrapper per field whose `Serialize` calls the function.
    let mut wrap_generics = g.ser.clone();
    wrap_generics.params.insert(0, parse_quote!('__a));
    let (wrap_impl, _, wrap_where) = wrap_generics.split_for_impl();
    let args = g.args;
    let wrappers = written.iter().filter_map(|f| {
        let path = f.serde.serialize_with.as_ref()?;
        let wrapper = format_ident!("__ModelSer_{}", f.name);
        let ty = f.ty;
        let bind = super::super::bind_at(
            path.span(),
            &[("self", quote!()), ("__model_serializer", quote!())],
        );
        let call = quote_spanned!(path.span()=> #path(__model_this.0, __model_serializer));
        let call = quote!({ #bind #call });
        Some(quote! {
            #[allow(non_camel_case_types)]
            struct #wrapper #wrap_impl (&'__a #ty, ::core::marker::PhantomData<fn() -> #ident #ty_generics>) #wrap_where;

            #[automatically_derived]
            impl #wrap_impl #s::Serialize for #wrapper<'__a #(, #args)*> #wrap_where {
                #[inline]
                fn serialize<__S>(&self, __model_serializer: __S) -> ::core::result::Result<__S::Ok, __S::Error>
                where
                    __S: #s::Serializer,
                {
                    #call
                }
            }
        })
    });
    let value = |f: &Field| {
        let field = f.ident;
        match &f.serde.serialize_with {
            Some(_) => {
                let wrapper = format_ident!("__ModelSer_{}", f.name);
                quote!(&#wrapper(&self.#field, ::core::marker::PhantomData::<fn() -> Self>))
            }
            None => quote!(&self.#field),
        }
    };
    let skip_if = |f: &Field| {
        f.serde.skip_serializing_if.as_ref().map(|path| {
            let field = f.ident;
            let bind = super::super::bind_at(path.span(), &[("self", quote!())]);
            let call = quote_spanned!(path.span()=> #path(&__model_this.#field));
            quote!({ #bind #call })
        })
    };
    let entries = written.iter().map(|f| {
        let key = &f.key;
        let field = f.ident;
        let entry = if let Some(span) = f.serde.flatten {
            let bind = super::super::bind_at(
                span,
                &[("__model_flat", quote!()), ("__model_map", quote!(&mut *))],
            );
            let call =
                quote_spanned!(span=> #p::Flatten::serialize_entries(__model_flat, __model_map));
            let call = quote!({ #bind #call });
            quote! {
                let __model_flat = &self.#field;
                #call?;
            }
        } else {
            let value = value(f);
            quote!(#s::ser::SerializeMap::serialize_entry(__model_map, #key, #value)?;)
        };
        match skip_if(f) {
            Some(skip) => quote!(if !#skip { #entry }),
            None => entry,
        }
    });
    // Output only: a computed field is never read back.
    let computed_calls: Vec<(&String, TokenStream)> = model
        .computed
        .iter()
        .map(|c| {
            let get = &c.get;
            let bind = super::super::bind_at(get.span(), &[("self", quote!())]);
            let call = quote_spanned!(get.span()=> #get(__model_this));
            (&c.key, quote!({ #bind #call }))
        })
        .collect();
    let computed_entries = computed_calls.iter().map(
        |(key, call)| quote!(#s::ser::SerializeMap::serialize_entry(__model_map, #key, &#call)?;),
    );
    let flattens = written.iter().any(|f| f.serde.flatten.is_some());
    let body = if flattens {
        quote! {
            let mut __model_map = #s::Serializer::serialize_map(__model_serializer, ::core::option::Option::None)?;
            #p::Flatten::serialize_entries(self, &mut __model_map)?;
            #s::ser::SerializeMap::end(__model_map)
        }
    } else {
        let count = written.len() + model.computed.len();
        let conditional: Vec<TokenStream> = written.iter().filter_map(|f| skip_if(f)).collect();
        let len = if conditional.is_empty() {
            quote!(#count)
        } else {
            quote!({
                let mut __model_len = #count;
                #(if #conditional { __model_len -= 1; })*
                __model_len
            })
        };
        let fields = written.iter().map(|f| {
            let key = &f.key;
            let value = value(f);
            let write =
                quote!(#s::ser::SerializeStruct::serialize_field(&mut __model_state, #key, #value)?;);
            match skip_if(f) {
                Some(skip) => quote! {
                    if #skip {
                        #s::ser::SerializeStruct::skip_field(&mut __model_state, #key)?;
                    } else {
                        #write
                    }
                },
                None => write,
            }
        });
        let computed = computed_calls.iter().map(|(key, call)| {
            quote!(#s::ser::SerializeStruct::serialize_field(&mut __model_state, #key, &#call)?;)
        });
        quote! {
            let mut __model_state = #s::Serializer::serialize_struct(__model_serializer, #name, #len)?;
            #(#fields)*
            #(#computed)*
            #s::ser::SerializeStruct::end(__model_state)
        }
    };
    quote! {
        #(#wrappers)*

        #[automatically_derived]
        impl #ser_impl #s::Serialize for #ident #ty_generics #ser_where {
            #[inline]
            fn serialize<__S>(&self, __model_serializer: __S) -> ::core::result::Result<__S::Ok, __S::Error>
            where
                __S: #s::Serializer,
            {
                // A tree built through the API may be of any depth: bounded here, as validation is.
                let __model_depth = #p::Depth::enter::<__S::Error>()?;
                #body
            }
        }

        #[automatically_derived]
        impl #ser_impl #p::Flatten for #ident #ty_generics #ser_where {
            #[inline]
            fn serialize_entries<__M: #s::ser::SerializeMap>(
                &self,
                __model_map: &mut __M,
            ) -> ::core::result::Result<(), __M::Error> {
                #(#entries)*
                #(#computed_entries)*
                ::core::result::Result::Ok(())
            }
        }
    }
}
