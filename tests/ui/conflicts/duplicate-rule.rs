use model::Model;

#[derive(Model)]
struct User {
    #[model(length(1..=64), length(..=32))]
    name: String,
}

fn main() {}
