use model::Model;

#[derive(Model)]
struct User {
    #[model(length(1.5..))]
    name: String,
}

fn main() {}
