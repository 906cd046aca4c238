//! [`RuntimeModel`]: a built [`Definition`](super::Definition), shared by its records.

use super::define::{Definition, Kind, RecordCheck};
use super::plan::Plan;
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
    /// Whether its values may hold models ([`Kind::nests`]).
    pub(crate) nests: bool,
    pub(crate) rules: Box<[Compiled]>,
    /// The rules folded into one test specialised on the kind.
    pub(crate) plan: Plan,
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
    /// The external names, to find a field by name without comparing strings.
    pub(crate) names: Names,
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
        self.names
            .find(name)
            .or_else(|| self.fields.iter().position(|f| f.ident == name))
            .ok_or_else(|| UnknownField::new(self.meta, name))
    }
}

/// The external names of a model's fields, each as its length and its first and last eight
/// bytes: a name of up to 16 bytes is found by comparing integers, a longer one is compared in
/// full once those match.
pub(crate) struct Names {
    keys: Box<[(u64, u64, usize)]>,
    names: Box<[&'static str]>,
}

impl Names {
    pub(crate) fn new(names: impl IntoIterator<Item = &'static str>) -> Names {
        let names: Box<[&'static str]> = names.into_iter().collect();
        Names {
            keys: names.iter().map(|name| key(name)).collect(),
            names,
        }
    }

    /// The index of the field whose external name is `name`.
    #[inline]
    pub(crate) fn find(&self, name: &str) -> Option<usize> {
        self.find_from(name, 0)
    }

    /// [`Names::find`], trying the field at `hint` first: documents mostly list fields in the
    /// model's order, so a reader passes the index after the last field read.
    #[inline]
    pub(crate) fn find_from(&self, name: &str, hint: usize) -> Option<usize> {
        let wanted = key(name);
        if self.keys.get(hint) == Some(&wanted) && (name.len() <= 16 || self.names[hint] == name) {
            return Some(hint);
        }
        if name.len() <= 16 {
            self.keys.iter().position(|k| *k == wanted)
        } else {
            (0..self.keys.len()).find(|&i| self.keys[i] == wanted && self.names[i] == name)
        }
    }
}

/// The length of `name` and its first and last eight bytes, or for a shorter name its first
/// and last four, two or one (overlapping reads that together cover every byte).
#[inline]
fn key(name: &str) -> (u64, u64, usize) {
    let bytes = name.as_bytes();
    let len = bytes.len();
    if let (Some(head), Some(tail)) = (bytes.first_chunk::<8>(), bytes.last_chunk::<8>()) {
        return (u64::from_le_bytes(*head), u64::from_le_bytes(*tail), len);
    }
    let ends = if let (Some(head), Some(tail)) = (bytes.first_chunk::<4>(), bytes.last_chunk::<4>())
    {
        u64::from(u32::from_le_bytes(*head)) | u64::from(u32::from_le_bytes(*tail)) << 32
    } else if let (Some(head), Some(tail)) = (bytes.first_chunk::<2>(), bytes.last_chunk::<2>()) {
        u64::from(u16::from_le_bytes(*head)) | u64::from(u16::from_le_bytes(*tail)) << 16
    } else {
        bytes.first().map_or(0, |&b| u64::from(b))
    };
    (ends, 0, len)
}

impl fmt::Debug for RuntimeModel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RuntimeModel")
            .field("name", &self.name)
            .field("fields", &self.field_names().collect::<Vec<_>>())
            .finish()
    }
}
