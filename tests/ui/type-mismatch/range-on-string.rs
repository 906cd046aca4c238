use model::Model;

#[derive(Model)]
struct Server {
    #[model(range(1..=10))]
    name: String,
}

fn main() {}
