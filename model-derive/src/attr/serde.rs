//! `#[serde(...)]` on a model: the attributes that the generated `Serialize` and `Deserialize`
//! honour, and, for every other one, an error at it that names the `#[model(...)]` equivalent
//! or says that it is not supported. Ignored when `#[model(serde = false)]` leaves serde to the
//! user's own derive.

use crate::ctxt::Ctxt;
use proc_macro2::Span;
use syn::meta::ParseNestedMeta;
use syn::{Attribute, Ident, LitStr, Token};

/// What a field's `#[serde(...)]` asks for, checked.
#[derive(Default)]
pub struct SerdeField {
    /// Other keys the field is read from.
    pub aliases: Vec<LitStr>,
    pub skip_serializing: bool,
    /// Where the field is said not to be read, for errors about its default.
    pub skip_deserializing: Option<Span>,
    pub serialize_with: Option<syn::Path>,
    pub deserialize_with: Option<syn::Path>,
    pub skip_serializing_if: Option<syn::Path>,
    pub flatten: Option<Span>,
}

/// `#[serde(default)]` or `#[serde(default = "path")]`.
pub struct SerdeDefault {
    pub span: Span,
    /// The position of its attribute among the field's, to tell which of two defaults is second.
    pub attr: usize,
    pub path: Option<syn::Path>,
}

/// Every struct-level `#[serde(...)]` is an error: each has a `#[model(...)]` equivalent or is
/// not supported.
pub fn refuse_struct_attrs(cx: &mut Ctxt, attrs: &[Attribute]) {
    for (_, attr) in serde_attrs(cx, attrs) {
        let result = attr.parse_nested_meta(|meta| {
            let Some(ident) = meta.path.get_ident().cloned() else {
                return Err(meta.error("expected a serde attribute name"));
            };
            let message = match ident.to_string().as_str() {
                "rename" => {
                    "`#[serde(rename)]` on a model is `#[model(name = \"...\")]`".to_owned()
                }
                "rename_all" => {
                    "`#[serde(rename_all)]` on a model is `#[model(rename_all = \"...\")]`"
                        .to_owned()
                }
                "deny_unknown_fields" => "a model refuses unknown fields already: remove \
                    `deny_unknown_fields` (`#[model(allow_unknown_fields)]` accepts them)"
                    .to_owned(),
                "default" => "`#[serde(default)]` on a struct is not supported by \
                    `#[derive(Model)]`: give fields their defaults with `#[model(default)]`"
                    .to_owned(),
                other => not_supported(other),
            };
            cx.error(ident.span(), message);
            skip_value(&meta)
        });
        if let Err(error) = result {
            cx.push(error);
        }
    }
}

fn not_supported(name: &str) -> String {
    format!(
        "`#[serde({name})]` is not supported by `#[derive(Model)]`; \
         `#[model(serde = false)]` leaves serde to your own impls"
    )
}

/// A field's `#[serde(...)]`: what it asks for, and its default, if any.
pub fn parse_field_attrs(cx: &mut Ctxt, attrs: &[Attribute]) -> (SerdeField, Option<SerdeDefault>) {
    let mut out = SerdeField::default();
    let mut default = None;
    let mut with: Option<Ident> = None;
    let mut flags: Vec<Ident> = Vec::new();
    for (index, attr) in serde_attrs(cx, attrs) {
        let result = attr.parse_nested_meta(|meta| {
            let Some(ident) = meta.path.get_ident().cloned() else {
                return Err(meta.error("expected a serde attribute name"));
            };
            let name = ident.to_string();
            match name.as_str() {
                "alias" => out.aliases.push(string(&meta)?),
                "skip" | "skip_serializing" | "skip_deserializing" | "flatten" => {
                    if let Some(first) = flags.iter().find(|f| **f == ident) {
                        cx.error(ident.span(), format!("duplicate `{first}`"));
                    }
                    match name.as_str() {
                        "skip" => {
                            out.skip_serializing = true;
                            out.skip_deserializing = Some(ident.span());
                        }
                        "skip_serializing" => out.skip_serializing = true,
                        "skip_deserializing" => out.skip_deserializing = Some(ident.span()),
                        _ => out.flatten = Some(ident.span()),
                    }
                    flags.push(ident);
                }
                "default" => {
                    let path = if meta.input.peek(Token![=]) {
                        Some(path(cx, &string(&meta)?))
                    } else {
                        None
                    };
                    if default.is_some() {
                        cx.error(ident.span(), "duplicate `default`");
                    }
                    default = Some(SerdeDefault {
                        span: ident.span(),
                        attr: index,
                        path: path.flatten(),
                    });
                }
                "with" | "serialize_with" | "deserialize_with" => {
                    let value = path(cx, &string(&meta)?);
                    let (ser, de) = match name.as_str() {
                        "with" => (true, true),
                        "serialize_with" => (true, false),
                        _ => (false, true),
                    };
                    let taken = (ser && out.serialize_with.is_some())
                        || (de && out.deserialize_with.is_some());
                    if taken {
                        let first = with.as_ref().map_or(name.clone(), Ident::to_string);
                        cx.error(
                            ident.span(),
                            format!("`{name}` and `{first}` on one field: keep one"),
                        );
                    }
                    if let Some(value) = value {
                        if ser {
                            out.serialize_with =
                                Some(function(&value, "serialize", name == "with"));
                        }
                        if de {
                            out.deserialize_with =
                                Some(function(&value, "deserialize", name == "with"));
                        }
                    }
                    with.get_or_insert(ident);
                }
                "skip_serializing_if" => {
                    if out.skip_serializing_if.is_some() {
                        cx.error(ident.span(), "duplicate `skip_serializing_if`");
                    }
                    out.skip_serializing_if = path(cx, &string(&meta)?);
                }
                "rename" => {
                    cx.error(
                        ident.span(),
                        "`#[serde(rename)]` on a field of a model is `#[model(rename = \"...\")]`",
                    );
                    skip_value(&meta)?;
                }
                other => {
                    cx.error(ident.span(), not_supported(other));
                    skip_value(&meta)?;
                }
            }
            Ok(())
        });
        if let Err(error) = result {
            cx.push(error);
        }
    }
    (out, default)
}

/// `module::serialize` for `with = "module"`, else the function named.
fn function(path: &syn::Path, name: &str, module: bool) -> syn::Path {
    let mut path = path.clone();
    if module {
        let span = path
            .segments
            .last()
            .map_or_else(Span::call_site, |s| s.ident.span());
        path.segments.push(Ident::new(name, span).into());
    }
    path
}

fn string(meta: &ParseNestedMeta) -> syn::Result<LitStr> {
    meta.value()?.parse::<LitStr>()
}

/// The path written in a string, as serde takes it; an error at the string if it is none.
fn path(cx: &mut Ctxt, lit: &LitStr) -> Option<syn::Path> {
    match lit.parse::<syn::Path>() {
        Ok(path) => Some(path),
        Err(_) => {
            cx.error(
                lit.span(),
                format!(
                    "expected a path to a function in the string, such as \"Option::is_none\"; got \"{}\"",
                    lit.value()
                ),
            );
            None
        }
    }
}

/// Skips the value of an attribute that was reported: `= value`, or `(...)`.
fn skip_value(meta: &ParseNestedMeta) -> syn::Result<()> {
    if meta.input.peek(Token![=]) {
        meta.input.parse::<Token![=]>()?;
        super::tokens_until_comma(meta.input);
    } else if meta.input.peek(syn::token::Paren) {
        let _content;
        syn::parenthesized!(_content in meta.input);
    }
    Ok(())
}

/// The `#[serde(...)]` attributes, each with its position among `attrs`.
fn serde_attrs<'a>(cx: &mut Ctxt, attrs: &'a [Attribute]) -> Vec<(usize, &'a Attribute)> {
    let mut out = Vec::new();
    for (index, attr) in attrs.iter().enumerate() {
        if !attr.path().is_ident("serde") {
            continue;
        }
        match &attr.meta {
            syn::Meta::List(_) => out.push((index, attr)),
            _ => cx.error(
                attr.path().segments[0].ident.span(),
                "expected `#[serde(...)]` with a list of attributes",
            ),
        }
    }
    out
}
