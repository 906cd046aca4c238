//! Reflection: the metadata constants, and the `schemars` impl made from them.

use super::*;

/// The metadata constant, and the two functions it points into: the shape of each field and the
/// parameters of each rule, by index (one function each per model rather than a closure per
/// field and per rule).
pub(super) fn meta(model: &Model) -> (TokenStream, TokenStream) {
    let p = quote!(::model::__private);
    let mut shapes = Vec::new();
    let mut params = Vec::new();
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
            .filter(|_| f.secret.is_none())
            .map(|default| quote!(.default_value(|| #p::default_value!(#data_ty, #default))));
        let doc = &f.doc;
        let (readonly, default, secret, optional) = (
            !f.writable() || model.frozen,
            f.default.is_some(),
            f.secret.is_some(),
            f.optional,
        );
        let rules = rule_metas(
            &f.rules,
            f.target.to_token_stream(),
            &[],
            &[index],
            &mut params,
        );
        // `FieldMeta::new`'s defaults are not written again: the calls that change one.
        let rust_name = (*rust_name != *name).then(|| quote!(.rust_name(#rust_name)));
        let doc = (!doc.is_empty()).then(|| quote!(.doc(#doc)));
        let rules = (!rules.is_empty()).then(|| quote!(.rules(const { &[#(#rules),*] })));
        let readonly = readonly.then(|| quote!(.readonly(true)));
        let default = default.then(|| quote!(.has_default(true)));
        let secret = secret.then(|| quote!(.secret(true)));
        let optional = optional.then(|| quote!(.optional(true)));
        let kind = matches!(f.role, Role::Lazy { .. }).then(|| quote!(.kind(#p::FieldKind::#kind)));
        let shape = shapes.len();
        shapes.push(quote!(#p::shape!(#data_ty)));
        Some(quote! {
            #p::FieldMeta::new(#name, #ty)
                #rust_name #doc #rules #readonly #default #secret #optional #kind
                .shape_at(Self::__model_shape, #shape)
                #default_value
        })
    });
    // Collected now: `shapes` and `params` are filled as the fields are written.
    let fields: Vec<TokenStream> = fields.collect();
    let computed = model.computed.iter().map(|c| {
        let name = &c.key;
        let ty = type_string(&c.ty);
        let readonly = c.set.is_none() || model.frozen;
        let data_ty = &c.ty;
        let secret = c.secret;
        let shape = shapes.len();
        shapes.push(quote!(#p::shape!(#data_ty)));
        quote! {
            #p::FieldMeta::new(#name, #ty)
                .readonly(#readonly)
                .secret(#secret)
                .kind(#p::FieldKind::Computed)
                .shape_at(Self::__model_shape, #shape)
        }
    });
    let computed: Vec<TokenStream> = computed.collect();
    let checks = model
        .checks
        .iter()
        .map(|c| c.to_token_stream().to_string().replace(' ', ""));
    let unknown = (!model.deny_unknown_fields).then(|| quote!(.unknown_fields(true)));
    let type_name = (type_name != *name).then(|| quote!(.type_name(#type_name)));
    let doc = (!doc.is_empty()).then(|| quote!(.doc(#doc)));
    let checks: Vec<String> = checks.collect();
    let checks = (!checks.is_empty()).then(|| quote!(.checks(const { &[#(#checks),*] })));
    let meta = quote! {
        const {
            &#p::ModelMeta::new(#name)
                #type_name #doc
                .fields(const { &[#(#fields,)* #(#computed,)*] })
                #checks
                #unknown
        }
    };
    let shape_arms = shapes
        .iter()
        .enumerate()
        .map(|(i, shape)| quote!(#i => #shape,));
    let params_arms = params
        .iter()
        .enumerate()
        .map(|(i, params)| quote!(#i => #params,));
    let tables = quote! {
        #[doc(hidden)]
        #[allow(unused_imports, unreachable_patterns, unused_variables)]
        fn __model_shape(__model_index: usize) -> #p::Shape {
            match __model_index {
                #(#shape_arms)*
                _ => #p::Shape::Unknown,
            }
        }

        #[doc(hidden)]
        #[allow(unreachable_patterns, unused_variables)]
        fn __model_params(__model_index: usize) -> #p::Params {
            match __model_index {
                #(#params_arms)*
                _ => #p::Params::new(),
            }
        }
    };
    (meta, tables)
}

/// The metadata of `rules`, which check values of type `target`, at `path`, inside the
/// `each`/`keys`/`values` of `within` (outermost first).
pub(super) fn rule_metas(
    rules: &[Rule],
    target: TokenStream,
    within: &[TokenStream],
    path: &[usize],
    table: &mut Vec<TokenStream>,
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
            Some(value) => quote_spanned!(span=> #p::params(&#p::rule::<#target, _>(#value))),
            None => {
                // The field's type at the rule too: a field that is no collection is reported at
                // `each`, not at its type.
                let projection = projection(&rule.kind, &target, span);
                let kind = match &rule.kind {
                    Kind::Each(_) => quote!(Each),
                    Kind::Keys(_) => quote!(Keys),
                    _ => quote!(Values),
                };
                let (Kind::Each(inner) | Kind::Keys(inner) | Kind::Values(inner)) = &rule.kind
                else {
                    unreachable!("rules with a value are handled above")
                };
                let within = [within, &[kind]].concat();
                out.extend(rule_metas(inner, projection, &within, &path, table));
                continue;
            }
        };
        let index = table.len();
        table.push(params);
        out.push(quote! {
            #p::RuleMeta::at(#name, #p::Target::#kind, #source, Self::__model_params, #index) #message #deep
        });
    }
    out
}

/// `schemars::JsonSchema` (feature `schemars`): the schema that `Model::json_schema` makes
/// from the metadata, its nested models put among the generator's definitions.
pub(super) fn schemars(model: &Model) -> TokenStream {
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

/// A type as written, with the spaces of token printing removed: `Vec<String>`.
pub(super) fn type_string(ty: &syn::Type) -> String {
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
