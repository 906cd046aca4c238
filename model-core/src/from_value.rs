//! [`FromValue`]: a Rust value from a [`Value`], for setting a field by name.

use crate::error::Error;
use crate::value::Value;
use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet, VecDeque};
use std::hash::{BuildHasher, Hash};
use std::time::Duration;

/// Conversion of a [`Value`] into a Rust value: how a field set by name gets its typed value.
///
/// The conversion checks only the kind and the range of the value; the field's rules are checked
/// by its setter afterwards. A failure is an [`Error`] with the codes a document's problems
/// have (see `model_core::json`), so that one client reads both:
///
/// - the wrong kind of value: `invalid_type`, `"expected {expected}, found {found}"`, with the
///   parameters `expected` (`"an integer"`, `"text"`...) and `found` (`"a string"`...);
/// - a number out of the type's range: `out_of_range`, `"must fit in {type} (got {value})"`,
///   with the parameters `type` (`"u8"`) and `value`.
///
/// Integers are read from [`Value::Int`] and [`Value::UInt`] only, never from a float or text;
/// floats from any number.
///
/// ```
/// use model_core::{FromValue, Value};
///
/// assert_eq!(u8::from_value(Value::Int(200)).unwrap(), 200);
///
/// let error = u8::from_value(Value::Int(300)).unwrap_err();
/// assert_eq!(
///     (error.code(), error.message()),
///     ("out_of_range", "must fit in u8 (got 300)".to_string())
/// );
///
/// let error = i64::from_value(Value::from("four")).unwrap_err();
/// assert_eq!(error.code(), "invalid_type");
/// assert_eq!(error.message(), "expected an integer, found a string");
///
/// let tags = Vec::<String>::from_value(Value::from(vec!["prod", "eu"])).unwrap();
/// assert_eq!(tags, ["prod", "eu"]);
/// ```
///
/// Implement it for your own types to make their fields settable by name:
///
/// ```
/// use model_core::{Error, FromValue, Value};
///
/// struct Celsius(f64);
///
/// impl FromValue for Celsius {
///     fn from_value(value: Value) -> Result<Self, Error> {
///         f64::from_value(value).map(Celsius)
///     }
/// }
///
/// assert_eq!(Celsius::from_value(Value::Int(21)).unwrap().0, 21.0);
/// ```
pub trait FromValue: Sized {
    /// `value` as a `Self`, or why it is not one.
    fn from_value(value: Value) -> Result<Self, Error>;
}

/// The error of a value of the wrong kind.
#[cold]
pub(crate) fn mismatch(expected: &'static str, found: &Value) -> Error {
    Error::new("invalid_type", "expected {expected}, found {found}")
        .with_param("expected", expected)
        .with_param("found", found_kind(found))
}

/// What a value is, as a document's `invalid_type` says it.
pub(crate) fn found_kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Int(_) | Value::UInt(_) => "an integer",
        Value::Float(_) => "a decimal number",
        Value::Str(_) => "a string",
        Value::List(_) => "a sequence",
        Value::Map(_) => "a map",
    }
}

/// The error of a number out of the range of `ty`.
#[cold]
pub(crate) fn out_of_range(value: Value, ty: &'static str) -> Error {
    Error::new("out_of_range", "must fit in {type} (got {value})")
        .with_param("type", ty)
        .with_param("value", value)
}

macro_rules! from_value_int {
    ($($ty:ident),*) => {$(
        impl FromValue for $ty {
            fn from_value(value: Value) -> Result<Self, Error> {
                let fits = match value {
                    Value::Int(v) => $ty::try_from(v).ok(),
                    Value::UInt(v) => $ty::try_from(v).ok(),
                    _ => return Err(mismatch("an integer", &value)),
                };
                fits.ok_or_else(|| out_of_range(value, stringify!($ty)))
            }
        }
    )*};
}
from_value_int!(i8, i16, i32, i64, i128, isize, u8, u16, u32, u64, u128, usize);

impl FromValue for f64 {
    fn from_value(value: Value) -> Result<Self, Error> {
        value.as_f64().ok_or_else(|| mismatch("a number", &value))
    }
}

impl FromValue for f32 {
    fn from_value(value: Value) -> Result<Self, Error> {
        let Some(wide) = value.as_f64() else {
            return Err(mismatch("a number", &value));
        };
        let narrow = wide as f32;
        if narrow.is_infinite() && wide.is_finite() {
            Err(out_of_range(value, "f32"))
        } else {
            Ok(narrow)
        }
    }
}

impl FromValue for bool {
    fn from_value(value: Value) -> Result<Self, Error> {
        match value {
            Value::Bool(v) => Ok(v),
            other => Err(mismatch("a boolean", &other)),
        }
    }
}

impl FromValue for char {
    fn from_value(value: Value) -> Result<Self, Error> {
        let Value::Str(text) = &value else {
            return Err(mismatch("a character", &value));
        };
        let mut chars = text.chars();
        match (chars.next(), chars.next()) {
            (Some(c), None) => Ok(c),
            _ => Err(Error::new(
                "invalid_type",
                "expected {expected}, found text of {length} characters",
            )
            .with_param("expected", "a single character")
            .with_param("found", found_kind(&value))
            .with_param("length", text.chars().count())),
        }
    }
}

impl<'a> FromValue for Cow<'a, str> {
    fn from_value(value: Value) -> Result<Self, Error> {
        match value {
            Value::Str(text) => Ok(text),
            other => Err(mismatch("text", &other)),
        }
    }
}

impl FromValue for String {
    fn from_value(value: Value) -> Result<Self, Error> {
        Cow::<str>::from_value(value).map(Cow::into_owned)
    }
}

impl FromValue for Value {
    fn from_value(value: Value) -> Result<Self, Error> {
        Ok(value)
    }
}

/// [`Value::Null`] is `None`; anything else is `Some`.
impl<T: FromValue> FromValue for Option<T> {
    fn from_value(value: Value) -> Result<Self, Error> {
        match value {
            Value::Null => Ok(None),
            other => T::from_value(other).map(Some),
        }
    }
}

impl<T: FromValue> FromValue for Box<T> {
    fn from_value(value: Value) -> Result<Self, Error> {
        T::from_value(value).map(Box::new)
    }
}

/// A non-negative number of seconds, as [`ToValue`](crate::ToValue) writes it.
impl FromValue for Duration {
    fn from_value(value: Value) -> Result<Self, Error> {
        let Some(seconds) = value.as_f64() else {
            return Err(mismatch("a number", &value));
        };
        Duration::try_from_secs_f64(seconds).map_err(|_| out_of_range(value, "Duration"))
    }
}

/// Items of a [`Value::List`], converted in order.
fn items<T: FromValue, C: FromIterator<T>>(value: Value) -> Result<C, Error> {
    match value {
        Value::List(items) => items.into_iter().map(T::from_value).collect(),
        other => Err(mismatch("a list", &other)),
    }
}

/// Entries of a [`Value::Map`], their values converted in order.
fn entries<T: FromValue, C: FromIterator<(String, T)>>(value: Value) -> Result<C, Error> {
    match value {
        Value::Map(entries) => entries
            .into_iter()
            .map(|(key, value)| T::from_value(value).map(|value| (key, value)))
            .collect(),
        other => Err(mismatch("a map", &other)),
    }
}

impl<T: FromValue> FromValue for Vec<T> {
    fn from_value(value: Value) -> Result<Self, Error> {
        items(value)
    }
}

impl<T: FromValue> FromValue for VecDeque<T> {
    fn from_value(value: Value) -> Result<Self, Error> {
        items(value)
    }
}

impl<T: FromValue + Ord> FromValue for BTreeSet<T> {
    fn from_value(value: Value) -> Result<Self, Error> {
        items(value)
    }
}

impl<T: FromValue + Eq + Hash, S: BuildHasher + Default> FromValue for HashSet<T, S> {
    fn from_value(value: Value) -> Result<Self, Error> {
        items(value)
    }
}

impl<T: FromValue> FromValue for BTreeMap<String, T> {
    fn from_value(value: Value) -> Result<Self, Error> {
        entries(value)
    }
}

impl<T: FromValue, S: BuildHasher + Default> FromValue for HashMap<String, T, S> {
    fn from_value(value: Value) -> Result<Self, Error> {
        entries(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fmt::Debug;

    #[track_caller]
    fn ok<T: FromValue + PartialEq + Debug>(value: impl Into<Value>, expected: T) {
        assert_eq!(T::from_value(value.into()).unwrap(), expected);
    }

    /// Asserts a kind mismatch: its code, parameters and message.
    #[track_caller]
    fn mismatched<T: FromValue + Debug>(value: impl Into<Value>, expected: &str, found: &str) {
        let error = T::from_value(value.into()).unwrap_err();
        assert_eq!(error.code(), "invalid_type");
        assert_eq!(error.params().len(), 2);
        assert_eq!(
            error.param("expected"),
            Some(&Value::from(expected.to_owned()))
        );
        assert_eq!(error.param("found"), Some(&Value::from(found.to_owned())));
        assert_eq!(
            error.message(),
            format!("expected {expected}, found {found}")
        );
    }

    /// Asserts a range error: its code, parameters and message.
    #[track_caller]
    fn too_big<T: FromValue + Debug>(value: impl Into<Value>, ty: &str) {
        let value = value.into();
        let error = T::from_value(value.clone()).unwrap_err();
        assert_eq!(error.code(), "out_of_range");
        assert_eq!(error.params().len(), 2);
        assert_eq!(error.param("value"), Some(&value));
        assert_eq!(error.param("type"), Some(&Value::from(ty.to_owned())));
        assert_eq!(error.message(), format!("must fit in {ty} (got {value})"));
    }

    #[test]
    fn signed() {
        ok(Value::Int(-128), -128i8);
        ok(Value::UInt(127), 127i8);
        too_big::<i8>(Value::Int(-129), "i8");
        too_big::<i8>(Value::Int(128), "i8");
        ok(Value::Int(i16::MIN.into()), i16::MIN);
        too_big::<i16>(Value::Int(40_000), "i16");
        ok(Value::Int(i32::MAX.into()), i32::MAX);
        too_big::<i32>(Value::Int(i64::MAX), "i32");
        ok(Value::Int(i64::MIN), i64::MIN);
        ok(Value::UInt(i64::MAX as u64), i64::MAX);
        too_big::<i64>(Value::UInt(u64::MAX), "i64");
        ok(Value::Int(-1), -1isize);
        ok(Value::UInt(u64::MAX), i128::from(u64::MAX));
        ok(Value::Int(i64::MIN), i128::from(i64::MIN));
        mismatched::<i32>(1.5, "an integer", "a decimal number");
        mismatched::<i64>("4", "an integer", "a string");
        mismatched::<isize>(Value::Null, "an integer", "null");
        mismatched::<i128>(true, "an integer", "a boolean");
    }

    #[test]
    fn unsigned() {
        ok(Value::Int(255), 255u8);
        too_big::<u8>(Value::Int(256), "u8");
        too_big::<u8>(Value::Int(-1), "u8");
        ok(Value::UInt(65_535), u16::MAX);
        too_big::<u16>(Value::UInt(65_536), "u16");
        ok(Value::Int(7), 7u32);
        too_big::<u32>(Value::UInt(u64::MAX), "u32");
        ok(Value::UInt(u64::MAX), u64::MAX);
        too_big::<u64>(Value::Int(i64::MIN), "u64");
        ok(Value::Int(3), 3usize);
        too_big::<usize>(Value::Int(-3), "usize");
        ok(Value::UInt(9), 9u128);
        too_big::<u128>(Value::Int(-9), "u128");
        mismatched::<u8>(vec![1u8], "an integer", "a sequence");
        mismatched::<usize>(Value::Map(vec![]), "an integer", "a map");
        mismatched::<u64>(2.0, "an integer", "a decimal number");
    }

    #[test]
    fn floats() {
        ok(1.5, 1.5f64);
        ok(Value::Int(-2), -2.0f64);
        ok(Value::UInt(u64::MAX), u64::MAX as f64);
        ok(f64::INFINITY, f64::INFINITY);
        ok(0.25, 0.25f32);
        ok(Value::Int(3), 3.0f32);
        ok(f64::NEG_INFINITY, f32::NEG_INFINITY);
        assert!(f32::from_value(Value::Float(f64::NAN)).unwrap().is_nan());
        too_big::<f32>(1e300, "f32");
        mismatched::<f64>("1.5", "a number", "a string");
        mismatched::<f32>(Value::Null, "a number", "null");
    }

    #[test]
    fn booleans() {
        ok(true, true);
        ok(false, false);
        mismatched::<bool>(Value::Int(1), "a boolean", "an integer");
        mismatched::<bool>("true", "a boolean", "a string");
    }

    #[test]
    fn characters() {
        ok("x", 'x');
        ok("é", 'é');
        mismatched::<char>(Value::Int(120), "a character", "an integer");
        for (text, length) in [("", 0), ("xy", 2), ("été", 3)] {
            let error = char::from_value(Value::from(text)).unwrap_err();
            assert_eq!(error.code(), "invalid_type");
            assert_eq!(
                error.param("expected"),
                Some(&Value::str("a single character"))
            );
            assert_eq!(error.param("found"), Some(&Value::str("a string")));
            assert_eq!(error.param("length"), Some(&Value::UInt(length)));
            assert_eq!(
                error.message(),
                format!("expected a single character, found text of {length} characters")
            );
        }
    }

    #[test]
    fn text() {
        ok("eu-west-1", String::from("eu-west-1"));
        ok(String::from("owned"), String::from("owned"));
        mismatched::<String>(Value::Int(1), "text", "an integer");
        mismatched::<String>(Value::Null, "text", "null");

        let borrowed = Cow::<'static, str>::from_value(Value::str("static")).unwrap();
        assert!(matches!(borrowed, Cow::Borrowed("static")));
        ok(
            String::from("owned"),
            Cow::<'static, str>::Owned("owned".into()),
        );
        mismatched::<Cow<'static, str>>(false, "text", "a boolean");
    }

    #[test]
    fn options() {
        ok(Value::Null, None::<u8>);
        ok(Value::Int(4), Some(4u8));
        ok(Value::Null, None::<Option<u8>>);
        too_big::<Option<u8>>(Value::Int(400), "u8");
        mismatched::<Option<String>>(Value::Int(1), "text", "an integer");
    }

    #[test]
    fn boxes() {
        ok("boxed", Box::new(String::from("boxed")));
        mismatched::<Box<u8>>("1", "an integer", "a string");
    }

    #[test]
    fn values() {
        let map = Value::Map(vec![("a".into(), Value::List(vec![Value::Null]))]);
        ok(map.clone(), map);
        ok(Value::Null, Value::Null);
    }

    #[test]
    fn durations() {
        ok(1.5, Duration::from_millis(1500));
        ok(Value::UInt(2), Duration::from_secs(2));
        too_big::<Duration>(-1.0, "Duration");
        too_big::<Duration>(Value::Int(-1), "Duration");
        mismatched::<Duration>("1s", "a number", "a string");
    }

    #[test]
    fn lists() {
        ok(vec![1u8, 2, 3], vec![1u8, 2, 3]);
        ok(Value::List(vec![]), Vec::<String>::new());
        ok(
            vec!["b", "a", "b"],
            BTreeSet::from(["a".to_owned(), "b".to_owned()]),
        );
        ok(vec![1u8, 2], HashSet::<u8>::from([2, 1]));
        ok(vec![1u8, 2], VecDeque::from([1u16, 2]));
        ok(
            Value::List(vec![Value::Null, Value::Int(1)]),
            vec![None, Some(1i8)],
        );
        mismatched::<Vec<u8>>("abc", "a list", "a string");
        mismatched::<Vec<u8>>(Value::Map(vec![]), "a list", "a map");
        mismatched::<HashSet<u8>>(Value::Null, "a list", "null");
        // An error inside reports the item, without its index.
        mismatched::<Vec<u8>>(
            vec![Value::Int(1), Value::from("2")],
            "an integer",
            "a string",
        );
        let error = VecDeque::<u8>::from_value(Value::from(vec![1u16, 300])).unwrap_err();
        assert_eq!(error.param("value"), Some(&Value::UInt(300)));
        assert_eq!(error.message(), "must fit in u8 (got 300)");
    }

    #[test]
    fn maps() {
        let value = Value::Map(vec![
            ("cpu".into(), Value::Int(2)),
            ("ram".into(), Value::UInt(16)),
        ]);
        ok(
            value.clone(),
            BTreeMap::from([("cpu".to_owned(), 2u32), ("ram".to_owned(), 16)]),
        );
        ok(
            value,
            HashMap::from([("cpu".to_owned(), 2i64), ("ram".to_owned(), 16)]),
        );
        ok(Value::Map(vec![]), BTreeMap::<String, u8>::new());
        mismatched::<BTreeMap<String, u8>>(vec![1u8], "a map", "a sequence");
        mismatched::<HashMap<String, u8>>("x", "a map", "a string");
        let error =
            HashMap::<String, u8>::from_value(Value::Map(vec![("cpu".into(), Value::Int(-1))]))
                .unwrap_err();
        assert_eq!(error.message(), "must fit in u8 (got -1)");
    }
}
