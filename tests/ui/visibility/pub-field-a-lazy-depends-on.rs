use model::{Lazy, Model};

#[derive(Model)]
pub struct Page {
    pub body: String,
    #[model(lazy = Self::count, depends_on(body))]
    words: Lazy<usize>,
}

impl Page {
    fn count(&self) -> usize {
        self.body.split_whitespace().count()
    }
}

fn main() {}
