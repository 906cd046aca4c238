use model::Model;

#[derive(Model)]
struct Server {
    #[model(range(1..=64))]
    #[model(range(1..=32))]
    cores: u32,
}

fn main() {}
