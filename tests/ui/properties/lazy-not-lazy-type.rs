use model::Model;

#[derive(Model)]
struct Db {
    exists: i64,
    #[model(lazy = Self::load)]
    foo: String,
}

impl Db {
    fn load(&self) -> String {
        String::from("Value for foo")
    }
}

fn main() {}
