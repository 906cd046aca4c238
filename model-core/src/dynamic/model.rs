//! [`RuntimeModel`]: a built [`Definition`](super::Definition), shared by its records.

use super::define::{Definition, Kind, RecordCheck};
use super::rules::Compiled;
use super::slot::Slot;
use crate::meta::{ModelMeta, UnknownField};
use std::fmt;

/// One field, ready for records: its names, kind, compiled rules and default slot.
pub(crate) struct FieldDesc {
    /// The external name.
    pub(crate) name: &'static str,
    /// The field's own name.
    pub(crate) ident: &'static str,
    pub(crate) kind: Kind,
    pub(crate) rules: Box<[Compiled]>,
    pub(crate) default: Option<Slot>,
    pub(crate) readonly: bool,
    pub(crate) secret: bool,
}

impl FieldDesc {
    /// Whether input may lack the field: it has a default or is optional.
    pub(crate) fn missing(&self) -> Option<Slot> {
        match (&self.default, &self.kind) {
            (Some(slot), _) => Some(slot.clone()),
            (None, Kind::Optional(_)) => Some(Slot::Null),
            _ => None,
        }
    }

    /// How its rules' errors are recorded.
    pub(crate) fn how(&self) -> crate::error::How {
        crate::error::How {
            message: None,
            secret: self.secret,
        }
    }
}

/// A model defined at run time: built once from a [`Definition`], then shared (as
/// `&'static RuntimeModel`) by every [`Record`](super::Record) of it.
///
/// Built models are leaked, once each, to live for the rest of the program: their metadata is a
/// `&'static ModelMeta`, as a compiled model's is.
pub struct RuntimeModel {
    pub(crate) name: &'static str,
    pub(crate) fields: Box<[FieldDesc]>,
    pub(crate) checks: Box<[(&'static str, RecordCheck)]>,
    pub(crate) unknown_fields: bool,
    pub(crate) meta: &'static ModelMeta,
    pub(crate) definition: Definition,
}

impl RuntimeModel {
    /// The model's name.
    pub fn name(&self) -> &'static str {
        self.name
    }

    /// The metadata, through the same types as a compiled model's
    /// ([`Model::meta`](crate::Model::meta)): fields with their kinds as [`Shape`](crate::Shape)s,
    /// rules with their parameters, defaults, read-only and secret flags.
    pub fn meta(&self) -> &'static ModelMeta {
        self.meta
    }

    /// The definition the model was built from.
    pub fn definition(&self) -> &Definition {
        &self.definition
    }

    /// The external names of the fields, in order.
    pub fn field_names(&self) -> impl ExactSizeIterator<Item = &'static str> + '_ {
        self.fields.iter().map(|f| f.name)
    }

    /// The number of fields (the number of slots of each record).
    pub fn field_count(&self) -> usize {
        self.fields.len()
    }

    /// Whether input may hold fields the model lacks.
    pub fn allows_unknown_fields(&self) -> bool {
        self.unknown_fields
    }

    /// The slot index of the field called `name` (external name first, then its own name), or
    /// an error naming the fields close to `name`.
    pub fn field_index(&self, name: &str) -> Result<usize, UnknownField> {
        self.fields
            .iter()
            .position(|f| f.name == name)
            .or_else(|| self.fields.iter().position(|f| f.ident == name))
            .ok_or_else(|| UnknownField::new(self.meta, name))
    }
}

impl fmt::Debug for RuntimeModel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RuntimeModel")
            .field("name", &self.name)
            .field("fields", &self.field_names().collect::<Vec<_>>())
            .finish()
    }
}
