//! [`DefineError`] and [`DefineErrors`]: what is wrong with a [`Definition`](super::Definition).

use std::fmt;

/// A mistake in a [`Definition`](super::Definition).
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum DefineError {
    /// The model's name is empty.
    EmptyModelName,
    /// A field's name (or rename) is empty.
    EmptyFieldName {
        /// The model.
        model: String,
        /// The field's position.
        index: usize,
    },
    /// Two fields share a name (their own or external).
    DuplicateField {
        /// The model.
        model: String,
        /// The name.
        field: String,
    },
    /// A rule does not apply to the field's kind.
    RuleDoesNotFit {
        /// The model.
        model: String,
        /// The field.
        field: String,
        /// The rule's name.
        rule: &'static str,
        /// The kind it was applied to.
        kind: String,
        /// Why, when more than the kind is at fault.
        reason: String,
    },
    /// A default value is not of the field's kind or breaks one of its rules.
    BadDefault {
        /// The model.
        model: String,
        /// The field.
        field: String,
        /// What is wrong with it.
        reason: String,
    },
    /// The name is already registered (by a compiled or a runtime model).
    DuplicateModel(String),
    /// A field of a model being registered is called (externally) like the registry's tag,
    /// `type`, the key that names the model in the registry's documents.
    FieldIsTag {
        /// The model.
        model: String,
        /// The field's external name.
        field: String,
    },
}

impl fmt::Display for DefineError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::EmptyModelName => f.write_str("a model needs a name"),
            Self::EmptyFieldName { model, index } => {
                write!(f, "field {index} of `{model}` has an empty name")
            }
            Self::DuplicateField { model, field } => {
                write!(f, "`{model}` has two fields called `{field}`")
            }
            Self::RuleDoesNotFit {
                model,
                field,
                rule,
                kind,
                reason,
            } => write!(
                f,
                "rule `{rule}` does not apply to field `{field}` of `{model}` ({kind}){}",
                Why(reason)
            ),
            Self::BadDefault {
                model,
                field,
                reason,
            } => write!(
                f,
                "the default of field `{field}` of `{model}` is invalid: {reason}"
            ),
            Self::DuplicateModel(name) => {
                write!(f, "a model called `{name}` is already registered")
            }
            Self::FieldIsTag { model, field } => write!(
                f,
                "`{model}` has a field called `{field}`, the registry's tag: it cannot be registered"
            ),
        }
    }
}

impl std::error::Error for DefineError {}

struct Why<'a>(&'a str);

impl fmt::Display for Why<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_empty() {
            Ok(())
        } else {
            write!(f, ": {}", self.0)
        }
    }
}

/// Every mistake of a [`Definition`](super::Definition), in field order.
#[derive(Clone, Debug, PartialEq)]
pub struct DefineErrors(pub(crate) Vec<DefineError>);

impl DefineErrors {
    /// The mistakes.
    pub fn as_slice(&self) -> &[DefineError] {
        &self.0
    }

    /// How many mistakes.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there is none (never, for an error returned).
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Display for DefineErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, error) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            fmt::Display::fmt(error, f)?;
        }
        Ok(())
    }
}

impl std::error::Error for DefineErrors {}
