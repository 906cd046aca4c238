//! [`Shape`]: the form a field's type takes as data (JSON and the other serde formats), part of
//! the metadata that schemas are made from.
//!
//! The derive records each field's shape from its type through [`HasShape`]; a type that does
//! not implement it (a type of another crate, a type parameter) is recorded as [`Shape::Unknown`],
//! which constrains nothing.
//!
//! ```
//! use model_core::{HasShape, Shape};
//!
//! assert!(matches!(u8::shape(), Shape::Integer { min: Some(0), max: Some(255), .. }));
//! let Shape::List(item) = Vec::<String>::shape() else { panic!("a list") };
//! assert!(matches!(*item, Shape::Str));
//! assert!(matches!(Option::<bool>::shape(), Shape::Optional(_)));
//! ```

use crate::meta::ModelMeta;
use crate::model::Model;
use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet, VecDeque};
use std::rc::Rc;
use std::sync::Arc;

/// The form of a value as data.
#[derive(Clone, Copy, Debug)]
#[non_exhaustive]
pub enum Shape {
    /// A type this crate knows nothing of: any value.
    Unknown,
    /// `true` or `false`.
    Bool,
    /// A whole number within the type's bounds (`None`: the format's own limit).
    Integer {
        /// The type, in the words of JSON Schema and OpenAPI: `int64`, `uint8`...
        format: &'static str,
        /// The smallest value, when narrower than 64 bits or unsigned.
        min: Option<i64>,
        /// The largest value, when narrower than 64 bits.
        max: Option<u64>,
    },
    /// A number: `double` or `float`.
    Float {
        /// `double` (`f64`) or `float` (`f32`).
        format: &'static str,
    },
    /// Text.
    Str,
    /// Text of exactly one character (`char`).
    Char,
    /// A sequence of items of one shape (`Vec`, sets, deques, slices).
    List(&'static Shape),
    /// A sequence of exactly `len` items (`[T; N]`).
    Array {
        /// The items' shape.
        item: &'static Shape,
        /// The number of items.
        len: usize,
    },
    /// A map (`HashMap`, `BTreeMap`): keys of one shape, values of another.
    Map {
        /// The keys' shape: text, or numbers written as text.
        key: &'static Shape,
        /// The values' shape.
        value: &'static Shape,
    },
    /// `Option<T>`: the inner shape, or null.
    Optional(&'static Shape),
    /// A model: an object described by its metadata.
    Object(fn() -> &'static ModelMeta),
    /// A model defined at run time (`model::dynamic`): an object described by its metadata.
    Dynamic(&'static ModelMeta),
}

/// A type whose [`Shape`] is known. Implemented for numbers, `bool`, `char`, text, the
/// standard collections, `Option`, and every model; implement it for your own types so that
/// schemas describe them.
///
/// ```
/// use model_core::{HasShape, Shape};
///
/// /// A port number, written as an integer.
/// struct Port(u16);
///
/// impl HasShape for Port {
///     const SHAPE: Shape = u16::SHAPE;
/// }
/// assert!(matches!(Port::shape(), Shape::Integer { format: "uint16", .. }));
/// ```
pub trait HasShape {
    /// The shape.
    const SHAPE: Shape;

    /// The shape, as a value.
    fn shape() -> Shape {
        Self::SHAPE
    }
}

impl<T: Model> HasShape for T {
    const SHAPE: Shape = Shape::Object(T::meta);
}

macro_rules! integers {
    ($($ty:ty = $format:literal, $min:expr, $max:expr;)*) => {$(
        impl HasShape for $ty {
            const SHAPE: Shape = Shape::Integer { format: $format, min: $min, max: $max };
        }
    )*};
}
integers! {
    i8 = "int8", Some(i8::MIN as i64), Some(i8::MAX as u64);
    i16 = "int16", Some(i16::MIN as i64), Some(i16::MAX as u64);
    i32 = "int32", Some(i32::MIN as i64), Some(i32::MAX as u64);
    i64 = "int64", None, None;
    isize = "int", None, None;
    i128 = "int128", None, None;
    u8 = "uint8", Some(0), Some(u8::MAX as u64);
    u16 = "uint16", Some(0), Some(u16::MAX as u64);
    u32 = "uint32", Some(0), Some(u32::MAX as u64);
    u64 = "uint64", Some(0), None;
    usize = "uint", Some(0), None;
    u128 = "uint128", Some(0), None;
}

impl HasShape for f32 {
    const SHAPE: Shape = Shape::Float { format: "float" };
}

impl HasShape for f64 {
    const SHAPE: Shape = Shape::Float { format: "double" };
}

impl HasShape for bool {
    const SHAPE: Shape = Shape::Bool;
}

impl HasShape for char {
    const SHAPE: Shape = Shape::Char;
}

macro_rules! text {
    ($($ty:ty),*) => {$(
        impl HasShape for $ty {
            const SHAPE: Shape = Shape::Str;
        }
    )*};
}
text!(str, String, Box<str>, Rc<str>, Arc<str>, Cow<'_, str>);

macro_rules! lists {
    ($([$($gen:tt)*] $ty:ty),*) => {$(
        impl<$($gen)*> HasShape for $ty {
            const SHAPE: Shape = Shape::List(&T::SHAPE);
        }
    )*};
}
lists!(
    [T: HasShape] [T], [T: HasShape] Vec<T>, [T: HasShape] VecDeque<T>, [T: HasShape] Box<[T]>,
    [T: HasShape, S] HashSet<T, S>, [T: HasShape] BTreeSet<T>
);

impl<T: HasShape, const N: usize> HasShape for [T; N] {
    const SHAPE: Shape = Shape::Array {
        item: &T::SHAPE,
        len: N,
    };
}

impl<K: HasShape, V: HasShape, S> HasShape for HashMap<K, V, S> {
    const SHAPE: Shape = Shape::Map {
        key: &K::SHAPE,
        value: &V::SHAPE,
    };
}

impl<K: HasShape, V: HasShape> HasShape for BTreeMap<K, V> {
    const SHAPE: Shape = Shape::Map {
        key: &K::SHAPE,
        value: &V::SHAPE,
    };
}

impl<T: HasShape> HasShape for Option<T> {
    const SHAPE: Shape = Shape::Optional(&T::SHAPE);
}

/// Any JSON value: no constraint.
#[cfg(feature = "json")]
impl HasShape for serde_json::Value {
    const SHAPE: Shape = Shape::Unknown;
}
