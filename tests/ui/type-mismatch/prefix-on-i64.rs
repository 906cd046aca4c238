use model::Model;

#[derive(Model)]
struct Server {
    #[model(prefix("eu-"))]
    cores: i64,
}

fn main() {}
