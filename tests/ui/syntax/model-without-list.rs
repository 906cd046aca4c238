use model::Model;

#[derive(Model)]
struct User {
    #[model]
    name: String,
}

fn main() {}
