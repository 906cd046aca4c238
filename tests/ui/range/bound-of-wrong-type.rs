use model::Model;

#[derive(Model)]
struct Server {
    #[model(range(0.5..=8.0))]
    cores: u32,
}

fn main() {}
