use model::Model;

#[derive(Model)]
#[model(serde = "no")]
struct Server {
    #[model(range(1..=64))]
    cores: u32,
}

fn main() {}
