use model::Model;

#[derive(Model)]
struct User {
    #[model(length(..0))]
    name: String,
}

fn main() {}
