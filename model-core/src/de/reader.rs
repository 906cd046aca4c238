//! The full pass's `Deserializer`: it reads values from a [`Node`] tree, and its error carries a
//! report of violations instead of text. Each step down the tree (a field, an element, an entry,
//! a variant) puts itself in front of the paths of the errors that come back up through it, so
//! that a model anywhere (inside plain serde structs, sequences, maps, options, enums) reports
//! full paths.

use super::document::{Kind, Node, Wide};
use super::pass;
use crate::error::{Error, ValidationErrors};
use crate::path::{Path, Segment, Trail};
use serde::de::{self, DeserializeSeed, Deserializer, Expected, Unexpected, Visitor};
use serde::forward_to_deserialize_any;
use std::borrow::Cow;
use std::cell::Cell;
use std::fmt;

/// An error of the full pass: the violations found below the value that failed, with paths
/// from that value.
pub(crate) struct DocError {
    report: Cell<ValidationErrors>,
    /// Whether the step that read the failed value is already in front of the paths.
    stepped: Cell<bool>,
    /// Whether the report is every problem of the value that failed: one a model (or a reader
    /// of a model's field) carried, which read on past each problem. An error that passed a
    /// step up is not: the container above may have stopped at it.
    complete: bool,
}

impl DocError {
    fn new(report: ValidationErrors) -> DocError {
        DocError {
            report: Cell::new(report),
            stepped: Cell::new(false),
            complete: false,
        }
    }

    /// Whether the report is every problem of the value (see the field).
    pub(crate) fn complete(&self) -> bool {
        self.complete
    }

    fn one(error: Error) -> DocError {
        let mut report = ValidationErrors::new();
        report.add(&Trail::Root, error);
        DocError::new(report)
    }

    pub(crate) fn into_report(self) -> ValidationErrors {
        self.report.into_inner()
    }

    /// This error seen from one step up: `step` in front of every path.
    fn under(self, step: Segment) -> DocError {
        let mut report = self.report.into_inner();
        report.prepend(&std::iter::once(step).collect::<Path>());
        DocError {
            report: Cell::new(report),
            stepped: Cell::new(true),
            complete: false,
        }
    }
}

impl fmt::Debug for DocError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let report = self.report.take();
        let result = fmt::Debug::fmt(&report, f);
        self.report.set(report);
        result
    }
}

impl fmt::Display for DocError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if pass::asking() {
            // `pass::take` wants the report itself, not its text.
            pass::answer(self.report.take(), self.stepped.get());
            return Ok(());
        }
        let report = self.report.take();
        let result = fmt::Display::fmt(&report, f);
        self.report.set(report);
        result
    }
}

impl std::error::Error for DocError {}

/// The name of a value's kind, without the value: what an error says was found.
fn kind(unexpected: &Unexpected<'_>) -> crate::value::Value {
    use crate::value::Value;
    Value::str(match unexpected {
        Unexpected::Bool(_) => "a boolean",
        Unexpected::Unsigned(_) | Unexpected::Signed(_) => "an integer",
        Unexpected::Float(_) => "a decimal number",
        Unexpected::Char(_) => "a character",
        Unexpected::Str(_) => "a string",
        Unexpected::Bytes(_) => "bytes",
        Unexpected::Unit => "null",
        Unexpected::Option => "an optional value",
        Unexpected::NewtypeStruct => "a newtype struct",
        Unexpected::Seq => "a sequence",
        Unexpected::Map => "a map",
        Unexpected::Enum => "an enum",
        Unexpected::UnitVariant => "a unit variant",
        Unexpected::NewtypeVariant => "a newtype variant",
        Unexpected::TupleVariant => "a tuple variant",
        Unexpected::StructVariant => "a struct variant",
        Unexpected::Other(other) => return Value::Str(Cow::Owned((*other).to_owned())),
    })
}

/// The value of a scalar, as a parameter (named `value`, so that a secret field hides it).
fn scalar(unexpected: &Unexpected<'_>) -> Option<crate::value::Value> {
    use crate::value::Value;
    match *unexpected {
        Unexpected::Bool(b) => Some(Value::Bool(b)),
        Unexpected::Unsigned(n) => Some(Value::UInt(n)),
        Unexpected::Signed(n) => Some(Value::Int(n)),
        Unexpected::Float(n) => Some(Value::Float(n)),
        Unexpected::Char(c) => Some(Value::Str(Cow::Owned(c.to_string()))),
        Unexpected::Str(s) => Some(Value::Str(Cow::Owned(s.to_owned()))),
        _ => None,
    }
}

const INTEGERS: [&str; 12] = [
    "u8", "u16", "u32", "u64", "u128", "usize", "i8", "i16", "i32", "i64", "i128", "isize",
];

fn list(names: &'static [&'static str]) -> String {
    names
        .iter()
        .map(|name| format!("`{name}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

impl de::Error for DocError {
    fn custom<T: fmt::Display>(message: T) -> DocError {
        if let Some(report) = pass::handed() {
            return DocError {
                complete: true,
                ..DocError::new(report)
            };
        }
        let message = message.to_string();
        let code = if message.starts_with("data did not match any variant") {
            "no_variant"
        } else {
            "invalid"
        };
        DocError::one(Error::custom(message).with_code(code))
    }

    fn invalid_type(unexpected: Unexpected<'_>, expected: &dyn Expected) -> DocError {
        DocError::one(
            Error::new("invalid_type", "expected {expected}, found {found}")
                .with_param("expected", expected.to_string())
                .with_param("found", kind(&unexpected)),
        )
    }

    fn invalid_value(unexpected: Unexpected<'_>, expected: &dyn Expected) -> DocError {
        let expected = expected.to_string();
        let number = matches!(
            unexpected,
            Unexpected::Unsigned(_) | Unexpected::Signed(_) | Unexpected::Float(_)
        );
        let mut error = if number && INTEGERS.contains(&expected.as_str()) {
            Error::new("out_of_range", "must fit in {type} (got {value})")
                .with_param("type", expected)
        } else {
            Error::new("invalid_value", "expected {expected}, found {found}")
                .with_param("expected", expected)
                .with_param("found", kind(&unexpected))
        };
        if let Some(value) = scalar(&unexpected) {
            error = error.with_param("value", value);
        }
        DocError::one(error)
    }

    fn invalid_length(len: usize, expected: &dyn Expected) -> DocError {
        DocError::one(
            Error::new(
                "invalid_length",
                "expected {expected}, found {len} elements",
            )
            .with_param("expected", expected.to_string())
            .with_param("len", len),
        )
    }

    fn unknown_variant(variant: &str, expected: &'static [&'static str]) -> DocError {
        DocError::one(
            Error::new(
                "unknown_variant",
                "unknown variant {value}; expected one of {expected}",
            )
            .with_param("value", variant.to_owned())
            .with_param("expected", list(expected)),
        )
    }

    fn unknown_field(field: &str, expected: &'static [&'static str]) -> DocError {
        let mut report = ValidationErrors::new();
        report.push(crate::error::Violation::new(
            Path::field(field.to_owned()),
            unknown_field(expected),
        ));
        DocError::new(report)
    }

    fn missing_field(field: &'static str) -> DocError {
        let mut report = ValidationErrors::new();
        report.add(&Trail::Root.field(field), Error::required());
        DocError::new(report)
    }

    fn duplicate_field(field: &'static str) -> DocError {
        let mut report = ValidationErrors::new();
        report.add(&Trail::Root.field(field), duplicate_field());
        DocError::new(report)
    }
}

/// The error of a key that names no field.
pub(crate) fn unknown_field(expected: &'static [&'static str]) -> Error {
    Error::new("unknown_field", "unknown field; expected one of {expected}")
        .with_param("expected", list(expected))
}

pub(crate) use crate::error::duplicate_field;

/// Reads one node. `from`, for the root only, is the first element or entry to read: an
/// earlier attempt stopped at the one before.
pub(crate) struct NodeDeserializer<'a, 'de> {
    node: &'a Node<'de>,
    from: usize,
}

impl<'a, 'de> NodeDeserializer<'a, 'de> {
    pub(crate) fn new(node: &'a Node<'de>, from: usize) -> NodeDeserializer<'a, 'de> {
        NodeDeserializer { node, from }
    }

    fn child(node: &'a Node<'de>) -> NodeDeserializer<'a, 'de> {
        NodeDeserializer { node, from: 0 }
    }

    fn map<V: Visitor<'de>>(self, visitor: V, fields: bool) -> Result<V::Value, DocError> {
        match &self.node.kind {
            Kind::Map(entries) => visitor.visit_map(NodeMap {
                entries,
                next: self.from,
                value: None,
                fields,
            }),
            Kind::Seq(items) => seq(items, self.from, visitor),
            // As serde_json does for a struct: a map or a sequence, or else a type error that
            // names what the visitor expects (none of its other `visit_` methods is called,
            // so none is compiled for a model).
            _ => Err(de::Error::invalid_type(unexpected(self.node), &visitor)),
        }
    }
}

/// What serde calls the value of `node`, for a type error.
fn unexpected<'a>(node: &'a Node<'_>) -> Unexpected<'a> {
    match &node.kind {
        Kind::Unit => Unexpected::Unit,
        Kind::Bool(b) => Unexpected::Bool(*b),
        Kind::U64(n) => Unexpected::Unsigned(*n),
        Kind::I64(n) => Unexpected::Signed(*n),
        Kind::Wide(_) => Unexpected::Other("an integer"),
        Kind::TooLarge(..) => Unexpected::Other("a number"),
        Kind::Map(_) if node.date().is_some() => Unexpected::Other("a date"),
        Kind::F64(n) => Unexpected::Float(*n),
        Kind::Str(s) => Unexpected::Str(s),
        Kind::Bytes(b) => Unexpected::Bytes(b),
        Kind::Seq(_) => Unexpected::Seq,
        Kind::Map(_) => Unexpected::Map,
    }
}

impl<'a, 'de> Deserializer<'de> for NodeDeserializer<'a, 'de> {
    type Error = DocError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DocError> {
        match &self.node.kind {
            Kind::Unit => visitor.visit_unit(),
            Kind::Bool(b) => visitor.visit_bool(*b),
            Kind::U64(n) => visitor.visit_u64(*n),
            Kind::I64(n) => visitor.visit_i64(*n),
            // As serde_json hands any value an integer past 64 bits: as a float. Only a 128-bit
            // integer type asks for it whole.
            Kind::Wide(n) => visitor.visit_f64(n.as_f64()),
            Kind::TooLarge(text, ty) => Err(too_large(text, ty)),
            Kind::F64(n) => visitor.visit_f64(*n),
            Kind::Str(Cow::Borrowed(s)) => visitor.visit_borrowed_str(s),
            Kind::Str(Cow::Owned(s)) => visitor.visit_str(s),
            Kind::Bytes(b) => visitor.visit_bytes(b),
            Kind::Seq(items) => seq(items, self.from, visitor),
            Kind::Map(_) => self.map(visitor, false),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DocError> {
        match self.node.kind {
            Kind::Unit => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, DocError> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DocError> {
        self.map(visitor, true)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DocError> {
        match &self.node.kind {
            Kind::Str(_) => visitor.visit_enum(NodeEnum {
                tag: self.node,
                value: None,
            }),
            Kind::Map(entries) if entries.len() == 1 => visitor.visit_enum(NodeEnum {
                tag: &entries[0].0,
                value: Some(&entries[0].1),
            }),
            Kind::Map(_) => Err(de::Error::invalid_value(
                Unexpected::Map,
                &"a map with a single key",
            )),
            _ => self.deserialize_any(visitor),
        }
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DocError> {
        visitor.visit_unit()
    }

    narrow_integers! {
        deserialize_i8 i8, deserialize_i16 i16, deserialize_i32 i32, deserialize_i64 i64,
        deserialize_u8 u8, deserialize_u16 u16, deserialize_u32 u32, deserialize_u64 u64,
    }

    fn deserialize_u128<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DocError> {
        match self.node.kind {
            Kind::Wide(Wide::U128(n)) => visitor.visit_u128(n),
            Kind::Wide(Wide::I128(n)) => visitor.visit_i128(n),
            _ => self.deserialize_any(visitor),
        }
    }

    fn deserialize_i128<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DocError> {
        self.deserialize_u128(visitor)
    }

    forward_to_deserialize_any! {
        bool f32 f64 char str string
        bytes byte_buf unit unit_struct seq tuple tuple_struct map identifier
    }
}

/// A number the format refuses, too large for `ty`, the largest type it reads such numbers into.
#[cold]
fn too_large(text: &str, ty: &'static str) -> DocError {
    DocError::one(crate::from_value::out_of_range(
        crate::value::Value::from(text.to_owned()),
        ty,
    ))
}

/// An integer past 64 bits where `ty` is wanted.
#[cold]
fn wide_out_of_range(n: Wide, ty: &'static str) -> DocError {
    too_large(&n.to_string(), ty)
}

/// Reads `items` from `from` on with `visitor`, which must take them all: elements it leaves
/// (a fixed-size array or a tuple given more) are a problem, not silently dropped.
fn seq<'a, 'de, V: Visitor<'de>>(
    items: &'a [Node<'de>],
    from: usize,
    visitor: V,
) -> Result<V::Value, DocError> {
    let mut access = NodeSeq { items, next: from };
    let value = visitor.visit_seq(&mut access)?;
    if access.next < items.len() {
        return Err(de::Error::invalid_length(
            items.len(),
            &Elements(access.next),
        ));
    }
    Ok(value)
}

/// How many elements a sequence's reader took, as what it expected.
struct Elements(usize);

impl Expected for Elements {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            1 => f.write_str("1 element"),
            n => write!(f, "{n} elements"),
        }
    }
}

struct NodeSeq<'a, 'de> {
    items: &'a [Node<'de>],
    next: usize,
}

impl<'a, 'de> de::SeqAccess<'de> for NodeSeq<'a, 'de> {
    type Error = DocError;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, DocError> {
        let index = self.next;
        let Some(item) = self.items.get(index) else {
            return Ok(None);
        };
        self.next += 1;
        seed.deserialize(NodeDeserializer::child(item))
            .map(Some)
            .map_err(|e| e.under(Segment::Index(index)))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len().saturating_sub(self.next))
    }
}

struct NodeMap<'a, 'de> {
    entries: &'a [(Node<'de>, Node<'de>)],
    next: usize,
    /// The entry whose key was read last.
    value: Option<&'a (Node<'de>, Node<'de>)>,
    /// Whether the map is read as a struct: keys are then field names in paths.
    fields: bool,
}

impl NodeMap<'_, '_> {
    fn step(&self, key: &Node<'_>) -> Segment {
        match (&key.kind, self.fields) {
            (Kind::Str(name), true) => Segment::Field(Cow::Owned(name.to_string())),
            _ => Segment::Key(key.step()),
        }
    }
}

impl<'a, 'de> de::MapAccess<'de> for NodeMap<'a, 'de> {
    type Error = DocError;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, DocError> {
        let Some(entry) = self.entries.get(self.next) else {
            return Ok(None);
        };
        self.next += 1;
        self.value = Some(entry);
        seed.deserialize(KeyDeserializer(&entry.0))
            .map(Some)
            .map_err(|e| e.under(self.step(&entry.0)))
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, DocError> {
        let Some(entry) = self.value.take() else {
            return Err(de::Error::custom("a map value was read before its key"));
        };
        seed.deserialize(NodeDeserializer::child(&entry.1))
            .map_err(|e| e.under(self.step(&entry.0)))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.entries.len().saturating_sub(self.next))
    }
}

/// `deserialize_<integer>` for integers of up to 64 bits: an integer past 64 bits is out of
/// their range, said with its value (serde's own check has only its type to say).
macro_rules! narrow_integers {
    ($($method:ident $ty:ident,)*) => {
        $(
            fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DocError> {
                match self.node.kind {
                    Kind::Wide(n) => Err(wide_out_of_range(n, stringify!($ty))),
                    _ => self.deserialize_any(visitor),
                }
            }
        )*
    };
}
use narrow_integers;

/// Reads a map's key: as any node, except that a string key is also read as a number or a
/// boolean where one is wanted (`HashMap<u8, _>` from `{"1": ..}`), as serde_json reads keys.
struct KeyDeserializer<'a, 'de>(&'a Node<'de>);

/// `deserialize_<type>` for keys: the string parsed as the type, or else the node as it is.
macro_rules! parsed_keys {
    ($($method:ident $ty:ty => $visit:ident $(+ $wider:ident)?;)*) => {
        $(
            fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DocError> {
                let Kind::Str(text) = &self.0.kind else {
                    return NodeDeserializer::child(self.0).$method(visitor);
                };
                if let Some(value) = key_text(text).and_then(|text| text.parse::<$ty>().ok()) {
                    return visitor.$visit(value);
                }
                $(let visitor = match $wider(text, visitor) {
                    Ok(read) => return read,
                    Err(visitor) => visitor,
                };)?
                NodeDeserializer::child(self.0).$method(visitor)
            }
        )*
    };
}

/// A key's text, if serde_json would read it as what it says: `true`, `false`, or a number as
/// JSON writes one (no `+`, no leading zero, no `inf`), which Rust's `parse` is laxer about.
fn key_text(text: &str) -> Option<&str> {
    if text == "true" || text == "false" {
        return Some(text);
    }
    let digits = text.strip_prefix('-').unwrap_or(text);
    let (int, rest) = digits.split_at(digits.find(['.', 'e', 'E']).unwrap_or(digits.len()));
    let int_ok = int == "0" || (!int.is_empty() && !int.starts_with('0'));
    let all_ok = int.bytes().all(|b| b.is_ascii_digit())
        && rest
            .bytes()
            .all(|b| b.is_ascii_digit() || b"+-.eE".contains(&b));
    (int_ok && all_ok).then_some(text)
}

/// An integer key that does not fit its type, read as the wider integer it is so that the
/// type's own check says it is out of range; the visitor back if the text is no integer.
fn wider<'de, V: Visitor<'de>>(text: &str, visitor: V) -> Result<Result<V::Value, DocError>, V> {
    let Some(text) = key_text(text) else {
        return Err(visitor);
    };
    if let Ok(value) = text.parse::<u64>() {
        Ok(visitor.visit_u64(value))
    } else if let Ok(value) = text.parse::<i64>() {
        Ok(visitor.visit_i64(value))
    } else {
        Err(visitor)
    }
}

impl<'a, 'de> Deserializer<'de> for KeyDeserializer<'a, 'de> {
    type Error = DocError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DocError> {
        NodeDeserializer::child(self.0).deserialize_any(visitor)
    }

    parsed_keys! {
        deserialize_bool bool => visit_bool;
        deserialize_i8 i8 => visit_i8 + wider;
        deserialize_i16 i16 => visit_i16 + wider;
        deserialize_i32 i32 => visit_i32 + wider;
        deserialize_i64 i64 => visit_i64 + wider;
        deserialize_i128 i128 => visit_i128;
        deserialize_u8 u8 => visit_u8 + wider;
        deserialize_u16 u16 => visit_u16 + wider;
        deserialize_u32 u32 => visit_u32 + wider;
        deserialize_u64 u64 => visit_u64 + wider;
        deserialize_u128 u128 => visit_u128;
        deserialize_f32 f32 => visit_f32;
        deserialize_f64 f64 => visit_f64;
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DocError> {
        NodeDeserializer::child(self.0).deserialize_option(visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, DocError> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DocError> {
        NodeDeserializer::child(self.0).deserialize_enum(name, variants, visitor)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DocError> {
        NodeDeserializer::child(self.0).deserialize_struct(name, fields, visitor)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DocError> {
        visitor.visit_unit()
    }

    forward_to_deserialize_any! {
        char str string bytes byte_buf unit unit_struct seq tuple tuple_struct map identifier
    }
}

/// An enum: a string naming a unit variant, or a map of one entry, variant to content.
struct NodeEnum<'a, 'de> {
    tag: &'a Node<'de>,
    value: Option<&'a Node<'de>>,
}

impl<'a, 'de> de::EnumAccess<'de> for NodeEnum<'a, 'de> {
    type Error = DocError;
    type Variant = NodeVariant<'a, 'de>;

    fn variant_seed<V: DeserializeSeed<'de>>(
        self,
        seed: V,
    ) -> Result<(V::Value, NodeVariant<'a, 'de>), DocError> {
        let variant = seed.deserialize(NodeDeserializer::child(self.tag))?;
        Ok((
            variant,
            NodeVariant {
                tag: self.tag,
                value: self.value,
            },
        ))
    }
}

struct NodeVariant<'a, 'de> {
    tag: &'a Node<'de>,
    value: Option<&'a Node<'de>>,
}

impl<'a, 'de> NodeVariant<'a, 'de> {
    fn content(&self) -> Result<&'a Node<'de>, DocError> {
        self.value.ok_or_else(|| {
            de::Error::invalid_type(Unexpected::UnitVariant, &"a variant with content")
        })
    }

    fn step(&self, error: DocError) -> DocError {
        error.under(Segment::Field(Cow::Owned(self.tag.step())))
    }
}

impl<'a, 'de> de::VariantAccess<'de> for NodeVariant<'a, 'de> {
    type Error = DocError;

    fn unit_variant(self) -> Result<(), DocError> {
        match self.value {
            None
            | Some(Node {
                kind: Kind::Unit, ..
            }) => Ok(()),
            Some(_) => Err(de::Error::invalid_type(
                Unexpected::NewtypeVariant,
                &"a unit variant",
            )),
        }
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, DocError> {
        let content = self.content()?;
        seed.deserialize(NodeDeserializer::child(content))
            .map_err(|e| self.step(e))
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value, DocError> {
        let content = self.content()?;
        NodeDeserializer::child(content)
            .deserialize_seq(visitor)
            .map_err(|e| self.step(e))
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DocError> {
        let content = self.content()?;
        NodeDeserializer::child(content)
            .map(visitor, true)
            .map_err(|e| self.step(e))
    }
}
