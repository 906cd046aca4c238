//! Semantics: judges the raw attributes (the metaclass validating the class) and turns them into
//! checked values that `expand` can emit without further thought. Every mistake is reported at
//! its own tokens.

use crate::attr::{self, FieldAttrs, RawField, RawModel, RawRange, RawRule, RuleKind, StructAttrs};
use crate::attr::{SerdeDefault, SerdeField};
use crate::ctxt::Ctxt;
use proc_macro2::{Span, TokenStream, TokenTree};
use quote::ToTokens;
use syn::spanned::Spanned;
use syn::{
    Data, DeriveInput, Fields, GenericArgument, Ident, LitStr, PathArguments, Type, Visibility,
};

mod field;
mod rule;

pub use crate::ast::*;
use field::*;
use rule::*;

/// The second stage: judges what `attr::parse` read (every mistake at once, with those of the
/// first stage in `cx`), into a model `expand` can emit without further thought.
pub fn check<'a>(
    mut cx: Ctxt,
    input: &'a DeriveInput,
    raw: RawModel<'a>,
) -> Result<Model<'a>, syn::Error> {
    check_shape(&mut cx, input);
    let RawModel {
        attrs,
        fields: raw_fields,
    } = raw;

    let has_checks = !attrs.checks.is_empty();
    let rename_all = attrs
        .rename_all
        .as_ref()
        .and_then(|lit| match Case::parse(&lit.value()) {
            Some(case) => Some(case),
            None => {
                cx.error(
                    lit.span(),
                    format!(
                        "unknown case `{}`: expected one of {}",
                        lit.value(),
                        Case::NAMES
                            .iter()
                            .map(|n| format!("`{n}`"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                );
                None
            }
        });
    let frozen = attrs.frozen.as_ref();
    let serde = attrs.serde.as_ref().is_none_or(|b| b.value);
    let mut flattened: Option<String> = None;
    let mut fields = Vec::new();
    let mut depends = Vec::new();
    for RawField {
        field,
        ident,
        attrs: mut raw,
        serde: serde_attrs,
    } in raw_fields
    {
        let renamed = raw.rename.is_some();
        depends.push(std::mem::take(&mut raw.depends_on));
        if let Some(frozen) = frozen {
            frozen_field(&mut cx, frozen, &raw);
        }
        let (serde_field, serde_default) = serde_attrs.unwrap_or_default();
        let serde_default = serde_default.and_then(|d| serde_default_value(&mut cx, &raw, d));
        let mut checked = check_field(&mut cx, field, ident, raw, has_checks);
        if serde_default.is_some() {
            checked.default = serde_default;
        }
        check_flatten(&mut cx, &checked, &serde_field, &mut flattened);
        checked.serde = serde_field;
        if !renamed {
            if let Some(case) = &rename_all {
                checked.key = case.apply(&checked.name);
            }
        }
        fields.push(checked);
    }
    resolve_depends(&mut cx, &mut fields, depends);
    let mut index = 0;
    for field in &mut fields {
        field.index = index;
        if !matches!(field.role, Role::Changes) {
            index += 1;
        }
    }
    let changes = check_changes(&mut cx, &attrs, &fields);
    check_public(&mut cx, &fields, changes.is_some(), has_checks);
    let computed = check_computed(
        &mut cx,
        attrs.computed,
        &fields,
        index,
        frozen,
        rename_all.as_ref(),
    );
    check_setter_names(&mut cx, &fields, &computed);
    check_derived_secrets(&mut cx, &fields, &computed);
    check_derived_debug(&mut cx, &input.attrs, &fields);
    check_aliases(&mut cx, &fields, &computed);
    if let (Some(frozen), Some(on_change)) = (frozen, &attrs.on_change) {
        frozen_error(&mut cx, frozen, on_change.option.span(), "on_change");
    }
    if let (Some(register), false) = (&attrs.register, serde) {
        cx.error(
            register.span,
            "`register` has no effect with `serde = false`: a model without the generated serde impls is not registered",
        );
    }
    if let (Some(register), false) = (&attrs.register, input.generics.params.is_empty()) {
        if register.value {
            cx.error(
                register.span,
                "a generic model cannot register itself, having no single type to name: add each instance to a registry built by hand, `Registry::new().with::<Model<T>>()`",
            );
        }
    }
    if let Some(name) = &attrs.name {
        if name.value().is_empty() {
            cx.error(name.span(), "the model name cannot be empty");
        }
    }
    // Reported with every other mistake, not after they are fixed.
    let tracks = changes.is_some()
        || attrs.on_change.is_some()
        || fields
            .iter()
            .any(|f| matches!(&f.role, Role::Lazy { depends_on, .. } if !depends_on.is_empty()));
    let count = fields.len() - usize::from(changes.is_some()) + computed.len();
    if tracks && count > 64 {
        cx.error(
            input.ident.span(),
            format!("change tracking, `on_change` and `depends_on` handle at most 64 fields; this model has {count}"),
        );
    }
    cx.finish()?;
    Ok(Model {
        input,
        krate: attrs.krate,
        name: attrs
            .name
            .map_or_else(|| input.ident.to_string(), |n| n.value()),
        doc: doc_text(&input.attrs),
        fields,
        checks: attrs.checks,
        asserts: attrs.asserts,
        serde,
        patch: attrs.patch.as_ref().is_none_or(|b| b.value),
        register: attrs.register.as_ref().is_none_or(|b| b.value),
        deny_unknown_fields: attrs.allow_unknown_fields.is_none(),
        frozen: frozen.is_some(),
        changes,
        on_change: attrs.on_change.map(|hook| hook.path),
        computed,
    })
}

/// A model is a struct with named fields (or none).
fn check_shape(cx: &mut Ctxt, input: &DeriveInput) {
    match &input.data {
        Data::Struct(data) => {
            if let Fields::Unnamed(fields) = &data.fields {
                cx.error(
                    fields.paren_token.span.join(),
                    "tuple structs cannot be models: name the fields, so that errors and getters can name them",
                );
            }
        }
        Data::Enum(data) => cx.error(
            data.enum_token.span,
            "`Model` is derived for structs with named fields, not enums: derive it on the struct of each variant",
        ),
        Data::Union(data) => cx.error(data.union_token.span, "`Model` cannot be derived for unions"),
    }
}

/// The value of `#[serde(default)]` (`Default::default()`) or `#[serde(default = "path")]`
/// (`path()`); with a `#[model(default)]` too, an error at the second of the two.
fn serde_default_value(
    cx: &mut Ctxt,
    raw: &FieldAttrs,
    serde: SerdeDefault,
) -> Option<FieldDefault> {
    if let Some(model) = &raw.default {
        let span = if serde.attr > model.attr {
            serde.span
        } else {
            model.span
        };
        cx.error(
            span,
            "`default` is given by both `#[model(...)]` and `#[serde(...)]`: keep one",
        );
        return None;
    }
    Some(match serde.path {
        Some(path) => FieldDefault::Call(path),
        None => FieldDefault::Trait(serde.span),
    })
}

/// `flatten` needs a nested model, at most one per model, and no other serde attribute that
/// names the field's own key or value.
fn check_flatten(cx: &mut Ctxt, field: &Field<'_>, serde: &SerdeField, seen: &mut Option<String>) {
    let Some(span) = serde.flatten else {
        return;
    };
    if field.nested.is_none() {
        cx.error(
            span,
            format!(
                "`flatten` applies to a model held by the field: mark `{}` `#[model(nested)]`",
                field.name
            ),
        );
    }
    match seen {
        Some(first) => cx.error(
            span,
            format!("a model can flatten one field only, and `{first}` is flattened already"),
        ),
        None => *seen = Some(field.name.clone()),
    }
    let others = [
        (!serde.aliases.is_empty(), "alias"),
        (
            serde.serialize_with.is_some() || serde.deserialize_with.is_some(),
            "with",
        ),
        (serde.skip_serializing_if.is_some(), "skip_serializing_if"),
        (
            serde.skip_serializing || serde.skip_deserializing.is_some(),
            "skip",
        ),
    ];
    for (_, other) in others.iter().filter(|(given, _)| *given) {
        cx.error(
            span,
            format!("`flatten` and `{other}` on one field: a flattened field has no key or value of its own"),
        );
    }
}

/// An alias that is already a key (or another alias) would make one key name two fields.
fn check_aliases(cx: &mut Ctxt, fields: &[Field<'_>], computed: &[Computed]) {
    let mut taken: Vec<(String, String)> = fields
        .iter()
        .filter(|f| f.stored() && f.serde.skip_deserializing.is_none())
        .map(|f| (f.key.clone(), format!("the key of `{}`", f.name)))
        .chain(
            computed
                .iter()
                .map(|c| (c.key.clone(), format!("the key of computed `{}`", c.name))),
        )
        .collect();
    for field in fields {
        for alias in &field.serde.aliases {
            let value = alias.value();
            match taken.iter().find(|(key, _)| *key == value) {
                Some((_, owner)) => cx.error(
                    alias.span(),
                    format!("alias \"{value}\" is already {owner}: one key reads one field"),
                ),
                None => taken.push((value, format!("an alias of `{}`", field.name))),
            }
        }
    }
}

/// Every option that would change a frozen model is an error, at the option.
fn frozen_field(cx: &mut Ctxt, frozen: &Ident, raw: &FieldAttrs) {
    if let Some(readonly) = &raw.readonly {
        cx.error(
            readonly.span(),
            "`readonly` on a field of a frozen model: every field of a frozen model is read-only; remove `readonly`",
        );
    }
    if let Some(on_set) = &raw.on_set {
        frozen_error(cx, frozen, on_set.hook.option.span(), "on_set");
    }
    if let Some(span) = raw.depends_on_span {
        frozen_error(cx, frozen, span, "depends_on");
    }
}

fn frozen_error(cx: &mut Ctxt, frozen: &Ident, span: Span, option: &str) {
    let _ = frozen;
    cx.error(
        span,
        format!("`{option}` on a frozen model: a `#[model(frozen)]` model never changes after construction; remove `{option}` or `frozen`"),
    );
}

/// A field named like the setter of another (`x` and `set_x`) would clash with it.
fn check_setter_names(cx: &mut Ctxt, fields: &[Field<'_>], computed: &[Computed]) {
    let settable = fields
        .iter()
        .filter(|f| f.stored())
        .map(|f| f.name.clone())
        .chain(
            computed
                .iter()
                .filter(|c| c.set.is_some())
                .map(|c| c.name.to_string().trim_start_matches("r#").to_owned()),
        );
    let setters: Vec<(String, String)> = settable.map(|n| (format!("set_{n}"), n)).collect();
    for field in fields {
        if let Some((_, of)) = setters.iter().find(|(setter, _)| *setter == field.name) {
            cx.error(
                field.ident.span(),
                format!("a field named `{}` would clash with the generated setter of `{of}`: rename the field", field.name),
            );
        }
    }
}

/// `depends_on(a, b)` names stored fields of the same model.
fn resolve_depends(cx: &mut Ctxt, fields: &mut [Field<'_>], depends: Vec<Vec<Ident>>) {
    let stored: Vec<(usize, String)> = fields
        .iter()
        .enumerate()
        .filter(|(_, f)| f.stored())
        .map(|(i, f)| (i, f.name.clone()))
        .collect();
    let names: Vec<&str> = stored.iter().map(|(_, n)| n.as_str()).collect();
    for (field, names_in) in fields.iter_mut().zip(depends) {
        let Role::Lazy { depends_on, .. } = &mut field.role else {
            continue;
        };
        for name in names_in {
            let text = name.to_string();
            let text = text.trim_start_matches("r#");
            match stored.iter().find(|(_, n)| n == text) {
                Some((index, _)) => {
                    if !depends_on.contains(index) {
                        depends_on.push(*index);
                    }
                }
                None => {
                    let hint = attr::did_you_mean(text, &names);
                    cx.error(
                        name.span(),
                        format!("`depends_on` names no stored field of this model: `{text}`{hint}"),
                    );
                }
            }
        }
    }
}

/// `track_changes` and the `model::Changes` field that keeps them go together.
fn check_changes<'a>(
    cx: &mut Ctxt,
    attrs: &StructAttrs,
    fields: &[Field<'a>],
) -> Option<&'a Ident> {
    let mut holders = fields.iter().filter(|f| matches!(f.role, Role::Changes));
    let first = holders.next();
    for extra in holders {
        cx.error(
            extra.ident.span(),
            "a model keeps its changes in one `Changes` field; remove this one",
        );
    }
    match (&attrs.track_changes, first) {
        (Some(track), None) => {
            cx.error(
                track.span(),
                "`track_changes` needs a field to keep the changes in: add `changes: model::Changes` to the struct",
            );
            None
        }
        (None, Some(field)) => {
            cx.error(
                field.ident.span(),
                "a `Changes` field records changes only with `#[model(track_changes)]` on the struct",
            );
            None
        }
        (Some(track), Some(field)) => {
            if let Some(frozen) = &attrs.frozen {
                frozen_error(cx, frozen, track.span(), "track_changes");
            }
            Some(field.ident)
        }
        (None, None) => None,
    }
}

fn check_computed(
    cx: &mut Ctxt,
    raw: Vec<attr::Computed>,
    fields: &[Field<'_>],
    first_index: usize,
    frozen: Option<&Ident>,
    rename_all: Option<&Case>,
) -> Vec<Computed> {
    let mut out: Vec<Computed> = Vec::new();
    for (i, computed) in raw.into_iter().enumerate() {
        let name = computed.name.to_string();
        let name = name.trim_start_matches("r#");
        if let Some(field) = fields.iter().find(|f| f.name == name || f.key == name) {
            cx.error(
                computed.name.span(),
                format!(
                    "computed field `{name}` clashes with the stored field `{}`: give it another name",
                    field.name
                ),
            );
        } else if out.iter().any(|c| c.name == computed.name) {
            cx.error(
                computed.name.span(),
                format!("duplicate computed field `{name}`"),
            );
        } else if RESERVED.contains(&name) {
            cx.error(
                computed.name.span(),
                format!("a computed field named `{name}` would clash with the generated `{name}()`: rename it"),
            );
        }
        if let (Some(frozen), Some(set)) = (frozen, &computed.set) {
            frozen_error(cx, frozen, set.option.span(), "set");
        }
        if let Some(set) = &computed.set {
            let generated = format!("set_{name}");
            if set
                .path
                .segments
                .last()
                .is_some_and(|s| s.ident == generated)
            {
                cx.error(
                    set.path.segments.last().map_or_else(|| set.option.span(), |s| s.ident.span()),
                    format!("`{generated}` is the setter the derive generates for `{name}`: give your function another name, such as `apply_{name}`"),
                );
            }
        }
        let key = rename_all.map_or_else(|| name.to_owned(), |case| case.apply(name));
        out.push(Computed {
            key,
            name: computed.name,
            ty: computed.ty,
            get: computed.get,
            set: computed.set.map(|hook| hook.path),
            index: first_index + i,
            secret: computed.secret == Some(true),
            secret_said: computed.secret.is_some(),
        });
    }
    out
}

/// Names of generated methods and associated functions, which a field cannot take.
pub const RESERVED: &[&str] = &[
    "new",
    "builder",
    "update",
    "meta",
    "validate",
    "validate_at",
    "get",
    "set",
    "fields",
    "changed_fields",
    "take_changes",
];

/// `rename_all` cases, from the Rust field name (snake_case).
pub enum Case {
    Lower,
    Upper,
    Camel,
    Pascal,
    Snake,
    ScreamingSnake,
    Kebab,
    ScreamingKebab,
}

impl Case {
    const NAMES: &'static [&'static str] = &[
        "lowercase",
        "UPPERCASE",
        "camelCase",
        "PascalCase",
        "snake_case",
        "SCREAMING_SNAKE_CASE",
        "kebab-case",
        "SCREAMING-KEBAB-CASE",
    ];

    fn parse(name: &str) -> Option<Case> {
        Some(match name {
            "lowercase" => Case::Lower,
            "UPPERCASE" => Case::Upper,
            "camelCase" => Case::Camel,
            "PascalCase" => Case::Pascal,
            "snake_case" => Case::Snake,
            "SCREAMING_SNAKE_CASE" => Case::ScreamingSnake,
            "kebab-case" => Case::Kebab,
            "SCREAMING-KEBAB-CASE" => Case::ScreamingKebab,
            _ => return None,
        })
    }

    pub fn apply(&self, field: &str) -> String {
        let words = field.split('_').filter(|w| !w.is_empty());
        let capitalized = |w: &str| {
            let mut chars = w.chars();
            chars
                .next()
                .map(|c| c.to_uppercase().chain(chars).collect::<String>())
                .unwrap_or_default()
        };
        match self {
            Case::Lower => field.replace('_', "").to_lowercase(),
            Case::Upper => field.replace('_', "").to_uppercase(),
            Case::Snake => field.to_owned(),
            Case::ScreamingSnake => field.to_uppercase(),
            Case::Kebab => field.replace('_', "-"),
            Case::ScreamingKebab => field.replace('_', "-").to_uppercase(),
            Case::Pascal => words.map(capitalized).collect(),
            Case::Camel => words
                .enumerate()
                .map(|(i, w)| if i == 0 { w.to_owned() } else { capitalized(w) })
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use syn::parse_quote;

    fn errors(input: &DeriveInput) -> Vec<String> {
        let mut cx = Ctxt::default();
        let raw = crate::attr::parse(&mut cx, input);
        match check(cx, input, raw) {
            Ok(_) => Vec::new(),
            Err(errors) => errors.into_iter().map(|e| e.to_string()).collect(),
        }
    }

    #[test]
    fn a_well_formed_struct_becomes_a_checked_model() {
        let input: DeriveInput = parse_quote! {
            #[model(name = "Server", rename_all = "camelCase")]
            struct Server {
                #[model(length(1..=64, message = "{min} to {max} characters"))]
                host_name: String,
                #[model(default = 3, range(1..=5))]
                tier: u8,
                #[model(secret, length(8..))]
                password: String,
            }
        };
        let mut cx = Ctxt::default();
        let raw = crate::attr::parse(&mut cx, &input);
        let Ok(model) = check(cx, &input, raw) else {
            panic!("{:?}", errors(&input))
        };
        assert_eq!(model.name, "Server");
        let keys: Vec<&str> = model.fields.iter().map(|f| f.key.as_str()).collect();
        assert_eq!(keys, ["hostName", "tier", "password"]);
        assert_eq!(model.fields[0].rules[0].name, "length");
        assert!(model.fields[1].default.is_some());
        assert!(model.fields[2].secret.is_some());
    }

    #[test]
    fn every_mistake_of_a_struct_is_reported_at_once() {
        let input: DeriveInput = parse_quote! {
            struct Server {
                #[model(lenght(1..=4))]
                name: String,
                #[model(range(5..=1))]
                cores: u8,
                #[model(default = 9, range(1..=5))]
                tier: u8,
                #[model(range(1..=5, message = "at most {maximum}"))]
                level: u8,
            }
        };
        let errors = errors(&input);
        assert_eq!(errors.len(), 4, "{errors:#?}");
        assert!(errors[0].contains("unknown rule `lenght`; did you mean `length`?"));
        assert!(errors[1].contains("inverted range"), "{}", errors[1]);
        assert!(errors[2].contains("the default `9` breaks the field's own rule `range(1..=5)`"));
        assert!(errors[3].contains("`{maximum}` in the message is not a parameter of `range`"));
    }
}
