//! Code generation: the only place that writes Rust. The logic lives once in
//! `model::__private`; what is emitted here is a list of calls to it.

use crate::check::{self, Field, Kind, Model, Role, Rule};
use proc_macro2::{Group, Span, TokenStream, TokenTree};
use quote::{format_ident, quote, quote_spanned, ToTokens};
use syn::spanned::Spanned;
use syn::{DeriveInput, Ident, LitStr, Type};

pub fn derive(input: &DeriveInput) -> TokenStream {
    match check::check(input) {
        Ok(model) => match &model.krate {
            Some(krate) => renamed(expand(&model), krate),
            None => expand(&model),
        },
        Err(errors) => fallback(input, errors),
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
fn fallback(input: &DeriveInput, errors: syn::Error) -> TokenStream {
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
    let meta = meta(model);
    let by_name = by_name(model);
    let asserts = asserts(model);
    let debug = debug(model);
    let serde = crate::serde::impls(model);
    let schemars = schemars(model);
    let no_default = no_default(model);

    quote! {
        #[automatically_derived]
        impl #impl_generics #ident #ty_generics #where_clause {
            #new
            #(#getters)*
            #(#check_fns)*
            #struct_checks
            #construct

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

/// `schemars::JsonSchema` (feature `schemars`): the schema that `Model::json_schema` makes
/// from the metadata, its nested models put among the generator's definitions.
fn schemars(model: &Model) -> TokenStream {
    if !cfg!(feature = "schemars") {
        return TokenStream::new();
    }
    let p = quote!(::model::__private);
    let ident = &model.input.ident;
    let (impl_generics, ty_generics, where_clause) = model.input.generics.split_for_impl();
    quote! {
        #[automatically_derived]
        impl #impl_generics #p::schemars::JsonSchema for #ident #ty_generics #where_clause {
            fn schema_name() -> ::std::borrow::Cow<'static, str> {
                #p::schemars_name::<Self>()
            }

            fn json_schema(
                __model_generator: &mut #p::schemars::SchemaGenerator,
            ) -> #p::schemars::Schema {
                #p::schemars_schema::<Self>(__model_generator)
            }
        }
    }
}

/// The fields whose `on_set` hook also runs on construction.
fn init_hooks<'m>(model: &'m Model) -> Vec<&'m syn::Path> {
    model
        .fields
        .iter()
        .filter_map(|f| f.on_set.as_ref().filter(|h| h.init).map(|h| &h.path))
        .collect()
}

/// `__model_construct`: how a freshly assembled instance becomes valid: its field rules, then
/// the `on_set(.., init)` hooks (through the commit path, which runs the struct checks), or
/// else the struct checks.
fn construct(model: &Model) -> TokenStream {
    let p = quote!(::model::__private);
    let hooks: Vec<TokenStream> = init_hooks(model)
        .into_iter()
        .map(|h| quote_spanned!(h.span()=> #h(__model_draft);))
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
            let constness = rule.constant.then(|| quote!(const));
            Some(quote_spanned! {span=>
                #[doc(hidden)]
                #[inline]
                #constness fn #name() -> impl #p::Rule<#target> {
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
                    if rule.constant {
                        // In static memory: no rule is built, nor stored, per call.
                        quote_spanned!(span=> const { Self::#name() })
                    } else {
                        quote_spanned!(span=> Self::#name())
                    }
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
        let validate = if field.secret {
            quote_spanned!(span=> #p::validate_secret_nested)
        } else {
            quote_spanned!(span=> #p::Nested::validate_nested)
        };
        calls.extend(quote_spanned! {span=>
            if __model_deep {
                #validate(__model_value, __model_at, __model_errors);
            }
        });
    }
    let body = if field.optional {
        quote!(if let ::core::option::Option::Some(__model_value) = __model_value { #calls })
    } else {
        calls
    };
    // A secret map's keys are its value too: hidden from the paths of its violations.
    let body = if field.secret {
        quote! {
            let __model_start = __model_errors.len();
            #body
            if __model_errors.len() > __model_start {
                #p::redact_keys(__model_errors, __model_start, __model_at);
            }
        }
    } else {
        body
    };
    quote! {
        #rule_fns

        #[doc(hidden)]
        #[inline]
        #[allow(unused_variables, clippy::ptr_arg)]
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
    let first = model.checks.iter().enumerate().map(|(i, path)| {
        let span = path
            .segments
            .last()
            .map_or_else(Span::call_site, |s| s.ident.span());
        quote_spanned! {span=>
            if let ::core::result::Result::Err(__model_e) = #p::Rule::check(&#p::rules::Check(#path), self) {
                return ::core::option::Option::Some((#i, __model_e));
            }
        }
    });
    let rest = model.checks.iter().enumerate().map(|(i, path)| {
        let span = path
            .segments
            .last()
            .map_or_else(Span::call_site, |s| s.ident.span());
        quote_spanned! {span=>
            if #i > __model_first {
                #p::check(self, &#p::rules::Check(#path), #p::How::PLAIN, &#p::Trail::Root, &mut __model_errors);
            }
        }
    });
    quote! {
        #[doc(hidden)]
        #[inline]
        #[allow(unused_variables)]
        fn __model_struct_checks(&self, __model_at: &#p::Trail<'_>, __model_errors: &mut #p::ValidationErrors) {
            #(#calls)*
        }

        /// The first struct-level check that fails, and its error; nothing is reported.
        #[doc(hidden)]
        #[inline]
        fn __model_struct_checks_first(&self) -> ::core::option::Option<(usize, #p::Error)> {
            #(#first)*
            ::core::option::Option::None
        }

        /// The report of the struct-level checks, the first failure known: each check runs once.
        #[doc(hidden)]
        #[cold]
        #[inline]
        #[allow(clippy::absurd_extreme_comparisons, unused_comparisons)]
        fn __model_struct_checks_report(&self, (__model_first, __model_error): (usize, #p::Error)) -> #p::ValidationErrors {
            let mut __model_errors = #p::ValidationErrors::new();
            __model_errors.add(&#p::Trail::Root, __model_error);
            #(#rest)*
            __model_errors
        }
    }
}

/// `fn __model_holds_<field>(value) -> bool`: whether the field's rules hold, reporting
/// nothing; `None` for a field with rules on its items (`each`, `keys`, `values`), whose setter
/// takes the reporting path directly.
fn holds_fn(index: usize, field: &Field) -> Option<TokenStream> {
    let p = quote!(::model::__private);
    let mut tests = Vec::new();
    for (i, rule) in field.rules.iter().enumerate() {
        let span = rule.span;
        rule_value(rule)?;
        let name = rule_fn(&[index, i]);
        let value = match &rule.kind {
            Kind::Pattern(_) => rule_value(rule)?,
            _ if rule.constant => quote_spanned!(span=> const { Self::#name() }),
            _ => quote_spanned!(span=> Self::#name()),
        };
        tests.push(quote_spanned!(span=> #p::holds(__model_value, &#value)));
    }
    let ty = field.ty;
    let fn_name = format_ident!("__model_holds_{}", field.name);
    let body = if field.optional {
        quote! {
            match __model_value {
                ::core::option::Option::Some(__model_value) => true #(&& #tests)*,
                ::core::option::Option::None => true,
            }
        }
    } else {
        quote!(true #(&& #tests)*)
    };
    Some(quote! {
        #[doc(hidden)]
        #[inline]
        #[allow(clippy::ptr_arg)]
        fn #fn_name(__model_value: &#ty) -> bool {
            #body
        }
    })
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

fn getter(field: &Field) -> TokenStream {
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
            let call = quote_spanned!(load.span()=> #load(self));
            let name = &field.name;
            quote! {
                #[doc = #doc]
                ///
                /// Computed on first access, then cached.
                #[inline]
                pub fn #method(&self) -> &#inner {
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

/// The bit of a field in the changes masks.
fn bit(index: usize) -> TokenStream {
    let bit = 1u64 << index;
    quote!(#bit)
}

/// Setters, `update`, the draft and the commit path they share, set-by-name, change tracking.
/// Not generated for a frozen model.
fn mutation(model: &Model) -> TokenStream {
    let p = quote!(::model::__private);
    let input = model.input;
    let name = &input.ident;
    let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
    let draft = draft(model);
    let apply = apply(model);
    let setters = model
        .fields
        .iter()
        .filter(|f| f.writable())
        .map(|f| setter(model, f));
    let computed_setters = model.computed.iter().filter_map(|c| {
        let set = c.set.as_ref()?;
        let method = format_ident!("set_{}", c.name);
        let ty = &c.ty;
        let doc = format!(
            "Sets the computed field `{}` through `{}`, then validates the fields it changed and \
             the struct-level checks, all or nothing.",
            c.name,
            set.to_token_stream().to_string().replace(' ', "")
        );
        let call = quote_spanned!(set.span()=> #set(__model_draft, __model_new));
        let hidden = format_ident!("__model_set_computed_{}", c.name);
        let draft = format_ident!("{}Draft", name);
        let args = generic_args(model);
        Some(quote! {
            #[doc(hidden)]
            #[inline]
            fn #hidden(__model_draft: &mut #draft<'_ #(, #args)*>, __model_new: #ty) {
                #call
            }


            #[doc = #doc]
            #[inline]
            pub fn #method(&mut self, __model_new: #ty) -> ::core::result::Result<(), #p::ValidationErrors> {
                self.__model_apply(move |__model_draft| { __model_draft.#method(__model_new); }, false)
            }
        })
    });
    let set_arms = set_arms(model);
    let tracking = tracking(model);
    let update_doc = "Changes several fields at once: the closure sets them on a draft; the new values \
                      are validated, the `on_set` hooks of the fields it set run, then the struct-level \
                      checks run on the result. All or nothing: on any violation the model is left \
                      exactly as it was.";
    let draft_ident = format_ident!("{}Draft", name);
    let args = generic_args(model);
    quote! {
        #draft

        #[automatically_derived]
        impl #impl_generics #name #ty_generics #where_clause {
            #(#setters)*
            #(#computed_setters)*
            #apply
            #tracking

            #[doc = #update_doc]
            #[inline]
            pub fn update<__ModelF>(&mut self, __model_f: __ModelF) -> ::core::result::Result<(), #p::ValidationErrors>
            where
                __ModelF: for<'__model_a> ::core::ops::FnOnce(&mut #draft_ident<'__model_a #(, #args)*>),
            {
                self.__model_apply(__model_f, false)
            }

            /// Sets the field called `name` (its external name) from a dynamic value, through
            /// exactly the same conversion, rules, read-only checks, hooks and struct-level
            /// checks as its typed setter. An unknown name is an error naming the close matches.
            #[inline]
            pub fn set(&mut self, name: &str, value: impl ::core::convert::Into<#p::Value>) -> ::core::result::Result<(), #p::ValidationErrors> {
                #p::set_by_name(<Self as #p::Model>::meta(), name, ::core::convert::Into::into(value), |__model_index, __model_value| {
                    self.__model_set(__model_index, __model_value)
                })
            }

            #[doc(hidden)]
            #[allow(unreachable_code, unused_variables)]
            #[inline]
            fn __model_set(&mut self, __model_index: usize, __model_value: #p::Value) -> ::core::result::Result<(), #p::ValidationErrors> {
                let __model_fields = <Self as #p::Model>::meta().field_list();
                match __model_index {
                    #(#set_arms)*
                    _ => ::core::result::Result::Err(#p::read_only(&__model_fields[__model_index])),
                }
            }
        }
    }
}

/// The generic arguments of the model, as the draft names them.
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

/// The arms of `__model_set`: each settable field converts the value and calls its setter.
fn set_arms(model: &Model) -> Vec<TokenStream> {
    let p = quote!(::model::__private);
    let stored = model.fields.iter().filter(|f| f.writable()).map(|f| {
        let index = f.index;
        let ty = f.ty;
        let method = format_ident!("set_{}", f.name);
        let key = &f.key;
        (index, ty.to_token_stream(), method, key.clone(), f.secret)
    });
    let computed = model.computed.iter().filter(|c| c.set.is_some()).map(|c| {
        (
            c.index,
            c.ty.to_token_stream(),
            format_ident!("set_{}", c.name),
            c.key.clone(),
            c.secret,
        )
    });
    stored
        .chain(computed)
        .map(|(index, ty, method, key, secret)| {
            quote! {
                #index => self.#method(#p::converted(#p::set!(#ty, __model_value), #key, #secret)?),
            }
        })
        .collect()
}

/// `changed_fields`, `take_changes`, and `__model_after_change`: what a committed change does
/// besides storing values (record, reset lazy fields, tell `on_change`).
fn tracking(model: &Model) -> TokenStream {
    let p = quote!(::model::__private);
    let record = model
        .changes
        .map(|changes| quote!(self.#changes.mark_all(__model_mask);));
    let resets = model.fields.iter().filter_map(|f| {
        let Role::Lazy { depends_on, .. } = &f.role else {
            return None;
        };
        if depends_on.is_empty() {
            return None;
        }
        let mask: u64 = depends_on
            .iter()
            .map(|&i| 1u64 << model.fields[i].index)
            .sum();
        let ident = f.ident;
        Some(quote! {
            if __model_mask & #mask != 0 {
                self.#ident.reset();
            }
        })
    });
    let notify = model.on_change.as_ref().map(|hook| {
        quote_spanned! {hook.span()=>
            #hook(self, #p::ChangedFields::new(__model_mask, <Self as #p::Model>::meta().field_list()));
        }
    });
    let accessors = model.changes.map(|changes| {
        quote! {
            /// The fields changed since construction or the last `take_changes()`, by name.
            #[inline]
            pub fn changed_fields(&self) -> #p::ChangedFields {
                #p::ChangedFields::new(self.#changes.bits(), <Self as #p::Model>::meta().field_list())
            }

            /// The fields changed since construction or the last `take_changes()`, forgetting
            /// them: what a "save on change" loop writes out.
            #[inline]
            pub fn take_changes(&mut self) -> #p::ChangedFields {
                #p::ChangedFields::new(self.#changes.take().bits(), <Self as #p::Model>::meta().field_list())
            }
        }
    });
    let reset = has_dependents(model).then(|| {
        quote! {
            /// Forgets the lazy fields computed from the fields in `mask`.
            #[doc(hidden)]
            #[inline]
            fn __model_reset_lazy(&mut self, __model_mask: u64) {
                #(#resets)*
            }
        }
    });
    let after = has_after_change(model).then(|| {
        quote! {
            #[doc(hidden)]
            #[inline]
            fn __model_after_change(&mut self, __model_mask: u64) {
                #record
                #notify
            }
        }
    });
    quote! {
        #accessors
        #reset
        #after
    }
}

/// `__model_apply(f, construct)`: the one commit path. `f` sets fields on a draft; the new
/// values are validated; the `on_set` hooks of the fields it set run (unless constructing: then
/// `f` runs the hooks itself) and what they set is validated too; the values are swapped in,
/// the lazy fields that depend on them forgotten, the struct-level checks run, and on any
/// violation the old values are swapped back. A committed change is recorded (the fields set,
/// plus the computed fields set through the draft) unless constructing.
fn apply(model: &Model) -> TokenStream {
    let p = quote!(::model::__private);
    let name = &model.input.ident;
    let draft = format_ident!("{}Draft", name);
    let args = generic_args(model);
    let writable: Vec<&Field> = model.fields.iter().filter(|f| f.writable()).collect();
    let idents: Vec<&Ident> = writable.iter().map(|f| f.ident).collect();
    let validate: Vec<TokenStream> = writable
        .iter()
        .filter(|f| f.validated())
        .map(|f| {
            let ident = f.ident;
            let check = format_ident!("__model_check_{}", f.name);
            quote! {
                if let ::core::option::Option::Some(__model_value) = &__model_draft.#ident {
                    Self::#check(__model_value, &#p::Trail::Root, &mut __model_errors, false);
                }
            }
        })
        .collect();
    let hooked: Vec<(&Field, &syn::Path)> = writable
        .iter()
        .filter_map(|f| f.on_set.as_ref().map(|h| (*f, &h.path)))
        .collect();
    let hooks = (!hooked.is_empty()).then(|| {
        let flags: Vec<Ident> = hooked
            .iter()
            .map(|(f, _)| format_ident!("__model_set_{}", f.name))
            .collect();
        let fields = hooked.iter().map(|(f, _)| f.ident);
        let calls = hooked
            .iter()
            .map(|(_, h)| quote_spanned!(h.span()=> #h(&mut __model_draft);));
        quote! {
            if !__model_construct {
                // The fields the caller set, before any hook runs: hooks do not trigger hooks.
                #(let #flags = __model_draft.#fields.is_some();)*
                #(if #flags { #calls })*
                #(#validate)*
                if !__model_errors.is_empty() {
                    return ::core::result::Result::Err(__model_errors);
                }
            }
        }
    });
    let mask = if model.tracks() {
        let bits = writable.iter().map(|f| {
            let ident = f.ident;
            let bit = bit(f.index);
            quote!(if #ident.is_some() { #bit } else { 0 })
        });
        quote!(let __model_mask: u64 = __model_extra #(| #bits)*;)
    } else {
        quote!(let _ = __model_extra;)
    };
    let reset = has_dependents(model).then(|| quote!(self.__model_reset_lazy(__model_mask);));
    let swap = quote! {
        #(let #idents = #idents.map(|__model_value| ::core::mem::replace(&mut self.#idents, __model_value));)*
    };
    let tys: Vec<&Type> = writable.iter().map(|f| f.ty).collect();
    let restore_reset = has_dependents(model).then(|| quote!(__model_self.__model_reset_lazy(!0);));
    // Under a guard that puts the old values back unless the change is committed: on a
    // violation, and on a panic in the struct checks too.
    let checks = (!model.checks.is_empty()).then(|| {
        quote! {
            let __model_guard = #p::Rollback::new(
                self,
                (#(#idents,)*),
                |__model_self: &mut Self, (#(#idents,)*): (#(::core::option::Option<#tys>,)*)| {
                    #(if let ::core::option::Option::Some(__model_old) = #idents { __model_self.#idents = __model_old; })*
                    #restore_reset
                },
            );
            __model_guard.model().__model_struct_checks(&#p::Trail::Root, &mut __model_errors);
            if !__model_errors.is_empty() {
                ::core::mem::drop(__model_guard);
                return ::core::result::Result::Err(__model_errors);
            }
            __model_guard.commit();
        }
    });
    let after = has_after_change(model).then(|| {
        quote! {
            if !__model_construct {
                self.__model_after_change(__model_mask);
            }
        }
    });
    quote! {
        #[doc(hidden)]
        #[allow(unused_mut, unused_variables)]
        #[inline]
        fn __model_apply(
            &mut self,
            __model_f: impl for<'__model_a> ::core::ops::FnOnce(&mut #draft<'__model_a #(, #args)*>),
            __model_construct: bool,
        ) -> ::core::result::Result<(), #p::ValidationErrors> {
            let mut __model_draft = #draft {
                __model_base: &*self,
                #(#idents: ::core::option::Option::None,)*
                __model_extra: 0,
            };
            __model_f(&mut __model_draft);
            let mut __model_errors = #p::ValidationErrors::new();
            #(#validate)*
            if !__model_errors.is_empty() {
                return ::core::result::Result::Err(__model_errors);
            }
            #hooks
            let #draft { #(#idents,)* __model_extra, .. } = __model_draft;
            // Nothing set is no change (at construction, the struct checks still run).
            if !__model_construct #(&& #idents.is_none())* {
                return ::core::result::Result::Ok(());
            }
            #mask
            #swap
            // Lazy fields computed from what changed are forgotten before the struct checks
            // read them, and again if the change is rolled back.
            #reset
            #checks
            #after
            ::core::result::Result::Ok(())
        }
    }
}

/// Whether some lazy field `depends_on` this field.
fn depended_on(model: &Model, field: &Field) -> bool {
    model.fields.iter().any(|f| {
        matches!(&f.role, Role::Lazy { depends_on, .. }
            if depends_on.iter().any(|&i| model.fields[i].index == field.index))
    })
}

/// Whether some lazy field `depends_on` stored fields.
fn has_dependents(model: &Model) -> bool {
    model
        .fields
        .iter()
        .any(|f| matches!(&f.role, Role::Lazy { depends_on, .. } if !depends_on.is_empty()))
}

/// Whether a committed change is recorded or reported.
fn has_after_change(model: &Model) -> bool {
    model.changes.is_some() || model.on_change.is_some()
}

fn setter(model: &Model, field: &Field) -> TokenStream {
    let p = quote!(::model::__private);
    let ident = field.ident;
    let method = format_ident!("set_{}", field.name);
    let (ty, value) = arg(field, &format_ident!("__model_new"));
    let field_ty = field.ty;
    if field.on_set.is_some() {
        let doc = format!(
            "Sets `{}` if the new value passes its rules; then runs its `on_set` hook, validates \
             what the hook changed and the struct-level checks. All or nothing: on any violation \
             the model is left exactly as it was.",
            field.name
        );
        return quote! {
            #[doc = #doc]
            #[inline]
            pub fn #method(&mut self, __model_new: #ty) -> ::core::result::Result<(), #p::ValidationErrors> {
                let __model_new: #field_ty = #value;
                self.__model_apply(move |__model_draft| __model_draft.#ident = ::core::option::Option::Some(__model_new), false)
            }
        };
    }
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
    let bit = bit(field.index);
    let after = has_after_change(model).then(|| quote!(self.__model_after_change(#bit);));
    let reset = depended_on(model, field).then(|| quote!(self.__model_reset_lazy(#bit);));
    let restore_reset =
        depended_on(model, field).then(|| quote!(__model_self.__model_reset_lazy(#bit);));
    // The struct checks run on the new value under a guard that puts the old one back unless
    // the change is committed: on a violation, and on a panic in the checks too.
    let guard = quote! {
        let __model_old = ::core::mem::replace(&mut self.#ident, __model_new);
        #reset
        let __model_guard = #p::Rollback::new(self, __model_old, |__model_self: &mut Self, __model_old: #field_ty| {
            __model_self.#ident = __model_old;
            #restore_reset
        });
    };
    let store = if model.checks.is_empty() {
        quote! {
            self.#ident = __model_new;
            #reset
            #after
            ::core::result::Result::Ok(())
        }
    } else {
        quote! {
            #guard
            __model_guard.model().__model_struct_checks(&#p::Trail::Root, &mut __model_errors);
            if __model_errors.is_empty() {
                __model_guard.commit();
                #after
                ::core::result::Result::Ok(())
            } else {
                ::core::mem::drop(__model_guard);
                ::core::result::Result::Err(__model_errors)
            }
        }
    };
    let slow = format_ident!("__model_set_slow_{}", field.name);
    let position = model
        .fields
        .iter()
        .position(|f| std::ptr::eq(f, field))
        .expect("a field of the model");
    let Some(holds) = holds_fn(position, field) else {
        return quote! {
            #[doc = #doc]
            #[inline]
            #[allow(unused_mut)]
            pub fn #method(&mut self, __model_new: #ty) -> ::core::result::Result<(), #p::ValidationErrors> {
                let __model_new: #field_ty = #value;
                let mut __model_errors = #p::ValidationErrors::new();
                #check
                #store
            }
        };
    };
    let holds_name = format_ident!("__model_holds_{}", field.name);
    // The fast path: the rules and checks hold, nothing is reported, no report is built.
    let fast = if model.checks.is_empty() {
        quote! {
            if Self::#holds_name(&__model_new) {
                self.#ident = __model_new;
                #reset
                #after
                return ::core::result::Result::Ok(());
            }
        }
    } else {
        quote! {
            if Self::#holds_name(&__model_new) {
                #guard
                match __model_guard.model().__model_struct_checks_first() {
                    ::core::option::Option::None => {
                        __model_guard.commit();
                        #after
                        return ::core::result::Result::Ok(());
                    }
                    ::core::option::Option::Some(__model_failure) => {
                        let __model_errors = __model_guard.model().__model_struct_checks_report(__model_failure);
                        ::core::mem::drop(__model_guard);
                        return ::core::result::Result::Err(__model_errors);
                    }
                }
            }
        }
    };
    quote! {
        #holds

        #[doc = #doc]
        #[inline]
        pub fn #method(&mut self, __model_new: #ty) -> ::core::result::Result<(), #p::ValidationErrors> {
            let __model_new: #field_ty = #value;
            #fast
            self.#slow(__model_new)
        }

        /// The reporting path of the setter: every violation of the new value.
        #[doc(hidden)]
        #[cold]
        #[inline]
        #[allow(unused_mut)]
        fn #slow(&mut self, __model_new: #field_ty) -> ::core::result::Result<(), #p::ValidationErrors> {
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
            quote!(<#model_ty>::#check(__model_value, &__model_root, &mut __model_errors, false);)
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
        let check = check.map(|check| {
            quote! {
                if let ::core::option::Option::Some(__model_value) = &#ident {
                    #check
                }
            }
        });
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

fn draft(model: &Model) -> TokenStream {
    let input = model.input;
    let name = &input.ident;
    let vis = &input.vis;
    let draft = format_ident!("{}Draft", name);
    let mut generics = input.generics.clone();
    generics.params.insert(0, syn::parse_quote!('__model_a));
    let (draft_impl, draft_ty, draft_where) = generics.split_for_impl();
    let (_, ty_generics, _) = input.generics.split_for_impl();
    let writable: Vec<&Field> = model.fields.iter().filter(|f| f.writable()).collect();
    let w_idents: Vec<&Ident> = writable.iter().map(|f| f.ident).collect();
    let w_types = writable.iter().map(|f| f.ty);
    let getters = model.stored().map(|f| {
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
            quote!(#[doc = #doc] #[inline] pub fn #method(&self) -> #ty { *#current })
        } else {
            quote!(#[doc = #doc] #[inline] pub fn #method(&self) -> &#ty { #current })
        }
    });
    let setters = writable.iter().map(|f| {
        let ident = f.ident;
        let method = format_ident!("set_{}", f.name);
        let (ty, value) = arg(f, &format_ident!("__model_value"));
        let doc = format!("Sets `{}`; validated when the update is committed.", f.name);
        quote! {
            #[doc = #doc]
            #[inline]
            pub fn #method(&mut self, __model_value: #ty) -> &mut Self {
                self.#ident = ::core::option::Option::Some(#value);
                self
            }
        }
    });
    let computed = model.computed.iter().filter_map(|c| {
        c.set.as_ref()?;
        let method = format_ident!("set_{}", c.name);
        let ty = &c.ty;
        let doc = format!(
            "Sets the computed field `{}`: the fields it maps onto are set on this draft.",
            c.name
        );
        let hidden = format_ident!("__model_set_computed_{}", c.name);
        let record = model.tracks().then(|| {
            let bit = bit(c.index);
            quote!(self.__model_extra |= #bit;)
        });
        let call = quote!(#name::#hidden(self, __model_value); #record);
        Some(quote! {
            #[doc = #doc]
            #[inline]
            pub fn #method(&mut self, __model_value: #ty) -> &mut Self {
                #call;
                self
            }
        })
    });
    let doc = format!(
        "Pending changes to a [`{name}`], given to the closure of `{name}::update` and to \
         `on_set` hooks: read the fields as they will be, set several, and they are validated \
         and committed together."
    );
    quote! {
        #[doc = #doc]
        #vis struct #draft #generics #draft_where {
            __model_base: &'__model_a #name #ty_generics,
            #(#w_idents: ::core::option::Option<#w_types>,)*
            /// The computed fields set through this draft, by bit.
            __model_extra: u64,
        }

        #[automatically_derived]
        impl #draft_impl #draft #draft_ty #draft_where {
            #(#getters)*
            #(#setters)*
            #(#computed)*
        }
    }
}

fn meta(model: &Model) -> TokenStream {
    let p = quote!(::model::__private);
    let name = &model.name;
    let type_name = model.input.ident.to_string();
    let doc = &model.doc;
    let fields = model.fields.iter().enumerate().filter_map(|(index, f)| {
        let name = &f.key;
        let rust_name = &f.name;
        let (data_ty, kind) = match &f.role {
            Role::Stored => (f.ty, quote!(Stored)),
            Role::Lazy { inner, .. } => (*inner, quote!(Lazy)),
            Role::Changes => return None,
        };
        let ty = type_string(data_ty);
        // A secret's default stays out of the metadata, as its value does elsewhere.
        let default_value = f
            .default
            .as_ref()
            .filter(|_| !f.secret)
            .map(|default| quote!(.default_value(|| #p::default_value!(#data_ty, #default))));
        let doc = &f.doc;
        let (readonly, default, secret, optional) = (
            !f.writable() || model.frozen,
            f.default.is_some(),
            f.secret,
            f.optional,
        );
        let rules = rule_metas(&f.rules, f.target.to_token_stream(), &[], &[index]);
        Some(quote! {
            #p::FieldMeta::new(#name, #ty)
                .rust_name(#rust_name)
                .doc(#doc)
                .rules(const { &[#(#rules),*] })
                .readonly(#readonly)
                .has_default(#default)
                .secret(#secret)
                .optional(#optional)
                .kind(#p::FieldKind::#kind)
                .shape(|| #p::shape!(#data_ty))
                #default_value
        })
    });
    let computed = model.computed.iter().map(|c| {
        let name = &c.key;
        let ty = type_string(&c.ty);
        let readonly = c.set.is_none() || model.frozen;
        let data_ty = &c.ty;
        let secret = c.secret;
        quote! {
            #p::FieldMeta::new(#name, #ty)
                .readonly(#readonly)
                .secret(#secret)
                .kind(#p::FieldKind::Computed)
                .shape(|| #p::shape!(#data_ty))
        }
    });
    let checks = model
        .checks
        .iter()
        .map(|c| c.to_token_stream().to_string().replace(' ', ""));
    let unknown = (!model.deny_unknown_fields).then(|| quote!(.unknown_fields(true)));
    quote! {
        const {
            &#p::ModelMeta::new(#name)
                .type_name(#type_name)
                .doc(#doc)
                .fields(const { &[#(#fields,)* #(#computed,)*] })
                .checks(const { &[#(#checks),*] })
                #unknown
        }
    }
}

/// The metadata of `rules`, which check values of type `target`, at `path`, inside the
/// `each`/`keys`/`values` of `within` (outermost first).
fn rule_metas(
    rules: &[Rule],
    target: TokenStream,
    within: &[TokenStream],
    path: &[usize],
) -> Vec<TokenStream> {
    let mut out = Vec::new();
    for (i, rule) in rules.iter().enumerate() {
        let span = rule.span;
        let p = quote_spanned!(span=> ::model::__private);
        let name = &rule.name;
        let source = &rule.source;
        let message = rule.message.as_ref().map(|m| quote!(.message(#m)));
        let kind = within.last().cloned().unwrap_or_else(|| quote!(Value));
        // One level is told by the target alone; deeper ones need the whole way down.
        let deep = (within.len() > 1).then(|| quote!(.within(&[#(#p::Target::#within),*])));
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
                let within = [within, &[kind]].concat();
                out.extend(rule_metas(inner, projection, &within, &path));
                continue;
            }
        };
        out.push(quote! {
            #p::RuleMeta::new(#name, #p::Target::#kind, #source, || #params) #message #deep
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

/// `Model::__value_at`: every field's value by its index in the metadata, for get-by-name and
/// iteration. Secrets are redacted; lazy fields are loaded; computed fields are computed.
fn by_name(model: &Model) -> TokenStream {
    let p = quote!(::model::__private);
    let stored = model.fields.iter().filter_map(|f| {
        let index = f.index;
        let ident = f.ident;
        let value = match &f.role {
            Role::Changes => return None,
            _ if f.secret => quote!(#p::Value::REDACTED),
            Role::Stored => quote!((&&&#p::Get(&self.#ident)).__model_to_value()),
            Role::Lazy { .. } => quote!((&&&#p::Get(self.#ident())).__model_to_value()),
        };
        Some(quote!(#index => ::core::option::Option::Some(#value),))
    });
    let computed = model.computed.iter().map(|c| {
        let index = c.index;
        if c.secret {
            return quote!(#index => ::core::option::Option::Some(#p::Value::REDACTED),);
        }
        let get = &c.get;
        let call = quote_spanned!(get.span()=> #get(self));
        quote!(#index => ::core::option::Option::Some((&&&#p::Get(&#call)).__model_to_value()),)
    });
    quote! {
        #[allow(unused_imports)]
        #[inline]
        fn __value_at(&self, __model_index: usize) -> ::core::option::Option<#p::Value> {
            use #p::probe::*;
            match __model_index {
                #(#stored)*
                #(#computed)*
                _ => ::core::option::Option::None,
            }
        }
    }
}

/// A `Debug` that redacts secret fields, for models that have any (derive `Debug` on the
/// others as usual).
fn debug(model: &Model) -> TokenStream {
    if !model.fields.iter().any(|f| f.secret) {
        return TokenStream::new();
    }
    let input = model.input;
    let ident = &input.ident;
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
        if f.secret {
            quote!(.field(#name, &::core::format_args!("[redacted]")))
        } else {
            quote!(.field(#name, &{
                #[allow(unused_imports)]
                use ::model::__private::probe::*;
                (&&&::model::__private::Show(&self.#ident)).__model_debug()
            }))
        }
    });
    quote! {
        #[automatically_derived]
        impl #impl_generics ::core::fmt::Debug for #ident #ty_generics #where_clause {
            #[inline]
            fn fmt(&self, __model_f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                __model_f.debug_struct(#name) #(#fields)* .finish()
            }
        }
    }
}

/// An `impl Default` whose bound never holds, so that a derived or hand-written `Default`, which
/// would build the model around its rules, conflicts with it (see `__private::UseNewOrTheBuilder`).
fn no_default(model: &Model) -> TokenStream {
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
