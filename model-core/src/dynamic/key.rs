//! [`FieldKey`]: a field of a runtime model found once, by name and Rust type, then used to set
//! and get that field of the model's records with no search and no [`Value`] in between: the
//! runtime counterpart of a compiled model's typed setter and getter.

use super::define::Kind;
use super::model::{FieldDesc, RuntimeModel};
use super::plan::{Quick, Raw};
use super::record::Record;
use crate::error::{Error, ValidationErrors};
use crate::path::Trail;
use crate::value::Value;
use std::fmt;
use std::marker::PhantomData;

/// A field of one [`RuntimeModel`], found once by [`RuntimeModel::field_key`] and checked
/// against the Rust type `T` it is set and read as; then [`Record::set_typed`] and
/// [`Record::get_typed`] reach the field of any record of that model directly.
///
/// The types and the kinds they fit ([`FieldType`]): `bool` ([`Kind::Bool`]), `i64` (a signed
/// [`Kind::Integer`]), `u64` (an unsigned one), `f64` ([`Kind::Float`]), `String` ([`Kind::Text`],
/// set from and read as `&str`), `Option<T>` ([`Kind::Optional`] of a kind `T` fits), and
/// [`Value`] (any kind, as [`Record::set`] takes it).
///
/// A key is a small `Copy` value tied to its model: used with a record of another model, it is
/// refused with the code `wrong_model`.
///
/// ```
/// use model_core::dynamic::{Definition, Field, FieldRule, Int, Kind, Record};
/// use model_core::Value;
///
/// let server = Definition::new("Server")
///     .field(Field::new("name", Kind::Text).rule(FieldRule::length(1, 16)))
///     .field(Field::new("ram_gb", Kind::Integer(Int::I64)).rule(FieldRule::range(1, 4096)))
///     .field(Field::new("zone", Kind::optional(Kind::Text)))
///     .build()
///     .unwrap();
/// // Found and checked once...
/// let ram = server.field_key::<i64>("ram_gb").unwrap();
/// let zone = server.field_key::<Option<String>>("zone").unwrap();
/// // ...then used on any record of the model.
/// let fields = vec![("name".into(), Value::from("web")), ("ram_gb".into(), Value::Int(16))];
/// let mut record = Record::from_value(server, Value::Map(fields)).unwrap();
/// record.set_typed(&ram, 64).unwrap();
/// assert_eq!(record.get_typed(&ram).unwrap(), 64);
/// record.set_typed(&zone, Some("eu-west")).unwrap();
/// assert_eq!(record.get_typed(&zone).unwrap(), Some("eu-west"));
///
/// // The field's rules hold as with `set`: a refused value leaves the old one.
/// let errors = record.set_typed(&ram, 0).unwrap_err();
/// assert_eq!(errors.as_slice()[0].code(), "range");
/// assert_eq!(record.get_typed(&ram).unwrap(), 64);
///
/// // A key is checked against the field's kind once, when it is made.
/// assert_eq!(server.field_key::<bool>("ram_gb").unwrap_err().code(), "type");
/// assert_eq!(server.field_key::<i64>("ram").unwrap_err().code(), "unknown_field");
/// ```
pub struct FieldKey<T: FieldType> {
    pub(crate) model: &'static RuntimeModel,
    pub(crate) field: &'static FieldDesc,
    pub(crate) index: usize,
    /// The field's inline test, to write a valid value in place; [`Quick::Ask`] when the field
    /// is read-only or the model has struct-level checks (both fixed when the model is built).
    quick: Quick,
    ty: PhantomData<fn() -> T>,
}

impl<T: FieldType> FieldKey<T> {
    /// The model the key belongs to.
    pub fn model(&self) -> &'static RuntimeModel {
        self.model
    }

    /// The field's external name.
    pub fn name(&self) -> &'static str {
        self.field.name
    }

    /// The field's slot index, as [`RuntimeModel::field_index`] gives it.
    pub fn index(&self) -> usize {
        self.index
    }
}

/// The error of a key of the model `key` used with a record of `model`, another model.
#[cold]
fn wrong_model(key: &RuntimeModel, model: &RuntimeModel) -> Error {
    Error::new(
        "wrong_model",
        "the key is of the model `{key_model}`, the record of `{model}`",
    )
    .with_param("key_model", key.name)
    .with_param("model", model.name)
}

impl<T: FieldType> Clone for FieldKey<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: FieldType> Copy for FieldKey<T> {}

impl<T: FieldType> fmt::Debug for FieldKey<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FieldKey")
            .field("model", &self.model.name)
            .field("field", &self.field.name)
            .field("type", &T::name())
            .finish()
    }
}

mod sealed {
    pub trait Sealed {}
}

/// A Rust type a field is set and read as through a [`FieldKey`]: `bool`, `i64`, `u64`, `f64`,
/// `String` (set from `&str`, read as `&str`), `Option<T>` of those, and [`Value`].
pub trait FieldType: sealed::Sealed + 'static {
    /// What [`Record::set_typed`] takes.
    type In<'a>;
    /// What [`Record::get_typed`] gives.
    type Out<'a>;

    /// Whether the type fits a field of `kind`.
    #[doc(hidden)]
    fn fits(kind: &Kind) -> bool;

    /// The type's name, for errors.
    #[doc(hidden)]
    fn name() -> String;

    #[doc(hidden)]
    fn raw<'a>(value: Self::In<'a>) -> Raw<'a>;

    /// The value as a scalar, copied; [`Raw::Other`] for the rest.
    #[doc(hidden)]
    fn peek(value: &Self::In<'_>) -> Raw<'static>;

    #[doc(hidden)]
    fn cook<'a>(raw: Raw<'a>) -> Option<Self::Out<'a>>;
}

macro_rules! scalar {
    ($($ty:ty, $variant:ident, $name:literal, |$kind:ident| $fits:expr;)*) => {$(
        impl sealed::Sealed for $ty {}

        impl FieldType for $ty {
            type In<'a> = $ty;
            type Out<'a> = $ty;

            fn fits($kind: &Kind) -> bool {
                $fits
            }

            fn name() -> String {
                $name.into()
            }

            #[inline]
            fn raw<'a>(value: $ty) -> Raw<'a> {
                Raw::$variant(value)
            }

            #[inline(always)]
            fn peek(value: &$ty) -> Raw<'static> {
                Raw::$variant(*value)
            }

            #[inline]
            fn cook<'a>(raw: Raw<'a>) -> Option<$ty> {
                match raw {
                    Raw::$variant(v) => Some(v),
                    _ => None,
                }
            }
        }
    )*};
}

scalar! {
    bool, Bool, "bool", |kind| matches!(kind, Kind::Bool);
    i64, Int, "i64", |kind| matches!(kind, Kind::Integer(int) if !int.is_unsigned());
    u64, UInt, "u64", |kind| matches!(kind, Kind::Integer(int) if int.is_unsigned());
    f64, Float, "f64", |kind| matches!(kind, Kind::Float);
}

impl sealed::Sealed for String {}

impl FieldType for String {
    type In<'a> = &'a str;
    type Out<'a> = &'a str;

    fn fits(kind: &Kind) -> bool {
        matches!(kind, Kind::Text)
    }

    fn name() -> String {
        "String".into()
    }

    #[inline]
    fn raw<'a>(value: Self::In<'a>) -> Raw<'a> {
        Raw::Text(value)
    }

    #[inline(always)]
    fn peek(_: &&str) -> Raw<'static> {
        Raw::Other
    }

    #[inline]
    fn cook<'a>(raw: Raw<'a>) -> Option<Self::Out<'a>> {
        match raw {
            Raw::Text(v) => Some(v),
            _ => None,
        }
    }
}

impl sealed::Sealed for Value {}

impl FieldType for Value {
    type In<'a> = Value;
    type Out<'a> = Value;

    fn fits(_: &Kind) -> bool {
        true
    }

    fn name() -> String {
        "Value".into()
    }

    #[inline]
    fn raw<'a>(value: Value) -> Raw<'a> {
        Raw::Value(value)
    }

    #[inline(always)]
    fn peek(_: &Value) -> Raw<'static> {
        Raw::Other
    }

    #[inline]
    fn cook<'a>(raw: Raw<'a>) -> Option<Value> {
        Some(raw.into_value())
    }
}

impl<T: FieldType> sealed::Sealed for Option<T> {}

impl<T: FieldType> FieldType for Option<T> {
    type In<'a> = Option<T::In<'a>>;
    type Out<'a> = Option<T::Out<'a>>;

    fn fits(kind: &Kind) -> bool {
        matches!(kind, Kind::Optional(inner) if T::fits(inner))
    }

    fn name() -> String {
        format!("Option<{}>", T::name())
    }

    #[inline]
    fn raw<'a>(value: Option<T::In<'a>>) -> Raw<'a> {
        value.map_or(Raw::Null, T::raw)
    }

    #[inline(always)]
    fn peek(value: &Option<T::In<'_>>) -> Raw<'static> {
        value.as_ref().map_or(Raw::Null, T::peek)
    }

    #[inline]
    fn cook<'a>(raw: Raw<'a>) -> Option<Option<T::Out<'a>>> {
        match raw {
            Raw::Null => Some(None),
            raw => T::cook(raw).map(Some),
        }
    }
}

impl RuntimeModel {
    /// A key to the field called `name` (external name first, then its own name), to be set and
    /// read as `T` ([`FieldKey`]); found and checked once, then used on any record of this
    /// model with no search.
    ///
    /// # Errors
    ///
    /// `unknown_field` (with the close names) for an unknown name; `type` when `T` does not fit
    /// the field's kind (the error names both).
    pub fn field_key<T: FieldType>(&'static self, name: &str) -> Result<FieldKey<T>, Error> {
        let index = self
            .field_index(name)
            .map_err(|unknown| crate::__private::unknown_field_error(&unknown))?;
        let field = &self.fields[index];
        if !T::fits(&field.kind) {
            return Err(Error::new(
                "type",
                "the field `{field}` holds {kind}, which is not set nor read as {type}",
            )
            .with_param("field", field.name)
            .with_param("kind", field.kind.name())
            .with_param("type", T::name()));
        }
        Ok(FieldKey {
            model: self,
            field,
            index,
            quick: if !field.readonly && self.checks.is_empty() {
                field.plan.quick
            } else {
                Quick::Ask
            },
            ty: PhantomData,
        })
    }
}

impl Record {
    /// Sets the field of `key` to `value`: the runtime counterpart of a compiled model's typed
    /// setter. The field's rules, its read-only flag and the struct-level checks are verified,
    /// with the same errors as [`Record::set`]; on any violation the record is left as it was.
    ///
    /// ```
    /// use model_core::dynamic::{Definition, Field, FieldRule, Kind, Record};
    /// use model_core::Value;
    ///
    /// let user = Definition::new("User")
    ///     .field(Field::new("email", Kind::Text).rule(FieldRule::Contains("@".into())))
    ///     .build()
    ///     .unwrap();
    /// let email = user.field_key::<String>("email").unwrap();
    /// let fields = vec![("email".into(), Value::from("a@example.com"))];
    /// let mut record = Record::from_value(user, Value::Map(fields)).unwrap();
    /// record.set_typed(&email, "b@example.com").unwrap();
    /// assert_eq!(record.get_typed(&email).unwrap(), "b@example.com");
    /// assert!(record.set_typed(&email, "nobody").is_err());
    /// assert_eq!(record.get_typed(&email).unwrap(), "b@example.com");
    /// ```
    ///
    /// # Errors
    ///
    /// `wrong_model` when `key` is of another model; otherwise those of [`Record::set`]:
    /// `readonly`, `type` (an integer that does not fit the field's format, a float that is not
    /// finite), and the codes of the rules and checks.
    #[inline]
    pub fn set_typed<T: FieldType>(
        &mut self,
        key: &FieldKey<T>,
        value: T::In<'_>,
    ) -> Result<(), ValidationErrors> {
        // The commonest change, a valid number for a number with nothing else to run, in place;
        // anything else out of line.
        if std::ptr::eq(self.model, key.model) {
            if let Some(slot) = self.slots.get_mut(key.index) {
                if key.quick.put(&T::peek(&value), slot) {
                    return Ok(());
                }
            }
        }
        self.set_typed_slow(key.model, key.field, key.index, T::raw(value))
    }

    /// [`Record::set_typed`] the general way, out of line and for every type at once: the
    /// key's model, the field's read-only flag, its kind and rules, the struct checks.
    #[cold]
    #[inline(never)]
    fn set_typed_slow(
        &mut self,
        model: &'static RuntimeModel,
        field: &'static FieldDesc,
        index: usize,
        raw: Raw<'_>,
    ) -> Result<(), ValidationErrors> {
        if !std::ptr::eq(self.model, model) {
            let mut errors = ValidationErrors::new();
            errors.add(
                &Trail::Field(&Trail::Root, field.name),
                wrong_model(model, self.model),
            );
            return Err(errors);
        }
        if !field.readonly {
            if let Some(slot) = field.plan.admit(&raw) {
                return self.replace_slot(index, slot);
            }
        }
        // Anything else the general way, which reports.
        self.set_at(index, raw.into_value())
    }

    /// The value of the field of `key`, as `T`: the runtime counterpart of a compiled model's
    /// field access. Like it (and like [`Record::to_value`]), a secret field gives its value:
    /// the key was asked for by name.
    ///
    /// # Errors
    ///
    /// `wrong_model` when `key` is of another model.
    #[inline]
    pub fn get_typed<T: FieldType>(&self, key: &FieldKey<T>) -> Result<T::Out<'_>, Error> {
        if !std::ptr::eq(self.model, key.model) {
            return Err(wrong_model(key.model, self.model));
        }
        let slot = &self.slots[key.index];
        T::cook(Raw::of(slot)).ok_or_else(|| {
            super::slot::mismatch(super::slot::expected(&key.field.kind), &slot.to_value())
        })
    }
}
