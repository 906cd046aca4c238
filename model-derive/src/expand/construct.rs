//! Building an instance: `new`, the builder, getters, and what makes a fresh instance valid.

use super::*;

/// The fields whose `on_set` hook also runs on construction.
pub(super) fn init_hooks<'m>(model: &'m Model) -> Vec<&'m syn::Path> {
    model
        .fields
        .iter()
        .filter_map(|f| f.on_set.as_ref().filter(|h| h.init).map(|h| &h.path))
        .collect()
}

/// `__model_construct`: how a freshly assembled instance becomes valid: its field rules, then
/// the `on_set(.., init)` hooks (through the commit path, which runs the struct checks), or
/// else the struct checks.
pub(super) fn construct(model: &Model) -> TokenStream {
    let p = quote!(::model::__private);
    let hooks: Vec<TokenStream> = init_hooks(model)
        .into_iter()
        .map(|h| {
            let bind = bind_at(h.span(), &[("__model_draft", quote!(&mut *))]);
            let call = quote_spanned!(h.span()=> #h(__model_draft););
            quote!({ #bind #call })
        })
        .collect();
    let finish = if hooks.is_empty() || model.frozen {
        quote!(self.__model_struct_checks(__model_at, __model_errors);)
    } else {
        quote! {
            if let ::core::result::Result::Err(__model_e) = self.__model_apply(
                |__model_draft| { #(#hooks)* },
                true,
            ) {
                __model_errors.absorb(__model_at, __model_e);
            }
        }
    };
    quote! {
        #[doc(hidden)]
        #[inline]
        fn __model_construct(&mut self, __model_at: &#p::Trail<'_>, __model_errors: &mut #p::ValidationErrors, __model_deep: bool) {
            let __model_before = __model_errors.len();
            self.__model_validate_fields(__model_at, __model_errors, __model_deep);
            if __model_errors.len() == __model_before {
                self.__model_finish(__model_at, __model_errors);
            }
        }

        /// Once the fields are valid: the `init` hooks, or else the struct checks.
        #[doc(hidden)]
        #[allow(unused_mut)]
        #[inline]
        fn __model_finish(&mut self, __model_at: &#p::Trail<'_>, __model_errors: &mut #p::ValidationErrors) {
            #finish
        }
    }
}

/// The argument type and conversion of a constructor or builder parameter. Numbers and other
/// primitives are taken as their exact type, so that literals infer.
pub(super) fn arg(field: &Field, value: &Ident) -> (TokenStream, TokenStream) {
    let ty = field.ty;
    if field.primitive {
        (quote!(#ty), quote!(#value))
    } else {
        (
            quote!(impl ::core::convert::Into<#ty>),
            quote!(::core::convert::Into::into(#value)),
        )
    }
}

pub(super) fn constructor(model: &Model) -> TokenStream {
    let p = quote!(::model::__private);
    let name = &model.input.ident;
    let (_, ty_generics, _) = model.input.generics.split_for_impl();
    let params = model.stored().filter(|f| f.default.is_none()).map(|f| {
        let (ty, _) = arg(f, f.ident);
        let ident = f.ident;
        quote!(#ident: #ty)
    });
    let inits = model.fields.iter().map(|f| {
        let ident = f.ident;
        match &f.default {
            _ if !f.stored() => quote!(#ident: ::core::default::Default::default()),
            Some(default) => quote!(#ident: #default),
            None => {
                let value = arg(f, ident).1;
                quote!(#ident: #value)
            }
        }
    });
    let doc = format!(
        "A new [`{name}`] from its fields without defaults, in declaration order, or every \
         violation of its rules and checks."
    );
    let builder = format_ident!("{}Builder", name);
    let builder_doc =
        format!("A builder of [`{name}`]: set fields by name, then `build()` validates them all.");
    quote! {
        #[doc = #doc]
        #[allow(clippy::too_many_arguments)]
        #[inline]
        pub fn new(#(#params),*) -> ::core::result::Result<Self, #p::ValidationErrors> {
            let mut __model_new = Self { #(#inits,)* };
            let mut __model_errors = #p::ValidationErrors::new();
            __model_new.__model_construct(&#p::Trail::Root, &mut __model_errors, false);
            __model_errors.into_result().map(|()| __model_new)
        }

        #[doc = #builder_doc]
        #[inline]
        pub fn builder() -> #builder #ty_generics {
            ::core::default::Default::default()
        }
    }
}

pub(super) fn getter(field: &Field) -> TokenStream {
    let ident = field.ident;
    let ty = field.ty;
    let doc = if field.doc.is_empty() {
        format!("The `{}` field.", field.name)
    } else {
        field.doc.clone()
    };
    let method = field.ident;
    match &field.role {
        Role::Changes => TokenStream::new(),
        Role::Lazy { load, inner, .. } => {
            let bind = bind_at(load.span(), &[("self", quote!())]);
            let call = quote_spanned!(load.span()=> #load(__model_this));
            let name = &field.name;
            quote! {
                #[doc = #doc]
                ///
                /// Computed on first access, then cached.
                #[inline]
                pub fn #method(&self) -> &#inner {
                    #bind
                    ::model::__private::load_lazy(&self.#ident, #name, || #call)
                }
            }
        }
        Role::Stored if field.primitive => quote! {
            #[doc = #doc]
            #[inline]
            pub fn #method(&self) -> #ty {
                self.#ident
            }
        },
        Role::Stored => quote! {
            #[doc = #doc]
            #[inline]
            pub fn #method(&self) -> &#ty {
                &self.#ident
            }
        },
    }
}

pub(super) fn builder(model: &Model) -> TokenStream {
    let p = quote!(::model::__private);
    let input = model.input;
    let name = &input.ident;
    let vis = &input.vis;
    let builder = format_ident!("{}Builder", name);
    let generics = &input.generics;
    let (impl_generics, ty_generics, where_clause) = generics.split_for_impl();
    let idents: Vec<&Ident> = model.stored().map(|f| f.ident).collect();
    let types = model.stored().map(|f| f.ty);
    let others = model.fields.iter().filter(|f| !f.stored()).map(|f| f.ident);
    let model_ty = quote!(#name #ty_generics);
    let methods = model.stored().map(|f| {
        let ident = f.ident;
        let method = f.ident;
        let (ty, value) = arg(f, &format_ident!("__model_value"));
        let doc = format!("Sets `{}`; it is validated by `build()`.", f.name);
        quote! {
            #[doc = #doc]
            #[inline]
            pub fn #method(mut self, __model_value: #ty) -> Self {
                self.#ident = ::core::option::Option::Some(#value);
                self
            }
        }
    });
    let fill = model.stored().map(|f| {
        let ident = f.ident;
        let name = &f.key;
        let check = f.validated().then(|| {
            let check = format_ident!("__model_check_{}", f.name);
            quote!(#p::check_some(&#ident, <#model_ty>::#check, &mut __model_errors);)
        });
        let take = match &f.default {
            Some(default) => quote! {
                ::core::option::Option::Some(self.#ident.unwrap_or_else(|| #default))
            },
            // An optional field left out of the builder is `None`, as in deserialization.
            None if f.optional => quote! {
                ::core::option::Option::Some(self.#ident.unwrap_or(::core::option::Option::None))
            },
            None => quote!(#p::required(self.#ident, #name, &mut __model_errors)),
        };
        quote! {
            let #ident = #take;
            #check
        }
    });
    let doc =
        format!("Builds a [`{name}`]: set the fields, then `build()` validates them all at once.");
    let build_doc = format!(
        "The [`{name}`], or every violation: missing required fields, broken rules, then (when the \
         fields are valid) broken struct-level checks."
    );
    quote! {
        #[doc = #doc]
        #[must_use]
        #vis struct #builder #generics #where_clause {
            #(#idents: ::core::option::Option<#types>,)*
            __model_marker: ::core::marker::PhantomData<fn() -> #model_ty>,
        }

        #[automatically_derived]
        impl #impl_generics ::core::default::Default for #builder #ty_generics #where_clause {
            #[inline]
            fn default() -> Self {
                Self {
                    #(#idents: ::core::option::Option::None,)*
                    __model_marker: ::core::marker::PhantomData,
                }
            }
        }

        #[automatically_derived]
        impl #impl_generics #builder #ty_generics #where_clause {
            #(#methods)*

            #[doc = #build_doc]
            #[allow(unused_mut, unused_variables, irrefutable_let_patterns)]
            #[inline]
            pub fn build(self) -> ::core::result::Result<#model_ty, #p::ValidationErrors> {
                let mut __model_errors = #p::ValidationErrors::new();
                let __model_root = #p::Trail::Root;
                #(#fill)*
                if let (#(::core::option::Option::Some(#idents),)*) = (#(#idents,)*) {
                    if __model_errors.is_empty() {
                        let mut __model_new = #name {
                            #(#idents,)*
                            #(#others: ::core::default::Default::default(),)*
                        };
                        __model_new.__model_finish(&__model_root, &mut __model_errors);
                        if __model_errors.is_empty() {
                            return ::core::result::Result::Ok(__model_new);
                        }
                    }
                }
                ::core::result::Result::Err(__model_errors)
            }
        }
    }
}
