//! The judgements on one rule: known name, arguments that fit, literal bounds in order,
//! patterns that build, messages that name real parameters, features that are on.

use super::*;

/// Duplicates and conflicts at one level, then each rule.
pub(super) fn check_rules(cx: &mut Ctxt, raw: Vec<RawRule>) -> Vec<Rule> {
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

pub(super) const CONFLICTS: &[(&str, &str, &str)] = &[
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

pub(super) fn check_rule(cx: &mut Ctxt, rule: RawRule) -> Option<Rule> {
    let span = rule.ident.span();
    let constant = match &rule.kind {
        RuleKind::Range(range) => [&range.lo, &range.hi]
            .into_iter()
            .all(|bound| bound.as_ref().is_none_or(|t| literal_number(t).is_some())),
        RuleKind::OneOf(values) => values.iter().all(is_literal),
        RuleKind::Check(_) | RuleKind::With(_) => false,
        _ => true,
    };
    let kind = match rule.kind {
        RuleKind::Range(range) => Kind::Builtin(Builtin::Range(check_range(cx, &range, "range")?)),
        RuleKind::Length { bytes, range } => Kind::Builtin(Builtin::Length {
            bytes: bytes.is_some(),
            bounds: check_length(cx, &range)?,
        }),
        RuleKind::NonNegative => Kind::Builtin(Builtin::NonNegative),
        RuleKind::Positive => Kind::Builtin(Builtin::Positive),
        RuleKind::NonEmpty => Kind::Builtin(Builtin::NonEmpty),
        RuleKind::Ascii => Kind::Builtin(Builtin::Text(TextRule::Ascii)),
        RuleKind::Alphanumeric => Kind::Builtin(Builtin::Text(TextRule::Alphanumeric)),
        RuleKind::Email => {
            needs_feature(cx, cfg!(feature = "email"), "email", span)?;
            Kind::Builtin(Builtin::Text(TextRule::Email))
        }
        RuleKind::Url => {
            needs_feature(cx, cfg!(feature = "url"), "url", span)?;
            Kind::Builtin(Builtin::Text(TextRule::Url))
        }
        RuleKind::Prefix(lit) => Kind::Builtin(Builtin::Text(TextRule::Prefix(lit))),
        RuleKind::Suffix(lit) => Kind::Builtin(Builtin::Text(TextRule::Suffix(lit))),
        RuleKind::Contains(lit) => Kind::Builtin(Builtin::Text(TextRule::Contains(lit))),
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
            Kind::Builtin(Builtin::OneOf(values))
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
        RuleKind::Check(path) => Kind::Check(path),
        RuleKind::With(value) => Kind::With(value),
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

/// The parameters each built-in rule reports: what a custom message may name in braces.
pub(super) const PARAMETERS: &[(&str, &[&str])] = &[
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
pub(super) fn check_placeholders(cx: &mut Ctxt, rule: &str, message: &LitStr) {
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
pub(super) fn check_pattern(cx: &mut Ctxt, lit: &LitStr, _: Span) -> bool {
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
/// syntax configuration and NFA size limit), reporting it if not: a pattern that parses can
/// still compile to more than the limit (`a{99999999}`), and would then fail every value. Only
/// the Thompson NFA is built, the automaton whose size `regex` limits (its search engines are
/// built from it), so the derive needs no search engine of its own.
#[cfg(feature = "regex")]
pub(super) fn check_pattern_size(cx: &mut Ctxt, lit: &LitStr) -> bool {
    use regex_automata::nfa::thompson;
    use regex_automata::util::syntax;
    // `regex`'s defaults (`RegexBuilder::new`), which `Pattern` uses.
    const SIZE_LIMIT: usize = 10 * (1 << 20);
    let built = thompson::Compiler::new()
        .configure(
            thompson::Config::new()
                .nfa_size_limit(Some(SIZE_LIMIT))
                .utf8(true),
        )
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
pub(super) fn needs_feature(cx: &mut Ctxt, on: bool, feature: &str, span: Span) -> Option<()> {
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
pub(super) fn check_pattern(cx: &mut Ctxt, _: &LitStr, span: Span) -> bool {
    cx.error(
        span,
        "`pattern` needs the `regex` feature of `valid-model` (the `model` crate), which is on \
         by default: add `features = [\"regex\"]` to its line in `Cargo.toml`",
    );
    false
}

/// A literal (`"a"`, `3`, `-1.5`, `'c'`, `true`), as a constant expression is sure to be.
pub(super) fn is_literal(tokens: &TokenStream) -> bool {
    let trees: Vec<TokenTree> = tokens.clone().into_iter().collect();
    match trees.as_slice() {
        [TokenTree::Literal(_)] => true,
        [TokenTree::Punct(p), TokenTree::Literal(_)] => p.as_char() == '-',
        [TokenTree::Ident(i)] => i == "true" || i == "false",
        _ => false,
    }
}

pub(super) fn literal_number(tokens: &TokenStream) -> Option<f64> {
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

/// A range's bounds, if it has at least one and they are in order and leave it not empty.
pub(super) fn check_range(cx: &mut Ctxt, range: &RawRange, rule: &str) -> Option<Bounds> {
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
    Some(Bounds {
        lo: range.lo.clone(),
        hi: range.hi.clone(),
        inclusive: range.inclusive,
    })
}

/// A length's bounds: a range's, each a whole number of zero or more when it is a literal.
pub(super) fn check_length(cx: &mut Ctxt, range: &RawRange) -> Option<Bounds> {
    let bounds = check_range(cx, range, "length")?;
    for bound in [&bounds.lo, &bounds.hi].into_iter().flatten() {
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
    if let Some(hi) = &bounds.hi {
        if !bounds.inclusive && literal_number(hi) == Some(0.0) {
            range_error(cx, range, "empty range: no length is less than 0");
            return None;
        }
    }
    Some(bounds)
}

/// An error that underlines the whole range, from its first token to its last.
pub(super) fn range_error(cx: &mut Ctxt, range: &RawRange, message: impl std::fmt::Display) {
    cx.push(if range.tokens.is_empty() {
        syn::Error::new(range.span, message)
    } else {
        syn::Error::new_spanned(&range.tokens, message)
    });
}
