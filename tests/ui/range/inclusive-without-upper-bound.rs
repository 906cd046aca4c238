use model::Model;

#[derive(Model)]
struct Server {
    #[model(range(1..=))]
    cores: u32,
}

fn main() {}
