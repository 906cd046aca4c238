//! The generated code names everything by absolute path: a model compiles beside items that
//! shadow the prelude, and every kind of rule and option expands without a clash.

#![allow(dead_code, non_camel_case_types)]

// Shadows of the prelude and of the names generated code is most likely to use unqualified.
struct Result;
struct Option;
struct Ok;
struct Err;
struct Some;
struct None;
struct Vec;
struct Into;
struct Default;
struct String;
struct Box;
struct FnOnce;
struct PhantomData;
struct Model;
struct Rule;
struct Error;
struct Bound;
mod core {}
mod std {}

/// A custom rule for `with = ...`.
struct Percent;

impl model::Rule<u8> for Percent {
    fn check(&self, value: &u8) -> ::core::result::Result<(), model::Error> {
        if *value <= 100 {
            ::core::result::Result::Ok(())
        } else {
            ::core::result::Result::Err(model::Error::new("percent", "must be a percentage"))
        }
    }
}

const MAX_CORES: i64 = 64;

fn even(value: &i64) -> ::core::result::Result<(), model::Error> {
    if value % 2 == 0 {
        ::core::result::Result::Ok(())
    } else {
        ::core::result::Result::Err(model::Error::new("even", "must be even"))
    }
}

#[derive(model::Model)]
#[model(name = "server", check = Self::fits, assert(Self::SLOTS >= 1, "a server needs a slot"))]
struct Server {
    #[model(range(1..=MAX_CORES, message = "out of range"), check = even)]
    cores: i64,
    #[model(non_negative)]
    ram_gb: f64,
    #[model(positive)]
    disks: u8,
    #[model(range(0.0..1.0))]
    ratio: f32,
    #[model(length(1..=64), pattern("^[a-z0-9-]+$"), ascii, prefix("srv-"), suffix("-1"), contains("-"))]
    name: ::std::string::String,
    #[model(length(bytes = ..=16), alphanumeric)]
    code: ::std::string::String,
    #[model(non_empty, each(length(1..=32), one_of("a", "b", "c")))]
    tags: ::std::vec::Vec<::std::string::String>,
    #[model(
        keys(length(1..=8), prefix("k")),
        values(range(0..=100, message = "bad limit"))
    )]
    limits: ::std::collections::BTreeMap<::std::string::String, u32>,
    #[model(one_of(1, 2, 4, 8))]
    sockets: u32,
    #[model(with = Percent)]
    load: u8,
    #[model(range(1..=9))]
    level: ::std::option::Option<u8>,
    #[model(readonly)]
    id: u64,
    #[model(default)]
    notes: ::std::string::String,
    #[model(default = 3, range(1..=5))]
    replicas: u8,
    #[model(secret, length(8..))]
    password: ::std::string::String,
    #[model(nested)]
    parts: ::std::vec::Vec<Part>,
    /// Named like the generated code's locals.
    errors: u32,
    value: u32,
    at: u32,
}

impl Server {
    const SLOTS: u32 = 2;

    fn fits(&self) -> ::core::result::Result<(), model::Error> {
        if self.ram_gb <= self.cores as f64 * 64.0 {
            ::core::result::Result::Ok(())
        } else {
            ::core::result::Result::Err(model::Error::new("fits", "needs more cores"))
        }
    }
}

/// A model nested in another.
#[derive(model::Model)]
struct Part {
    #[model(length(1..=8))]
    label: ::std::string::String,
}

/// A model without fields.
#[derive(model::Model)]
struct Empty {}

fn main() {
    let mut server = Server::new(
        2,
        16.0,
        1,
        0.5,
        "srv-a-1",
        "abc",
        vec!["a".to_owned()],
        ::std::collections::BTreeMap::from([("k1".to_owned(), 10)]),
        4,
        50,
        ::core::option::Option::Some(3),
        7,
        "secret-password",
        vec![Part::new("p").unwrap()],
        0,
        0,
        0,
    )
    .unwrap();
    assert_eq!(server.cores(), 2);
    assert_eq!(server.replicas(), 3);
    assert!(server.set_cores(3).is_err());
    assert!(server.set_cores(4).is_ok());
    server
        .update(|draft| {
            draft.set_ram_gb(32.0).set_level(::core::option::Option::None);
        })
        .unwrap();
    assert!(server.update(|draft| {
        draft.set_ram_gb(1000.0);
    })
    .is_err());
    assert_eq!(server.ram_gb(), 32.0);
    let built = Server::builder()
        .cores(2)
        .ram_gb(1.0)
        .disks(1)
        .ratio(0.0)
        .name("srv-b-1")
        .code("x")
        .tags(vec!["b".to_owned()])
        .limits(::std::collections::BTreeMap::new())
        .sockets(1)
        .load(0)
        .level(::core::option::Option::None)
        .id(1)
        .password("12345678")
        .parts(::std::vec::Vec::new())
        .errors(0)
        .value(0)
        .at(0)
        .build()
        .unwrap();
    assert_eq!(built.notes(), "");
    assert_eq!(<Server as model::Model>::meta().name(), "server");
    assert!(model::Model::validate(&built).is_ok());

    let empty = Empty::new().unwrap();
    assert!(Empty::builder().build().is_ok());
    let _ = empty;
}
