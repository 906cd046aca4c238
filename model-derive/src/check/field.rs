//! The judgements on one field: its role, visibility, type, default and secrets.

use super::*;

pub(super) fn check_field<'a>(
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
    check_default(cx, &raw, (!optional).then_some(target));
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
        default: raw.default.map(|d| match d.value {
            Some(expr) => FieldDefault::Expr(expr),
            None => FieldDefault::Trait(Span::call_site()),
        }),
        secret: raw.secret.as_ref().map(Ident::span),
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
pub(super) fn check_derived_secrets(cx: &mut Ctxt, fields: &[Field<'_>], computed: &[Computed]) {
    let Some(secret) = fields.iter().find(|f| f.secret.is_some() && f.stored()) else {
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

/// A model with a secret field writes its own `Debug`, which redacts it, so a `Debug` derived
/// beside it would conflict. Only a `#[derive(Debug)]` written after `#[derive(Model)]` can be
/// seen here (a derive is not shown the ones before it or beside it in the same list); for
/// those, the redacting impl is spanned at `secret`, so that the compiler's conflict points there.
pub(super) fn check_derived_debug(cx: &mut Ctxt, attrs: &[syn::Attribute], fields: &[Field<'_>]) {
    let Some(secret) = fields.iter().find(|f| f.secret.is_some()) else {
        return;
    };
    for attr in attrs.iter().filter(|a| a.path().is_ident("derive")) {
        let Ok(paths) = attr.parse_args_with(
            syn::punctuated::Punctuated::<syn::Path, syn::Token![,]>::parse_terminated,
        ) else {
            continue;
        };
        // `Debug` and `std::fmt::Debug` (or `core::`): another crate's derive named `Debug` may
        // implement some other trait, and is left to the compiler.
        let is_debug = |path: &&syn::Path| {
            let names: Vec<String> = path.segments.iter().map(|s| s.ident.to_string()).collect();
            matches!(names.as_slice(), [d] if d == "Debug")
                || matches!(names.as_slice(), [.., f, d] if f == "fmt" && d == "Debug")
        };
        for path in paths.iter().filter(is_debug) {
            cx.error(
                path.span(),
                format!(
                    "`Debug` is written by `#[derive(Model)]` for a model with secret fields, redacting `{}`: remove this derive",
                    secret.name
                ),
            );
        }
    }
}

/// Types whose value can change behind a shared reference (`&self`): a rule or a struct check
/// that reads one would hold when checked and not later, since a getter hands out `&T`.
pub(super) const INTERIOR_MUTABILITY: &[&str] = &[
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
pub(super) fn check_interior_mutability(cx: &mut Ctxt, ty: &Type, name: &str, rule: Option<Span>) {
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
pub(super) fn check_public(cx: &mut Ctxt, fields: &[Field<'_>], tracked: bool, has_checks: bool) {
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
pub(super) fn check_role<'a>(
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

pub(super) fn last_segment(ty: &Type) -> Option<&syn::PathSegment> {
    match ty {
        Type::Path(path) if path.qself.is_none() => path.path.segments.last(),
        _ => None,
    }
}

/// A default that the field's own rules refuse would fail every construction that leaves the
/// field out: refused at the default. Checked where the default is known when the model is
/// compiled: a literal number, or a bare `default` of a number, `String` or standard collection
/// (`ty`, the field's type; `None` for an `Option`, whose default is `None`).
pub(super) fn check_default(cx: &mut Ctxt, raw: &FieldAttrs, ty: Option<&Type>) {
    let Some(default) = raw.default.as_ref() else {
        return;
    };
    let (value, shown) = match &default.value {
        Some(tokens) => match literal_number(tokens) {
            Some(value) => (Known::Number(value), format!("the default `{tokens}`")),
            None => return,
        },
        None => match ty.and_then(known_default) {
            Some((value, ty, written)) => {
                (value, format!("`default` (`{ty}::default()`, {written})"))
            }
            None => return,
        },
    };
    let span = match &default.value {
        Some(tokens) => tokens
            .clone()
            .into_iter()
            .next()
            .map_or(default.span, |t| t.span()),
        None => default.span,
    };
    for rule in &raw.rules {
        if refuses(rule, &value) {
            let source = if rule.source.is_empty() {
                rule.ident.to_string()
            } else {
                format!("{}({})", rule.ident, rule.source)
            };
            cx.error(
                span,
                format!(
                    "{shown} breaks the field's own rule `{source}`: every value built without \
                     this field would be refused; choose a default the rules allow"
                ),
            );
            return;
        }
    }
}

/// A default known when the model is compiled.
enum Known {
    Number(f64),
    /// Empty text or an empty collection.
    Empty,
}

/// The default of a number, `String` or standard collection type: its value, the type's name
/// and the value as written.
fn known_default(ty: &Type) -> Option<(Known, String, &'static str)> {
    let Type::Path(path) = ty else { return None };
    let last = path.path.segments.last()?;
    let name = last.ident.to_string();
    let known = match name.as_str() {
        "u8" | "u16" | "u32" | "u64" | "u128" | "usize" | "i8" | "i16" | "i32" | "i64" | "i128"
        | "isize" => (Known::Number(0.0), "0"),
        "f32" | "f64" => (Known::Number(0.0), "0.0"),
        "String" => (Known::Empty, "empty"),
        "Vec" | "VecDeque" | "HashMap" | "BTreeMap" | "HashSet" | "BTreeSet" => {
            (Known::Empty, "empty")
        }
        _ => return None,
    };
    Some((known.0, name, known.1))
}

/// Whether `rule` refuses the known default `value`.
fn refuses(rule: &RawRule, value: &Known) -> bool {
    match (value, &rule.kind) {
        (Known::Number(value), RuleKind::Range(range)) => {
            let lo = range.lo.as_ref().and_then(literal_number);
            let hi = range.hi.as_ref().and_then(literal_number);
            lo.is_some_and(|lo| *value < lo)
                || hi.is_some_and(|hi| {
                    if range.inclusive {
                        *value > hi
                    } else {
                        *value >= hi
                    }
                })
        }
        (Known::Number(value), RuleKind::NonNegative) => *value < 0.0,
        (Known::Number(value), RuleKind::Positive) => *value <= 0.0,
        (Known::Empty, RuleKind::Length { range, .. }) => range
            .lo
            .as_ref()
            .and_then(literal_number)
            .is_some_and(|lo| lo > 0.0),
        (Known::Empty, RuleKind::NonEmpty) => true,
        (
            Known::Empty,
            RuleKind::Prefix(text) | RuleKind::Suffix(text) | RuleKind::Contains(text),
        ) => !text.value().is_empty(),
        _ => false,
    }
}

pub(super) fn option_inner(ty: &Type) -> Option<&Type> {
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

pub(super) fn is_primitive(ty: &Type) -> bool {
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

pub(super) fn doc_text(attrs: &[syn::Attribute]) -> String {
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
