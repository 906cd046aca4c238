use model::Model;

#[derive(Model)]
pub struct Server {
    #[model(range(1..=64))]
    pub cores: u32,
}

fn main() {}
