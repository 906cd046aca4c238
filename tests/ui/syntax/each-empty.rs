use model::Model;

#[derive(Model)]
struct Server {
    #[model(each())]
    tags: Vec<String>,
}

fn main() {}
