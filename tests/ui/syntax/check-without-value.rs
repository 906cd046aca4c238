use model::Model;

#[derive(Model)]
struct User {
    #[model(check)]
    name: String,
}

fn main() {}
