use model::Model;

#[derive(Model)]
struct Server {
    #[model(range(1..=9), message = "one to nine")]
    tier: u8,
}

fn main() {}
