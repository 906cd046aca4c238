use model::Model;

#[derive(Model)]
struct User {
    #[model(with)]
    name: String,
}

fn main() {}
