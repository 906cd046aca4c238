//! Access by name: generated code converts a field of any type to and from a `Value` through
//! "autoref specialization": a method call on `&&&Get(&field)` (or `&&Set::<T>::new()`) finds the
//! `ViaToValue` (or `ViaFromValue`) impl, one reference deeper, when the type implements the
//! trait, and otherwise auto-dereferences once and finds the fallback. The choice is made where
//! the type is known: inside a generic function whose `T` has no `ToValue` bound, the fallback is
//! taken. Bring the traits into scope with `use ::model::__private::probe::*;`.

use crate::error::Error;
use crate::from_value::FromValue;
use crate::shape::{HasShape, Shape};
use crate::value::{ToValue, Value};
use std::any::type_name;
use std::borrow::Cow;
use std::fmt::{self, Debug};
use std::marker::PhantomData;

/// Shows a field of any type in a generated `Debug`: `(&&Show(&field)).__model_debug()`, its
/// own `Debug` when it has one, else its type name in angle brackets.
pub struct Show<'a, T: ?Sized>(pub &'a T);

/// What [`Show`] found: a field's `Debug`, or its type name.
pub enum Shown<'a> {
    /// The field, which implements `Debug`.
    Value(&'a dyn Debug),
    /// The type name of a field without `Debug`.
    Opaque(&'static str),
}

impl Debug for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Shown::Value(value) => value.fmt(f),
            Shown::Opaque(name) => write!(f, "<{name}>"),
        }
    }
}

/// `Show` of a `Debug` type.
pub trait ViaDebug {
    /// The field's `Debug`.
    fn __model_debug(&self) -> Shown<'_>;
}

impl<T: Debug> ViaDebug for &&Show<'_, T> {
    #[inline]
    fn __model_debug(&self) -> Shown<'_> {
        Shown::Value(self.0)
    }
}

/// `Show` of any other type.
pub trait ViaNoDebug {
    /// The field's type name.
    fn __model_debug(&self) -> Shown<'_>;
}

impl<T: ?Sized> ViaNoDebug for &Show<'_, T> {
    #[inline]
    fn __model_debug(&self) -> Shown<'_> {
        Shown::Opaque(type_name::<T>())
    }
}

/// Reads a field of any type as a [`Value`]: `(&&&Get(&field)).__model_to_value()`.
pub struct Get<'a, T: ?Sized>(pub &'a T);

/// `Get` of a [`ToValue`] type: its [`ToValue::to_value`].
pub trait ViaToValue {
    /// The field as a [`Value`].
    fn __model_to_value(&self) -> Value;
    /// The field as a [`Value`], for a default in the metadata.
    fn __model_known_value(&self) -> Option<Value>;
}

impl<T: ToValue + ?Sized> ViaToValue for &&Get<'_, T> {
    #[inline]
    fn __model_to_value(&self) -> Value {
        self.0.to_value()
    }
    fn __model_known_value(&self) -> Option<Value> {
        Some(self.0.to_value())
    }
}

/// `Get` of any other type: its type name in angle brackets, as given by [`type_name`]:
/// `"<core::net::ip_addr::Ipv4Addr>"`.
pub trait ViaOpaque {
    /// The field's type name, in angle brackets.
    fn __model_to_value(&self) -> Value;
    /// `None`: a default without a [`Value`] is left out of the metadata.
    fn __model_known_value(&self) -> Option<Value>;
}

impl<T: ?Sized> ViaOpaque for &Get<'_, T> {
    #[inline]
    fn __model_to_value(&self) -> Value {
        opaque(type_name::<T>())
    }
    fn __model_known_value(&self) -> Option<Value> {
        None
    }
}

/// The [`Shape`] of a type, known or not: `(&&ShapeOf::<T>::new()).__model_shape()`.
pub struct ShapeOf<T: ?Sized>(PhantomData<fn() -> Box<T>>);

impl<T: ?Sized> ShapeOf<T> {
    /// The probe for `T`.
    #[inline]
    pub const fn new() -> Self {
        ShapeOf(PhantomData)
    }
}

impl<T: ?Sized> Default for ShapeOf<T> {
    fn default() -> Self {
        ShapeOf::new()
    }
}

/// `ShapeOf` a [`HasShape`] type: its shape.
pub trait ViaShape {
    /// The type's shape.
    fn __model_shape(&self) -> Shape;
}

impl<T: HasShape + ?Sized> ViaShape for &ShapeOf<T> {
    fn __model_shape(&self) -> Shape {
        T::SHAPE
    }
}

/// `ShapeOf` any other type: [`Shape::Unknown`].
pub trait ViaNoShape {
    /// [`Shape::Unknown`].
    fn __model_shape(&self) -> Shape;
}

impl<T: ?Sized> ViaNoShape for ShapeOf<T> {
    fn __model_shape(&self) -> Shape {
        Shape::Unknown
    }
}

#[cold]
fn opaque(type_name: &'static str) -> Value {
    Value::Str(Cow::Owned(format!("<{type_name}>")))
}

/// Makes a field's value of type `T` from a [`Value`]:
/// `(&&Set::<T>::new()).__model_from_value(value)`.
pub struct Set<T>(PhantomData<fn() -> T>);

impl<T> Set<T> {
    /// The probe for `T`.
    #[inline]
    pub const fn new() -> Self {
        Set(PhantomData)
    }
}

impl<T> Default for Set<T> {
    fn default() -> Self {
        Set::new()
    }
}

/// `Set` of a [`FromValue`] type: its [`FromValue::from_value`].
pub trait ViaFromValue {
    /// The field's type.
    type Target;
    /// `value` as the field's type.
    fn __model_from_value(&self, value: Value) -> Result<Self::Target, Error>;
}

impl<T: FromValue> ViaFromValue for &Set<T> {
    type Target = T;

    #[inline]
    fn __model_from_value(&self, value: Value) -> Result<T, Error> {
        T::from_value(value)
    }
}

/// `Set` of any other type: an error with the code `unsupported`.
pub trait ViaNoFromValue {
    /// The field's type.
    type Target;
    /// An error: the field cannot be set by name.
    fn __model_from_value(&self, value: Value) -> Result<Self::Target, Error>;
}

impl<T> ViaNoFromValue for Set<T> {
    type Target = T;

    #[inline]
    fn __model_from_value(&self, _: Value) -> Result<T, Error> {
        Err(unsupported(type_name::<T>()))
    }
}

#[cold]
fn unsupported(type_name: &'static str) -> Error {
    Error::new(
        "unsupported",
        "`{type}` cannot be set by name: use its typed setter",
    )
    .with_param("type", short_type_name(type_name))
}

/// A type's name without the paths of its types: `Vec<Window>` for
/// `alloc::vec::Vec<app::Window>`.
fn short_type_name(name: &str) -> String {
    let mut short = String::with_capacity(name.len());
    let mut word = String::new();
    let mut chars = name.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_alphanumeric() || c == '_' {
            word.push(c);
        } else if c == ':' && chars.peek() == Some(&':') {
            // A path segment: dropped with its `::`.
            chars.next();
            word.clear();
        } else {
            short.push_str(&word);
            word.clear();
            short.push(c);
        }
    }
    short.push_str(&word);
    short
}

/// `$value` (a reference to a field) as a [`Value`], through the [`Get`] probe. The same as
/// `(&&&Get($value)).__model_to_value()` with the probe traits in scope; as a macro of this
/// crate, its expansion is not linted in the user's crate (clippy's `needless_borrow` would
/// flag the fallback's extra reference).
#[macro_export]
#[doc(hidden)]
macro_rules! __model_get {
    ($value:expr) => {{
        #[allow(unused_imports)]
        use $crate::__private::probe::*;
        (&&&$crate::__private::Get($value)).__model_to_value()
    }};
}

/// `$value` (a [`Value`]) as a `$ty`, through the [`Set`] probe: a `Result<$ty, Error>`. The
/// same as `(&&Set::<$ty>::new()).__model_from_value($value)` with the probe traits in scope.
#[macro_export]
#[doc(hidden)]
macro_rules! __model_set {
    ($ty:ty, $value:expr) => {{
        #[allow(unused_imports)]
        use $crate::__private::probe::*;
        (&&$crate::__private::Set::<$ty>::new()).__model_from_value($value)
    }};
}

/// The [`Shape`] of `$ty`, or [`Shape::Unknown`] when it has none: through the [`ShapeOf`] probe.
#[macro_export]
#[doc(hidden)]
macro_rules! __model_shape {
    ($ty:ty) => {{
        #[allow(unused_imports)]
        use $crate::__private::probe::*;
        (&&$crate::__private::ShapeOf::<$ty>::new()).__model_shape()
    }};
}

/// The default `$value` of a field of type `$ty` as a [`Value`], or `None` when the type has
/// no [`ToValue`]: for the metadata.
#[macro_export]
#[doc(hidden)]
macro_rules! __model_default {
    ($ty:ty, $value:expr) => {{
        #[allow(unused_imports)]
        use $crate::__private::probe::*;
        let __model_value: $ty = $value;
        (&&&$crate::__private::Get(&__model_value)).__model_known_value()
    }};
}

pub use crate::__model_default as default_value;
pub use crate::__model_get as get;
pub use crate::__model_set as set;
pub use crate::__model_shape as shape;
