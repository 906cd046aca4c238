//! [`Value`]: the dynamic value of a field, a rule parameter or an error parameter.
//!
//! `model` has its own small value type rather than `serde_json::Value`: it is always available
//! (serde is an optional feature), it keeps `i64`, `u64` and `f64` apart so that a bound or an
//! offending number is reported exactly as written, and its text is a `Cow<'static, str>` so that
//! rule parameters known at compile time (a pattern, a prefix) are borrowed, never copied.

use std::borrow::Cow;
use std::fmt;

/// A dynamically typed value.
///
/// ```
/// use model_core::Value;
///
/// assert_eq!(Value::from(-4i64).to_string(), "-4");
/// assert_eq!(Value::from("eu-west-1").to_string(), "eu-west-1");
/// assert_eq!(Value::from(vec![1u8, 2]).to_string(), "[1, 2]");
/// ```
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum Value {
    /// No value (`None`, JSON `null`).
    Null,
    /// A boolean.
    Bool(bool),
    /// A signed integer.
    Int(i64),
    /// An unsigned integer too large for, or declared as unsigned instead of, [`Value::Int`].
    UInt(u64),
    /// A floating-point number.
    Float(f64),
    /// Text.
    Str(Cow<'static, str>),
    /// A sequence.
    List(Vec<Value>),
    /// Named values, in order.
    Map(Vec<(String, Value)>),
}

impl Value {
    /// The text placed where a secret would be shown.
    pub const REDACTED: Value = Value::Str(Cow::Borrowed("[redacted]"));

    /// Borrowed static text, usable in `const` contexts.
    pub const fn str(text: &'static str) -> Value {
        Value::Str(Cow::Borrowed(text))
    }

    /// The value as an `i64`, when it is an integer that fits.
    pub fn as_i64(&self) -> Option<i64> {
        match *self {
            Value::Int(v) => Some(v),
            Value::UInt(v) => i64::try_from(v).ok(),
            _ => None,
        }
    }

    /// The value as a `u64`, when it is a non-negative integer.
    pub fn as_u64(&self) -> Option<u64> {
        match *self {
            Value::Int(v) => u64::try_from(v).ok(),
            Value::UInt(v) => Some(v),
            _ => None,
        }
    }

    /// The value as an `f64`, when it is a number.
    pub fn as_f64(&self) -> Option<f64> {
        match *self {
            Value::Int(v) => Some(v as f64),
            Value::UInt(v) => Some(v as f64),
            Value::Float(v) => Some(v),
            _ => None,
        }
    }

    /// The value as text, when it is text.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::Str(s) => Some(s),
            _ => None,
        }
    }

    /// A short name of the value's kind, for error messages: `"integer"`, `"string"`, ...
    pub fn kind(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Bool(_) => "boolean",
            Value::Int(_) | Value::UInt(_) => "integer",
            Value::Float(_) => "number",
            Value::Str(_) => "string",
            Value::List(_) => "list",
            Value::Map(_) => "map",
        }
    }
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Null => f.write_str("null"),
            Value::Bool(v) => fmt::Display::fmt(v, f),
            Value::Int(v) => fmt::Display::fmt(v, f),
            Value::UInt(v) => fmt::Display::fmt(v, f),
            Value::Float(v) => fmt::Debug::fmt(v, f),
            Value::Str(v) => f.write_str(v),
            Value::List(items) => {
                f.write_str("[")?;
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    match item {
                        Value::Str(s) => write!(f, "{s:?}")?,
                        other => fmt::Display::fmt(other, f)?,
                    }
                }
                f.write_str("]")
            }
            Value::Map(entries) => {
                f.write_str("{")?;
                for (i, (key, value)) in entries.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{key}: {value}")?;
                }
                f.write_str("}")
            }
        }
    }
}

/// Conversion of a Rust value into a [`Value`], for error parameters, rule metadata and
/// get-by-name.
///
/// Implemented for the primitive types, text, and collections of them. Implement it for your
/// own type to use it as a `range` bound:
///
/// ```
/// use model_core::{ToValue, Value};
///
/// #[derive(PartialEq, PartialOrd)]
/// struct Celsius(f64);
///
/// impl ToValue for Celsius {
///     fn to_value(&self) -> Value {
///         Value::Float(self.0)
///     }
/// }
///
/// assert_eq!(Celsius(21.5).to_value(), Value::Float(21.5));
/// ```
pub trait ToValue {
    /// This value as a [`Value`].
    fn to_value(&self) -> Value;

    /// Whether this value is finite: `false` only for the infinities and NaN of `f32` and `f64`
    /// (and of a type of yours that says so).
    ///
    /// `range`, `non_negative` and `positive` refuse a value that is not finite, so that every
    /// value they admit survives its model's round trip through JSON, which has no infinity and
    /// no NaN.
    ///
    /// ```
    /// use model_core::ToValue;
    ///
    /// assert!(1.5f64.is_finite_value());
    /// assert!(!f32::INFINITY.is_finite_value());
    /// assert!(i64::MAX.is_finite_value());
    /// ```
    #[inline]
    fn is_finite_value(&self) -> bool {
        true
    }
}

macro_rules! to_value {
    ($variant:ident as $as:ty: $($ty:ty),*) => {$(
        impl ToValue for $ty {
            #[inline]
            fn to_value(&self) -> Value {
                Value::$variant(*self as $as)
            }
        }
        impl From<$ty> for Value {
            #[inline]
            fn from(value: $ty) -> Value {
                Value::$variant(value as $as)
            }
        }
    )*};
}
to_value!(Int as i64: i8, i16, i32, i64, isize);
to_value!(UInt as u64: u8, u16, u32, u64, usize);

macro_rules! to_value_float {
    ($($ty:ty),*) => {$(
        impl ToValue for $ty {
            #[inline]
            fn to_value(&self) -> Value {
                Value::Float(f64::from(*self))
            }
            #[inline]
            fn is_finite_value(&self) -> bool {
                self.is_finite()
            }
        }
        impl From<$ty> for Value {
            #[inline]
            fn from(value: $ty) -> Value {
                Value::Float(f64::from(value))
            }
        }
    )*};
}
to_value_float!(f32, f64);

macro_rules! to_value_wide {
    ($($ty:ty),*) => {$(
        impl ToValue for $ty {
            fn to_value(&self) -> Value {
                Value::from(*self)
            }
        }
        impl From<$ty> for Value {
            fn from(value: $ty) -> Value {
                if let Ok(v) = i64::try_from(value) {
                    Value::Int(v)
                } else if let Ok(v) = u64::try_from(value) {
                    Value::UInt(v)
                } else {
                    Value::Str(Cow::Owned(value.to_string()))
                }
            }
        }
    )*};
}
to_value_wide!(i128, u128);

impl ToValue for bool {
    fn to_value(&self) -> Value {
        Value::Bool(*self)
    }
}
impl From<bool> for Value {
    fn from(value: bool) -> Value {
        Value::Bool(value)
    }
}
impl ToValue for char {
    fn to_value(&self) -> Value {
        Value::Str(Cow::Owned(self.to_string()))
    }
}
impl From<char> for Value {
    fn from(value: char) -> Value {
        value.to_value()
    }
}
impl ToValue for str {
    fn to_value(&self) -> Value {
        Value::Str(Cow::Owned(self.to_owned()))
    }
}
impl ToValue for String {
    fn to_value(&self) -> Value {
        Value::Str(Cow::Owned(self.clone()))
    }
}
impl ToValue for Cow<'_, str> {
    fn to_value(&self) -> Value {
        Value::Str(Cow::Owned(self.to_string()))
    }
}
impl From<&'static str> for Value {
    fn from(value: &'static str) -> Value {
        Value::Str(Cow::Borrowed(value))
    }
}
impl From<String> for Value {
    fn from(value: String) -> Value {
        Value::Str(Cow::Owned(value))
    }
}
impl<T: ToValue + ?Sized> ToValue for &T {
    fn to_value(&self) -> Value {
        (**self).to_value()
    }
    fn is_finite_value(&self) -> bool {
        (**self).is_finite_value()
    }
}
impl<T: ToValue> ToValue for Option<T> {
    fn to_value(&self) -> Value {
        self.as_ref().map_or(Value::Null, ToValue::to_value)
    }
}
impl<T: Into<Value>> From<Option<T>> for Value {
    fn from(value: Option<T>) -> Value {
        value.map_or(Value::Null, Into::into)
    }
}
impl<T: ToValue> ToValue for [T] {
    fn to_value(&self) -> Value {
        Value::List(self.iter().map(ToValue::to_value).collect())
    }
}
impl<T: ToValue, const N: usize> ToValue for [T; N] {
    fn to_value(&self) -> Value {
        self.as_slice().to_value()
    }
}
impl<T: ToValue> ToValue for Vec<T> {
    fn to_value(&self) -> Value {
        self.as_slice().to_value()
    }
}
impl<T: Into<Value>> From<Vec<T>> for Value {
    fn from(value: Vec<T>) -> Value {
        Value::List(value.into_iter().map(Into::into).collect())
    }
}
impl ToValue for Value {
    fn to_value(&self) -> Value {
        self.clone()
    }
}
impl ToValue for std::time::Duration {
    fn to_value(&self) -> Value {
        Value::Float(self.as_secs_f64())
    }
}
