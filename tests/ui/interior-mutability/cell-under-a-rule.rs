use model::Model;
use std::cell::Cell;

#[derive(Model)]
pub struct Counter {
    #[model(check = Self::small)]
    count: Cell<u32>,
}

impl Counter {
    fn small(count: &Cell<u32>) -> Result<(), model::Error> {
        if count.get() < 10 {
            Ok(())
        } else {
            Err(model::Error::new("small", "must be below 10"))
        }
    }
}

fn main() {}
