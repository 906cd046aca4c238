use model::Model;

#[derive(Model)]
struct Server {
    #[model(range(1..=64))]
    cores: u32,
    meta: String,
}

fn main() {}
