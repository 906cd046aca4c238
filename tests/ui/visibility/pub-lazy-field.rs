use model::{Lazy, Model};

#[derive(Model)]
pub struct Page {
    body: String,
    #[model(lazy = Self::count)]
    pub words: Lazy<usize>,
}

impl Page {
    fn count(&self) -> usize {
        self.body.split_whitespace().count()
    }
}

fn main() {}
