//! One rule of `#[model(...)]` read into a `RawRule`: its name, its arguments (ranges,
//! literals, nested rules) and its custom message, each keeping its span.

use super::*;

pub(super) fn parse_rule(
    cx: &mut Ctxt,
    meta: &ParseNestedMeta,
    ident: Ident,
) -> syn::Result<Option<RawRule>> {
    let name = ident.to_string();
    let flag = |kind: RuleKind| -> syn::Result<(RuleKind, Option<LitStr>, String)> {
        let message = if meta.input.peek(syn::token::Paren) {
            let content;
            syn::parenthesized!(content in meta.input);
            parse_message(&content)?
        } else {
            None
        };
        Ok((kind, message, String::new()))
    };
    let (kind, message, source) = match name.as_str() {
        "non_negative" => flag(RuleKind::NonNegative)?,
        "positive" => flag(RuleKind::Positive)?,
        "non_empty" => flag(RuleKind::NonEmpty)?,
        "email" => flag(RuleKind::Email)?,
        "url" => flag(RuleKind::Url)?,
        "ascii" => flag(RuleKind::Ascii)?,
        "alphanumeric" => flag(RuleKind::Alphanumeric)?,
        "range" => {
            let content = parens(meta, &ident, "range(1..=10)")?;
            let range = parse_range(&content)?;
            let source = range_source(&range);
            (RuleKind::Range(range), parse_message(&content)?, source)
        }
        "length" => {
            let content = parens(meta, &ident, "length(1..=64)")?;
            let mut bytes = None;
            if content.peek(Ident) && content.peek2(Token![=]) {
                let unit: Ident = content.parse()?;
                match unit.to_string().as_str() {
                    "bytes" => bytes = Some(unit),
                    "chars" => {}
                    "min" | "max" | "equal" => {
                        return Err(syn::Error::new(
                            unit.span(),
                            "`length` takes a range, not `min`/`max`: write `length(1..=64)`, \
                             `length(1..)` or `length(..=64)` (or `length(bytes = 1..=64)` to \
                             count bytes)",
                        ))
                    }
                    other => {
                        return Err(syn::Error::new(
                            unit.span(),
                            format!(
                            "unknown length unit `{other}`: expected `bytes = ..` or `chars = ..`"
                        ),
                        ))
                    }
                }
                content.parse::<Token![=]>()?;
            }
            let range = parse_range(&content)?;
            let source = match &bytes {
                Some(_) => format!("bytes = {}", range_source(&range)),
                None => range_source(&range),
            };
            (
                RuleKind::Length { bytes, range },
                parse_message(&content)?,
                source,
            )
        }
        "pattern" | "prefix" | "suffix" | "contains" => {
            let content = parens(meta, &ident, &format!("{name}(\"...\")"))?;
            let lit: LitStr = content.parse().map_err(|e| {
                syn::Error::new(e.span(), format!("`{name}` expects a string literal"))
            })?;
            let source = lit.value();
            let kind = match name.as_str() {
                "pattern" => RuleKind::Pattern(lit),
                "prefix" => RuleKind::Prefix(lit),
                "suffix" => RuleKind::Suffix(lit),
                _ => RuleKind::Contains(lit),
            };
            (kind, parse_message(&content)?, source)
        }
        "one_of" => {
            let content = parens(meta, &ident, "one_of(\"a\", \"b\")")?;
            let mut values = Vec::new();
            let mut message = None;
            while !content.is_empty() {
                if content.peek(Ident) && content.peek2(Token![=]) {
                    message = parse_message(&content)?;
                    break;
                }
                let value = tokens_until_comma(&content);
                if value.is_empty() {
                    return Err(content.error("expected a value"));
                }
                values.push(value);
                if !content.is_empty() {
                    content.parse::<Token![,]>()?;
                }
            }
            let source = values
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", ");
            (RuleKind::OneOf(values), message, source)
        }
        "each" | "keys" | "values" => {
            let content = parens(meta, &ident, &format!("{name}(length(1..=32))"))?;
            let tokens: TokenStream = content.parse()?;
            let source = tokens.to_string();
            let mut inner = Vec::new();
            // Whether something inside was reported: then an empty list is no further mistake.
            let mut reported = false;
            syn::meta::parser(|nested| {
                let Some(nested_ident) = nested.path.get_ident().cloned() else {
                    return Err(nested.error("expected a rule name"));
                };
                if FIELD_OPTIONS.contains(&nested_ident.to_string().as_str()) {
                    cx.error(
                        nested_ident.span(),
                        format!(
                            "`{nested_ident}` applies to the whole field, not inside `{name}(...)`"
                        ),
                    );
                    reported = true;
                    return skip_args(&nested);
                }
                if nested_ident == "message" {
                    cx.error(
                        nested_ident.span(),
                        format!(
                            "`{name}(...)` takes no message: give it to the rules inside, as in `{name}(length(1..=32, message = \"...\"))`"
                        ),
                    );
                    reported = true;
                    return skip_args(&nested);
                }
                match parse_rule(cx, &nested, nested_ident)? {
                    Some(rule) => inner.push(rule),
                    None => reported = true,
                }
                Ok(())
            })
            .parse2(tokens)?;
            if inner.is_empty() && reported {
                return Ok(None);
            }
            let kind = match name.as_str() {
                "each" => RuleKind::Each(inner),
                "keys" => RuleKind::Keys(inner),
                _ => RuleKind::Values(inner),
            };
            (kind, None, source)
        }
        "check" => {
            if !meta.input.peek(Token![=]) && !meta.input.peek(syn::token::Paren) {
                return Err(syn::Error::new(
                    ident.span(),
                    "`check` needs a function: `check = path::to::function`, taking a reference to the field's value and returning `Result<(), model::Error>`",
                ));
            }
            if meta.input.peek(Token![=]) {
                meta.input.parse::<Token![=]>()?;
                let path: syn::Path = meta.input.parse()?;
                let source = path.to_token_stream().to_string().replace(' ', "");
                (RuleKind::Check(path), None, source)
            } else {
                let content = parens(meta, &ident, "check = path::to::function")?;
                let path: syn::Path = content.parse()?;
                let source = path.to_token_stream().to_string().replace(' ', "");
                (RuleKind::Check(path), parse_message(&content)?, source)
            }
        }
        "with" => {
            if !meta.input.peek(Token![=]) {
                return Err(syn::Error::new(
                    ident.span(),
                    "expected `with = Rule`, naming a value whose type implements `model::Rule`",
                ));
            }
            meta.input.parse::<Token![=]>()?;
            let value = tokens_until_comma(meta.input);
            if value.is_empty() {
                return Err(meta.error("expected a rule value after `with =`"));
            }
            let source = value.to_string();
            (RuleKind::With(value), None, source)
        }
        "message" => {
            cx.error(
                ident.span(),
                "`message` belongs to the rule it words: write it inside the rule's \
                 parentheses, as in `range(1..=9, message = \"...\")`",
            );
            skip_args(meta)?;
            return Ok(None);
        }
        other => {
            let hint =
                did_you_mean(other, RULES).or_else_nonempty(|| did_you_mean(other, FIELD_OPTIONS));
            cx.error(ident.span(), format!("unknown rule `{other}`{hint}"));
            skip_args(meta)?;
            return Ok(None);
        }
    };
    Ok(Some(RawRule {
        ident,
        kind,
        message,
        source,
    }))
}

pub(super) trait OrElseNonEmpty {
    fn or_else_nonempty(self, f: impl FnOnce() -> String) -> String;
}

impl OrElseNonEmpty for String {
    fn or_else_nonempty(self, f: impl FnOnce() -> String) -> String {
        if self.is_empty() {
            f()
        } else {
            self
        }
    }
}

pub(super) fn parens<'a>(
    meta: &ParseNestedMeta<'a>,
    ident: &Ident,
    example: &str,
) -> syn::Result<syn::parse::ParseBuffer<'a>> {
    if !meta.input.peek(syn::token::Paren) {
        return Err(syn::Error::new(
            ident.span(),
            format!("`{ident}` needs arguments, as in `{example}`"),
        ));
    }
    let content;
    syn::parenthesized!(content in meta.input);
    Ok(content)
}

/// An optional trailing `, message = "..."` (or a leading one, for flag rules).
pub(super) fn parse_message(content: ParseStream) -> syn::Result<Option<LitStr>> {
    if content.peek(Token![,]) {
        content.parse::<Token![,]>()?;
    }
    if content.is_empty() {
        return Ok(None);
    }
    let key: Ident = content.parse()?;
    if key != "message" {
        return Err(syn::Error::new(
            key.span(),
            format!("unexpected `{key}`: expected `message = \"...\"`"),
        ));
    }
    content.parse::<Token![=]>()?;
    let message: LitStr = content.parse().map_err(|e| {
        syn::Error::new(
            e.span(),
            "`message` must be a string literal: `message = \"...\"`",
        )
    })?;
    if content.peek(Token![,]) {
        content.parse::<Token![,]>()?;
    }
    if !content.is_empty() {
        return Err(content.error("unexpected tokens after the message"));
    }
    Ok(Some(message))
}

/// `lo..hi` and friends, split at the top-level `..` or `..=`.
pub(super) fn parse_range(content: ParseStream) -> syn::Result<RawRange> {
    let span = content.span();
    let tokens = tokens_until_comma(content);
    let trees: Vec<TokenTree> = tokens.clone().into_iter().collect();
    let mut split = None;
    for i in 0..trees.len() {
        if is_punct(&trees[i], '.') && trees.get(i + 1).is_some_and(|t| is_punct(t, '.')) {
            let inclusive = trees.get(i + 2).is_some_and(|t| is_punct(t, '='));
            split = Some((i, inclusive));
            break;
        }
    }
    let Some((at, inclusive)) = split else {
        let keyed = matches!(trees.first(), Some(TokenTree::Ident(i)) if i == "min" || i == "max");
        let message = if keyed {
            "expected a range, not `min`/`max`: write `1..=10` for both bounds, `1..` or `..=10` \
             for one"
        } else {
            "expected a range such as `1..=10`, `0..`, `..100` or `0.0..1.0`"
        };
        return Err(if tokens.is_empty() {
            syn::Error::new(span, message)
        } else {
            syn::Error::new_spanned(&tokens, message)
        });
    };
    let lo: TokenStream = trees[..at].iter().cloned().collect();
    let hi: TokenStream = trees[at + 2 + usize::from(inclusive)..]
        .iter()
        .cloned()
        .collect();
    Ok(RawRange {
        span,
        tokens,
        lo: (!lo.is_empty()).then_some(lo),
        hi: (!hi.is_empty()).then_some(hi),
        inclusive,
    })
}

pub(super) fn range_source(range: &RawRange) -> String {
    let part = |t: &Option<TokenStream>| {
        t.as_ref()
            .map(|t| t.to_string().replace(' ', ""))
            .unwrap_or_default()
    };
    format!(
        "{}{}{}",
        part(&range.lo),
        if range.inclusive { "..=" } else { ".." },
        part(&range.hi)
    )
}

pub(super) fn is_punct(tree: &TokenTree, ch: char) -> bool {
    matches!(tree, TokenTree::Punct(p) if p.as_char() == ch)
}
