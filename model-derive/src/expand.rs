//! Code generation: the only place that writes Rust. The logic lives once in
//! `model::__private`; what is emitted here is a list of calls to it.

use crate::check::{self, Field, Kind, Model, Rule};
use proc_macro2::{Group, Span, TokenStream, TokenTree};
use quote::{format_ident, quote, quote_spanned, ToTokens};
use syn::{DeriveInput, Ident, LitStr};

pub fn derive(input: &DeriveInput) -> TokenStream {
    match check::check(input) {
        Ok(model) => expand(&model),
        Err(errors) => fallback(input, errors),
    }
}

/// On error: the errors, and a stub `impl Model` so that the user sees them and not a cascade.
fn fallback(input: &DeriveInput, errors: syn::Error) -> TokenStream {
    let ident = &input.ident;
    let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
    let errors = errors.to_compile_error();
    quote! {
        #errors
        #[automatically_derived]
        impl #impl_generics ::model::__private::Model for #ident #ty_generics #where_clause {
            fn meta() -> &'static ::model::__private::ModelMeta {
                ::core::unimplemented!()
            }
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
        .filter(|(_, f)| f.validated())
        .map(|(index, f)| check_fn(index, f));
    let struct_checks = struct_checks(model);
    let field_checks = model.fields.iter().filter(|f| f.validated()).map(|f| {
        let ident = f.ident;
        let check = format_ident!("__model_check_{}", f.name);
        quote!(Self::#check(&self.#ident, __model_at, __model_errors, __model_deep);)
    });
    let new = constructor(model);
    let getters = model.fields.iter().map(getter);
    let setters = model
        .fields
        .iter()
        .filter(|f| !f.readonly)
        .map(|f| setter(model, f));
    let builder = builder(model);
    let draft = draft(model);
    let meta = meta(model);
    let asserts = asserts(model);
    let serde = crate::serde::impls(model);

    quote! {
        #[automatically_derived]
        impl #impl_generics #ident #ty_generics #where_clause {
            #new
            #(#getters)*
            #(#setters)*
            #(#check_fns)*
            #struct_checks

            /// Field rules in order (nested models too when `deep`), then, if those hold,
            /// the struct-level checks.
            #[doc(hidden)]
            fn __model_validate(&self, __model_at: &#p::Trail<'_>, __model_errors: &mut #p::ValidationErrors, __model_deep: bool) {
                let __model_before = __model_errors.len();
                #(#field_checks)*
                if __model_errors.len() == __model_before {
                    self.__model_struct_checks(__model_at, __model_errors);
                }
            }
        }

        #[automatically_derived]
        impl #impl_generics #p::Model for #ident #ty_generics #where_clause {
            fn meta() -> &'static #p::ModelMeta {
                #meta
            }

            fn validate_at(&self, __model_at: &#p::Trail<'_>, __model_errors: &mut #p::ValidationErrors) {
                self.__model_validate(__model_at, __model_errors, true);
            }
        }

        #[automatically_derived]
        impl #impl_generics #p::Nested for #ident #ty_generics #where_clause {
            fn validate_nested(&self, __model_at: &#p::Trail<'_>, __model_errors: &mut #p::ValidationErrors) {
                self.__model_validate(__model_at, __model_errors, true);
            }
        }

        #builder
        #draft
        #asserts
        #serde
    }
}

fn how(message: &Option<LitStr>, secret: bool, span: Span) -> TokenStream {
    let message = match message {
        Some(m) => quote_spanned!(span=> ::core::option::Option::Some(#m)),
        None => quote_spanned!(span=> ::core::option::Option::None),
    };
    quote_spanned!(span=> ::model::__private::How { message: #message, secret: #secret })
}

/// The name of the function that builds the rule at `path`: the field's index, then the rule's
/// index at each level of `each`/`keys`/`values`.
fn rule_fn(path: &[usize]) -> Ident {
    let path: Vec<String> = path.iter().map(ToString::to_string).collect();
    format_ident!("__model_rule_{}", path.join("_"))
}

/// One function per rule of a field, `fn __model_rule_<path>() -> impl Rule<Target>`, spanned
/// at the rule's name: a rule that does not apply to the field's type is reported once, there,
/// and the checks and the metadata that call the function add no error of their own.
///
/// The rules inside `each`/`keys`/`values` are written inline instead: their target is a
/// projection (`<Vec<String> as Items>::Item`) that would repeat the error of a field that is not
/// a collection in every function that names it.
fn rule_fns(rules: &[Rule], target: &TokenStream, field: usize) -> TokenStream {
    rules
        .iter()
        .enumerate()
        .filter_map(|(i, rule)| {
            let span = rule.span;
            let p = quote_spanned!(span=> ::model::__private);
            let name = rule_fn(&[field, i]);
            let value = rule_value(rule)?;
            Some(quote_spanned! {span=>
                #[doc(hidden)]
                #[inline]
                fn #name() -> impl #p::Rule<#target> {
                    #p::rule::<#target, _>(#value)
                }
            })
        })
        .collect()
}

/// The expression that builds a rule's value; `None` for `each`, `keys` and `values`.
fn rule_value(rule: &Rule) -> Option<TokenStream> {
    let span = rule.span;
    let p = quote_spanned!(span=> ::model::__private);
    match &rule.kind {
        Kind::Value(expr) => Some(expr.clone()),
        Kind::Pattern(lit) => Some(quote_spanned! {span=>
            {
                static __MODEL_PATTERN: #p::rules::Pattern = #p::rules::Pattern::new(#lit);
                #p::as_text(&__MODEL_PATTERN)
            }
        }),
        Kind::Each(_) | Kind::Keys(_) | Kind::Values(_) => None,
    }
}

/// The calls that check `__model_value` against `rules`, at `path` (the field's index, then
/// the indices of the enclosing `each`/`keys`/`values`).
fn rule_calls(rules: &[Rule], secret: bool, path: &[usize]) -> TokenStream {
    rules
        .iter()
        .enumerate()
        .map(|(i, rule)| {
            let span = rule.span;
            let p = quote_spanned!(span=> ::model::__private);
            let how = how(&rule.message, secret, span);
            let path = [path, &[i]].concat();
            if let Some(value) = rule_value(rule) {
                let value = if path.len() == 2 {
                    let name = rule_fn(&path);
                    quote_spanned!(span=> Self::#name())
                } else {
                    value
                };
                return quote_spanned! {span=>
                    #p::check(__model_value, &#value, #how, __model_at, __model_errors);
                };
            }
            let (walk, inner) = match &rule.kind {
                Kind::Each(inner) => (quote_spanned!(span=> #p::each), inner),
                Kind::Keys(inner) => (quote_spanned!(span=> #p::keys), inner),
                Kind::Values(inner) => (quote_spanned!(span=> #p::values), inner),
                Kind::Value(_) | Kind::Pattern(_) => unreachable!("rules with a value are handled above"),
            };
            let calls = rule_calls(inner, secret, &path);
            quote_spanned! {span=>
                #walk(__model_value, __model_at, __model_errors, |__model_value, __model_at, __model_errors| {
                    #calls
                });
            }
        })
        .collect()
}

/// `fn __model_check_<field>(value, at, errors)`: the field's rules, under its name.
fn check_fn(index: usize, field: &Field) -> TokenStream {
    let p = quote!(::model::__private);
    let ty = field.ty;
    let name = &field.key;
    let fn_name = format_ident!("__model_check_{}", field.name);
    let rule_fns = rule_fns(&field.rules, &field.target.to_token_stream(), index);
    let mut calls = rule_calls(&field.rules, field.secret, &[index]);
    if let Some(span) = field.nested {
        let p = quote_spanned!(span=> ::model::__private);
        calls.extend(quote_spanned! {span=>
            if __model_deep {
                #p::Nested::validate_nested(__model_value, __model_at, __model_errors);
            }
        });
    }
    let body = if field.optional {
        quote!(if let ::core::option::Option::Some(__model_value) = __model_value { #calls })
    } else {
        calls
    };
    quote! {
        #rule_fns

        #[doc(hidden)]
        #[inline]
        #[allow(unused_variables)]
        fn #fn_name(__model_value: &#ty, __model_at: &#p::Trail<'_>, __model_errors: &mut #p::ValidationErrors, __model_deep: bool) {
            let __model_at = &#p::Trail::Field(__model_at, #name);
            #body
        }
    }
}

fn struct_checks(model: &Model) -> TokenStream {
    let p = quote!(::model::__private);
    let calls = model.checks.iter().map(|path| {
        let span = path
            .segments
            .last()
            .map_or_else(Span::call_site, |s| s.ident.span());
        quote_spanned! {span=>
            #p::check(self, &#p::rules::Check(#path), #p::How::PLAIN, __model_at, __model_errors);
        }
    });
    quote! {
        #[doc(hidden)]
        #[inline]
        #[allow(unused_variables)]
        fn __model_struct_checks(&self, __model_at: &#p::Trail<'_>, __model_errors: &mut #p::ValidationErrors) {
            #(#calls)*
        }
    }
}

/// The argument type and conversion of a constructor or builder parameter. Numbers and other
/// primitives are taken as their exact type, so that literals infer.
fn arg(field: &Field, value: &Ident) -> (TokenStream, TokenStream) {
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

fn constructor(model: &Model) -> TokenStream {
    let p = quote!(::model::__private);
    let name = &model.input.ident;
    let (_, ty_generics, _) = model.input.generics.split_for_impl();
    let params = model
        .fields
        .iter()
        .filter(|f| f.default.is_none())
        .map(|f| {
            let (ty, _) = arg(f, f.ident);
            let ident = f.ident;
            quote!(#ident: #ty)
        });
    let inits = model.fields.iter().map(|f| {
        let ident = f.ident;
        match &f.default {
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
        pub fn new(#(#params),*) -> ::core::result::Result<Self, #p::ValidationErrors> {
            let __model_new = Self { #(#inits,)* };
            let mut __model_errors = #p::ValidationErrors::new();
            __model_new.__model_validate(&#p::Trail::Root, &mut __model_errors, false);
            __model_errors.into_result().map(|()| __model_new)
        }

        #[doc = #builder_doc]
        pub fn builder() -> #builder #ty_generics {
            ::core::default::Default::default()
        }
    }
}

fn getter(field: &Field) -> TokenStream {
    let ident = field.ident;
    let ty = field.ty;
    let doc = if field.doc.is_empty() {
        format!("The `{}` field.", field.name)
    } else {
        field.doc.clone()
    };
    let method = field.ident;
    if field.primitive {
        quote! {
            #[doc = #doc]
            #[inline]
            pub fn #method(&self) -> #ty {
                self.#ident
            }
        }
    } else {
        quote! {
            #[doc = #doc]
            #[inline]
            pub fn #method(&self) -> &#ty {
                &self.#ident
            }
        }
    }
}

fn setter(model: &Model, field: &Field) -> TokenStream {
    let p = quote!(::model::__private);
    let ident = field.ident;
    let method = format_ident!("set_{}", field.name);
    let (ty, value) = arg(field, &format_ident!("__model_new"));
    let doc = format!(
        "Sets `{}` if the new value passes its rules and the struct-level checks; otherwise \
         leaves the model unchanged and returns every violation.",
        field.name
    );
    let check = field.validated().then(|| {
        let check = format_ident!("__model_check_{}", field.name);
        quote! {
            Self::#check(&__model_new, &#p::Trail::Root, &mut __model_errors, false);
            if !__model_errors.is_empty() {
                return ::core::result::Result::Err(__model_errors);
            }
        }
    });
    let store = if model.checks.is_empty() {
        quote! {
            self.#ident = __model_new;
            ::core::result::Result::Ok(())
        }
    } else {
        quote! {
            let __model_old = ::core::mem::replace(&mut self.#ident, __model_new);
            self.__model_struct_checks(&#p::Trail::Root, &mut __model_errors);
            if __model_errors.is_empty() {
                ::core::result::Result::Ok(())
            } else {
                self.#ident = __model_old;
                ::core::result::Result::Err(__model_errors)
            }
        }
    };
    let field_ty = field.ty;
    quote! {
        #[doc = #doc]
        #[inline]
        #[allow(unused_mut)]
        pub fn #method(&mut self, __model_new: #ty) -> ::core::result::Result<(), #p::ValidationErrors> {
            let __model_new: #field_ty = #value;
            let mut __model_errors = #p::ValidationErrors::new();
            #check
            #store
        }
    }
}

fn builder(model: &Model) -> TokenStream {
    let p = quote!(::model::__private);
    let input = model.input;
    let name = &input.ident;
    let vis = &input.vis;
    let builder = format_ident!("{}Builder", name);
    let generics = &input.generics;
    let (impl_generics, ty_generics, where_clause) = generics.split_for_impl();
    let idents: Vec<&Ident> = model.fields.iter().map(|f| f.ident).collect();
    let types = model.fields.iter().map(|f| f.ty);
    let model_ty = quote!(#name #ty_generics);
    let methods = model.fields.iter().map(|f| {
        let ident = f.ident;
        let method = f.ident;
        let (ty, value) = arg(f, &format_ident!("__model_value"));
        let doc = format!("Sets `{}`; it is validated by `build()`.", f.name);
        quote! {
            #[doc = #doc]
            pub fn #method(mut self, __model_value: #ty) -> Self {
                self.#ident = ::core::option::Option::Some(#value);
                self
            }
        }
    });
    let fill = model.fields.iter().map(|f| {
        let ident = f.ident;
        let name = &f.key;
        let check = f.validated().then(|| {
            let check = format_ident!("__model_check_{}", f.name);
            quote!(<#model_ty>::#check(__model_value, &__model_root, &mut __model_errors, false);)
        });
        let missing = match &f.default {
            Some(default) => quote!(::core::option::Option::Some(#default)),
            // An optional field left out of the builder is `None`, as in deserialization.
            None if f.optional => quote!(::core::option::Option::Some(::core::option::Option::None)),
            None => quote! {{
                __model_errors.add(&#p::Trail::Field(&__model_root, #name), #p::Error::required());
                ::core::option::Option::None
            }},
        };
        quote! {
            let #ident = match self.#ident {
                ::core::option::Option::Some(__model_value) => ::core::option::Option::Some(__model_value),
                ::core::option::Option::None => #missing,
            };
            if let ::core::option::Option::Some(__model_value) = &#ident {
                #check
            }
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
            pub fn build(self) -> ::core::result::Result<#model_ty, #p::ValidationErrors> {
                let mut __model_errors = #p::ValidationErrors::new();
                let __model_root = #p::Trail::Root;
                #(#fill)*
                if let (#(::core::option::Option::Some(#idents),)*) = (#(#idents,)*) {
                    if __model_errors.is_empty() {
                        let __model_new = #name { #(#idents,)* };
                        __model_new.__model_struct_checks(&__model_root, &mut __model_errors);
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

fn draft(model: &Model) -> TokenStream {
    let p = quote!(::model::__private);
    let input = model.input;
    let name = &input.ident;
    let vis = &input.vis;
    let draft = format_ident!("{}Draft", name);
    let mut generics = input.generics.clone();
    generics.params.insert(0, syn::parse_quote!('__model_a));
    let (draft_impl, draft_ty, draft_where) = generics.split_for_impl();
    let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
    let args = input.generics.params.iter().map(|param| match param {
        syn::GenericParam::Lifetime(l) => l.lifetime.to_token_stream(),
        syn::GenericParam::Type(t) => t.ident.to_token_stream(),
        syn::GenericParam::Const(c) => c.ident.to_token_stream(),
    });
    let writable: Vec<&Field> = model.fields.iter().filter(|f| !f.readonly).collect();
    let w_idents: Vec<&Ident> = writable.iter().map(|f| f.ident).collect();
    let w_types = writable.iter().map(|f| f.ty);
    let getters = model.fields.iter().map(|f| {
        let ident = f.ident;
        let ty = f.ty;
        let method = f.ident;
        let doc = format!("`{}` as it will be if the update is committed.", f.name);
        let current = if f.readonly {
            quote!(&self.__model_base.#ident)
        } else {
            quote! {
                match &self.#ident {
                    ::core::option::Option::Some(__model_value) => __model_value,
                    ::core::option::Option::None => &self.__model_base.#ident,
                }
            }
        };
        if f.primitive {
            quote!(#[doc = #doc] pub fn #method(&self) -> #ty { *#current })
        } else {
            quote!(#[doc = #doc] pub fn #method(&self) -> &#ty { #current })
        }
    });
    let setters = writable.iter().map(|f| {
        let ident = f.ident;
        let method = format_ident!("set_{}", f.name);
        let (ty, value) = arg(f, &format_ident!("__model_value"));
        let doc = format!("Sets `{}`; validated when the update is committed.", f.name);
        quote! {
            #[doc = #doc]
            pub fn #method(&mut self, __model_value: #ty) -> &mut Self {
                self.#ident = ::core::option::Option::Some(#value);
                self
            }
        }
    });
    let checks = writable.iter().filter(|f| f.validated()).map(|f| {
        let ident = f.ident;
        let check = format_ident!("__model_check_{}", f.name);
        quote! {
            if let ::core::option::Option::Some(__model_value) = &#ident {
                Self::#check(__model_value, &#p::Trail::Root, &mut __model_errors, false);
            }
        }
    });
    let swap = quote! {
        #(let #w_idents = #w_idents.map(|__model_value| ::core::mem::replace(&mut self.#w_idents, __model_value));)*
    };
    let commit = if model.checks.is_empty() {
        quote! {
            #swap
            ::core::result::Result::Ok(())
        }
    } else {
        quote! {
            #swap
            self.__model_struct_checks(&#p::Trail::Root, &mut __model_errors);
            if __model_errors.is_empty() {
                return ::core::result::Result::Ok(());
            }
            #(if let ::core::option::Option::Some(__model_old) = #w_idents { self.#w_idents = __model_old; })*
            ::core::result::Result::Err(__model_errors)
        }
    };
    let doc = format!(
        "Pending changes to a [`{name}`], given to the closure of `{name}::update`: read the \
         fields as they will be, set several, and they are validated and committed together."
    );
    let update_doc = "Changes several fields at once: the closure sets them on a draft; the new values \
                      are validated, then the struct-level checks run on the result. All or nothing: \
                      on any violation the model is left exactly as it was.";
    quote! {
        #[doc = #doc]
        #vis struct #draft #generics #draft_where {
            __model_base: &'__model_a #name #ty_generics,
            #(#w_idents: ::core::option::Option<#w_types>,)*
        }

        #[automatically_derived]
        impl #draft_impl #draft #draft_ty #draft_where {
            #(#getters)*
            #(#setters)*
        }

        #[automatically_derived]
        impl #impl_generics #name #ty_generics #where_clause {
            #[doc = #update_doc]
            #[allow(unused_mut, unused_variables)]
            pub fn update<__ModelF>(&mut self, __model_f: __ModelF) -> ::core::result::Result<(), #p::ValidationErrors>
            where
                __ModelF: for<'__model_a> ::core::ops::FnOnce(&mut #draft<'__model_a #(, #args)*>),
            {
                let mut __model_draft = #draft {
                    __model_base: &*self,
                    #(#w_idents: ::core::option::Option::None,)*
                };
                __model_f(&mut __model_draft);
                let #draft { #(#w_idents,)* .. } = __model_draft;
                let mut __model_errors = #p::ValidationErrors::new();
                #(#checks)*
                if !__model_errors.is_empty() {
                    return ::core::result::Result::Err(__model_errors);
                }
                #commit
            }
        }
    }
}

fn meta(model: &Model) -> TokenStream {
    let p = quote!(::model::__private);
    let name = &model.name;
    let type_name = model.input.ident.to_string();
    let doc = &model.doc;
    let fields = model.fields.iter().enumerate().map(|(index, f)| {
        let name = &f.key;
        let rust_name = &f.name;
        let ty = type_string(f.ty);
        let doc = &f.doc;
        let (readonly, default, secret, optional) =
            (f.readonly, f.default.is_some(), f.secret, f.optional);
        let rules = rule_metas(
            &f.rules,
            f.target.to_token_stream(),
            quote!(Value),
            &[index],
        );
        quote! {
            #p::FieldMeta::new(#name, #ty)
                .rust_name(#rust_name)
                .doc(#doc)
                .rules(const { &[#(#rules),*] })
                .readonly(#readonly)
                .has_default(#default)
                .secret(#secret)
                .optional(#optional)
        }
    });
    let checks = model
        .checks
        .iter()
        .map(|c| c.to_token_stream().to_string().replace(' ', ""));
    quote! {
        const {
            &#p::ModelMeta::new(#name)
                .type_name(#type_name)
                .doc(#doc)
                .fields(const { &[#(#fields),*] })
                .checks(const { &[#(#checks),*] })
        }
    }
}

/// The metadata of `rules`, which check values of type `target`, at `path`.
fn rule_metas(
    rules: &[Rule],
    target: TokenStream,
    kind: TokenStream,
    path: &[usize],
) -> Vec<TokenStream> {
    let mut out = Vec::new();
    for (i, rule) in rules.iter().enumerate() {
        let span = rule.span;
        let p = quote_spanned!(span=> ::model::__private);
        let name = &rule.name;
        let source = &rule.source;
        let message = rule.message.as_ref().map(|m| quote!(.message(#m)));
        let path = [path, &[i]].concat();
        let params = match rule_value(rule) {
            Some(_) if path.len() == 2 => {
                let rule_fn = rule_fn(&path);
                quote_spanned!(span=> #p::params(&Self::#rule_fn()))
            }
            Some(value) => quote_spanned!(span=> #p::params::<#target, _>(&#value)),
            None => {
                // The field's type at the rule too: a field that is no collection is reported at
                // `each`, not at its type.
                let target = respan(target.clone(), span);
                let (projection, kind) = match &rule.kind {
                    Kind::Each(_) => (
                        quote_spanned!(span=> <#target as #p::Items>::Item),
                        quote!(Each),
                    ),
                    Kind::Keys(_) => (
                        quote_spanned!(span=> <#target as #p::Entries>::Key),
                        quote!(Keys),
                    ),
                    _ => (
                        quote_spanned!(span=> <#target as #p::Entries>::Value),
                        quote!(Values),
                    ),
                };
                let (Kind::Each(inner) | Kind::Keys(inner) | Kind::Values(inner)) = &rule.kind
                else {
                    unreachable!("rules with a value are handled above")
                };
                out.extend(rule_metas(inner, projection, kind, &path));
                continue;
            }
        };
        out.push(quote! {
            #p::RuleMeta::new(#name, #p::Target::#kind, #source, || #params) #message
        });
    }
    out
}

fn asserts(model: &Model) -> TokenStream {
    let ident = &model.input.ident;
    if model.asserts.is_empty() {
        return TokenStream::new();
    }
    if !model.input.generics.params.is_empty() {
        let span = model.asserts[0].span;
        return quote_spanned!(span=> ::core::compile_error!("`assert` needs a model without generic parameters"););
    }
    let consts = model.asserts.iter().enumerate().map(|(i, a)| {
        let name = format_ident!("__MODEL_ASSERT_{}", i, span = a.span);
        let condition = &a.condition;
        let message = &a.message;
        let span = a.span;
        quote_spanned! {span=>
            #[doc(hidden)]
            const #name: () = ::core::assert!(#condition, #message);
        }
    });
    let uses = (0..model.asserts.len()).map(|i| {
        let span = model.asserts[i].span;
        let name = format_ident!("__MODEL_ASSERT_{}", i, span = span);
        quote_spanned!(span=> const _: () = <#ident>::#name;)
    });
    quote! {
        #[automatically_derived]
        impl #ident {
            #(#consts)*
        }
        #(#uses)*
    }
}

/// A type as written, with the spaces of token printing removed: `Vec<String>`.
fn type_string(ty: &syn::Type) -> String {
    let raw = ty.to_token_stream().to_string();
    let mut out = String::with_capacity(raw.len());
    let chars: Vec<char> = raw.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if c == ' ' {
            let prev = i.checked_sub(1).map(|j| chars[j]);
            let next = chars.get(i + 1).copied();
            let keep = matches!((prev, next), (Some(a), Some(b)) if (a.is_alphanumeric() || a == '_' || a == '\'') && (b.is_alphanumeric() || b == '_'))
                || prev == Some(',')
                || prev == Some(';')
                || next == Some('=');
            if keep {
                out.push(' ');
            }
        } else {
            out.push(c);
        }
    }
    out
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
