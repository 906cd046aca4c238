use model::Model;

#[derive(Model)]
struct Server {
    #[model(range(5..5))]
    cores: u32,
}

fn main() {}
