use model::{Lazy, Model};

#[derive(Model)]
struct Db {
    exists: i64,
    foo: Lazy<String>,
}

fn main() {}
