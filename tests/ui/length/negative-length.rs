use model::Model;

#[derive(Model)]
struct User {
    #[model(length(-1..))]
    name: String,
}

fn main() {}
