//! [`Definition::build`](super::Definition::build): the definition checked, its rules compiled,
//! its metadata written, and the model leaked once.

use super::define::{Definition, Field, FieldRule, Kind};
use super::error::{DefineError, DefineErrors};
use super::model::{FieldDesc, RuntimeModel};
use super::plan::Plan;
use super::rules::{apply_rules, compile, leak, Compiled};
use super::slot::Slot;
use crate::error::{Params, ValidationErrors};
use crate::meta::{FieldMeta, ModelMeta, RuleMeta, Target};
use crate::path::Trail;
use crate::shape::Shape;
use std::collections::HashSet;
use std::ops::Bound;

fn leak_value<T>(value: T) -> &'static T {
    Box::leak(Box::new(value))
}

/// The shape of `kind`.
pub(crate) fn shape(kind: &Kind) -> Shape {
    match kind {
        Kind::Bool => Shape::Bool,
        Kind::Integer(int) => {
            let (min, max) = match int {
                super::Int::I64 => (None, None),
                super::Int::U64 => (Some(0), None),
                int => (Some(int.min()), Some(int.max())),
            };
            Shape::Integer {
                format: int.format(),
                min,
                max,
            }
        }
        Kind::Float => Shape::Float { format: "double" },
        Kind::Text => Shape::Str,
        Kind::List(item) => Shape::List(leak_value(shape(item))),
        Kind::Map(value) => Shape::Map {
            key: &Shape::Str,
            value: leak_value(shape(value)),
        },
        Kind::Optional(inner) => Shape::Optional(leak_value(shape(inner))),
        Kind::Model(model) => Shape::Dynamic(model.meta()),
        Kind::Any => Shape::Unknown,
        #[cfg(feature = "json")]
        Kind::Compiled(model) => Shape::Object(model.meta),
    }
}

/// The rule's arguments as `#[model(...)]` would write them.
fn source(rule: &FieldRule) -> String {
    fn bound(b: &Bound<crate::value::Value>) -> String {
        match b {
            Bound::Included(v) | Bound::Excluded(v) => v.to_string(),
            Bound::Unbounded => String::new(),
        }
    }
    fn opt(n: &Option<usize>) -> String {
        n.map(|n| n.to_string()).unwrap_or_default()
    }
    match rule {
        FieldRule::Length { min, max } => format!("{}..={}", opt(min), opt(max)),
        FieldRule::ByteLength { min, max } => format!("bytes = {}..={}", opt(min), opt(max)),
        FieldRule::Range { min, max } => {
            let low = bound(min);
            let high = bound(max);
            let start = if matches!(min, Bound::Excluded(_)) {
                ">"
            } else {
                ""
            };
            let end = if matches!(max, Bound::Included(_)) {
                "="
            } else {
                ""
            };
            format!("{low}{start}..{end}{high}")
        }
        FieldRule::OneOf(values) => crate::value::Value::List(values.clone()).to_string(),
        FieldRule::Pattern(text)
        | FieldRule::Contains(text)
        | FieldRule::Prefix(text)
        | FieldRule::Suffix(text) => format!("{text:?}"),
        FieldRule::Check { name, .. } => name.clone(),
        FieldRule::Message { rule, .. } => source(rule),
        _ => String::new(),
    }
}

/// The metadata of `rules` (compiled as `compiled`), flattened: rules inside `each`, `keys` and
/// `values` are listed with their target, outermost first. A custom message around a rule is
/// its message, and that of the rules it holds (as the rules run): the innermost one wins.
fn rule_metas(
    rules: &[FieldRule],
    compiled: &[Compiled],
    within: &[Target],
    message: Option<&'static str>,
    out: &mut Vec<RuleMeta>,
) {
    for (mut rule, mut compiled) in rules.iter().zip(compiled) {
        let mut message = message;
        while let (
            FieldRule::Message {
                rule: inner,
                message: text,
            },
            Compiled::Message(c, _),
        ) = (rule, compiled)
        {
            rule = inner;
            compiled = c;
            message = Some(leak(text));
        }
        let (inner, target) = match rule {
            FieldRule::Each(inner) => (inner, Target::Each),
            FieldRule::Keys(inner) => (inner, Target::Keys),
            FieldRule::Values(inner) => (inner, Target::Values),
            _ => {
                let target = within.first().copied().unwrap_or(Target::Value);
                let params: &'static Params = leak_value(compiled.params());
                let mut meta = RuleMeta::fixed(rule.name(), target, leak(&source(rule)), params);
                if within.len() > 1 {
                    meta = meta.within(Box::leak(within.to_vec().into_boxed_slice()));
                }
                if let Some(message) = message {
                    meta = meta.message(message);
                }
                out.push(meta);
                continue;
            }
        };
        let inner_compiled: &[Compiled] = match compiled {
            Compiled::Each(c) | Compiled::Keys(c) => c,
            _ => &[],
        };
        let mut path = within.to_vec();
        path.push(target);
        rule_metas(inner, inner_compiled, &path, message, out);
    }
}

/// One field checked and compiled, or its mistakes pushed to `errors`.
fn field(model: &str, field: &Field, errors: &mut Vec<DefineError>) -> Option<FieldDesc> {
    let before = errors.len();
    let mut compiled = Vec::with_capacity(field.rules.len());
    for rule in &field.rules {
        match compile(rule, &field.kind) {
            Ok(rule) => compiled.push(rule),
            Err((rule, reason)) => errors.push(DefineError::RuleDoesNotFit {
                model: model.into(),
                field: field.name.clone(),
                rule,
                kind: field.kind.name(),
                reason,
            }),
        }
    }
    if errors.len() > before {
        return None;
    }
    let name = leak(field.external_name());
    let desc = FieldDesc {
        name,
        ident: if field.rename.is_some() {
            leak(&field.name)
        } else {
            name
        },
        kind: field.kind.clone(),
        nests: field.kind.nests(),
        plan: Plan::new(&field.kind, &compiled),
        rules: compiled.into_boxed_slice(),
        default: None,
        readonly: field.readonly,
        secret: field.secret,
    };
    let default = match &field.default {
        None => None,
        Some(value) => {
            let mut report = ValidationErrors::default();
            let slot = Slot::from_value(&desc.kind, value.clone(), &Trail::Root, &mut report);
            if let Some(slot) = &slot {
                apply_rules(&desc, slot, &Trail::Root, &mut report);
            }
            if !report.is_empty() {
                errors.push(DefineError::BadDefault {
                    model: model.into(),
                    field: field.name.clone(),
                    reason: report.to_string(),
                });
                return None;
            }
            slot
        }
    };
    Some(FieldDesc { default, ..desc })
}

/// The metadata of a field.
fn field_meta(field: &Field, desc: &FieldDesc) -> FieldMeta {
    let mut rules = Vec::new();
    rule_metas(&field.rules, &desc.rules, &[], None, &mut rules);
    let mut meta = FieldMeta::new(desc.name, leak(&field.kind.name()))
        .rust_name(desc.ident)
        .doc(leak(&field.doc))
        .rules(Box::leak(rules.into_boxed_slice()))
        .readonly(field.readonly)
        .secret(field.secret)
        .optional(matches!(field.kind, Kind::Optional(_)))
        .has_default(field.default.is_some())
        .fixed_shape(shape(&field.kind));
    // A secret's default stays out of the metadata (and the schema), as a compiled model's.
    if let Some(default) = field.default.as_ref().filter(|_| !field.secret) {
        meta = meta.fixed_default(leak_value(default.clone()));
    }
    meta
}

pub(crate) fn build(definition: Definition) -> Result<&'static RuntimeModel, DefineErrors> {
    let mut errors = Vec::new();
    let model = definition.name.as_str();
    if model.is_empty() {
        errors.push(DefineError::EmptyModelName);
    }
    let mut seen: HashSet<&str> = HashSet::with_capacity(definition.fields.len());
    let mut fields = Vec::with_capacity(definition.fields.len());
    for (index, f) in definition.fields.iter().enumerate() {
        if f.name.is_empty() || f.rename.as_deref() == Some("") {
            errors.push(DefineError::EmptyFieldName {
                model: model.into(),
                index,
            });
            continue;
        }
        let mut names = vec![f.name.as_str()];
        if let Some(rename) = f.rename.as_deref().filter(|r| *r != f.name) {
            names.push(rename);
        }
        for name in names {
            if !seen.insert(name) {
                errors.push(DefineError::DuplicateField {
                    model: model.into(),
                    field: name.into(),
                });
            }
        }
        if let Some(desc) = field(model, f, &mut errors) {
            fields.push(desc);
        }
    }
    if !errors.is_empty() {
        return Err(DefineErrors(errors));
    }
    let name = leak(model);
    let metas: Vec<FieldMeta> = definition
        .fields
        .iter()
        .zip(&fields)
        .map(|(f, desc)| field_meta(f, desc))
        .collect();
    let checks: Vec<&'static str> = definition.checks.iter().map(|(n, _)| leak(n)).collect();
    let meta = leak_value(
        ModelMeta::new(name)
            .doc(leak(&definition.doc))
            .fields(Box::leak(metas.into_boxed_slice()))
            .checks(Box::leak(checks.clone().into_boxed_slice()))
            .unknown_fields(definition.unknown_fields),
    );
    let names = super::model::Names::new(fields.iter().map(|f| f.name));
    Ok(leak_value(RuntimeModel {
        name,
        names,
        fields: fields.into_boxed_slice(),
        checks: checks
            .into_iter()
            .zip(definition.checks.iter().map(|(_, c)| c.clone()))
            .collect(),
        unknown_fields: definition.unknown_fields,
        meta,
        definition,
    }))
}
