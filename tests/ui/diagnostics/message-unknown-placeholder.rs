use model::Model;

#[derive(Model)]
struct Server {
    #[model(range(1..=64, message = "must be at least {mn} cores"))]
    cores: u32,
}

fn main() {}
