use model::Model;

#[derive(Model)]
#[model(check = Self::fits)]
struct Server {
    #[model(range(1..=64))]
    cores: u8,
}

impl Server {
    fn fits(&self) -> bool {
        self.cores > 0
    }
}

fn main() {}
