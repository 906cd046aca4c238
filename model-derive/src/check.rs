//! Semantics: judges the raw attributes (the metaclass validating the class) and turns them into
//! checked values that `expand` can emit without further thought. Every mistake is reported at
//! its own tokens.

use crate::attr::{self, Assert, FieldAttrs, RawRange, RawRule, RuleKind, StructAttrs};
use crate::ctxt::Ctxt;
use crate::serde_attr::{self, SerdeDefault, SerdeField};
use proc_macro2::{Span, TokenStream, TokenTree};
use quote::{quote, quote_spanned, ToTokens};
use syn::spanned::Spanned;
use syn::{
    Data, DeriveInput, Fields, GenericArgument, Ident, LitStr, PathArguments, Type, Visibility,
};

pub struct Model<'a> {
    pub input: &'a DeriveInput,
    /// `#[model(crate = "...")]`: the path of a renamed `model` dependency.
    pub krate: Option<syn::Path>,
    pub name: String,
    pub doc: String,
    pub fields: Vec<Field<'a>>,
    pub checks: Vec<syn::Path>,
    pub asserts: Vec<Assert>,
    /// Whether to emit `Serialize` and `Deserialize` (when the `serde` feature is on).
    pub serde: bool,
    pub deny_unknown_fields: bool,
    /// `#[model(frozen)]`: no setters, no `update`, no set-by-name.
    pub frozen: bool,
    /// The field that keeps the changes (`#[model(track_changes)]`).
    pub changes: Option<&'a Ident>,
    /// `#[model(on_change = ...)]`, run after every committed change.
    pub on_change: Option<syn::Path>,
    pub computed: Vec<Computed>,
}

/// A computed field: `#[model(computed(name: Type = getter, set = setter))]`.
pub struct Computed {
    pub name: Ident,
    /// The external name: in the metadata, serialized keys and set-by-name (`rename_all`).
    pub key: String,
    pub ty: Type,
    pub get: syn::Path,
    pub set: Option<syn::Path>,
    /// Its index in the metadata's fields.
    pub index: usize,
    /// `secret`: redacted by name, as a secret field is.
    pub secret: bool,
    /// Whether its declaration says whether it is secret (`secret` or `secret = false`).
    pub secret_said: bool,
}

/// What a struct field is to the model.
pub enum Role<'a> {
    /// Data: constructed, validated, set, serialized.
    Stored,
    /// A `model::Lazy<T>`, computed by `load` on first access.
    Lazy {
        load: syn::Path,
        /// `T`.
        inner: &'a Type,
        /// The stored fields (indices into `Model::fields`) whose change resets it.
        depends_on: Vec<usize>,
    },
    /// The `model::Changes` of `#[model(track_changes)]`.
    Changes,
}

/// `on_set`: the hook, and whether it also runs on construction.
pub struct OnSet {
    pub path: syn::Path,
    pub init: bool,
}

pub struct Field<'a> {
    pub ident: &'a Ident,
    /// The name without `r#`: in paths, metadata and method names.
    pub name: String,
    /// The external name: in paths, metadata, serialized keys (`rename`, `rename_all`).
    pub key: String,
    pub ty: &'a Type,
    /// `T` for `Option<T>`, else the field type: what the rules check.
    pub target: &'a Type,
    pub optional: bool,
    /// Numbers, `bool` and `char`: returned by value, taken as their exact type.
    pub primitive: bool,
    pub rules: Vec<Rule>,
    pub readonly: bool,
    pub default: Option<TokenStream>,
    pub secret: bool,
    /// Whether its declaration says whether it is secret (`secret` or `secret = false`).
    pub secret_said: bool,
    /// The field holds models (`#[model(nested)]`): deserialized and revalidated as a whole,
    /// their violations reported under this field's path. The span of `nested`, where a field
    /// that holds no models is reported.
    pub nested: Option<Span>,
    pub doc: String,
    pub role: Role<'a>,
    pub on_set: Option<OnSet>,
    /// What the field's `#[serde(...)]` asks of the generated serde impls.
    pub serde: SerdeField,
    /// Its index in the metadata's fields (every field but the `Changes` one).
    pub index: usize,
    /// Where its `pub` (or `pub(crate)`...) is, if it has one.
    pub public: Option<Span>,
}

pub struct Rule {
    pub span: Span,
    /// Whether the rule's value is a constant (a built-in rule with literal arguments): it is
    /// then built at compile time, into static memory.
    pub constant: bool,
    pub name: String,
    pub source: String,
    pub message: Option<LitStr>,
    pub kind: Kind,
}

pub enum Kind {
    /// A rule value, built by this expression.
    Value(TokenStream),
    /// A regular expression, compiled once into a `static`.
    Pattern(LitStr),
    Each(Vec<Rule>),
    Keys(Vec<Rule>),
    Values(Vec<Rule>),
}

impl Field<'_> {
    pub fn validated(&self) -> bool {
        !self.rules.is_empty() || self.nested.is_some()
    }

    pub fn stored(&self) -> bool {
        matches!(self.role, Role::Stored)
    }

    /// Settable after construction: a stored field that is not read-only.
    pub fn writable(&self) -> bool {
        self.stored() && !self.readonly
    }
}

impl Model<'_> {
    /// The data fields, in declaration order.
    pub fn stored(&self) -> impl Iterator<Item = &Field<'_>> {
        self.fields.iter().filter(|f| f.stored())
    }

    /// Whether a change needs the bits of the fields it changed: to record them, to tell
    /// `on_change`, or to reset the lazy fields that depend on them.
    pub fn tracks(&self) -> bool {
        self.changes.is_some()
            || self.on_change.is_some()
            || self
                .fields
                .iter()
                .any(|f| matches!(&f.role, Role::Lazy { depends_on, .. } if !depends_on.is_empty()))
    }
}

pub fn check(input: &DeriveInput) -> Result<Model<'_>, syn::Error> {
    let mut cx = Ctxt::default();
    let attrs = attr::parse_struct_attrs(&mut cx, &input.attrs);
    let named = match &input.data {
        Data::Struct(data) => match &data.fields {
            Fields::Named(fields) => fields.named.iter().collect(),
            Fields::Unit => Vec::new(),
            Fields::Unnamed(fields) => {
                cx.error(
                    fields.paren_token.span.join(),
                    "tuple structs cannot be models: name the fields, so that errors and getters can name them",
                );
                Vec::new()
            }
        },
        Data::Enum(data) => {
            cx.error(
                data.enum_token.span,
                "`Model` is derived for structs with named fields, not enums: derive it on the struct of each variant",
            );
            Vec::new()
        }
        Data::Union(data) => {
            cx.error(
                data.union_token.span,
                "`Model` cannot be derived for unions",
            );
            Vec::new()
        }
    };

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
    // With `serde = false`, `#[serde(...)]` belongs to the user's own serde derive.
    let serde = attrs.serde.as_ref().is_none_or(|b| b.value);
    if serde {
        serde_attr::refuse_struct_attrs(&mut cx, &input.attrs);
    }
    let mut flattened: Option<String> = None;
    let mut fields = Vec::new();
    let mut depends = Vec::new();
    for field in named {
        let ident = field.ident.as_ref().expect("named field");
        let mut raw = attr::parse_field_attrs(&mut cx, &field.attrs);
        let renamed = raw.rename.is_some();
        depends.push(std::mem::take(&mut raw.depends_on));
        if let Some(frozen) = frozen {
            frozen_field(&mut cx, frozen, &raw);
        }
        let serde_attrs = serde.then(|| serde_attr::parse_field_attrs(&mut cx, &field.attrs));
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
    check_aliases(&mut cx, &fields, &computed);
    if let (Some(frozen), Some(on_change)) = (frozen, &attrs.on_change) {
        frozen_error(&mut cx, frozen, on_change.option.span(), "on_change");
    }
    if let Some(name) = &attrs.name {
        if name.value().is_empty() {
            cx.error(name.span(), "the model name cannot be empty");
        }
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
        deny_unknown_fields: attrs.allow_unknown_fields.is_none(),
        frozen: frozen.is_some(),
        changes,
        on_change: attrs.on_change.map(|hook| hook.path),
        computed,
    })
    .and_then(|model| {
        let mut cx = Ctxt::default();
        let count = model.fields.len() - usize::from(model.changes.is_some()) + model.computed.len();
        if model.tracks() && count > 64 {
            cx.error(
                model.input.ident.span(),
                format!("change tracking, `on_change` and `depends_on` handle at most 64 fields; this model has {count}"),
            );
        }
        cx.finish().map(|()| model)
    })
}

/// The value of `#[serde(default)]` (`Default::default()`) or `#[serde(default = "path")]`
/// (`path()`); with a `#[model(default)]` too, an error at the second of the two.
fn serde_default_value(
    cx: &mut Ctxt,
    raw: &FieldAttrs,
    serde: SerdeDefault,
) -> Option<TokenStream> {
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
        Some(path) => quote_spanned!(path.span()=> #path()),
        None => quote_spanned!(serde.span=> ::core::default::Default::default()),
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

fn check_field<'a>(
    cx: &mut Ctxt,
    field: &'a syn::Field,
    ident: &'a Ident,
    raw: FieldAttrs,
    has_checks: bool,
) -> Field<'a> {
    let name = ident.to_string().trim_start_matches("r#").to_owned();
    let key = match &raw.rename {
        Some(lit) if lit.value().is_empty() => {
            cx.error(lit.span(), "a field cannot be renamed to an empty name");
            name.clone()
        }
        Some(lit) => lit.value(),
        None => name.clone(),
    };
    let (target, optional) = match option_inner(&field.ty) {
        Some(inner) => (inner, true),
        None => (&field.ty, false),
    };
    if RESERVED.contains(&name.as_str()) {
        cx.error(
            ident.span(),
            format!("a field named `{name}` would clash with the generated `{name}()`: rename the field"),
        );
    }
    check_default(cx, &raw);
    let role = check_role(cx, field, ident, &raw);
    let stored = matches!(role, Role::Stored);
    if let (Some(on_set), Some(readonly)) = (&raw.on_set, &raw.readonly) {
        cx.error(
            on_set.hook.option.span(),
            format!("`on_set` on read-only field `{name}`: it is never set after construction; remove `on_set` or `readonly`"),
        );
        let _ = readonly;
    }
    let rules = check_rules(cx, raw.rules);
    let readonly = raw.readonly.is_some();
    let public = (!matches!(field.vis, Visibility::Inherited)).then(|| {
        field
            .vis
            .to_token_stream()
            .into_iter()
            .next()
            .map_or_else(|| ident.span(), |t| t.span())
    });
    if stored && (!rules.is_empty() || has_checks) {
        check_interior_mutability(cx, &field.ty, &name, rules.first().map(|r| r.span));
    }
    if let (true, Some(span)) = (stored, public) {
        if !rules.is_empty() {
            cx.error(
                span,
                format!("validated field `{name}` is `pub`: make it private; `{name}()` and `set_{name}()` are generated"),
            );
        } else if readonly {
            cx.error(
                span,
                format!(
                    "read-only field `{name}` is `pub`: make it private; `{name}()` is generated"
                ),
            );
        } else if has_checks {
            cx.error(
                span,
                format!(
                    "field `{name}` is `pub`, but the struct-level checks must hold after every change: \
                     make it private; `{name}()` and `set_{name}()` are generated"
                ),
            );
        }
    }
    Field {
        ident,
        key,
        name,
        ty: &field.ty,
        target,
        optional,
        primitive: is_primitive(&field.ty),
        rules,
        readonly,
        default: raw.default.map(|d| {
            d.value
                .unwrap_or_else(|| quote!(::core::default::Default::default()))
        }),
        secret: raw.secret.is_some(),
        secret_said: raw.secret.is_some() || raw.not_secret.is_some(),
        nested: raw.nested.map(|nested| nested.span()),
        doc: doc_text(&field.attrs),
        role,
        on_set: raw.on_set.map(|on_set| OnSet {
            path: on_set.hook.path,
            init: on_set.init.is_some(),
        }),
        serde: SerdeField::default(),
        index: 0,
        public,
    }
}

/// In a model with secret fields, lazy and computed fields say whether they are secret: the
/// derive cannot tell whether their functions read a secret, and a value computed from one would
/// otherwise show by name.
fn check_derived_secrets(cx: &mut Ctxt, fields: &[Field<'_>], computed: &[Computed]) {
    let Some(secret) = fields.iter().find(|f| f.secret && f.stored()) else {
        return;
    };
    let say = "say whether it is secret: `secret` if it is computed from a secret, `secret = false` if not";
    for field in fields {
        if matches!(field.role, Role::Lazy { .. }) && !field.secret_said {
            cx.error(
                field.ident.span(),
                format!(
                    "lazy field `{}` is in a model with the secret field `{}`: {say}",
                    field.name, secret.name
                ),
            );
        }
    }
    for c in computed.iter().filter(|c| !c.secret_said) {
        cx.error(
            c.name.span(),
            format!(
                "computed field `{}` is in a model with the secret field `{}`: {say}",
                c.name, secret.name
            ),
        );
    }
}

/// Types whose value can change behind a shared reference (`&self`): a rule or a struct check
/// that reads one would hold when checked and not later, since a getter hands out `&T`.
const INTERIOR_MUTABILITY: &[&str] = &[
    "Cell",
    "RefCell",
    "UnsafeCell",
    "OnceCell",
    "OnceLock",
    "Mutex",
    "RwLock",
    "ReentrantLock",
];

/// A field under a rule, or in a model with struct checks, whose type (or a type inside it) is
/// one of [`INTERIOR_MUTABILITY`] or an atomic, recognised by name.
fn check_interior_mutability(cx: &mut Ctxt, ty: &Type, name: &str, rule: Option<Span>) {
    fn find(tokens: TokenStream) -> Option<Ident> {
        tokens.into_iter().find_map(|tree| match tree {
            TokenTree::Ident(ident) => {
                let text = ident.to_string();
                // `AtomicU32`, `AtomicBool`...: not `Atomicity`.
                let atomic = text
                    .strip_prefix("Atomic")
                    .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_uppercase()));
                (INTERIOR_MUTABILITY.contains(&text.as_str()) || atomic).then_some(ident)
            }
            TokenTree::Group(group) => find(group.stream()),
            _ => None,
        })
    }
    let Some(found) = find(ty.to_token_stream()) else {
        return;
    };
    let under = if rule.is_some() {
        "its rules"
    } else {
        "the struct-level checks"
    };
    cx.error(
        found.span(),
        format!(
            "field `{name}` holds a `{found}`, which can change through the `&` that its getter returns, \
             without {under} seeing it: keep the value itself in the field, and change it through the setter"
        ),
    );
}

/// Public fields that are not validated but still must change only through the model: those
/// with an `on_set` hook, those a lazy field depends on, every field of a `track_changes` model,
/// and the lazy and `Changes` fields themselves. (Validated and read-only fields are reported by
/// `check_field`.)
fn check_public(cx: &mut Ctxt, fields: &[Field<'_>], tracked: bool, has_checks: bool) {
    for (position, field) in fields.iter().enumerate() {
        let Some(span) = field.public else { continue };
        let name = &field.name;
        let fix = format!("make it private; `{name}()` and `set_{name}()` are generated");
        let why = match &field.role {
            Role::Stored if !field.rules.is_empty() || field.readonly || has_checks => continue,
            Role::Stored => {
                let dependent = fields.iter().find(|f| {
                    matches!(&f.role, Role::Lazy { depends_on, .. } if depends_on.contains(&position))
                });
                if field.on_set.is_some() {
                    format!("field `{name}` is `pub`, but its `on_set` hook must run on every change: {fix}")
                } else if let Some(lazy) = dependent {
                    format!(
                        "field `{name}` is `pub`, but lazy field `{}` depends on it and must be reset when it changes: {fix}",
                        lazy.name
                    )
                } else if tracked {
                    format!("field `{name}` is `pub`, but `track_changes` must record every change: {fix}")
                } else {
                    continue;
                }
            }
            Role::Lazy { .. } => format!(
                "lazy field `{name}` is `pub`: assigning it would skip its `lazy` function; make it private; `{name}()` is generated"
            ),
            Role::Changes => format!(
                "the `Changes` field `{name}` is `pub`: assigning it would rewrite the change record; \
                 make it private; `changed_fields()` and `take_changes()` are generated"
            ),
        };
        cx.error(span, why);
    }
}

/// A `Lazy<T>` field with `lazy = ...`, the `Changes` field, or data.
fn check_role<'a>(
    cx: &mut Ctxt,
    field: &'a syn::Field,
    ident: &Ident,
    raw: &FieldAttrs,
) -> Role<'a> {
    let name = ident.to_string();
    let last = last_segment(&field.ty);
    let is_lazy_type = last.is_some_and(|s| s.ident == "Lazy");
    let is_changes_type = last.is_some_and(|s| s.ident == "Changes" && s.arguments.is_none());
    if let Some(lazy) = &raw.lazy {
        let inner = last.and_then(|s| match &s.arguments {
            PathArguments::AngleBracketed(args) if args.args.len() == 1 => match &args.args[0] {
                GenericArgument::Type(inner) => Some(inner),
                _ => None,
            },
            _ => None,
        });
        let Some(inner) = inner.filter(|_| is_lazy_type) else {
            cx.error(
                lazy.hook.option.span(),
                format!(
                    "`lazy` needs a field of type `model::Lazy<T>`, which caches the value; `{name}` is a `{}`",
                    field.ty.to_token_stream().to_string().replace(' ', "")
                ),
            );
            return Role::Stored;
        };
        let misplaced = [
            raw.rules
                .first()
                .map(|r| (r.ident.span(), r.ident.to_string())),
            raw.readonly.as_ref().map(|i| (i.span(), i.to_string())),
            raw.nested.as_ref().map(|i| (i.span(), i.to_string())),
            raw.on_set
                .as_ref()
                .map(|o| (o.hook.option.span(), o.hook.option.to_string())),
            raw.default
                .as_ref()
                .map(|_| (lazy.hook.option.span(), "default".to_owned())),
        ];
        for (span, option) in misplaced.into_iter().flatten() {
            cx.error(
                span,
                format!("`{option}` does not apply to lazy field `{name}`: it is computed by its `lazy` function, never set"),
            );
        }
        let bare = name.trim_start_matches("r#");
        if let Some(last) = lazy.hook.path.segments.last() {
            if last.ident == bare {
                cx.error(
                    last.ident.span(),
                    format!("`{bare}()` is the getter the derive generates for lazy field `{bare}`: give the function that computes it another name, such as `load_{bare}`"),
                );
            }
        }
        return Role::Lazy {
            load: lazy.hook.path.clone(),
            inner,
            depends_on: Vec::new(),
        };
    }
    if let Some(span) = raw.depends_on_span {
        cx.error(
            span,
            format!("`depends_on` applies to a lazy field (`#[model(lazy = ...)]`); `{name}` is not one"),
        );
    }
    if is_lazy_type {
        cx.error(
            ident.span(),
            format!("lazy field `{name}` needs the function that computes it: `#[model(lazy = Self::load_{name})]`"),
        );
    }
    if is_changes_type {
        let options = [
            raw.rules.first().map(|r| r.ident.span()),
            raw.readonly.as_ref().map(Ident::span),
            raw.secret.as_ref().map(Ident::span),
            raw.nested.as_ref().map(Ident::span),
            raw.on_set.as_ref().map(|o| o.hook.option.span()),
            raw.rename.as_ref().map(LitStr::span),
            raw.default.as_ref().map(|_| ident.span()),
        ];
        for span in options.into_iter().flatten() {
            cx.error(
                span,
                "the `Changes` field is the model's bookkeeping: it takes no rules or options",
            );
        }
        return Role::Changes;
    }
    Role::Stored
}

fn last_segment(ty: &Type) -> Option<&syn::PathSegment> {
    match ty {
        Type::Path(path) if path.qself.is_none() => path.path.segments.last(),
        _ => None,
    }
}

/// Duplicates and conflicts at one level, then each rule.
fn check_rules(cx: &mut Ctxt, raw: Vec<RawRule>) -> Vec<Rule> {
    let mut seen: Vec<&Ident> = Vec::new();
    for rule in &raw {
        if let Some(first) = seen.iter().find(|s| **s == &rule.ident) {
            cx.error(
                rule.ident.span(),
                format!("duplicate rule `{first}`: merge the two into one `{first}(...)`"),
            );
        }
        for (a, b, why) in CONFLICTS {
            if rule.ident == b {
                if seen.iter().any(|s| *s == a) {
                    cx.error(
                        rule.ident.span(),
                        format!("conflicting rules `{a}` and `{b}`: {why}"),
                    );
                }
            } else if rule.ident == a && seen.iter().any(|s| *s == b) {
                cx.error(
                    rule.ident.span(),
                    format!("conflicting rules `{b}` and `{a}`: {why}"),
                );
            }
        }
        seen.push(&rule.ident);
    }
    raw.into_iter()
        .filter_map(|rule| check_rule(cx, rule))
        .collect()
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

const CONFLICTS: &[(&str, &str, &str)] = &[
    (
        "positive",
        "non_negative",
        "`positive` already implies `non_negative`; keep one",
    ),
    (
        "non_empty",
        "length",
        "`length` already bounds the length; use `length(1..)` for non-empty",
    ),
    (
        "email",
        "url",
        "a value cannot be both an email address and a URL",
    ),
];

fn check_rule(cx: &mut Ctxt, rule: RawRule) -> Option<Rule> {
    let span = rule.ident.span();
    // Every generated token at the rule's name, so that rustc reports a rule that does not fit
    // the field's type there.
    let p = quote_spanned!(span=> ::model::__private::rules);
    let text = quote_spanned!(span=> ::model::__private::as_text);
    let constant = match &rule.kind {
        RuleKind::Range(range) => [&range.lo, &range.hi]
            .into_iter()
            .all(|bound| bound.as_ref().is_none_or(|t| literal_number(t).is_some())),
        RuleKind::OneOf(values) => values.iter().all(is_literal),
        RuleKind::Check(_) | RuleKind::With(_) => false,
        _ => true,
    };
    let kind = match rule.kind {
        RuleKind::Range(range) => {
            let (lo, hi) = check_range(cx, &range, "range", span)?;
            Kind::Value(quote_spanned!(span=> #p::Range::new(#lo, #hi)))
        }
        RuleKind::Length { bytes, range } => {
            let (min, max) = check_length(cx, &range, span)?;
            match bytes {
                Some(_) => Kind::Value(quote_spanned!(span=> #p::ByteLength::new(#min, #max))),
                None => Kind::Value(quote_spanned!(span=> #p::Length::new(#min, #max))),
            }
        }
        RuleKind::NonNegative => Kind::Value(quote_spanned!(span=> #p::NonNegative)),
        RuleKind::Positive => Kind::Value(quote_spanned!(span=> #p::Positive)),
        RuleKind::NonEmpty => Kind::Value(quote_spanned!(span=> #p::NonEmpty)),
        // Text rules go through `as_text`, so that a field that is not text is reported as such.
        RuleKind::Ascii => Kind::Value(quote_spanned!(span=> #text(#p::Ascii))),
        RuleKind::Alphanumeric => Kind::Value(quote_spanned!(span=> #text(#p::Alphanumeric))),
        RuleKind::Email => {
            needs_feature(cx, cfg!(feature = "email"), "email", span)?;
            Kind::Value(quote_spanned!(span=> #text(#p::Email)))
        }
        RuleKind::Url => {
            needs_feature(cx, cfg!(feature = "url"), "url", span)?;
            Kind::Value(quote_spanned!(span=> #text(#p::Url)))
        }
        RuleKind::Prefix(lit) => Kind::Value(quote_spanned!(span=> #text(#p::Prefix::new(#lit)))),
        RuleKind::Suffix(lit) => Kind::Value(quote_spanned!(span=> #text(#p::Suffix::new(#lit)))),
        RuleKind::Contains(lit) => {
            Kind::Value(quote_spanned!(span=> #text(#p::Contains::new(#lit))))
        }
        RuleKind::Pattern(lit) => {
            if !check_pattern(cx, &lit, span) {
                return None;
            }
            Kind::Pattern(lit)
        }
        RuleKind::OneOf(values) => {
            if values.is_empty() {
                cx.error(
                    span,
                    "`one_of` needs at least one value: `one_of(\"a\", \"b\")`",
                );
                return None;
            }
            Kind::Value(quote_spanned!(span=> #p::OneOf::new(&[#(#values),*])))
        }
        RuleKind::Each(inner) | RuleKind::Keys(inner) | RuleKind::Values(inner)
            if inner.is_empty() =>
        {
            cx.error(
                span,
                format!(
                    "`{}` needs at least one rule, as in `{}(length(1..=32))`",
                    rule.ident, rule.ident
                ),
            );
            return None;
        }
        RuleKind::Each(inner) => Kind::Each(check_rules(cx, inner)),
        RuleKind::Keys(inner) => Kind::Keys(check_rules(cx, inner)),
        RuleKind::Values(inner) => Kind::Values(check_rules(cx, inner)),
        RuleKind::Check(path) => Kind::Value(quote_spanned!(span=> #p::Check(#path))),
        RuleKind::With(value) => Kind::Value(value),
    };
    let name = rule.ident.to_string();
    if let Some(message) = &rule.message {
        check_placeholders(cx, &name, message);
    }
    Some(Rule {
        span,
        constant,
        name,
        source: rule.source,
        message: rule.message,
        kind,
    })
}

/// A literal default that the field's own `range`, `non_negative` or `positive` refuses would
/// fail every construction that leaves the field out: refused at the default.
fn check_default(cx: &mut Ctxt, raw: &FieldAttrs) {
    let Some(tokens) = raw.default.as_ref().and_then(|d| d.value.as_ref()) else {
        return;
    };
    let Some(value) = literal_number(tokens) else {
        return;
    };
    for rule in &raw.rules {
        let refused = match (&rule.kind, rule.ident.to_string().as_str()) {
            (RuleKind::Range(range), _) => {
                let lo = range.lo.as_ref().and_then(literal_number);
                let hi = range.hi.as_ref().and_then(literal_number);
                lo.is_some_and(|lo| value < lo)
                    || hi.is_some_and(|hi| {
                        if range.inclusive {
                            value > hi
                        } else {
                            value >= hi
                        }
                    })
            }
            (_, "non_negative") => value < 0.0,
            (_, "positive") => value <= 0.0,
            _ => false,
        };
        if refused {
            let source = if rule.source.is_empty() {
                rule.ident.to_string()
            } else {
                format!("{}({})", rule.ident, rule.source)
            };
            cx.error(
                tokens
                    .clone()
                    .into_iter()
                    .next()
                    .map_or_else(Span::call_site, |t| t.span()),
                format!(
                    "the default `{tokens}` breaks the field's own rule `{source}`: every value \
                     built without this field would be refused; choose a default the rules allow"
                ),
            );
            return;
        }
    }
}

/// The parameters each built-in rule reports: what a custom message may name in braces.
const PARAMETERS: &[(&str, &[&str])] = &[
    (
        "range",
        &["min", "max", "exclusive_min", "exclusive_max", "value"],
    ),
    ("length", &["min", "max", "unit", "length"]),
    ("non_negative", &["value"]),
    ("positive", &["value"]),
    ("one_of", &["allowed", "value"]),
    ("pattern", &["pattern"]),
    ("prefix", &["prefix"]),
    ("suffix", &["suffix"]),
    ("contains", &["substring"]),
    ("non_empty", &[]),
    ("ascii", &[]),
    ("alphanumeric", &[]),
    ("email", &[]),
    ("url", &[]),
];

/// A `{name}` in a built-in rule's custom message that the rule has no parameter for would
/// show as written: refused at the message, with the names it may use.
fn check_placeholders(cx: &mut Ctxt, rule: &str, message: &LitStr) {
    let Some((_, known)) = PARAMETERS.iter().find(|(name, _)| *name == rule) else {
        return;
    };
    let text = message.value();
    let mut rest = text.as_str();
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else { break };
        let name = &after[..close];
        let is_name =
            !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
        if is_name && !known.contains(&name) {
            let names = if known.is_empty() {
                format!("`{rule}` has no parameters")
            } else {
                format!(
                    "the parameters of `{rule}` are {}",
                    known
                        .iter()
                        .map(|k| format!("`{{{k}}}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            };
            let hint = crate::attr::did_you_mean(name, known);
            cx.error(
                message.span(),
                format!(
                    "`{{{name}}}` in the message is not a parameter of `{rule}`{hint}; {names}"
                ),
            );
            return;
        }
        rest = &after[close + 1..];
    }
}

/// A number written as a literal, possibly negative, for compile-time comparisons.
/// Whether `lit` is a valid regular expression, reporting it if not.
#[cfg(feature = "regex")]
fn check_pattern(cx: &mut Ctxt, lit: &LitStr, _: Span) -> bool {
    match regex_syntax::Parser::new().parse(&lit.value()) {
        Ok(_) => check_pattern_size(cx, lit),
        Err(error) => {
            let reason = match &error {
                regex_syntax::Error::Parse(e) => e.kind().to_string(),
                regex_syntax::Error::Translate(e) => e.kind().to_string(),
                other => other.to_string(),
            };
            cx.error(lit.span(), format!("invalid regular expression: {reason}"));
            false
        }
    }
}

/// Whether `lit` builds as the `regex` crate builds it at run time (`Regex::new`: the same
/// engine, configuration and size limit), reporting it if not: a pattern that parses can still
/// compile to more than the limit (`a{99999999}`), and would then fail every value.
#[cfg(feature = "regex")]
fn check_pattern_size(cx: &mut Ctxt, lit: &LitStr) -> bool {
    use regex_automata::meta;
    use regex_automata::util::syntax;
    // `regex`'s defaults (`RegexBuilder::new`), which `Pattern` uses.
    const SIZE_LIMIT: usize = 10 * (1 << 20);
    let config = meta::Config::new()
        .nfa_size_limit(Some(SIZE_LIMIT))
        .match_kind(regex_automata::MatchKind::LeftmostFirst)
        .utf8_empty(true);
    let built = meta::Builder::new()
        .configure(config)
        .syntax(syntax::Config::new().utf8(true))
        .build(&lit.value());
    match built {
        Ok(_) => true,
        Err(error) => {
            let reason = match error.size_limit() {
                Some(limit) => format!(
                    "regular expression too large: it compiles to more than the {} MiB that \
                     `regex` allows; shorten its repetitions",
                    limit >> 20
                ),
                None => format!("regular expression that cannot be built: {error}"),
            };
            cx.error(lit.span(), reason);
            false
        }
    }
}

/// A rule whose feature of `model` is off is an error that says how to turn it on (rather than
/// a missing item in hidden code).
fn needs_feature(cx: &mut Ctxt, on: bool, feature: &str, span: Span) -> Option<()> {
    if on {
        return Some(());
    }
    cx.error(
        span,
        format!(
            "`{feature}` needs the `{feature}` feature of `valid-model` (the `model` crate): \
             add `features = [\"{feature}\"]` to its line in `Cargo.toml`"
        ),
    );
    None
}

/// Without the `regex` feature, `pattern` is an error that says how to get it.
#[cfg(not(feature = "regex"))]
fn check_pattern(cx: &mut Ctxt, _: &LitStr, span: Span) -> bool {
    cx.error(
        span,
        "`pattern` needs the `regex` feature of `valid-model` (the `model` crate), which is on \
         by default: add `features = [\"regex\"]` to its line in `Cargo.toml`",
    );
    false
}

/// A literal (`"a"`, `3`, `-1.5`, `'c'`, `true`), as a constant expression is sure to be.
fn is_literal(tokens: &TokenStream) -> bool {
    let trees: Vec<TokenTree> = tokens.clone().into_iter().collect();
    match trees.as_slice() {
        [TokenTree::Literal(_)] => true,
        [TokenTree::Punct(p), TokenTree::Literal(_)] => p.as_char() == '-',
        [TokenTree::Ident(i)] => i == "true" || i == "false",
        _ => false,
    }
}

fn literal_number(tokens: &TokenStream) -> Option<f64> {
    let trees: Vec<TokenTree> = tokens.clone().into_iter().collect();
    let (negative, lit) = match trees.as_slice() {
        [TokenTree::Punct(p), TokenTree::Literal(lit)] if p.as_char() == '-' => (true, lit),
        [TokenTree::Literal(lit)] => (false, lit),
        _ => return None,
    };
    let value = match syn::Lit::new(lit.clone()) {
        syn::Lit::Int(int) => int.base10_digits().parse::<f64>().ok()?,
        syn::Lit::Float(float) => float.base10_digits().parse::<f64>().ok()?,
        _ => return None,
    };
    Some(if negative { -value } else { value })
}

fn check_range(
    cx: &mut Ctxt,
    range: &RawRange,
    rule: &str,
    span: Span,
) -> Option<(TokenStream, TokenStream)> {
    let b = quote_spanned!(span=> ::model::__private::Bound);
    if range.lo.is_none() && range.hi.is_none() {
        range_error(
            cx,
            range,
            format!("`{rule}(..)` has no bounds: give at least one, as in `{rule}(0..)`"),
        );
        return None;
    }
    if range.inclusive && range.hi.is_none() {
        range_error(
            cx,
            range,
            "`..=` needs an upper bound: write `lo..` for no upper bound",
        );
        return None;
    }
    if let (Some(lo), Some(hi)) = (&range.lo, &range.hi) {
        if let (Some(l), Some(h)) = (literal_number(lo), literal_number(hi)) {
            if l > h {
                range_error(
                    cx,
                    range,
                    format!(
                        "inverted range: the lower bound {l} is greater than the upper bound {h}"
                    ),
                );
                return None;
            }
            if l == h && !range.inclusive {
                range_error(cx, range, format!("empty range: no value is at least {l} and less than {h}; write `{l}..={h}` for exactly {l}"));
                return None;
            }
        }
    }
    let lo = match &range.lo {
        Some(lo) => quote_spanned!(span=> #b::Included(#lo)),
        None => quote_spanned!(span=> #b::Unbounded),
    };
    let hi = match (&range.hi, range.inclusive) {
        (Some(hi), true) => quote_spanned!(span=> #b::Included(#hi)),
        (Some(hi), false) => quote_spanned!(span=> #b::Excluded(#hi)),
        (None, _) => quote_spanned!(span=> #b::Unbounded),
    };
    Some((lo, hi))
}

fn check_length(cx: &mut Ctxt, range: &RawRange, span: Span) -> Option<(TokenStream, TokenStream)> {
    check_range(cx, range, "length", span)?;
    for bound in [&range.lo, &range.hi].into_iter().flatten() {
        if let Some(n) = literal_number(bound) {
            if n < 0.0 || n.fract() != 0.0 {
                cx.push(syn::Error::new_spanned(
                    bound,
                    format!("a length is a whole number of zero or more, not {n}"),
                ));
                return None;
            }
        }
    }
    if let Some(hi) = &range.hi {
        if !range.inclusive && literal_number(hi) == Some(0.0) {
            range_error(cx, range, "empty range: no length is less than 0");
            return None;
        }
    }
    let min = match &range.lo {
        Some(lo) => quote!(#lo),
        None => quote_spanned!(span=> 0),
    };
    let max = match (&range.hi, range.inclusive) {
        (Some(hi), true) => quote!(#hi),
        (Some(hi), false) => quote_spanned!(span=> (#hi) - 1),
        (None, _) => quote_spanned!(span=> ::core::primitive::usize::MAX),
    };
    Some((min, max))
}

/// An error that underlines the whole range, from its first token to its last.
fn range_error(cx: &mut Ctxt, range: &RawRange, message: impl std::fmt::Display) {
    cx.push(if range.tokens.is_empty() {
        syn::Error::new(range.span, message)
    } else {
        syn::Error::new_spanned(&range.tokens, message)
    });
}

fn option_inner(ty: &Type) -> Option<&Type> {
    let Type::Path(path) = ty else { return None };
    if path.qself.is_some() {
        return None;
    }
    let segments: Vec<String> = path
        .path
        .segments
        .iter()
        .map(|s| s.ident.to_string())
        .collect();
    let is_option = matches!(
        segments
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>()
            .as_slice(),
        ["Option"] | ["std" | "core", "option", "Option"]
    );
    if !is_option {
        return None;
    }
    match &path.path.segments.last()?.arguments {
        PathArguments::AngleBracketed(args) if args.args.len() == 1 => match &args.args[0] {
            GenericArgument::Type(inner) => Some(inner),
            _ => None,
        },
        _ => None,
    }
}

fn is_primitive(ty: &Type) -> bool {
    const PRIMITIVES: &[&str] = &[
        "i8", "i16", "i32", "i64", "i128", "isize", "u8", "u16", "u32", "u64", "u128", "usize",
        "f32", "f64", "bool", "char",
    ];
    match ty {
        Type::Path(path) if path.qself.is_none() => path
            .path
            .get_ident()
            .is_some_and(|ident| PRIMITIVES.contains(&ident.to_string().as_str())),
        _ => false,
    }
}

fn doc_text(attrs: &[syn::Attribute]) -> String {
    let lines: Vec<String> = attrs
        .iter()
        .filter(|a| a.path().is_ident("doc"))
        .filter_map(|a| match &a.meta {
            syn::Meta::NameValue(nv) => match &nv.value {
                syn::Expr::Lit(syn::ExprLit {
                    lit: syn::Lit::Str(s),
                    ..
                }) => Some(s.value()),
                _ => None,
            },
            _ => None,
        })
        .map(|line| line.strip_prefix(' ').map(str::to_owned).unwrap_or(line))
        .collect();
    lines.join("\n").trim().to_owned()
}

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
