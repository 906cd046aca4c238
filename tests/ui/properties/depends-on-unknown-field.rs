use model::{Lazy, Model};

#[derive(Model)]
struct Db {
    exists: i64,
    #[model(lazy = Self::load, depends_on(exist))]
    foo: Lazy<String>,
}

impl Db {
    fn load(&self) -> String {
        format!("Value for {}", self.exists)
    }
}

fn main() {}
