//! The rules of each field as functions (built once, at the rule's span), the checks that
//! call them, the setters' fast `holds` path, the struct-level checks and `assert`s.

use super::*;

pub(super) fn how(message: &Option<LitStr>, secret: bool, span: Span) -> TokenStream {
    let message = match message {
        Some(m) => quote_spanned!(span=> ::core::option::Option::Some(#m)),
        None => quote_spanned!(span=> ::core::option::Option::None),
    };
    quote_spanned!(span=> ::model::__private::How { message: #message, secret: #secret })
}

/// The name of the function that builds the rule at `path`: the field's index, then the rule's
/// index at each level of `each`/`keys`/`values`.
pub(super) fn rule_fn(path: &[usize]) -> Ident {
    let path: Vec<String> = path.iter().map(ToString::to_string).collect();
    format_ident!("__model_rule_{}", path.join("_"))
}

/// One function per rule of a field, `fn __model_rule_<path>() -> impl Rule<Target>`, spanned
/// at the rule's name: a rule that does not apply to the field's type is reported once, there,
/// and the checks and the metadata that call the function add no error of their own.
///
/// The rules inside `each`/`keys`/`values` are written inline instead, through the same `rule`
/// in the checks and in the metadata: their target is a projection
/// (`<Vec<String> as Items>::Item`) that would repeat the error of a field that is not a
/// collection in every function that names it, and the compiler reports an error written alike
/// in two functions once.
pub(super) fn rule_fns(rules: &[Rule], target: &TokenStream, field: usize) -> TokenStream {
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

/// The expression that builds a rule's value; `None` for `each`, `keys` and `values`. Every
/// token is at the rule's name, so that rustc reports a rule that does not fit the field's type
/// there.
pub(super) fn rule_value(rule: &Rule) -> Option<TokenStream> {
    let span = rule.span;
    let p = quote_spanned!(span=> ::model::__private);
    match &rule.kind {
        Kind::Builtin(builtin) => Some(builtin_value(builtin, span)),
        Kind::Check(path) => Some(quote_spanned!(span=> #p::rules::Check(#path))),
        Kind::With(expr) => Some(expr.clone()),
        Kind::Pattern(lit) => Some(quote_spanned! {span=>
            {
                static __MODEL_PATTERN: #p::rules::Pattern = #p::rules::Pattern::new(#lit);
                #p::as_text(&__MODEL_PATTERN)
            }
        }),
        Kind::Each(_) | Kind::Keys(_) | Kind::Values(_) => None,
    }
}

fn builtin_value(rule: &Builtin, span: Span) -> TokenStream {
    let p = quote_spanned!(span=> ::model::__private::rules);
    match rule {
        Builtin::Range(bounds) => {
            let b = quote_spanned!(span=> ::model::__private::Bound);
            let lo = match &bounds.lo {
                Some(lo) => quote_spanned!(span=> #b::Included(#lo)),
                None => quote_spanned!(span=> #b::Unbounded),
            };
            let hi = match (&bounds.hi, bounds.inclusive) {
                (Some(hi), true) => quote_spanned!(span=> #b::Included(#hi)),
                (Some(hi), false) => quote_spanned!(span=> #b::Excluded(#hi)),
                (None, _) => quote_spanned!(span=> #b::Unbounded),
            };
            quote_spanned!(span=> #p::Range::new(#lo, #hi))
        }
        Builtin::Length { bytes, bounds } => {
            let min = match &bounds.lo {
                Some(lo) => quote!(#lo),
                None => quote_spanned!(span=> 0),
            };
            let max = match (&bounds.hi, bounds.inclusive) {
                (Some(hi), true) => quote!(#hi),
                (Some(hi), false) => quote_spanned!(span=> (#hi) - 1),
                (None, _) => quote_spanned!(span=> ::core::primitive::usize::MAX),
            };
            if *bytes {
                quote_spanned!(span=> #p::ByteLength::new(#min, #max))
            } else {
                quote_spanned!(span=> #p::Length::new(#min, #max))
            }
        }
        Builtin::NonNegative => quote_spanned!(span=> #p::NonNegative),
        Builtin::Positive => quote_spanned!(span=> #p::Positive),
        Builtin::NonEmpty => quote_spanned!(span=> #p::NonEmpty),
        Builtin::OneOf(values) => quote_spanned!(span=> #p::OneOf::new(&[#(#values),*])),
        // Through `as_text`, so that a field that is not text is reported as such.
        Builtin::Text(rule) => {
            let rule = match rule {
                TextRule::Ascii => quote_spanned!(span=> #p::Ascii),
                TextRule::Alphanumeric => quote_spanned!(span=> #p::Alphanumeric),
                TextRule::Email => quote_spanned!(span=> #p::Email),
                TextRule::Url => quote_spanned!(span=> #p::Url),
                TextRule::Prefix(lit) => quote_spanned!(span=> #p::Prefix::new(#lit)),
                TextRule::Suffix(lit) => quote_spanned!(span=> #p::Suffix::new(#lit)),
                TextRule::Contains(lit) => quote_spanned!(span=> #p::Contains::new(#lit)),
            };
            quote_spanned!(span=> ::model::__private::as_text(#rule))
        }
    }
}

/// The type of the values that the rules inside `each`/`keys`/`values` check, as a projection of
/// `target` spanned at the rule (`<Vec<String> as Items>::Item`): the checks and the metadata
/// write it alike, so that a field that is no collection is reported once, at `each`.
pub(super) fn projection(kind: &Kind, target: &TokenStream, span: Span) -> TokenStream {
    let p = quote_spanned!(span=> ::model::__private);
    let target = respan(target.clone(), span);
    match kind {
        Kind::Each(_) => quote_spanned!(span=> <#target as #p::Items>::Item),
        Kind::Keys(_) => quote_spanned!(span=> <#target as #p::Entries>::Key),
        _ => quote_spanned!(span=> <#target as #p::Entries>::Value),
    }
}

/// The calls that check `__model_value`, of type `target`, against `rules`, at `path` (the
/// field's index, then the indices of the enclosing `each`/`keys`/`values`).
pub(super) fn rule_calls(
    rules: &[Rule],
    target: &TokenStream,
    secret: bool,
    path: &[usize],
) -> TokenStream {
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
                    // Through `rule`, as the metadata writes it: a rule that does not fit the
                    // items is reported once, at its name.
                    quote_spanned!(span=> #p::rule::<#target, _>(#value))
                };
                // The rule is checked against the type where it is built (its function, or
                // `rule` above), so nothing is reported here: the variables as the code around
                // declares them, with no binding (see `bind_at`).
                let (v, at, errors) = (
                    quote!(__model_value),
                    quote!(__model_at),
                    quote!(__model_errors),
                );
                return quote_spanned! {span=>
                    #p::check(#v, &#value, #how, #at, #errors);
                };
            }
            let (walk, inner) = match &rule.kind {
                Kind::Each(inner) => (quote_spanned!(span=> #p::each), inner),
                Kind::Keys(inner) => (quote_spanned!(span=> #p::keys), inner),
                Kind::Values(inner) => (quote_spanned!(span=> #p::values), inner),
                _ => unreachable!("rules with a value are handled above"),
            };
            let item = projection(&rule.kind, target, span);
            let calls = rule_calls(inner, &item, secret, &path);
            // The closure's parameters as the derive writes its own variables: the rules inside
            // read them through their own bindings, wherever `each` and they were written.
            let params = quote!(__model_value, __model_at, __model_errors);
            let walk = quote_spanned! {span=>
                let _: ::core::marker::PhantomData<#item> = ::core::marker::PhantomData;
                #walk(__model_value, __model_at, __model_errors, |#params| {
                    #calls
                });
            };
            bound(span, walk)
        })
        .collect()
}

/// The call of `each`/`keys`/`values`, reading the variables of the code around it (the check
/// function's, or the closure's of the walk it is in) bound at its span, where rustc reports a
/// field that is no collection: see `bind_at`.
fn bound(span: Span, call: TokenStream) -> TokenStream {
    let bind = bind_at(
        span,
        &[
            ("__model_value", quote!()),
            ("__model_at", quote!()),
            ("__model_errors", quote!(&mut *)),
        ],
    );
    quote!({ #bind #call })
}

/// `fn __model_check_<field>(value, at, errors)`: the field's rules, under its name.
pub(super) fn check_fn(index: usize, field: &Field) -> TokenStream {
    let p = quote!(::model::__private);
    let ty = field.ty;
    let name = &field.key;
    let fn_name = format_ident!("__model_check_{}", field.name);
    let rule_fns = rule_fns(&field.rules, &field.target.to_token_stream(), index);
    let mut calls = rule_calls(
        &field.rules,
        &field.target.to_token_stream(),
        field.secret.is_some(),
        &[index],
    );
    if let Some(span) = field.nested {
        let p = quote_spanned!(span=> ::model::__private);
        let validate = if field.secret.is_some() {
            quote_spanned!(span=> #p::validate_secret_nested)
        } else {
            quote_spanned!(span=> #p::Nested::validate_nested)
        };
        let bind = bind_at(
            span,
            &[
                ("__model_deep", quote!()),
                ("__model_value", quote!()),
                ("__model_at", quote!()),
                ("__model_errors", quote!(&mut *)),
            ],
        );
        let validate = quote_spanned! {span=>
            if __model_deep {
                #validate(__model_value, __model_at, __model_errors);
            }
        };
        calls.extend(quote!({ #bind #validate }));
    }
    let body = if field.optional {
        quote!(if let ::core::option::Option::Some(__model_value) = __model_value { #calls })
    } else {
        calls
    };
    // A secret map's keys are its value too: hidden from the paths of its violations.
    let body = if field.secret.is_some() {
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
        #[allow(unused_variables, clippy::ptr_arg, clippy::type_complexity)]
        fn #fn_name(__model_value: &#ty, __model_at: &#p::Trail<'_>, __model_errors: &mut #p::ValidationErrors, __model_deep: bool) {
            let __model_at = &#p::Trail::Field(__model_at, #name);
            #body
        }
    }
}

pub(super) fn struct_checks(model: &Model) -> TokenStream {
    let p = quote!(::model::__private);
    // Each check as a rule, once: a function that does not fit (`fn(&Self) -> bool`) is
    // reported there, at its path, and not at each of the three places that run it.
    let rule_fns = model.checks.iter().enumerate().map(|(i, path)| {
        let span = path
            .segments
            .last()
            .map_or_else(Span::call_site, |s| s.ident.span());
        let p = quote_spanned!(span=> ::model::__private);
        let name = format_ident!("__model_struct_rule_{}", i);
        quote_spanned! {span=>
            #[doc(hidden)]
            #[inline]
            fn #name() -> impl #p::Rule<Self> {
                #p::rule::<Self, _>(#p::rules::Check(#path))
            }
        }
    });
    let rule = |i: usize| {
        let name = format_ident!("__model_struct_rule_{}", i);
        quote!(Self::#name())
    };
    let calls = model.checks.iter().enumerate().map(|(i, path)| {
        let span = path
            .segments
            .last()
            .map_or_else(Span::call_site, |s| s.ident.span());
        let bind = bind_at(
            span,
            &[
                ("self", quote!()),
                ("__model_at", quote!()),
                ("__model_errors", quote!(&mut *)),
            ],
        );
        let rule = rule(i);
        let call = quote_spanned! {span=>
            #p::check(__model_this, &#rule, #p::How::PLAIN, __model_at, __model_errors);
        };
        quote!({ #bind #call })
    });
    let first = model.checks.iter().enumerate().map(|(i, path)| {
        let span = path
            .segments
            .last()
            .map_or_else(Span::call_site, |s| s.ident.span());
        let bind = bind_at(span, &[("self", quote!())]);
        let rule = rule(i);
        let call = quote_spanned! {span=>
            if let ::core::result::Result::Err(__model_e) = #p::Rule::check(&#rule, __model_this) {
                return ::core::option::Option::Some((#i, __model_e));
            }
        };
        quote!({ #bind #call })
    });
    let rest = model.checks.iter().enumerate().map(|(i, path)| {
        let span = path
            .segments
            .last()
            .map_or_else(Span::call_site, |s| s.ident.span());
        let bind = bind_at(
            span,
            &[
                ("self", quote!()),
                ("__model_first", quote!()),
                ("__model_errors", quote!(&mut)),
            ],
        );
        let rule = rule(i);
        let call = quote_spanned! {span=>
            if #i > __model_first {
                #p::check(__model_this, &#rule, #p::How::PLAIN, &#p::Trail::Root, __model_errors);
            }
        };
        quote!({ #bind #call })
    });
    let struct_checks = quote! {
        #(#rule_fns)*

        #[doc(hidden)]
        #[inline]
        #[allow(unused_variables)]
        fn __model_struct_checks(&self, __model_at: &#p::Trail<'_>, __model_errors: &mut #p::ValidationErrors) {
            #(#calls)*
        }
    };
    // The setters' fast path is the only user of the two others.
    if model.checks.is_empty() {
        return struct_checks;
    }
    quote! {
        #struct_checks

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

/// Whether the field's rules hold for `__model_value` (a reference to a value of the field's
/// type), reporting nothing: an expression; `None` for a field with rules on its items (`each`,
/// `keys`, `values`), whose setter takes the reporting path directly.
pub(super) fn holds_expr(index: usize, field: &Field) -> Option<TokenStream> {
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
        // As in `rule_calls`: nothing is reported here, so no binding.
        let v = quote!(__model_value);
        tests.push(quote_spanned!(span=> #p::holds(#v, &#value)));
    }
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
    Some(body)
}

pub(super) fn asserts(model: &Model) -> TokenStream {
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
