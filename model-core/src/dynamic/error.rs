//! [`DefineError`] and [`DefineErrors`]: what is wrong with a [`Definition`](super::Definition).

use std::fmt;

/// A mistake in a [`Definition`](super::Definition).
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum DefineError {
    /// The model's name is empty.
    #[error("a model needs a name")]
    EmptyModelName,
    /// A field's name (or rename) is empty.
    #[error("field {index} of `{model}` has an empty name")]
    EmptyFieldName {
        /// The model.
        model: String,
        /// The field's position.
        index: usize,
    },
    /// Two fields share a name (their own or external).
    #[error("`{model}` has two fields called `{field}`")]
    DuplicateField {
        /// The model.
        model: String,
        /// The name.
        field: String,
    },
    /// A rule does not apply to the field's kind.
    #[error("rule `{rule}` does not apply to field `{field}` of `{model}` ({kind}){}", Why(.reason))]
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
    #[error("the default of field `{field}` of `{model}` is invalid: {reason}")]
    BadDefault {
        /// The model.
        model: String,
        /// The field.
        field: String,
        /// What is wrong with it.
        reason: String,
    },
    /// The name is already registered (by a compiled or a runtime model).
    #[error("a model called `{0}` is already registered")]
    DuplicateModel(String),
    /// A field of a model being registered is called (externally) like the registry's tag,
    /// `type`, the key that names the model in the registry's documents.
    #[error("`{model}` has a field called `{field}`, the registry's tag: it cannot be registered")]
    FieldIsTag {
        /// The model.
        model: String,
        /// The field's external name.
        field: String,
    },
}

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
