//! Syntax: `#[model(...)]` into raw values that keep their spans. No judgements here beyond
//! the grammar; `check` decides what the values mean.

use crate::ctxt::Ctxt;
use proc_macro2::{Delimiter, Span, TokenStream, TokenTree};
use quote::ToTokens;
use syn::ext::IdentExt;
use syn::meta::ParseNestedMeta;
use syn::parse::{ParseStream, Parser};
use syn::{Attribute, Ident, LitStr, Token};

mod field;
mod rule;
mod serde;

pub use field::*;
use rule::*;
pub use serde::{SerdeDefault, SerdeField};

/// The rule names a field accepts, for "did you mean".
pub const RULES: &[&str] = &[
    "range",
    "non_negative",
    "positive",
    "length",
    "non_empty",
    "pattern",
    "email",
    "url",
    "one_of",
    "prefix",
    "suffix",
    "contains",
    "ascii",
    "alphanumeric",
    "each",
    "keys",
    "values",
    "check",
    "with",
];

/// The options a struct accepts.
pub const STRUCT_OPTIONS: &[&str] = &[
    "check",
    "assert",
    "name",
    "serde",
    "allow_unknown_fields",
    "rename_all",
    "computed",
    "frozen",
    "track_changes",
    "on_change",
    "crate",
    "patch",
    "register",
];

#[derive(Default)]
pub struct StructAttrs {
    pub checks: Vec<syn::Path>,
    pub asserts: Vec<Assert>,
    pub name: Option<LitStr>,
    pub serde: Option<syn::LitBool>,
    /// `patch = false`: no `patch_json` support (which moves fields out of a read instance).
    pub patch: Option<syn::LitBool>,
    /// `register = false`: not in `model::registry()` (a registry built by hand can still
    /// hold it).
    pub register: Option<syn::LitBool>,
    pub allow_unknown_fields: Option<Ident>,
    pub rename_all: Option<LitStr>,
    pub computed: Vec<Computed>,
    pub frozen: Option<Ident>,
    pub track_changes: Option<Ident>,
    pub on_change: Option<Hook>,
    /// `crate = "path"`: the path of the `model` crate when the dependency is renamed.
    pub krate: Option<syn::Path>,
}

/// `computed(name: Type = Self::getter)` or `computed(name: Type = Self::getter, set = Self::setter)`.
pub struct Computed {
    pub name: Ident,
    pub ty: syn::Type,
    pub get: syn::Path,
    pub set: Option<Hook>,
    /// `secret` (`true`) or `secret = false`, if said.
    pub secret: Option<bool>,
}

/// A function named in an option, with the option's name for errors.
pub struct Hook {
    pub option: Ident,
    pub path: syn::Path,
}

pub struct Assert {
    pub span: Span,
    pub condition: TokenStream,
    pub message: LitStr,
}

pub struct RawRule {
    pub ident: Ident,
    pub kind: RuleKind,
    pub message: Option<LitStr>,
    /// The arguments as written, for metadata.
    pub source: String,
}

pub enum RuleKind {
    Range(RawRange),
    Length {
        bytes: Option<Ident>,
        range: RawRange,
    },
    NonNegative,
    Positive,
    NonEmpty,
    Email,
    Url,
    Ascii,
    Alphanumeric,
    Pattern(LitStr),
    Prefix(LitStr),
    Suffix(LitStr),
    Contains(LitStr),
    OneOf(Vec<TokenStream>),
    Each(Vec<RawRule>),
    Keys(Vec<RawRule>),
    Values(Vec<RawRule>),
    Check(syn::Path),
    With(TokenStream),
}

/// `lo..hi`, `lo..=hi`, `lo..`, `..=hi`, as tokens.
pub struct RawRange {
    pub span: Span,
    /// The range as written, so that errors underline all of it.
    pub tokens: TokenStream,
    pub lo: Option<TokenStream>,
    pub hi: Option<TokenStream>,
    pub inclusive: bool,
}

/// What the struct and its fields say in `#[model(...)]` and, for the generated serde impls,
/// `#[serde(...)]`: the first stage of the derive. A mistake of syntax is recorded in `cx` and
/// leaves its option out; the struct's shape is judged by `check`.
pub struct RawModel<'a> {
    pub attrs: StructAttrs,
    /// The fields of a struct with named fields; none otherwise.
    pub fields: Vec<RawField<'a>>,
}

pub struct RawField<'a> {
    pub field: &'a syn::Field,
    pub ident: &'a Ident,
    pub attrs: FieldAttrs,
    /// What `#[serde(...)]` says, unless the model says `serde = false`.
    pub serde: Option<(SerdeField, Option<SerdeDefault>)>,
}

pub fn parse<'a>(cx: &mut Ctxt, input: &'a syn::DeriveInput) -> RawModel<'a> {
    let attrs = parse_struct_attrs(cx, &input.attrs);
    // With `serde = false`, `#[serde(...)]` belongs to the user's own serde derive.
    let serde = attrs.serde.as_ref().is_none_or(|b| b.value);
    if serde {
        serde::refuse_struct_attrs(cx, &input.attrs);
    }
    let named = match &input.data {
        syn::Data::Struct(syn::DataStruct {
            fields: syn::Fields::Named(fields),
            ..
        }) => fields.named.iter().collect(),
        _ => Vec::new(),
    };
    let fields = named
        .into_iter()
        .filter_map(|field: &syn::Field| {
            Some(RawField {
                field,
                ident: field.ident.as_ref()?,
                attrs: parse_field_attrs(cx, &field.attrs),
                serde: serde.then(|| serde::parse_field_attrs(cx, &field.attrs)),
            })
        })
        .collect();
    RawModel { attrs, fields }
}

fn parse_struct_attrs(cx: &mut Ctxt, attrs: &[Attribute]) -> StructAttrs {
    let mut out = StructAttrs::default();
    for attr in model_attrs(cx, attrs) {
        let result = attr.parse_nested_meta(|meta| {
            let Some(ident) = meta.path.get_ident().cloned() else {
                return Err(meta.error("expected an option name such as `check`"));
            };
            match ident.to_string().as_str() {
                "check" => {
                    if !meta.input.peek(Token![=]) {
                        return Err(syn::Error::new(
                            ident.span(),
                            "`check` needs a function: `check = Self::method`, taking `&Self` and returning `Result<(), model::Error>`",
                        ));
                    }
                    meta.input.parse::<Token![=]>()?;
                    out.checks.push(meta.input.parse()?);
                }
                "name" => {
                    let value: LitStr = meta.value()?.parse()?;
                    if out.name.is_some() {
                        cx.error(ident.span(), "duplicate option `name`");
                    }
                    out.name = Some(value);
                }
                "crate" => {
                    let value: LitStr = meta.value()?.parse()?;
                    let path = value.parse::<syn::Path>().map_err(|_| {
                        syn::Error::new(
                            value.span(),
                            "expected the path of the `model` crate as it is named in `Cargo.toml`, such as `crate = \"validation\"`",
                        )
                    })?;
                    if out.krate.is_some() {
                        cx.error(ident.span(), "duplicate option `crate`");
                    }
                    out.krate = Some(path);
                }
                "rename_all" => {
                    let value: LitStr = meta.value()?.parse()?;
                    if out.rename_all.is_some() {
                        cx.error(ident.span(), "duplicate option `rename_all`");
                    }
                    out.rename_all = Some(value);
                }
                "serde" => {
                    let value: syn::LitBool = meta.value()?.parse()?;
                    if out.serde.is_some() {
                        cx.error(ident.span(), "duplicate option `serde`");
                    }
                    out.serde = Some(value);
                }
                "patch" => {
                    let value: syn::LitBool = meta.value()?.parse()?;
                    if out.patch.is_some() {
                        cx.error(ident.span(), "duplicate option `patch`");
                    }
                    out.patch = Some(value);
                }
                "register" => {
                    let value: syn::LitBool = meta.value()?.parse()?;
                    if out.register.is_some() {
                        cx.error(ident.span(), "duplicate option `register`");
                    }
                    out.register = Some(value);
                }
                "allow_unknown_fields" => set_flag(cx, &mut out.allow_unknown_fields, ident),
                "frozen" => set_flag(cx, &mut out.frozen, ident),
                "track_changes" => set_flag(cx, &mut out.track_changes, ident),
                "on_change" => {
                    let path = hook_path(&meta, &ident, "on_change = Self::saved")?;
                    if out.on_change.is_some() {
                        cx.error(ident.span(), "duplicate option `on_change`");
                    }
                    out.on_change = Some(Hook { option: ident, path });
                }
                "computed" => out.computed.push(parse_computed(&meta, &ident)?),
                "assert" => {
                    let content;
                    syn::parenthesized!(content in meta.input);
                    let condition = tokens_until_comma(&content);
                    if condition.is_empty() {
                        return Err(content.error("expected a condition: `assert(Self::SIDES >= 3, \"message\")`"));
                    }
                    if content.is_empty() {
                        return Err(syn::Error::new(
                            ident.span(),
                            "`assert` needs a message after the condition: `assert(Self::SIDES >= 3, \"message\")`",
                        ));
                    }
                    content.parse::<Token![,]>()?;
                    let message: LitStr = content.parse().map_err(|e| {
                        syn::Error::new(e.span(), "the message of `assert` must be a string literal")
                    })?;
                    out.asserts.push(Assert {
                        span: ident.span(),
                        condition,
                        message,
                    });
                }
                other => {
                    let message = if RULES.contains(&other) || FIELD_OPTIONS.contains(&other) {
                        format!("`{other}` applies to a field: move it to the `#[model(...)]` of a field")
                    } else {
                        let hint = did_you_mean(other, STRUCT_OPTIONS);
                        if hint.is_empty() {
                            format!(
                                "unknown model option `{other}`; the options of a struct are {}",
                                STRUCT_OPTIONS
                                    .iter()
                                    .map(|o| format!("`{o}`"))
                                    .collect::<Vec<_>>()
                                    .join(", ")
                            )
                        } else {
                            format!("unknown model option `{other}`{hint}")
                        }
                    };
                    cx.error(ident.span(), message);
                    skip_args(&meta)?;
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

/// `option = path`, with an error showing `example` when the `=` is missing.
fn hook_path(meta: &ParseNestedMeta, ident: &Ident, example: &str) -> syn::Result<syn::Path> {
    if !meta.input.peek(Token![=]) {
        return Err(syn::Error::new(
            ident.span(),
            format!("`{ident}` needs a function: `{example}`"),
        ));
    }
    meta.input.parse::<Token![=]>()?;
    meta.input.parse()
}

/// `computed(name: Type = Self::getter)` or `computed(name: Type = Self::getter, set = Self::setter)`.
fn parse_computed(meta: &ParseNestedMeta, ident: &Ident) -> syn::Result<Computed> {
    const EXAMPLE: &str = "computed(quota: i64 = Self::quota)";
    let content = parens(meta, ident, EXAMPLE)?;
    let name: Ident = content.parse()?;
    if !content.peek(Token![:]) {
        return Err(syn::Error::new(
            name.span(),
            format!("expected `: Type` after the name of the computed field, as in `{EXAMPLE}`"),
        ));
    }
    content.parse::<Token![:]>()?;
    let ty: syn::Type = content.parse()?;
    if !content.peek(Token![=]) {
        return Err(syn::Error::new(
            name.span(),
            format!("expected `= Self::method` naming the function that computes `{name}`, as in `{EXAMPLE}`"),
        ));
    }
    content.parse::<Token![=]>()?;
    let get: syn::Path = content.parse()?;
    let mut set = None;
    let mut secret = None;
    while content.peek(Token![,]) {
        content.parse::<Token![,]>()?;
        if content.is_empty() {
            break;
        }
        let key: Ident = content.parse()?;
        if key == "set" && set.is_none() {
            content.parse::<Token![=]>()?;
            set = Some(Hook {
                option: key,
                path: content.parse()?,
            });
        } else if key == "secret" && secret.is_none() {
            secret = Some(if content.peek(Token![=]) {
                content.parse::<Token![=]>()?;
                content.parse::<syn::LitBool>()?.value
            } else {
                true
            });
        } else {
            return Err(syn::Error::new(
                key.span(),
                format!("unexpected `{key}`: expected `set = Self::method`, the function that sets `{name}`, or `secret`"),
            ));
        }
    }
    if !content.is_empty() {
        return Err(content.error("unexpected tokens after the computed field"));
    }
    Ok(Computed {
        name,
        ty,
        get,
        set,
        secret,
    })
}

/// `secret` (true) or `secret = true|false`.
fn parse_secret(meta: &ParseNestedMeta) -> syn::Result<bool> {
    if meta.input.peek(Token![=]) {
        Ok(meta.value()?.parse::<syn::LitBool>()?.value)
    } else {
        Ok(true)
    }
}

fn set_flag(cx: &mut Ctxt, slot: &mut Option<Ident>, ident: Ident) {
    if slot.is_some() {
        cx.error(ident.span(), format!("duplicate option `{ident}`"));
    }
    *slot = Some(ident);
}

/// The `#[model(...)]` attributes; `#[model]` and `#[model = ..]` are reported.
fn model_attrs<'a>(cx: &mut Ctxt, attrs: &'a [Attribute]) -> Vec<&'a Attribute> {
    let mut out = Vec::new();
    for attr in attrs.iter().filter(|a| a.path().is_ident("model")) {
        match &attr.meta {
            syn::Meta::List(list) if list.tokens.is_empty() => cx.error(
                list.delimiter.span().join(),
                "empty `#[model()]`: remove it, or name a rule such as `range(1..=10)`",
            ),
            syn::Meta::List(_) => out.push(attr),
            _ => cx.error(
                attr.meta
                    .path()
                    .get_ident()
                    .map_or_else(Span::call_site, Ident::span),
                "expected `#[model(...)]` with a list of rules or options",
            ),
        }
    }
    out
}

/// Tokens up to the next top-level comma (not consumed). Commas inside brackets are kept.
pub fn tokens_until_comma(input: ParseStream) -> TokenStream {
    input
        .step(|cursor| {
            let mut rest = *cursor;
            let mut out = TokenStream::new();
            while let Some((tree, next)) = rest.token_tree() {
                if let TokenTree::Punct(p) = &tree {
                    if p.as_char() == ',' {
                        break;
                    }
                }
                out.extend([tree]);
                rest = next;
            }
            Ok((out, rest))
        })
        .unwrap_or_default()
}

/// Skips the arguments of an option that was reported, so that parsing can go on.
fn skip_args(meta: &ParseNestedMeta) -> syn::Result<()> {
    if meta.input.peek(Token![=]) {
        meta.input.parse::<Token![=]>()?;
        tokens_until_comma(meta.input);
    } else if let Ok(TokenTree::Group(group)) = meta.input.fork().parse::<TokenTree>() {
        if group.delimiter() == Delimiter::Parenthesis {
            meta.input.parse::<TokenTree>()?;
        }
    }
    Ok(())
}

/// `"; did you mean `length`?"` when known names are close to `name`: as the runtime suggests
/// names (`model_core::suggest`), without regard to case, by edit distance (at most two edits,
/// or a third of a long name), the closest first and ties in alphabetical order, at most three.
pub fn did_you_mean(name: &str, candidates: &[&str]) -> String {
    let name = name.to_lowercase();
    let mut close: Vec<(usize, &str)> = candidates
        .iter()
        .map(|c| (strsim::levenshtein(&name, &c.to_lowercase()), *c))
        .filter(|(d, c)| *d <= 2.max(c.len() / 3))
        .collect();
    close.sort_unstable();
    close.dedup_by_key(|(_, c)| *c);
    let names: Vec<String> = close
        .iter()
        .take(3)
        .map(|(_, c)| format!("`{c}`"))
        .collect();
    if names.is_empty() {
        String::new()
    } else {
        format!("; did you mean {}?", names.join(" or "))
    }
}

#[cfg(test)]
mod tests {
    use super::{did_you_mean, RULES};

    #[test]
    fn suggestions_ignore_case_and_come_closest_first() {
        assert_eq!(did_you_mean("lenght", RULES), "; did you mean `length`?");
        assert_eq!(did_you_mean("Length", RULES), "; did you mean `length`?");
        assert_eq!(
            did_you_mean("ab", &["ae", "ac", "ab_", "ad"]),
            "; did you mean `ab_` or `ac` or `ad`?"
        );
        assert_eq!(did_you_mean("region", &["cpu_cores", "ram_gb"]), "");
    }
}
