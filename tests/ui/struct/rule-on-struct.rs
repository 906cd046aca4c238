use model::Model;

#[derive(Model)]
#[model(length(1..=64))]
struct Server {
    name: String,
}

fn main() {}
