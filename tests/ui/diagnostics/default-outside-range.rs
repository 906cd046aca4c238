use model::Model;

#[derive(Model)]
struct Server {
    #[model(default = 10, range(1..=5))]
    tier: u8,
}

fn main() {}
