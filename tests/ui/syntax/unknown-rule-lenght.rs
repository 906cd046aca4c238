use model::Model;

#[derive(Model)]
struct User {
    #[model(lenght(1..=64))]
    name: String,
}

fn main() {}
