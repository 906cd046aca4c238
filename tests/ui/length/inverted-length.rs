use model::Model;

#[derive(Model)]
struct User {
    #[model(length(5..=2))]
    name: String,
}

fn main() {}
