use model::Model;

#[derive(Model)]
struct User {
    #[model(non_empty, length(..=64))]
    name: String,
}

fn main() {}
