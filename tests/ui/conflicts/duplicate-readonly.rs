use model::Model;

#[derive(Model)]
struct Server {
    #[model(readonly, readonly)]
    id: u64,
}

fn main() {}
