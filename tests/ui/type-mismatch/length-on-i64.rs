use model::Model;

#[derive(Model)]
struct Server {
    #[model(length(1..=64))]
    cores: i64,
}

fn main() {}
