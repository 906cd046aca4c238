use model::Model;

#[derive(Model)]
struct Server {
    #[model(nested)]
    tags: Vec<String>,
}

fn main() {}
