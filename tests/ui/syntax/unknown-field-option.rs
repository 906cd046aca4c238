use model::Model;

#[derive(Model)]
struct Server {
    #[model(read_only)]
    id: u64,
}

fn main() {}
