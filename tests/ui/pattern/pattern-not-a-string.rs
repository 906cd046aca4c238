use model::Model;

#[derive(Model)]
struct Server {
    #[model(pattern(42))]
    region: String,
}

fn main() {}
