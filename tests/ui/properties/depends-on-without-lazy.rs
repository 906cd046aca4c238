use model::Model;

#[derive(Model)]
struct Db {
    exists: i64,
    #[model(depends_on(exists))]
    foo: String,
}

fn main() {}
