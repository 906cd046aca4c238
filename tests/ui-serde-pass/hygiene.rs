//! Every serde attribute a model takes expands by absolute paths: it compiles beside items that
//! shadow the prelude.

#![deny(warnings, unused_qualifications)]
#![allow(dead_code, non_camel_case_types)]

struct Result;
struct Option;
struct Ok;
struct Err;
struct Some;
struct None;
struct Vec;
struct Default;
struct String;
struct PhantomData;
struct Serialize;
struct Deserialize;
mod core {}
mod std {}
mod serde {}

mod doubled {
    pub fn serialize<S: ::serde::Serializer>(
        value: &u32,
        serializer: S,
    ) -> ::core::result::Result<S::Ok, S::Error> {
        serializer.serialize_u32(value * 2)
    }

    pub fn deserialize<'de, D: ::serde::Deserializer<'de>>(
        deserializer: D,
    ) -> ::core::result::Result<u32, D::Error> {
        <u32 as ::serde::Deserialize>::deserialize(deserializer).map(|value| value / 2)
    }
}

fn one() -> u32 {
    1
}

#[derive(model::Model)]
struct Part {
    #[model(length(1..=8))]
    label: ::std::string::String,
}

#[derive(model::Model)]
struct Tagged<'a, T> {
    #[serde(alias = "title", skip_serializing_if = "str::is_empty")]
    name: &'a str,
    #[serde(with = "doubled", default = "one")]
    #[model(range(1..=10))]
    count: u32,
    #[serde(skip)]
    cache: ::std::vec::Vec<T>,
    #[serde(deserialize_with = "doubled::deserialize", skip_serializing)]
    #[model(default)]
    hidden: u32,
    #[model(nested)]
    #[serde(flatten)]
    part: Part,
}

fn main() {
    let tagged: Tagged<'_, u8> =
        ::serde_json::from_str(r#"{"title": "t", "count": 4, "label": "p"}"#).unwrap();
    assert_eq!(tagged.count(), 2);
    assert_eq!(
        ::serde_json::to_string(&tagged).unwrap(),
        r#"{"name":"t","count":4,"label":"p"}"#
    );
    let defaulted: Tagged<'_, u8> = ::serde_json::from_str(r#"{"name": "", "label": "p"}"#).unwrap();
    assert_eq!(defaulted.count(), 1);
    assert_eq!(::serde_json::to_string(&defaulted).unwrap(), r#"{"count":2,"label":"p"}"#);
}
