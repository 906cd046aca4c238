use model::{Lazy, Model};

#[derive(Model)]
struct Plot {
    width: i64,
    #[model(lazy = Plot::compute_area)]
    area: Lazy<String>,
}

impl Plot {
    fn compute_area(&self) -> i64 {
        self.width * 2
    }
}

fn main() {}
