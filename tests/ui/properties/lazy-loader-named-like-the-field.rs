use model::{Lazy, Model};

#[derive(Model)]
struct Page {
    items: Vec<u8>,
    #[model(lazy = Self::count)]
    count: Lazy<usize>,
}

impl Page {
    fn count(&self) -> usize {
        self.items.len()
    }
}

fn main() {}
