use model::Model;

#[derive(Model)]
#[model(transparent)]
struct Server {
    #[model(range(1..=64))]
    cores: u32,
}

fn main() {}
