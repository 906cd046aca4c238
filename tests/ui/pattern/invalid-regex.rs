use model::Model;

#[derive(Model)]
struct Server {
    #[model(pattern("[a-"))]
    region: String,
}

fn main() {}
