use model::{Lazy, Model};

#[derive(Model)]
struct Db {
    exists: i64,
    #[model(lazy = Self::load, length(1..))]
    foo: Lazy<String>,
}

impl Db {
    fn load(&self) -> String {
        String::from("Value for foo")
    }
}

fn main() {}
