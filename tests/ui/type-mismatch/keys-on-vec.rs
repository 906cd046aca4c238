use model::Model;

#[derive(Model)]
struct Server {
    #[model(keys(length(1..=32)))]
    tags: Vec<String>,
}

fn main() {}
