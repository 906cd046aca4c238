use model::Model;

#[derive(Model)]
struct User {
    #[model(length(1..=64, message = 42))]
    name: String,
}

fn main() {}
