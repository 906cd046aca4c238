use model::Model;

#[derive(Model)]
struct Server {
    #[model(length(min = 1, max = 64))]
    name: String,
    #[model(range(min = 1, max = 9))]
    tier: u8,
}

fn main() {}
