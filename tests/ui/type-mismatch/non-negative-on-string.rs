use model::Model;

#[derive(Model)]
struct Server {
    #[model(non_negative)]
    name: String,
}

fn main() {}
