use model::Model;

#[derive(Model)]
struct Server {
    #[model(range(..))]
    cores: u32,
}

fn main() {}
