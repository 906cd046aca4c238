use model::Model;

#[derive(Model)]
pub struct Server {
    #[model(readonly)]
    pub(crate) id: u64,
}

fn main() {}
