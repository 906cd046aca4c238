//! A field's `#[model(...)]`: its rules and options, as written.

use super::*;

/// The other options a field accepts.
pub const FIELD_OPTIONS: &[&str] = &[
    "readonly",
    "default",
    "secret",
    "nested",
    "rename",
    "on_set",
    "lazy",
    "depends_on",
];

/// `on_set = Self::method` or `on_set(Self::method, init)`.
pub struct OnSet {
    pub hook: Hook,
    /// Also run when an instance is constructed.
    pub init: Option<Ident>,
}

/// `lazy = Self::load`.
pub struct LazyAttr {
    pub hook: Hook,
}

#[derive(Default)]
pub struct FieldAttrs {
    pub rules: Vec<RawRule>,
    pub readonly: Option<Ident>,
    pub default: Option<Default>,
    pub secret: Option<Ident>,
    /// `secret = false`: a lazy field, in a model with secrets, said not to be one.
    pub not_secret: Option<Ident>,
    pub nested: Option<Ident>,
    pub rename: Option<LitStr>,
    pub on_set: Option<OnSet>,
    pub lazy: Option<LazyAttr>,
    pub depends_on: Vec<Ident>,
    /// The `depends_on` keyword, where a misplaced one is reported.
    pub depends_on_span: Option<Span>,
}

pub struct Default {
    pub value: Option<TokenStream>,
    pub span: Span,
    /// The position of its attribute among the field's, to tell which of two defaults is second.
    pub attr: usize,
}

pub(super) fn parse_field_attrs(cx: &mut Ctxt, attrs: &[Attribute]) -> FieldAttrs {
    let mut out = FieldAttrs::default();
    for attr in model_attrs(cx, attrs) {
        let result = attr.parse_nested_meta(|meta| {
            let Some(ident) = meta.path.get_ident().cloned() else {
                return Err(meta.error("expected a rule name such as `range` or `length`"));
            };
            match ident.to_string().as_str() {
                "readonly" => set_flag(cx, &mut out.readonly, ident),
                "secret" => {
                    if parse_secret(&meta)? {
                        set_flag(cx, &mut out.secret, ident);
                    } else {
                        set_flag(cx, &mut out.not_secret, ident);
                    }
                }
                "nested" => set_flag(cx, &mut out.nested, ident),
                "on_set" => {
                    let (path, init) = if meta.input.peek(syn::token::Paren) {
                        let content;
                        syn::parenthesized!(content in meta.input);
                        let path: syn::Path = content.parse()?;
                        let mut init = None;
                        if content.peek(Token![,]) {
                            content.parse::<Token![,]>()?;
                            if !content.is_empty() {
                                let flag: Ident = content.parse()?;
                                if flag != "init" {
                                    return Err(syn::Error::new(
                                        flag.span(),
                                        format!("unknown `on_set` option `{flag}`: the only one is `init`, to run the hook on construction too"),
                                    ));
                                }
                                init = Some(flag);
                                if content.peek(Token![,]) {
                                    content.parse::<Token![,]>()?;
                                }
                            }
                        }
                        if !content.is_empty() {
                            return Err(content.error("unexpected tokens: expected `on_set(Self::method)` or `on_set(Self::method, init)`"));
                        }
                        (path, init)
                    } else {
                        (hook_path(&meta, &ident, "on_set = Self::method")?, None)
                    };
                    if out.on_set.is_some() {
                        cx.error(ident.span(), "duplicate option `on_set`");
                    }
                    out.on_set = Some(OnSet {
                        hook: Hook {
                            option: ident,
                            path,
                        },
                        init,
                    });
                }
                "lazy" => {
                    let path = hook_path(&meta, &ident, "lazy = Self::load")?;
                    if out.lazy.is_some() {
                        cx.error(ident.span(), "duplicate option `lazy`");
                    }
                    out.lazy = Some(LazyAttr {
                        hook: Hook {
                            option: ident,
                            path,
                        },
                    });
                }
                "depends_on" => {
                    let content = parens(&meta, &ident, "depends_on(field)")?;
                    let names = content.parse_terminated(Ident::parse_any, Token![,])?;
                    if names.is_empty() {
                        return Err(syn::Error::new(
                            ident.span(),
                            "`depends_on` needs at least one field: `depends_on(field)`",
                        ));
                    }
                    out.depends_on.extend(names);
                    out.depends_on_span.get_or_insert(ident.span());
                }
                "rename" => {
                    let value: LitStr = meta.value()?.parse()?;
                    if out.rename.is_some() {
                        cx.error(ident.span(), "duplicate option `rename`");
                    }
                    out.rename = Some(value);
                }
                "default" => {
                    let value = if meta.input.peek(Token![=]) {
                        meta.input.parse::<Token![=]>()?;
                        let value = tokens_until_comma(meta.input);
                        if value.is_empty() {
                            return Err(meta.error("expected a value after `default =`"));
                        }
                        Some(value)
                    } else {
                        None
                    };
                    if out.default.is_some() {
                        cx.error(ident.span(), "duplicate option `default`");
                    }
                    out.default = Some(Default {
                        value,
                        span: ident.span(),
                        attr: attrs.iter().position(|a| std::ptr::eq(a, attr)).unwrap_or(0),
                    });
                }
                _ => {
                    if let Some(rule) = parse_rule(cx, &meta, ident)? {
                        out.rules.push(rule);
                    }
                }
            }
            Ok(())
        });
        if let Err(error) = result {
            cx.push(error);
        }
    }
    out
}
