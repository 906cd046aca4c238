#![cfg(feature = "json")]

//! A valid model survives its own round trip: every value that a numeric rule admits, for every
//! numeric type, serializes to JSON and reads back to the same model. JSON has no infinity and
//! no NaN (`serde_json` writes them as `null`), so the rules admit finite floats only.

use model::Model;
use proptest::prelude::*;

/// One model per rule for the type `$ty`, with range bounds `$lo` and `$hi` of that type.
macro_rules! models {
    ($module:ident, $ty:ty, $lo:literal, $hi:literal) => {
        // Only `new` of each model is used: not the builders, drafts and setters.
        #[allow(dead_code)]
        mod $module {
            use super::*;

            #[derive(Model, Debug, Clone, PartialEq)]
            pub struct NonNegative {
                #[model(non_negative)]
                value: $ty,
            }

            #[derive(Model, Debug, Clone, PartialEq)]
            pub struct Positive {
                #[model(positive)]
                value: $ty,
            }

            #[derive(Model, Debug, Clone, PartialEq)]
            pub struct Closed {
                #[model(range($lo..=$hi))]
                value: $ty,
            }

            #[derive(Model, Debug, Clone, PartialEq)]
            pub struct From {
                #[model(range($lo..))]
                value: $ty,
            }

            #[derive(Model, Debug, Clone, PartialEq)]
            pub struct Below {
                #[model(range(..$hi))]
                value: $ty,
            }

            /// Every rule's model for `value`: those that admit it must read back.
            pub fn round_trip(value: $ty) -> Result<usize, TestCaseError> {
                let mut admitted = 0;
                if let Ok(m) = NonNegative::new(value) {
                    admitted += 1;
                    check(&m)?;
                }
                if let Ok(m) = Positive::new(value) {
                    admitted += 1;
                    check(&m)?;
                }
                if let Ok(m) = Closed::new(value) {
                    admitted += 1;
                    check(&m)?;
                }
                if let Ok(m) = From::new(value) {
                    admitted += 1;
                    check(&m)?;
                }
                if let Ok(m) = Below::new(value) {
                    admitted += 1;
                    check(&m)?;
                }
                Ok(admitted)
            }
        }
    };
}

fn check<M>(model: &M) -> Result<(), TestCaseError>
where
    M: Model + serde::Serialize + serde::de::DeserializeOwned + PartialEq + std::fmt::Debug,
{
    prop_assert!(model.validate().is_ok());
    let json = serde_json::to_string(model).unwrap();
    let back: Result<M, _> = serde_json::from_str(&json);
    prop_assert!(back.is_ok(), "{json} does not read back: {:?}", back.err());
    prop_assert_eq!(&back.unwrap(), model);
    Ok(())
}

models!(of_i8, i8, -10, 10);
models!(of_i16, i16, -10, 10);
models!(of_i32, i32, -10, 10);
models!(of_i64, i64, -10, 10);
models!(of_i128, i128, -10, 10);
models!(of_isize, isize, -10, 10);
models!(of_u8, u8, 1, 10);
models!(of_u16, u16, 1, 10);
models!(of_u32, u32, 1, 10);
models!(of_u64, u64, 1, 10);
models!(of_u128, u128, 1, 10);
models!(of_usize, usize, 1, 10);
models!(of_f32, f32, -1.5, 10.0);
models!(of_f64, f64, -1.5, 10.0);

/// Any `f64`, with the edges (infinities, NaN, signed zeros, extremes) often.
fn f64s() -> impl Strategy<Value = f64> {
    prop_oneof![
        any::<f64>(),
        prop::sample::select(vec![
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::NAN,
            -f64::NAN,
            0.0,
            -0.0,
            f64::MIN,
            f64::MAX,
            f64::MIN_POSITIVE,
            f64::EPSILON,
            -1.5,
            10.0,
        ]),
    ]
}

fn f32s() -> impl Strategy<Value = f32> {
    prop_oneof![
        any::<f32>(),
        prop::sample::select(vec![
            f32::INFINITY,
            f32::NEG_INFINITY,
            f32::NAN,
            0.0,
            -0.0,
            f32::MIN,
            f32::MAX,
            f32::MIN_POSITIVE,
        ]),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn every_admitted_integer_reads_back(
        a in any::<i8>(), b in any::<i16>(), c in any::<i32>(), d in any::<i64>(),
        e in any::<i128>(), f in any::<isize>(), g in any::<u8>(), h in any::<u16>(),
        i in any::<u32>(), j in any::<u64>(), k in any::<u128>(), l in any::<usize>(),
    ) {
        of_i8::round_trip(a)?;
        of_i16::round_trip(b)?;
        of_i32::round_trip(c)?;
        of_i64::round_trip(d)?;
        of_i128::round_trip(e)?;
        of_isize::round_trip(f)?;
        of_u8::round_trip(g)?;
        of_u16::round_trip(h)?;
        of_u32::round_trip(i)?;
        of_u64::round_trip(j)?;
        of_u128::round_trip(k)?;
        of_usize::round_trip(l)?;
    }

    #[test]
    fn every_admitted_float_reads_back(x in f64s(), y in f32s()) {
        of_f64::round_trip(x)?;
        of_f32::round_trip(y)?;
    }
}

#[test]
fn no_rule_admits_an_infinity_or_nan() {
    for value in [f64::INFINITY, f64::NEG_INFINITY, f64::NAN] {
        assert_eq!(of_f64::round_trip(value).unwrap(), 0, "{value}");
    }
    for value in [f32::INFINITY, f32::NEG_INFINITY, f32::NAN] {
        assert_eq!(of_f32::round_trip(value).unwrap(), 0, "{value}");
    }
    // The largest finite numbers are admitted where in range, and read back.
    assert_eq!(of_f64::round_trip(f64::MAX).unwrap(), 3);
    assert_eq!(of_f64::round_trip(f64::MIN).unwrap(), 1);
}

/// A float kept finite by an open range from the smallest finite number, as the README says.
#[derive(Model, Debug, Clone, PartialEq)]
struct Reading {
    #[model(range(f64::MIN..))]
    value: f64,
}

#[test]
fn an_open_range_from_the_smallest_float_keeps_a_field_finite() {
    assert!(Reading::new(f64::MIN).is_ok());
    assert!(Reading::new(f64::MAX).is_ok());
    let error = Reading::new(f64::INFINITY).unwrap_err();
    assert_eq!(
        error.to_string(),
        "value: must be a finite number (got inf)"
    );
    assert!(Reading::new(f64::NAN).is_err());
}
