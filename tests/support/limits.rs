//! `Limits`: a model of every rule that has a JSON Schema keyword, and `Inner`, the model it
//! nests; shared by the schema agreement tests (export against a validator, export loaded back).

use model::Model;
use std::collections::BTreeMap;

#[derive(Model, Debug)]
pub struct Inner {
    #[model(range(1..=3))]
    v: i8,
}

/// Every rule here has a keyword.
#[derive(Model, Debug)]
pub struct Limits {
    #[model(length(2..=5))]
    name: String,
    #[model(range(-3..=7))]
    small: i64,
    #[model(range(0.5..2.5))]
    ratio: f64,
    #[model(positive)]
    count: u8,
    #[model(length(1..=3), each(length(..=2), prefix("a")))]
    tags: Vec<String>,
    #[model(one_of("x", "y"))]
    kind: String,
    #[model(default = 3, non_negative)]
    retries: i32,
    #[model(keys(length(1..=2)), values(range(..=9)))]
    map: BTreeMap<String, u16>,
    #[model(nested)]
    inner: Option<Inner>,
    #[model(contains("é"), suffix("!"))]
    shout: String,
    #[model(alphanumeric)]
    code: String,
    #[model(ascii)]
    plain: Option<String>,
    letter: char,
    #[model(non_empty, each(non_empty))]
    grid: Vec<Vec<bool>>,
    /// `\w`, `.` and `\d` mean Unicode classes in the `regex` crate.
    #[model(pattern(r"^\w.\d$"))]
    word: String,
}
